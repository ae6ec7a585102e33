"""A brand whose text runs wide, for the standing tests that the sample fits by
construction: DejaVu Serif (wider than the bundled sans), A4 paper (shorter than letter)
and 4:3 slides (narrower than 16:9). Content added later, a translation or pictures,
must fit with it too."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
"""Where fonts-dejavu-core installs its files."""

FONTS = ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf")
"""The brand's regular and bold faces, copied into the project's brand/ folder."""

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
    hours:
      en: Mon–Fri 8 am to 6 pm; Sat 9 am to 1 pm
      es: lun. a vie., 8 a. m. a 6 p. m.; sáb., 9 a. m. a 1 p. m.
    email: hello@riverbend-health.example.org
    qr_url: https://riverbend-health.example.org/learn
    paper: a4
    slide_size: "4:3"
"""


def use_wide_brand(project: Path) -> None:
    """Give `project` the wide brand: the DejaVu Serif faces copied into its brand/ folder
    and its _brand.yml replaced. Skips the calling test where fonts-dejavu-core is not
    installed."""
    fonts = [DEJAVU / name for name in FONTS]
    if not all(f.is_file() for f in fonts):
        pytest.skip("needs fonts-dejavu-core")
    (project / "brand").mkdir(exist_ok=True)
    for font in fonts:
        shutil.copy(font, project / "brand" / font.name)
    (project / "_brand.yml").write_text(WIDE_BRAND, encoding="utf-8")


def build_wide(project: Path, cli: Callable[..., Result], fmt: str) -> list[Path]:
    """Every output of format `fmt` ('pdf', 'pptx') of `project` built with the wide
    brand (asserting the build succeeded: nothing overflowed), sorted by path."""
    use_wide_brand(project)
    result = cli("-C", project, "build", "--format", fmt, "--no-thumbnails", "--no-report",
                 "-j", "1")
    assert result.exit_code == 0, result.output
    return sorted((project / "build").rglob(f"*.{fmt}"))
