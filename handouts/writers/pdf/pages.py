"""The print plan's pages: where everything on each sheet side goes, decided before drawing.

`plan` lays out a layout Document on its paper: margins, the full-width header and footer
of a fixed page, its panels side by side (fold-correct on a trifold), a chain of panels
that overflow into each other filled and balanced as one, flowing pages cut from a long
part, the running footer and the fold marks. It measures through a `MakeItems` callable
(blocks to measurable items at a width, on a ground) and never needs a canvas, so it is
tested with fake items. Text that does not fit is never cut: each place is reported as a
`Shortfall`. Blocks with a compact form (`Fit`) are shown in full where the page has room.

Running text keeps a measure of 45-75 average characters a line (Bringhurst, The Elements
of Typographic Style, 2.1.2): a flowing page's column is at most FLOW_MEASURE characters
wide, and side-by-side columns that would hold fewer than MIN_MEASURE characters (a wide
font, large type) are set as one column of at most MAX_MEASURE characters instead. A
trifold's panels are exempt: its folds fix their width.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from handouts.document import model as L
from handouts.writers.geometry import page_size
from handouts.writers.pdf.plan import (
    MAX_WHOLE_LIST,
    MIN_LIST_SIDE,
    Box,
    Measurable,
    Placed,
    balance,
    fill,
    panel_widths,
)

MARGINS = {"flyer": 36.0, "trifold": 25.2, "booklet": 54.0}
"""Page margins in points by layout: 0.5 in, 0.35 in, 0.75 in."""
PANEL_GUTTER = {"flyer": 9.0, "trifold": 21.6, "booklet": 18.0}
"""Space on each side of a panel edge: a flyer's columns are 1/4 in apart; a trifold's
text keeps 0.3 in from each fold."""
FOOTER_GAP = 10.0
"""Space between the panels and a page's footer blocks."""
TINT_PAD = 9.0
"""How far a tinted panel's colour reaches past its text on every side."""
FOLD_MARK = 14.0
"""The length of a fold guide at the top and at the foot of a trifold sheet."""
MAX_FLOW_PAGES = 200
"""The most pages a flowing part may take before it is reported as overflowing."""
UNBOUNDED = 1e6
"""The height of a frame that never runs out (a header or footer is as tall as it needs)."""
MIN_MEASURE, FLOW_MEASURE, MAX_MEASURE = 45, 66, 75
"""Average characters a line of running text holds: the least for side-by-side columns,
a flowing page's, and the most for any column but a trifold panel."""
MAX_BLANK = 0.25
"""The most of a page's height left blank under its panels' text while a block is shown
in its compact form (more would mean the full form should have been tried differently)."""
MAX_FIT_COMBINATIONS = 64
"""Up to this many full/compact combinations of a page's `Fit` blocks are all tried;
beyond it, only 'the first n in full' for every n."""

MakeItems = Callable[[Sequence[L.Block], float, str], Sequence[Measurable]]
"""Measurable items (for reportlab, flowables) of some blocks set `width` points wide on
a ground (handouts.writers.pdf.inks.GROUNDS: "page", or "box" in a tinted panel)."""


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
    panel: L.Panel | None = None
    """The panel drawn here (for a chain set as one column, one holding all their blocks);
    None: a page's header or footer, or a flowing page's body."""


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
    blank: float = 0.0
    """Points of a fixed page's panel height left blank under its lowest panel text."""


@dataclass(frozen=True)
class Shortfall:
    """A place whose text does not fit, named for a message, and by how many points."""

    where: str
    points: float


@dataclass(frozen=True)
class Compacted:
    """A `Fit` shown in its compact form: its name, its page, and the points of the page
    left blank under the panels' text; `left_out` when that form is empty (the blocks
    are not shown at all, as a cover picture that does not fit)."""

    name: str
    page: str
    blank: float
    page_height: float
    left_out: bool = False


@dataclass(frozen=True)
class PrintPlan:
    """Every page of a document in order, every place that did not fit (drawing the
    pages is only right when there are none), and every block shown in compact form."""

    pages: tuple[PagePlan, ...]
    shortfalls: tuple[Shortfall, ...]
    compacted: tuple[Compacted, ...] = ()


def plan(doc: L.Document, paper: str, make_items: MakeItems, line_height: float,
         char_width: float = 0.0) -> PrintPlan:
    """The pages of `doc` on `paper` (a name in PAPER_SIZES), its blocks measured through
    `make_items`; `line_height` is the body text's, in points (a flowing page keeps two
    lines free for its footer); `char_width`: the body font's average character width in
    points, which sets the measure of running text (0: columns as wide as the page
    gives)."""
    planner = _Planner(doc.layout, paper, make_items, line_height, char_width)
    pages: list[PagePlan] = []
    for part in doc.parts:
        if isinstance(part, L.Page):
            pages.append(planner.fitted(part))
        elif isinstance(part, L.Flow):
            pages.extend(planner.flow(part))
    return PrintPlan(tuple(pages), tuple(planner.shortfalls), tuple(planner.compacted))


def _combinations(count: int) -> list[tuple[bool, ...]]:
    """Which of `count` Fit blocks to show in full, in order of preference: more in full
    first, then the earlier ones in full."""
    if 2 ** count > MAX_FIT_COMBINATIONS:
        return [(True,) * n + (False,) * (count - n) for n in range(count, -1, -1)]
    every = itertools.product((True, False), repeat=count)
    return sorted(every, key=lambda c: (-sum(c), [not full for full in c]))


def _chosen(part: L.Page, full: Sequence[bool]) -> L.Page:
    """`part` with each Fit block replaced by its full or compact form, in order."""
    choice = iter(full)
    panels = tuple(replace(panel, blocks=tuple(
        b for block in panel.blocks
        for b in ((block.full if next(choice) else block.compact)
                  if isinstance(block, L.Fit) else (block,))))
        for panel in part.panels)
    return replace(part, panels=panels)


def _blocks(panel: L.Panel) -> tuple[L.Block, ...]:
    """The blocks of a panel whose Fit blocks are all chosen."""
    blocks = tuple(b for b in panel.blocks if not isinstance(b, L.Fit))
    if len(blocks) != len(panel.blocks):
        raise ValueError(f"panel '{panel.name}' still holds a <fit> block")
    return blocks


class _Planner:
    """Plans the parts of one document, collecting every shortfall and compacted block."""

    def __init__(self, layout: str, paper: str, make_items: MakeItems,
                 line_height: float, char_width: float = 0.0) -> None:
        self.paper, self.make_items, self.line_height = paper, make_items, line_height
        self.char_width = char_width
        self.trifold = layout == "trifold"
        self.margin = MARGINS[layout]
        self.gutter = PANEL_GUTTER[layout]
        self.shortfalls: list[Shortfall] = []
        self.compacted: list[Compacted] = []

    def fitted(self, part: L.Page) -> PagePlan:
        """A fixed page with each Fit block in full where it fits, else compact: of the
        combinations that fit, the one with the most in full, then the least blank."""
        fits = [b for panel in part.panels for b in panel.blocks if isinstance(b, L.Fit)]
        if not fits:
            return self.page(part)
        found = len(self.shortfalls)
        best: tuple[tuple[int, float], PagePlan, tuple[bool, ...]] | None = None
        for full in _combinations(len(fits)):
            planned = self.page(_chosen(part, full))
            fitted = len(self.shortfalls) == found
            del self.shortfalls[found:]
            if not fitted:
                continue
            key = (-sum(full), planned.blank)
            if best is None or key < best[0]:
                best = (key, planned, full)
            if all(full):
                break  # everything in full: nothing better
        if best is None:  # not even all compact fits: report that
            return self.page(_chosen(part, (False,) * len(fits)))
        (_, blank), planned, full = best
        self.compacted.extend(Compacted(fit.name, part.name, blank, planned.size[1],
                                        not fit.compact)
                              for fit, f in zip(fits, full, strict=True) if not f)
        return planned

    def full_width(self, blocks: Sequence[L.Block],
                   width: float) -> tuple[tuple[Placed, ...], float]:
        """`blocks` placed in one frame `width` wide, and the height they take."""
        filled = fill(self.make_items(blocks, width, "page"), [(width, UNBOUNDED)])
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
        panels: list[Region] = []
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
            panels.extend(self.chain(part, self.measured(chain), panel_top, panel_h))
            chain = []
        regions.extend(panels)
        if footer:
            regions.append(Region(m, m + footer_h, content_w, footer_h, footer))
        marks = tuple(mark for fold in folds[:-1] for mark in
                      ((fold, h, fold, h - FOLD_MARK), (fold, 0.0, fold, FOLD_MARK))) \
            if self.trifold else ()
        used = max((p.top + p.height for r in panels for p in r.placed), default=0.0)
        return PagePlan((w, h), tuple(regions), None, marks, max(0.0, panel_h - used))

    def measured(self, chain: list[tuple[L.Panel, float, float]]
                 ) -> list[tuple[L.Panel, float, float]]:
        """A chain of panels (panel, x, width) whose running text keeps the measure: as
        they are, or, where a column would hold fewer than MIN_MEASURE characters, one
        panel (the chain's blocks in order) at most MAX_MEASURE characters wide, set at the
        left of the space they shared (lined up with the header and footer; what is left
        on the right is a side margin). A trifold's panels keep their widths."""
        if self.trifold or not self.char_width:
            return chain
        narrowest = min(cw for _, _, cw in chain) - 2 * self.gutter
        if len(chain) > 1 and narrowest >= MIN_MEASURE * self.char_width:
            return chain
        x0 = chain[0][1]
        span = chain[-1][1] + chain[-1][2] - x0
        width = min(span, MAX_MEASURE * self.char_width + 2 * self.gutter)
        first = chain[0][0]
        merged = replace(first, blocks=tuple(b for pnl, _, _ in chain for b in pnl.blocks),
                         name=chain[-1][0].name, overflow_next=False)
        return [(merged, x0, width)]

    def chain(self, part: L.Page, chain: Sequence[tuple[L.Panel, float, float]],
              top: float, height: float) -> list[Region]:
        """The regions of panels (panel, x, width) that overflow one into the next, filled
        as one and balanced; what is left over is a shortfall of the chain's last panel."""
        inner = [cw - 2 * self.gutter for _, _, cw in chain]
        items = [f for (pnl, _, _), iw in zip(chain, inner, strict=True)
                 for f in self.make_items(_blocks(pnl), iw, "box" if pnl.tint else "page")]
        filled = balance(items, [(iw, height) for iw in inner], whole_list=(
            MAX_WHOLE_LIST if self.trifold else 2 * MIN_LIST_SIDE - 1))
        frames = filled.frames + ((),) * (len(chain) - len(filled.frames))
        regions = []
        for (pnl, cx, cw), placed in zip(chain, frames, strict=True):
            x, width = cx + self.gutter, cw - 2 * self.gutter
            shade = Box(L.Pt(x - TINT_PAD), L.Pt(top - height - TINT_PAD),
                        L.Pt(width + 2 * TINT_PAD), L.Pt(height + 2 * TINT_PAD)) \
                if pnl.tint else None
            regions.append(Region(x, top, width, height, placed, shade, pnl))
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
        body_w = min(w - 2 * m, FLOW_MEASURE * self.char_width) if self.char_width \
            else w - 2 * m
        footer_space = self.line_height * 2
        left = (w - body_w) / 2
        body_h = h - 2 * m - footer_space
        filled = fill(self.make_items(part.blocks, body_w, "page"),
                      [(body_w, body_h)] * MAX_FLOW_PAGES)
        if filled.leftover:
            self.shortfalls.append(Shortfall(
                f"the '{part.name}' pages (a block taller than a page, or more than "
                f"{MAX_FLOW_PAGES} pages)", filled.leftover_height))
        footer = RunningFooter(part.footer, left, left + body_w, m)
        return [PagePlan((w, h), (Region(left, h - m, body_w, body_h, placed),), footer)
                for placed in filled.frames if placed]

