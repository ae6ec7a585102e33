"""Files a brand names, as brand.yml users write their paths: relative to the brand file,
or starting with '/' from the project root as Quarto reads them; a path that really leaves
the project is still refused with its own message."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from handouts.brand.brandyml import load_brand
from handouts.errors import SettingsError
from tests.helpers import DATA

LOGO = DATA / "harbourside-logo.svg"
FONT = DATA / "fonts/LiberationSerif-Regular.ttf"


def project(root: Path, brand_text: str, brand_at: str = "_brand.yml") -> Path:
    """A project with a logo and a font under assets/ and the brand file at `brand_at`."""
    (root / "assets").mkdir()
    shutil.copy(LOGO, root / "assets/logo.svg")
    shutil.copy(FONT, root / "assets/serif.ttf")
    path = root / brand_at
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("meta: {name: Root Clinic}\n" + brand_text, encoding="utf-8")
    return path


@pytest.mark.parametrize("brand_at", ["_brand.yml", "brands/north/_brand.yml"])
def test_root_relative_logo_and_font_are_read_from_the_project_root(tmp_path: Path,
                                                                    brand_at: str) -> None:
    path = project(tmp_path, "logo: /assets/logo.svg\ntypography:\n  fonts:\n"
                   "    - {family: Serif, source: file, files: [/assets/serif.ttf]}\n"
                   "  base: Serif\n", brand_at)
    brand = load_brand(path, tmp_path)
    assert brand.logo == (tmp_path / "assets/logo.svg").resolve()
    assert brand.base_font is not None
    assert brand.base_font.regular == (tmp_path / "assets/serif.ttf").resolve()


def test_an_absolute_path_inside_the_project_is_still_read(tmp_path: Path) -> None:
    path = project(tmp_path, f"logo: {tmp_path / 'assets/logo.svg'}\n")
    assert load_brand(path, tmp_path).logo == (tmp_path / "assets/logo.svg").resolve()


def refused(path: Path, root: Path) -> str:
    with pytest.raises(SettingsError) as err:
        load_brand(path, root)
    return str(err.value)


def test_a_missing_root_relative_file_says_where_to_put_it(tmp_path: Path) -> None:
    path = project(tmp_path, "logo: /assets/missing.svg\n")
    assert refused(path, tmp_path) == (
        f"{path}:2:7: the logo '/assets/missing.svg' does not exist; "
        f"put the file at {(tmp_path / 'assets/missing.svg').resolve()} or fix the path")


@pytest.mark.parametrize("written", ["/../outside.svg", "../outside.svg", "{outside}"])
def test_a_path_that_leaves_the_project_is_refused_as_before(tmp_path: Path,
                                                            written: str) -> None:
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(LOGO, tmp_path / "outside.svg")
    written = written.format(outside=tmp_path / "outside.svg")
    path = project(root, f"logo: {written}\n")
    assert f"{path}:2:7: the logo '{written}' leads outside the project; keep brand files " \
           "inside the project folder" in refused(path, root)
