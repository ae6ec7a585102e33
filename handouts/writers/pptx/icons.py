"""Bundled icons and a section's figure drawn on a slide with python-pptx, where the plan
(handouts.writers.pptx.place) put them.

An icon is placed as a PNG drawn at ICON_DPI at its placed size (PowerPoint shows it sharp
when projected and printed), in the brand's icon colour against the slide's background
(icons.catalogue.icon_colour: at least 3:1, WCAG 1.4.11), and marked decorative: the
text beside it says what it shows. A figure is a picture with its alt text and a caption
under it.
"""

from __future__ import annotations

import functools
import io
from typing import Any

from pptx.enum.text import PP_ALIGN
from pptx.util import Pt

from handouts.brand.svg import checked
from handouts.document import model as L
from handouts.icons.catalogue import coloured, icon_colour, icon_svg
from handouts.writers.pptx.access import mark_decorative
from handouts.writers.pptx.slides import Box, PlannedSlide

__all__ = ["ICON_DPI", "draw_figure", "draw_icons", "icon_png"]

ICON_DPI = 300
"""The resolution icons are drawn at, at their placed size."""


@functools.lru_cache(maxsize=256)
def icon_png(name: str, colour: str, points: float) -> bytes:
    """The bundled icon `name` in `colour` ('#RRGGBB') as PNG bytes, square, ICON_DPI at
    `points` points across, after the SVG reader's checks; raises KeyError for an icon
    not bundled, brand.assets.ImageProblem for one the checks refuse."""
    import resvg_py

    plain = checked(coloured(icon_svg(name), colour)).plain.decode("utf-8")
    pixels = max(1, round(points * ICON_DPI / 72))
    return bytes(resvg_py.svg_to_bytes(svg_string=plain, width=pixels, height=pixels,
                                       skip_system_fonts=True))


def _emus(box: Box) -> tuple[Any, Any, Any, Any]:
    return Pt(box.x), Pt(box.y), Pt(box.width), Pt(box.height)


def draw_icons(shapes: Any, plan: PlannedSlide, palette: Any, ground: str) -> None:
    """The slide's icons where `plan` puts them, in the icon colour of `palette` on
    `ground` ('#RRGGBB', the slide's background), each marked decorative."""
    colour = icon_colour(palette, ground)
    for placed in plan.boxes.icons:
        pic = shapes.add_picture(io.BytesIO(icon_png(placed.name, colour, placed.box.width)),
                                 *_emus(placed.box))
        pic.name = f"Icon: {placed.name}"
        props = pic._element.nvPicPr.cNvPr
        props.attrib.pop("descr", None)  # python-pptx's file name is not alt text
        mark_decorative(pic._element)


def draw_figure(shapes: Any, plan: PlannedSlide, data: io.BytesIO,
                caption: Any) -> Any | None:
    """A section's figure where `plan` puts it, from its PNG or JPEG `data`, with its alt
    text; and its caption under it, written by `caption(paragraph, runs)`. Returns the
    picture (None: the slide has no figure)."""
    figure, box = plan.figure, plan.boxes.figure
    if figure is None or box is None:
        return None
    pic = shapes.add_picture(data, *_emus(box))
    pic.name = "Picture"
    pic._element.nvPicPr.cNvPr.set("descr", figure.alt)
    if plan.boxes.caption is not None and figure.caption:
        cap = shapes.add_textbox(*_emus(plan.boxes.caption))
        cap.name = "Caption"
        tf = cap.text_frame
        tf.word_wrap = True
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = 0
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        caption(p, figure.caption)
    return pic


def figure_image(figure: L.Figure) -> L.Image:
    """A figure as the picture the deck loads (its file and alt text)."""
    return L.Image(figure.src, figure.alt, L.Pt(0))
