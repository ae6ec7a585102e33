"""A deck's first slide alone, drawn as a one-page PDF the slide's size: what the build
report rasterises for a deck's thumbnail (handouts.build.thumbnails), with no office
suite. It is a picture for the report, not an output, so it is not tagged.
"""

from __future__ import annotations

import io

from reportlab.pdfgen.canvas import Canvas

from handouts.brand.assets import ImageProblem
from handouts.document import model as L
from handouts.fonts.registry import register
from handouts.writers.contract import UnusablePicture, WriterError, WriterInputs
from handouts.writers.talkpdf.deck import deck
from handouts.writers.talkpdf.slide import draw_slide

__all__ = ["first_slide"]


def first_slide(doc: L.Document, inputs: WriterInputs) -> bytes:
    """The first slide of `doc`'s deck for a job's `inputs` as a PDF page of the slide's
    size; raises WriterError (contract.DoesNotFit where the deck would, UnusablePicture)
    if it cannot be drawn, or the document has no slide."""
    try:
        planned = deck(doc, inputs, first=True)
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None
    if not planned.slides:
        raise WriterError("the deck has no slides")
    italic = L.uses_italic(doc)
    faces = (register(inputs.fonts, italic),
             register(inputs.heading_fonts or inputs.fonts, italic))
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=planned.size, invariant=1, pageCompression=1)
    try:
        draw_slide(canvas, planned, planned.slides[0], 1, faces, 0.0, 0.0, 1.0)
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None
    canvas.showPage()
    canvas.save()
    return out.getvalue()
