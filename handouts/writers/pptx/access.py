"""What a drawn slide needs for a screen reader, as PowerPoint's accessibility checker sees
it: its shapes in reading order (the title first, then the rest as the eye meets them, top
to bottom and left to right), shapes that carry nothing to read (a rule, a box without
text) marked decorative, so a screen reader passes over them, and every run, on the slide
and in its notes, in the document's language.

The reading order is the order of the slide's shape tree, which is also the order shapes
are drawn in: the writer's shapes do not overlap, so putting them in reading order draws
the same slide. Handouts.check.decks checks all of this on the saved file.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.oxml.ns import qn

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The extension of a shape's `p:cNvPr` that marks it decorative (PowerPoint 2019, 365)."""
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_TITLES = ("title", "ctrTitle")
_PH = f"{qn('p:nvSpPr')}/{qn('p:nvPr')}/{qn('p:ph')}"
_SHAPES = frozenset(qn(tag) for tag in ("p:sp", "p:pic", "p:graphicFrame", "p:grpSp",
                                        "p:cxnSp", "p:contentPart"))


def finish(slide: Any, layout: Any, notes: Any, lang: str) -> None:
    """Make `slide` (a python-pptx slide, drawn, on `layout`) and its `notes` page read
    well: decorative shapes marked, shapes in reading order, every run in `lang` (a BCP 47
    tag, as the document gives it). Works on the XML alone: python-pptx's shape objects
    cost more than the rest of a slide's drawing."""
    tree = slide.shapes._spTree
    shapes = [c for c in tree if c.tag in _SHAPES]
    for element in shapes:
        if _decorative(element):
            mark_decorative(element)
    inherited = _Inherited(layout)
    in_reading_order(tree, [(e, _place(e, inherited)) for e in shapes])
    in_language(tree, lang)
    in_language(notes.shapes._spTree, lang)


def _decorative(element: Any) -> bool:
    """Whether a shape carries nothing to read: a shape or connector that is not a
    placeholder and holds no text."""
    if element.tag not in (qn("p:sp"), qn("p:cxnSp")):
        return False
    if element.find(_PH) is not None:
        return False
    return not "".join(t.text or "" for t in element.iter(qn("a:t"))).strip()


def mark_decorative(element: Any) -> None:
    """Mark a shape decorative, as PowerPoint does: the DECORATIVE_URI extension of its
    non-visual properties (`p:cNvPr`), set to 1."""
    props = next(element.iter(qn("p:cNvPr")))
    ext_list = props.find(qn("a:extLst"))
    if ext_list is None:
        ext_list = etree.SubElement(props, qn("a:extLst"))  # its last child, as it must be
    for ext in ext_list.findall(qn("a:ext")):
        if ext.get("uri") == DECORATIVE_URI:
            ext_list.remove(ext)
    ext = etree.SubElement(ext_list, qn("a:ext"), uri=DECORATIVE_URI)
    etree.SubElement(ext, f"{{{DECORATIVE_NS}}}decorative", nsmap={"adec": DECORATIVE_NS},
                     val="1")


class _Inherited:
    """Where a layout puts its placeholders, and its master puts its own, for slide
    placeholders that do not move (a clinic template's title)."""

    def __init__(self, layout: Any) -> None:
        self.layout = layout
        self.found: dict[tuple[str, str], tuple[int, int]] | None = None

    def place(self, ph: Any) -> tuple[int, int]:
        """The top and left (EMUs) the layout, else the master, gives placeholder `ph`
        (a `p:ph`): the layout's of its index, else of its type; (0, 0) if none does."""
        if self.found is None:
            self.found = {}
            for source, key in ((self.layout.slide_master._element, "type"),
                                (self.layout._element, "type"), (self.layout._element, "idx")):
                for shape in source.iter(qn("p:sp")):
                    at, mark = _offset(shape), shape.find(_PH)
                    if at is not None and mark is not None:
                        self.found[(key, mark.get(key, "obj" if key == "type" else "0"))] = at
        for key, default in (("idx", "0"), ("type", "obj")):
            value = ph.get(key, default)
            if key == "type":
                value = {"ctrTitle": "title", "subTitle": "body"}.get(value, value) \
                    if (key, value) not in self.found else value
            if (key, value) in self.found:
                return self.found[(key, value)]
        return 0, 0


def _offset(element: Any) -> tuple[int, int] | None:
    """A shape's own top and left in EMUs, if it has them."""
    off = next(element.iter(qn("a:off")), None)
    return None if off is None else (int(off.get("y", "0")), int(off.get("x", "0")))


def _place(element: Any, inherited: _Inherited) -> tuple[int, int, int]:
    """Where a shape comes in reading order: 0 for the title, else 1, then its top and left
    in EMUs (a placeholder's from its layout when the slide does not move it)."""
    ph = element.find(_PH)
    title = ph is not None and ph.get("type") in _TITLES
    at = _offset(element)
    if at is None:
        at = inherited.place(ph) if ph is not None else (0, 0)
    return (0 if title else 1, *at)


def in_reading_order(tree: Any, placed: list[tuple[Any, tuple[int, int, int]]]) -> None:
    """Put the shapes of shape tree `tree` in the order of their places (stably: shapes
    at the same place keep their order), after its group properties and before its
    extensions."""
    ordered = [element for element, _ in sorted(placed, key=lambda pair: pair[1])]
    children = [c for c in tree if c.tag in _SHAPES]
    if [id(c) for c in children] == [id(e) for e in ordered]:
        return
    anchor = children[0].getprevious()
    for child in children:
        tree.remove(child)
    for element in reversed(ordered):
        anchor.addnext(element)


def in_language(tree: Any, lang: str) -> None:
    """Give every run and field under `tree`, and each paragraph's end, the language
    `lang` (a run without properties gets them, as their first child)."""
    for run in tree.iter(qn("a:r"), qn("a:fld")):
        props = run.find(qn("a:rPr"))
        if props is None:
            props = etree.Element(qn("a:rPr"))
            run.insert(0, props)
        props.set("lang", lang)
    for end in tree.iter(qn("a:endParaRPr")):
        end.set("lang", lang)
