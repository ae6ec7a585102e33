"""SVG pictures (logos, icons, content pictures) drawn as vectors in PDFs.

Each SVG passes the one reader every SVG passes (handouts.brand.svg.checked: size caps, no
outside references, no scripts, no external entities), and what it found safe, the very
bytes, is converted by svglib (LGPL-3.0) into a reportlab Drawing. svglib draws less of
SVG than resvg does: a picture using what it leaves out (filters, masks, patterns,
markers, text on a path), or that svglib logs a problem with or fails on, is refused with
VectorProblem, and the caller draws it as resvg's PNG instead, saying so.

Text in an SVG is drawn in the fonts the caller gives (the bundled Noto Sans and the
brand's families), found by family or PostScript name, never in fonts found on the
machine; a family not given is drawn in the first family given, as resvg does.
"""

from __future__ import annotations

import functools
import io
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from handouts.brand.svg import checked
from handouts.fonts.families import Fonts

UNDRAWN = frozenset({"filter", "mask", "pattern", "marker", "textPath"})
"""SVG elements svglib leaves out (a picture holding one is drawn by resvg instead)."""


class VectorProblem(Exception):
    """An SVG, safe to use, that svglib cannot draw as it should be; the message completes
    a sentence that names it ("cannot be drawn as vectors (...)")."""


@dataclass(frozen=True)
class SvgFonts:
    """The reportlab fonts (registered names) an SVG's text is drawn in."""

    named: tuple[tuple[str, bool, str], ...]
    """(a family or PostScript name in lower case, bold, registered face name)."""
    regular: str
    """The face drawn for a family not named, and for generic families (sans-serif)."""
    bold: str


def svg_fonts(families: Sequence[Fonts]) -> SvgFonts:
    """The faces of `families` (the first stands in for families not given), registered
    with reportlab (handouts.fonts.registry) under their family and PostScript names;
    italic text is drawn upright. Raises OSError or TTFError as registry.register does."""
    from reportlab.pdfbase import pdfmetrics

    from handouts.fonts.registry import register

    named: list[tuple[str, bool, str]] = []
    faces = [register(fonts, italic=False) for fonts in families]
    for family in faces:
        for name, bold in ((family.regular, False), (family.bold, True)):
            face = pdfmetrics.getFont(name).face
            for key in (face.familyName, face.name):
                text = key.decode("latin-1") if isinstance(key, bytes) else str(key)
                named.append((text.lower(), bold, name))
    return SvgFonts(tuple(named), faces[0].regular, faces[0].bold)


@functools.lru_cache(maxsize=64)
def svg_drawing(data: bytes, fonts: SvgFonts) -> Any:
    """An SVG file's bytes as a reportlab Drawing (its size in px at 96 dpi, as points
    are to be scaled by the caller), once every check of svg.checked passed. Remembered by
    content and fonts: every output draws the logo again, a sheet or page the same icon
    many times. The Drawing is shared: never change it.
    Raises ImageProblem (a check failed) or VectorProblem (svglib cannot draw it)."""
    found = checked(data)
    left_out = sorted(found.elements & UNDRAWN)
    if left_out:
        raise VectorProblem(f"cannot be drawn as vectors (it uses <{left_out[0]}>)")
    return _converted(found.plain, fonts)


class _FontMap:
    """svglib's font map, asked only for the fonts given (svglib's own would look for
    font files on the machine)."""

    def __init__(self, fonts: SvgFonts) -> None:
        self.fonts = fonts
        self.by_name = {(name, bold): face for name, bold, face in reversed(fonts.named)}

    def find_font(self, font_name: str, weight: str = "normal",
                  style: str = "normal") -> tuple[str, bool]:
        text = str(weight).strip().lower()
        bold = text in ("bold", "bolder") or (text.isdigit() and int(text) >= 600)
        face = self.by_name.get((font_name.strip().strip("'\"").lower(), bold))
        if face is not None:
            return face, True
        return (self.fonts.bold if bold else self.fonts.regular), False


class _Collected(logging.Handler):
    """svglib's warnings and errors logged by this thread while it converts."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.messages.append(record.getMessage())


def _converted(plain: bytes, fonts: SvgFonts) -> Any:
    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas
    from svglib.svglib import SvgRenderer, load_svg_file

    logger = logging.getLogger("svglib")
    collected = _Collected()
    logger.addHandler(collected)
    try:
        root = load_svg_file(io.BytesIO(plain))
        drawing = None if root is None else \
            SvgRenderer(io.BytesIO(plain), font_map=_FontMap(fonts)).render(root)
        if drawing is not None:
            # reportlab's renderer sets the drawing's initial font before anything is
            # drawn; its default, an unembedded Helvetica, would be named in the PDF
            drawing.initialFontName = fonts.regular
            # drawn once here, on a canvas thrown away, so that what fails only when
            # drawn fails now, with a fallback, rather than in the middle of a writer
            renderPDF.draw(drawing, Canvas(io.BytesIO()), 0, 0)
    # svglib and reportlab's renderer are a third party's code on a file already found
    # safe: any failure of theirs means only that this picture is drawn as PNG instead
    except Exception as exc:
        raise VectorProblem(f"cannot be drawn as vectors ({type(exc).__name__}: "
                            f"{exc})") from None
    finally:
        logger.removeHandler(collected)
    if collected.messages:
        raise VectorProblem(f"cannot be drawn as vectors ({collected.messages[0]})")
    if drawing is None or not (drawing.width > 0 and drawing.height > 0):
        raise VectorProblem("cannot be drawn as vectors (svglib read no drawing)")
    return drawing
