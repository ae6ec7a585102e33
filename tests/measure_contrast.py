"""Measure the contrast of every text in finished outputs, as a reader meets it.

PDFs (pypdfium2): each text object's fill colour, size and font, and the colour behind it:
the topmost filled path drawn before it whose bounds hold the text's centre, else the
white paper. Decks: handouts.check.slidecontrast, which `make-handouts check --outputs`
runs too (each run's colour as PowerPoint finds it, on what is drawn behind it).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from handouts.check.slidecontrast import Seen, deck_texts, required

__all__ = ["Seen", "deck_texts", "pdf_texts", "required"]


def _hex(r: int, g: int, b: int) -> str:
    return f"#{r:02X}{g:02X}{b:02X}"


def _fill(obj: pdfium.PdfObject) -> str:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
    return _hex(r.value, g.value, b.value)


def _filled(obj: pdfium.PdfObject) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj.raw, mode, stroke)
    return mode.value != 0


def pdf_texts(data: bytes, name: str = "pdf") -> list[Seen]:
    """Every non-blank text object of a PDF with its colour and ground."""
    pdf = pdfium.PdfDocument(data)
    seen = []
    for number, page in enumerate(pdf, 1):
        textpage = page.get_textpage()
        fills: list[tuple[tuple[float, float, float, float], str]] = []
        for obj, bounds in _placed(page):
            if obj.type == raw.FPDF_PAGEOBJ_PATH and _filled(obj):
                fills.append((bounds, _fill(obj)))
            elif obj.type == raw.FPDF_PAGEOBJ_TEXT:
                left, bottom, right, top = bounds
                text = _text_of(obj, textpage)
                if not text.strip():
                    continue
                x, y = (left + right) / 2, (bottom + top) / 2
                ground = "#FFFFFF"
                for (x0, y0, x1, y1), colour in fills:  # later fills are drawn on top
                    if x0 <= x <= x1 and y0 <= y <= y1:
                        ground = colour
                size = ctypes.c_float()
                raw.FPDFTextObj_GetFontSize(obj.raw, size)
                matrix = obj.get_matrix()
                scale = (matrix.a ** 2 + matrix.b ** 2) ** 0.5 or 1.0
                seen.append(Seen(f"{name} page {number}", text, _fill(obj), ground,
                                 size.value * scale, "bold" in _font_name(obj).lower()))
    return seen


def _placed(page: pdfium.PdfPage, form: pdfium.PdfObject | None = None,
            outer: tuple[pdfium.PdfMatrix, ...] = ()
            ) -> Iterator[tuple[pdfium.PdfObject, tuple[float, float, float, float]]]:
    """Every object of the page in drawing order, those inside form XObjects (an icon or
    figure drawn once and placed) included, each with its bounds on the page: pdfium gives
    an object's bounds in the space of the form holding it."""
    for obj in page.get_objects(max_depth=0, form=form):
        bounds = obj.get_bounds()
        for matrix in outer:  # innermost form first
            bounds = matrix.on_rect(*bounds)
        yield obj, bounds
        if obj.type == raw.FPDF_PAGEOBJ_FORM:
            yield from _placed(page, obj, (obj.get_matrix(), *outer))


def _text_of(obj: pdfium.PdfObject, textpage: pdfium.PdfTextPage) -> str:
    n = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = ctypes.create_string_buffer(n)
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw,
                            ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), n)
    return buffer.raw[:max(0, n - 2)].decode("utf-16-le", errors="replace")


def _font_name(obj: pdfium.PdfObject) -> str:
    font = raw.FPDFTextObj_GetFont(obj.raw)
    n = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(n)
    raw.FPDFFont_GetBaseFontName(font, buffer, n)
    return buffer.value.decode("latin-1")
