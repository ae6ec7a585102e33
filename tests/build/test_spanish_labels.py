"""A project whose language is Spanish prints no English label: every output of the sample
built with `language = "es-US"` (its content still English) is read back as text (PDFs
with pdftotext; decks with python-pptx, speaker notes and alternative text included) and
searched for every English label of the package's catalogue."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from pptx import Presentation

from handouts.document import messages
from tests.helpers import GOOD_ES, run_tool, write_project


def deck_text(path: Path) -> str:
    """Every text of a deck: its shapes, their alternative text, and its notes."""
    found = []
    for slide in Presentation(str(path)).slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                found.append(shape.text_frame.text)
            found += shape._element.xpath(".//p:cNvPr/@descr")
        if slide.has_notes_slide:
            found.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(found)


def english_pieces() -> set[str]:
    """The words of every English label, split at its placeholders and without the
    punctuation around them; pieces shorter than four letters ("of", "by") are too common
    to tell from the (English) content and are left out."""
    pieces = set()
    for label in messages.load("en-US", None).messages:
        for piece in re.split(r"%\(\w+\)s", label):
            piece = piece.strip(" .,:")
            if len(piece) >= 4:
                pieces.add(piece)
    return pieces


def test_a_spanish_project_prints_no_english_label(sample: Path,
                                                   cli: Callable[..., Result]) -> None:
    settings = sample / "handouts.toml"
    settings.write_text(re.sub(r'(?m)^language = "en-US"', 'language = "es-US"',
                               settings.read_text()))
    result = cli("-C", sample, "build")
    assert result.exit_code == 0, result.output
    outputs = sorted((sample / "build").rglob("*.p*"))
    texts = {path: " ".join((run_tool("pdftotext", path, "-") if path.suffix == ".pdf"
                             else deck_text(path)).split())
             for path in outputs if path.suffix in (".pdf", ".pptx")}
    assert len(texts) == 60  # with the talks printed: handouts and notes
    pieces = english_pieces()
    assert {"Key points", "Page", "Scan for more", "continued"} <= pieces
    left = {(path.name, piece) for path, text in texts.items() for piece in pieces
            if re.search(rf"(?<![A-Za-z]){re.escape(piece)}(?![a-z])", text)}
    assert not left
    everything = " ".join(texts.values())
    for spanish in ("Lo más importante", "Página 2 de", "(continuación", "Más información",
                    "Presenta: [su nombre]", "Parte 1 de", "Gracias", "noviembre de",
                    "Código QR que lleva a"):
        assert spanish in everything, spanish
    # ... and every output is tagged with the project's language, not English
    for path in texts:
        data = path.read_bytes() if path.suffix == ".pdf" else \
            zipfile.ZipFile(path).read("ppt/slides/slide2.xml")
        tags = set(re.findall(rb'/Lang \(([\w-]+)\)|lang="([\w-]+)"', data))
        assert {t for pair in tags for t in pair if t} == {b"es-US"}, (path.name, tags)


def test_a_changed_project_catalogue_makes_its_outputs_again(tmp_path: Path,
                                                             cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD_ES)
    (tmp_path / "handouts.toml").write_text('[project]\nlanguage = "es-US"\n')
    args = ("-C", tmp_path, "build", "--level", "easy", "--length", "short", "--format",
            "pdf", "--no-report", "-j", "1")
    assert cli(*args).exit_code == 0
    flyer = next((tmp_path / "build").rglob("*.pdf"))
    assert "Lo más importante" in run_tool("pdftotext", flyer, "-")
    assert "unchanged 1" in cli(*args).output
    folder = tmp_path / "locales" / "es" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "handouts.po").write_text('msgid "Key points"\nmsgstr "Ideas clave"\n')
    result = cli(*args)
    assert result.exit_code == 0 and "built 1" in result.output, result.output
    assert "Ideas clave" in run_tool("pdftotext", flyer, "-")


def test_no_english_label_is_left_on_the_sample_s_spanish_outputs(
        built: dict[str, Path]) -> None:
    """Every Spanish output of the sample (each brand), read back as text, holds no English
    label: an English label's words appear only where the Spanish content file itself
    has them (an English reference title)."""
    pieces = english_pieces()
    for root in built.values():
        outputs = sorted(p for p in (root / "build").rglob("*-es-*") if p.suffix in
                         (".pdf", ".pptx"))
        assert len(outputs) == 60, root  # with the talks printed (handouts and notes)
        for path in outputs:
            text = " ".join((run_tool("pdftotext", path, "-") if path.suffix == ".pdf"
                             else deck_text(path)).replace("\u00ad\n", "").split())
            source = (root / "content" / f"{path.parent.name}.es.yaml").read_text(
                encoding="utf-8")
            left = [piece for piece in pieces
                    if re.search(rf"(?<![A-Za-z]){re.escape(piece)}(?![a-z])", text)
                    and piece not in source]
            assert not left, (path.name, left)
            data = path.read_bytes() if path.suffix == ".pdf" else \
                zipfile.ZipFile(path).read("ppt/slides/slide2.xml")
            tags = {a or b for a, b in re.findall(rb'/Lang \(([\w-]+)\)|lang="([\w-]+)"', data)}
            assert tags == {b"es-US"}, (path.name, tags)
