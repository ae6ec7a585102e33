"""Flowables that draw tagged content other than paragraphs: QR codes and pictures (each
a Figure with alternative text) and lists whose bullets are list labels.

Each draws inside handouts.writers.pdf.tags.marked with its `tag`; with no tag it is
decoration and drawn as an artifact.
"""

from __future__ import annotations

from typing import Any, ClassVar

from reportlab.lib import colors
from reportlab.platypus import Flowable, ListFlowable
from reportlab.platypus import Image as RLImage
from reportlab.platypus.flowables import LIIndenter

from handouts import qr
from handouts.writers.pdf.tags import Path, marked

__all__ = ["QRFlowable", "TaggedImage", "TaggedList"]


class QRFlowable(Flowable):  # type: ignore[misc]
    """A QR code drawn as filled squares (a Drawing would add an unembedded Helvetica)."""

    tag: Path | None = None

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.width, self.height)

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.tag):
            super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        self.canv.setFillColor(colors.white)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.canv.setFillColor(colors.black)
        for x, y, w, h in qr.dark_rects(self.url, self.width):
            self.canv.rect(x, y, w, h, stroke=0, fill=1)


class TaggedImage(RLImage):  # type: ignore[misc]
    """A picture; its `tag` is a Figure with alternative text."""

    tag: Path | None = None

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.tag):
            super().drawOn(canvas, x, y, _sW)


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
    label's path as `label` (handouts.writers.pdf.flowables sets it)."""

    def _makeLIIndenter(self, flowable: Any, bullet: Any, params: Any = None) -> _Indenter:
        made = super()._makeLIIndenter(flowable, bullet, params)
        return _Indenter(made._flowable, made._leftIndent, made._rightIndent, made._bullet,
                         made.__dict__.get("spaceBefore"), made.__dict__.get("spaceAfter"),
                         getattr(flowable, "label", None) if bullet else None)
