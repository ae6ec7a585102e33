"""The pure slide planner: splitting into continuation slides, bullet limits, overflow."""

from __future__ import annotations

from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.document import model as L
from handouts.writers.geometry import SLIDE_QR_COLUMN, SLIDE_QR_SIZE, SLIDE_SIZES
from handouts.writers.pptx.plan import (
    ADDRESS_GAP,
    CALLOUT_CLEAR,
    CALLOUT_PAD,
    MAX_BULLETS,
    PARA_GAP,
    Box,
    Item,
    PlannedSlide,
    SlideGeometry,
    SlideOverflow,
    TitleTooLong,
    item_height,
    plan,
    title_size,
    wrap_lines,
)

GEO = SlideGeometry(960, 540, body_size=24)


def measure(text: str, size: float, bold: bool) -> float:
    """Every character is half the font size wide (a bold one a little wider)."""
    return len(text) * size * (0.55 if bold else 0.5)


def bullets(*texts: str) -> L.ListBlock:
    return L.ListBlock(tuple((L.Paragraph((L.Run(t),)),) for t in texts))


def slide(*blocks: L.Block, title: str = "Facts") -> L.Slide:
    return L.Slide("content", (L.Run(title),), blocks, ("Say this.",))


def titles(slides: list[PlannedSlide]) -> list[str]:
    return ["".join(r.text for r in s.title) for s in slides]


def test_wrap_lines_never_breaks_at_a_no_break_space() -> None:
    # 5 pt a character: 'from 9\u00a0a.\u00a0m.' cannot share a 45 pt line, '9 a. m.' can't split
    hours = (L.Run("from 9\u00a0a.\u00a0m. to 5\u00a0p.\u00a0m."),)
    assert wrap_lines(hours, 45, 10, measure) == 4  # from / 9 a. m. / to / 5 p. m.
    # a time's spaces are made no-break when drawn, so they are measured so
    assert wrap_lines((L.Run("from 9 a. m. to 5 p. m."),), 45, 10, measure) == 4
    assert wrap_lines((L.Run("from 9 a. m. to 5 p. m.", href="https://x.org"),), 45, 10,
                      measure) == 3  # (a link is drawn as it is written)


def test_wrap_lines_counts_greedy_lines() -> None:
    runs = (L.Run("aaaa bbbb cccc"),)
    assert wrap_lines(runs, 1000, 10, measure) == 1
    assert wrap_lines(runs, 45, 10, measure) == 2  # each word is 20 pt, a space 5 pt
    assert wrap_lines(runs, 44, 10, measure) == 3
    assert wrap_lines((L.Run("x" * 50),), 100, 10, measure) == 3  # a long word breaks


def test_short_list_stays_on_one_slide() -> None:
    out = plan([slide(bullets("one", "two", "three"))], GEO, measure)
    assert titles(out) == ["Facts"]
    assert out[0].notes == ("Say this.",)


def test_more_than_six_bullets_continue_evenly() -> None:
    out = plan([slide(bullets(*[f"point {n}" for n in range(9)]))], GEO, measure)
    assert titles(out) == ["Facts", "Facts (continued)"]
    assert [len(s.items) for s in out] == [5, 4]
    out = plan([slide(bullets(*[f"point {n}" for n in range(12)]))], GEO, measure)
    assert [len(s.items) for s in out] == [MAX_BULLETS, MAX_BULLETS]
    assert out[1].continued and out[1].notes  # a continuation slide still has notes


def test_tall_bullets_continue_before_the_box_overflows() -> None:
    long = "word " * 60  # about 5 lines at 24 pt in an 864 pt wide box
    out = plan([slide(bullets(long, long, long))], GEO, measure)
    assert len(out) >= 2
    assert all(len(s.items) < 3 for s in out)


def test_an_item_taller_than_a_slide_is_an_error() -> None:
    with pytest.raises(SlideOverflow, match="slide 'Facts' has an item taller"):
        plan([slide(bullets("word " * 600))], GEO, measure)


def test_title_and_section_slides_are_not_split() -> None:
    s = L.Slide("section", (L.Run("Part one"),), (), (), (L.Run("1 / 3"),))
    out = plan([s], GEO, measure)
    assert out[0].kind == "section" and out[0].subtitle == (L.Run("1 / 3"),)


def test_contact_block_gives_qr_and_lines() -> None:
    contact = L.Contact(((L.Run("Clinic"),), (L.Run("Phone 1"),)), "https://x.org", "Scan")
    out = plan([L.Slide("closing", (L.Run("Thanks"),), (contact,))], GEO, measure)
    assert out[0].qr == "https://x.org" and out[0].qr_caption == "Scan"
    assert [i.runs[0].text for i in out[0].items] == ["Clinic", "Phone 1"]


def test_numbered_items_keep_their_numbers_across_slides() -> None:
    ol = L.ListBlock(tuple((L.Paragraph((L.Run(f"step {n}"),)),) for n in range(8)), True)
    out = plan([slide(ol)], GEO, measure)
    assert [i.ordinal for i in out[1].items] == [5, 6, 7, 8]


def callout(text: str) -> L.Callout:
    return L.Callout((L.Paragraph((L.Run(text),)),))


def test_a_title_steps_down_in_size_to_fit_two_lines() -> None:
    # The title box is 854 pt wide; a bold character is 0.55 of the size wide.
    assert title_size((L.Run("x" * 80),), GEO, measure) == 36  # 2 lines at 36 pt
    assert title_size((L.Run("x " * 50),), GEO, measure) == 32
    assert title_size((L.Run("x " * 54),), GEO, measure) == 28
    with pytest.raises(TitleTooLong, match=r"the slide title 'x x .*' needs more than 2 lines "
                       r"even at 28 pt; shorten it"):
        title_size((L.Run("x " * 70),), GEO, measure)


def test_a_title_is_measured_in_the_title_box_width() -> None:
    # A clinic template's title box may be narrower than its body.
    narrow = replace(GEO, title_width=500.0)
    assert title_size((L.Run("x " * 32),), GEO, measure) == 36
    assert title_size((L.Run("x " * 32),), narrow, measure) == 28
    with pytest.raises(TitleTooLong):
        title_size((L.Run("x " * 40),), narrow, measure)


def test_a_title_under_a_kicker_also_fits_the_title_box_height() -> None:
    # Two lines at 36 pt and an 18 pt kicker line need 108 pt; the box is 100 pt high.
    two_lines = (L.Run("x" * 80),)
    assert title_size(two_lines, GEO, measure) == 36
    assert title_size(two_lines, GEO, measure, kicker=True) == 32
    assert title_size((L.Run("x"),), GEO, measure, kicker=True) == 36


def test_a_continuation_title_too_long_with_its_suffix_keeps_the_title_under_a_kicker() -> None:
    # The author's title fits two lines at 28 pt; with " (continued)" it needs three.
    long_title = "x " * 54
    out = plan([slide(bullets(*(f"point {n}" for n in range(8))), title=long_title)],
               GEO, measure)
    assert titles(out) == [long_title, long_title]
    assert [s.kicker for s in out] == ["", "Continued"]
    assert out[1].title_size == 28
    short = plan([slide(bullets(*(f"point {n}" for n in range(8))))], GEO, measure)
    assert titles(short) == ["Facts", "Facts (continued)"]
    assert [s.kicker for s in short] == ["", ""]


def test_a_slide_kicker_is_kept_and_its_title_sized_under_it() -> None:
    remember = L.Slide("content", (L.Run("x" * 80),), (callout("Do this."),), (), (), (),
                       "Remember")
    (out,) = plan([remember], GEO, measure)
    assert out.kicker == "Remember"
    assert out.title_size == 32


def test_a_title_too_long_is_found_in_planning_after_every_body() -> None:
    long_title = slide(bullets("one"), title="x " * 70)
    too_tall = slide(bullets("word " * 600), title="Later")
    with pytest.raises(SlideOverflow, match="slide 'Later' has an item taller"):
        plan([long_title, too_tall], GEO, measure)
    with pytest.raises(TitleTooLong):
        plan([long_title], GEO, measure)
    (out,) = plan([slide(bullets("one"), title="x " * 50)], GEO, measure)
    assert out.title_size == 32


def test_a_content_slide_places_title_rule_body_and_slide_number() -> None:
    (out,) = plan([slide(bullets("one", "two"))], GEO, measure)
    boxes = out.boxes
    assert boxes.title == Box(48, 30, 864, 100)
    assert boxes.rule == Box(48, 136, 96, 4)
    assert boxes.body == Box(48, 152, 864, 540 - 152 - 40)
    assert boxes.callouts == () and boxes.qr is None and boxes.picture is None
    assert boxes.number == Box(960 - 48 - 60, 540 - 36, 60, 24)


def test_callouts_sit_under_the_text_at_the_height_measured_for_their_width() -> None:
    words = "wash " * 30
    (out,) = plan([slide(bullets("one"), callout(words), callout("short"))], GEO, measure)
    first, second = out.boxes.callouts
    gap, clear = 24 * PARA_GAP, 24 * CALLOUT_CLEAR
    heights = [item_height(Item((L.Run(t),), "callout"), GEO, measure) for t in (words, "short")]
    assert (first.x, first.width) == (48, 864)
    assert first.height == pytest.approx(heights[0] - gap - clear)
    assert second.y == pytest.approx(first.y + heights[0])
    assert second.y + second.height + gap == pytest.approx(152 + GEO.body_height)
    assert out.boxes.body is not None
    assert out.boxes.body.height == pytest.approx(GEO.body_height - sum(heights))
    # the text above ends clear of the box by CALLOUT_CLEAR
    assert first.y - (out.boxes.body.y + out.boxes.body.height) == pytest.approx(clear)
    # A wrapped callout really is taller than a one-line one: the width matters.
    assert first.height > second.height


def test_callouts_alone_sit_in_the_middle_of_the_text_area() -> None:
    (out,) = plan([slide(callout("short"))], GEO, measure)
    (box,) = out.boxes.callouts
    assert out.boxes.body is None
    h = box.height + 24 * (PARA_GAP + CALLOUT_CLEAR)
    assert box.y == pytest.approx(152 + (GEO.body_height - h) / 2 + 24 * CALLOUT_CLEAR)


def test_a_qr_code_takes_its_column_from_the_body_and_its_callouts() -> None:
    contact = L.Contact(((L.Run("Clinic"),),), "https://x.org", "Scan")
    words = "call " * 40
    (out,) = plan([L.Slide("closing", (L.Run("Help"),), (contact, callout(words)))],
                  GEO, measure)
    boxes = out.boxes
    assert boxes.body is not None and boxes.body.width == 864 - SLIDE_QR_COLUMN
    (box,) = boxes.callouts
    narrow = replace(GEO, margin=48 + SLIDE_QR_COLUMN / 2)
    assert box.width == narrow.body_width
    assert box.height == pytest.approx(item_height(Item((L.Run(words),), "callout"), narrow,
                                                   measure) - 24 * (PARA_GAP + CALLOUT_CLEAR))
    assert boxes.qr == Box(960 - 48 - SLIDE_QR_SIZE, 152, SLIDE_QR_SIZE, SLIDE_QR_SIZE)
    assert boxes.qr_caption == Box(960 - 48 - SLIDE_QR_SIZE, 152 + SLIDE_QR_SIZE + 6,
                                   SLIDE_QR_SIZE, 30)
    assert CALLOUT_PAD > 0


def test_pictures_keep_their_proportions_and_push_the_clinic_name_aside() -> None:
    logo = L.Image("logo.png", "Riverbend", L.Pt(100))
    title = L.Slide("title", (L.Run("Hands"),), (L.Paragraph((L.Run("Riverbend"),)), logo),
                    fields=("Dr A", "May"))
    side = L.Slide("content", (L.Run("Facts"),), (bullets("one"), logo))
    first, second = plan([title, side], GEO, measure, picture_size=lambda image: (400, 100))
    assert first.boxes.picture == Box(48, 30, 200, 50)  # 200 wide is the limit, not 72 high
    assert first.boxes.clinic == Box(48 + 200 + 16, 40, 960 - 48 - 264, 60)
    assert first.boxes.fields == Box(48, 540 - 96, 864 - 80, 48)
    assert first.boxes.title == Box(0, 540 * 0.30, 960, 540 * 0.34)
    assert first.boxes.title_inset == 48 and first.boxes.subtitle is not None
    assert second.boxes.picture == Box(960 - 48 - 150, 152, 150, 37.5)


def test_on_a_clinic_template_titles_stay_where_the_layout_puts_them() -> None:
    geo = replace(GEO, margin=36.0, template=True)
    title = L.Slide("title", (L.Run("Hands"),), ())
    first, second = plan([title, slide(bullets("one"))], geo, measure)
    assert first.boxes.title is None and first.boxes.subtitle is None
    assert first.boxes.title_inset == 0
    assert second.boxes.title is None and second.boxes.rule is None
    assert second.boxes.body == Box(36, 152, 960 - 72, geo.body_height)


def overlap(a: Box, b: Box) -> bool:
    """Whether two boxes share any area."""
    return (a.x < b.x + b.width and b.x < a.x + a.width
            and a.y < b.y + b.height and b.y < a.y + a.height)


@settings(max_examples=60, deadline=None)
@given(lines=st.lists(st.text("abc ", min_size=1, max_size=60), min_size=1, max_size=7),
       qr=st.booleans(), logo=st.booleans(),
       ratio=st.floats(0.2, 6.0), size=st.sampled_from(list(SLIDE_SIZES.values())))
def test_the_clinic_name_and_logo_never_overlap_and_the_closing_slide_never_splits(
        lines: list[str], qr: bool, logo: bool, ratio: float,
        size: tuple[float, float]) -> None:
    geo = SlideGeometry(*size, body_size=28)
    picture = (L.Image("logo.png", "Clinic", L.Pt(144)),) if logo else ()
    contact = L.Contact(tuple((L.Run(line),) for line in lines),
                        "https://x.org" if qr else None, "Scan")
    closing = L.Slide("closing", (L.Run("Thank you"),), (contact, *picture), ("Note.",))
    title = L.Slide("title", (L.Run("Hands"),), (L.Paragraph((L.Run(lines[0]),)), *picture))
    try:
        first, last = plan([title, closing], geo, measure,
                           picture_size=lambda image: (100 * ratio, 100))
    except SlideOverflow as exc:  # only where even the smallest size cannot hold them
        assert exc.slide_title == "Thank you"
        return
    assert "continued" not in "".join(r.text for r in last.title)
    assert last.notes == ("Note.",) and (last.qr is not None) == qr
    shapes = [b for b in (last.boxes.body, last.boxes.picture, last.boxes.qr,
                          last.boxes.qr_caption) if b is not None]
    assert not any(overlap(a, b) for n, a in enumerate(shapes) for b in shapes[n + 1:])
    if logo:
        assert first.boxes.picture is not None and first.boxes.clinic is not None
        assert not overlap(first.boxes.picture, first.boxes.clinic)


def test_a_closing_slide_keeps_its_body_size_and_sets_small_print_at_its_foot() -> None:
    contact = L.Contact(tuple((L.Run(f"line {n}"),) for n in range(7)), "https://x.org", "Scan")
    reviewed = L.Paragraph((L.Run("Reviewed: May 2026"),), "meta")
    closing = L.Slide("closing", (L.Run("Thank you"),), (contact, reviewed), ("Bye.",))
    # Seven lines take 323 pt at 28 pt, eight 370 pt; the text area is 348 pt high.
    (out,) = plan([closing], replace(GEO, body_size=28), measure)
    assert len(out.items) == 7 and "Reviewed" not in str(out.items)
    assert out.gap == PARA_GAP
    assert "".join(r.text for r in out.foot) == "Reviewed: May 2026" and out.notes == ("Bye.",)
    foot, body, number = out.boxes.foot, out.boxes.body, out.boxes.number
    assert foot is not None and body is not None
    assert foot.y >= body.y + body.height and not overlap(foot, number)
    # Eight lines do not fit with the usual gaps: they are set as an address block.
    eight = replace(contact, lines=(*contact.lines, (L.Run("line 8"),)))
    (block,) = plan([replace(closing, blocks=(eight,))], replace(GEO, body_size=28), measure)
    assert block.gap == ADDRESS_GAP and len(block.items) == 8
    with pytest.raises(SlideOverflow, match="slide 'Thank you'") as raised:  # never shrunk
        plan([replace(closing, blocks=(replace(contact, lines=contact.lines * 2),))],
             replace(GEO, body_size=28), measure)
    assert "shorten them in the brand file" in raised.value.todo  # what the clinic can do


def test_small_print_too_long_for_the_foot_goes_to_the_notes() -> None:
    # the foot is 864 - 72 = 792 pt wide: 99 characters at 16 pt
    long = L.Paragraph((L.Run("Reviewed " + "x" * 100),), "meta")
    closing = L.Slide("closing", (L.Run("Thank you"),),
                      (L.Contact(((L.Run("Call us"),),)), long), ("Bye.",))
    (out,) = plan([closing], GEO, measure)
    assert out.foot == () and out.boxes.foot is None
    assert out.notes == ("Bye.", "Reviewed " + "x" * 100)


def test_a_split_slide_keeps_its_qr_code_with_its_notes() -> None:
    code = L.QRCode("https://x.org", "Scan")
    out = plan([slide(bullets(*(f"point {n}" for n in range(8))), code)], GEO, measure)
    assert [s.qr for s in out] == ["https://x.org", None]
    assert out[0].notes == ("Say this.",) and out[0].boxes.qr is not None


def test_a_callout_is_measured_bold_as_it_is_drawn() -> None:
    # 24 pt: a regular character is 12 pt wide, a bold one 13.2; the box is 864 - 24 wide.
    words = "x" * 66  # 792 pt regular: one line; 871 pt bold: two
    one = item_height(Item((L.Run(words),), "plain"), GEO, measure) - 24 * PARA_GAP
    assert one == pytest.approx(24 * 1.2)
    boxed = item_height(Item((L.Run(words),), "callout"), GEO, measure)
    assert boxed == pytest.approx(2 * 24 * 1.2 + 2 * 24 * CALLOUT_PAD + 24 * PARA_GAP
                                  + 24 * CALLOUT_CLEAR)


def test_a_closing_slide_ends_its_text_a_line_above_its_small_print() -> None:
    """The contact text is measured to end FOOT_CLEAR above the slide's usual text area,
    so its last line never sits on the 'Reviewed' line; where that leaves too little room,
    the small print goes to the notes instead."""
    from handouts.writers.pptx import plan as P

    geo = P.SlideGeometry(720.0, 540.0, 28.0)
    lines = [L.Paragraph((L.Run(f"Contact line {n}"),)) for n in range(6)]
    review = L.Paragraph((L.Run("Reviewed: November 2026"),), "meta")

    def height(at: P.SlideGeometry) -> float:
        return sum(P.item_height(P.Item(line.runs, "plain"), at, measure) for line in lines)

    least = height(replace(geo, gap=P.ADDRESS_GAP))  # the closing slide's tightest spacing
    # the text area's bottom margin that leaves `room` points for the text
    def leaving(room: float) -> P.SlideGeometry:
        return replace(geo, bottom=geo.bottom + geo.body_height - room)

    roomy, tight = leaving(height(geo) + P.FOOT_CLEAR + 1), leaving(least + P.FOOT_CLEAR - 1)
    for body, at_foot in ((roomy, True), (tight, False)):
        slide = L.Slide("closing", (L.Run("Thank you"),), (*lines, review), ("Thank them.",))
        (planned,) = P.plan([slide], body, measure)
        assert bool(planned.foot) == at_foot
        assert (planned.notes[-1] == "Reviewed: November 2026") != at_foot


def test_a_list_numbered_past_nine_indents_for_its_widest_number() -> None:
    """'10.' at 24 pt is about 35 pt wide: the text of every item of such a list stands
    clear of it (at 1.1 em, 26 pt, '10.21 USC 812' read as a decimal)."""
    from handouts.writers.pptx.measure import Item, indent

    short = [indent(Item((), "bullet", n, 9), 24.0) for n in (1, 9)]
    long = [indent(Item((), "bullet", n, 11), 24.0) for n in (1, 10, 11)]
    assert short == [24.0 * 1.1] * 2 and indent(Item((), "bullet"), 24.0) == 24.0 * 1.1
    assert len(set(long)) == 1 and long[0] >= 24.0 * 1.7  # one indent for the whole list


def test_more_than_one_continuation_is_numbered() -> None:
    # Two slides both titled "Facts (continued)" were two slides of the same title.
    out = plan([slide(bullets(*[f"point {n}" for n in range(15)]))], GEO, measure)
    assert titles(out) == ["Facts", "Facts (continued, 2 of 3)", "Facts (continued, 3 of 3)"]
    long_title = "x " * 54  # fits two lines at 28 pt, but not with its suffix
    out = plan([slide(bullets(*(f"point {n}" for n in range(15))), title=long_title)],
               GEO, measure)
    assert titles(out) == [long_title] * 3
    assert [s.kicker for s in out] == ["", "Continued, 2 of 3", "Continued, 3 of 3"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.integers(min_value=1, max_value=40), min_size=1, max_size=4))
def test_every_planned_slide_has_a_title_of_its_own(counts: list[int]) -> None:
    slides = [slide(bullets(*(f"point {n} " * (n % 5 + 1) for n in range(count))),
                    title=f"Topic {k}") for k, count in enumerate(counts)]
    out = plan(slides, GEO, measure)
    seen = [(s.kicker, titles([s])[0]) for s in out]
    assert len(set(seen)) == len(seen)


def test_a_section_slides_kicker_is_set_in_its_title_band() -> None:
    # Two lines at 36 pt under an 18 pt kicker need 108 pt: more than a content slide's
    # 100 pt title box, less than the section slide's band, so the title keeps 36 pt.
    two_lines = "x " * 30
    section = L.Slide("section", (L.Run(two_lines),), (), (), (), (), "Part 1 of 3")
    out = plan([section], GEO, measure)[0]
    assert out.kicker == "Part 1 of 3" and out.title_size == 36
