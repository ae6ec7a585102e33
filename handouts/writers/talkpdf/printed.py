"""What the printed talks share: the planned deck, the sheet, the tagged canvas (PDF/UA-1,
with handouts.writers.pdf.tags and structure) and the text the printout sets itself.

A printout's own text (its title at the top of each page, the notes, the page numbers) is
set at the level's smallest print size or larger, in the brand's faces and print inks
(handouts.writers.pdf.inks, on white paper): the slides inside it are pictures. The title
is a heading on the first page and a running header (an artifact) on the others; page
numbers, frames and ruled lines are artifacts.
"""

from __future__ import annotations

import io
from itertools import count
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from handouts.contrast import Inks
from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.fonts.registry import register
from handouts.writers.contract import WriterInputs
from handouts.writers.geometry import page_size
from handouts.writers.pdf import inks as print_inks
from handouts.writers.pdf import structure
from handouts.writers.pdf.paragraph import KeptParagraph
from handouts.writers.pdf.tags import Node, TaggingCanvas, marked
from handouts.writers.pptx.plan import PlannedSlide
from handouts.writers.talkpdf.deck import Deck, deck, slide_text
from handouts.writers.talkpdf.slide import Faces, draw_slide

__all__ = ["MARGIN", "Printout"]

MARGIN = 36.0
"""The sheet's margin on every side, in points (half an inch)."""
TITLE_SCALE = 1.3
"""The title's size as a multiple of the print size."""


class Printout:
    """One printed talk being drawn: its deck, sheet, faces, inks and tagged canvas."""

    def __init__(self, doc: L.Document, inputs: WriterInputs) -> None:
        self.doc = doc
        self.deck: Deck = deck(doc, inputs)
        italic = L.uses_italic(doc)
        body = register(inputs.fonts, italic)
        self.faces: Faces = (body, register(inputs.heading_fonts or inputs.fonts, italic))
        self.size = max(inputs.print_size, 1.0)
        """The printout's own text size: the level's smallest print size."""
        self.leading = self.size * 1.38
        self.labels = inputs.labels
        self.width, self.height = page_size(inputs.paper, False)
        self.title = inputs.title or doc.title
        self.inks = Inks(inputs.palette)
        self.heading_colour = self.inks.colour(print_inks.ink(
            inputs.palette, "heading", "page", self.size * TITLE_SCALE, True))
        self.text_colour = self.inks.colour(print_inks.ink(
            inputs.palette, "body", "page", self.size, False))
        self.grey = self.inks.colour(print_inks.ink(inputs.palette, "meta", "page",
                                                    self.size, False))
        self.out = io.BytesIO()
        self.canvas = TaggingCanvas(self.out, pagesize=(self.width, self.height), invariant=1,
                                    pageCompression=1, initialFontName=body.family,
                                    initialFontSize=self.size)
        for set_it in (self.canvas.setTitle, self.canvas.setSubject):
            set_it(self.title)
        self.canvas.setAuthor(inputs.author)
        self.canvas.setCreator("make-handouts")
        self._keys = count()

        size = self.size * TITLE_SCALE
        self._title_style = ParagraphStyle(
            "title", fontName=self.faces[1].bold, fontSize=size, leading=size * 1.2,
            textColor=colors.HexColor(self.heading_colour))
        self.top = self.height - MARGIN - self._title(None).wrap(self.text_width, 1e6)[1] \
            - size * 0.6
        """The y (from the sheet's foot) below which a page's content starts."""

    @property
    def text_width(self) -> float:
        """The width between the sheet's margins."""
        return self.width - 2 * MARGIN

    def _title(self, tag: Node | None) -> KeptParagraph:
        title = KeptParagraph(escape(self.title), self._title_style)
        title.tag = (tag,) if tag is not None else None
        return title

    @property
    def bottom(self) -> float:
        """The y above which a page's content ends (the page number's line below it)."""
        return MARGIN + self.size * 1.8

    def node(self, role: str, alt: str = "") -> Node:
        """A new structure element of `role` (handouts.writers.pdf.tags.Node)."""
        return Node(next(self._keys), role, alt)

    def start_page(self, number: int) -> None:
        """Begin page `number` (from 1) with the title at its top."""
        canvas = self.canvas
        canvas.tags.start_page(canvas)
        title = self._title(self.node("H1") if number == 1 else None)
        _, height = title.wrap(self.text_width, 1e6)
        title.drawOn(canvas, MARGIN, self.height - MARGIN - height)

    def end_page(self, number: int, pages: int) -> None:
        """End page `number` of `pages` with its number at its foot."""
        canvas = self.canvas
        canvas.setFont(self.faces[0].family, self.size)
        canvas.setFillColor(colors.HexColor(self.grey))
        canvas.drawRightString(self.width - MARGIN, MARGIN,
                               self.labels.page % {"number": number, "count": pages})
        canvas.tags.end_page(canvas)
        canvas.showPage()

    def slide(self, slide: PlannedSlide, number: int, x: float, y: float,
              scale: float) -> None:
        """Slide `number` (from 1) drawn as a Figure whose alternative text is its text,
        its bottom left corner at (x, y), `scale` times its size."""
        figure = self.node("Figure", slide_text(slide) or slideplan_title(slide))
        with marked(self.canvas, (figure,)):
            draw_slide(self.canvas, self.deck, slide, number, self.faces, x, y, scale)

    def finish(self) -> bytes:
        """The finished PDF's bytes (structure tree, metadata and language added)."""
        structure.finish(self.canvas, self.title, self.doc.lang)
        self.canvas.save()
        return self.out.getvalue()

    def warnings(self) -> tuple[Diagnostic, ...]:
        """A `low-contrast` warning for each colour replaced, on the slides (as the deck
        warns) or in the printout's own text."""
        deck_warnings = self.deck.warnings()
        return (*deck_warnings, *(w for w in self.inks.warnings if w not in deck_warnings))


def slideplan_title(slide: PlannedSlide) -> str:
    """A slide's title as plain text."""
    return "".join(r.text for r in slide.title)


def rule(canvas: Any, x0: float, x1: float, y: float, colour: str = "#A6A6A6") -> None:
    """A thin horizontal line (an artifact when drawn outside marked content)."""
    canvas.setStrokeColor(colors.HexColor(colour))
    canvas.setLineWidth(0.5)
    canvas.line(x0, y, x1, y)
