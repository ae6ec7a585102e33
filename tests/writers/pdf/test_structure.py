"""The tagging pieces on their own: reading order of planned regions, ToUnicode maps
without U+0000, heading levels without skips, artifacts around undrawn content."""

from __future__ import annotations

import io
import re

import page
from hypothesis import given
from hypothesis import strategies as st
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont, makeToUnicodeCMap

from handouts.document import model as L
from handouts.writers.pdf.pages import PagePlan, Region
from handouts.writers.pdf.reading import ranks
from handouts.writers.pdf.structure import BFCHAR_BLOCK, _without_null, finish
from handouts.writers.pdf.tags import Node, TaggingCanvas, marked
from tests.helpers import DATA


def region(panel: L.Panel | None) -> Region:
    return Region(0.0, 0.0, 1.0, 1.0, (), None, panel)


TITLE = L.Band((L.Heading(0, (L.Run("Title"),)),))


def test_a_trifold_reads_cover_flap_inside_then_back() -> None:
    outside = PagePlan((792.0, 612.0), (
        region(None),  # the empty header
        region(L.Panel("inside flap", (), flap=True)),
        region(L.Panel("back", ())),
        region(L.Panel("front cover", (TITLE,)))))
    inside = PagePlan((792.0, 612.0), (
        region(None),
        region(L.Panel("inside left", ())),
        region(L.Panel("inside middle", ())),
        region(L.Panel("inside right", (), flap=True))))
    order = ranks("trifold", [outside, inside])
    named = sorted(((rank, plan.regions[n].panel)
                    for plan, page_ranks in zip([outside, inside], order, strict=True)
                    for n, rank in enumerate(page_ranks)), key=lambda r: r[0])
    names = [panel.name for _, panel in named if panel is not None]
    assert names == ["front cover", "inside flap", "inside left", "inside middle",
                     "inside right", "back"]


def test_other_layouts_read_in_paper_order() -> None:
    plans = [PagePlan((612.0, 792.0), (region(None), region(L.Panel("left", (TITLE,))),
                                        region(L.Panel("right", ())), region(None))),
             PagePlan((612.0, 792.0), (region(None),))]
    for layout in ("flyer", "booklet"):
        assert ranks(layout, plans) == [[0, 1, 2, 3], [4]]


@given(st.lists(st.integers(min_value=0x20, max_value=0x2FFF), min_size=1, max_size=220,
                unique=True))
def test_to_unicode_maps_nothing_to_u0000(chars: list[int]) -> None:
    """reportlab's subset 0 maps codes 0x00-0x1F to 0; the cleaned map keeps every other
    mapping, in blocks of at most BFCHAR_BLOCK."""
    subset = [0] * 32 + chars
    cleaned = _without_null(makeToUnicodeCMap("AAAAAA+Font", subset))
    pairs = re.findall(r"^<([0-9A-F]{2})> <([0-9A-F]{4})>$", cleaned, re.MULTILINE)
    assert [(int(c, 16), int(v, 16)) for c, v in pairs] == \
        [(code, value) for code, value in enumerate(subset) if value]
    counts = [int(n) for n in re.findall(r"^(\d+) beginbfchar$", cleaned, re.MULTILINE)]
    assert sum(counts) == len(chars) and all(n <= BFCHAR_BLOCK for n in counts)
    assert cleaned.count("endbfchar") == len(counts)
    assert cleaned.startswith("/CIDInit") and cleaned.endswith("end\nend")


def _tagged_pdf(headings: list[int]) -> bytes:
    """A one-page tagged PDF with a heading of each nominal level in `headings` (H1-H6
    roles as handouts.writers.pdf.flowables gives them), drawn as text."""
    pdfmetrics.registerFont(TTFont("TestSerif", DATA / "fonts" / "LiberationSerif-Regular.ttf"))
    out = io.BytesIO()
    canvas = TaggingCanvas(out, invariant=1, initialFontName="TestSerif", pageCompression=0)
    canvas.setTitle("Levels")
    canvas.tags.start_page(canvas)
    canvas.rect(10, 10, 50, 50, fill=1)  # decoration: an artifact
    for n, level in enumerate(headings):
        with marked(canvas, (Node(n, f"H{level}"),)):
            canvas.drawString(72, 720 - 20 * n, f"Heading {n}")
    canvas.tags.end_page(canvas)
    canvas.showPage()
    finish(canvas, "Levels", "en")
    canvas.save()
    return out.getvalue()


def test_heading_levels_are_ranked_and_never_skip() -> None:
    """Levels 1, 3, 4 (a template's title, h2 and h3) become H1, H2, H3; an H4 straight
    after an H1 becomes an H2."""
    data = _tagged_pdf([1, 3, 4, 3, 1, 4])
    roles = re.findall(rb"/S /(H\d)", data)
    assert roles == [b"H1", b"H2", b"H3", b"H2", b"H1", b"H2"]
    report = page.validate_pdf_bytes(data, profile="ua1")
    assert [f.rule_id for f in report.failures] == []


def test_what_is_drawn_outside_content_is_an_artifact() -> None:
    data = _tagged_pdf([1])  # page streams uncompressed
    assert re.search(rb"/Artifact BMC\s[^E]* re B\*\sEMC\s/H1 <</MCID 0>> BDC\sBT [^E]*ET\sEMC",
                     data), data
