"""The pure plan: trifold geometry and pouring blocks into frames (no reportlab)."""

from __future__ import annotations

from typing import Any

import pytest

from handouts.writers.geometry import page_size
from handouts.writers.pdf.plan import FLAP_INSET, FrameBreak, balance, fill, panel_widths
from tests.writers.pdf.fakes import Block, Callout, Figure, Items


def names(frame: tuple[Any, ...]) -> list[tuple[str, int]]:
    return [(p.item.name, p.item.lines) for p in frame]


def test_trifold_folds_line_up_on_both_sides() -> None:
    width, _ = page_size("letter", landscape=True)
    outside = panel_widths(width, [1, 1, 1], [True, False, False])
    inside = panel_widths(width, [1, 1, 1], [False, False, True])
    assert sum(outside) == pytest.approx(width)
    assert outside[0] == pytest.approx(outside[1] - FLAP_INSET)
    assert inside == pytest.approx(list(reversed(outside)))
    # A fold on the outside sits where the mirrored fold on the inside sits.
    outside_folds = [outside[0], outside[0] + outside[1]]
    inside_folds = [inside[0], inside[0] + inside[1]]
    assert sorted(width - f for f in outside_folds) == pytest.approx(inside_folds)


def test_the_flap_panel_is_a_sixteenth_of_an_inch_narrower_than_its_neighbours() -> None:
    widths = panel_widths(792, [1, 1, 1], [True, False, False])
    assert widths[1] == pytest.approx(widths[2])
    assert widths[1] - widths[0] == pytest.approx(72 / 16)
    assert sum(widths) == pytest.approx(792)
    assert panel_widths(792, [1, 1, 1], [False, False, False]) == pytest.approx([264] * 3)


def test_fill_splits_across_frames_and_reports_leftover() -> None:
    result = fill([Block("a", 3), Block("b", 5), Block("c", 4)], [(100, 60), (100, 40)])
    assert names(result.frames[0]) == [("a", 3), ("b", 3)]
    assert names(result.frames[1]) == [("b", 2), ("c", 2)]
    assert [(b.name, b.lines) for b in result.leftover] == [("c", 2)]  # type: ignore[attr-defined]
    assert result.leftover_height == 20


def test_heading_moves_to_the_next_frame_with_its_text() -> None:
    result = fill([Block("text", 4), Block("h", 1, heading=True), Block("body", 3)],
                  [(100, 55), (100, 100)], min_follow=20)
    assert names(result.frames[0]) == [("text", 4)]
    assert names(result.frames[1]) == [("h", 1), ("body", 3)]


def test_frame_break_starts_a_new_frame() -> None:
    result = fill([Block("a", 1), FrameBreak(), Block("b", 1)], [(100, 100), (100, 100)])
    assert names(result.frames[0]) == [("a", 1)]
    assert names(result.frames[1]) == [("b", 1)]
    assert not result.leftover


def test_space_before_is_dropped_at_the_top_of_a_frame() -> None:
    result = fill([Block("a", 2, before=8), Block("b", 2, before=8)], [(100, 100)])
    assert [p.top for p in result.frames[0]] == [0, 28]


def test_nothing_fits_an_empty_list_of_frames() -> None:
    result = fill([Block("a", 2)], [])
    assert result.leftover_height == 20


class Source(Block):
    keepWithPrevious = True


def test_a_source_line_never_starts_a_frame_alone() -> None:
    result = fill([Block("text", 5), Source("src", 1)], [(100, 50), (100, 100)])
    assert names(result.frames[0]) == [("text", 4)]
    assert names(result.frames[1]) == [("text", 1), ("src", 1)]


class Box(Block):
    def splitOn(self, canvas: Any, width: float, height: float) -> list[Block]:
        return []


def test_a_source_line_pulls_an_unsplittable_block_and_its_heading() -> None:
    result = fill([Block("intro", 2), Block("h", 1, heading=True), Box("box", 1),
                   Source("src", 1)], [(100, 40), (100, 100)], min_follow=10)
    assert names(result.frames[0]) == [("intro", 2)]
    assert names(result.frames[1]) == [("h", 1), ("box", 1), ("src", 1)]


def column_heights(filled: Any) -> list[float]:
    return [max((p.top + p.height for p in frame), default=0.0) for frame in filled.frames]


def test_balance_evens_out_columns_that_fill_would_leave_ragged() -> None:
    items = [Block("a", 30), Block("h", 2, heading=True), Block("b", 25), Block("c", 8)]
    frames = [(100.0, 300.0)] * 3
    plain = column_heights(fill(items, frames))
    assert plain == [300.0, 300.0, 50.0]  # two full columns and a nearly empty one
    balanced = balance(items, frames, step=5.0)
    assert not balanced.leftover
    heights = column_heights(balanced)
    assert max(heights) - min(heights) <= 30.0
    assert max(heights) <= 225.0  # the even share, 217 pt, and less than one step more
    # Nothing is lost or duplicated: every line is placed once, in order.
    placed = [(p.item.name, p.item.lines) for frame in balanced.frames for p in frame]
    assert sum(lines for _, lines in placed) == 65
    assert [name for name, _ in placed] == sorted([name for name, _ in placed],
                                                  key="ahbc".index)


def test_balance_leaves_a_fill_alone_when_it_is_even_or_overflows() -> None:
    even = [Block("a", 29), Block("b", 29), Block("c", 29)]
    frames = [(100.0, 300.0)] * 3
    assert column_heights(balance(even, frames)) == column_heights(fill(even, frames))
    too_much = [Block("a", 100)]
    left = balance(too_much, frames).leftover
    assert [(b.name, b.lines) for b in left] == [("a", 10)]  # type: ignore[attr-defined]


def flat(frame: tuple[Any, ...]) -> list[str]:
    """The names of a frame's items, a kept-together part of a list as its items' names."""
    return [i.name for p in frame for i in getattr(p.item, "items", (p.item,))]


def test_a_short_list_moves_whole_to_the_next_frame() -> None:
    result = fill([Block("text", 5), Items("li", 6)], [(100, 100), (100, 100)])
    assert flat(result.frames[0]) == ["text"]
    assert flat(result.frames[1]) == ["li"]


def test_a_callout_moves_whole_to_the_next_frame() -> None:
    result = fill([Block("text", 5), Callout("box", 6)], [(100, 100), (100, 100)])
    assert flat(result.frames[0]) == ["text"]
    assert flat(result.frames[1]) == ["box"]
    assert result.frames[1][0].item.lines == 6


def test_a_heading_never_ends_a_frame_when_what_it_heads_moves_on() -> None:
    result = fill([Block("text", 6), Block("h", 1, heading=True), Items("li", 4)],
                  [(100, 100), (100, 100)])
    assert flat(result.frames[0]) == ["text"]
    assert flat(result.frames[1]) == ["h", "li"]


@pytest.mark.parametrize(("room", "first"), [(9, 8), (5, 5), (2, 2), (1, 0)])
def test_a_long_list_breaks_between_items_leaving_two_on_either_side(room: int,
                                                                     first: int) -> None:
    result = fill([Block("text", 10 - room), Items("li", 10)], [(100, 100), (100, 200)])
    firsts = [n for n in flat(result.frames[0]) if n.startswith("li")]
    rest = [n for n in flat(result.frames[1]) if n.startswith("li")]
    if first == 0:
        assert (firsts, rest) == ([], ["li"])  # room for one item: the list moves whole
    else:
        assert firsts == [f"li{n}" for n in range(first)]
        assert rest == [f"li{n}" for n in range(first, 10)]
    assert not result.leftover


def test_a_list_taller_than_a_frame_still_splits() -> None:
    result = fill([Block("text", 2), Items("li", 5, each=3)], [(100, 100), (100, 100)])
    assert not result.leftover
    assert flat(result.frames[0]) == ["text", "li0", "li1", "li2"]  # it fills the frame


def test_balancing_never_splits_a_short_list_or_a_callout_across_a_fold() -> None:
    items = [Block("intro", 6), Block("h1", 1, heading=True), Block("p1", 8),
             Block("h2", 1, heading=True), Items("li", 6), Block("p2", 5), Callout("box", 5),
             Block("h3", 1, heading=True), Block("p3", 9)]
    result = balance(items, [(100, 300)] * 3)
    assert not result.leftover
    frames = [flat(f) for f in result.frames]
    assert sum(("li" in f) for f in frames) == 1
    assert sum(("box" in f) for f in frames) == 1
    for frame in frames[:-1]:
        assert not frame or not frame[-1].startswith("h")


def names_in(frame: tuple[Any, ...]) -> list[str]:
    return [p.item.name for p in frame]


def test_a_figure_that_would_leave_a_large_gap_floats_to_the_next_frame_s_head() -> None:
    # 30 lines of room: text of 10, a figure of 25, then a heading and text of 12 and 20
    items = [Block("a", 10), Figure("fig", 25), Block("h", 1, heading=True), Block("b", 12),
             Block("c", 20)]
    filled = fill(items, [(100, 300), (100, 500)])
    assert names(filled.frames[0]) == [("a", 10), ("h", 1), ("b", 12), ("c", 7)]
    assert names(filled.frames[1]) == [("fig", 25), ("c", 13)]  # the figure heads it
    assert not filled.leftover


def test_a_figure_moves_on_in_place_where_the_gap_is_small_or_nothing_follows() -> None:
    small = fill([Block("a", 25), Figure("fig", 10), Block("b", 5)], [(100, 300), (100, 300)])
    assert names_in(small.frames[0]) == ["a"]  # 50 pt blank: under a fifth of the frame
    assert names_in(small.frames[1]) == ["fig", "b"]
    last = fill([Block("a", 10), Figure("fig", 25)], [(100, 300), (100, 300)])
    assert [names_in(f) for f in last.frames] == [["a"], ["fig"]]
    callout = fill([Block("a", 10), Callout("box", 25), Block("b", 5)], [(100, 300)] * 2)
    assert names_in(callout.frames[0]) == ["a"]  # only figures float


def test_a_figure_that_floats_off_the_last_frame_is_left_over() -> None:
    filled = fill([Block("a", 10), Figure("fig", 25), Block("b", 5)], [(100, 300)])
    assert names_in(filled.frames[0]) == ["a", "b"]
    assert [i.name for i in filled.leftover] == ["fig"]  # type: ignore[attr-defined]
