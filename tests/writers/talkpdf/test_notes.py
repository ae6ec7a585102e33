"""Speaker notes: a slide a page at half size with its notes below, every page numbered in
the output's language; notes too long for their page go on over the next, never cut; a
dark clinic template's light text is printed readable on white."""

from __future__ import annotations

import re
import tempfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation

from handouts.document import reader as layoutxml
from handouts.fonts.families import BUILTIN_FONT_NAME, builtin_fonts
from handouts.writers.contract import WriterInputs, WriterLabels
from handouts.writers.talkpdf import handout, notes
from tests.helpers import run_tool
from tests.writers.pptx.templates import dark_master
from tests.writers.talkpdf.printouts import checked, deck_of, elements, printouts

WORDS = ("Soap lifts germs off your skin and water rinses them away from your hands "
         "before you eat or care for someone.")


def deck(notes_text: str) -> str:
    return f"""<document layout="deck" title="Hand Washing" lang="en-US">
<slide kind="title"><title>Hand Washing</title><subtitle>Clean hands stop germs</subtitle>
  <p>Riverbend Clinic</p><notes><p>Welcome everyone.</p></notes></slide>
<slide><title>What soap does</title><ul><li>Soap lifts germs off your skin</li>
  <li>Water rinses them away</li></ul>
  <callout><p>Wash before you eat.</p></callout><notes>{notes_text}</notes></slide>
<slide kind="closing"><title>Thank you</title><p>Call 555-0100</p>
  <notes><p>Questions?</p></notes></slide>
</document>"""


def inputs(tmp: Path, labels: WriterLabels | None = None,
           template: Path | None = None) -> WriterInputs:
    return WriterInputs(fonts=builtin_fonts(), font_name=BUILTIN_FONT_NAME,
                        heading_fonts=builtin_fonts(), heading_font_name=BUILTIN_FONT_NAME,
                        body_size=24.0, print_size=12.0, assets_roots=(tmp,),
                        pptx_template=template, labels=labels or WriterLabels())


def page_text(path: Path) -> list[str]:
    return run_tool("pdftotext", "-layout", path, "-").split("\f")[:-1]


@settings(max_examples=8, deadline=None)
@given(st.integers(0, 120))
def test_long_notes_go_on_over_pages_and_none_is_lost(paragraphs: int) -> None:
    here = Path(".")
    text = "".join(f"<p>Point {n}. {WORDS}</p>" for n in range(paragraphs))
    made = notes.write(layoutxml.read(deck(text)), inputs(here))
    pages = made.count
    assert pages >= 3 + paragraphs // 25
    written = " ".join(" ".join(page.split()) for page in pages_of(made.data))
    for n in range(paragraphs):  # every paragraph whole, in order
        assert f"Point {n}. {WORDS}" in written, n
    assert written.count("What soap does (continued)") == pages - 3


def pages_of(data: bytes) -> list[str]:
    """The text of each page of a PDF's bytes."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "notes.pdf"
        path.write_bytes(data)
        return page_text(path)


def test_pages_are_numbered_in_the_output_s_language(tmp_path: Path) -> None:
    spanish = WriterLabels(page="Página %(number)s de %(count)s", continued="continuación")
    made = notes.write(layoutxml.read(deck("<p>Hola.</p>")), inputs(tmp_path, spanish))
    pages = pages_of(made.data)
    assert [re.search(r"Página (\d) de (\d)", p).groups() for p in pages] == [  # type: ignore[union-attr]
        ("1", "3"), ("2", "3"), ("3", "3")]


def test_a_dark_template_s_light_text_is_printed_readable(tmp_path: Path) -> None:
    template = dark_master(tmp_path / "dark.pptx")
    doc = layoutxml.read(deck("<p>Read each point.</p>"))
    made = handout.write(doc, inputs(tmp_path, template=template))
    found = [w.message for w in made.warnings]
    assert any("#FFFFFF on #FFFFFF" in m and "body text" in m for m in found), found
    assert any("#F5E6A8 on #FFFFFF" in m and "title text" in m for m in found), found


@pytest.mark.parametrize("brand", ["sample", "test-clinic"])
def test_each_slide_has_its_page_and_its_notes(built: dict[str, Path], brand: str) -> None:
    for path in printouts(built[brand], "notes"):
        slides = Presentation(str(deck_of(path))).slides
        pages = elements(path)
        figures = [alt for page in pages for kind, alt in page if kind == "Figure"]
        assert len(figures) == len(slides) <= len(pages), path.name
        text = " ".join(" ".join(page_text(path)).split())
        for slide in slides:
            said = " ".join(slide.notes_slide.notes_text_frame.text.split())
            assert said.replace("\u00a0", " ") in text.replace("\u00a0", " "), said[:60]
        checked(path)
