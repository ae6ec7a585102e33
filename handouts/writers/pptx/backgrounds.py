"""What is behind the text of a clinic template's slides: one colour (`solid`), or a
picture or a gradient (`unchecked`).

A template's own text colours are kept on its placeholders, chosen by its designer for its
background. Over one colour that choice can be read and trusted; over a picture or a
gradient no one colour is behind the text, so the deck reports it (code
`unchecked-background`) naming the slides, for the clinic to give the template's
placeholders a solid fill.

Imports nothing from python-pptx: it reads the XML python-pptx's objects hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from lxml import etree

from handouts.errors import Diagnostic, Location
from handouts.writers.pptx.inherited import colour

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_NOT_SOLID = {"blipFill": "a picture", "gradFill": "a gradient", "pattFill": "a pattern"}
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"


def _background(layout: Any) -> str | None:
    """What is behind a layout's text when it is not one colour ('a picture', 'a
    gradient', 'a pattern'), else None: the layout's own background, else its master's,
    a theme background style (`bgRef`) read through the master's theme."""
    master = layout.slide_master
    for part_element, owner in ((layout._element, layout), (master._element, master)):
        bg = part_element.find(f"{_P}cSld/{_P}bg")
        if bg is None:
            continue
        props = bg.find(f"{_P}bgPr")
        if props is not None:
            return next((what for tag, what in _NOT_SOLID.items()
                         if props.find(f"{_A}{tag}") is not None), None)
        ref = bg.find(f"{_P}bgRef")
        index = int(ref.get("idx", "0")) if ref is not None else 0
        return _theme_background(owner.slide_master if owner is layout else owner, index)
    return None


def _theme_background(master: Any, index: int) -> str | None:
    """What the master theme's background style `index` (1001 and up) is when it is not
    one colour, else None."""
    if index < 1001:
        return None
    try:
        theme = master.part.part_related_by(_THEME)
    except KeyError:
        return None
    root = etree.fromstring(theme.blob)
    styles = root.find(f".//{_A}bgFillStyleLst")
    if styles is None or len(styles) <= index - 1001:
        return None
    tag = etree.QName(styles[index - 1001]).localname
    return _NOT_SOLID.get(tag)


def not_solid(layout: Any) -> str | None:
    """What is behind a layout's text when it is not one colour ('a picture', 'a
    gradient', 'a pattern'), else None."""
    return _background(layout)


def unchecked(layouts: Sequence[Any], template: Path | None) -> list[Diagnostic]:
    """An `unchecked-background` warning for each layout (of slides 1, 2, ... in order)
    whose text sits on a picture, gradient or pattern, naming its slides."""
    slides: dict[int, list[int]] = {}
    seen: dict[int, Any] = {}
    for number, layout in enumerate(layouts, 1):
        slides.setdefault(id(layout), []).append(number)
        seen[id(layout)] = layout
    out = []
    for key, numbers in slides.items():
        layout = seen[key]
        what = _background(layout)
        if what is None:
            continue
        which = ", ".join(map(str, numbers))
        out.append(Diagnostic(
            "unchecked-background",
            f"slide{'s' if len(numbers) > 1 else ''} {which}: the template's layout "
            f"'{layout.name}' has {what} behind its text, so the contrast of the "
            "template's own text colours cannot be checked; give its placeholders a solid "
            "fill in the template",
            Location(template) if template is not None else None))
    return out


def solid(layout: Any) -> str | None:
    """The one colour ('#RRGGBB') behind a layout's text: its own background, else its
    master's, with theme colours resolved through the master's colour map and theme
    (handouts.writers.pptx.inherited); None when it is not one colour or cannot be read."""
    if _background(layout) is not None:
        return None
    master = layout.slide_master
    for element in (layout._element, master._element):
        bg = element.find(f"{_P}cSld/{_P}bg")
        if bg is None:
            continue
        fill = bg.find(f"{_P}bgPr/{_A}solidFill")
        holder = fill if fill is not None else bg.find(f"{_P}bgRef")
        return colour(holder, master) if holder is not None else None
    return None
