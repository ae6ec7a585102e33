"""A brand written the way brand.yml users write one (CSS colour names, a root-relative logo
path with its alt text, kebab-case handouts keys), built end to end: each setting reaches
the flyer and the deck."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from pptx import Presentation
from pptx.util import Emu

from tests.helpers import DATA, GOOD, run_tool, shows_test_logo, write_project

BRAND = """\
meta:
  name: Northgate Family Practice
  link: https://northgate.example.org
logo:
  medium:
    path: /assets/logo.svg
    alt: Northgate Family Practice, a heron on a navy tile
color:
  palette:
    ink: black
  primary: navy
  secondary: lavender
  foreground: ink
  background: white
defaults:
  handouts:
    phone: 0161 496 0000
    paper: a4
    slide-size: "4:3"
    qr-url: https://northgate.example.org/leaflets
    help-lines:
      - "NHS 111: call 111, day or night"
"""


def test_a_brand_as_its_users_write_it_reaches_the_flyer_and_the_deck(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD)
    (tmp_path / "brands").mkdir()  # the brand file away from the root: '/' is the root
    (tmp_path / "assets").mkdir()
    shutil.copy(DATA / "harbourside-logo.svg", tmp_path / "assets/logo.svg")
    (tmp_path / "brands/_brand.yml").write_text(BRAND, encoding="utf-8")
    (tmp_path / "handouts.toml").write_text('[project]\nbrand = "brands/_brand.yml"\n')
    result = cli("-C", tmp_path, "build", "--level", "standard", "--length", "short",
                 "--no-thumbnails")
    assert result.exit_code == 0, result.output
    assert "_brand.yml" not in result.output  # no warning about the brand
    [flyer] = (tmp_path / "build").rglob("*-flyer.pdf")
    text = run_tool("pdftotext", flyer, "-")
    assert "Northgate Family Practice" in text and "0161 496 0000" in text
    assert "(A4)" in run_tool("pdfinfo", flyer)
    assert shows_test_logo(flyer), "the logo is missing"
    [deck] = (tmp_path / "build").rglob("*.pptx")
    prs = Presentation(str(deck))
    assert (Emu(prs.slide_width).pt, Emu(prs.slide_height).pt) == (720, 540)
    for slide in (prs.slides[0], prs.slides[-1]):
        [logo] = [s for s in slide.shapes if s.name == "Logo"]
        assert logo._element.nvPicPr.cNvPr.get("descr") == \
            "Northgate Family Practice, a heron on a navy tile"
    [qr] = [s for s in prs.slides[-1].shapes if s.name == "QR code"]
    assert qr._element.nvPicPr.cNvPr.get("descr").endswith("northgate.example.org/leaflets")
    xml = "".join(slide._element.xml for slide in prs.slides)
    assert 'val="000080"' in xml  # navy: the title band and the headings
    assert "NHS 111: call 111, day or night" in xml  # help-lines, on the help slide
