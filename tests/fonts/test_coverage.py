"""Which characters a family cannot draw."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from handouts.fonts.coverage import cannot_draw
from handouts.fonts.families import Fonts, builtin_fonts
from tests.helpers import DATA


def test_characters_without_a_glyph_are_listed_once_in_code_point_order() -> None:
    chars = "Wash hands\u00e9\u2022 \u8a3a\U0001F9FC\u8a3a"
    assert cannot_draw(chars, builtin_fonts()) == ["\u8a3a", "\U0001F9FC"]


def test_line_breaks_and_tabs_need_no_glyph() -> None:
    assert cannot_draw({"\n", "\r", "\t", "a"}, builtin_fonts()) == []


def test_each_family_is_checked_against_its_own_file() -> None:
    serif = DATA / "fonts" / "LiberationSerif-Regular.ttf"
    liberation = Fonts(serif, serif, serif, serif)
    heta, accent = "\u0370", "\u0591"  # Greek capital heta; a Hebrew accent (etnahta)
    assert cannot_draw({heta, accent}, builtin_fonts()) == [accent]
    assert cannot_draw({heta, accent}, liberation) == [heta]


SPANISH = "¿¡ñÑÁÉÍÓÚÜáéíóúü"
"""What Spanish text needs beyond ASCII: opening marks, eñe, accented and dieresis
letters, capitals too."""

SYSTEM_FAMILIES = {
    "dejavu-sans": (Path("/usr/share/fonts/truetype/dejavu"),
                    ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
                     "DejaVuSans-BoldOblique.ttf"), "fonts-dejavu-core"),
    "liberation-sans": (Path("/usr/share/fonts/truetype/liberation2"),
                        ("LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf",
                         "LiberationSans-Italic.ttf", "LiberationSans-BoldItalic.ttf"),
                        "fonts-liberation2"),
}
"""Debian's DejaVu and Liberation families: the fonts a clinic most often names."""


def _system_faces(name: str) -> list[Path]:
    """The faces of a system family; skips the test without them (fails in CI)."""
    folder, files, package = SYSTEM_FAMILIES[name]
    paths = [folder / f for f in files]
    if not all(p.is_file() for p in paths):
        message = f"{name} is not installed (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return paths


@pytest.mark.parametrize("family", ["noto-sans", *SYSTEM_FAMILIES])
def test_every_face_of_the_bundled_and_common_families_draws_spanish(family: str) -> None:
    builtin = builtin_fonts()
    faces = list(builtin.files) if family == "noto-sans" else _system_faces(family)
    assert len(faces) == 4
    for face in faces:  # each face as a family of its own, so each is checked
        assert cannot_draw(SPANISH, Fonts(face, face, face, face)) == [], face


def subset_without(source: Path, dest: Path, missing: str) -> Path:
    """`source` cut down with fontTools to Basic Latin and Latin-1 less `missing`, named
    after `dest`'s stem (reportlab takes two files of one PostScript name for one font)."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    font = TTFont(source)
    cutter = subset.Subsetter(subset.Options())
    cutter.populate(unicodes=[cp for cp in range(0x20, 0x100) if chr(cp) not in missing])
    cutter.subset(font)
    for record in font["name"].names:
        if record.nameID in (1, 3, 4, 6):
            record.string = dest.stem
    font.save(dest)
    return dest


def test_a_face_without_the_spanish_letters_cannot_draw_them(tmp_path: Path) -> None:
    builtin = builtin_fonts()
    cut = subset_without(builtin.regular, tmp_path / "Cut.ttf", SPANISH)
    assert cannot_draw("¿Qué tal?", Fonts(cut, cut, cut, cut)) == ["¿", "é"]
    assert cannot_draw(SPANISH + "abc", Fonts(cut, cut, cut, cut)) == sorted(SPANISH)


def test_a_bold_face_without_a_letter_is_found_too(tmp_path: Path) -> None:
    """Headings and labels are set in bold: a bold face without 'ñ' drew nothing there
    while the regular face passed the check."""
    builtin = builtin_fonts()
    bold = subset_without(builtin.bold, tmp_path / "CutBold.ttf", "ñÑ")
    fonts = Fonts(builtin.regular, bold, builtin.italic, builtin.bold_italic)
    assert cannot_draw("Año Ñandú á", fonts) == ["Ñ", "ñ"]
