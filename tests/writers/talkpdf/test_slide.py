"""A slide printed with reportlab draws what the deck draws where the plan puts it: a grid
slide's cells, and a list whose items have icons, each item's text in its own box."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handouts.document import reader as layoutxml
from handouts.writers.pptx.plan import Box
from handouts.writers.talkpdf.deck import deck
from handouts.writers.talkpdf.slide import first_slide
from tests.helpers import run_tool
from tests.writers.pptx.test_grid import GRID_DECK
from tests.writers.talkpdf.test_notes import inputs


def words(pdf: Path) -> list[tuple[str, float, float]]:
    """Each word of a one-page PDF with its left and top edges, in points from the top
    left corner."""
    out = run_tool("pdftotext", "-bbox", pdf, "-")
    return [(w, float(x), float(y)) for x, y, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="[\d.]+">([^<]*)</word>',
        out)]


def starts_in(box: Box, found: list[tuple[str, float, float]], word: str) -> bool:
    """Whether `word` is drawn at the top left of `box` (its first line)."""
    return any(w == word and abs(x - box.x) < 2 and box.y - 2 <= y <= box.y + 24
               for w, x, y in found)


def only(n: int) -> str:
    """GRID_DECK with only its slide `n` (from 0): the grid, or the list with icons."""
    head, *slides = GRID_DECK.split("<slide")
    return f"{head}<slide{slides[n].replace('</document>', '')}</document>"


@pytest.mark.parametrize("slide", [0, 1], ids=["grid", "list-with-icons"])
def test_each_item_is_printed_in_its_own_box(tmp_path: Path, slide: int) -> None:
    doc = layoutxml.read(only(slide))
    planned = deck(doc, inputs(tmp_path)).slides[0]
    cells = planned.boxes.cells
    assert cells and len(cells) == len(planned.items)
    pdf = tmp_path / "slide.pdf"
    pdf.write_bytes(first_slide(doc, inputs(tmp_path)))
    found = words(pdf)
    for item, box in zip(planned.items, cells, strict=True):
        first = item.runs[0].text.split()[0]
        # a numbered item's number hangs first in its box; its text follows it
        assert starts_in(box, found, f"{item.ordinal}." if item.ordinal else first), \
            (first, box, [f for f in found if f[0] == first])
