"""The one reading of a written colour, and the arithmetic on it."""

from __future__ import annotations

import pytest

from handouts.colours import channels, contrast, parse_hex, rgb


@pytest.mark.parametrize(("written", "read"), [("#1b5e7a", "#1B5E7A"), ("#abc", "#AABBCC"),
                                               ("#FFF", "#FFFFFF"), ("1B5E7A", None),
                                               ("#12345", None), ("#GGGGGG", None),
                                               ("red", None), ("#1B5E7A ", None)])
def test_parse_hex(written: str, read: str | None) -> None:
    assert parse_hex(written) == read


def test_channels_take_the_short_form_and_refuse_what_is_not_a_colour() -> None:
    assert channels("#0a0") == (0, 170, 0)
    assert rgb("#FF0000") == (1.0, 0.0, 0.0)
    with pytest.raises(ValueError, match="not a hex colour"):
        channels("#12")


def test_a_ratio_just_under_a_threshold_never_prints_as_meeting_it() -> None:
    from handouts.colours import ratio_text

    assert ratio_text(2.996) == "2.99:1" and ratio_text(4.5) == "4.50:1"
    assert ratio_text(contrast("#595959", "#000000")) != "3.00:1"
