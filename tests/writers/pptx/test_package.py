"""What the deck's package holds whatever the template: a notes master the presentation
part lists (so other programs keep the speaker notes), none of a template's example slides,
and the template's slide size, with a warning when the brand's slide_size says otherwise."""

from __future__ import annotations

import io
import re
import subprocess
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree
from pptx.util import Emu

from handouts.document import reader as layoutxml
from handouts.writers.pptx import output as pptx
from tests.helpers import need
from tests.writers.pptx.templates import (
    GERMAN,
    four_by_three_with_examples,
    localized_template,
    opened,
    without_notes_master,
)
from tests.writers.pptx.test_layouts import DECK, theme

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NOTES_MASTER = R + "/notesMaster"
NOTES = ["Welcome everyone.", "Why first.", "Read each point.", "Questions?"]

TEMPLATES: dict[str, Callable[[Path], Path] | None] = {
    "no template": None,
    "no notes master": without_notes_master,
    "german": lambda p: localized_template(p, GERMAN),
    "4:3 with examples": four_by_three_with_examples,
}


def listed_notes_master(data: bytes) -> str:
    """The part the presentation part's notesMasterIdLst names; fails the test when it
    names none, or a part that is not a notes master."""
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        root = etree.fromstring(z.read("ppt/presentation.xml"))
        rels = etree.fromstring(z.read("ppt/_rels/presentation.xml.rels"))
        names = z.namelist()
    entries = root.findall(f"{{{P}}}notesMasterIdLst/{{{P}}}notesMasterId")
    assert len(entries) == 1, [c.tag for c in root]
    order = [c.tag.split("}")[1] for c in root]
    assert order.index("notesMasterIdLst") == order.index("sldMasterIdLst") + 1
    rid = entries[0].get(f"{{{R}}}id")
    (rel,) = [r for r in rels if r.get("Id") == rid]
    assert rel.get("Type") == NOTES_MASTER
    target = "ppt/" + rel.get("Target")
    assert target in names
    return target


def deck(tmp_path: Path, name: str) -> bytes:
    make = TEMPLATES[name]
    template = make(tmp_path / "clinic.pptx") if make is not None else None
    return pptx.draw(layoutxml.read(DECK), theme(template)).data


@pytest.mark.parametrize("name", TEMPLATES)
def test_every_deck_lists_its_notes_master(tmp_path: Path, name: str) -> None:
    data = deck(tmp_path, name)
    assert listed_notes_master(data) == "ppt/notesMasters/notesMaster1.xml"
    prs = opened(data)
    assert [s.notes_slide.notes_text_frame.text for s in prs.slides] == NOTES


def test_libreoffice_keeps_the_notes_of_a_template_without_a_notes_master(
        tmp_path: Path) -> None:
    soffice = need("soffice")
    path = tmp_path / "deck.pptx"
    path.write_bytes(deck(tmp_path, "no notes master"))
    out = tmp_path / "round"
    done = subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "pptx",
                           "--outdir", str(out), str(path)],
                          capture_output=True, text=True, timeout=300, check=False)
    again = out / "deck.pptx"
    assert again.exists(), (done.stdout, done.stderr)
    data = again.read_bytes()
    listed_notes_master(data)
    prs = opened(data)
    assert [s.notes_slide.notes_text_frame.text for s in prs.slides] == NOTES


def test_a_templates_example_slides_are_not_left_in_the_deck(tmp_path: Path) -> None:
    data = deck(tmp_path, "4:3 with examples")
    prs = opened(data)
    assert len(prs.slides) == 4
    assert (Emu(prs.slide_width).pt, Emu(prs.slide_height).pt) == (720, 540)
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        names = z.namelist()
        for member in names:
            assert b"EXAMPLE" not in z.read(member), member
        presentation = z.read("ppt/presentation.xml")
    assert len([n for n in names if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]) == 4
    assert len([n for n in names if re.fullmatch(r"ppt/notesSlides/notesSlide\d+\.xml", n)]) \
        == 4
    # no section or custom show names a slide the deck does not have
    assert b"sectionLst" not in presentation and b"custShowLst" not in presentation


def with_template(project: Path, size: str | None) -> str:
    """Name clinic.pptx in the project's brand, with `size` as its slide_size; returns
    the 'file:line:column' of the slide_size value."""
    brand = project / "_brand.yml"
    text = brand.read_text(encoding="utf-8")
    assert "    paper: letter\n" in text and "slide_size" not in text
    extra = "    pptx_template: clinic.pptx\n" + (f'    slide_size: "{size}"\n' if size else "")
    brand.write_text(text.replace("    paper: letter\n", "    paper: letter\n" + extra),
                     encoding="utf-8")
    lines = brand.read_text(encoding="utf-8").splitlines()
    line = lines.index(f'    slide_size: "{size}"') + 1 if size else 0
    return f"{brand}:{line}:17"


@pytest.mark.parametrize("size", ["16:9", "4:3", None])
def test_a_slide_size_the_template_contradicts_is_a_warning(
        sample: Path, cli: Callable[..., Result], size: str | None) -> None:
    four_by_three_with_examples(sample / "clinic.pptx")
    at = with_template(sample, size)
    result = cli("-C", sample, "build", "ketamine-and-addiction", "--level", "easy",
                 "--length", "short", "--format", "pptx", "--no-report")
    assert result.exit_code == 0, result.output
    warning = (f"warning: {at}: slide_size \"16:9\" is not the shape of the PowerPoint "
               "template 'clinic.pptx', which is 4:3 (10 x 7.5 in); the decks take the "
               "template's size (set slide_size to match it, or leave it out) "
               "[slide-size-mismatch]")
    if size == "16:9":
        assert result.output.count(warning) == 1, result.output
    else:
        assert "slide-size-mismatch" not in result.output
    (built,) = (sample / "build").rglob("*.pptx")
    prs = opened(built.read_bytes())
    assert (Emu(prs.slide_width).pt, Emu(prs.slide_height).pt) == (720, 540)
    assert not any("EXAMPLE" in s.shapes.title.text for s in prs.slides)
