"""Measuring text in a family's faces: the widths both writers' planners fit text by.

Widths come from the TrueType files' own advance widths (reportlab's font metrics), so a
slide is planned with the same numbers as a printed page. Measuring registers the upright
faces (handouts.fonts.registry) and nothing more.
"""

from __future__ import annotations

from collections.abc import Callable

from handouts.fonts.families import Fonts
from handouts.fonts.registry import register

Measure = Callable[[str, float, bool], float]
"""The width (points) of a text at a size (points), bold or not."""


def width(text: str, face: str, size: float) -> float:
    """The width (points) of `text` set in the registered face named `face` at `size`
    points (kerning is not applied, as neither writer applies it)."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return float(stringWidth(text, face, size))


def measurer(fonts: Fonts) -> Measure:
    """A Measure for upright text in the family's regular and bold faces; raises OSError
    if a file cannot be read."""
    faces = register(fonts, italic=False)

    def measure(text: str, size: float, bold: bool) -> float:
        return width(text, faces.bold if bold else faces.regular, size)

    return measure
