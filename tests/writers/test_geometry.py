"""The sizes defined once: a sheet of paper by name, turned for landscape."""

from __future__ import annotations

import pytest

from handouts.writers.geometry import page_size


def test_paper_sizes_turn_for_landscape() -> None:
    assert page_size("letter", False) == (612, 792)
    assert page_size("a4", True) == pytest.approx((841.89, 595.28), abs=0.01)
    with pytest.raises(KeyError):
        page_size("legal", False)
