"""The sample's PDFs, checked with real clients: poppler, qpdf.

What a clinic would notice: the wrong page count or paper, another level's wording,
missing-glyph boxes, fonts not embedded, a damaged file, text below the minimum size,
panels in the wrong place after folding.
"""

from __future__ import annotations

import base64
import io
import re
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build import project as build
from handouts.content import markdown as markup
from handouts.content.model import Topic
from tests.helpers import GOOD, run_tool, write_project

NOTO_HEIGHT = 1.362
"""pdftotext word-box height per point of font size for Noto Sans (ascent + descent)."""

LEVELS = ("easy", "standard", "clinical")
LENGTHS = {"flyer": (1, 1), "brochure": (2, 2), "booklet": (3, 12)}


def pdfs(root: Path) -> list[Path]:
    """The printed handouts (not the talks printed, handouts.writers.talkpdf)."""
    return sorted(p for p in (root / "build").rglob("*.pdf")
                  if not p.name.endswith(("-handout.pdf", "-notes.pdf")))


def text_of(path: Path, *args: str) -> str:
    return run_tool("pdftotext", *args, path, "-")


def normal(text: str) -> str:
    """Whitespace collapsed, typographic quotes and dashes made plain, and a word
    hyphenated at a line end (a soft hyphen, then the break) joined again."""
    table = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                           "\u2013": "-", "\u2014": "-", "\u00a0": " "})
    return " ".join(re.sub(r"\u00ad\s*", "", text).translate(table).split())


def page_sizes(path: Path) -> list[tuple[float, float]]:
    info = run_tool("pdfinfo", "-f", "1", "-l", "99", path)
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts", info)]


@pytest.mark.parametrize("brand", ["sample", "test-clinic"])
def test_every_output_is_built(built: dict[str, Path], brand: str) -> None:
    names = {p.name for p in pdfs(built[brand])}
    for topic in ("ketamine-and-addiction", "ketamine-assisted-therapy"):
        for level in LEVELS:
            for length in LENGTHS:
                assert f"{topic}-{level}-{length}.pdf" in names


@pytest.mark.parametrize(("brand", "paper"), [("sample", (612.0, 792.0)),
                                              ("test-clinic", (595.28, 841.89))])
def test_page_count_and_size(built: dict[str, Path], brand: str,
                             paper: tuple[float, float]) -> None:
    for path in pdfs(built[brand]):
        length = path.stem.rsplit("-", 1)[1]
        sizes = page_sizes(path)
        low, high = LENGTHS[length]
        assert low <= len(sizes) <= high, (path.name, len(sizes))
        expected = paper[::-1] if length == "brochure" else paper
        for size in sizes:
            assert size == pytest.approx(expected, abs=0.05), path.name


def output(root: Path, topic: Topic, level: str, kind: str) -> Path:
    """The printed output of `topic` (a translation's name has its tag) at `level`."""
    tag = f"-{topic.tag}" if topic.tag else ""
    return root / "build" / topic.slug / f"{topic.slug}{tag}-{level}-{kind}.pdf"


def test_each_level_prints_its_own_wording(built: dict[str, Path]) -> None:
    root = built["sample"]
    project = build.load_project(root)
    for topic in project.topics:
        for length in LENGTHS:
            texts = {lv: normal(text_of(output(root, topic, lv, length))) for lv in LEVELS}
            for level in LEVELS:
                lead = normal(markup.plain(topic.summary(level)))
                assert lead[:80] in texts[level], (topic.slug, level, length)
                for other in LEVELS:
                    if other != level:
                        assert lead[:80] not in texts[other], (topic.slug, level, other)


def test_key_points_and_help_lines_are_on_the_flyer(built: dict[str, Path]) -> None:
    root = built["sample"]
    for topic in build.load_project(root).topics:
        for level in LEVELS:
            text = normal(text_of(output(root, topic, level, "flyer")))
            for point in topic.key_points:
                assert normal(markup.plain(point(level))) in text
            for resource in topic.resources:
                assert resource.name in text.replace("& ", "& ")
                assert resource.phone is None or resource.phone in text
            assert ("Última revisión: noviembre de 2026" if topic.tag
                    else "Reviewed: November 2026") in text


def test_booklet_has_every_section_glossary_and_references(built: dict[str, Path]) -> None:
    root = built["sample"]
    for topic in build.load_project(root).topics:
        text = normal(text_of(output(root, topic, "standard", "booklet")))
        for section in topic.sections:
            assert normal(markup.plain(section.heading("standard"))) in text
        words, references, page = (("Palabras", "Referencias", r"Página 2 de \d+") if topic.tag
                                   else ("Words to know", "References", r"Page 2 of \d+"))
        assert words in text and references in text, topic.name
        for entry in topic.glossary:
            assert entry.term in text
        assert re.search(page, text)


def test_no_missing_glyph_boxes(built: dict[str, Path]) -> None:
    for brand in built.values():
        for path in pdfs(brand):
            assert "\u25a0" not in text_of(path), path.name
            assert "\ufffd" not in text_of(path), path.name


def test_fonts_embedded(built: dict[str, Path]) -> None:
    for path in pdfs(built["sample"]):
        rows = run_tool("pdffonts", path).splitlines()[2:]
        assert rows, path.name
        for row in rows:
            assert re.search(r"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", row), (path.name, row)


def test_qpdf_check(built: dict[str, Path]) -> None:
    for path in pdfs(built["sample"]):
        out = run_tool("qpdf", "--check", path)
        assert "No syntax or stream encoding errors found" in out, (path.name, out)


def test_no_text_below_the_minimum_size(built: dict[str, Path]) -> None:
    minimum = {"easy": 12.0, "standard": 11.0, "clinical": 11.0}
    for path in pdfs(built["sample"]):
        level = next(lv for lv in LEVELS if f"-{lv}-" in path.name)
        boxes = re.findall(r'yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"',
                           text_of(path, "-bbox"))
        smallest = min(float(y1) - float(y0) for y0, y1 in boxes) / NOTO_HEIGHT
        assert smallest >= minimum[level] - 0.05, (path.name, smallest)


def words_with_x(path: Path, page: int) -> list[tuple[float, str]]:
    xml = text_of(path, "-bbox", "-f", str(page), "-l", str(page))
    return [(float(x), w) for x, w in re.findall(r'<word xMin="([\d.]+)"[^>]*>([^<]*)</word>',
                                                 xml)]


def third(words: list[tuple[float, str]], phrase: str, width: float) -> int:
    first = phrase.split()[0]
    xs = [x for x, w in words if w == first]
    assert xs, f"{phrase!r} not found"
    return int(xs[0] // (width / 3))


def test_trifold_panel_order(built: dict[str, Path]) -> None:
    root = built["sample"]
    project = build.load_project(root)
    topic = project.topics[0]
    path = root / "build" / topic.slug / f"{topic.slug}-easy-brochure.pdf"
    outside, inside = words_with_x(path, 1), words_with_x(path, 2)
    # Outside, left to right: inside flap (key points), back (help, contact), front cover.
    assert third(outside, "Key points", 792) == 0
    assert third(outside, "Where to get help", 792) == 1
    assert third(outside, "Riverbend Community Health", 792) in (1, 2)
    xml = text_of(path, "-bbox", "-f", "1", "-l", "1")
    big = [float(x) for x, y0, y1 in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)"', xml)
        if float(y1) - float(y0) > 25 * NOTO_HEIGHT]  # the title: the largest type
    assert big and min(big) > 2 * 792 / 3
    # Inside: the first section starts in the left panel.
    heading = normal(markup.plain(topic.sections[0].heading("easy")))
    assert third(inside, heading, 792) == 0


def test_fold_guides_are_optional(sample: Path, cli: Callable[..., Result]) -> None:
    settings = sample / "handouts.toml"
    out = sample / "build/ketamine-and-addiction/ketamine-and-addiction-easy-brochure.pdf"
    args = ("-C", sample, "build", "ketamine-and-addiction", "--level", "easy", "--length",
            "standard", "--format", "pdf")
    assert cli(*args).exit_code == 0
    plain = out.read_bytes()
    settings.write_text(settings.read_text().replace("fold_guides = false", "fold_guides = true"))
    assert cli(*args).exit_code == 0
    guided = out.read_bytes()
    assert plain != guided
    # The guides are dashed strokes: the drawing operators appear only with them.
    assert b"[2 2] 0 d" not in zlib_streams(plain)
    assert b"[2 2] 0 d" in zlib_streams(guided)


def zlib_streams(pdf: bytes) -> bytes:
    """Every Flate (or ASCII85 and Flate) stream of a PDF, decompressed and joined."""
    out = []
    for match in re.finditer(rb"stream\r?\n(.*?)endstream", pdf, re.S):
        data = match[1].strip()
        for decode in (lambda d: d, lambda d: base64.a85decode(d, adobe=d.endswith(b"~>"))):
            try:
                out.append(zlib.decompressobj().decompress(decode(data)))
                break
            except (zlib.error, ValueError):
                continue
    return b"".join(out)


def test_rebuild_is_byte_identical(sample: Path, built: dict[str, Path]) -> None:
    done = subprocess.run([sys.executable, "-m", "handouts", "-C", str(sample), "build",
                           "ketamine-assisted-therapy"], capture_output=True, text=True,
                          check=False)
    assert done.returncode == 0, done.stderr
    for path in (sample / "build").rglob("*.pdf"):
        twin = built["sample"] / path.relative_to(sample)
        assert path.read_bytes() == twin.read_bytes(), path.name


def test_overflowing_trifold_fails_with_its_message(tmp_path: Path,
                                                    cli: Callable[..., Result]) -> None:
    long_body = " ".join(["Wash your hands with soap and warm water for twenty seconds."] * 120)
    write_project(tmp_path, GOOD.replace("      easy: Germs live on hands.",
                                         f"      easy: {long_body}"))
    result = cli("-C", tmp_path, "build", "--length", "standard")
    assert result.exit_code == 1
    assert re.search(r"hands, level easy, length standard \(brochure\): panel 'inside right' on "
                     r"page 'inside' does not fit by \d+ pt \([\d.]+ in, about \d+ lines\)",
                     result.output), result.output
    built_files = sorted(p.name for p in pdfs(tmp_path))
    assert built_files == ["hands-clinical-brochure.pdf", "hands-standard-brochure.pdf"]
    assert not list((tmp_path / "build").rglob("*.tmp"))


def test_list_prints_the_matrix(sample: Path, cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, "list")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == 2 * 3 * (3 * 2 + 2 * 2)  # and the standard and full talks printed
    assert lines[0].split("\t")[:4] == ["ketamine-and-addiction", "easy", "short", "pdf"]
    assert lines[1].split("\t")[:4] == ["ketamine-and-addiction", "easy", "short", "pptx"]


def test_unknown_filter_is_an_input_error(sample: Path, cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, "build", "--level", "eazy")
    assert result.exit_code == 2
    assert "there is no level 'eazy'; did you mean 'easy'?" in result.output


def test_a_rebuild_with_nothing_changed_writes_nothing(sample: Path,
                                                       cli: Callable[..., Result]) -> None:
    args = ("-C", sample, "build", "--format", "pdf", "--length", "short", "--no-thumbnails")
    first = cli(*args)
    assert "built 6, unchanged 0" in first.output
    stamps = {p: p.stat().st_mtime_ns for p in (sample / "build").rglob("*.pdf")}
    second = cli(*args)
    assert "built 0, unchanged 6" in second.output
    assert stamps == {p: p.stat().st_mtime_ns for p in (sample / "build").rglob("*.pdf")}
    topic = sample / "content/ketamine-and-addiction.yaml"
    topic.write_text(topic.read_text().replace("title: Ketamine and Addiction",
                                               "title: Ketamine and Addiction Today"))
    third = cli(*args)
    assert "built 3, unchanged 3" in third.output
    assert "built 6, unchanged 0" in cli(*args, "--force").output


@pytest.mark.parametrize("brand", ["sample", "test-clinic"])
def test_qr_codes_scan_to_the_clinic_address(built: dict[str, Path], brand: str,
                                             tmp_path: Path) -> None:
    """A phone reads the flyer's QR code (zxing-cpp on poppler's picture of the page), and
    the deck's QR picture, as the brand's address."""
    zxingcpp = pytest.importorskip("zxingcpp")
    from PIL import Image
    from pptx import Presentation

    root = built[brand]
    expected = build.load_project(root).brand.qr_url
    assert expected
    flyer = next(p for p in pdfs(root) if p.name.endswith("-easy-flyer.pdf"))
    run_tool("pdftoppm", "-png", "-r", "150", "-f", "1", "-l", "1", flyer, tmp_path / "page")
    with Image.open(next(tmp_path.glob("page*.png"))) as page:
        found = [r.text for r in zxingcpp.read_barcodes(page)]
    assert found == [expected]
    deck = next((root / "build").rglob("*-easy-talk-5min.pptx"))
    pictures = [shape.image.blob for slide in Presentation(str(deck)).slides
                for shape in slide.shapes if shape.name == "QR code"]
    assert pictures
    for blob in pictures:
        with Image.open(io.BytesIO(blob)) as picture:
            assert [r.text for r in zxingcpp.read_barcodes(picture)] == [expected]


def test_a_running_footer_never_prints_over_its_page_number(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    # a brand named only by a long full name: the booklet's footer is 'title | name'
    write_project(tmp_path, GOOD)
    (tmp_path / "_brand.yml").write_text(
        "meta:\n  name: Riverbend Valley Community Health and Wellness Cooperative Clinic\n",
        encoding="utf-8")
    result = cli("-C", tmp_path, "build", "--length", "full", "--format", "pdf",
                 "--level", "easy", "--no-report")
    assert result.exit_code == 0, result.output
    booklet = tmp_path / "build/hands/hands-easy-booklet.pdf"
    html = run_tool("pdftotext", "-bbox", booklet, "-")
    pages = html.split("<page ")[1:]
    assert len(pages) >= 2
    for page in pages[1:]:  # the flowing pages carry the running footer
        words = [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
            r'xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<', page)]
        bottom = max(d for _, _, _, d, _ in words)
        foot = [w for w in words if w[3] > bottom - 30]  # the footer's lines
        for n, a in enumerate(foot):
            for b in foot[n + 1:]:
                overlap = min(a[2], b[2]) - max(a[0], b[0])
                same_line = min(a[3], b[3]) - max(a[1], b[1]) > 1
                assert not (same_line and overlap > 0), (a[4], b[4])
        assert "Cooperative" in " ".join(w[4] for w in foot) or "…" in " ".join(
            w[4] for w in foot)
