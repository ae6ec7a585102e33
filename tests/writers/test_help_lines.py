"""What a help line says is printed: a resource's web address appears in the flyer, the
brochure, the booklet and the deck, and breaks across lines only after / . - ? &."""

from __future__ import annotations

import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from lxml import etree
from pptx.oxml.ns import qn

from handouts.writers.addresses import BREAK_AFTER, ZERO_WIDTH_SPACE
from tests.helpers import GOOD, run_tool, write_project

LONG = ("https://www.example-health.org/find-help/helplines/national-treatment-referral"
        "-line?language=english&topic=substance-use")
SHOWN = LONG.removeprefix("https://")
RESOURCES = f"""\
resources:
  - name: Treatment Referral Line
    url: {LONG}
    note: Free help to find care near you.
  - name: Quit Line
    phone: 1-800-555-0199
    url: https://quit.example.org/
"""


def build(root: Path, cli: Callable[..., Result]) -> Path:
    write_project(root, GOOD.replace("sections:", RESOURCES + "sections:"))
    result = cli("-C", root, "build", "--level", "standard", "--no-thumbnails", "-j", "1")
    assert result.exit_code == 0, result.output
    return root / "build" / "hands"


def test_a_long_address_prints_whole_and_breaks_only_after_its_break_characters(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    out = build(tmp_path, cli)
    pattern = "\n?".join(re.escape(c) for c in SHOWN)
    for kind in ("flyer", "brochure", "booklet"):
        # -raw: in reading order, and a line ending in '-' is not joined to the next
        text = run_tool("pdftotext", "-raw", out / f"hands-standard-{kind}.pdf", "-")
        found = re.search(pattern, text)
        assert found, f"{kind}: {SHOWN} not printed"
        breaks = [i for i, c in enumerate(found.group()) if c == "\n"]
        for at in breaks:
            assert found.group()[at - 1] in BREAK_AFTER, (kind, found.group())
        if kind == "brochure":
            assert breaks, "a brochure panel is narrower than the address: it must break"
        assert "quit.example.org" in text.replace("\n", "")


def test_the_decks_help_slide_shows_the_address_with_break_opportunities(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    out = build(tmp_path, cli)
    deck = next(out.glob("hands-standard-talk-*.pptx"))
    with zipfile.ZipFile(deck) as z:
        slides = {n: z.read(n) for n in z.namelist()
                  if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)}
        name, help_slide = next((n, s) for n, s in slides.items() if b"Where to get help" in s)
        rels = etree.fromstring(z.read(name.replace("slides/", "slides/_rels/") + ".rels"))
    targets = {rel.get("Id"): rel.get("Target") for rel in rels}
    # the link's target is the address itself, never with the zero-width spaces
    [rid] = [key for key, target in targets.items() if target == LONG]
    root = etree.fromstring(help_slide)
    para = next(p for p in root.iter(qn("a:p")) if b"example-" in etree.tostring(p))
    runs = [(r.findtext(qn("a:t")) or "", r.find(f"{qn('a:rPr')}/{qn('a:hlinkClick')}"))
            for r in para.iter(qn("a:r"))]
    pieces = [text for text, link in runs
              if link is not None and link.get(qn("r:id")) == rid]
    assert "".join(pieces) == SHOWN and len(pieces) > 3
    for piece in pieces[:-1]:
        assert piece[-1] in BREAK_AFTER, piece
    # between the linked pieces, a zero-width space that is not part of the link
    assert ZERO_WIDTH_SPACE.join(pieces) in "".join(text for text, _ in runs)
    assert "1\u2011800\u2011555\u20110199" in help_slide.decode()  # never breaks


def test_libreoffice_breaks_a_deck_s_address_only_after_its_break_characters(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("needs LibreOffice")
    out = build(tmp_path, cli)
    deck = next(out.glob("hands-standard-talk-*.pptx"))
    run_tool("soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp_path / "pdf", deck)
    # pdftotext's default reading: a line as drawn (-raw puts each linked piece apart)
    text = run_tool("pdftotext", tmp_path / "pdf" / f"{deck.stem}.pdf", "-")
    text = text.replace(ZERO_WIDTH_SPACE, "").replace("\u2060", "")
    found = re.search("\n?".join(re.escape(c) for c in SHOWN), text)
    assert found, text
    breaks = [i for i, c in enumerate(found.group()) if c == "\n"]
    assert breaks, "the address is wider than the slide's text: it must break"
    for at in breaks:
        assert found.group()[at - 1] in BREAK_AFTER, found.group()
