"""Measuring text in a family's own faces."""

from __future__ import annotations

import shutil
from pathlib import Path

from reportlab.pdfbase import pdfmetrics

from handouts.fonts.families import Fonts, builtin_fonts
from handouts.fonts.metrics import measurer, width
from handouts.fonts.registry import register
from tests.helpers import DATA


def test_a_width_is_the_sum_of_the_advance_widths_at_the_size() -> None:
    fonts = builtin_fonts()
    face = pdfmetrics.getFont(register(fonts, italic=False).regular).face
    advances = sum(face.getCharWidth(ord(c)) for c in "Wash hands")
    assert measurer(fonts)("Wash hands", 12, False) == advances * 12 / 1000


def test_bold_is_measured_in_the_bold_face() -> None:
    fonts = builtin_fonts()
    measure = measurer(fonts)
    faces = register(fonts, italic=False)
    assert measure("Wash hands", 12, True) == width("Wash hands", faces.bold, 12)
    assert measure("Wash hands", 12, True) > measure("Wash hands", 12, False)


def test_two_families_in_files_of_one_name_are_measured_each_in_its_own(
        tmp_path: Path) -> None:
    measured = []
    for name, font in (("a", DATA / "fonts" / "LiberationSerif-Regular.ttf"),
                       ("b", builtin_fonts().regular)):
        path = tmp_path / name / "Body-Regular.ttf"
        path.parent.mkdir()
        shutil.copy(font, path)
        measured.append(measurer(Fonts(path, path, path, path))("Wash hands", 12, False))
    assert measured[0] != measured[1]
