"""Families registered with reportlab under names made from their bytes.

reportlab's registry lasts as long as the process, so each test that needs a family no
other test has registered makes font files of its own bytes (a real font with a few
unique bytes after its tables, which readers ignore)."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

from reportlab.lib.fonts import tt2ps
from reportlab.pdfbase import pdfmetrics

from handouts.fonts.families import Fonts
from handouts.fonts.registry import PREFIX, register
from tests.helpers import DATA, ROOT

LIBERATION = DATA / "fonts" / "LiberationSerif-Regular.ttf"
LIBERATION_BOLD = DATA / "fonts" / "LiberationSerif-Bold.ttf"
NOTO = ROOT / "handouts" / "fonts" / "NotoSans-Regular.ttf"


def unique_copy(font: Path, dest: Path) -> Path:
    """`font` with bytes no other file has, at `dest`."""
    dest.parent.mkdir(parents=True, exist_ok=True)
    dest.write_bytes(font.read_bytes() + uuid.uuid4().bytes)
    return dest


def one_file(path: Path) -> Fonts:
    return Fonts(path, path, path, path)


def ours() -> set[str]:
    return {n for n in pdfmetrics.getRegisteredFontNames() if n.startswith(PREFIX)}


def postscript_name(face: str) -> str:
    """The PostScript name in the font file registered as `face`."""
    name: bytes = pdfmetrics.getFont(face).face.name
    return name.decode()


def test_the_name_is_made_from_the_content() -> None:
    faces = register(Fonts(LIBERATION, LIBERATION_BOLD, LIBERATION, LIBERATION_BOLD))
    assert re.fullmatch(PREFIX + "[0-9a-f]{64}", faces.family)
    assert (faces.regular, faces.bold, faces.italic, faces.bold_italic) == (
        faces.family, faces.family + "-Bold", faces.family + "-Italic",
        faces.family + "-BoldItalic")


def test_the_same_bytes_under_other_file_names_register_once(tmp_path: Path) -> None:
    first = unique_copy(LIBERATION, tmp_path / "one" / "Body-Regular.ttf")
    second = tmp_path / "two" / "Serif.ttf"
    second.parent.mkdir()
    second.write_bytes(first.read_bytes())
    faces = register(one_file(first))
    registered = ours()
    assert register(one_file(second)) == faces
    assert ours() == registered


def test_different_bytes_under_the_same_file_name_never_share_a_name(tmp_path: Path) -> None:
    serif = unique_copy(LIBERATION, tmp_path / "a" / "Body-Regular.ttf")
    sans = unique_copy(NOTO, tmp_path / "b" / "Body-Regular.ttf")
    a, b = register(one_file(serif)), register(one_file(sans))
    assert a.family != b.family
    assert postscript_name(a.regular) == "LiberationSerif"
    assert postscript_name(b.regular) == "NotoSans-Regular"


def test_a_file_given_other_bytes_is_registered_anew(tmp_path: Path) -> None:
    path = unique_copy(LIBERATION, tmp_path / "Body-Regular.ttf")
    before = register(one_file(path))
    unique_copy(NOTO, path)
    after = register(one_file(path))
    assert after.family != before.family
    assert postscript_name(after.regular) == "NotoSans-Regular"


def test_families_sharing_a_regular_face_keep_their_own_bold(tmp_path: Path) -> None:
    """reportlab finds a paragraph's <b> face through the family of its font's name."""
    regular = unique_copy(LIBERATION, tmp_path / "Body-Regular.ttf")
    serif_bold = unique_copy(LIBERATION_BOLD, tmp_path / "a" / "Body-Bold.ttf")
    sans_bold = unique_copy(NOTO, tmp_path / "b" / "Body-Bold.ttf")
    a = register(Fonts(regular, serif_bold, regular, serif_bold))
    b = register(Fonts(regular, sans_bold, regular, sans_bold))
    assert a.regular != b.regular
    assert postscript_name(tt2ps(a.family, 1, 0)) == "LiberationSerif-Bold"
    assert postscript_name(tt2ps(b.family, 1, 0)) == "NotoSans-Regular"


def test_italic_faces_are_registered_only_when_asked_for(tmp_path: Path) -> None:
    path = unique_copy(LIBERATION, tmp_path / "Body-Regular.ttf")
    upright = register(one_file(path), italic=False)
    assert {upright.regular, upright.bold} <= ours()
    assert not {upright.italic, upright.bold_italic} & ours()
    assert register(one_file(path)) == upright
    assert {upright.italic, upright.bold_italic} <= ours()
