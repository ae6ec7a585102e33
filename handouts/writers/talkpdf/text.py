"""Slide text set with reportlab as the PowerPoint writer sets it: runs in the brand's
faces, exact line spacing (slideplan.LINE_SPACING), space after each paragraph, bullets
and list numbers hanging in the bullet's indent (handouts.writers.pptx.measure.indent),
stacked in a box from its top, middle or bottom as a text frame anchors them.

Links are drawn as the deck draws them (in their colour, underlined, breaking only after
/ . - ? &) but lead nowhere: a slide printed small is a picture, and its addresses are read
from its alternative text.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import Any

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from handouts.document import model as L
from handouts.fonts.registry import FaceNames
from handouts.writers.pdf.flowables import _markup as print_markup
from handouts.writers.pdf.paragraph import KeptParagraph
from handouts.writers.pptx.measure import LINE_SPACING, Item, icon_inset, indent
from handouts.writers.pptx.plan import Box

__all__ = ["Line", "draw_lines", "markup", "no_links"]

ALIGN = {"left": TA_LEFT, "centre": TA_CENTER, "right": TA_RIGHT}


@dataclass(frozen=True)
class Line:
    """One paragraph of slide text: its runs, size (points) and colour ('#RRGGBB'), its
    links' colour, whether all of it is bold, the space after it (points), its bullet
    (None: none) and alignment ('left', 'centre', 'right')."""

    runs: L.Inline
    size: float
    colour: str
    link: str | None = None
    bold: bool = False
    after: float = 0.0
    item: Item | None = None
    bullet: str = ""
    """The bullet's colour, for a bulleted `item`."""
    align: str = "left"


def markup(runs: L.Inline, bold: bool, link: str) -> str:
    """`runs` as reportlab paragraph markup, as print writes it (links in `link`,
    '#RRGGBB', and underlined), all bold when `bold`."""
    return print_markup(tuple(replace(r, bold=True) for r in runs) if bold else runs, link)


def _paragraph(line: Line, faces: FaceNames) -> KeptParagraph:
    size = line.size
    style = ParagraphStyle(
        "slide", fontName=faces.family, fontSize=size, leading=size * LINE_SPACING,
        textColor=colors.HexColor(line.colour), alignment=ALIGN[line.align],
        allowWidows=1, allowOrphans=1)
    bullet = None
    item = line.item
    if item is not None and item.style == "bullet" and item.icon and not item.ordinal:
        pass  # the icon, drawn by itself left of the item's own box, is its bullet
    elif item is not None and item.style == "bullet":
        # in an item's own box, right of its icon, a number hangs as in a list
        inset = indent(item, size) - icon_inset(item, size)
        style.leftIndent, style.bulletIndent = inset, 0
        style.bulletFontName, style.bulletFontSize = faces.family, size
        style.bulletColor = colors.HexColor(line.bullet or line.colour)
        bullet = f"{item.ordinal}." if item.ordinal else "\u2022"
    return KeptParagraph(markup(line.runs, line.bold, line.link or line.colour), style, bullet)


def draw_lines(canvas: Any, lines: Sequence[Line], box: Box, faces: FaceNames,
               slide_height: float, anchor: str = "top", inset: float = 0.0) -> None:
    """Draw `lines` in `box` (slide coordinates, y down from the top of a slide
    `slide_height` high, on a canvas whose origin is the slide's bottom left corner), set
    `inset` points in from its left and right, from its top, middle or bottom (`anchor`).
    Text taller than the box is drawn past it: the plan measured every box to fit."""
    width = box.width - 2 * inset
    made = [_paragraph(line, faces) for line in lines]
    heights = [p.wrap(width, 1e6)[1] for p in made]
    # A text frame's last paragraph keeps no space after it.
    total = sum(heights) + sum(line.after for line in lines[:-1])
    top = {"top": box.y, "middle": box.y + (box.height - total) / 2,
           "bottom": box.y + box.height - total}[anchor]
    for line, para, height in zip(lines, made, heights, strict=True):
        para.drawOn(canvas, box.x + inset, slide_height - top - height)
        top += height + line.after


@contextmanager
def no_links(canvas: Any) -> Iterator[None]:
    """Draw inside without link annotations: a slide's links are drawn, not linked."""
    canvas.linkURL = lambda *args, **kwargs: None
    try:
        yield
    finally:
        del canvas.linkURL
