"""Where the planner puts a talk's pictures: icons in place of bullets, a section's
figure beside its text with its caption, a statement's icon, a slide's corner icon."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.document import model as L
from handouts.writers.pptx.measure import ICON_INDENT, ICON_SIZE, LINE_SPACING, item_height
from handouts.writers.pptx.place import (
    ASIDE_GAP,
    CORNER_ICON,
    SECTION_ICON,
    STATEMENT_ICON,
    figure_column,
)
from handouts.writers.pptx.plan import MAX_BULLETS, Box, SlideGeometry, plan
from tests.writers.pptx.test_plan import GEO, measure


def icon_list(*texts: str, ordered: bool = False) -> L.ListBlock:
    return L.ListBlock(tuple((L.Paragraph((L.Run(t),)),) for t in texts), ordered,
                       tuple("pill" for _ in texts))


def inside(inner: Box, outer: Box) -> bool:
    return (inner.x >= outer.x - 1e-6 and inner.y >= outer.y - 1e-6
            and inner.x + inner.width <= outer.x + outer.width + 1e-6
            and inner.y + inner.height <= outer.y + outer.height + 1e-6)


SLIDE = Box(0, 0, GEO.width, GEO.height)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text("abc de", min_size=1, max_size=120), min_size=1, max_size=14),
       st.booleans())
def test_an_icon_stands_in_each_bullets_place_at_the_top_of_its_own_text_box(
        texts: list[str], ordered: bool) -> None:
    texts = [t for t in texts if t.strip()] or ["a"]
    out = plan([L.Slide("content", (L.Run("Key points"),),
                        (icon_list(*texts, ordered=ordered),))], GEO, measure)
    assert sum(len(s.items) for s in out) == len(texts)
    size = GEO.body_size
    area = Box(GEO.margin, GEO.body_top, GEO.body_width, GEO.body_height)
    for s in out:  # the six-bullet rule and the body size are unchanged
        assert len(s.items) <= MAX_BULLETS
        # each item a text box of its own, no shared body
        assert s.boxes.body is None and len(s.boxes.cells) == len(s.items)
        assert len(s.boxes.icons) == len(s.items)
        top = GEO.body_top
        for item, cell, placed in zip(s.items, s.boxes.cells, s.boxes.icons, strict=True):
            line = size * LINE_SPACING
            assert placed.box.x == GEO.margin and placed.box.width == size * ICON_SIZE
            assert cell.x == GEO.margin + size * ICON_INDENT  # right of its icon
            assert cell.y == top and inside(cell, area)
            # centred on the first line of its own box
            assert abs(placed.box.y + placed.box.height / 2 - (cell.y + line / 2)) < 1e-6
            height = item_height(item, GEO, measure)
            assert abs(cell.height - (height - size * GEO.gap)) < 1e-6
            top += height
        assert top <= GEO.body_top + GEO.body_height + 1e-6
    # a numbered list keeps its numbers, counting on over its slides
    numbers = [i.ordinal for s in out for i in s.items]
    assert numbers == (list(range(1, len(texts) + 1)) if ordered else [0] * len(texts))


def test_a_section_picture_takes_a_column_left_of_the_text_with_its_caption_under_it(
        ) -> None:
    figure = L.Figure("pictures/steps.svg", "Four steps of a dose day", (L.Run("A day."),))
    many = [f"point number {n} with some words" for n in range(9)]
    slide = L.Slide("content", (L.Run("A dose day"),),
                    (icon_list(*many), figure))
    out = plan([slide], GEO, measure, picture_size=lambda image: (400.0, 300.0))
    first = out[0]
    column = figure_column(GEO)
    assert first.figure is figure and first.boxes.figure is not None
    pic, caption = first.boxes.figure, first.boxes.caption
    assert caption is not None and first.boxes.cells
    assert abs(pic.width / pic.height - 4 / 3) < 1e-6 and pic.width <= column + 1e-6
    assert caption.y > pic.y + pic.height and inside(caption, SLIDE)
    left = GEO.margin + column + ASIDE_GAP  # the text beside it, never under it
    assert all(placed.box.x == left for placed in first.boxes.icons)
    assert pic.x + pic.width < left
    # the text was measured at the width it is drawn at
    narrow = SlideGeometry(GEO.width - column - ASIDE_GAP, GEO.height, GEO.body_size)
    assert all(item_height(i, narrow, measure) > 0 for i in first.items)
    assert all(cell.x + cell.width == left + narrow.body_width
               for cell in first.boxes.cells)
    # a continuation has no picture, and its text the same width
    assert len(out) > 1 and all(s.figure is None and s.boxes.figure is None for s in out[1:])


def test_a_callout_alone_with_the_slides_icon_is_a_statement() -> None:
    callout = L.Callout((L.Paragraph((L.Run("Do not drive until the next day."),)),))
    out = plan([L.Slide("content", (L.Run("Remember"),), (callout,), icon="info")],
               GEO, measure)
    [s] = out
    assert s.statement
    [placed] = s.boxes.icons
    [box] = s.boxes.callouts
    assert placed.name == "info" and placed.box.width == STATEMENT_ICON
    assert placed.box.x + placed.box.width + ASIDE_GAP == box.x
    middle = placed.box.y + placed.box.height / 2
    assert box.y < middle < box.y + box.height + GEO.body_size * GEO.gap


def test_a_slides_icon_beside_text_sits_right_of_it() -> None:
    out = plan([L.Slide("content", (L.Run("Help"),),
                        (L.ListBlock(((L.Paragraph((L.Run("Call 988."),)),),)),),
                        icon="phone")], GEO, measure)
    [s] = out
    [placed] = s.boxes.icons
    body = s.boxes.body
    assert body is not None and placed.box.width == CORNER_ICON
    assert placed.box.x >= body.x + body.width and inside(placed.box, SLIDE)
    plain = plan([L.Slide("content", (L.Run("Help"),),
                          (L.ListBlock(((L.Paragraph((L.Run("Call 988."),)),),)),))],
                 GEO, measure)
    assert plain[0].boxes.icons == () and plain[0].boxes.body == Box(
        GEO.margin, GEO.body_top, GEO.body_width, GEO.body_height)


def test_a_slides_icon_never_splits_a_slide_that_fits_without_it() -> None:
    words = " ".join(["word"] * 40)
    blocks = (L.ListBlock(tuple((L.Paragraph((L.Run(words),)),) for _ in range(3))),)
    without = plan([L.Slide("content", (L.Run("Help"),), blocks)], GEO, measure)
    beside = plan([L.Slide("content", (L.Run("Help"),), blocks, icon="phone")], GEO, measure)
    assert len(without) == 1
    assert len(beside) == 1 and beside[0].boxes.icons == () and beside[0].icon == ""
    assert beside[0].boxes.body == without[0].boxes.body


def test_a_section_header_shows_its_icon_large_clear_of_its_title_band() -> None:
    section = L.Slide("section", (L.Run("Why it matters"),), (), kicker="Part 1 of 3",
                      icon="heart")
    [s] = plan([section], GEO, measure)
    [placed] = s.boxes.icons
    band = s.boxes.title
    assert band is not None and placed.name == "heart"
    assert placed.box.width == SECTION_ICON and inside(placed.box, SLIDE)
    assert placed.box.y + placed.box.height <= band.y  # over the band, not on it
    # on a clinic template the title is where its layout puts it: no icon to cover it
    [on_template] = plan([section], replace(GEO, template=True), measure)
    assert on_template.boxes.icons == ()
    # without an icon, the slide is as it was
    [plain] = plan([replace(section, icon="")], GEO, measure)
    assert plain.boxes.icons == ()
