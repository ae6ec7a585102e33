"""Blocks as reportlab flowables, in a theme's fonts and colours.

`Theme` is how a document looks; `Builder` turns layout blocks into reportlab flowables
(paragraphs, lists, the tables of callouts, bands and contact blocks, QR codes, pictures),
in fonts registered and measured by the font service (handouts.fonts).
`handouts.writers.pdf.output` measures the flowables into pages and draws them.
"""

from __future__ import annotations

import copy
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table
from reportlab.platypus import Image as RLImage
from reportlab.platypus.flowables import HRFlowable

from handouts import qr
from handouts.brand.assets import load_picture
from handouts.colours import Palette, text_on
from handouts.document import model as L
from handouts.fonts.families import Fonts
from handouts.fonts.metrics import width as string_width
from handouts.fonts.registry import register
from handouts.writers.geometry import PRINT_QR_GAP, PRINT_QR_SIZE
from handouts.writers.pdf.plan import FrameBreak
from handouts.writers.pdf.urlbreaks import with_url_breaks


@dataclass(frozen=True)
class Theme:
    """How a document looks: fonts, sizes, colours and paper; in points."""

    fonts: Fonts
    heading_fonts: Fonts | None = None
    """The headings' family; None: the body family."""
    body_size: float = 11.0
    """Body text size; no text is set smaller."""
    palette: Palette = field(default_factory=Palette)
    paper: str = "letter"
    fold_guides: bool = False
    title: str = ""
    author: str = ""
    assets_roots: tuple[Path, ...] = (Path("."),)
    """Where pictures may be read from: the project, and a --brand file's folder."""


class Styles:
    """The paragraph styles of a theme: body, lead, small, meta, centred and headings."""

    def __init__(self, theme: Theme, italic: bool = True) -> None:
        faces = register(theme.fonts, italic)
        family = faces.family
        self.family = family
        self.bold = faces.bold
        heads = register(theme.heading_fonts, italic) if theme.heading_fonts else faces
        self.heading_family = heads.family
        size = theme.body_size
        self.size = size
        self.leading = size * 1.38
        fg, pr = colors.HexColor(theme.palette.foreground), colors.HexColor(theme.palette.primary)
        self.on_primary = colors.HexColor(text_on(theme.palette.primary))

        def style(name: str, **kw: object) -> ParagraphStyle:
            base = dict(fontName=family, fontSize=size, leading=self.leading, textColor=fg,
                        spaceAfter=size * 0.55, allowWidows=0, allowOrphans=0)
            base.update(kw)
            return ParagraphStyle(name, **base)

        self.body = style("body")
        self.lead = style("lead", fontSize=size * 1.15, leading=size * 1.15 * 1.38)
        self.small = style("small")
        self.meta = style("meta", textColor=colors.HexColor("#4D4D4D"))
        self.center = style("center", alignment=TA_CENTER)
        self.headings = [
            style("title", fontName=heads.bold, fontSize=size * 2.2,
                  leading=size * 2.2 * 1.15, textColor=pr, spaceAfter=size * 0.4),
            style("h1", fontName=heads.bold, fontSize=size * 1.55,
                  leading=size * 1.55 * 1.2, textColor=pr, spaceBefore=size * 1.1,
                  spaceAfter=size * 0.45, keepWithNext=1),
            style("h2", fontName=heads.bold, fontSize=size * 1.3,
                  leading=size * 1.3 * 1.2, textColor=pr, spaceBefore=size * 0.9,
                  spaceAfter=size * 0.35, keepWithNext=1),
            style("h3", fontName=heads.bold, fontSize=size * 1.1,
                  leading=size * 1.1 * 1.25, textColor=pr, spaceBefore=size * 0.6,
                  spaceAfter=size * 0.25, keepWithNext=1),
        ]

    def on_band(self, st: ParagraphStyle) -> ParagraphStyle:
        return ParagraphStyle(st.name + "-band", parent=st, textColor=self.on_primary)

    def paragraph(self, name: str) -> ParagraphStyle:
        return {"body": self.body, "lead": self.lead, "small": self.small, "meta": self.meta,
                "center": self.center, "source": self.meta}[name]


def _markup(runs: L.Inline, link_colour: str) -> str:
    out = []
    for run in runs:
        if run.text == "\n":
            out.append("<br/>")
            continue
        text = escape(run.text)
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.href:
            text = (f"<a href={quoteattr(run.href)} color={quoteattr(link_colour)}>"
                    f"<u>{text}</u></a>")
        out.append(text)
    return "".join(out)


def _unbroken(text: str) -> str:
    """`text` as paragraph markup that never wraps (its spaces made no-break spaces)."""
    return escape(text).replace(" ", "\u00a0")


class _Paragraph(Paragraph):  # type: ignore[misc]
    """A paragraph that keeps its line breaks for each width it has been measured at.

    Planning a panel measures a heading's next paragraph as well as the heading, balancing
    a trifold fills its panels several times, and a table measures its cells when it is
    planned and again when it is drawn: each of those would break the lines afresh.

    reportlab's Paragraph is made to be wrapped once and then split or drawn at that width:
    wrapping rewrites its fragments (long words cut at that width's limit), a split that
    gives up deletes the lines, and a split uses the lines of the last wrap whatever width
    it is asked for. So this paragraph never lays itself out: each width gets a fresh
    reportlab Paragraph made from a copy of the fragments and wrapped once (a layout), and
    each split is done on another fresh one, whose parts become paragraphs of this kind that
    share nothing with this one. `wrap(w, h)` shows the layout of `w`; `split(w, h)` shows
    the layout of `w` too (as a frame wraps before it splits) and returns parts laid out at
    `w`; drawing draws the layout shown. The text, style and attributes are fixed once the
    paragraph is made.
    """

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None,
                 frags: list[object] | None = None, caseSensitive: int = 1,
                 encoding: str = "utf8") -> None:
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
        if text is not None:  # parts of a split come with their fragments already broken
            self.frags: list[Any] = with_url_breaks(self.frags)
        self._layouts: dict[tuple[object, ...], tuple[Paragraph, tuple[float, float]]] = {}
        """Layouts and the sizes their wrap gave, by `_key`."""
        self._shown: Paragraph | None = None
        """The layout that drawing draws; None before the first wrap or split."""

    def _key(self, width: float) -> tuple[object, ...]:
        return (width, *(getattr(self, name, None) for name in _PER_PARAGRAPH))

    def _fresh(self) -> Paragraph:
        """A reportlab Paragraph with a copy of this one's fragments, never laid out (each
        fragment copied, as wrapping rewrites fragments; what they hold, such as colours,
        is never changed and is shared)."""
        fresh = Paragraph(None, self.style, self.bulletText, [copy.copy(f) for f in self.frags],
                          self.caseSensitive, self.encoding)
        for name in _PER_PARAGRAPH:
            if hasattr(self, name):
                setattr(fresh, name, getattr(self, name))
        return fresh

    def _show(self, layout: Paragraph) -> None:
        """Draw `layout` from now on; its measurements are this paragraph's."""
        self._shown = layout
        for name in ("width", "height", "blPara", "_wrapWidths"):
            if hasattr(layout, name):
                setattr(self, name, getattr(layout, name))
            elif hasattr(self, name):
                delattr(self, name)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        key = self._key(available_width)
        if key not in self._layouts:  # the lines depend on the width, not the height
            layout = self._fresh()
            self._layouts[key] = (layout, layout.wrap(available_width, available_height))
        layout, size = self._layouts[key]
        self._show(layout)
        return size

    def split(self, available_width: float, available_height: float) -> list[Paragraph]:
        self.wrap(available_width, available_height)
        whole = self._fresh()  # split cuts up and deletes what it splits: not a kept layout
        whole.wrap(available_width, available_height)
        parts: list[Paragraph] = whole.split(available_width, available_height)
        if len(parts) == 1 and parts[0] is whole:
            return [self]
        made = [self._part(p) for p in parts]
        for part in made:
            part.wrap(available_width, available_height)
        return made

    @staticmethod
    def _part(part: Paragraph) -> _Paragraph:
        """A part of reportlab's split as a paragraph of this kind. reportlab's first part
        carries lines cut from the whole, not always in the form drawing expects (a one-font
        paragraph's), so it is laid out afresh like any other."""
        made = _Paragraph(None, part.style, part.bulletText, part.frags, part.caseSensitive,
                          part.encoding)
        for name in _PER_PARAGRAPH:
            if hasattr(part, name):
                setattr(made, name, getattr(part, name))
        return made

    def draw(self) -> None:
        layout = self._shown
        if layout is None:
            raise AttributeError("a paragraph is drawn before it is wrapped")
        layout.canv = self.canv
        try:
            layout.draw()
        finally:
            del layout.canv


_PER_PARAGRAPH = ("autoLeading", "allowWidows", "allowOrphans", "_JustifyLast")
"""Attributes that reportlab reads from a paragraph itself before its style (a split sets
the last on its first part)."""


class _QR(Flowable):  # type: ignore[misc]
    """A QR code drawn as filled squares (a Drawing would add an unembedded Helvetica)."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.width, self.height)

    def draw(self) -> None:
        self.canv.setFillColor(colors.white)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.canv.setFillColor(colors.black)
        for x, y, w, h in qr.dark_rects(self.url, self.width):
            self.canv.rect(x, y, w, h, stroke=0, fill=1)


class Builder:
    """Makes the flowables for layout blocks in a theme."""

    def __init__(self, theme: Theme, italic: bool = True) -> None:
        self.theme = theme
        self.st = Styles(theme, italic)
        self.primary = colors.HexColor(theme.palette.primary)
        self.secondary = colors.HexColor(theme.palette.secondary)

    def para(self, runs: L.Inline, style: ParagraphStyle) -> Paragraph:
        return _Paragraph(_markup(runs, self.theme.palette.primary), style)

    def image(self, block: L.Image, width: float) -> Flowable:
        """A picture `width` wide at its own proportions; only files inside the project."""
        heads = self.theme.heading_fonts.files if self.theme.heading_fonts else ()
        data, w, h = load_picture(block.src, self.theme.assets_roots,
                                  (*self.theme.fonts.files, *heads))  # for an SVG's text
        picture = RLImage(data, width=width, height=width * h / w)
        picture.hAlign = "LEFT"
        return picture

    def fit_words(self, runs: L.Inline, style: ParagraphStyle, width: float) -> ParagraphStyle:
        """`style`, smaller if need be so that no word of a heading is wider than `width`
        (a long word would otherwise break mid-word), but never below the body size."""
        font = style.fontName
        longest = max((string_width(word, font, style.fontSize)
                       for run in runs for word in run.text.split()), default=0.0)
        if longest <= width:
            return style
        size = max(self.st.size, int(style.fontSize * width / longest * 2) / 2)
        return ParagraphStyle(style.name + "-fit", parent=style, fontSize=size,
                              leading=size * style.leading / style.fontSize)

    def blocks(self, blocks: Sequence[L.Block], width: float, band: bool = False) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block, width, band))
        return out

    def block(self, block: L.Block, width: float, band: bool = False) -> Iterator[Flowable]:
        st = self.st
        adapt = st.on_band if band else (lambda s: s)
        if isinstance(block, L.Heading):
            style = adapt(st.headings[block.level])
            yield self.para(block.runs, self.fit_words(block.runs, style, width))
        elif isinstance(block, L.Paragraph):
            para = self.para(block.runs, adapt(st.paragraph(block.style)))
            para.keepWithPrevious = block.style == "source"
            yield para
        elif isinstance(block, L.ListBlock):
            indent = st.size * 1.3
            items = [ListItem(self.blocks(item, width - indent, band) or [Spacer(0, 0)])
                     for item in block.items]
            yield ListFlowable(
                items, bulletType="1" if block.ordered else "bullet", start=None if
                block.ordered else "\u2022", leftIndent=indent, bulletFontName=st.bold if
                block.ordered else st.family, bulletFontSize=st.size,
                bulletColor=self.primary, spaceAfter=st.size * 0.3)
        elif isinstance(block, L.Callout):
            pad = st.size * 0.7
            inner = self.blocks(block.blocks, width - 2 * pad - 4)
            table = Table([[inner]], colWidths=[width - 4])
            table.setStyle([("FONT", (0, 0), (-1, -1), st.family, st.size),
                ("BACKGROUND", (0, 0), (-1, -1), self.secondary),
                ("LINEBEFORE", (0, 0), (0, -1), 4, self.primary),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.2)])
            table.spaceBefore, table.spaceAfter = st.size * 0.4, st.size * 0.8
            yield table
        elif isinstance(block, L.Band):
            pad = st.size
            logo = block.logo
            side = logo is not None and width >= 300  # a narrow band puts the logo on top
            logo_w = min(logo.width, width - 2 * pad) if logo else 0.0
            text_w = width - (logo_w + 2 * pad if side else 0.0)
            inner = self.blocks(block.blocks, text_w - 2 * pad, band=True)
            style = [("FONT", (0, 0), (-1, -1), st.family, st.size),
                     ("LEFTPADDING", (0, 0), (-1, -1), pad),
                     ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                     ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.5),
                     ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
            if logo is None:
                table = Table([[inner]], colWidths=[width])
                style.append(("BACKGROUND", (0, 0), (0, 0), self.primary))
            elif side:
                table = Table([[inner, self.image(logo, logo_w)]],
                              colWidths=[text_w, logo_w + 2 * pad])
                style += [("BACKGROUND", (0, 0), (0, 0), self.primary),
                          ("BACKGROUND", (1, 0), (1, 0), colors.white)]
            else:
                table = Table([[self.image(logo, logo_w)], [inner]], colWidths=[width])
                style += [("BACKGROUND", (0, 0), (0, 0), colors.white),
                          ("BACKGROUND", (0, 1), (0, 1), self.primary)]
            if logo is not None:
                style.append(("BOX", (0, 0), (-1, -1), 1.5, self.primary))
            table.setStyle(style)
            table.spaceAfter = st.size * 0.9
            yield table
        elif isinstance(block, L.Contact):
            line_style = ParagraphStyle("contact", parent=st.small, spaceAfter=0)
            lines = [self.para(line, line_style) for line in block.lines]
            if block.qr:
                size = PRINT_QR_SIZE
                cell = [_QR(block.qr, size)]
                wide = width >= 300
                if block.caption:
                    cell.append(_Paragraph(_unbroken(block.caption), ParagraphStyle(
                        "qrcap", parent=st.meta, alignment=TA_CENTER if wide else 0,
                        spaceAfter=0)))
                if wide:  # the column is wide enough for the caption on one line
                    gap = PRINT_QR_GAP
                    column = max(size, string_width(block.caption, st.meta.fontName,
                                                    st.meta.fontSize) + 1) + gap
                    table = Table([[lines, cell]], colWidths=[width - column, column])
                else:  # a narrow panel: the QR code goes under the lines
                    table = Table([[lines], [cell]], colWidths=[width])
            else:
                table = Table([[lines]], colWidths=[width])
            table.setStyle([("FONT", (0, 0), (-1, -1), st.family, st.size),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, self.primary),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), st.size * 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
            table.spaceBefore, table.spaceAfter = st.size * 0.6, st.size * 0.6
            yield table
        elif isinstance(block, L.Definitions):
            for term, definition in block.items:
                yield _Paragraph(f"<b>{_markup(term, self.theme.palette.primary)}</b>: "
                                f"{_markup(definition, self.theme.palette.primary)}", st.body)
        elif isinstance(block, L.QRCode):
            yield _QR(block.url, block.size)
            if block.caption:
                yield _Paragraph(_unbroken(block.caption), st.meta)
        elif isinstance(block, L.Image):
            yield self.image(block, min(block.width, width))
        elif isinstance(block, L.Rule):
            yield HRFlowable(width="100%", thickness=1, color=self.primary,
                             spaceBefore=st.size * 0.3, spaceAfter=st.size * 0.6)
        elif isinstance(block, L.Spacer):
            yield Spacer(width, block.height)
        elif isinstance(block, L.PageBreak):
            yield FrameBreak()

