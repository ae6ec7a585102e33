"""The build report, build/index.html: every output has its cell in its topic's table, at
its level's row and its length's column, with a link to the file, a thumbnail that is a
real picture, and its true page or slide count as its writer gave it (never reopened); and
a real browser reads the page so."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pypdfium2
import pytest
from click.testing import Result
from PIL import Image
from pptx import Presentation

from handouts.build import uptodate
from tests.helpers import GOOD_ES, make_test_clinic, need, run_tool, write_project

SHORT = ("build", "--length", "short", "--no-thumbnails")


def shown(index: Path) -> dict[str, str]:
    """What the report says of each output (its count, or why it has none), by link."""
    page = index.read_text(encoding="utf-8")
    return dict(re.findall(r'<a href="([^"]+)">[^<]+</a><br>([^<]+)</div>', page))


def test_the_counts_are_the_outputs_own(sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, *SHORT).exit_code == 0
    facts = shown(sample / "build" / "index.html")
    # 2 topics x 3 levels x (3 lengths x PDF and deck + 2 lengths x handout and notes)
    assert len(facts) == 60
    made = {link: fact for link, fact in facts.items() if fact != "not built"}
    assert len(made) == 12
    for link, fact in made.items():
        path = sample / "build" / link
        if path.suffix == ".pdf":
            pages = int(re.findall(r"Pages:\s+(\d+)", run_tool("pdfinfo", path))[0])
            assert fact == f"{pages} page{'s' * (pages != 1)}", link
        else:
            assert fact == f"{len(Presentation(str(path)).slides)} slides", link


def test_a_rebuild_reports_the_counts_without_opening_the_outputs(
        sample: Path, cli: Callable[..., Result]) -> None:
    """Outputs already up to date are described from the manifest the build that made
    them wrote: no PDF library is loaded to count their pages."""
    assert cli("-C", sample, *SHORT).exit_code == 0
    index = sample / "build" / "index.html"
    before = index.read_bytes()
    (sample / "build" / uptodate.RECORD).unlink()  # through the project, writing the report
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "handouts", "-C",
                           str(sample), *SHORT], capture_output=True, text=True, check=True)
    assert "built 0, unchanged 12" in done.stdout
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()}
    assert "pypdfium2" not in imported
    assert index.read_bytes() == before


def test_an_output_that_is_not_what_the_build_made_is_out_of_date(
        sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, *SHORT).exit_code == 0
    before = shown(sample / "build" / "index.html")
    deck = "ketamine-and-addiction/ketamine-and-addiction-easy-talk-5min.pptx"
    assert before[deck].endswith(" slides")
    (sample / "build" / deck).write_bytes(b"not a deck")
    assert cli("-C", sample, *SHORT, "--format", "pdf").exit_code == 0  # decks left alone
    assert shown(sample / "build" / "index.html") == {**before, deck: "out of date"}


@dataclass
class Cell:
    """One output as the report shows it: where, its links and pictures, its text."""

    topic: str
    level: str
    length: str
    links: list[str] = field(default_factory=list)
    pictures: list[tuple[str, str]] = field(default_factory=list)
    """Each <img>'s src and alt."""
    text: str = ""


class ReportCells(HTMLParser):
    """The output cells (div.out) of a report page, each placed by the <h2 id> of its
    topic, the first text of its row's <th> (the level) and its column's header (the
    length)."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[Cell] = []
        self.topic = ""
        self.columns: list[str] = []
        self.row = self.column = -1
        self.level = ""
        self.heading: str | None = None
        self.open: Cell | None = None
        self.depth = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if self.open is not None:
            self.depth += tag == "div"
            if tag == "a":
                self.open.links.append(a.get("href", ""))
            elif tag == "img":
                self.open.pictures.append((a.get("src", ""), a.get("alt", "")))
            return
        if tag in ("h2", "h3"):  # a topic; or a language, whose topics are h3
            self.topic = a.get("id", "")
        elif tag == "table":
            self.columns, self.row = [], -1
        elif tag == "tr":
            self.row, self.column, self.level = self.row + 1, -1, ""
        elif tag == "th":
            self.heading = ""
        elif tag == "td":
            self.column += 1
        elif tag == "div" and "out" in a.get("class", "").split():
            self.open = Cell(self.topic, self.level, self.columns[self.column + 1])
            self.depth = 1

    def handle_endtag(self, tag: str) -> None:
        if self.open is not None:
            self.depth -= tag == "div"
            if not self.depth:
                self.cells.append(self.open)
                self.open = None
        elif tag == "th" and self.heading is not None:
            if self.row == 0:
                self.columns.append(self.heading.strip())
            self.heading = None

    def handle_data(self, data: str) -> None:
        if self.open is not None:
            self.open.text += data
        elif self.heading is not None:
            if self.row > 0 and not self.level:
                self.level = data.strip()
            self.heading += data


def where_each_goes(root: Path) -> dict[str, tuple[str, str]]:
    """The level and length each output file name stands for, from handouts.toml."""
    settings = tomllib.loads((root / "handouts.toml").read_text(encoding="utf-8"))
    kinds = {}
    for name, length in settings["lengths"].items():
        kinds[f"{length['print_name']}.pdf"] = name
        kinds[f"talk-{length['talk_minutes']}min.pptx"] = name
        if length.get("talk_prints", True):  # the talk printed
            for kind in ("handout", "notes"):
                kinds[f"talk-{length['talk_minutes']}min-{kind}.pdf"] = name
    return {f"{level}-{kind}": (level, length) for level in settings["levels"]
            for kind, length in kinds.items()}


def count(path: Path) -> str:
    """What the report should say of an output: its real page or slide count."""
    if path.suffix == ".pdf":
        pages = len(pypdfium2.PdfDocument(path))
        return f"{pages} page{'s' * (pages != 1)}"
    return f"{len(Presentation(str(path)).slides)} slides"


def check_cells(page: str, root: Path) -> None:
    """Every output in root/build has exactly one cell, in the right place, linking to it,
    with a thumbnail that decodes as a picture, and its true count."""
    parser = ReportCells()
    parser.feed(page)
    build = root / "build"
    outputs = sorted(p for p in build.rglob("*") if p.suffix in (".pdf", ".pptx"))
    assert outputs and len(parser.cells) == len(outputs)
    places = where_each_goes(root)
    for path in outputs:
        cells = [c for c in parser.cells if c.links and (build / c.links[0]).resolve() == path]
        assert len(cells) == 1, f"{path.name}: {len(cells)} cells link to it"
        cell = cells[0]
        assert {(build / link).resolve() for link in cell.links} == {path}
        slug, _, tag = cell.topic.partition(".")  # "naloxone.es": a translation
        assert slug == path.parent.name, path.name
        stem = f"{slug}-{tag}-" if tag else f"{slug}-"
        assert path.name.startswith(stem), (path.name, cell.topic)
        assert (cell.level, cell.length) == places[path.name.removeprefix(stem)], path.name
        assert cell.text.endswith(path.name + count(path)), (path.name, cell.text)
        [(src, alt)] = cell.pictures
        assert alt == f"first page of {path.name}"
        picture = build / src
        assert picture.resolve().is_relative_to(build.resolve()) and picture.is_file(), src
        with Image.open(picture) as img:
            img.verify()
        with Image.open(picture) as img:
            assert min(img.size) >= 50, (src, img.size)


def test_report_shows_every_output_in_its_cell(built: dict[str, Path]) -> None:
    root = built["sample"]
    page = (root / "build" / "index.html").read_text(encoding="utf-8")
    check_cells(page, root)
    assert "Flesch-Kincaid grade" in page and "SMOG grade" in page


def test_headless_chromium_reads_the_same_cells(built: dict[str, Path], tmp_path: Path) -> None:
    chromium = need("chromium")
    root = built["sample"]
    done = subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu",
                           "--disable-quic", "--no-first-run", "--disable-background-networking",
                           "--disable-component-update", "--disable-sync",
                           f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom",
                           (root / "build" / "index.html").as_uri()],
                          capture_output=True, text=True, timeout=120, check=False)
    assert "<tbody>" in done.stdout, done.stderr[-2000:]  # the browser's DOM, not the file
    check_cells(done.stdout, root)


def test_a_spanish_project_s_report_names_the_spanish_formulas(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    make_test_clinic(tmp_path)
    (tmp_path / "handouts.toml").write_text('[project]\nlanguage = "es-US"\n')
    write_project(tmp_path, GOOD_ES, "manos.yaml")
    result = cli("-C", tmp_path, "build", "--length", "short", "--format", "pdf",
                 "--no-thumbnails", "-j", "1")
    assert result.exit_code == 0, result.output
    page = (tmp_path / "build" / "index.html").read_text(encoding="utf-8")
    assert "formula: Szigriszt-Pazos perspicuity on the INFLESZ scale" in page
    assert re.search(r"Szigriszt-Pazos \(INFLESZ\) \d+\.\d / 65<", page)
    assert "Flesch-Kincaid" not in page


def test_a_deck_s_thumbnail_is_its_title_slide_drawn_without_an_office_suite(
        sample: Path, cli: Callable[..., Result], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from handouts.build.project import load_project

    empty = tmp_path / "no-tools"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))  # no soffice, no libreoffice
    result = cli("-C", sample, "build", "--length", "short", "--format", "pptx", "-j", "1")
    assert result.exit_code == 0, result.output
    thumbs = sorted((sample / "build" / "_report").glob("*.pptx.png"))
    assert len(thumbs) == 6
    primary = load_project(sample).brand.palette.primary.lstrip("#")
    band = tuple(int(primary[i:i + 2], 16) for i in (0, 2, 4))
    for thumb in thumbs:
        with Image.open(thumb) as img:
            rgb = img.convert("RGB")
            width, height = rgb.size
            assert width == 130 and abs(height - width * 540 / 960) <= 1, (thumb, rgb.size)
            # the title slide's band across its middle, in the brand's primary colour
            assert rgb.getpixel((width // 2, int(height * 0.33))) == band, thumb.name
