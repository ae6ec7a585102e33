"""The pure slide planner: splitting into continuation slides, bullet limits, overflow."""

from __future__ import annotations

import pytest

from handouts.document import model as L
from handouts.writers.pptx.plan import (
    MAX_BULLETS,
    PlannedSlide,
    SlideGeometry,
    SlideOverflow,
    plan,
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
