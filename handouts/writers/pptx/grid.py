"""A grid slide (`<slide kind="grid">`, the key points): each item a cell with its icon
large and its text under it at the deck's body size, never smaller; the planner chooses
the columns, and splits the items over "(continued)" slides where the cells do not fit.

The columns: one for one item, two for two or four, three for three, five or six
(PREFERRED); fewer where a cell's text does not fit its width (a word wider than the cell,
or more than CELL_LINES lines), down to one column (where only the height counts). Each
cell's icon stands over its text, or where the rows are too high for that, left of it (in
one column always); the icon is the largest of ICON_SIZES at which the cells fit the text
area, with a line to spare in each row where there is room (text a presentation program
sets in a wider font grows into it). A cell without an icon keeps the icon's room empty,
so the texts of a row start on one line. At most MAX_BULLETS cells a slide; a cell too
large for an empty slide is an error, never cut.

Each cell's text is a shape of its own (slides.SlideBoxes.cells), so an icon stays with
its text wherever a presentation program sets the text in another font. Pure: measured
with a `Measure`, tested without python-pptx.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handouts.writers.addresses import words
from handouts.writers.pptx.measure import (
    LINE_SPACING,
    Item,
    Measure,
    SlideGeometry,
    SlideOverflow,
    wrap_lines,
)
from handouts.writers.pptx.slides import MAX_BULLETS, Box, PlacedIcon

__all__ = ["CELL_LINES", "COLUMN_GAP", "ICON_GAP", "ICON_SIZES", "PREFERRED", "ROW_GAP",
           "Grid", "arrange", "grid_pages"]

ICON_SIZES = (96.0, 72.0, 60.0)
"""A cell's icon sizes in points, largest first: the largest at which the cells fit."""
PREFERRED = {1: 1, 2: 2, 3: 3, 4: 2, 5: 3, 6: 3}
"""The columns a grid of so many cells takes where its text fits them."""
CELL_LINES = 5
"""The most lines a cell's text may take before the grid takes fewer columns."""
COLUMN_GAP = 32.0
"""The gap between columns, in points."""
ROW_GAP = 24.0
"""The gap between rows, in points."""
ICON_GAP = 10.0
"""The gap between a cell's icon and its text (under it, or right of it in one column)."""


@dataclass(frozen=True)
class Grid:
    """Cells arranged on one slide: their columns, icon size (points), and the box of
    each cell's text and of each icon, in reading order (rows top to bottom, each left to
    right)."""

    columns: int
    icon: float
    cells: tuple[Box, ...]
    icons: tuple[PlacedIcon, ...]


def _text_fits(item: Item, width: float, size: float, measure: Measure,
               strict: bool) -> int | None:
    """The lines `item`'s text takes in `width` at `size`, or (when `strict`: there are
    fewer columns to take) None where it does not fit a cell: a word wider than the cell,
    or more than CELL_LINES lines."""
    lines = wrap_lines(item.runs, width, size, measure)
    if not strict:
        return lines
    for run in item.runs:
        if any(measure(word, size, run.bold) > width for word in words(run.text)):
            return None
    return lines if lines <= CELL_LINES else None


def _try(items: Sequence[Item], columns: int, icon: float, geo: SlideGeometry,
         measure: Measure, slack: float, beside: bool) -> Grid | None:
    """`items` in `columns` columns with icons `icon` points across in `geo`'s text area
    (`beside`: left of each cell's text, else over it), from its top, each row as high as
    its highest cell and a share of the room to spare; None where they do not fit with
    `slack` points to spare in each row."""
    size = geo.body_size
    line = size * LINE_SPACING
    width = (geo.body_width - (columns - 1) * COLUMN_GAP) / columns
    text_width = width - icon - ICON_GAP if beside else width
    heights = []
    for item in items:
        lines = _text_fits(item, text_width, size, measure, columns > 1)
        if lines is None:
            return None
        heights.append(lines * line)
    rows = [heights[i:i + columns] for i in range(0, len(heights), columns)]
    # beside: the text's first line centred on the icon, wherever its lines end
    drop = max(0.0, (icon - line) / 2)
    row_heights = [max(icon, drop + max(row)) if beside else icon + ICON_GAP + max(row)
                   for row in rows]
    total = sum(row_heights) + ROW_GAP * (len(rows) - 1)
    if total + slack * len(rows) > geo.body_height:
        return None
    # The room to spare goes to the rows, under their text: where a presentation program
    # sets a cell's text in a wider font, it grows into its own row's room, not the next.
    spare = (geo.body_height - total) / len(rows)
    row_heights = [h + spare for h in row_heights]
    top = geo.body_top
    cells: list[Box] = []
    icons: list[PlacedIcon] = []
    for r, (row, row_h) in enumerate(zip(rows, row_heights, strict=True)):
        # a short last row is centred under the full rows
        left = geo.margin + (columns - len(row)) * (width + COLUMN_GAP) / 2
        for c in range(len(row)):
            item = items[r * columns + c]
            x = left + c * (width + COLUMN_GAP)
            if beside:  # the icon left of its text, by its first line
                cells.append(Box(x + icon + ICON_GAP, top + drop, text_width,
                                 row_h - drop))
                icon_box = Box(x, top, icon, icon)
            else:  # the icon over its text; the texts of a row start on one line
                cells.append(Box(x, top + icon + ICON_GAP, width, row_h - icon - ICON_GAP))
                icon_box = Box(x, top, icon, icon)
            if item.icon:
                icons.append(PlacedIcon(item.icon, icon_box))
        top += row_h + ROW_GAP
    return Grid(columns, icon, tuple(cells), tuple(icons))


def arrange(items: Sequence[Item], geo: SlideGeometry, measure: Measure) -> Grid | None:
    """`items` as a grid on one slide: PREFERRED columns, else fewer; with a line to
    spare in each row where that fits; each icon over its text, else left of it; the
    largest of ICON_SIZES that fits. None where no arrangement fits or there are more
    than MAX_BULLETS items."""
    if not items or len(items) > MAX_BULLETS:
        return None
    line = geo.body_size * LINE_SPACING
    for columns in range(min(PREFERRED[len(items)], len(items)), 0, -1):
        # a line to spare in every row first: room for text a presentation program sets
        # wider than measured (another font), never needed to fit
        for slack in (line, 0.0):
            for beside in (False, True) if columns > 1 else (True,):
                for icon in ICON_SIZES:
                    grid = _try(items, columns, icon, geo, measure, slack, beside)
                    if grid is not None:
                        return grid
    return None


def grid_pages(items: Sequence[Item], geo: SlideGeometry, measure: Measure,
               title: str) -> list[list[Item]]:
    """`items` split over as few slides as hold them as grids, the same number on each
    where that fits too (the first slides one more where they cannot be equal); raises
    SlideOverflow for an item that fits no grid alone."""
    pages: list[list[Item]] = []
    start = 0
    while start < len(items):
        count = 0
        for n in range(min(MAX_BULLETS, len(items) - start), 0, -1):
            if arrange(items[start:start + n], geo, measure) is not None:
                count = n
                break
        if not count:
            raise SlideOverflow(title, _excess(items[start], geo, measure))
        pages.append(list(items[start:start + count]))
        start += count
    if len(pages) > 1:  # even out: no continuation holds a lone leftover cell
        each, extra = divmod(len(items), len(pages))
        even, at = [], 0
        for n in range(len(pages)):
            size = each + (1 if n < extra else 0)
            even.append(list(items[at:at + size]))
            at += size
        if all(arrange(page, geo, measure) is not None for page in even):
            return even
    return pages


def _excess(item: Item, geo: SlideGeometry, measure: Measure) -> float:
    """How much taller than the text area `item` is as a cell alone (one column, the
    smallest icon), in points; at least 1, as it does not fit."""
    size = geo.body_size
    icon = ICON_SIZES[-1]
    lines = wrap_lines(item.runs, geo.body_width - icon - ICON_GAP, size, measure)
    return max(1.0, max(icon, lines * size * LINE_SPACING) - geo.body_height)

