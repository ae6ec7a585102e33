"""Blocks as reportlab flowables, in a theme's fonts and colours.

`Theme` is how a document looks; `Builder` turns layout blocks into reportlab flowables
(paragraphs, lists, the tables of callouts, bands and contact blocks, QR codes, pictures),
in fonts registered and measured by the font service (handouts.fonts).
`handouts.writers.pdf.output` measures the flowables into pages and draws them.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from itertools import count
from xml.sax.saxutils import escape, quoteattr

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Flowable, ListItem, Paragraph, Spacer, Table
from reportlab.platypus.flowables import HRFlowable

from handouts.contrast import Ink, Inks
from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.fonts.metrics import width as string_width
from handouts.writers.addresses import last_words_together, times_whole, words
from handouts.writers.contract import WriterLabels
from handouts.writers.geometry import PRINT_QR_GAP, PRINT_QR_SIZE
from handouts.writers.pdf import pictures
from handouts.writers.pdf.figures import QRFlowable, TaggedList, picture
from handouts.writers.pdf.paragraph import KeptParagraph
from handouts.writers.pdf.plan import FrameBreak
from handouts.writers.pdf.styles import Styles, Theme, styles_of
from handouts.writers.pdf.tags import Node

__all__ = ["Builder", "Styles", "Theme"]


def _markup(runs: L.Inline, link_colour: str) -> str:
    out = []
    for run in runs:
        if run.text == "\n":
            out.append("<br/>")
            continue
        text = escape(times_whole(run.text))
        if run.bold:
            text = f"<b>{text}</b>"
        if run.italic:
            text = f"<i>{text}</i>"
        if run.href:
            text = (f"<a href={quoteattr(run.href)} color={quoteattr(link_colour)}>"
                    f"<u>{text}</u></a>")
        out.append(text)
    return "".join(out)


def _leads_in(block: L.Block, after: L.Block | None) -> bool:
    """Whether `block` is a paragraph that introduces the list after it (it ends in ':'),
    and so must stay in the same frame as that list's start."""
    return isinstance(block, L.Paragraph) and isinstance(after, L.ListBlock) \
        and "".join(r.text for r in block.runs).rstrip().endswith(":")


def _unbroken(text: str) -> str:
    """`text` as paragraph markup that never wraps (its spaces made no-break spaces)."""
    return escape(text).replace(" ", "\u00a0")


class Builder:
    """Makes the flowables for layout blocks in a theme, each drawing content tagged with
    the structure element it belongs to (handouts.writers.pdf.tags): headings H1 (the
    title) to H4, paragraphs P, lists L/LI/Lbl/LBody, callouts a Div, pictures and QR codes
    a Figure with alternative text; rules, spacers, boxes and bands are decoration."""

    def __init__(self, theme: Theme, italic: bool = True,
                 labels: WriterLabels | None = None, lang: str = "") -> None:
        self.theme, self.italic, self.lang = theme, italic, lang
        self.labels = labels or WriterLabels()
        self.st = styles_of(theme, italic, lang=lang)
        self.grounds = {"page": self.st}
        self.inks = Inks(theme.palette)
        """The inks drawn so far: the colours replaced are the output's warnings."""
        self.notes: dict[str, Diagnostic] = {}  # an SVG drawn as pixels, by message
        self.primary = colors.HexColor(theme.palette.primary)
        self.secondary = colors.HexColor(theme.palette.secondary)
        self._keys = count()
        self._path: list[Node] = []
        """The structure elements the blocks being made are inside, outermost first."""

    def node(self, role: str, alt: str = "") -> Node:
        """A new structure element of `role` (tags.Node)."""
        return Node(next(self._keys), role, alt)

    @contextmanager
    def within(self, node: Node) -> Iterator[Node]:
        """Make the flowables of blocks inside `node` meanwhile."""
        self._path.append(node)
        try:
            yield node
        finally:
            self._path.pop()

    def tagged(self, flowable: Flowable, role: str, alt: str = "") -> Flowable:
        """`flowable`, its content a new element of `role` inside the current ones."""
        flowable.tag = (*self._path, self.node(role, alt))
        return flowable

    def figure(self, url: str, size: float) -> Flowable:
        """A QR code leading to `url`, `size` points square, as a figure saying so."""
        return self.tagged(QRFlowable(url, size), "Figure",
                           self.labels.qr_alt % {"address": url})

    def on(self, ground: str) -> Styles:
        """The styles of text on `ground` (inks.GROUNDS), made once."""
        if ground not in self.grounds:
            self.grounds[ground] = styles_of(self.theme, self.italic, ground, self.lang)
        return self.grounds[ground]

    def ink(self, ink: Ink) -> colors.Color:
        """The colour `ink` is drawn in, noted as drawn."""
        return colors.HexColor(self.inks.colour(ink))

    def markup(self, runs: L.Inline, st: Styles) -> str:
        """`runs` as reportlab markup, links in the link colour of `st`'s ground."""
        link = ""
        if any(run.href for run in runs):
            link = self.inks.colour(st.ink("link", st.size))
        return _markup(runs, link)

    def para(self, runs: L.Inline, style: ParagraphStyle, st: Styles | None = None) -> Paragraph:
        """A paragraph of `runs` in `style`, one of `st`'s (the page's if None)."""
        st = st or self.st
        self.inks.colour(st.ink_of(style))
        made = KeptParagraph(self.markup(runs, st), style)
        made.links = {run.href: run.text for run in runs if run.href}
        return made

    def image(self, block: L.Image, width: float) -> Flowable:
        """A picture `width` wide at its own proportions; only files inside the project."""
        heads = (self.theme.heading_fonts,) if self.theme.heading_fonts else ()
        drawn, note = picture(block.src, width, self.theme.assets_roots,
                              (self.theme.fonts, *heads))  # for an SVG's text
        self.notes.update({note.message: note} if note else {})
        drawn.hAlign = "LEFT"
        return self.tagged(drawn, "Figure", block.alt) if block.alt.strip() else drawn

    def fit_words(self, runs: L.Inline, style: ParagraphStyle, width: float,
                  st: Styles) -> ParagraphStyle:
        """`style`, smaller if need be so that no word of a heading is wider than `width`
        (a long word would otherwise break mid-word), but never below the body size."""
        font = style.fontName
        longest = max((string_width(word, font, style.fontSize)
                       for run in runs for word in words(run.text)), default=0.0)
        if longest <= width:
            return style
        size = max(self.st.size, int(style.fontSize * width / longest * 2) / 2)
        return ParagraphStyle(style.name + "-fit", parent=style, fontSize=size,
                              leading=size * style.leading / style.fontSize,
                              textColor=st.colour("heading", size, True))

    def blocks(self, blocks: Sequence[L.Block], width: float,
               ground: str = "page") -> list[Flowable]:
        """The flowables of `blocks` in a column `width` points wide on `ground`
        (inks.GROUNDS)."""
        out: list[Flowable] = []
        for n, block in enumerate(blocks):
            after = blocks[n + 1] if n + 1 < len(blocks) else None
            made = list(self.block(block, width, ground))
            if made and _leads_in(block, after):
                made[-1].keepWithNext = True  # "linked to:" never ends a panel without its list
            out.extend(made)
        return out

    def item(self, blocks: Sequence[L.Block], width: float, ground: str,
             icon: str = "") -> list[Flowable]:
        """The flowables of a list item (an LI element: its bullet the label, its blocks
        the body), with bundled icon `icon` beside its first line if given (and every
        flowable of an item of an icon list indented to clear it); the first carries the
        label's path as `label` for TaggedList."""
        with self.within(self.node("LI")):
            label = (*self._path, self.node("Lbl"))
            with self.within(self.node("LBody")):
                st = self.on(ground)
                inset = self.icon_inset(st) if icon != "-" else 0.0
                made = self.blocks(blocks, width - inset, ground) or [Spacer(0, 0)]
        if inset:
            gap = st.size * 0.15 if len(made) == 1 else None
            made = [self.beside(made[0], icon, st, gap), *(
                pictures.IconRow(None, f, inset, 0.0) for f in made[1:])]
        made[0].label = label
        return made

    def icon_inset(self, st: Styles) -> float:
        """How far text beside an icon is set in: the icon and a gap, on `st`'s ground."""
        return st.leading * pictures.ICON_SCALE + st.size * 0.4

    def beside(self, made: Flowable, icon: str, st: Styles,
               space_after: float | None = None) -> Flowable:
        """`made` (a paragraph or heading) with bundled icon `icon` beside its first line
        (decoration: drawn as an artifact), `space_after` under it if given."""
        line = made.style.leading if hasattr(made, "style") else st.leading
        size = st.leading * pictures.ICON_SCALE
        drawn = pictures.icon(icon, size, self.theme.palette, st.ground) if icon else None
        return pictures.IconRow(drawn, made, self.icon_inset(st), line, space_after)

    def figure_box(self, block: L.Figure, width: float, st: Styles) -> Flowable:
        """A figure: its picture (a Figure element with its alt text) as wide as `width`
        or its own `width` if narrower, then its caption and credit in the caption style."""
        heads = (self.theme.heading_fonts,) if self.theme.heading_fonts else ()
        drawn, notes = pictures.figure_picture(
            block.src, min(block.width or width, width), self.theme.paper,
            self.theme.assets_roots, (self.theme.fonts, *heads))
        self.notes.update({note.message: note for note in notes})
        texts = [self.tagged(self.para(last_words_together(runs), st.caption, st), "P")
                 for runs in (block.caption, block.credit) if runs]
        return pictures.FigureBox(self.tagged(drawn, "Figure", block.alt), texts,
                                  st.size * 0.4, st.size * 0.8)

    def block(self, block: L.Block, width: float, ground: str = "page") -> Iterator[Flowable]:
        st = self.on(ground)
        if isinstance(block, L.Heading):
            style = st.headings[block.level]
            inset = self.icon_inset(st) if block.icon else 0.0
            runs = last_words_together(block.runs)
            made = self.tagged(self.para(runs, self.fit_words(
                runs, style, width - inset, st), st), f"H{block.level + 1}")
            yield self.beside(made, block.icon, st) if block.icon else made
        elif isinstance(block, L.Paragraph):
            para = self.tagged(self.para(block.runs, st.paragraph(block.style), st), "P")
            para.keepWithPrevious = block.style == "source"
            yield para
        elif isinstance(block, L.ListBlock):
            # a list's text clears its widest number (a 10th reference) by half a body size
            widest = string_width(str(len(block.items)), st.bold, st.size) \
                if block.ordered else 0.0
            indent = max(st.size * 1.3, widest + st.size * 0.6)
            bullets = block.ordered or not block.icons  # an icon stands in for a bullet
            indent = indent if bullets else 0.0
            icons = block.icons or ("-",) * len(block.items)  # "-": no icon, no inset
            with self.within(self.node("L")):
                items = [ListItem(self.item(item, width - indent, ground, icon))
                         for item, icon in zip(block.items, icons, strict=True)]
            listing = TaggedList(
                items, bullets, bulletType="1" if block.ordered else "bullet", start=None if
                block.ordered else "\u2022", leftIndent=indent, bulletFontName=st.bold if
                block.ordered else st.family, bulletFontSize=st.size,
                bulletColor=self.ink(st.ink("bullet", st.size)) if bullets else None,
                spaceAfter=st.size * 0.3)
            listing.listItems = len(block.items)  # the print plan's rule on splitting lists
            yield listing
        elif isinstance(block, L.Callout):
            pad = st.size * 0.7
            with self.within(self.node("Div")):
                inner = self.blocks(block.blocks, width - 2 * pad - 4, "box")
            table = Table([[inner]], colWidths=[width - 4])
            table.setStyle([("FONT", (0, 0), (-1, -1), st.family, st.size),
                ("BACKGROUND", (0, 0), (-1, -1), self.secondary),
                ("LINEBEFORE", (0, 0), (0, -1), 4, self.primary),
                ("LEFTPADDING", (0, 0), (-1, -1), pad), ("RIGHTPADDING", (0, 0), (-1, -1), pad),
                ("TOPPADDING", (0, 0), (-1, -1), pad * 0.6),
                ("BOTTOMPADDING", (0, 0), (-1, -1), pad * 0.2)])
            table.spaceBefore, table.spaceAfter = st.size * 0.4, st.size * 0.8
            # The print plan keeps the box whole, and a body size clear of the text above
            # it even after a heading's or a list's small space after.
            table.keepWhole, table.clearAbove = True, st.size
            yield table
        elif isinstance(block, L.Band):
            pad = st.size
            logo = block.logo
            side = logo is not None and width >= 300  # a narrow band puts the logo on top
            logo_w = min(logo.width, width - 2 * pad) if logo else 0.0
            text_w = width - (logo_w + 2 * pad if side else 0.0)
            inner = self.blocks(block.blocks, text_w - 2 * pad, "band")
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
            lines = [self.tagged(self.para(line, line_style, st), "P") for line in block.lines]
            if block.qr:
                size = PRINT_QR_SIZE
                cell = [self.figure(block.qr, size)]
                wide = width >= 300
                if block.caption:
                    cap = ParagraphStyle("qrcap", parent=st.meta,
                                         alignment=TA_CENTER if wide else 0, spaceAfter=0)
                    self.inks.colour(st.ink_of(cap))
                    cell.append(self.tagged(KeptParagraph(_unbroken(block.caption), cap), "P"))
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
            self.inks.colour(st.ink_of(st.body))
            for term, definition in block.items:
                made = KeptParagraph(f"<b>{self.markup(term, st)}</b>: "
                                     f"{self.markup(definition, st)}", st.body)
                made.links = {r.href: r.text for r in (*term, *definition) if r.href}
                yield self.tagged(made, "P")
        elif isinstance(block, L.QRCode):
            yield self.figure(block.url, block.size)
            if block.caption:
                self.inks.colour(st.ink_of(st.meta))
                yield self.tagged(KeptParagraph(_unbroken(block.caption), st.meta), "P")
        elif isinstance(block, L.Image):
            yield self.image(block, min(block.width, width))
        elif isinstance(block, L.Figure):
            yield self.figure_box(block, width, st)
        elif isinstance(block, L.Rule):
            yield HRFlowable(width="100%", thickness=1, color=self.primary,
                             spaceBefore=st.size * 0.3, spaceAfter=st.size * 0.6)
        elif isinstance(block, L.Spacer):
            yield Spacer(width, block.height)
        elif isinstance(block, L.PageBreak):
            yield FrameBreak()

