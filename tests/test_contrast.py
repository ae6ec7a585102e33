"""The choice of readable text colours (handouts.contrast)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from handouts.colours import NEAR_BLACK, WHITE, Palette, contrast, text_on
from handouts.contrast import Ink, Inks, is_large, readable, required

colours = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")


def test_contrast_ratio_and_readable_text_on_colour() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert text_on("#1B5E7A") == "#FFFFFF" and text_on("#F6E9EE") != "#FFFFFF"


def test_large_text_is_18_pt_or_14_pt_bold() -> None:
    assert is_large(18, False) and is_large(14, True)
    assert not is_large(17.9, False) and not is_large(13.9, True)
    assert required(12, False) == 4.5 and required(24, False) == 3.0


def test_a_colour_that_reads_is_kept_and_one_that_does_not_is_replaced() -> None:
    assert readable("#1B5E7A", WHITE, 11, False)[0] == "#1B5E7A"
    # #777777 on white: 4.48:1, too weak for body text, enough for large text
    assert readable("#777777", WHITE, 11, False)[0] == NEAR_BLACK
    assert readable("#777777", WHITE, 24, False)[0] == "#777777"
    # the alternative that contrasts most: the brand's dark background on white paper
    chosen, ratio = readable("#F0F0F0", WHITE, 11, False, ("#F0F0F0", "#111111", WHITE,
                                                             NEAR_BLACK))
    assert chosen == "#111111" and ratio > 18


@given(text=colours, ground=colours, size=st.floats(6, 60), bold=st.booleans(),
       others=st.lists(colours, max_size=4))
def test_what_readable_gives_always_meets_aa(text: str, ground: str, size: float, bold: bool,
                                             others: list[str]) -> None:
    chosen, ratio = readable(text, ground, size, bold, others)
    assert ratio == pytest.approx(contrast(chosen, ground))
    assert ratio >= required(size, bold)
    assert (chosen == text) == (contrast(text, ground) >= required(size, bold))


def test_inks_warn_once_per_pair_with_ratio_and_use() -> None:
    inks = Inks(Palette(foreground="#AAAAAA"))
    body = Ink("body text (color.foreground)", "#AAAAAA", "the white paper", WHITE, 11)
    assert inks.colour(body) == "#1A1A1A"
    assert inks.colour(Ink("body text (color.foreground)", "#AAAAAA", "the white paper",
                           WHITE, 12)) == "#1A1A1A"
    assert inks.colour(Ink("headings", "#1B5E7A", "the white paper", WHITE, 20, True)) \
        == "#1B5E7A"
    [warning] = inks.warnings
    assert warning.code == "low-contrast"
    assert warning.message == (
        "#AAAAAA on #FFFFFF has a contrast of 2.32:1, below WCAG AA 4.5:1 for text; used "
        "for body text (color.foreground) on the white paper, drawn in #1A1A1A instead "
        "(17.40:1)")
