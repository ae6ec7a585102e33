"""Icons beside text and figures with captions, as reportlab flowables.

An icon beside a list item or a heading (`IconRow`) is decoration, drawn as an artifact:
the text beside it says what it shows, so a listener hears the text once and no alt
text repeats it. It is drawn as vectors in the brand's icon colour (catalogue.icon_colour:
at least 3:1 against the ground behind it, WCAG 1.4.11), centred on the text's first line.

A figure (`FigureBox`) is a picture that explains: a Figure element with its alt text,
then its caption and credit as paragraphs in the caption style. It is sized to its column
(never wider, and never taller than MAX_FIGURE_SHARE of the sheet's long side, so it
always fits an empty panel) and kept whole: a figure taller than the room left in a panel
moves on to the next one, never cut. A photo (PNG or JPEG) is drawn at its own pixels,
with a `low-resolution` warning when it has fewer than MIN_DPI at its printed size.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable

from handouts.brand import assets
from handouts.brand.svgdraw import svg_fonts
from handouts.colours import Palette
from handouts.errors import Diagnostic, Location
from handouts.fonts.families import Fonts, builtin_fonts
from handouts.icons.catalogue import icon_colour
from handouts.writers.geometry import PAPER_SIZES
from handouts.writers.pdf import figures, inks
from handouts.writers.pdf.plan import keeps_with_next, keeps_with_previous

__all__ = ["MAX_FIGURE_SHARE", "MIN_DPI", "FigureBox", "IconRow", "figure_picture", "icon"]

MIN_DPI = 150.0
"""The fewest pixels per inch a photo should have at its printed size."""
MAX_FIGURE_SHARE = 0.4
"""The tallest a figure's picture is drawn, as a share of the sheet's long side: with its
caption it still fits an empty panel of any layout."""
ICON_SCALE = 1.1
"""An icon's size beside text, in lines of that text (its leading)."""


def icon(name: str, size: float, palette: Palette, ground: str) -> Flowable:
    """The bundled icon `name`, `size` points square, in the brand's icon colour on
    `ground` (inks.GROUNDS), as vectors and untagged (an artifact)."""
    colour = icon_colour(palette, inks.ground(palette, ground)[0])
    return figures.icon(name, size, colour, svg_fonts([builtin_fonts()]))


class IconRow(Flowable):  # type: ignore[misc]
    """`inner` (a paragraph, or any flowable) drawn `offset` points in from the left, with
    `icon` (None: none, only the indent) in that margin, centred on the inner flowable's
    first line (`line` points high). Kept whole; spacing and keeping rules are the inner
    flowable's, but for `space_after` if given (the items of an icon list sit closer than
    a bulleted list's: the icons set them apart)."""

    def __init__(self, icon: Flowable | None, inner: Flowable, offset: float,
                 line: float, space_after: float | None = None) -> None:
        super().__init__()
        self.icon, self.inner, self.offset, self.line = icon, inner, offset, line
        size = icon.height if icon is not None else 0.0
        self.above = max(0.0, (size - line) / 2)  # how far the icon reaches above the text
        self.keepWithNext = keeps_with_next(inner)
        self.keepWithPrevious = keeps_with_previous(inner)
        # read as attributes, not through getSpaceBefore, by a list item's indenter
        self.spaceBefore = float(inner.getSpaceBefore())
        self.spaceAfter = float(inner.getSpaceAfter()) if space_after is None else space_after
        self.inner_height = 0.0

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, self.inner_height = self.inner.wrap(available_width - self.offset, available_height)
        size = self.icon.height if self.icon is not None else 0.0
        self.width = available_width
        self.height = max(self.above + self.inner_height, self.above + (self.line + size) / 2)
        return (self.width, self.height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height - self.above
        self.inner.drawOn(canvas, x + self.offset, top - self.inner_height)
        if self.icon is not None:
            self.icon.drawOn(canvas, x, top - (self.line + self.icon.height) / 2)


class FigureBox(Flowable):  # type: ignore[misc]
    """A picture and the paragraphs under it (its caption and credit), measured and moved
    as one: never split between panels or pages, and floating (plan.floats) to the head
    of the next one rather than leave a large gap."""

    keepWhole = True
    floats = True

    def __init__(self, picture: Flowable, texts: Sequence[Flowable], space_before: float,
                 space_after: float) -> None:
        super().__init__()
        self.picture, self.texts = picture, tuple(texts)
        self.spaceBefore, self.spaceAfter = space_before, space_after
        self.heights: tuple[float, ...] = ()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        _, picture_h = self.picture.wrap(available_width, available_height)
        self.heights = (picture_h, *(t.wrap(available_width, available_height)[1]
                                     for t in self.texts))
        gaps = sum(t.getSpaceBefore() for t in self.texts)
        self.width, self.height = available_width, sum(self.heights) + gaps
        return (self.width, self.height)

    def split(self, available_width: float, available_height: float) -> list[Flowable]:
        return []

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        top = y + self.height - self.heights[0]
        self.picture.drawOn(canvas, x, top)
        for text, height in zip(self.texts, self.heights[1:], strict=True):
            top -= text.getSpaceBefore() + height
            text.drawOn(canvas, x, top)


def figure_picture(src: str, width: float, paper: str, roots: Sequence[Path],
                   families: Sequence[Fonts]) -> tuple[Flowable, list[Diagnostic]]:
    """The picture `src` at most `width` points wide and MAX_FIGURE_SHARE of `paper`'s
    long side high, at its own proportions, with notes: an SVG drawn as pixels, a photo
    with fewer than MIN_DPI at that size (`low-resolution`). Raises assets.ImageProblem."""
    drawn, note = figures.picture(src, width, roots, families)
    tallest = MAX_FIGURE_SHARE * max(PAPER_SIZES[paper])
    drawn_w, drawn_h = drawn.wrap(width, tallest)  # a photo knows its size once wrapped
    if drawn_h > tallest:
        drawn, note = figures.picture(src, width * tallest / drawn_h, roots, families)
        drawn_w, drawn_h = drawn.wrap(width, tallest)
    notes = [note] if note else []
    pixels = getattr(drawn, "pixels", None)
    if pixels is not None:
        inches = drawn_w / 72
        if pixels[0] / inches < MIN_DPI:
            notes.append(Diagnostic(
                "low-resolution", f"the image '{src}' is {pixels[0]} pixels wide, "
                f"{pixels[0] / inches:.0f} dpi at its printed width of {inches:.1f} in, and "
                f"will look blurred; use one at least {round(inches * MIN_DPI)} pixels wide, "
                "or an SVG", Location(assets.located(src, roots))))
    return drawn, notes
