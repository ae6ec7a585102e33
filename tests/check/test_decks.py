"""The deck checker (handouts.check.decks): every deck the sample builds, with the sample's
brand, the test clinic's and a clinic PowerPoint template, meets every rule; and a deck
broken one rule at a time is caught, naming the slide."""

from __future__ import annotations

import io
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from lxml import etree
from pptx import Presentation
from pptx.util import Pt

from handouts.check.decks import DECORATIVE_URI, deck_problems, problems
from handouts.cli import main
from tests.golden.cases import clinic_template
from tests.helpers import (
    ROOT,
    TEST_CLINIC_BRAND,
    copy_content,
    first_topic_project,
    make_test_clinic,
)
from tests.writers.pptx.templates import dark_master

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


def test_every_deck_of_the_sample_and_the_test_clinic_meets_every_rule(
        built: dict[str, Path]) -> None:
    decks = sorted(p for root in built.values() for p in (root / "build").rglob("*.pptx"))
    assert len(decks) == 2 * 4 * 3 * 3  # two brands, two topics in English and Spanish
    assert [f"{d.name}: {p}" for d in decks for p in problems(d)] == []


@pytest.mark.parametrize("template", [clinic_template, dark_master],
                         ids=["renamed-layouts", "dark-master"])
def test_every_deck_on_a_clinic_template_meets_every_rule(
        tmp_path: Path, template: Callable[[Path], Any]) -> None:
    shutil.copy(ROOT / "handouts.toml", tmp_path / "handouts.toml")
    copy_content(tmp_path)
    make_test_clinic(tmp_path)
    template(tmp_path / "brand" / "clinic.pptx")
    (tmp_path / "_brand.yml").write_text(
        TEST_CLINIC_BRAND + "    pptx_template: brand/clinic.pptx\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["-C", str(tmp_path), "build", "--format", "pptx",
                                       "--no-report", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    decks = sorted((tmp_path / "build").rglob("*.pptx"))
    assert len(decks) == 2 * 3 * 3
    assert [f"{d.name}: {p}" for d in decks for p in problems(d)] == []


@pytest.fixture(scope="module")
def good(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """The test clinic's 45-minute standard talk on the sample's first topic."""
    root = first_topic_project(tmp_path_factory.mktemp("good"), clinic=True)
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "pptx",
                                       "--level", "standard", "--length", "full",
                                       "--no-report"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    data = next((root / "build").rglob("*.pptx")).read_bytes()
    assert deck_problems(data) == []
    return data


def broken(data: bytes, change: Callable[[Any], None]) -> list[str]:
    """The checker's problems with the deck `data` after `change(presentation)`."""
    prs = Presentation(io.BytesIO(data))
    change(prs)
    out = io.BytesIO()
    prs.save(out)
    return deck_problems(out.getvalue())


def _shape(prs: Any, slide: int, name: str) -> Any:
    return next(s for s in prs.slides[slide - 1].shapes if s.name == name)


def _retitle(prs: Any) -> None:
    prs.slides[2].shapes.title.text_frame.paragraphs[0].runs[0].text = "What we will cover"


def _untitle(prs: Any) -> None:
    title = prs.slides[2].shapes.title._element
    title.getparent().remove(title)


def _title_last(prs: Any) -> None:
    title = prs.slides[1].shapes.title._element
    title.getparent().append(title)


def _rule_last(prs: Any) -> None:
    rule = _shape(prs, 2, "Title rule")._element
    rule.getparent().append(rule)


def _no_alt(prs: Any) -> None:
    _shape(prs, 1, "Logo")._element.nvPicPr.cNvPr.set("descr", "")


def _not_decorative(prs: Any) -> None:
    props = _shape(prs, 2, "Title rule")._element.nvSpPr.cNvPr
    for ext in props.iter(f"{{{A}}}ext"):
        if ext.get("uri") == DECORATIVE_URI:
            ext.getparent().remove(ext)


def _no_lang(prs: Any) -> None:
    run = prs.slides[3].shapes.title.text_frame.paragraphs[0].runs[0]
    del run._r.get_or_add_rPr().attrib["lang"]


def _no_lang_in_notes(prs: Any) -> None:
    notes = prs.slides[3].notes_slide.notes_text_frame.paragraphs[0].runs[0]
    del notes._r.get_or_add_rPr().attrib["lang"]


def _pale(prs: Any) -> None:
    body = _shape(prs, 2, "Item 1")  # an agenda item with its section's icon
    for fill in body._element.iter(f"{{{A}}}srgbClr"):
        fill.set("val", "C8C8C8")


def _table(header: bool) -> Callable[[Any], None]:
    def add(prs: Any) -> None:
        frame = prs.slides[2].shapes.add_table(2, 2, Pt(48), Pt(400), Pt(300), Pt(60))
        frame.name = "Doses"
        _shape(prs, 3, "Slide number")._element.addprevious(frame._element)  # read in order
        props = frame._element.find(f".//{{{A}}}tblPr")
        if not header:
            del props.attrib["firstRow"]
        for run in frame._element.iter(f"{{{A}}}r"):
            run.get_or_add_rPr().set("lang", "en")
    return add


@pytest.mark.parametrize(("change", "expected"), [
    (_retitle, "slide 3 'What we will cover': has the same title as slide 2"),
    (_untitle, "slide 3: has no title"),
    (_title_last, "slide 2 'What we will cover': its title is not first in reading order"),
    (_rule_last, "slide 2 'What we will cover': 'Title rule' is read after 'Slide number', "
                 "but is above it"),
    (_no_alt, "slide 1 'Ketamine and Addiction': picture 'Logo' has no alt text"),
    (_not_decorative, "slide 2 'What we will cover': shape 'Title rule' has no text and is "
                      "not marked decorative"),
    (_no_lang, "slide 4 'Key points': 1 run(s) in its slide say no language"),
    (_no_lang_in_notes, "slide 4 'Key points': 1 run(s) in its notes say no language"),
    (_pale, "slide 2 'What we will cover': text"),
    (_table(False), "slide 3 'Why this matters': table 'Doses' has no header row"),
], ids=["same-title", "no-title", "title-last", "rule-last", "no-alt",
        "not-decorative", "no-lang", "no-lang-in-notes", "low-contrast", "no-header-row"])
def test_a_deck_breaking_a_rule_is_caught_naming_the_slide(
        good: bytes, change: Callable[[Any], None], expected: str) -> None:
    found = broken(good, change)
    assert any(p.startswith(expected) for p in found), found


def test_a_table_with_a_header_row_passes(good: bytes) -> None:
    assert broken(good, _table(True)) == []


def test_low_contrast_says_how_much_is_needed(good: bytes) -> None:
    found = [p for p in broken(good, _pale) if "#C8C8C8" in p]
    assert found and ("AA needs 4.5:1" in found[0] or "AA needs 3.0:1" in found[0]), found


def test_the_decorative_mark_is_the_one_powerpoint_writes(good: bytes) -> None:
    prs = Presentation(io.BytesIO(good))
    props = _shape(prs, 2, "Title rule")._element.nvSpPr.cNvPr
    assert etree.tostring(props.find(f"{{{A}}}extLst"), encoding="unicode") == (
        f'<a:extLst xmlns:a="{A}" xmlns:p="{P}" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<a:ext uri="{DECORATIVE_URI}"><adec:decorative '
        'xmlns:adec="http://schemas.microsoft.com/office/drawing/2017/decorative" val="1"/>'
        "</a:ext></a:extLst>")


def test_check_outputs_runs_the_deck_checker_over_the_built_decks(
        tmp_path: Path) -> None:
    """`make-handouts check --outputs` checks the decks in the build folder beside the
    PDFs, and fails naming a deck and its slide when one breaks a rule."""
    pytest.importorskip("page", reason="needs page-validation (the verify extra)")
    root = tmp_path / "project"
    root.mkdir()
    first_topic_project(root)
    runner = CliRunner()
    built = runner.invoke(main, ["-C", str(root), "build", "--length", "short", "--level",
                                 "easy", "--no-thumbnails", "--no-report"])
    assert built.exit_code == 0, built.output
    result = runner.invoke(main, ["-C", str(root), "check", "--outputs"])
    assert result.exit_code == 0, result.output
    assert "1 decks checked against WCAG 2.1 AA; 0 failed" in result.output
    (deck,) = (root / "build").rglob("*.pptx")
    prs = Presentation(str(deck))
    prs.slides[1].shapes.title.text_frame.text = prs.slides[0].shapes.title.text_frame.text
    prs.save(str(deck))
    result = runner.invoke(main, ["-C", str(root), "check", "--outputs"])
    assert result.exit_code == 1
    assert f"{deck.name}: FAILED" in result.output and "slide 2" in result.output
