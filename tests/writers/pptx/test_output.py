"""The sample's decks, checked with real clients: python-pptx reopens them and
LibreOffice converts each to a PDF with one page per slide."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from handouts.build import project as build
from tests.helpers import need, run_tool

SLIDE_RANGES = {5: (5, 8), 20: (12, 20), 45: (25, 40)}
MIN_BODY = {"easy": 28.0, "standard": 24.0, "clinical": 24.0}


def decks(root: Path) -> list[Path]:
    return sorted((root / "build").rglob("*.pptx"))


def minutes(path: Path) -> int:
    match = re.search(r"talk-(\d+)min", path.name)
    assert match
    return int(match[1])


def test_every_deck_is_built_and_reopens(built: dict[str, Path]) -> None:
    paths = decks(built["sample"])
    assert len(paths) == 2 * 3 * 3
    for path in paths:
        prs = Presentation(str(path))
        low, high = SLIDE_RANGES[minutes(path)]
        assert low <= len(prs.slides) <= high, (path.name, len(prs.slides))


@pytest.mark.parametrize(("brand", "size"), [("sample", (960, 540)), ("test-clinic", (720, 540))])
def test_slide_size_follows_the_brand(built: dict[str, Path], brand: str,
                                      size: tuple[int, int]) -> None:
    for path in decks(built[brand]):
        prs = Presentation(str(path))
        assert (Emu(prs.slide_width).pt, Emu(prs.slide_height).pt) == size


def test_every_slide_has_a_title_first_and_pictures_have_alt_text(
        built: dict[str, Path]) -> None:
    for path in decks(built["sample"]):
        for n, slide in enumerate(Presentation(str(path)).slides, 1):
            title = slide.shapes.title
            assert title is not None and title.text_frame.text.strip(), (path.name, n)
            assert slide.shapes[0].shape_id == title.shape_id, (path.name, n)
            for shape in slide.shapes:
                if shape.shape_type == 13:  # picture
                    assert shape._element.nvPicPr.cNvPr.get("descr"), (path.name, n)


def test_notes_on_every_slide_in_plain_words(built: dict[str, Path]) -> None:
    for path in decks(built["sample"]):
        for n, slide in enumerate(Presentation(str(path)).slides, 1):
            notes = slide.notes_slide.notes_text_frame.text
            assert len(notes.split()) >= 5, (path.name, n, notes)
            assert not re.search(r"\*\*|\]\(|^\s*[-*] |<[a-z]+", notes, re.M), (path.name, n)


def test_body_text_size_and_bullet_count(built: dict[str, Path]) -> None:
    for path in decks(built["sample"]):
        level = next(lv for lv in MIN_BODY if f"-{lv}-" in path.name)
        for n, slide in enumerate(Presentation(str(path)).slides, 1):
            for shape in slide.shapes:
                is_body = (shape.is_placeholder and shape.placeholder_format.idx == 1) \
                    or shape.name == "Callout"
                if not is_body or not shape.has_text_frame:
                    continue
                paragraphs = [p for p in shape.text_frame.paragraphs if p.text.strip()]
                bullets = [p for p in paragraphs if p._p.pPr is None
                           or p._p.pPr.find(qn("a:buNone")) is None]
                assert len(bullets) <= 6, (path.name, n)
                for p in paragraphs:
                    for run in p.runs:
                        assert run.font.size is not None
                        assert run.font.size.pt >= MIN_BODY[level], (path.name, n, run.text)


def test_easy_deck_speaks_easy_words(built: dict[str, Path]) -> None:
    root = built["sample"]
    project = build.load_project(root)
    topic = project.topics[0]
    for level in MIN_BODY:
        path = root / "build" / topic.slug / f"{topic.slug}-{level}-talk-20min.pptx"
        texts = [sh.text_frame.text for s in Presentation(str(path)).slides for sh in s.shapes
                 if sh.has_text_frame]
        first_point = topic.sections[0].points(level)[0]  # type: ignore[misc]
        assert any(first_point in t for t in texts), level


def test_libreoffice_converts_each_deck_with_one_page_per_slide(
        built: dict[str, Path], tmp_path: Path) -> None:
    soffice = need("soffice")
    paths = decks(built["sample"])
    chosen = [p for p in paths if "-easy-" in p.name or "-clinical-" in p.name]
    done = subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *map(str, chosen)],
                          capture_output=True, text=True, timeout=600, check=False)
    for path in chosen:
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists(), (path.name, done.stdout, done.stderr)
        pages = int(re.findall(r"Pages:\s+(\d+)", run_tool("pdfinfo", pdf))[0])
        assert pages == len(Presentation(str(path)).slides), path.name


def test_rebuilt_decks_are_byte_identical(sample: Path, built: dict[str, Path]) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    result = CliRunner().invoke(main, ["-C", str(sample), "build", "--format", "pptx",
                                       "--length", "short"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for path in (sample / "build").rglob("*.pptx"):
        assert path.read_bytes() == (built["sample"] / path.relative_to(sample)).read_bytes()


def test_a_project_can_add_a_ten_minute_talk(sample: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    settings = sample / "handouts.toml"
    settings.write_text(settings.read_text() + (
        '\n[lengths.ten]\nlabel = "Ten-minute talk"\nmax_priority = 2\nprint_layout = "flyer"\n'
        'print_name = "flyer-10"\ntalk_minutes = 10\nagenda = false\ncallout_slides = false\n'))
    result = CliRunner().invoke(main, ["-C", str(sample), "build", "ketamine-and-addiction",
                                       "--length", "ten", "--level", "easy", "--format", "pptx"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    deck = sample / "build/ketamine-and-addiction/ketamine-and-addiction-easy-talk-10min.pptx"
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert titles[0] == "Ketamine and Addiction" and titles[-1] == "Thank you"
    assert "What we will cover" not in titles
