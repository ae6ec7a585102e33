"""The sample's own text fits by construction: all its PDFs (flyer, brochure and booklet
at every level, in English and Spanish) build with a brand whose font is wide (DejaVu
Serif) on A4 paper, which is shorter than letter. A panel or page that overflows fails
the build with its shortfall, so exit 0 means nothing was cut."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.helpers import copy_content, run_tool
from tests.writers.wide_brand import build_wide


def test_every_pdf_of_the_sample_fits_with_a_wide_font_on_a4(
        sample: Path, cli: Callable[..., Result]) -> None:
    copy_content(sample, translations=True)  # Spanish runs about a fifth longer
    pdfs = build_wide(sample, cli, "pdf")
    assert len(pdfs) == 36, [p.name for p in pdfs]
    for pdf in pdfs:  # the brand's paper was used, not the sample's letter
        assert "(A4)" in run_tool("pdfinfo", pdf), pdf.name
