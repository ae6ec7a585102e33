"""A deck planned for print: the slides the PowerPoint writer would draw, from the same
plan (handouts.writers.pptx.plan) in the same geometry, fonts and colours, ready for
handouts.writers.talkpdf.slide to draw with reportlab.

What the PowerPoint writer decides while it draws, this module takes from the same
sources: the slide size and geometry (a clinic template's content layout through
handouts.writers.pptx.layouts), the text colours (handouts.writers.pptx.inks.DeckInks, the
brand's inks checked against their grounds), and on a clinic template where its layouts put
each title and subtitle. A template's background graphics are not drawn: its slides are
printed on white, and its placeholders' own text colours are kept where they read on white
(a dark template's light text does not, and takes a readable alternative, with a warning).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any

from handouts.brand.assets import ImageProblem
from handouts.colours import WHITE
from handouts.contrast import Ink, Inks
from handouts.document import model as L
from handouts.errors import Diagnostic, Location
from handouts.fonts.metrics import measurer
from handouts.writers.contract import UnusablePicture, WriterInputs
from handouts.writers.pptx import plan as slideplan
from handouts.writers.pptx.inks import DeckInks
from handouts.writers.pptx.output import _Pictures as Pictures
from handouts.writers.pptx.plan import Box, PlannedSlide, SlideGeometry
from handouts.writers.pptx.theme import SLIDE_SIZES, DeckTheme, deck_theme

__all__ = ["Deck", "Layout", "Pictures", "deck", "slide_text"]


@dataclass(frozen=True)
class Layout:
    """Where a clinic template's layout for one kind of slide puts its title and its
    subtitle (None where it has none), in points, and its python-pptx layout (for the
    colours of its placeholders' text)."""

    layout: Any
    title: Box | None = None
    title_shape: Any = None
    subtitle: Box | None = None
    subtitle_shape: Any = None
    body_shape: Any = None
    """The placeholder a content slide's text goes in (None: none)."""


@dataclass
class Deck:
    """A planned deck and what drawing it needs: its theme, geometry, slides, pictures,
    inks, and on a clinic template the layout of each kind of slide."""

    theme: DeckTheme
    geometry: SlideGeometry
    slides: list[PlannedSlide]
    pictures: Pictures
    inks: DeckInks
    layouts: dict[str, Layout] = field(default_factory=dict)
    """By kind of slide ('title', 'section', 'content', 'closing', and 'picture' for a
    slide with a figure: layouts.layout_of); empty: no template."""
    template_inks: Inks | None = None
    """The template's own text colours as printed, each read against white."""

    def warnings(self) -> tuple[Diagnostic, ...]:
        """A `low-contrast` warning for each colour replaced: the brand's as the deck
        warns of them, then the template's, placed in the template."""
        template = self.theme.template
        own = self.template_inks.warnings if self.template_inks else ()
        return (*self.inks.warnings(template),
                *(replace(w, location=Location(template) if template else None)
                  for w in own))

    @property
    def size(self) -> tuple[float, float]:
        """The slides' width and height in points."""
        return self.geometry.width, self.geometry.height

    def colour(self, layout: Layout, shape: Any, role: str, size: float,
               bold: bool = False, link: bool = False) -> str:
        """The colour of text of `role` ('title', 'subtitle', 'body') at `size` points in
        `layout`'s placeholder `shape` on a clinic template: the template's own colour
        (its foreground where that cannot be worked out), read against the white paper
        the slide is printed on (its background is not), else a readable alternative,
        noted for the warnings."""
        from handouts.writers.pptx import inherited

        own = inherited.text_colour(shape, layout.layout.slide_master, link) \
            or self.theme.palette.foreground
        what = "links" if link else f"{role} text"
        if self.template_inks is None:
            self.template_inks = Inks(self.theme.palette)
        return self.template_inks.colour(Ink(
            f"the template's {what} (its colour in layout '{layout.layout.name}')", own,
            "the printed slides (white)", WHITE, size, bold))


def deck(doc: L.Document, inputs: WriterInputs, first: bool = False) -> Deck:
    """The slides of `doc` planned as the deck of `inputs` plans them (only the first
    slide of the document when `first`: a slide is planned on its own); raises
    contract.DoesNotFit for text that does not fit a slide (as the deck does),
    UnusablePicture for a picture that cannot be used, WriterError for a PowerPoint
    template changed since the brand was read."""
    theme = deck_theme(inputs)
    layouts: dict[str, Layout] = {}
    if theme.template is None:
        width, height = SLIDE_SIZES[theme.slide_size]
        geo = SlideGeometry(width, height, theme.body_size)
    else:
        geo, layouts = _template(theme)
    measure = measurer(theme.fonts)
    title_measure = measurer(theme.heading_fonts or theme.fonts)
    heads = theme.heading_fonts.files if theme.heading_fonts else ()
    pictures = Pictures(theme.assets_roots, (*theme.fonts.files, *heads))
    slides = [p for p in doc.parts if isinstance(p, L.Slide)][:1 if first else None]
    try:
        planned = slideplan.plan(slides, geo, measure, title_measure, pictures.size,
                                 theme.labels)
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None
    return Deck(theme, geo, planned, pictures, DeckInks(theme), layouts)


def _template(theme: DeckTheme) -> tuple[SlideGeometry, dict[str, Layout]]:
    """The geometry of a clinic template's content layout, and each kind's layout."""
    from handouts.writers.pptx import template as pptxtemplate
    from handouts.writers.pptx.layouts import (
        body_placeholder,
        layouts_by_kind,
        picture_layout,
        template_geometry,
    )

    assert theme.template is not None
    prs = pptxtemplate.presentation(theme.template)  # raises WriterError if it changed
    by_kind = layouts_by_kind(prs, [], theme.template)  # the deck warns of fallbacks
    by_kind["picture"] = picture_layout(prs, by_kind["content"])
    out = {}
    for kind, layout in by_kind.items():
        title = next((ph for ph in layout.placeholders
                      if ph.placeholder_format.type in _title_types()), None)
        subtitle = body_placeholder(layout.placeholders, subtitle=True) \
            if kind in ("title", "section") else None
        body = None if subtitle else body_placeholder(layout.placeholders)
        out[kind] = Layout(layout, _box(title), title, _box(subtitle), subtitle, body)
    return template_geometry(prs, theme, by_kind["content"]), out


def _title_types() -> tuple[Any, ...]:
    from pptx.enum.shapes import PP_PLACEHOLDER

    return (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)


def _box(shape: Any) -> Box | None:
    """Where a layout's placeholder `shape` sits, in points (None: no such shape, or one
    whose place neither it nor its master gives)."""
    if shape is None or shape.left is None or shape.width is None:
        return None
    return Box(shape.left / 12700, shape.top / 12700, shape.width / 12700,
               shape.height / 12700)


def slide_text(slide: PlannedSlide) -> str:
    """Everything a slide shows in words, in reading order, one line each: what a
    screen reader says for a picture of it."""
    text = slideplan.text
    lines = [slide.kicker, text(slide.title), text(slide.subtitle),
             *(text(item.runs) for item in slide.items),
             *(to_fill(f, "") for f in slide.fields),
             slide.figure.alt if slide.figure else "",
             text(slide.figure.caption) if slide.figure else "",
             slide.qr_caption if slide.qr else "", text(slide.foot)]
    return "\n".join(line.strip() for line in lines if line.strip())


PLACEHOLDER = re.compile(r"\[[^\[\]]*\]")
"""A bracketed prompt in a title slide's field ('Presenter: [your name]'), which the
presenter types over in PowerPoint but cannot on paper."""


def to_fill(field: str, blank: str = "_" * 16) -> str:
    """A title slide's field as printed: each bracketed prompt a line to write on
    (`blank`), so a printed handout never shows '[your name]'."""
    return PLACEHOLDER.sub(blank, field).rstrip()

