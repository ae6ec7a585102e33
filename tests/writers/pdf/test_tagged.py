"""Every PDF is a tagged PDF that passes PDF/UA-1, whose structure reads in the reader's
order: the sample (brochures and booklets) and the golden cases' projects (with flyers),
each built with the sample brand and the test clinic's."""

from __future__ import annotations

import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import page
import pytest
import yaml
from click.testing import CliRunner, Result

from handouts.build import project as build
from handouts.cli import main
from tests.golden.cases import CASES, make_project
from tests.helpers import ROOT, copy_content, make_test_clinic, run_tool

BRANDS = ("sample", "test-clinic")


@dataclass(frozen=True)
class Built:
    """One PDF built: its path, its topic's content file, level and print layout."""

    path: Path
    content: Path
    level: str
    layout: str


def _build(root: Path, *args: str) -> list[Built]:
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--format", "pdf",
                                       "--no-thumbnails", *args], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    project = build.load_project(root)
    lengths = [a for n, a in enumerate(args) if n and args[n - 1] == "--length"]
    return [Built(job.path(project.out_dir), job.topic.path, job.level.name,
                  job.length.print_layout)
            for job in build.plan(project, lengths=lengths)]


@pytest.fixture(scope="session")
def tagged(tmp_path_factory: pytest.TempPathFactory) -> list[Built]:
    """The sample's brochures and booklets and the golden cases' PDFs, with each brand."""
    made = []
    for brand in BRANDS:
        root = tmp_path_factory.mktemp(f"sample-{brand}")
        for name in ("handouts.toml", "_brand.yml"):
            shutil.copy(ROOT / name, root / name)
        copy_content(root)
        if brand == "test-clinic":
            make_test_clinic(root)
        # the sample's flyers wait for shorter content; the golden cases have flyers
        made += _build(root, "--length", "standard", "--length", "full")
        for case in CASES:
            made += _build(make_project(tmp_path_factory.mktemp(f"{case}-{brand}"), case,
                                        brand))
    return made


def test_every_layout_is_built(tagged: list[Built]) -> None:
    assert {b.layout for b in tagged} == {"flyer", "trifold", "booklet"}
    assert all(b.path.is_file() for b in tagged)


def test_every_pdf_passes_pdf_ua_1(tagged: list[Built]) -> None:
    failing = {}
    for b in tagged:
        report = page.validate_pdf(b.path, profile="ua1")
        assert report.rules.total >= 100
        if report.failures:
            failing[b.path.name] = sorted({f"{f.rule_id}: {f.message}" for f in report.failures})
    assert not failing


def test_pdfinfo_says_tagged(tagged: list[Built]) -> None:
    for b in tagged:
        assert re.search(r"^Tagged:\s+yes$", run_tool("pdfinfo", b.path), re.MULTILINE), b.path


def _squeezed(text: str) -> str:
    """`text` as letters and digits only (pdfinfo joins a heading's lines without a
    space, and typography turns ' into ’)."""
    return re.sub(r"\W", "", text).lower()


def struct_headings(path: Path) -> list[str]:
    """The headings of a PDF's structure tree in its order, squeezed (`_squeezed`)."""
    lines = run_tool("pdfinfo", "-struct-text", path).splitlines()
    return [_squeezed(lines[n + 1].strip().strip('"')) for n, line in enumerate(lines[:-1])
            if re.fullmatch(r"H[1-6] \(block\)", line.strip())]


def _for_level(value: object, level: str) -> str:
    return str(value[level] if isinstance(value, dict) else value)


def test_headings_read_in_the_content_files_order(tagged: list[Built]) -> None:
    """The title first, then the content file's sections in its order; a trifold reads
    its cover, its flap (key points), the inside panels, then its back (where to get
    help), though its outside page prints flap, back, cover."""
    for b in tagged:
        topic = yaml.safe_load(b.content.read_text(encoding="utf-8"))
        heads = struct_headings(b.path)
        assert heads[0] == _squeezed(topic["title"]), (b.path.name, heads)
        sections = [_squeezed(_for_level(s["heading"], b.level)) for s in topic["sections"]]
        places = _in_order([s for s in sections if s in heads], heads)
        assert places, (b.path.name, heads)
        if b.layout == "trifold":
            assert heads.index("keypoints") < places[0], (b.path.name, heads)
            if topic.get("resources"):
                assert heads.index("wheretogethelp") > places[-1], (b.path.name, heads)


def _in_order(wanted: list[str], heads: list[str]) -> list[int]:
    """Where each of `wanted` is in `heads`, each after the one before; fails the test
    if they are not all there in that order."""
    places, start = [], 0
    for name in wanted:
        assert name in heads[start:], f"'{name}' is not after {heads[:start]} in {heads}"
        start = heads.index(name, start) + 1
        places.append(start - 1)
    return places


def test_a_trifold_reads_cover_flap_inside_back(tagged: list[Built]) -> None:
    brochure = next(b for b in tagged if b.layout == "trifold" and "ketamine" in b.path.name)
    heads = struct_headings(brochure.path)
    assert heads[:2] == [_squeezed("Ketamine and Addiction"), "keypoints"] or \
        heads[:2] == [_squeezed("Ketamine-Assisted Therapy"), "keypoints"], heads
    assert heads[-1] == "wheretogethelp", heads


def test_pictures_and_qr_codes_are_figures_with_alternative_text(tagged: list[Built]) -> None:
    """The logo (in the test clinic's band) and the QR code to the clinic's site are
    Figures with Alt; every link annotation says where it leads."""
    clinic = [b for b in tagged if b.layout == "trifold" and "test-clinic" in str(b.path)]
    data = clinic[0].path.read_bytes()
    assert data.count(b"/S /Figure") == 2
    assert b"/Alt (QR code linking to https://harbourside.example.org)" in data
    assert b"/Alt (Harbourside Test Clinic logo)" in data
    annotations = data.count(b"/Subtype /Link")
    assert annotations and data.count(b"/StructParent ") == annotations
    assert data.count(b"/S /Link") == annotations


def test_a_rebuild_is_byte_identical(tagged: list[Built], tmp_path: Path) -> None:
    root = make_project(tmp_path / "again", CASES[0], "test-clinic")
    again = {b.path.name: b.path.read_bytes() for b in _build(root)}
    first = {b.path.name: b.path.read_bytes() for b in tagged
             if b.path.name in again and "test-clinic" in str(b.path)
             and f"{CASES[0]}-test-clinic" in str(b.path)}
    assert first and all(again[name] == data for name, data in first.items())


@pytest.fixture
def cli() -> Callable[..., Result]:
    runner = CliRunner()
    return lambda *args: runner.invoke(main, [str(a) for a in args], catch_exceptions=False)


def test_check_outputs_validates_every_pdf_in_the_build_folder(
        tagged: list[Built], cli: Callable[..., Result], tmp_path: Path) -> None:
    root = make_project(tmp_path / "checked", CASES[0], "sample")
    built = _build(root)
    result = cli("-C", root, "check", "--outputs")
    assert result.exit_code == 0, result.output
    assert f"{len(built)} PDFs checked against PDF/UA-1; 0 failed" in result.output
    untagged = built[0].path.parent / "untagged.pdf"
    from reportlab.pdfgen.canvas import Canvas

    canvas = Canvas(str(untagged))
    canvas.drawString(72, 720, "Not tagged")
    canvas.save()
    result = cli("-C", root, "check", "--outputs")
    assert result.exit_code == 1
    assert "untagged.pdf: FAILED" in result.output and "PDFUA1-" in result.output


def test_the_build_report_says_whether_pdfs_were_validated(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, cli: Callable[..., Result]) -> None:
    root = make_project(tmp_path / "report", CASES[0], "sample")
    result = cli("-C", root, "build", "--format", "pdf", "--no-thumbnails", "-j", "1")
    assert result.exit_code == 0, result.output
    index = (root / "build" / "index.html").read_text(encoding="utf-8")
    assert "PDF/UA-1 (accessible PDF) validation: 1 of 1 PDFs passed." in index
    monkeypatch.setitem(__import__("sys").modules, "page", None)  # the extra not installed
    result = cli("-C", root, "build", "--format", "pdf", "--no-thumbnails", "-j", "1",
                 "--force")
    assert result.exit_code == 0, result.output
    index = (root / "build" / "index.html").read_text(encoding="utf-8")
    assert "1 not checked: validation was not run (pip install " \
        "&#x27;make-handouts[verify]&#x27;" in index
    result = cli("-C", root, "check", "--outputs")
    assert result.exit_code == 1 and "make-handouts[verify]" in result.output
