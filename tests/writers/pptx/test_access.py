"""The deck writer makes slides a screen reader reads well (handouts.writers.pptx.access),
checked on a real 45-minute deck of the test clinic (logo, section slides, callout slides,
continuations, QR code) by the deck checker, one rule at a time."""

from __future__ import annotations

import io
import zipfile
from dataclasses import replace

import pytest
from lxml import etree

from handouts.build.project import load_project, plan, render_layout, writer_inputs
from handouts.check.decks import DECORATIVE_NS, DECORATIVE_URI, deck_problems
from handouts.document import model as L
from handouts.writers.contract import Output
from tests.helpers import first_topic_project

A = "http://schemas.openxmlformats.org/drawingml/2006/main"
P = "http://schemas.openxmlformats.org/presentationml/2006/main"


@pytest.fixture(scope="module")
def talk(tmp_path_factory: pytest.TempPathFactory) -> tuple[L.Document, Output, object]:
    """The sample's first topic as the test clinic's 45-minute standard talk: its layout
    document, the deck drawn from it, and the writer with its inputs (to draw it again)."""
    root = first_topic_project(tmp_path_factory.mktemp("access"), clinic=True)
    project = load_project(root)
    job = next(j for j in plan(project, levels=["standard"], formats=("pptx",))
               if j.length.name == "full")
    doc, inputs = render_layout(project, job), writer_inputs(project, job)
    writer = job.writer.writer()
    return doc, writer(doc, inputs), (writer, inputs)  # type: ignore[operator]


def said(output: Output, *words: str) -> list[str]:
    return [p for p in deck_problems(output.data) if any(w in p for w in words)]


def slides(data: bytes) -> list[etree._Element]:
    z = zipfile.ZipFile(io.BytesIO(data))
    names = sorted((n for n in z.namelist() if n.startswith("ppt/slides/slide")),
                   key=lambda n: int(n[16:-4]))
    return [etree.fromstring(z.read(n)) for n in names]


def title_of(slide: etree._Element) -> str:
    for shape in slide.iter(f"{{{P}}}sp"):
        ph = shape.find(f"{{{P}}}nvSpPr/{{{P}}}nvPr/{{{P}}}ph")
        if ph is not None and ph.get("type") in ("title", "ctrTitle"):
            return " | ".join("".join(p.itertext()) for p in shape.iter(f"{{{A}}}p"))
    return ""


def test_the_deck_meets_every_rule(talk: tuple[L.Document, Output, object]) -> None:
    assert deck_problems(talk[1].data) == []


def test_no_two_slides_share_a_title(talk: tuple[L.Document, Output, object]) -> None:
    # The 45-minute talk gave a section header and the slide after it the same title.
    assert said(talk[1], "title") == []
    titles = [title_of(s) for s in slides(talk[1].data)]
    sections = [t for t in titles if t.startswith("Part ")]
    assert len(sections) >= 2
    assert sections[0].startswith(f"Part 1 of {len(sections)} | ")
    assert len(set(titles)) == len(titles), titles


def test_the_title_is_read_first_then_the_shapes_top_to_bottom(
        talk: tuple[L.Document, Output, object]) -> None:
    # The rule under a title was read after the body below it; a title slide's logo and
    # clinic name, at its top, after the presenter at its foot.
    assert said(talk[1], "reading order", "is read after") == []
    first = slides(talk[1].data)[0]
    names = [s.find(".//*[@name]").get("name")
             for s in first.find(f"{{{P}}}cSld/{{{P}}}spTree") if s.tag != f"{{{P}}}nvGrpSpPr"
             and s.tag != f"{{{P}}}grpSpPr"]
    assert names[:3] == ["Title 1", "Logo", "Clinic"]


def test_shapes_without_text_are_decorative_and_pictures_say_what_they_are(
        talk: tuple[L.Document, Output, object]) -> None:
    assert said(talk[1], "decorative", "alt text") == []
    rules = [s for slide in slides(talk[1].data) for s in slide.iter(f"{{{P}}}sp")
             if s.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr").get("name") == "Title rule"]
    assert rules
    for rule in rules:  # as PowerPoint writes it
        ext = rule.find(f"{{{P}}}nvSpPr/{{{P}}}cNvPr/{{{A}}}extLst/{{{A}}}ext")
        assert ext is not None and ext.get("uri") == DECORATIVE_URI
        assert ext[0].tag == f"{{{DECORATIVE_NS}}}decorative" and ext[0].get("val") == "1"
    pictures = [p.find(f"{{{P}}}nvPicPr/{{{P}}}cNvPr")
                for slide in slides(talk[1].data) for p in slide.iter(f"{{{P}}}pic")]
    names = {p.get("name") for p in pictures}
    assert {"Logo", "QR code", "Picture"} <= names
    icons = [p for p in pictures if p.get("name").startswith("Icon: ")]
    assert icons and names == {"Logo", "QR code", "Picture", *(p.get("name") for p in icons)}
    for icon in icons:  # beside text that says what it shows: decorative, as in print
        ext = icon.find(f"{{{A}}}extLst/{{{A}}}ext")
        assert ext is not None and ext.get("uri") == DECORATIVE_URI
        assert not icon.get("descr")
    for picture in pictures:  # the section's picture says what it shows
        if picture.get("name") == "Picture":
            assert (picture.get("descr") or "").strip()


def test_every_run_is_in_the_documents_language(
        talk: tuple[L.Document, Output, object]) -> None:
    assert said(talk[1], "language") == []
    doc, _, (writer, inputs) = talk  # type: ignore[misc]
    spanish = writer(replace(doc, lang="es-US"), inputs)
    z = zipfile.ZipFile(io.BytesIO(spanish.data))
    parts = [n for n in z.namelist() if n.startswith(("ppt/slides/slide", "ppt/notesSlides/"))
             and n.endswith(".xml")]
    langs = set()
    for name in parts:
        root = etree.fromstring(z.read(name))
        for run in root.iter(f"{{{A}}}r", f"{{{A}}}fld"):
            langs.add(run.find(f"{{{A}}}rPr").get("lang"))
    assert langs == {"es-US"}
