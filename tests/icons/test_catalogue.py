"""The bundled icons: the set, its licence, each icon safe and drawable in one colour, and
the colour chosen to stand out 3:1 from what is behind it."""

from __future__ import annotations

import re
from importlib import resources

from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.brand.svg import checked
from handouts.brand.svgdraw import svg_drawing, svg_fonts
from handouts.colours import Palette, contrast
from handouts.contrast import NON_TEXT
from handouts.fonts.families import builtin_fonts
from handouts.icons.catalogue import bundled, coloured, icon_colour, icon_svg

WANTED = ("medicines", "pills", "syringe", "phone", "doctor", "nurse", "hospital",
          "pregnancy", "heart", "lungs", "brain", "warning", "calendar", "appointment",
          "water", "food", "exercise", "sleep", "family", "alcohol", "smoking",
          "mental-health", "emergency")


def test_at_least_80_icons_each_named_once_and_described() -> None:
    icons = bundled()
    assert len(icons.icons) >= 80
    assert len(set(icons.names)) == len(icons.names)
    assert all(re.fullmatch(r"[a-z][a-z0-9]*(-[a-z0-9]+)*", name) for name in icons.names)
    assert all(icon.shows.strip() for icon in icons.icons)
    assert set(WANTED) <= set(icons.names)
    assert icons.get("heart") is not None and icons.get("no-such-icon") is None


def test_the_set_ships_its_mit_licence_and_its_version() -> None:
    licence = (resources.files("handouts.icons") / "LICENSE").read_text("utf-8")
    assert "MIT License" in licence and "Resolve to Save Lives" in licence
    assert bundled().licence == "MIT" and re.fullmatch(r"\d+\.\d+\.\d+", bundled().version)
    files = {p.name for p in (resources.files("handouts.icons") / "svg").iterdir()}
    assert files == {f"{name}.svg" for name in bundled().names}  # none unlisted


def test_every_icon_passes_the_one_reader_and_is_drawn_in_one_colour() -> None:
    fonts = svg_fonts([builtin_fonts()])
    for name in bundled().names:
        data = icon_svg(name)
        found = checked(data)
        assert (found.width, found.height) == (48, 48), name
        assert b"currentColor" in data, name
        drawn = coloured(data, "#7A1F3D")
        # no colour of its own is left: only the one asked for, or none
        assert set(re.findall(rb'(?:fill|stroke)="([^"]*)"', drawn)) <= {b"#7A1F3D", b"none"}
        assert svg_drawing(drawn, fonts).width > 0


def test_an_icon_is_read_once() -> None:
    assert icon_svg("heart") is icon_svg("heart")


HEX = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")


@settings(max_examples=200, deadline=None)
@given(primary=HEX, background=HEX, foreground=HEX, ground=st.one_of(st.none(), HEX))
def test_the_icon_colour_contrasts_at_least_3_to_1(primary: str, background: str,
                                                  foreground: str, ground: str | None) -> None:
    palette = Palette(primary=primary, background=background, foreground=foreground)
    colour = icon_colour(palette, ground)
    assert contrast(colour, ground or background) >= NON_TEXT
    if contrast(primary, ground or background) >= NON_TEXT:
        assert colour == primary  # the brand's own colour whenever it is visible enough
