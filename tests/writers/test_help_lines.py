"""What a help line says is printed: a resource's web address appears in the flyer, the
brochure, the booklet and the deck, and breaks across lines only after / . - ? &."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable
from pathlib import Path

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
        slides = [z.read(n).decode() for n in z.namelist()
                  if re.fullmatch(r"ppt/slides/slide\d+\.xml", n)]
    help_slide = next(s for s in slides if "Where to get help" in s)
    texts = [t.text or "" for t in etree.fromstring(help_slide.encode()).iter(qn("a:t"))]
    address = next(t for t in texts if "example-" in t)
    assert address.replace(ZERO_WIDTH_SPACE, "") == SHOWN
    for piece in address.split(ZERO_WIDTH_SPACE)[:-1]:
        assert piece[-1] in BREAK_AFTER
    assert "1\u2011800\u2011555\u20110199" in help_slide  # the phone number never breaks
