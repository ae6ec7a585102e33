"""The build report, build/index.html: links every output, shows the figures, opens from
disk in a real browser."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from PIL import Image

from tests.helpers import need


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
