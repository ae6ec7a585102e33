"""The build report, build/index.html: links every output, shows the figures and each
output's page or slide count as its writer gave it, opens from disk in a real browser."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from PIL import Image
from pptx import Presentation

from handouts.build import uptodate
from tests.helpers import need, run_tool

SHORT = ("build", "--length", "short", "--no-thumbnails")


def shown(index: Path) -> dict[str, str]:
    """What the report says of each output (its count, or why it has none), by link."""
    page = index.read_text(encoding="utf-8")
    return dict(re.findall(r'<a href="([^"]+)">[^<]+</a><br>([^<]+)</div>', page))


def test_the_counts_are_the_outputs_own(sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, *SHORT).exit_code == 0
    facts = shown(sample / "build" / "index.html")
    assert len(facts) == 36
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


def test_report_links_every_output(built: dict[str, Path]) -> None:
    root = built["sample"]
    index = root / "build" / "index.html"
    page = index.read_text(encoding="utf-8")
    outputs = sorted(p.relative_to(root / "build").as_posix()
                     for p in (root / "build").rglob("*") if p.suffix in (".pdf", ".pptx"))
    assert len(outputs) == 36
    links = set(re.findall(r'href="([^"]+)"', page))
    assert set(outputs) <= links
    for src in re.findall(r'<img src="([^"]+)"', page):
        assert (root / "build" / src).exists(), src
    assert "Flesch-Kincaid grade" in page and "SMOG grade" in page
    assert page.count("1 page<") >= 6 and "slides" in page


def test_report_renders_in_headless_chromium(built: dict[str, Path], tmp_path: Path) -> None:
    chromium = need("chromium")
    shot = tmp_path / "report.png"
    index = built["sample"] / "build" / "index.html"
    subprocess.run([chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                    "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync",
                    f"--user-data-dir={tmp_path / 'profile'}", f"--screenshot={shot}",
                    "--window-size=1280,1600", index.as_uri()],
                   capture_output=True, timeout=120, check=False)
    assert shot.exists()
    with Image.open(shot) as img:
        assert img.size == (1280, 1600)
        colours = img.convert("RGB").getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 50, "the page looks blank"
