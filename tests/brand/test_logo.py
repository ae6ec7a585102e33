"""The logo's alternative text, from brand.yml's `{path, alt}` form wherever the format
allows it, to the deck's picture description."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handouts.brand.brandyml import load_brand
from handouts.errors import SettingsError
from tests.helpers import DATA


def brand_alt(root: Path, logo: str) -> str:
    shutil.copy(DATA / "harbourside-logo.svg", root / "logo.svg")
    path = root / "_brand.yml"
    path.write_text(f"meta: {{name: Alt Clinic}}\nlogo:\n{logo}", encoding="utf-8")
    return load_brand(path, root).logo_alt


@pytest.mark.parametrize(("logo", "alt"), [
    ("  path: logo.svg\n  alt: A heron over a river\n", "A heron over a river"),
    ("  images: {main: {path: logo.svg, alt: Main logo}}\n  medium: main\n", "Main logo"),
    ("  medium: {light: {path: logo.svg, alt: Light logo}, dark: logo.svg}\n", "Light logo"),
    ("  small: {path: logo.svg, alt: Small}\n  large: {path: logo.svg, alt: Large}\n", "Large"),
    ("  medium: logo.svg\n", ""),
    ("  path: logo.svg\n  alt: ''\n", ""),
])
def test_the_chosen_images_alt_text_is_read(tmp_path: Path, logo: str, alt: str) -> None:
    assert brand_alt(tmp_path, logo) == alt


def test_alt_text_that_is_not_text_is_located(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as err:
        brand_alt(tmp_path, "  path: logo.svg\n  alt: [a, b]\n")
    assert str(err.value) == (f"{tmp_path / '_brand.yml'}:4:8: logo.alt must be text, not a "
                              "list; write what the logo shows, such as the clinic's name")
