"""The golden cases: small projects of their own under tests/golden/<case>/ (handouts.toml
and content/), not the sample content, which later work changes. Each is built with three
brands: the sample clinic's brand (a copy frozen in sample_brand.yml), the test clinic
(its own font and logo, A4 and 4:3 slides) and the test clinic with a clinic PowerPoint
template whose title and section layouts have French names (so the writer falls back to
the built-in layouts for those, and warns).

Each project keeps its matrix small (one level, one or two lengths) so that building all
of them takes a few seconds."""

from __future__ import annotations

import shutil
from pathlib import Path

from tests.helpers import TEST_CLINIC_BRAND, make_test_clinic

HERE = Path(__file__).resolve().parent

CASES = ("short-topic", "long-section", "accents")

BRANDS = ("sample", "test-clinic", "clinic-template")

TEMPLATE_NAME = "brand/clinique.pptx"

FRENCH_LAYOUTS = {"Title Slide": "Diapositive de titre", "Section Header": "En-tête de section",
                  "Title Only": "Titre seul"}
"""Layouts of PowerPoint's default template renamed in the clinic template; the others
(Title and Content, Two Content, Blank...) keep their English names."""


def clinic_template(path: Path) -> None:
    """PowerPoint's default template as python-pptx saves it, with some layouts renamed."""
    from pptx import Presentation
    prs = Presentation()
    for layout in prs.slide_layouts:
        layout.name = FRENCH_LAYOUTS.get(layout.name, layout.name)
    prs.save(str(path))


def expected_dir(case: str, brand: str) -> Path:
    """Where the expected files of `case` built with `brand` are kept."""
    return HERE / case / "expected" / brand


def make_project(root: Path, case: str, brand: str) -> Path:
    """Write the project of `case` with `brand` into `root` (made if missing); returns it."""
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(HERE / case / "handouts.toml", root / "handouts.toml")
    shutil.copytree(HERE / case / "content", root / "content", dirs_exist_ok=True)
    if (HERE / case / "pictures").is_dir():
        shutil.copytree(HERE / case / "pictures", root / "pictures", dirs_exist_ok=True)
    if brand == "sample":
        shutil.copy(HERE / "sample_brand.yml", root / "_brand.yml")
        return root
    make_test_clinic(root)
    if brand == "clinic-template":
        clinic_template(root / TEMPLATE_NAME)
        (root / "_brand.yml").write_text(
            TEST_CLINIC_BRAND + f"    pptx_template: {TEMPLATE_NAME}\n", encoding="utf-8")
    return root
