"""Icons beside text and figures with captions in print: where an icon sits, what it is in
the structure (decoration), the colour it takes, and a figure's size, tags, caption, whole
placement and resolution warning."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path
from typing import Any

import pytest
from PIL import Image
from reportlab.platypus import Flowable

from handouts.colours import Palette, contrast
from handouts.contrast import NON_TEXT
from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.fonts.families import builtin_fonts
from handouts.icons.catalogue import icon_colour
from handouts.writers.pdf import inks, pictures
from handouts.writers.pdf.output import Overflow, draw
from handouts.writers.pdf.styles import Styles
from handouts.writers.pdf.theme import Theme
from tests.helpers import need

TALL_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="100" height="400" '
            'viewBox="0 0 100 400"><rect width="100" height="400" fill="#1B5E7A"/></svg>')
WIDE_SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="100" '
            'viewBox="0 0 400 100"><rect width="400" height="100" fill="#1B5E7A"/></svg>')


def runs(text: str) -> L.Inline:
    return (L.Run(text),)


class Recorded(Flowable):  # type: ignore[misc]
    """A flowable `height` points high that records where it is drawn."""

    def __init__(self, height: float, leading: float = 0.0) -> None:
        super().__init__()
        self.height, self.at = height, (0.0, 0.0)
        self.style = type("S", (), {"leading": leading, "keepWithNext": 0})()

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        return (available_width, self.height)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        self.at = (x, y)


def test_an_icon_sits_centred_on_the_first_line_of_its_text() -> None:
    text, icon = Recorded(45.0, leading=15.0), Recorded(18.0)
    row = pictures.IconRow(icon, text, 24.0, 15.0)
    _, height = row.wrap(200, 500)
    assert height == pytest.approx(45.0 + 1.5)  # the icon reaches 1.5 pt above the text
    row.drawOn(None, 10.0, 100.0)
    top = 100.0 + height
    assert text.at == (34.0, pytest.approx(top - 1.5 - 45.0))  # set in past the icon
    first_line_middle = top - 1.5 - 7.5
    assert icon.at[0] == 10.0
    assert icon.at[1] + 9.0 == pytest.approx(first_line_middle)


@pytest.mark.parametrize("palette", [Palette(), Palette(primary="#F2C94C", secondary="#FFF4CC"),
                                     Palette(primary="#1B5E7A", secondary="#1B5E7A")])
@pytest.mark.parametrize("ground", ["page", "box"])
def test_an_icon_stands_out_three_to_one_from_what_is_behind_it(palette: Palette,
                                                               ground: str) -> None:
    behind = inks.ground(palette, ground)[0]
    drawn = pictures.icon("heart", 16, palette, ground)
    fills = {s.fillColor.hexval()[2:].upper() for s in _shapes(drawn.drawing)
             if getattr(s, "fillColor", None) is not None}
    assert fills == {icon_colour(palette, behind).lstrip("#").upper()}
    assert contrast(icon_colour(palette, behind), behind) >= NON_TEXT


def _shapes(node: object) -> list[Any]:
    found = [node]
    for child in getattr(node, "contents", []):
        found += _shapes(child)
    return found


def theme(root: Path) -> Theme:
    return Theme(builtin_fonts(), assets_roots=(root,))


def structure(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf)
    return subprocess.run([need("pdfinfo"), "-struct-text", str(path)], capture_output=True,
                          text=True, check=True).stdout


def test_icons_are_decoration_and_stand_in_for_bullets(tmp_path: Path) -> None:
    page = L.Page("p", (L.Panel("a", (
        L.Heading(2, runs("Medicines"), "pill"),
        L.ListBlock(((L.Paragraph(runs("Call us")),), (L.Paragraph(runs("Rest")),)),
                    icons=("phone", "sleep")),
        L.ListBlock(((L.Paragraph(runs("Ask")),), (L.Paragraph(runs("Tell")),)), True,
                    ("question", "")))),))
    out = draw(L.Document("flyer", "T", "en", (page,)), theme(tmp_path))
    assert out.data.count(b"/S /Figure") == 0  # icons beside text are artifacts
    assert out.data.count(b"/S /LI") == 4
    assert out.data.count(b"/S /Lbl") == 2  # the numbers; the icons stand in for bullets
    tree = structure(out.data, tmp_path)
    assert "Medicines" in tree and "Call us" in tree and "\u2022" not in tree


def svg(root: Path, name: str, text: str) -> str:
    (root / name).write_text(text, encoding="utf-8")
    return name


def test_a_figure_is_tagged_with_its_alt_text_and_captioned(tmp_path: Path) -> None:
    figure = L.Figure(svg(tmp_path, "wide.svg", WIDE_SVG), "A wide teal band",
                      runs("What the band shows"), runs("Drawn by the clinic"))
    page = L.Page("p", (L.Panel("a", (L.Paragraph(runs("Before")), figure)),))
    out = draw(L.Document("flyer", "T", "en", (page,)), theme(tmp_path))
    assert out.data.count(b"/S /Figure") == 1
    assert b"/Alt (A wide teal band)" in out.data
    tree = structure(out.data, tmp_path)
    assert tree.index("Before") < tree.index("What the band shows") \
        < tree.index("Drawn by the clinic")
    assert not out.warnings
    # captions and credits are in the caption style: the grey of small print, body size
    st = Styles(theme(tmp_path))
    assert st.caption.textColor.hexval() == "0x" + inks.GREY.lstrip("#").lower()
    assert st.caption.fontSize == st.size


def test_a_figure_is_as_wide_as_its_column_and_never_too_tall(tmp_path: Path) -> None:
    roots, families = (tmp_path,), (builtin_fonts(),)
    wide, notes = pictures.figure_picture(svg(tmp_path, "w.svg", WIDE_SVG), 200, "letter",
                                          roots, families)
    assert (wide.width, wide.height) == (pytest.approx(200), pytest.approx(50)) and not notes
    tall, _ = pictures.figure_picture(svg(tmp_path, "t.svg", TALL_SVG), 300, "letter",
                                      roots, families)
    assert tall.height == pytest.approx(pictures.MAX_FIGURE_SHARE * 792)
    assert tall.width == pytest.approx(tall.height / 4)


def test_a_figure_taller_than_the_room_left_moves_on_whole(tmp_path: Path) -> None:
    filler = tuple(L.Paragraph(runs(f"Line {n} of text that fills the column.")) for n in
                   range(22))
    figure = L.Figure(svg(tmp_path, "w.svg", WIDE_SVG), "A band", runs("The caption"))
    page = L.Page("p", (L.Panel("a", (*filler, figure), overflow_next=True),
                        L.Panel("b", ())))
    out = draw(L.Document("flyer", "T", "en", (page,)), theme(tmp_path))
    path = tmp_path / "moved.pdf"
    path.write_bytes(out.data)
    bbox = subprocess.run([need("pdftotext"), "-bbox", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout
    caption_x = float(re.search(r'xMin="([\d.]+)"[^>]*>The</word>', bbox).group(1))  # type: ignore[union-attr]
    assert caption_x > 612 / 2  # in the right-hand column, under its picture
    # with nowhere to move on to, it is reported, never cut
    alone = L.Page("p", (L.Panel("a", (*filler, *filler, figure)),))
    with pytest.raises(Overflow):
        draw(L.Document("flyer", "T", "en", (alone,)), theme(tmp_path))


def png(root: Path, name: str, width: int) -> str:
    data = io.BytesIO()
    Image.new("RGB", (width, width // 2), "#1B5E7A").save(data, "PNG")
    (root / name).write_bytes(data.getvalue())
    return name


def test_a_photo_too_small_for_its_printed_size_is_named_in_a_warning(tmp_path: Path) -> None:
    roots, families = (tmp_path,), (builtin_fonts(),)
    _, notes = pictures.figure_picture(png(tmp_path, "small.png", 200), 216, "letter", roots,
                                       families)  # 3 in wide: 67 dpi
    [note] = notes
    assert isinstance(note, Diagnostic) and note.code == "low-resolution"
    assert "'small.png' is 200 pixels wide, 67 dpi" in note.message
    assert "at least 450 pixels wide" in note.message
    assert note.location is not None and note.location.path == tmp_path / "small.png"
    _, notes = pictures.figure_picture(png(tmp_path, "sharp.png", 450), 216, "letter", roots,
                                       families)
    assert notes == []


def test_a_photo_figure_is_drawn_at_its_pixels_and_its_warning_reaches_the_output(
        tmp_path: Path) -> None:
    figure = L.Figure(png(tmp_path, "photo.png", 120), "A teal photo", runs("A photo"))
    page = L.Page("p", (L.Panel("a", (figure,)),))
    out = draw(L.Document("flyer", "T", "en", (page,)), theme(tmp_path))
    assert b"/Alt (A teal photo)" in out.data and b"/Subtype /Image" in out.data
    assert [w.code for w in out.warnings] == ["low-resolution"]
