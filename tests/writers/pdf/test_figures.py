"""Bundled icons as PDF figures: vectors in the colour asked for, tagged like a picture."""

from __future__ import annotations

import io

import pytest
from reportlab.pdfgen.canvas import Canvas

from handouts.brand.svgdraw import svg_fonts
from handouts.fonts.families import builtin_fonts
from handouts.writers.pdf.figures import icon


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
