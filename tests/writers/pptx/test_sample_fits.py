"""Text the deck template generates fits by construction: the sample's decks build with a
brand whose font is wide (DejaVu Serif), on A4 paper with 4:3 slides."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pptx import Presentation

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
"""Where fonts-dejavu-core installs its files."""

WIDE_BRAND = """\
meta:
  name: {full: Riverbend Community Health, short: Riverbend Health}
  link: https://riverbend-health.example.org
color:
  primary: "#1B5E7A"
  secondary: "#E6F1F5"
typography:
  fonts:
    - family: DejaVu Serif
      source: file
      files:
        - {path: brand/DejaVuSerif.ttf, weight: 400}
        - {path: brand/DejaVuSerif-Bold.ttf, weight: 700}
  base: {family: DejaVu Serif}
  headings: {family: DejaVu Serif, weight: 700}
defaults:
  handouts:
    phone: (555) 010-2040
    address: 120 Mill Street, Riverbend
    hours: Mon-Fri 8 am to 6 pm; Sat 9 am to 1 pm
    email: hello@riverbend-health.example.org
    qr_url: https://riverbend-health.example.org/learn
    paper: a4
    slide_size: "4:3"
"""


def test_every_deck_of_the_sample_fits_with_a_wide_font_on_4_3_slides(
        sample: Path, cli: Callable[..., Result]) -> None:
    fonts = [DEJAVU / "DejaVuSerif.ttf", DEJAVU / "DejaVuSerif-Bold.ttf"]
    if not all(f.is_file() for f in fonts):
        pytest.skip("needs fonts-dejavu-core")
    (sample / "brand").mkdir()
    for font in fonts:
        shutil.copy(font, sample / "brand" / font.name)
    (sample / "_brand.yml").write_text(WIDE_BRAND, encoding="utf-8")
    result = cli("-C", sample, "build", "--format", "pptx", "--no-thumbnails",
                 "--no-report", "-j", "1")
    assert result.exit_code == 0, result.output
    decks = sorted((sample / "build").rglob("*.pptx"))
    assert len(decks) == 18, [d.name for d in decks]
    for deck in decks:  # the contact slide never splits
        last = Presentation(str(deck)).slides[-1]
        assert last.shapes.title.text_frame.text == "Thank you", deck.name
        # nor shrinks below the level's smallest body size; its small print is at the foot
        least = 28.0 if "-easy-" in deck.name else 24.0
        body = next(s for s in last.placeholders if s.placeholder_format.idx == 1)
        sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
        assert sizes and min(sizes) >= least, (deck.name, sizes)
        foot = next(s for s in last.shapes if s.name == "Small print")
        assert foot.text_frame.text.startswith("Reviewed: "), deck.name
