"""Pictures on slides: icons drawn at 300 dpi at their placed size in a colour that
stands out 3:1 on the slide, and the template layout a picture slide takes, by type."""

from __future__ import annotations

import io

from PIL import Image
from pptx import Presentation

from handouts.colours import Palette
from handouts.contrast import contrast
from handouts.icons.catalogue import icon_colour
from handouts.writers.pptx.icons import ICON_DPI, icon_png
from handouts.writers.pptx.layouts import (
    body_placeholder,
    layout_type,
    picture_layout,
    unused_placeholders,
)


def test_an_icon_is_drawn_at_300_dpi_at_its_placed_size_in_its_colour() -> None:
    data = icon_png("pill", "#1B5E7A", 36.0)
    with Image.open(io.BytesIO(data)) as img:
        assert img.size == (round(36 * ICON_DPI / 72),) * 2
        colours = {c for _, c in img.convert("RGBA").getcolors(1 << 20) if c[3] == 255}
    assert (0x1B, 0x5E, 0x7A, 255) in colours  # drawn in the colour asked for


def test_icons_stand_out_3_to_1_on_the_slide_whatever_the_brand() -> None:
    for primary, ground in (("#FFE9A8", "#FFFFFF"), ("#1B5E7A", "#1B5E7A"),
                            ("#777777", "#808080")):
        palette = Palette(primary=primary, background=ground)
        assert contrast(icon_colour(palette, ground), ground) >= 3.0, (primary, ground)


def test_a_picture_slide_takes_picture_with_caption_then_two_content_then_content(
        ) -> None:
    prs = Presentation()
    content = prs.slide_layouts[1]
    assert layout_type(picture_layout(prs, content)) == "picTx"
    for layout in [lay for lay in prs.slide_layouts if layout_type(lay) == "picTx"]:
        prs.slide_layouts.remove(layout)
    two = picture_layout(prs, content)
    assert layout_type(two) == "twoObj"
    # the second content box is not used: it is removed rather than left empty
    slide = prs.slides.add_slide(two)
    body = body_placeholder(slide.shapes.placeholders)
    spare = unused_placeholders(slide.shapes, body)
    assert body is not None and len(spare) == 1 and spare[0].shape_id != body.shape_id
    prs.slides._sldIdLst.remove(prs.slides._sldIdLst[0])
    for layout in [lay for lay in prs.slide_layouts if layout_type(lay) == "twoObj"]:
        prs.slide_layouts.remove(layout)
    assert picture_layout(prs, content) is content
