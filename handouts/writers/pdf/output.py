"""The PDF writer: a layout Document drawn with reportlab.

`handouts.writers.pdf.flowables` turns blocks into reportlab flowables in the theme's fonts
and colours; `plan.fill` decides which go in which frame; `write` draws the plan. Text
that does not fit a fixed page or panel is never cut or shrunk: `write` raises an Overflow
listing every place and by how much. `write` is the writer's entry
(handouts.writers.table); `draw` is the same from a ready-made theme.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from handouts.brand.assets import ImageProblem
from handouts.document import model as L
from handouts.writers.contract import CannotDraw, DoesNotFit, Output, UnusablePicture, WriterInputs
from handouts.writers.pdf.flowables import (
    Builder,
    Styles,
    Theme,
    missing_glyphs,
    unprintable,
)
from handouts.writers.pdf.plan import Placed, balance, fill, page_size, panel_widths
from handouts.writers.pdf.theme import theme as theme_of

__all__ = ["Overflow", "OverflowPlace", "Theme", "draw", "unprintable", "write"]


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


MARGINS = {"flyer": 36.0, "trifold": 25.2, "booklet": 54.0}
"""Page margins in points: 0.5 in, 0.35 in, 0.75 in."""
PANEL_GUTTER = {"flyer": 18.0, "trifold": 21.6, "booklet": 18.0}
"""Space on each side of a panel edge (on a trifold, 0.3 in from each fold)."""
FOOTER_GAP = 10.0


@dataclass(frozen=True)
class _Region:
    """A rectangle on a page (x, y of its top-left corner) and the items placed in it."""

    x: float
    top: float
    width: float
    height: float
    placed: tuple[Placed, ...]
    tint: bool = False


@dataclass(frozen=True)
class _PagePlan:
    """One sheet side: its size, its regions, and its running footer ('' for none)."""

    size: tuple[float, float]
    regions: tuple[_Region, ...]
    footer: str | None = None
    folds: tuple[float, ...] = ()


class _Planner:
    """Measures blocks and decides the pages; collects every overflow."""

    def __init__(self, doc: L.Document, theme: Theme) -> None:
        self.doc, self.theme = doc, theme
        self.build = Builder(theme, L.uses_italic(doc))
        self.canvas = Canvas(io.BytesIO(), invariant=1, initialFontName=self.build.st.family)
        self.margin = MARGINS[doc.layout]
        self.gutter = PANEL_GUTTER[doc.layout]
        self.overflows: list[OverflowPlace] = []

    def overflow(self, where: str, points: float) -> None:
        self.overflows.append(OverflowPlace(where, points, self.build.st.leading))

    def full_width(self, blocks: Sequence[L.Block], width: float) -> tuple[tuple[Placed, ...],
                                                                              float]:
        filled = fill(self.build.blocks(blocks, width), [(width, 1e6)], self.canvas)
        placed = filled.frames[0] if filled.frames else ()
        end = max((p.top + p.height + p.item.getSpaceAfter() for p in placed), default=0.0)
        return placed, end

    def page(self, part: L.Page) -> _PagePlan:
        w, h = page_size(self.theme.paper, part.landscape)
        m = self.margin
        trifold = self.doc.layout == "trifold"
        content_w = w - 2 * m
        header, header_h = self.full_width(part.header, content_w)
        footer, footer_h = self.full_width(part.footer, content_w)
        panel_top = h - m - header_h
        panel_h = panel_top - m - (footer_h + FOOTER_GAP if footer else 0.0)
        if panel_h <= 0:
            self.overflow(f"the header and footer of page '{part.name}'", -panel_h)
            panel_h = 1.0
        regions = [_Region(m, h - m, content_w, header_h, header)]
        # A trifold's panels span the sheet (its folds); other pages sit inside the margins.
        widths = panel_widths(w if trifold else content_w + 2 * self.gutter,
                              [p.share for p in part.panels], [p.flap for p in part.panels])
        x = 0.0 if trifold else m - self.gutter
        folds = []
        chain: list[tuple[L.Panel, float, float]] = []
        for panel, pw in zip(part.panels, widths, strict=True):
            chain.append((panel, x, pw))
            x += pw
            folds.append(x)
            if panel.overflow_next and panel is not part.panels[-1]:
                continue
            inner = [cw - 2 * self.gutter for _, _, cw in chain]
            items = [f for (pnl, _, _), iw in zip(chain, inner, strict=True)
                     for f in self.build.blocks(pnl.blocks, iw)]
            filled = balance(items, [(iw, panel_h) for iw in inner], self.canvas)
            frames = filled.frames + ((),) * (len(chain) - len(filled.frames))
            for (pnl, cx, cw), placed in zip(chain, frames, strict=True):
                regions.append(_Region(cx + self.gutter, panel_top, cw - 2 * self.gutter,
                                       panel_h, placed, pnl.tint))
            if filled.leftover:
                name = chain[-1][0].name
                where = (f"panel '{name}' on page '{part.name}'" if len(part.panels) > 1
                         else f"page '{part.name}'")
                self.overflow(where, filled.leftover_height)
            chain = []
        if footer:
            regions.append(_Region(m, m + footer_h, content_w, footer_h, footer))
        return _PagePlan((w, h), tuple(regions), None, tuple(folds[:-1]) if trifold else ())

    def flow(self, part: L.Flow) -> list[_PagePlan]:
        w, h = page_size(self.theme.paper, False)
        m = self.margin
        body_w, footer_space = w - 2 * m, self.build.st.leading * 2
        body_h = h - 2 * m - footer_space
        items = self.build.blocks(part.blocks, body_w)
        filled = fill(items, [(body_w, body_h)] * MAX_FLOW_PAGES, self.canvas)
        if filled.leftover:
            self.overflow(f"the '{part.name}' pages (a block taller than a page, or more "
                          f"than {MAX_FLOW_PAGES} pages)", filled.leftover_height)
        return [_PagePlan((w, h), (_Region(m, h - m, body_w, body_h, placed),), part.footer)
                for placed in filled.frames if placed]


MAX_FLOW_PAGES = 200


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    """The PDF of `doc` for a job's `inputs`, with its page count; raises Overflow
    instead of cutting text, CannotDraw for characters the fonts lack, UnusablePicture
    for a picture that cannot be used (each a contract.WriterError)."""
    try:
        return draw(doc, theme_of(inputs))
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None


def draw(doc: L.Document, theme: Theme) -> Output:
    """Draw `doc` in `theme` as PDF bytes with their page count; raises Overflow or
    CannotDraw instead of cutting text, brand.assets.ImageProblem for a bad picture."""
    missing = missing_glyphs(doc, theme.fonts)
    if missing:
        raise CannotDraw(missing)
    planner = _Planner(doc, theme)
    pages: list[_PagePlan] = []
    for part in doc.parts:
        if isinstance(part, L.Page):
            pages.append(planner.page(part))
        elif isinstance(part, L.Flow):
            pages.extend(planner.flow(part))
    if planner.overflows:
        raise Overflow(planner.overflows)
    return Output(_render(pages, theme, planner.build.st, planner.margin), len(pages))


def _render(pages: Sequence[_PagePlan], theme: Theme, st: Styles, margin: float) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=pages[0].size, invariant=1, pageCompression=1,
                    initialFontName=st.family, initialFontSize=st.size)
    canvas.setTitle(theme.title)
    canvas.setAuthor(theme.author)
    canvas.setSubject(theme.title)
    canvas.setCreator("make-handouts")
    for number, page in enumerate(pages, 1):
        w, h = page.size
        canvas.setPageSize(page.size)
        for region in page.regions:
            if region.tint:
                canvas.setFillColor(colors.HexColor(theme.palette.secondary))
                pad = PANEL_GUTTER["flyer"] / 2
                canvas.rect(region.x - pad, region.top - region.height - pad,
                            region.width + 2 * pad, region.height + 2 * pad, stroke=0, fill=1)
            for p in region.placed:
                p.item.drawOn(canvas, region.x, region.top - p.top - p.height)  # type: ignore[attr-defined]
        if page.footer is not None:
            canvas.setFont(st.family, st.size)
            canvas.setFillColor(colors.HexColor("#4D4D4D"))
            canvas.drawString(margin, margin, page.footer)
            canvas.drawRightString(w - margin, margin, f"Page {number} of {len(pages)}")
        if theme.fold_guides and page.folds:
            canvas.setStrokeColor(colors.HexColor("#9A9A9A"))
            canvas.setLineWidth(0.5)
            canvas.setDash(2, 2)
            for fold in page.folds:
                canvas.line(fold, h, fold, h - 14)
                canvas.line(fold, 0, fold, 14)
            canvas.setDash()
        canvas.showPage()
    canvas.save()
    return out.getvalue()
