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
