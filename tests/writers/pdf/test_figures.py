"""Bundled icons as PDF figures: vectors in the colour asked for, tagged like a picture."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from handouts.brand.svgdraw import svg_fonts
from handouts.fonts.families import builtin_fonts
from handouts.writers.pdf.figures import VectorPicture, drawn_form, icon


def _shapes(node: object) -> list[object]:
    found = [node]
    for child in getattr(node, "contents", []):
        found += _shapes(child)
    return found


def test_an_icon_is_drawn_square_in_the_colour_asked_for() -> None:
    fonts = svg_fonts([builtin_fonts()])
    drawn = icon("heart", 24, "#7A1F3D", fonts)
    assert (drawn.width, drawn.height) == (24, 24)
    fills = {s.fillColor.hexval() for s in _shapes(drawn.drawing)  # type: ignore[attr-defined]
             if getattr(s, "fillColor", None) is not None}
    assert fills == {"0x7a1f3d"}
    out = io.BytesIO()
    canvas = Canvas(out)
    drawn.drawOn(canvas, 10, 10)
    canvas.save()
    assert b"%PDF" in out.getvalue()
    assert icon("heart", 24, "#7A1F3D", fonts).drawing is drawn.drawing  # parsed once


def test_an_icon_not_bundled_is_a_key_error() -> None:
    with pytest.raises(KeyError):
        icon("no-such-icon", 24, "#000000", svg_fonts([builtin_fonts()]))


def _pdf(*placements: tuple[object, float, float]) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=(200, 200), invariant=1)
    for flowable, x, y in placements:
        flowable.drawOn(canvas, x, y)  # type: ignore[attr-defined]
    canvas.save()
    return out.getvalue()


def _pixels(pdf: bytes) -> bytes:
    import pypdfium2

    page = pypdfium2.PdfDocument(pdf)[0]
    return bytes(page.render(scale=2).to_pil().convert("RGB").tobytes())


class _Direct(VectorPicture):
    """A vector picture walked by renderPDF into the page itself, as before forms."""

    def draw(self) -> None:
        from reportlab.graphics import renderPDF

        self.canv.saveState()
        self.canv.scale(self.scale, self.scale)
        renderPDF.draw(self.drawing, self.canv, 0, 0)
        self.canv.restoreState()


def test_a_drawing_becomes_one_form_that_every_document_places() -> None:
    fonts = svg_fonts([builtin_fonts()])
    heart = icon("heart", 48, "#7A1F3D", fonts)
    twice = _pdf((heart, 10, 10), (icon("heart", 24, "#7A1F3D", fonts), 100, 100))
    assert twice.count(b"/Subtype /Form") == 1  # one stream, placed twice
    again = _pdf((heart, 10, 10))
    assert again.count(b"/Subtype /Form") == 1
    assert drawn_form(heart.drawing) is drawn_form(heart.drawing)

    direct = _pdf((_Direct(heart.drawing, 48), 10, 10))
    assert b"/Subtype /Form" not in direct
    assert _pixels(again) == _pixels(direct)


def test_every_bundled_icon_drawn_from_its_form_looks_as_drawn_into_the_page() -> None:
    from handouts.icons.catalogue import bundled

    fonts = svg_fonts([builtin_fonts()])

    names = bundled().names
    assert len(names) >= 20
    for name in names:
        drawn = icon(name, 60, "#1B5E7A", fonts)
        assert drawn_form(drawn.drawing) is not None, name  # no icon needs a resource
        assert _pixels(_pdf((drawn, 20, 20))) == \
            _pixels(_pdf((_Direct(drawn.drawing, 60), 20, 20))), name


def test_drawings_as_inkscape_and_illustrator_save_them_look_the_same_from_a_form() -> None:
    import re

    from handouts.brand.svgdraw import svg_drawing
    from tests.brand.test_svgdraw import ILLUSTRATOR, INKSCAPE

    def shapes(saved: bytes) -> object:  # their shapes alone: text names a font
        return svg_drawing(re.sub(rb"<text.*?</text>", b"", saved, flags=re.DOTALL),
                           svg_fonts([builtin_fonts()]))

    classes = shapes(ILLUSTRATOR)  # CSS classes, a stroked path, a circle
    assert drawn_form(classes) is not None
    assert _pixels(_pdf((VectorPicture(classes, 150), 20, 20))) == \
        _pixels(_pdf((_Direct(classes, 150), 20, 20)))
    gradient = shapes(INKSCAPE)  # a gradient is a shading: a resource of one document
    assert drawn_form(gradient) is None
    assert b"/Subtype /Form" not in _pdf((VectorPicture(gradient, 150), 20, 20))


def test_a_drawing_that_names_a_resource_is_drawn_into_each_page() -> None:
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    regular = builtin_fonts().regular
    pdfmetrics.registerFont(TTFont("FigureTestRegular", str(regular)))
    drawing = Drawing(100, 40)
    drawing.add(Rect(0, 0, 100, 40, fillColor=None, strokeColor=None))
    drawing.add(String(5, 15, "Step 1", fontName="FigureTestRegular", fontSize=12))
    assert drawn_form(drawing) is None  # its font belongs to one document
    made = _pdf((VectorPicture(drawing, 100), 10, 10))
    assert b"/Subtype /Form" not in made
    import pypdfium2

    assert "Step 1" in pypdfium2.PdfDocument(made)[0].get_textpage().get_text_range()


def test_a_drawing_with_nothing_to_draw_is_placed_as_an_empty_form() -> None:
    from handouts.brand.svgdraw import svg_drawing

    empty = svg_drawing(b'<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" '
                        b'viewBox="0 0 300 100"><title>Logo</title></svg>',
                        svg_fonts([builtin_fonts()]))
    assert empty.getBounds() is None
    assert b"/Subtype /Form" in _pdf((VectorPicture(empty, 120), 20, 20))

