"""Colour arithmetic: WCAG 2.x relative luminance and contrast ratio."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from handouts.errors import Diagnostic, Location

WHITE = "#FFFFFF"
NEAR_BLACK = "#1A1A1A"
AA_BODY = 4.5
"""WCAG 2.x level AA minimum contrast for body text."""


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


def luminance(hex_colour: str) -> float:
    """WCAG relative luminance, 0 (black) to 1 (white)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(c) for c in rgb(hex_colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


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


def contrast_warnings(palette: Palette, where: Location | None) -> list[Diagnostic]:
    """WCAG AA problems of a brand's text colours (code `low-contrast`), each with its ratio
    and where it is used; `where` is the brand file the colours were written in."""
    from handouts.errors import Diagnostic

    primary, secondary = palette.primary, palette.secondary
    foreground, background = palette.foreground, palette.background
    pairs = [
        (foreground, background, "body text (foreground on background)"),
        (primary, background, "headings, links and bullets (primary on background)"),
        (text_on(primary), primary, "titles on the colour band (text on primary)"),
        (foreground, secondary, "callout text in print (foreground on secondary)"),
        (text_on(secondary), secondary, "callout text on slides (text on secondary)"),
    ]
    out = []
    for text, ground, use in pairs:
        ratio = contrast(text, ground)
        if ratio < AA_BODY:
            out.append(Diagnostic("low-contrast", f"{text} on {ground} has a contrast of "
                                  f"{ratio:.2f}:1, below WCAG AA {AA_BODY}:1 for body text; "
                                  f"used for {use}", where))
    return out
