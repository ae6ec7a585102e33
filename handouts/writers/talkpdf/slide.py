"""One planned slide drawn with reportlab, as the PowerPoint writer draws it
(handouts.writers.pptx.output): every shape at the box the plan gives it, in the deck's
fonts and colours, scaled onto a printed page.

The slide's own coordinates (points, y down from its top) are mapped onto the page by a
translation and a scale, so the plan's boxes are used as they are. Drawing chooses nothing
the PowerPoint writer does not: the text colours come from handouts.writers.pptx.inks, and
on a clinic template a title or subtitle sits where its layout puts it. The caller marks
what is drawn (a slide printed small is one Figure). `first_slide` draws a deck's first
slide alone on a page of its size: the build report rasterises it for the deck's thumbnail
(handouts.build.thumbnails), with no office suite; a picture for the report, not tagged.
"""

from __future__ import annotations

import io
from typing import Any

from reportlab.lib import colors
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

from handouts import qr
from handouts.brand.assets import ImageProblem
from handouts.brand.svgdraw import svg_fonts
from handouts.colours import WHITE
from handouts.document import model as L
from handouts.fonts.families import builtin_fonts
from handouts.fonts.registry import FaceNames, register
from handouts.icons.catalogue import icon_colour
from handouts.writers.contract import UnusablePicture, WriterError, WriterInputs
from handouts.writers.pdf import figures
from handouts.writers.pptx import plan as slideplan
from handouts.writers.pptx.icons import figure_image
from handouts.writers.pptx.plan import Box, PlannedSlide
from handouts.writers.pptx.slides import cell_item, layout_of
from handouts.writers.talkpdf.deck import Deck, deck, to_fill
from handouts.writers.talkpdf.text import Line, draw_lines, no_links

__all__ = ["Faces", "draw_slide", "first_slide"]

Faces = tuple[FaceNames, FaceNames]
"""The body's and the headings' registered faces."""


def draw_slide(canvas: Any, deck: Deck, slide: PlannedSlide, number: int, faces: Faces,
               x: float, y: float, scale: float) -> None:
    """Draw slide `number` (from 1) of `deck` with its bottom left corner at (x, y) on
    the page, `scale` times its size, with a thin grey frame around it."""
    width, height = deck.size
    canvas.saveState()
    canvas.translate(x, y)
    canvas.scale(scale, scale)
    theme = deck.theme
    ground = theme.ground
    canvas.setFillColor(colors.HexColor(ground))
    canvas.rect(0, 0, width, height, stroke=0, fill=1)
    with no_links(canvas):
        _Drawing(canvas, deck, slide, faces).draw()
        muted = deck.inks("muted", "slide", slideplan.NUMBER_SIZE)
        box = slide.boxes.number
        draw_lines(canvas, [Line((L.Run(str(number)),), slideplan.NUMBER_SIZE, muted,
                                 align="right")], box, faces[0], height)
    canvas.restoreState()
    canvas.setStrokeColor(colors.HexColor("#8C8C8C"))
    canvas.setLineWidth(0.75)
    canvas.rect(x, y, width * scale, height * scale, stroke=1, fill=0)


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


class _Drawing:
    """The drawing of one slide's shapes (output._draw's counterpart)."""

    def __init__(self, canvas: Any, deck: Deck, slide: PlannedSlide, faces: Faces) -> None:
        self.canvas, self.deck, self.slide, self.faces = canvas, deck, slide, faces
        self.height = deck.size[1]
        self.layout = deck.layouts.get(layout_of(slide))
        self.styled = deck.theme.styled

    def ink(self, role: str, ground: str, size: float, bold: bool = False) -> str:
        return self.deck.inks(role, ground, size, bold)

    def text(self, lines: list[Line], box: Box | None, anchor: str = "top",
             inset: float = 0.0, heading: bool = False) -> None:
        if box is not None and lines:
            draw_lines(self.canvas, lines, box, self.faces[1 if heading else 0], self.height,
                       anchor, inset)

    def rect(self, box: Box, fill: str, stroke: str | None = None, width: float = 0.0) -> None:
        c = self.canvas
        c.setFillColor(colors.HexColor(fill))
        if stroke is not None:
            c.setStrokeColor(colors.HexColor(stroke))
            c.setLineWidth(width)
        c.rect(box.x, self.height - box.y - box.height, box.width, box.height,
               stroke=1 if stroke else 0, fill=1)

    def title_lines(self, role: str, ground: str, shape: Any) -> list[Line]:
        """The kicker (if any) and the title, in the colour of `role` on `ground` (on a
        template's placeholder `shape`, the colour the deck keeps or writes)."""
        slide = self.slide

        def colour(size: float) -> str:
            if self.layout is None or shape is None:
                return self.ink(role, ground, size, True)
            return self.deck.colour(self.layout, shape, "title", size, True)

        kicker = slideplan.KICKER_SIZE
        lines = [Line((L.Run(slide.kicker),), kicker, colour(kicker), bold=True)] \
            if slide.kicker else []
        return [*lines, Line(slide.title, slide.title_size, colour(slide.title_size),
                             bold=True)]

    def draw(self) -> None:
        slide, boxes = self.slide, self.slide.boxes
        layout = self.layout
        if slide.kind in ("title", "section"):
            title_box = boxes.title or (layout.title if layout else None)
            if self.styled and boxes.title is not None:
                self.rect(boxes.title, self.deck.theme.palette.primary)
            self.text(self.title_lines("band", "band", layout.title_shape if layout else None),
                      title_box, "middle" if self.styled else "top", boxes.title_inset, True)
            self._subtitle()
            size = slideplan.FIELD_SIZE
            self.text([Line((L.Run(to_fill(f)),), size, self.ink("muted", "slide", size))
                       for f in slide.fields], boxes.fields)
            self._picture()
            if boxes.clinic is not None:
                size = slideplan.CLINIC_SIZE
                self.text([Line(slide.items[0].runs, size,
                                self.ink("clinic", "slide", size, True), bold=True)],
                          boxes.clinic)
            self._icons()  # a section's icon
            return
        title_shape = layout.title_shape if layout else None
        self.text(self.title_lines("title", "slide", title_shape),
                  boxes.title or (layout.title if layout else None), "bottom", heading=True)
        if boxes.rule is not None:
            self.rect(boxes.rule, self.deck.theme.palette.primary)
        self._body()
        self._callouts()
        self._qr()
        self._picture()
        self._figure()
        self._icons()
        if boxes.foot is not None:
            size = slideplan.FOOT_SIZE
            self.text([Line(slide.foot, size, self.ink("muted", "slide", size))], boxes.foot)

    def _subtitle(self) -> None:
        slide, layout = self.slide, self.layout
        if not slide.subtitle:
            return
        size = self.deck.theme.body_size
        shape = layout.subtitle_shape if layout else None
        colour = self.ink("body", "slide", size) if layout is None or shape is None \
            else self.deck.colour(layout, shape, "subtitle", size)
        self.text([Line(slide.subtitle, size, colour)],
                  slide.boxes.subtitle or (layout.subtitle if layout else None))

    def _body(self) -> None:
        slide = self.slide
        size = self.deck.theme.body_size
        texts = [i for i in slide.items if i.style != "callout"]
        if slide.boxes.body is None or not texts:
            self._cells()
            return
        body, link = self._body_inks(size)
        bullet = self.ink("bullet", "slide", size)
        self.text([Line(item.runs, size, body, link, after=size * slide.gap, item=item,
                        bullet=bullet) for item in texts], slide.boxes.body)

    def _body_inks(self, size: float) -> tuple[str, str]:
        """The colours of body text and its links at `size` points: on a clinic
        template, its body placeholder's own, where they read."""
        layout = self.layout
        shape = layout.body_shape if layout else None
        if layout is None or shape is None:
            return self.ink("body", "slide", size), self.ink("link", "slide", size)
        return (self.deck.colour(layout, shape, "body", size),
                self.deck.colour(layout, shape, "body", size, link=True))

    def _cells(self) -> None:
        """Each text item in its own box, as handouts.writers.pptx.cells draws it."""
        slide = self.slide
        if not slide.boxes.cells:
            return
        size = self.deck.theme.body_size
        texts = [i for i in slide.items if i.style != "callout"]
        body, link = self._body_inks(size)
        bullet = self.ink("bullet", "slide", size)
        for item, box in zip(texts, slide.boxes.cells, strict=True):
            self.text([Line(item.runs, size, body, link, item=cell_item(slide, item),
                            bullet=bullet)], box)

    def _callouts(self) -> None:
        slide, palette = self.slide, self.deck.theme.palette
        size = self.deck.theme.body_size
        callouts = [i for i in slide.items if i.style == "callout"]
        pad = size * slideplan.CALLOUT_PAD
        for item, box in zip(callouts, slide.boxes.callouts, strict=True):
            self.rect(box, palette.secondary, palette.primary, 2.0)
            inner = Box(box.x + pad, box.y + pad, box.width - 2 * pad, box.height - 2 * pad)
            self.text([Line(item.runs, size, self.ink("callout", "box", size, True),
                            self.ink("link", "box", size, True), bold=True)],
                      inner, "middle")

    def _qr(self) -> None:
        slide, boxes = self.slide, self.slide.boxes
        if not slide.qr or boxes.qr is None:
            return
        box = boxes.qr
        c = self.canvas
        c.saveState()
        c.translate(box.x, self.height - box.y - box.height)
        c.setFillColor(colors.HexColor(WHITE))
        c.rect(0, 0, box.width, box.height, stroke=0, fill=1)
        c.setFillColor(colors.black)
        for x, y, w, h in qr.dark_rects(slide.qr, box.width):
            c.rect(x, y, w, h, stroke=0, fill=1)
        c.restoreState()
        size = slideplan.CAPTION_SIZE
        self.text([Line((L.Run(slide.qr_caption.replace(" ", "\u00a0")),), size,
                        self.ink("muted", "slide", size), align="centre")], boxes.qr_caption)

    def _figure(self) -> None:
        """A section's figure and its caption, as the deck draws them (its PNG or JPEG)."""
        slide, boxes = self.slide, self.slide.boxes
        if slide.figure is None or boxes.figure is None:
            return
        box = boxes.figure
        data = self.deck.pictures.data(figure_image(slide.figure))
        self.canvas.drawImage(ImageReader(io.BytesIO(data.getvalue())), box.x,
                              self.height - box.y - box.height, box.width, box.height,
                              mask="auto")
        size = self.deck.theme.body_size
        self.text([Line(slide.figure.caption, size, self.ink("muted", "slide", size))],
                  boxes.caption if slide.figure.caption else None)

    def _icons(self) -> None:
        """The slide's icons, as vectors, in the deck's icon colour on the slide."""
        theme = self.deck.theme
        colour = icon_colour(theme.palette, theme.ground)
        for placed in self.slide.boxes.icons:
            box = placed.box
            drawn = figures.icon(placed.name, box.width, colour, svg_fonts([builtin_fonts()]))
            drawn.drawOn(self.canvas, box.x, self.height - box.y - box.height)

    def _picture(self) -> None:
        box = self.slide.boxes.picture
        if box is None:
            return
        data = self.deck.pictures.data(self.slide.images[0])
        self.canvas.drawImage(ImageReader(io.BytesIO(data.getvalue())), box.x,
                              self.height - box.y - box.height, box.width, box.height,
                              mask="auto")
