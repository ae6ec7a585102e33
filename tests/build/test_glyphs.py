"""The one glyph check per output: characters no brand font can draw, located where they
were written, before any writer draws."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build.glyphs import _char_location
from handouts.errors import Location
from tests.helpers import DATA, GOOD, write_project

BODY = "      easy: Germs live on hands."
HETA = "\u0370"
"""Greek capital heta: in the built-in Noto Sans, not in Liberation Serif."""


@pytest.mark.parametrize("written", ["\u00e9", "\\u00e9", "\\u00E9", "\\U000000e9",
                                     "\\xE9"])
def test_a_character_is_found_as_itself_or_as_a_yaml_escape(written: str) -> None:
    lines = ["title: Hands", f'body: "Wash {written} well"']
    assert _char_location(Path("t.yaml"), lines, "\u00e9") == Location(Path("t.yaml"), 2, 13)


def test_a_character_not_written_in_the_file_has_no_line() -> None:
    assert _char_location(Path("t.yaml"), ["title: Hands"], HETA).line == 0


def test_the_heading_family_is_checked_as_well_as_the_body_family(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    """The body is the built-in Noto Sans, which has the character; the headings are
    Liberation Serif, which has not."""
    path = write_project(tmp_path, GOOD.replace("    heading: Why it matters",
                                                f"    heading: Why {HETA} matters"))
    (tmp_path / "brand").mkdir()
    shutil.copy(DATA / "fonts" / "LiberationSerif-Bold.ttf", tmp_path / "brand" / "Serif.ttf")
    (tmp_path / "_brand.yml").write_text(
        "meta:\n  name: Clinic\ntypography:\n  fonts:\n    - family: Serif\n"
        "      source: file\n      files: [brand/Serif.ttf]\n  headings: {family: Serif}\n",
        encoding="utf-8")
    for fmt in ("pdf", "pptx"):
        result = cli("-C", tmp_path, "build", "-j", "1", "--level", "easy", "--format", fmt,
                     "--no-report")
        assert result.exit_code == 2, result.output
        assert f"{path}:13:18: the brand's font cannot draw '{HETA}' (U+0370)" \
            in result.output, result.output
        assert not list(tmp_path.glob(f"build/**/*.{fmt}"))


def test_italics_with_a_brand_that_has_no_italic_face_are_a_warning(tmp_path: Path) -> None:
    """The test clinic's Liberation Serif has a regular and a bold face, no italic."""
    from handouts.build.api import Options, build_all
    from tests.helpers import make_test_clinic

    summary_line = "  easy: Clean hands stop germs."
    path = write_project(tmp_path,
                         GOOD.replace(summary_line, "  easy: Clean hands stop *all* germs."))
    make_test_clinic(tmp_path)
    built = build_all(tmp_path, Options(levels=("easy",), lengths=("short",),
                                        formats=("pdf",), report=False))
    warnings = [w for b in built.brands for w in b.warnings if w.code == "no-italic-face"]
    assert len(warnings) == 1
    assert warnings[0].location == Location(path, GOOD.splitlines().index(summary_line) + 1, 26)
    assert "'all'" in warnings[0].message and "Liberation Serif" in warnings[0].message
    upright = build_all(tmp_path, Options(levels=("standard",), lengths=("short",),
                                          formats=("pdf",), report=False))
    assert not [w for b in upright.brands for w in b.warnings if w.code == "no-italic-face"]
