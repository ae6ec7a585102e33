"""Colours as brand.yml users write them: CSS colour names beside hex, palette names
followed first, and theme colours written inside the palette warned about with the fix."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import ImageColor

from handouts.brand.brandyml import load_brand
from handouts.brand.model import Brand
from handouts.colours import css_colour, parse_colour, parse_hex
from handouts.errors import Location, SettingsError


def brand(root: Path, text: str) -> Brand:
    path = root / "_brand.yml"
    path.write_text("meta: {name: Test}\n" + text, encoding="utf-8")
    return load_brand(path, root)


NAMES = sorted(ImageColor.colormap)
"""The CSS Color 4 names, from the table css_colour reads (Pillow's)."""


def test_the_css_names_are_the_148_of_css_color_4_with_their_values() -> None:
    assert len(NAMES) == 148
    assert [css_colour(n) for n in ("rebeccapurple", "navy", "LightGoldenRodYellow", "grey")] \
        == ["#663399", "#000080", "#FAFAD2", "#808080"]


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(NAMES), st.lists(st.booleans(), min_size=20, max_size=20))
def test_a_name_in_any_case_reads_as_its_hex(name: str, upper: list[bool]) -> None:
    written = "".join(c.upper() if up else c for c, up in zip(name, upper, strict=False))
    hex_colour = css_colour(name)
    assert hex_colour is not None
    assert parse_colour(written) == hex_colour == parse_hex(hex_colour)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=9))
def test_anything_else_reads_as_the_hex_parser_reads_it(text: str) -> None:
    if text.lower() not in NAMES:
        assert parse_colour(text) == parse_hex(text)


@pytest.mark.parametrize("text", ["transparent", "currentcolor", "navy ", "dark blue", ""])
def test_what_is_not_a_printable_colour_name(text: str) -> None:
    assert parse_colour(text) is None


def test_theme_and_palette_colours_by_css_name(tmp_path: Path) -> None:
    found = brand(tmp_path, "color:\n  palette:\n    ink: black\n  primary: navy\n"
                  "  secondary: Lavender\n  foreground: ink\n  background: WHITE\n")
    assert (found.palette.primary, found.palette.secondary, found.palette.foreground,
            found.palette.background) == ("#000080", "#E6E6FA", "#000000", "#FFFFFF")


def test_a_palette_name_comes_before_the_css_name(tmp_path: Path) -> None:
    found = brand(tmp_path, "color:\n  palette:\n    navy: '#14284B'\n  primary: navy\n")
    assert found.palette.primary == "#14284B"


def test_a_misspelt_name_is_located_and_says_what_to_write(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as err:
        brand(tmp_path, "color:\n  primary: navvy\n")
    assert f"{tmp_path / '_brand.yml'}:3:12: color.primary 'navvy' is not a colour; write " \
           "#RRGGBB, a CSS colour name such as navy, or a name from color.palette" \
           in str(err.value)


def test_roles_inside_the_palette_are_a_warning_with_the_fix(tmp_path: Path) -> None:
    found = brand(tmp_path, "color:\n  palette:\n    primary: '#7A1F3D'\n    secondary: pink\n"
                  "    tertiary: red\n  foreground: '#222222'\n")
    assert found.palette.primary == "#1F5C99"  # brand.yml does not read them as roles
    roles = [w for w in found.warnings if w.code == "role-in-palette"]
    assert [w.location for w in roles] == [Location(tmp_path / "_brand.yml", 4, 5),
                                           Location(tmp_path / "_brand.yml", 5, 5)]
    assert roles[0].message == (
        "color.palette.primary names a palette colour, not the theme's primary colour, so the "
        "handouts use the default primary #1F5C99; move primary: up one level, beside "
        "palette:, or rename the palette colour (such as brand-primary) and add 'primary: "
        "brand-primary' under color:")


@pytest.mark.parametrize("text", [
    "color:\n  palette:\n    brand-primary: '#7A1F3D'\n  primary: brand-primary\n",
    "color:\n  palette:\n    primary: '#7A1F3D'\n  primary: navy\n",
    "color:\n  palette:\n    river: '#7A1F3D'\n  primary: river\n",
])
def test_no_warning_when_the_role_is_written_beside_the_palette(tmp_path: Path,
                                                                 text: str) -> None:
    assert brand(tmp_path, text).warnings == ()
