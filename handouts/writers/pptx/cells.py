"""Slide text drawn an item to a shape (slides.SlideBoxes.cells): a grid slide's cells,
and the items of a list with icons, each in a text box of its own at the box the plan
gives it, so that its icon (drawn by handouts.writers.pptx.icons) stays beside it wherever
a presentation program sets the text in another font and it wraps differently.

A grid cell's text has no bullet (its icon is over it); a list item keeps its bullet's
indent, an icon standing in for its bullet, and a numbered item its number: each box
numbers from its item's own number (`startAt`), so a list split into boxes, or over
slides, counts on.
"""

from __future__ import annotations

from typing import Any

from pptx.enum.text import MSO_ANCHOR
from pptx.util import Pt

from handouts.writers.pptx import plan as slideplan
from handouts.writers.pptx.inks import DeckInks
from handouts.writers.pptx.slides import cell_item
from handouts.writers.pptx.text import add_runs, format_paragraph, text_frame
from handouts.writers.pptx.theme import DeckTheme

__all__ = ["draw_cells"]


def draw_cells(shapes: Any, plan: slideplan.PlannedSlide, theme: DeckTheme,
               ink: DeckInks, body: Any | None = None) -> None:
    """Each text item of `plan` (all but callouts) in a text box of its own where
    `plan.boxes.cells` puts it, in reading order, at the deck's body size: in the colour
    of the clinic template's `body` placeholder's text where it reads on the slide (the
    text it would have held), else in the deck's body colour."""
    if not plan.boxes.cells:
        return
    size = theme.body_size
    colour: str | None
    link: str | None
    if body is None:
        colour, link = ink("body", "slide", size), ink("link", "slide", size)
    else:
        colour, link = ink.boxed(body, "body", size), ink.boxed(body, "body", size,
                                                                  link=True)
    texts = [i for i in plan.items if i.style != "callout"]
    for n, (item, box) in enumerate(zip(texts, plan.boxes.cells, strict=True), 1):
        shape = shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.width), Pt(box.height))
        shape.name = f"Item {n}"
        tf = text_frame(shape, None)
        tf.vertical_anchor = MSO_ANCHOR.TOP
        p = tf.paragraphs[0]
        format_paragraph(p, cell_item(plan, item), theme, size * slideplan.LINE_SPACING,
                         0.0, ink("bullet", "slide", size))
        add_runs(p, item.runs, size, theme, colour,
                 link=link if any(r.href for r in item.runs) else None)
