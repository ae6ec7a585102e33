"""The audience handout of a talk: three slides a page, each with ruled lines beside it
for notes (PowerPoint's "3 slides" handout), on the brand's paper.

Each slide is drawn by handouts.writers.talkpdf.slide as the deck shows it, as a Figure
whose alternative text is the slide's text; the ruled lines and page numbers are
artifacts. `write` is the writer's entry (handouts.writers.table).
"""

from __future__ import annotations

from dataclasses import dataclass

from handouts.brand.assets import ImageProblem
from handouts.document import model as L
from handouts.writers.contract import Output, UnusablePicture, WriterInputs
from handouts.writers.talkpdf.printed import MARGIN, Printout, rule

__all__ = ["PER_PAGE", "Row", "rows", "write"]

PER_PAGE = 3
"""Slides on a page."""
SLIDE_SHARE = 0.55
"""The most of the width between the margins a slide takes; its lines take the rest."""
GUTTER = 18.0
"""The space between a slide and its lines, and between rows, in points."""
LINE_GAP = 24.0
"""The space between ruled lines, in points (a third of an inch: room to write)."""


@dataclass(frozen=True)
class Row:
    """Where one slide of a handout page goes: its bottom left corner and scale, and its
    ruled lines (from x0 to x1, at each y); points from the sheet's foot."""

    x: float
    y: float
    scale: float
    x0: float
    x1: float
    lines: tuple[float, ...]


def rows(slide_size: tuple[float, float], left: float, right: float, top: float,
         bottom: float) -> tuple[Row, ...]:
    """The PER_PAGE rows of a page whose content lies between x `left` and `right` and y
    `bottom` and `top`: each slide as large as SLIDE_SHARE of the width and a third of the
    height (less the gutters) allow, at the left, its lines beside it down to its foot."""
    width, height = slide_size
    row = (top - bottom) / PER_PAGE
    scale = min((right - left) * SLIDE_SHARE / width, (row - GUTTER) / height)
    out = []
    for n in range(PER_PAGE):
        y_top = top - n * row
        foot = y_top - height * scale
        x0 = left + width * scale + GUTTER
        count = int((y_top - foot) // LINE_GAP)
        lines = tuple(y_top - LINE_GAP * k for k in range(1, count + 1))
        out.append(Row(left, foot, scale, x0, right, lines))
    return tuple(out)


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    """The audience handout of `doc`'s slides for a job's `inputs`, with its page count;
    raises contract.DoesNotFit where the deck would (text that does not fit a slide),
    UnusablePicture for a picture that cannot be used, WriterError for a PowerPoint
    template changed since the brand was read."""
    try:
        return _draw(Printout(doc, inputs))
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None


def _draw(out: Printout) -> Output:
    slides = out.deck.slides
    pages = max(1, -(-len(slides) // PER_PAGE))
    placed = rows(out.deck.size, MARGIN, out.width - MARGIN, out.top, out.bottom)
    for page in range(pages):
        out.start_page(page + 1)
        chunk = slides[page * PER_PAGE:(page + 1) * PER_PAGE]
        for n, (slide, row) in enumerate(zip(chunk, placed, strict=False)):
            out.slide(slide, page * PER_PAGE + n + 1, row.x, row.y, row.scale)
            for y in row.lines:
                rule(out.canvas, row.x0, row.x1, y)
        out.end_page(page + 1, pages)
    first = "".join(r.text for r in slides[0].title) if slides else ""
    return Output(out.finish(), pages, out.warnings(), first)
