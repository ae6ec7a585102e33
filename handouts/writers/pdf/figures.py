"""Flowables that draw tagged content other than paragraphs: QR codes and pictures (each
a Figure with alternative text) and lists whose bullets are list labels.

A picture from an SVG file is drawn as vectors (handouts.brand.svgdraw); one svglib cannot
draw as it should be is drawn as resvg's PNG instead, with a note saying so.

Each draws inside handouts.writers.pdf.tags.marked with its `tag`; with no tag it is
decoration and drawn as an artifact.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path as FilePath
from typing import Any, ClassVar

from reportlab.lib import colors
from reportlab.platypus import Flowable, ListFlowable
from reportlab.platypus import Image as RLImage
from reportlab.platypus.flowables import LIIndenter

from handouts import qr
from handouts.brand import assets
from handouts.brand.svgdraw import SvgFonts, VectorProblem, svg_drawing, svg_fonts
from handouts.errors import Diagnostic, Location
from handouts.fonts.families import Fonts, builtin_fonts
from handouts.writers.pdf.tags import Path, marked

__all__ = ["QRFlowable", "TaggedImage", "TaggedList", "VectorPicture", "icon", "picture"]


class Tagged:
    """A picture flowable drawn inside its `tag`'s marked content (a Figure with its alt
    text; an artifact when None). Mixed in before the reportlab flowable it tags."""

    tag: Path | None = None

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.tag):
            super().drawOn(canvas, x, y, _sW)  # type: ignore[misc]


class QRFlowable(Tagged, Flowable):  # type: ignore[misc]
    """A QR code drawn as filled squares (a Drawing would add an unembedded Helvetica)."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size

    def draw(self) -> None:
        self.canv.setFillColor(colors.white)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.canv.setFillColor(colors.black)
        for x, y, w, h in qr.dark_rects(self.url, self.width):
            self.canv.rect(x, y, w, h, stroke=0, fill=1)


class TaggedImage(Tagged, RLImage):  # type: ignore[misc]
    """A picture; its `tag` is a Figure with alternative text."""


class VectorPicture(Tagged, Flowable):  # type: ignore[misc]
    """A reportlab Drawing (an SVG's, never changed: it may be shared) scaled to `width`
    points at its own proportions; its `tag` is a Figure with alternative text."""

    def __init__(self, drawing: Any, width: float) -> None:
        super().__init__()
        self.drawing = drawing
        self.scale = width / drawing.width
        self.width, self.height = width, drawing.height * self.scale

    def draw(self) -> None:
        canvas = self.canv
        canvas.saveState()
        canvas.scale(self.scale, self.scale)
        form = drawn_form(self.drawing)
        if form is None:
            from reportlab.graphics import renderPDF

            renderPDF.draw(self.drawing, canvas, 0, 0)
        else:
            form.use(canvas)
        canvas.restoreState()


@dataclass(frozen=True)
class DrawnForm:
    """A drawing as a form XObject (PDF 32000-1, 8.10): its content stream made once,
    Flate-compressed, and placed by name in every document that draws it."""

    name: str
    """The form's name, from a digest of its box and content (the same drawing: the same
    name)."""
    bbox: tuple[float, float, float, float]
    """Its bounding box in the drawing's own units (points at scale 1)."""
    data: bytes
    """Its content stream, Flate-compressed."""

    def use(self, canvas: Any) -> None:
        """Draw the form at the canvas's origin and scale, adding it to the canvas's
        document the first time that document uses it."""
        from reportlab.pdfbase import pdfdoc

        document = canvas._doc
        if not document.hasForm(self.name):  # a stream object belongs to one document
            document.Reference(pdfdoc.PDFStream(pdfdoc.PDFDictionary({
                "Type": pdfdoc.PDFName("XObject"), "Subtype": pdfdoc.PDFName("Form"),
                "BBox": pdfdoc.PDFArray(list(self.bbox)), "Resources": pdfdoc.PDFDictionary(),
                "Filter": pdfdoc.PDFArray([pdfdoc.PDFName("FlateDecode")])}), self.data),
                pdfdoc.xObjectName(self.name))
        canvas.doForm(self.name)


@functools.lru_cache(maxsize=64)
def drawn_form(drawing: Any) -> DrawnForm | None:
    """`drawing` as reportlab's renderPDF draws it at the origin, made into a form once per
    process (svgdraw.svg_drawing gives one Drawing per file and colour, never changed): an
    icon or figure on every output is walked, formatted and compressed once, not once per
    document. None when its operators name a resource (a font, an image, a transparency
    state: a `/Name`), which would have to be made in each document; it is drawn as it is.
    """
    import hashlib
    import io
    import zlib

    from reportlab.graphics import renderPDF
    from reportlab.pdfgen.canvas import Canvas

    scratch = Canvas(io.BytesIO(), invariant=1)
    start = len(scratch._code)
    renderPDF.draw(drawing, scratch, 0, 0)
    operators = "\n".join(scratch._code[start:])
    if "/" in operators:
        return None
    data = operators.encode("utf-8")
    # The box clips the form: the drawing's bounds (None: it has no shapes) and its size,
    # with a margin as wide as the drawing for strokes and joins that reach past the
    # shapes' own bounds.
    x0, y0, x1, y1 = drawing.getBounds() or (0.0, 0.0, drawing.width, drawing.height)
    pad = max(drawing.width, drawing.height)
    bbox = (min(x0, 0) - pad, min(y0, 0) - pad, max(x1, drawing.width) + pad,
            max(y1, drawing.height) + pad)
    name = hashlib.sha256(repr(bbox).encode() + b"\n" + data).hexdigest()[:16]
    return DrawnForm(f"Pic{name}", bbox, zlib.compress(data))


def icon(name: str, size: float, colour: str, fonts: SvgFonts) -> VectorPicture:
    """The bundled icon `name` (handouts.icons) `size` points square in `colour`
    ('#RRGGBB'; catalogue.icon_colour chooses one that stands out 3:1), as vectors, parsed
    once per process and colour. Raises KeyError for an icon not bundled."""
    from handouts.icons.catalogue import coloured, icon_svg

    return VectorPicture(svg_drawing(coloured(icon_svg(name), colour), fonts), size)


def picture(src: str, width: float, roots: Sequence[FilePath],
            families: Sequence[Fonts]) -> tuple[Flowable, Diagnostic | None]:
    """A picture file inside `roots` (`src` relative to the first, or absolute) `width`
    points wide at its own proportions: an SVG as vectors, its text in the bundled Noto
    Sans or `families` (the brand's), else as PNG or JPEG pixels; with a note if an SVG had
    to be drawn as pixels. Raises ImageProblem (brand.assets) for a picture that cannot be
    used."""
    path = assets.located(src, roots)
    if path.suffix.lower() == ".svg":
        try:
            data = assets.read_picture(path, roots)
            drawing = svg_drawing(data, svg_fonts([builtin_fonts(), *families]))
            return VectorPicture(drawing, width), None
        except assets.ImageProblem as exc:
            raise assets.ImageProblem(f"the image '{src}' {exc}") from None
        except VectorProblem as exc:
            note: Diagnostic | None = Diagnostic(
                "picture-as-pixels", f"the image '{src}' {exc}; it is drawn as pixels "
                "instead", Location(path))
    else:
        note = None
    data_io, w, h = assets.load_picture(src, roots, [p for f in families for p in f.files])
    image = TaggedImage(data_io, width=width, height=width * h / w)
    image.pixels = (w, h)  # for the warning of a photo too small for its printed size
    return image, note


class _Indenter(LIIndenter):  # type: ignore[misc]
    """A list item's flowable, indented, with its bullet drawn as the item's label
    (`_label`, the Lbl element's path; None: no bullet or no tag)."""

    _IndenterAttrs: ClassVar[list[str]] = [*LIIndenter._IndenterAttrs, "_label"]

    def __init__(self, flowable: Any, leftIndent: float = 0, rightIndent: float = 0,
                 bullet: Any = None, spaceBefore: float | None = None,
                 spaceAfter: float | None = None, label: Path | None = None) -> None:
        super().__init__(flowable, leftIndent, rightIndent, bullet, spaceBefore, spaceAfter)
        self._label = label

    def split(self, aW: float, aH: float) -> list[_Indenter]:
        return [_Indenter(part._flowable, part._leftIndent, part._rightIndent, part._bullet,
                          label=self._label if part._bullet else None)
                for part in super().split(aW, aH)]

    def drawOn(self, canv: Any, x: float, y: float, _sW: float = 0) -> None:
        if self._bullet:
            with marked(canv, self._label):
                self._bullet.drawOn(self, canv, x, y, 0)
        self._flowable.drawOn(canv, x + self._leftIndent, y,
                              max(0, _sW - self._leftIndent - self._rightIndent))


class TaggedList(ListFlowable):  # type: ignore[misc]
    """A list whose bullets are labels: the first flowable of each item carries its
    label's path as `label` (handouts.writers.pdf.flowables sets it). With `bullets`
    False no bullet is drawn (an icon beside each item stands in for it) and the items
    have no label."""

    def __init__(self, flowables: Any, bullets: bool = True, **kw: Any) -> None:
        self.bullets = bullets  # read while the list is made, in ListFlowable's __init__
        super().__init__(flowables, **kw)

    def _makeBullet(self, value: Any, params: Any = None) -> Any:
        return super()._makeBullet(value, params) if self.bullets else None

    def _makeLIIndenter(self, flowable: Any, bullet: Any, params: Any = None) -> _Indenter:
        made = super()._makeLIIndenter(flowable, bullet, params)
        return _Indenter(made._flowable, made._leftIndent, made._rightIndent, made._bullet,
                         made.__dict__.get("spaceBefore"), made.__dict__.get("spaceAfter"),
                         getattr(flowable, "label", None) if bullet else None)
