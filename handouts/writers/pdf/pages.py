"""The print plan's pages: where everything on each sheet side goes, decided before drawing.

`plan` lays out a layout Document on its paper: margins, the full-width header and footer
of a fixed page, its panels side by side (fold-correct on a trifold), a chain of panels
that overflow into each other filled and balanced as one, flowing pages cut from a long
part, the running footer and the fold marks. It measures through a `MakeItems` callable
(blocks to measurable items at a width) and never needs a canvas, so it is tested with
fake items. Text that does not fit is never cut: each place is reported as a `Shortfall`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from handouts.document import model as L
from handouts.writers.geometry import page_size
from handouts.writers.pdf.plan import Box, Measurable, Placed, balance, fill, panel_widths

MARGINS = {"flyer": 36.0, "trifold": 25.2, "booklet": 54.0}
"""Page margins in points by layout: 0.5 in, 0.35 in, 0.75 in."""
PANEL_GUTTER = {"flyer": 18.0, "trifold": 21.6, "booklet": 18.0}
"""Space on each side of a panel edge (on a trifold, 0.3 in from each fold)."""
FOOTER_GAP = 10.0
"""Space between the panels and a page's footer blocks."""
TINT_PAD = PANEL_GUTTER["flyer"] / 2
"""How far a tinted panel's colour reaches past its text on every side."""
FOLD_MARK = 14.0
"""The length of a fold guide at the top and at the foot of a trifold sheet."""
MAX_FLOW_PAGES = 200
"""The most pages a flowing part may take before it is reported as overflowing."""
UNBOUNDED = 1e6
"""The height of a frame that never runs out (a header or footer is as tall as it needs)."""

MakeItems = Callable[[Sequence[L.Block], float], Sequence[Measurable]]
"""Measurable items (for reportlab, flowables) of some blocks set `width` points wide."""


@dataclass(frozen=True)
class Region:
    """A rectangle on a page, (x, top) its top-left corner in points from the page's
    lower-left, and the items placed in it (each `top` points below the region's top)."""

    x: float
    top: float
    width: float
    height: float
    placed: tuple[Placed, ...]
    shade: Box | None = None
    """The tinted rectangle behind a tinted panel; None: no tint."""


@dataclass(frozen=True)
class RunningFooter:
    """A flowing page's footer line: `text` starting at `left`, the page number ending at
    `right`, both on the baseline `y` (points from the page's lower-left)."""

    text: str
    left: float
    right: float
    y: float


@dataclass(frozen=True)
class PagePlan:
    """One sheet side: its size (width, height), its regions, its running footer (None:
    none), and its fold marks as lines (x0, y0, x1, y1), drawn only if the theme asks."""

    size: tuple[float, float]
    regions: tuple[Region, ...]
    footer: RunningFooter | None = None
    fold_marks: tuple[tuple[float, float, float, float], ...] = ()


@dataclass(frozen=True)
class Shortfall:
    """A place whose text does not fit, named for a message, and by how many points."""

    where: str
    points: float


@dataclass(frozen=True)
class PrintPlan:
    """Every page of a document in order, and every place that did not fit (drawing the
    pages is only right when there are none)."""

    pages: tuple[PagePlan, ...]
    shortfalls: tuple[Shortfall, ...]


def plan(doc: L.Document, paper: str, make_items: MakeItems, line_height: float,
         measure: float = UNBOUNDED) -> PrintPlan:
    """The pages of `doc` on `paper` (a name in PAPER_SIZES), its blocks measured through
    `make_items`; `line_height` is the body text's, in points (a flowing page keeps two
    lines free for its footer); `measure`: the widest a flowing page's column of running
    text may be, in points (centred on a wider page; a fixed page's panels keep their
    widths, as it cannot grow)."""
    planner = _Planner(doc.layout, paper, make_items, line_height, measure)
    pages: list[PagePlan] = []
    for part in doc.parts:
        if isinstance(part, L.Page):
            pages.append(planner.page(part))
        elif isinstance(part, L.Flow):
            pages.extend(planner.flow(part))
    return PrintPlan(tuple(pages), tuple(planner.shortfalls))


class _Planner:
    """Plans the parts of one document, collecting every shortfall."""

    def __init__(self, layout: str, paper: str, make_items: MakeItems,
                 line_height: float, measure: float = UNBOUNDED) -> None:
        self.paper, self.make_items, self.line_height = paper, make_items, line_height
        self.measure = measure
        self.trifold = layout == "trifold"
        self.margin = MARGINS[layout]
        self.gutter = PANEL_GUTTER[layout]
        self.shortfalls: list[Shortfall] = []

    def full_width(self, blocks: Sequence[L.Block],
                   width: float) -> tuple[tuple[Placed, ...], float]:
        """`blocks` placed in one frame `width` wide, and the height they take."""
        filled = fill(self.make_items(blocks, width), [(width, UNBOUNDED)])
        placed = filled.frames[0] if filled.frames else ()
        end = max((p.top + p.height + p.item.getSpaceAfter() for p in placed), default=0.0)
        return placed, end

    def page(self, part: L.Page) -> PagePlan:
        """A fixed page: header, panels (chains filled as one and balanced), footer."""
        w, h = page_size(self.paper, part.landscape)
        m = self.margin
        content_w = w - 2 * m
        header, header_h = self.full_width(part.header, content_w)
        footer, footer_h = self.full_width(part.footer, content_w)
        panel_top = h - m - header_h
        panel_h = panel_top - m - (footer_h + FOOTER_GAP if footer else 0.0)
        if panel_h <= 0:
            self.shortfalls.append(Shortfall(f"the header and footer of page '{part.name}'",
                                             -panel_h))
            panel_h = 1.0
        regions = [Region(m, h - m, content_w, header_h, header)]
        # A trifold's panels span the sheet (its folds); other pages sit inside the margins.
        widths = panel_widths(w if self.trifold else content_w + 2 * self.gutter,
                              [p.share for p in part.panels], [p.flap for p in part.panels])
        x = 0.0 if self.trifold else m - self.gutter
        folds = []
        chain: list[tuple[L.Panel, float, float]] = []
        for panel, pw in zip(part.panels, widths, strict=True):
            chain.append((panel, x, pw))
            x += pw
            folds.append(x)
            if panel.overflow_next and panel is not part.panels[-1]:
                continue
            regions.extend(self.chain(part, chain, panel_top, panel_h))
            chain = []
        if footer:
            regions.append(Region(m, m + footer_h, content_w, footer_h, footer))
        marks = tuple(mark for fold in folds[:-1] for mark in
                      ((fold, h, fold, h - FOLD_MARK), (fold, 0.0, fold, FOLD_MARK))) \
            if self.trifold else ()
        return PagePlan((w, h), tuple(regions), None, marks)

    def chain(self, part: L.Page, chain: Sequence[tuple[L.Panel, float, float]],
              top: float, height: float) -> list[Region]:
        """The regions of panels (panel, x, width) that overflow one into the next, filled
        as one and balanced; what is left over is a shortfall of the chain's last panel."""
        inner = [cw - 2 * self.gutter for _, _, cw in chain]
        items = [f for (pnl, _, _), iw in zip(chain, inner, strict=True)
                 for f in self.make_items(pnl.blocks, iw)]
        filled = balance(items, [(iw, height) for iw in inner])
        frames = filled.frames + ((),) * (len(chain) - len(filled.frames))
        regions = []
        for (pnl, cx, cw), placed in zip(chain, frames, strict=True):
            x, width = cx + self.gutter, cw - 2 * self.gutter
            shade = Box(L.Pt(x - TINT_PAD), L.Pt(top - height - TINT_PAD),
                        L.Pt(width + 2 * TINT_PAD), L.Pt(height + 2 * TINT_PAD)) \
                if pnl.tint else None
            regions.append(Region(x, top, width, height, placed, shade))
        if filled.leftover:
            name = chain[-1][0].name
            where = (f"panel '{name}' on page '{part.name}'" if len(part.panels) > 1
                     else f"page '{part.name}'")
            self.shortfalls.append(Shortfall(where, filled.leftover_height))
        return regions

    def flow(self, part: L.Flow) -> list[PagePlan]:
        """A flowing part cut into as many portrait pages as it needs, each with the part's
        running footer."""
        w, h = page_size(self.paper, False)
        m = self.margin
        body_w, footer_space = min(w - 2 * m, self.measure), self.line_height * 2
        left = (w - body_w) / 2
        body_h = h - 2 * m - footer_space
        filled = fill(self.make_items(part.blocks, body_w), [(body_w, body_h)] * MAX_FLOW_PAGES)
        if filled.leftover:
            self.shortfalls.append(Shortfall(
                f"the '{part.name}' pages (a block taller than a page, or more than "
                f"{MAX_FLOW_PAGES} pages)", filled.leftover_height))
        footer = RunningFooter(part.footer, left, left + body_w, m)
        return [PagePlan((w, h), (Region(left, h - m, body_w, body_h, placed),), footer)
                for placed in filled.frames if placed]
