"""How much room slide text takes: the geometry of a slide's text areas, the items of its
body, and their measured heights and title sizes, from a `Measure` (the width of a string
at a size, from the same font files the PDFs use), so all of it is tested without
python-pptx. A title too long for TITLE_LINES lines at the smallest size, or an item taller
than an empty slide, is an error, never cut.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace

from handouts.document import model as L
from handouts.writers.addresses import numbers_whole, words
from handouts.writers.contract import DoesNotFit

LINE_SPACING = 1.2
"""Line height as a multiple of the font size (the writer sets it as exact spacing)."""
PARA_GAP = 0.45
"""Space after each paragraph, as a multiple of the font size."""
ADDRESS_GAP = 0.2
"""Space after each line of a closing slide's contact text set as an address block (where
it does not fit with PARA_GAP), as a multiple of the font size."""
CALLOUT_PAD = 0.5
"""Inner padding of a callout box, as a multiple of the font size."""
CALLOUT_CLEAR = 0.5
"""Space kept clear above a callout box, as a multiple of the font size: the text above
never touches it, whatever a presentation program's own line spacing adds."""

TITLE_SIZES = (32.0, 28.0)
"""The smaller sizes a title steps down to, after the geometry's own, to fit TITLE_LINES."""
TITLE_LINES = 2
TITLE_SLACK = 10.0
"""How much narrower than its box a title is measured, for the placeholder's own edges."""
KICKER_SIZE = 18.0
"""The size of a kicker, the small label line above a title."""

Measure = Callable[[str, float, bool], float]
"""Width in points of `text` at `size` points, bold or not."""


@dataclass(frozen=True)
class Item:
    """One paragraph of slide text: a bullet, a plain line, a callout or a term."""

    runs: L.Inline
    style: str = "bullet"
    ordinal: int = 0
    """The number of a numbered bullet (0: not numbered)."""
    last: int = 0
    """The largest number of its list (a numbered bullet): how wide the numbers are."""
    icon: str = ""
    """A bundled icon drawn in place of its bullet or number ("" none)."""


ICON_INDENT = 1.7
"""How far a bullet's text stands from the icon in place of its bullet, in ems: the icon
(ICON_SIZE) and a gap."""
ICON_SIZE = 1.3
"""The size of an icon in place of a bullet, in ems: a little more than a line."""


def indent(item: Item, size: float) -> float:
    """How far a bullet's text stands from its bullet, in points at `size`: 1.1 em, or
    for a list numbered past 9, room for its widest number and its full stop; for a
    bullet drawn as an icon, ICON_INDENT (`icon_inset`) and then its number, if it has one
    (an icon stands in for a bullet, not for a number)."""
    number = size * max(1.1, 0.6 * len(str(item.last)) + 0.5) if item.ordinal else size * 1.1
    if item.icon:
        return icon_inset(item, size) + (number if item.ordinal else 0.0)
    return number


def icon_inset(item: Item, size: float) -> float:
    """How far right of its icon an item's own text box stands, in points at `size`:
    ICON_INDENT for an item with an icon, else 0 (see `indent`)."""
    return size * ICON_INDENT if item.icon else 0.0


@dataclass(frozen=True)
class SlideGeometry:
    """Where the title and body go, in points, and the text sizes."""

    width: float
    height: float
    body_size: float
    title_size: float = 36.0
    margin: float = 48.0
    title_top: float = 30.0
    title_height: float = 100.0
    body_top: float = 152.0
    bottom: float = 40.0
    """Space kept free at the foot (slide number)."""
    title_width: float | None = None
    """The width of a content slide's title box (None: the body's width)."""
    gap: float = PARA_GAP
    """Space after each body paragraph, as a multiple of `body_size`."""
    template: bool = False
    """Slides on a clinic template's layouts: titles and subtitles stay where the layouts
    put them, and no title rule is drawn (the template's design is kept)."""

    @property
    def body_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def title_box_width(self) -> float:
        return self.body_width if self.title_width is None else self.title_width

    @property
    def body_height(self) -> float:
        return self.height - self.body_top - self.bottom


class SlideOverflow(DoesNotFit):
    """An item that does not fit on an empty slide at the minimum size."""

    def __init__(self, slide_title: str, points: float) -> None:
        super().__init__(f"slide '{slide_title}' has an item taller than the slide's text "
                         f"area by {points:.0f} pt")
        self.slide_title = slide_title
        self.points = points


class TitleTooLong(SlideOverflow):
    """A slide title that needs more than TITLE_LINES lines at the smallest title size."""

    def __init__(self, slide_title: str) -> None:
        super().__init__(slide_title, 0.0)
        self.args = (f"the slide title '{slide_title}' needs more than {TITLE_LINES} lines "
                     f"even at {TITLE_SIZES[-1]:.0f} pt; shorten it",)


def text(runs: L.Inline) -> str:
    """The plain text of some runs."""
    return "".join(r.text for r in runs)


def wrap_lines(runs: L.Inline, width: float, size: float, measure: Measure) -> int:
    """How many lines `runs` take at `size` in a box `width` wide (greedy word wrap).

    A space is counted before every word but the first on a line, even where two runs
    meet inside a word, so the estimate errs toward more lines, never fewer.
    """
    lines, used = 1, 0.0
    space = measure(" ", size, False)
    for run in runs:
        if run.text == "\n":
            lines, used = lines + 1, 0.0
            continue
        # as drawn (handouts.writers.pptx.text): a time or phone number kept whole
        for word in words(run.text if run.href else numbers_whole(run.text)):
            w = measure(word, size, run.bold)
            if used and used + space + w > width:
                lines, used = lines + 1, 0.0
            while w > width:  # a word longer than a line breaks across lines
                lines, w = lines + 1, w - width
            used += (space if used else 0.0) + w
    return lines


def item_height(item: Item, geo: SlideGeometry, measure: Measure) -> float:
    """The height of one item in the body box, with the space after it (a callout's
    measured bold, as it is drawn, with CALLOUT_CLEAR above it)."""
    size = geo.body_size
    inset = indent(item, size) if item.style == "bullet" else 0.0
    pad = 2 * size * CALLOUT_PAD if item.style == "callout" else 0.0
    # A callout is drawn bold throughout, so it is measured so.
    runs = tuple(replace(r, bold=True) for r in item.runs) if item.style == "callout" \
        else item.runs
    lines = wrap_lines(runs, geo.body_width - inset - pad, size, measure)
    clear = size * CALLOUT_CLEAR if item.style == "callout" else 0.0
    return clear + lines * size * LINE_SPACING + pad + size * geo.gap


def title_size(title: L.Inline, geo: SlideGeometry, measure: Measure,
               kicker: bool = False) -> float:
    """The largest of the geometry's title size and TITLE_SIZES at which `title`, set bold
    in the title box's width, takes at most TITLE_LINES lines, and with a `kicker` line
    above it also fits the box's height (else, on a short template box, the smallest size
    at TITLE_LINES lines); raises TitleTooLong if none does."""
    bold = tuple(L.Run(r.text, True) for r in title)
    width = geo.title_box_width - TITLE_SLACK
    fits = [size for size in (geo.title_size, *TITLE_SIZES)
            if wrap_lines(bold, width, size, measure) <= TITLE_LINES]
    if not fits:
        raise TitleTooLong(text(title))
    if kicker:
        high = [size for size in fits if (KICKER_SIZE + wrap_lines(bold, width, size, measure)
                                          * size) * LINE_SPACING <= geo.title_height]
        return high[0] if high else fits[-1]
    return fits[0]
