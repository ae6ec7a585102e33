"""Colour arithmetic: WCAG 2.x relative luminance and contrast ratio (handouts.contrast
chooses text colours with them)."""

from __future__ import annotations

import colorsys
import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

WHITE = "#FFFFFF"
NEAR_BLACK = "#1A1A1A"


HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
"""A colour as the brand may write it: #RGB or #RRGGBB, either case."""


def parse_hex(text: str) -> str | None:
    """`text` ('#RGB' or '#RRGGBB', either case) as '#RRGGBB' in capitals; None if it is
    not a hex colour. The one reading of a written colour: every other function here and
    both writers take what it returns."""
    if not HEX_RE.match(text):
        return None
    if len(text) == 4:
        text = "#" + "".join(c * 2 for c in text[1:])
    return text.upper()


def css_colour(name: str) -> str | None:
    """The CSS Color 4 named colour `name`, in any case ('navy', 'RebeccaPurple'), as
    '#RRGGBB' in capitals; None if it names none. The 148 names and their values are
    Pillow's (PIL.ImageColor.colormap), the table brand.yml's CSS readers share."""
    from PIL import ImageColor

    key = name.lower()
    if key not in ImageColor.colormap:  # its keys are the names; getrgb caches values there
        return None
    red, green, blue = ImageColor.getrgb(key)[:3]
    return f"#{red:02X}{green:02X}{blue:02X}"



def parse_colour(text: str) -> str | None:
    """`text` as '#RRGGBB' in capitals: a hex colour as `parse_hex` reads it, or a CSS
    colour name in any case ('navy', 'RebeccaPurple'); None if it is neither."""
    return css_colour(text) or parse_hex(text)


def channels(hex_colour: str) -> tuple[int, int, int]:
    """'#RRGGBB' (or '#RGB') as red, green and blue from 0 to 255; raises ValueError if it
    is not a hex colour."""
    value = parse_hex(hex_colour)
    if value is None:
        raise ValueError(f"not a hex colour: {hex_colour!r}")
    return int(value[1:3], 16), int(value[3:5], 16), int(value[5:7], 16)


def rgb(hex_colour: str) -> tuple[float, float, float]:
    """'#RRGGBB' as three channels from 0 to 1; raises ValueError if it is not a hex
    colour."""
    red, green, blue = channels(hex_colour)
    return red / 255, green / 255, blue / 255


def linear(c: float) -> float:
    """An sRGB channel (0 to 1) in linear light (IEC 61966-2-1)."""
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def gamma(c: float) -> float:
    """A linear-light channel (0 to 1) back in sRGB; the inverse of `linear`."""
    return c * 12.92 if c <= 0.0031308 else 1.055 * c ** (1 / 2.4) - 0.055


@functools.lru_cache(maxsize=1024)
def luminance(hex_colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white); remembered per colour, as both
    writers ask for the same few colours hundreds of times a document."""
    r, g, b = (linear(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def office_modified(base: str, element: Iterable[Any]) -> str:
    """`base` ('#RRGGBB') changed by the DrawingML colour modifiers among the children of
    `element` (an XML element: <a:tint>, <a:shade>, <a:lumMod>, <a:lumOff>, each `val` in
    thousandths of a percent), in order, as Office applies them: tint and shade in linear
    light, lumMod and lumOff on HSL lightness (ECMA-376 Part 1, 20.1.2.3). Other children
    (and comments) are left out."""
    red, green, blue = rgb(base)
    for change in element:
        if not isinstance(change.tag, str):
            continue
        name = change.tag.rsplit("}", 1)[-1]
        amount = int(change.get("val", "100000")) / 100000
        if name in ("tint", "shade"):
            light = [linear(c) for c in (red, green, blue)]
            light = [1 - (1 - c) * amount if name == "tint" else c * amount for c in light]
            red, green, blue = (gamma(c) for c in light)
        elif name in ("lumMod", "lumOff"):
            hue, lightness, sat = colorsys.rgb_to_hls(red, green, blue)
            lightness = lightness * amount if name == "lumMod" else lightness + amount
            red, green, blue = colorsys.hls_to_rgb(hue, min(1.0, max(0.0, lightness)), sat)
    return "#" + "".join(f"{round(min(1.0, max(0.0, c)) * 255):02X}"
                         for c in (red, green, blue))


def contrast(a: str, b: str) -> float:
    """WCAG contrast ratio between two colours, from 1 to 21."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_on(background: str) -> str:
    """White or near-black, whichever reads better on `background`."""
    return WHITE if contrast(WHITE, background) >= contrast(NEAR_BLACK, background) else NEAR_BLACK


@dataclass(frozen=True)
class Palette:
    """A clinic's colours, each '#RRGGBB'."""

    primary: str = "#1F5C99"
    """Headings, links, bullets, title bands and rules."""
    secondary: str = "#E8F0F7"
    """Callout and panel tints."""
    foreground: str = NEAR_BLACK
    """Body text."""
    background: str = WHITE
    """The page behind the text."""


def ratio_text(ratio: float) -> str:
    """A contrast ratio as a message prints it, '2.99:1': cut, not rounded, to hundredths,
    so a ratio just under a WCAG threshold never reads as meeting it (2.996 is not
    '3.00:1')."""
    return f"{math.floor(ratio * 100) / 100:.2f}:1"

