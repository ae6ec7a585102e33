"""The audience handout: three slides a page beside ruled lines, each slide a Figure whose
alternative text is its text, in the order and number of the deck's slides, the handout's
own text never below the level's print size."""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from handouts.writers.geometry import PAPER_SIZES, SLIDE_SIZES
from handouts.writers.talkpdf.handout import GUTTER, PER_PAGE, rows
from handouts.writers.talkpdf.printed import MARGIN
from tests.helpers import run_tool
from tests.writers.talkpdf.printouts import (
    MIN_PRINT,
    NOTO_HEIGHT,
    checked,
    deck_of,
    elements,
    printouts,
    words,
)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(PAPER_SIZES)), st.sampled_from(sorted(SLIDE_SIZES)),
       st.floats(40.0, 120.0), st.floats(40.0, 80.0))
def test_rows_stay_on_the_page_and_apart(paper: str, slide: str, header: float,
                                         footer: float) -> None:
    width, height = PAPER_SIZES[paper]
    size = SLIDE_SIZES[slide]
    top, bottom = height - header, footer
    placed = rows(size, MARGIN, width - MARGIN, top, bottom)
    assert len(placed) == PER_PAGE
    for n, row in enumerate(placed):
        slide_w, slide_h = size[0] * row.scale, size[1] * row.scale
        assert row.x >= MARGIN and row.x + slide_w + GUTTER <= row.x0 + 1e-9
        assert row.x1 == width - MARGIN and row.x1 - row.x0 > 100  # room to write
        assert bottom - 1e-9 <= row.y and row.y + slide_h <= top + 1e-9
        assert all(row.y - 1e-9 <= y <= row.y + slide_h for y in row.lines)
        assert len(row.lines) >= 4
        if n:
            assert row.y + slide_h + GUTTER <= placed[n - 1].y + 1e-9


@pytest.mark.parametrize("brand", ["sample", "test-clinic"])
def test_every_slide_is_a_figure_saying_its_text(built: dict[str, Path], brand: str) -> None:
    paths = printouts(built[brand], "handout")
    assert len(paths) == 2 * 2 * 3 * 2  # 2 topics in 2 languages; standard and full
    for path in paths:
        slides = Presentation(str(deck_of(path))).slides
        pages = elements(path)
        assert len(pages) == math.ceil(len(slides) / PER_PAGE)
        figures = [alt for page in pages for kind, alt in page if kind == "Figure"]
        assert len(figures) == len(slides), path.name
        for slide, alt in zip(slides, figures, strict=True):
            title = slide.shapes.title.text_frame.text.replace("\x0b", "\n")
            assert title.split("\n")[-1].strip() in alt, (path.name, title, alt)
        assert pages[0][1][0] == "H1"
        checked(path)


def test_the_handout_s_own_text_is_at_least_the_print_size(built: dict[str, Path]) -> None:
    for path in printouts(built["sample"], "handout"):
        level = next(lv for lv in MIN_PRINT if f"-{lv}-" in path.name)
        # the title above the slides and the page number below them
        own = [(y1 - y0) / NOTO_HEIGHT for _, y0, _, y1, _ in words(path, 1)
               if y0 < 60 or y0 > 720]
        assert own and min(own) >= MIN_PRINT[level] - 0.05, (path.name, min(own))


def test_a_print_name_that_would_take_a_handout_s_name_is_refused(
        sample: Path, cli: Callable[..., Result]) -> None:
    settings = sample / "handouts.toml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text.replace('print_name = "brochure"',
                                     'print_name = "talk-20min-handout"'), encoding="utf-8")
    result = cli("-C", sample, "build", "--no-thumbnails")
    assert result.exit_code == 2, result.output
    assert "two outputs would both be named 'ketamine-and-addiction-easy-talk-20min-" \
        "handout.pdf'" in result.output, result.output
    assert "handouts.toml:" in result.output


def test_a_printed_title_slide_has_lines_to_write_on_not_prompts(
        built: dict[str, Path]) -> None:
    """'Presenter: [your name]' is for typing over in PowerPoint; on paper it is a line."""
    for path in printouts(built["sample"], "handout") + printouts(built["sample"], "notes"):
        first = run_tool("pdftotext", "-l", "1", path, "-")
        assert "[" not in first and "____" in first, path.name
        assert all("[" not in alt for page in elements(path)[:1] for _, alt in page)
