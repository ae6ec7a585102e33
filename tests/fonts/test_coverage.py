"""Which characters a family cannot draw."""

from __future__ import annotations

from handouts.fonts.coverage import cannot_draw
from handouts.fonts.families import Fonts, builtin_fonts
from tests.helpers import DATA


def test_characters_without_a_glyph_are_listed_once_in_code_point_order() -> None:
    chars = "Wash hands\u00e9\u2022 \u8a3a\U0001F9FC\u8a3a"
    assert cannot_draw(chars, builtin_fonts()) == ["\u8a3a", "\U0001F9FC"]


def test_line_breaks_and_tabs_need_no_glyph() -> None:
    assert cannot_draw({"\n", "\r", "\t", "a"}, builtin_fonts()) == []


def test_each_family_is_checked_against_its_own_file() -> None:
    serif = DATA / "fonts" / "LiberationSerif-Regular.ttf"
    liberation = Fonts(serif, serif, serif, serif)
    heta, accent = "\u0370", "\u0591"  # Greek capital heta; a Hebrew accent (etnahta)
    assert cannot_draw({heta, accent}, builtin_fonts()) == [accent]
    assert cannot_draw({heta, accent}, liberation) == [heta]
