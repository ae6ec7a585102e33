"""The PDF writer: a layout Document drawn with reportlab.

`handouts.writers.pdf.flowables` turns blocks into reportlab flowables in the theme's fonts
and colours; `handouts.writers.pdf.pages` plans every page (margins, header and footer,
panels, which flowable goes where) without drawing; `draw` draws the plan. Text that does
not fit a fixed page or panel is never cut or shrunk: `draw` raises an Overflow listing
every place and by how much. `write` is the writer's entry (handouts.writers.table);
`draw` is the same from a ready-made theme.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfbase.pdfmetrics import stringWidth

from handouts.brand.assets import ImageProblem
from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.writers.contract import (
    DoesNotFit,
    Output,
    UnusablePicture,
    WriterInputs,
    WriterLabels,
)
from handouts.writers.pdf import pages, reading, structure
from handouts.writers.pdf.flowables import Builder, Styles, Theme
from handouts.writers.pdf.inks import GREY
from handouts.writers.pdf.tags import TaggingCanvas
from handouts.writers.pdf.theme import theme as theme_of

__all__ = ["Overflow", "OverflowPlace", "Theme", "draw", "write"]


@dataclass(frozen=True)
class OverflowPlace:
    """One place where text did not fit."""

    where: str
    points: float
    line_height: float

    def __str__(self) -> str:
        lines = max(1, round(self.points / self.line_height))
        return (f"{self.where} does not fit by {self.points:.0f} pt "
                f"({self.points / 72:.2f} in, about {lines} line{'s' if lines > 1 else ''})")


class Overflow(DoesNotFit):
    """Text that does not fit its page or panel."""

    todo = ("shorten the text, or give a section a larger priority number so this length "
            "leaves it out")

    def __init__(self, places: Sequence[OverflowPlace]) -> None:
        super().__init__("; ".join(str(p) for p in places))
        self.places = tuple(places)


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    """The PDF of `doc` for a job's `inputs`, with its page count; raises Overflow
    instead of cutting text, UnusablePicture for a picture that cannot be used (each a
    contract.WriterError). Every character must be one the fonts can draw (the build
    checks, handouts.build.glyphs)."""
    try:
        return draw(doc, theme_of(inputs), inputs.labels)
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None


def draw(doc: L.Document, theme: Theme, labels: WriterLabels | None = None) -> Output:
    """Draw `doc` in `theme` as PDF bytes with their page count and a `low-contrast`
    warning for every brand colour replaced by one that reads on its ground; raises Overflow instead
    of cutting text, brand.assets.ImageProblem for a bad picture. Running page numbers are
    worded by `labels` (default: WriterLabels's English)."""
    build = Builder(theme, L.uses_italic(doc), labels, doc.lang)
    planned = pages.plan(doc, theme.paper, build.blocks, build.st.leading,
                         char_width(build.st.family, build.st.size))
    if planned.shortfalls:
        raise Overflow([OverflowPlace(s.where, s.points, build.st.leading)
                        for s in planned.shortfalls])
    footer = build.ink(build.st.ink("meta", build.st.size)) \
        if any(page.footer for page in planned.pages) else colors.HexColor(GREY)
    return Output(_render(doc, planned.pages, theme, build.st, footer,
                          labels or WriterLabels()), len(planned.pages),
                  (*build.inks.warnings, *build.notes.values(),
                   *map(compact_note, planned.compacted)))


def compact_note(compacted: pages.Compacted) -> Diagnostic:
    """The note that a block is shown in compact form, with the blank it leaves when that
    is more than pages.MAX_BLANK of the page."""
    blank = compacted.blank / compacted.page_height
    gap = (f"; {compacted.blank:.0f} pt ({blank:.0%} of the page) is left blank, so it "
           "would fit in full if the page's other text were shorter"
           if blank > pages.MAX_BLANK else "")
    shown = "is left out" if compacted.left_out else "is shown in short form"
    return Diagnostic("compact-form", f"'{compacted.name}' {shown} on page "
                      f"'{compacted.page}': it does not fit there in full{gap}",
                      severity="note")


SAMPLE_TEXT = ("Ask your care team what to expect before, during and after each visit, and "
               "bring a list of the medicines you take. Call us if you have questions.")
"""Ordinary English prose, whose average character width sets the measure."""


def char_width(family: str, size: float) -> float:
    """The average width in points of a character of `family` (a registered font name) at
    `size` points, in ordinary English prose (SAMPLE_TEXT)."""
    width: float = stringWidth(SAMPLE_TEXT, family, size)
    return width / len(SAMPLE_TEXT)


def _render(doc: L.Document, plans: Sequence[pages.PagePlan], theme: Theme, st: Styles,
            footer_colour: colors.Color, labels: WriterLabels) -> bytes:
    """The planned pages of `doc` drawn as a tagged PDF (PDF/UA-1), exactly where the
    plan put everything, its structure in reading order (handouts.writers.pdf.reading);
    the running footer in `footer_colour`, its page numbers in `labels`' words. Shades,
    rules, footers and fold marks are artifacts."""
    out = io.BytesIO()
    canvas = TaggingCanvas(out, pagesize=plans[0].size, invariant=1, pageCompression=1,
                           initialFontName=st.family, initialFontSize=st.size)
    title = theme.title or doc.title
    canvas.setTitle(title)
    canvas.setAuthor(theme.author)
    canvas.setSubject(title)
    canvas.setCreator("make-handouts")
    ranks = reading.ranks(doc.layout, plans)
    for number, page in enumerate(plans, 1):
        canvas.setPageSize(page.size)
        canvas.tags.start_page(canvas)
        for region, rank in zip(page.regions, ranks[number - 1], strict=True):
            canvas.tags.region(rank)
            if region.shade is not None:
                canvas.setFillColor(colors.HexColor(theme.palette.secondary))
                shade = region.shade
                canvas.rect(shade.x, shade.y, shade.width, shade.height, stroke=0, fill=1)
            for p in region.placed:
                p.item.drawOn(canvas, region.x, region.top - p.top - p.height)  # type: ignore[attr-defined]
        if page.footer is not None:
            footer = page.footer
            canvas.setFont(st.family, st.size)
            canvas.setFillColor(footer_colour)
            canvas.drawString(footer.left, footer.y, footer.text)
            canvas.drawRightString(footer.right, footer.y, labels.page % {"number": number,
                                                                       "count": len(plans)})
        if theme.fold_guides and page.fold_marks:
            canvas.setStrokeColor(colors.HexColor("#9A9A9A"))
            canvas.setLineWidth(0.5)
            canvas.setDash(2, 2)
            for x0, y0, x1, y1 in page.fold_marks:
                canvas.line(x0, y0, x1, y1)
            canvas.setDash()
        canvas.tags.end_page(canvas)
        canvas.showPage()
    structure.finish(canvas, title, doc.lang)
    canvas.save()
    return out.getvalue()
