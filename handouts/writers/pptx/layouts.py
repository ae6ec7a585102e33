"""Which of a clinic template's slide layouts each kind of slide uses, judged by what the
layouts are, not what they are called.

A layout says what it is in its own `type` attribute (`<p:sldLayout type="title">`,
`obj`, `secHead`, ...), which PowerPoint writes in every language, while its name is
translated ("Title and Content" is "Nadpis a obsah" in Czech, "Titel und Inhalt" in
German). So each kind of slide takes the layout of its type; a custom layout (`type="cust"`
or none) is judged by its placeholders (a centred title and a subtitle for a title slide;
a title and one text placeholder for a section header; a title and one content
placeholder for a content slide); the English name only breaks a tie, and then the
template's order. Only layouts with a title placeholder are used at all.

A slide with a picture beside its text (slides.layout_of) takes the template's picture
layout by type (`picTx`, else `twoObj`; `picture_layout`), else its content layout.

Also here: where a template's content layout puts the title and body (the planner's
SlideGeometry), and the placeholder a slide's body or subtitle goes into.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.util import Emu

from handouts.errors import Diagnostic, Location
from handouts.writers.contract import WriterError
from handouts.writers.pptx.plan import SlideGeometry
from handouts.writers.pptx.theme import DeckTheme


@dataclass(frozen=True)
class Kind:
    """What a kind of slide wants of a layout: its `type` values (the first names it in
    the warning), the English name that is only a hint, and a description for messages."""

    types: tuple[str, ...]
    hint: str
    described: str


KINDS = {
    "title": Kind(("title",), "Title Slide", "title slide"),
    "section": Kind(("secHead",), "Section Header", "section header"),
    "content": Kind(("obj", "tx"), "Title and Content", "title and content"),
    "closing": Kind(("obj", "tx"), "Title and Content", "title and content"),
}
"""Each kind of slide the planner makes and the layout it is drawn on."""
CUSTOM = ("cust", None)
"""The `type` of a layout a designer made: absent, or 'cust' (the schema's default)."""

_TITLES = (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
_TEXT = (PP_PLACEHOLDER.BODY, PP_PLACEHOLDER.OBJECT)
"""Placeholders bullets can go into: text, and content (python-pptx reads a placeholder
with no type as content, as PowerPoint does)."""


@dataclass(frozen=True)
class Placeholders:
    """A layout's placeholders by role, counted (dates, footers and slide numbers are not
    counted); `vertical`: some text in it runs vertically."""

    titles: int
    centred: int
    subtitles: int
    texts: int
    contents: int
    pictures: int
    vertical: bool

    @classmethod
    def of(cls, layout: Any) -> Placeholders:
        # read from the XML: python-pptx's placeholder objects cost a deck 10 ms or more
        kinds = [PP_PLACEHOLDER.from_xml(ph.get("type", "obj"))
                 for ph in layout._element.xpath("./p:cSld/p:spTree/*/*/p:nvPr/p:ph")]
        vertical = any((body.get("vert") or "horz") != "horz"
                       for body in layout.placeholders._element.xpath(".//a:bodyPr"))
        return cls(titles=sum(k in _TITLES for k in kinds),
                   centred=kinds.count(PP_PLACEHOLDER.CENTER_TITLE),
                   subtitles=kinds.count(PP_PLACEHOLDER.SUBTITLE),
                   texts=kinds.count(PP_PLACEHOLDER.BODY),
                   contents=kinds.count(PP_PLACEHOLDER.OBJECT),
                   pictures=kinds.count(PP_PLACEHOLDER.PICTURE), vertical=vertical)

    def fit(self, kind: str) -> tuple[bool, int]:
        """How well a layout with these placeholders suits `kind` of slide: whether it has
        what the kind needs, then how many lesser wishes it meets."""
        bodies = self.texts + self.contents
        plain = (not self.pictures) + (not self.vertical)
        if kind == "title":
            return bool(self.centred or self.subtitles) and not self.vertical, \
                bool(self.centred) + bool(self.subtitles) + (not bodies) + plain
        clean = not self.pictures and not self.vertical
        if kind == "section":  # a title and a line under it
            return self.texts == 1 and not self.contents and not self.centred and clean, \
                bool(self.texts + self.subtitles) + (not self.contents) + plain
        return bodies == 1 and not self.centred and not self.subtitles and clean, \
            bool(self.contents) + plain


def layout_type(layout: Any) -> str | None:
    """The layout's own `type` attribute (None when it has none)."""
    return layout._element.get("type")  # type: ignore[no-any-return]


def suits(layout: Any, kind: str) -> bool:
    """Whether `layout` is what `kind` of slide asks for: of its type, or a custom layout
    with the placeholders it needs."""
    own = layout_type(layout)
    if own in KINDS[kind].types:
        return True
    return own in CUSTOM and Placeholders.of(layout).fit(kind)[0]


def _rank(layout: Any, index: int, kind: str) -> tuple[bool, bool, int, bool, int]:
    fit = Placeholders.of(layout).fit(kind)
    return (layout_type(layout) in KINDS[kind].types, fit[0], fit[1],
            layout.name == KINDS[kind].hint, -index)


def layouts_by_kind(prs: Any, warnings: list[Diagnostic], template: Path | None
                    ) -> dict[str, Any]:
    """The slide layout for each kind of slide (KINDS), by type and placeholders; a kind
    no layout suits takes the titled layout nearest to it, with a warning
    (`layout-fallback`) located at the template. Raises WriterError when no layout has a
    title placeholder."""
    titled = [(n, lay) for n, lay in enumerate(prs.slide_layouts)
              if Placeholders.of(lay).titles]
    if not titled:
        raise WriterError(f"the PowerPoint template {template} has no slide layout with a "
                          "title placeholder; add one (for example 'Title and Content')")
    out = {kind: max(titled, key=lambda pair: _rank(pair[1], pair[0], kind))[1]
           for kind in KINDS}
    for wanted in dict.fromkeys(KINDS.values()):  # closing slides are content slides
        kinds = [kind for kind, of in KINDS.items() if of == wanted]
        layout = out[kinds[0]]
        if not suits(layout, kinds[0]):
            warnings.append(Diagnostic(
                "layout-fallback", f"no {wanted.described} layout (type {wanted.types[0]}) "
                f"with a title; using '{layout.name}' for {' and '.join(kinds)} slides",
                Location(template) if template is not None else None))
    return out


PICTURE_TYPES = ("picTx", "twoObj")
"""The layouts a slide with a picture beside its text takes, by type, in this order:
picture with caption, two content."""


def picture_layout(prs: Any, content: Any) -> Any:
    """The layout a clinic template gives a slide with a picture beside its text: the
    first of its layouts of PICTURE_TYPES (in that order) with a title placeholder and a
    text or content placeholder, else `content` (its content layout), without a warning:
    the picture is placed on the content layout as on the built-in one."""
    for wanted in PICTURE_TYPES:
        for layout in prs.slide_layouts:
            found = Placeholders.of(layout)
            if layout_type(layout) == wanted and found.titles \
                    and found.texts + found.contents and not found.vertical:
                return layout
    return content


def unused_placeholders(shapes: Any, body: Any | None) -> list[Any]:
    """A slide's picture and content placeholders other than `body` (the one its text
    went into): a picture layout's boxes the plan does not use, to be removed (empty,
    PowerPoint would show "Click to add" on them)."""
    spare = (PP_PLACEHOLDER.PICTURE, PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)
    return [ph for ph in shapes.placeholders if ph.placeholder_format.type in spare
            and (body is None or ph.shape_id != body.shape_id)]


def body_placeholder(placeholders: Iterable[Any], subtitle: bool = False) -> Any | None:
    """The placeholder a slide's bullets go into (content, else text), or a title or
    section slide's subtitle (subtitle, else text) when `subtitle`: the first of those
    types, else the one of index 1, as PowerPoint numbers them; None when there is none."""
    wanted = (PP_PLACEHOLDER.SUBTITLE, PP_PLACEHOLDER.BODY) if subtitle else \
        (PP_PLACEHOLDER.OBJECT, PP_PLACEHOLDER.BODY)
    found = list(placeholders)
    for types in ((wanted[0],), wanted):
        typed = [ph for ph in found if ph.placeholder_format.type in types]
        if typed:
            return typed[0]
    return next((ph for ph in found if ph.placeholder_format.idx == 1), None)


def template_geometry(prs: Any, theme: DeckTheme, layout: Any) -> SlideGeometry:
    """Where a clinic template's content `layout` puts its title and body (the body's
    left edge is the margin on both sides)."""
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    title = next((ph for ph in layout.placeholders if ph.placeholder_format.type in _TITLES),
                 None)
    body = body_placeholder(layout.placeholders)
    if body is None or title is None:
        return SlideGeometry(width, height, theme.body_size, template=True)
    left, top = Emu(body.left).pt, Emu(body.top).pt
    return SlideGeometry(width, height, theme.body_size, margin=left,
                         title_top=Emu(title.top).pt, title_height=Emu(title.height).pt,
                         title_width=Emu(title.width).pt,
                         body_top=top, bottom=max(24.0, height - top - Emu(body.height).pt),
                         template=True)

