"""What a planned slide is: its text, pictures and notes, and the box of every shape
(points, from the slide's top-left corner), made by handouts.writers.pptx.plan and drawn
by the PowerPoint writer (handouts.writers.pptx.output) and the talk printed as PDF
(handouts.writers.talkpdf) alike. Also the sizes of the text the tool adds.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from handouts.document import model as L
from handouts.writers.geometry import SLIDE_QR_SIZE
from handouts.writers.pptx.measure import PARA_GAP, Item

MAX_BULLETS = 6
FIELD_SIZE = 18.0
"""The size of a title slide's presenter and date."""
CLINIC_SIZE = 20.0
"""The size of the clinic's name at the top of a title slide."""
CAPTION_SIZE = 16.0
"""The size of a QR code's caption."""
NUMBER_SIZE = 14.0
"""The size of the slide number."""
FOOT_SIZE = 16.0
"""The size of small print at a slide's foot (a closing slide's "Reviewed: ..." line)."""
FOOT_CLEAR = FOOT_SIZE
"""How much higher a slide's text ends when small print is at its foot: a line of the
small print, so that the last line of text (its descenders, and a presentation program's
own line spacing) stays clear of it."""
NUMBER_WIDTH = 60.0
"""The width of the slide number's box, in the bottom right corner."""
QR_CAPTION_TOP = SLIDE_QR_SIZE + 6.0
"""How far below the top of a slide's QR code its caption starts."""
QR_PICTURE_TOP = 200.0
"""How far below the top of a slide's QR code a picture beside the body starts."""
EMU_PER_PT = 12700
"""PowerPoint's grid: it stores lengths in whole EMUs (python-pptx truncates to them)."""

PictureSize = Callable[[L.Image], tuple[float, float]]
"""A picture's own width and height (pixels; only their ratio matters)."""


@dataclass(frozen=True)
class Box:
    """A rectangle on a slide in points; (x, y) is its top-left corner, from the slide's."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class PlacedIcon:
    """A bundled icon (its name) drawn square in `box`; decorative, as the text beside it
    says what it shows."""

    name: str
    box: Box


@dataclass(frozen=True)
class SlideBoxes:
    """Where each shape of a slide goes. None: the slide has no such shape, or (title and
    subtitle on a clinic template) the shape stays where its layout puts it."""

    number: Box
    """The slide number, in the bottom right corner."""
    title: Box | None = None
    title_inset: float = 0.0
    """The title text's left and right inset inside its box (a full-width title band)."""
    rule: Box | None = None
    """The coloured rule under a content slide's title."""
    body: Box | None = None
    """The text items (all but callouts) in one shape; None when there are none, or
    each is a shape of its own (`cells`)."""
    cells: tuple[Box, ...] = ()
    """One box per text item (all but callouts), in order, each item a shape of its own:
    a grid's cells, or a list whose items have icons, so that each icon stays with its
    text where a presentation program sets it in another font; empty: `body` holds
    them."""
    callouts: tuple[Box, ...] = ()
    """One per callout item, in order."""
    subtitle: Box | None = None
    fields: Box | None = None
    """A title slide's presenter and date."""
    clinic: Box | None = None
    """A title slide's first item, the clinic's name, beside its logo."""
    picture: Box | None = None
    """The slide's first picture (the only one drawn), at its own proportions."""
    icons: tuple[PlacedIcon, ...] = ()
    """Bundled icons: one beside each bullet that has one (in place of its bullet), one
    over each grid cell that has one, a statement's icon beside its callout, a section
    header's beside its title band."""
    figure: Box | None = None
    """A section's picture, at its own proportions, in a column left of the text."""
    caption: Box | None = None
    """The figure's caption, under it."""
    qr: Box | None = None
    qr_caption: Box | None = None
    foot: Box | None = None
    """Small print at the foot, left of the slide number."""


@dataclass(frozen=True)
class PlannedSlide:
    """A slide ready to draw: its kind, title, body items and notes; `continued` if split;
    its title size and the boxes of its shapes."""

    kind: str
    title: L.Inline
    items: tuple[Item, ...]
    notes: tuple[str, ...]
    subtitle: L.Inline = ()
    fields: tuple[str, ...] = ()
    qr: str | None = None
    qr_caption: str = ""
    images: tuple[L.Image, ...] = ()
    continued: bool = False
    continued_kicker: str = ""
    """The kicker a continuation takes if its title with its label is too long."""
    kicker: str = ""
    """A small label line above the title (see `title_size`)."""
    foot: L.Inline = ()
    """Small print drawn at the foot of the slide, on one line (see `plan`)."""
    gap: float = PARA_GAP
    """Space after each body paragraph, as a multiple of the body size."""
    title_size: float = 36.0
    """The title's size in points, the largest that fits (see `title_size`)."""
    boxes: SlideBoxes = SlideBoxes(Box(0.0, 0.0, 0.0, 0.0))
    """Where its shapes go; `plan` sets them (the default places nothing but a number)."""
    figure: L.Figure | None = None
    """A section's picture, drawn beside its text (on the slide's first page only)."""
    icon: str = ""
    """The slide's own icon: beside a callout alone on its slide (a statement), else at
    the top of the column right of the slide's text, where a QR code would be."""

    @property
    def corner_icon(self) -> bool:
        """Whether the slide's icon stands at the top of the column right of its text (a
        slide of text with an icon, no other picture and not a statement)."""
        return bool(self.icon) and not self.statement and self.figure is None \
            and self.kind != "grid" and not self.qr and not self.images and bool(self.items)

    @property
    def statement(self) -> bool:
        """Whether the slide is a statement: callouts only, with the slide's icon."""
        return bool(self.icon) and bool(self.items) \
            and all(i.style == "callout" for i in self.items)




def layout_of(slide: PlannedSlide) -> str:
    """Which layout a planned slide is drawn on: its kind's ('content' for a grid, its
    cells in shapes of their own), or 'picture' for a slide with a figure beside its
    text."""
    if slide.figure is not None:
        return "picture"
    return "content" if slide.kind == "grid" else slide.kind


def cell_item(plan: PlannedSlide, item: Item) -> Item:
    """`item` as its own shape sets it: a grid cell's text plain (no bullet), a list
    item as it is."""
    return Item(item.runs, "plain") if plan.kind == "grid" else item
