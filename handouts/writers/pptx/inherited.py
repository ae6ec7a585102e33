"""The colours a clinic template gives its placeholders' text when the deck writes none,
and the fill drawn under it, as PowerPoint works them out.

A run without a colour of its own takes the first colour found going up: the slide's
placeholder, the layout's placeholder of the same index, the master's placeholder of the
same type (each its list style, `a:lstStyle/a:lvl1pPr/a:defRPr`), then the master's text
styles (`p:txStyles`: title, body or other), then the theme's text colour 1. A linked run
is drawn in the theme's hyperlink colour. Theme colours (`schemeClr`) are read through
the master's colour map (`p:clrMap`: `tx1` is `dk1`, or on a dark master often `lt1`)
into the theme's colour scheme, and changed by their tint, shade, lumMod and lumOff
(tint and shade in linear light, lumMod and lumOff on HSL lightness, as Office does).

Imports nothing from python-pptx: it reads the XML python-pptx's objects hold.
"""

from __future__ import annotations

from typing import Any

from lxml import etree

from handouts.colours import office_modified

_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_P = "{http://schemas.openxmlformats.org/presentationml/2006/main}"
_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
_TITLES = ("title", "ctrTitle")
_OTHERS = ("dt", "ftr", "sldNum", "hdr")


def colour(holder: Any, master: Any) -> str | None:
    """The '#RRGGBB' of the colour element inside `holder` (srgbClr, sysClr, or schemeClr
    through `master`'s colour map and theme), changed by its tint, shade, lumMod and lumOff;
    None if there is none, or it is of a kind not worked out here (prstClr, hslClr, ...)."""
    element = next((c for c in holder if isinstance(c.tag, str)), None) \
        if holder is not None else None
    if element is None:
        return None
    kind = etree.QName(element).localname
    if kind == "srgbClr":
        base: str | None = "#" + str(element.get("val", "")).upper()
    elif kind == "sysClr":
        base = "#" + str(element.get("lastClr", "")).upper()
    elif kind == "schemeClr":
        base = _scheme(str(element.get("val", "")), master)
    else:
        return None
    if base is None or len(base) != 7:
        return None
    return office_modified(base, element)


def _scheme(name: str, master: Any) -> str | None:
    """A theme colour's '#RRGGBB': `name` ('tx1', 'accent2', ...) through the master's
    colour map into its theme's colour scheme."""
    mapping = master._element.find(f"{_P}clrMap")
    name = mapping.get(name, name) if mapping is not None else name
    try:
        theme = etree.fromstring(master.part.part_related_by(_THEME).blob)
    except KeyError:
        return None
    slot = theme.find(f".//{_A}clrScheme/{_A}{name}")
    return colour(slot, master) if slot is not None else None


def _type(shape: Any) -> str | None:
    """A placeholder's type as written ('title', 'body', ...; None: a content
    placeholder), from its own element."""
    ph = shape._element.find(f"{_P}nvSpPr/{_P}nvPr/{_P}ph")
    return ph.get("type", "obj") if ph is not None else None


def _chain(shape: Any, master: Any) -> list[Any]:
    """The elements of placeholder `shape` on a slide and of those it inherits from: its
    layout's of the same index, then its master's of its type (a centred title inherits
    the master's title, content and subtitle placeholders its body, as PowerPoint does)."""
    chain = [shape._element]
    try:
        layout = shape._base_placeholder
    except (AttributeError, KeyError):
        layout = None
    if layout is not None:
        chain.append(layout._element)
    kind = _type(shape)
    kind = {"ctrTitle": "title", "obj": "body", "subTitle": "body"}.get(kind or "", kind)
    for ph in master._element.iter(f"{_P}ph"):
        if ph.get("type", "obj") == kind:
            chain.append(next(ph.iterancestors(f"{_P}sp")))
            break
    return chain


def text_colour(shape: Any, master: Any, link: bool = False) -> str | None:
    """The colour ('#RRGGBB') the template draws a first-level run of placeholder `shape`
    (or of a text box) in when the run has no colour of its own (a linked run when
    `link`); None when it is not one colour that can be worked out (a gradient, say)."""
    if link:
        return _scheme("hlink", master)
    if _type(shape) is None:  # a text box: the presentation's default text, colour 1
        return _scheme("tx1", master)
    for element in _chain(shape, master):
        props = element.find(f"{_P}txBody/{_A}lstStyle/{_A}lvl1pPr/{_A}defRPr")
        said, found = _text_fill(props, master)
        if said:
            return found
    kind = _type(shape)
    style = "titleStyle" if kind in _TITLES else "otherStyle" if kind in _OTHERS \
        else "bodyStyle"
    props = master._element.find(f"{_P}txStyles/{_P}{style}/{_A}lvl1pPr/{_A}defRPr")
    said, found = _text_fill(props, master)
    return found if said else _scheme("tx1", master)


def _text_fill(props: Any, master: Any) -> tuple[bool, str | None]:
    """Whether the text properties `props` say how text is filled, and its colour
    ('#RRGGBB'; None when it is filled some other way)."""
    if props is None:
        return False, None
    for child in props:
        name = etree.QName(child).localname if isinstance(child.tag, str) else ""
        if name == "solidFill":
            return True, colour(child, master)
        if name in ("gradFill", "blipFill", "pattFill", "noFill", "grpFill"):
            return True, None
    return False, None


def fill(shape: Any, master: Any) -> str | bool | None:
    """The fill of placeholder `shape`, as inherited from its layout and master: its colour
    ('#RRGGBB'), False when it has none (the slide shows through), None when it is a
    gradient, picture or pattern, or a colour not worked out here."""
    for element in _chain(shape, master):
        props = element.find(f"{_P}spPr")
        if props is None:
            continue
        for child in props:
            name = etree.QName(child).localname if isinstance(child.tag, str) else ""
            if name == "solidFill":
                return colour(child, master)
            if name == "noFill":
                return False
            if name in ("gradFill", "blipFill", "pattFill", "grpFill"):
                return None
    return False
