"""The PDF writer: a layout Document drawn with reportlab.

`flowables` turns blocks into reportlab flowables in the theme's fonts and colours;
`printplan.fill` decides which go in which frame; `write` draws the plan. Text that does
not fit a fixed page or panel is never cut or shrunk: `write` raises an Overflow listing
every place and by how much.
"""

from __future__ import annotations

import io
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, ListFlowable, ListItem, Paragraph, Spacer, Table
from reportlab.platypus import Image as RLImage
from reportlab.platypus.flowables import HRFlowable

from handouts import layout as L
from handouts.colours import text_on
from handouts.printplan import FrameBreak, Measurable, fill, page_size, panel_widths


@dataclass(frozen=True)
class Fonts:
    """The four TrueType files of one family."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path


@dataclass(frozen=True)
class Theme:
    """How a document looks: fonts, sizes, colours and paper; in points."""

    fonts: Fonts
    body_size: float
    """Body text size; no text is set smaller."""
    primary: str
    secondary: str
    foreground: str
    background: str
    paper: str = "letter"
    fold_guides: bool = False
    title: str = ""
    author: str = ""
    assets_root: Path = Path(".")


@dataclass(frozen=True)
class OverflowPlace:
    """One place where text did not fit."""

    where: str
    points: float
    line_height: float

    def __str__(self) -> str:
        lines = max(1, round(self.points / self.line_height))
        return (f"{self.where} does not fit by {self.points:.0f} pt "
                f"({self.points / 72:.2f} in, about {lines} line{'s' if lines > 1 else ''})")


class Overflow(Exception):
    """Text that does not fit its page or panel."""

    def __init__(self, places: Sequence[OverflowPlace]) -> None:
        super().__init__("; ".join(str(p) for p in places))
        self.places = tuple(places)


class MissingGlyphs(Exception):
    """Characters the font cannot draw."""

    def __init__(self, chars: Sequence[str]) -> None:
        listed = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in chars)
        super().__init__(f"the font cannot draw {listed}")
        self.chars = tuple(chars)


MARGINS = {"flyer": 43.2, "trifold": 25.2, "booklet": 54.0}
"""Page margins in points: 0.6 in, 0.35 in, 0.75 in."""
PANEL_GUTTER = {"flyer": 18.0, "trifold": 21.6, "booklet": 18.0}
"""Space on each side of a panel edge (on a trifold, 0.3 in from each fold)."""
FOOTER_GAP = 10.0


def _family(fonts: Fonts) -> str:
    name = "Handouts-" + fonts.regular.stem
    if name not in pdfmetrics.getRegisteredFontNames():
        for suffix, path in (("", fonts.regular), ("-Bold", fonts.bold),
                             ("-Italic", fonts.italic), ("-BoldItalic", fonts.bold_italic)):
            pdfmetrics.registerFont(TTFont(name + suffix, str(path)))
        pdfmetrics.registerFontFamily(name, normal=name, bold=name + "-Bold",
                                      italic=name + "-Italic", boldItalic=name + "-BoldItalic")
    return name


class _Styles:
    def __init__(self, theme: Theme) -> None:
        family = _family(theme.fonts)
        self.family = family
        size = theme.body_size
        self.size = size
        self.leading = size * 1.38
        fg, pr = colors.HexColor(theme.foreground), colors.HexColor(theme.primary)
        self.on_primary = colors.HexColor(text_on(theme.primary))

        def style(name: str, **kw: object) -> ParagraphStyle:
            base = dict(fontName=family, fontSize=size, leading=self.leading, textColor=fg,
                        spaceAfter=size * 0.55, allowWidows=0, allowOrphans=0)
            base.update(kw)
            return ParagraphStyle(name, **base)  # type: ignore[arg-type]

        self.body = style("body")
        self.lead = style("lead", fontSize=size * 1.15, leading=size * 1.15 * 1.38)
        self.small = style("small")
        self.meta = style("meta", textColor=colors.HexColor("#4D4D4D"))
        self.center = style("center", alignment=TA_CENTER)
        self.headings = [
            style("title", fontName=family + "-Bold", fontSize=size * 2.2,
                  leading=size * 2.2 * 1.15, textColor=pr, spaceAfter=size * 0.4),
            style("h1", fontName=family + "-Bold", fontSize=size * 1.55,
                  leading=size * 1.55 * 1.2, textColor=pr, spaceBefore=size * 1.1,
                  spaceAfter=size * 0.45, keepWithNext=1),
            style("h2", fontName=family + "-Bold", fontSize=size * 1.3,
                  leading=size * 1.3 * 1.2, textColor=pr, spaceBefore=size * 0.9,
                  spaceAfter=size * 0.35, keepWithNext=1),
            style("h3", fontName=family + "-Bold", fontSize=size * 1.1,
                  leading=size * 1.1 * 1.25, textColor=pr, spaceBefore=size * 0.6,
                  spaceAfter=size * 0.25, keepWithNext=1),
        ]

    def on_band(self, st: ParagraphStyle) -> ParagraphStyle:
        return ParagraphStyle(st.name + "-band", parent=st, textColor=self.on_primary)

    def paragraph(self, name: str) -> ParagraphStyle:
        return {"body": self.body, "lead": self.lead, "small": self.small, "meta": self.meta,
                "center": self.center}[name]


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


class _QR(Flowable):  # type: ignore[misc]
    """A QR code drawn as filled squares (a Drawing would add an unembedded Helvetica)."""

    def __init__(self, url: str, size: float) -> None:
        super().__init__()
        self.url = url
        self.width = self.height = size

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        return (self.width, self.height)

    def draw(self) -> None:
        widget = QrCodeWidget(self.url, barLevel="M", barWidth=self.width,
                              barHeight=self.height)
        self.canv.setFillColor(colors.white)
        self.canv.rect(0, 0, self.width, self.height, stroke=0, fill=1)
        self.canv.setFillColor(colors.black)
        for shape in widget.draw().contents:
            if shape.fillColor is not None:
                self.canv.rect(shape.x, shape.y, shape.width, shape.height, stroke=0, fill=1)


def _qr(url: str, size: float) -> Flowable:
    return _QR(url, size)


class _Builder:
    def __init__(self, theme: Theme) -> None:
        self.theme = theme
        self.st = _Styles(theme)

    def para(self, runs: L.Inline, style: ParagraphStyle) -> Paragraph:
        return Paragraph(_markup(runs, self.theme.primary), style)

    def blocks(self, blocks: Sequence[L.Block], width: float, band: bool = False) -> list[Flowable]:
        out: list[Flowable] = []
        for block in blocks:
            out.extend(self.block(block, width, band))
        return out

    def block(self, block: L.Block, width: float, band: bool = False) -> Iterator[Flowable]:  # noqa: PLR0911, PLR0912
        st = self.st
        adapt = st.on_band if band else (lambda s: s)
        if isinstance(block, L.Heading):
            yield self.para(block.runs, adapt(st.headings[block.level]))
        elif isinstance(block, L.Paragraph):
            yield self.para(block.runs, adapt(st.paragraph(block.style)))
        elif isinstance(block, L.ListBlock):
            indent = st.size * 1.3
            items = [ListItem(self.blocks(item, width - indent, band) or [Spacer(0, 0)])
                     for item in block.items]
            yield ListFlowable(
                items, bulletType="1" if block.ordered else "bullet", start=None if
                block.ordered else "\u2022", leftIndent=indent, bulletFontName=st.family +
                ("-Bold" if block.ordered else ""), bulletFontSize=st.size,
                bulletColor=colors.HexColor(self.theme.primary), spaceAfter=st.size * 0.3)
        elif isinstance(block, L.Callout):
            pad = st.size * 0.7
            inner = self.blocks(block.blocks, width - 2 * pad - 4)
            table = Table([[inner]], colWidths=[width - 4])
            table.setStyle([("FONT", (0, 0), (-1, -1), st.family, st.size),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(self.theme.secondary)),
                ("LINEBEFORE", (0, 0), (0, -1), 4, colors.HexColor(self.theme.primary)),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.2)])
            table.spaceBefore, table.spaceAfter = st.size * 0.4, st.size * 0.8
            yield table
        elif isinstance(block, L.Band):
            pad = st.size
            inner = self.blocks(block.blocks, width - 2 * pad, band=True)
            table = Table([[inner]], colWidths=[width])
            table.setStyle([("FONT", (0, 0), (-1, -1), st.family, st.size),
                ("BACKGROUND", (0, 0), (-1, -1), colors.HexColor(self.theme.primary)),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.8),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.5)])
            table.spaceAfter = st.size * 0.9
            yield table
        elif isinstance(block, L.Contact):
            lines = [self.para(line, st.small) for line in block.lines]
            for p in lines:
                p.style = ParagraphStyle("contact", parent=st.small, spaceAfter=0)
            if block.qr:
                size = 72.0
                cell = [_qr(block.qr, size)]
                wide = width >= 300
                if block.caption:
                    cell.append(Paragraph(escape(block.caption), ParagraphStyle(
                        "qrcap", parent=st.meta, alignment=TA_CENTER if wide else 0,
                        spaceAfter=0)))
                if wide:
                    table = Table([[lines, cell]], colWidths=[width - size - 12, size + 12])
                else:  # a narrow panel: the QR code goes under the lines
                    table = Table([[lines], [cell]], colWidths=[width])
            else:
                table = Table([[lines]], colWidths=[width])
            table.setStyle([("FONT", (0, 0), (-1, -1), st.family, st.size),
                ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                ("LINEABOVE", (0, 0), (-1, 0), 1.5, colors.HexColor(self.theme.primary)),
                ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                ("TOPPADDING", (0, 0), (-1, -1), st.size * 0.5),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 0)])
            table.spaceBefore, table.spaceAfter = st.size * 0.6, st.size * 0.6
            yield table
        elif isinstance(block, L.Definitions):
            for term, definition in block.items:
                yield Paragraph(f"<b>{_markup(term, self.theme.primary)}</b>: "
                                f"{_markup(definition, self.theme.primary)}", st.body)
        elif isinstance(block, L.QRCode):
            yield _qr(block.url, block.size)
            if block.caption:
                yield Paragraph(escape(block.caption), st.meta)
        elif isinstance(block, L.Image):
            path = (self.theme.assets_root / block.src)
            yield RLImage(str(path), width=block.width, height=block.width,
                          kind="proportional")
        elif isinstance(block, L.Rule):
            yield HRFlowable(width="100%", thickness=1, color=colors.HexColor(self.theme.primary),
                             spaceBefore=st.size * 0.3, spaceAfter=st.size * 0.6)
        elif isinstance(block, L.Spacer):
            yield Spacer(width, block.height)
        elif isinstance(block, L.PageBreak):
            yield FrameBreak()  # type: ignore[misc]


def _text_chars(doc: L.Document) -> set[str]:
    chars: set[str] = set(doc.title)

    def runs(inline: L.Inline) -> None:
        for run in inline:
            chars.update(run.text)

    def walk(blocks: Sequence[L.Block]) -> None:
        for b in blocks:
            if isinstance(b, (L.Heading, L.Paragraph)):
                runs(b.runs)
            elif isinstance(b, L.ListBlock):
                for item in b.items:
                    walk(item)
            elif isinstance(b, (L.Callout, L.Band)):
                walk(b.blocks)
            elif isinstance(b, L.Contact):
                for line in b.lines:
                    runs(line)
                chars.update(b.caption)
            elif isinstance(b, L.Definitions):
                for term, definition in b.items:
                    runs(term)
                    runs(definition)

    for part in doc.parts:
        if isinstance(part, L.Page):
            walk(part.header)
            walk(part.footer)
            for panel in part.panels:
                walk(panel.blocks)
        else:
            walk(part.blocks)
            chars.update(part.footer)
    return chars


def missing_glyphs(doc: L.Document, fonts: Fonts) -> list[str]:
    """Characters in the document that the regular face of `fonts` has no glyph for."""
    face = pdfmetrics.getFont(_family(fonts)).face  # type: ignore[attr-defined]
    cmap = face.charToGlyph
    return sorted(c for c in _text_chars(doc) if ord(c) not in cmap and c not in "\n\r\t")


@dataclass
class _Frame:
    box: tuple[float, float, float, float]  # x, y (bottom), width, height
    where: str


def _measure(items: Sequence[Flowable], width: float, canvas: Canvas) -> float:
    total = 0.0
    for i, f in enumerate(items):
        _, h = f.wrapOn(canvas, width, 1e6)
        total += h + (f.getSpaceBefore() if i else 0) + f.getSpaceAfter()
    return total


def _draw(canvas: Canvas, placed: Sequence[object], x: float, top: float) -> None:
    for p in placed:
        p.item.drawOn(canvas, x, top - p.top - p.height)  # type: ignore[attr-defined]


def write(doc: L.Document, theme: Theme) -> bytes:
    """Draw `doc` as PDF bytes; raises Overflow or MissingGlyphs instead of cutting text."""
    missing = missing_glyphs(doc, theme.fonts)
    if missing:
        raise MissingGlyphs(missing)
    build = _Builder(theme)
    measure = Canvas(io.BytesIO(), invariant=1, initialFontName=build.st.family)
    pages: list[tuple[tuple[float, float], list[tuple[_Frame, Sequence[object]]], str]] = []
    overflows: list[L.Page | object] = []
    places = []
    margin = MARGINS[doc.layout]
    gutter = PANEL_GUTTER[doc.layout]
    for part in doc.parts:
        if isinstance(part, L.Page):
            w, h = page_size(theme.paper, part.landscape)
            inner_w = w - 2 * margin if doc.layout != "trifold" else w
            x0 = margin if doc.layout != "trifold" else 0.0
            full_w = w - 2 * margin
            header = build.blocks(part.header, full_w)
            footer = build.blocks(part.footer, full_w)
            header_h, footer_h = _measure(header, full_w, measure), _measure(footer, full_w, measure)
            panel_h = h - 2 * margin - header_h - (footer_h + FOOTER_GAP if footer else 0)
            frames: list[tuple[_Frame, Sequence[object]]] = []
            top = h - margin
            frames.append((_Frame((margin, 0, full_w, 0), "header"),
                           fill(header, [(full_w, 1e6)], measure).frames[0]))
            widths = panel_widths(inner_w, [p.share for p in part.panels],
                                  [p.flap for p in part.panels])
            x = x0
            chain: list[tuple[L.Panel, float, float]] = []
            for panel, pw in zip(part.panels, widths, strict=True):
                chain.append((panel, x, pw))
                x += pw
                if panel.overflow_next and panel is not part.panels[-1]:
                    continue
                items = [f for pnl, _, cw in chain for f in build.blocks(pnl.blocks,
                                                                         cw - 2 * gutter)]
                sizes = [(cw - 2 * gutter, panel_h) for _, _, cw in chain]
                filled = fill(items, sizes, measure)
                for (pnl, cx, cw), placed in zip(chain, filled.frames + ((),) * len(chain),
                                                strict=False):
                    frames.append((_Frame((cx + gutter, top - header_h - panel_h, cw - 2 * gutter,
                                           panel_h), pnl.name), placed))
                if filled.leftover:
                    last = chain[-1][0]
                    where = (f"panel '{last.name}' on page '{part.name}'" if len(part.panels) > 1
                             else f"page '{part.name}'")
                    places.append((where, filled.leftover_height))
                chain = []
            if panel_h < 0:
                places.append((f"the header and footer of page '{part.name}'", -panel_h))
            if footer:
                frames.append((_Frame((margin, margin, full_w, footer_h), "footer"),
                               fill(footer, [(full_w, 1e6)], measure).frames[0]))
            pages.append(((w, h), frames, ""))
        else:
            w, h = page_size(theme.paper, False)
            body_w = w - 2 * margin
            footer_space = build.st.leading * 2
            body_h = h - 2 * margin - footer_space
            items = build.blocks(part.blocks, body_w)
            filled = fill(items, [(body_w, body_h)] * 200, measure)
            if filled.leftover:
                places.append((f"the {part.name} flow (a block taller than a page)",
                               filled.leftover_height))
            for placed in filled.frames:
                if placed:
                    pages.append(((w, h), [(_Frame((margin, margin + footer_space, body_w, body_h),
                                                   part.name), placed)], part.footer or "-"))
    if places:
        raise Overflow([_place(where, amount, build.st.leading) for where, amount in places])
    del overflows
    return _render(pages, theme, build, margin)


def _place(where: str, amount: float, leading: float) -> object:
    return OverflowPlace(where, amount, leading)


def _render(pages: Sequence[tuple[tuple[float, float], list[tuple[_Frame, Sequence[object]]],
                                  str]], theme: Theme, build: _Builder, margin: float) -> bytes:
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=pages[0][0], invariant=1, pageCompression=1,
                    initialFontName=build.st.family, initialFontSize=build.st.size)
    canvas.setTitle(theme.title)
    canvas.setAuthor(theme.author)
    canvas.setCreator("make-handouts")
    canvas.setSubject(theme.title)
    total = len(pages)
    for number, ((w, h), frames, footer) in enumerate(pages, 1):
        canvas.setPageSize((w, h))
        header_h = 0.0
        for frame, placed in frames:
            x, y, fw, fh = frame.box
            if frame.where == "header":
                _draw(canvas, placed, x, h - margin)
                header_h = sum(p.top + p.height for p in placed[-1:])  # type: ignore[attr-defined]
                if placed:
                    last = placed[-1]
                    header_h = last.top + last.height + last.item.getSpaceAfter()  # type: ignore[attr-defined]
            elif frame.where == "footer":
                _draw(canvas, placed, x, y + fh)
            else:
                _draw(canvas, placed, x, y + fh)
        if footer:
            st = build.st
            canvas.setFont(st.family, st.size)
            canvas.setFillColor(colors.HexColor("#4D4D4D"))
            text = footer if footer != "-" else ""
            canvas.drawString(margin, margin, text)
            canvas.drawRightString(w - margin, margin, f"Page {number} of {total}")
        if theme.fold_guides and w > h:
            _fold_guides(canvas, w, h, frames)
        canvas.showPage()
    canvas.save()
    return out.getvalue()


def _fold_guides(canvas: Canvas, w: float, h: float,
                 frames: Sequence[tuple[_Frame, Sequence[object]]]) -> None:
    panels = [f for f, _ in frames if f.where not in ("header", "footer")]
    canvas.setStrokeColor(colors.HexColor("#9A9A9A"))
    canvas.setLineWidth(0.5)
    canvas.setDash(2, 2)
    for frame in panels[:-1]:
        fold = frame.box[0] + frame.box[2] + PANEL_GUTTER["trifold"]
        canvas.line(fold, h, fold, h - 14)
        canvas.line(fold, 0, fold, 14)
