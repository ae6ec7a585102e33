"""The deck writer: a layout Document's slides drawn with python-pptx.

`slideplan.plan` decides which text goes on which slide (measured with the same TrueType
files as the PDFs); this module only draws the plan: real title placeholders on every
slide, bullets in the body placeholder, callouts as shaded boxes, pictures with alt text,
speaker notes, and a slide-number field. The saved file is byte-identical for the same
inputs: fixed document properties and fixed zip timestamps.
"""

from __future__ import annotations

import copy
import datetime as dt
import functools
import io
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import segno
from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.enum.shapes import MSO_SHAPE, PP_PLACEHOLDER
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _PhysPkgWriter
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.text.text import _Run
from pptx.util import Emu, Pt

from handouts import layout as L
from handouts import slideplan
from handouts.assets import load_picture
from handouts.colours import text_on
from handouts.fonts import Fonts
from handouts.pdf import MissingGlyphs, font_family, missing_glyphs
from handouts.slideplan import PlannedSlide, SlideGeometry

SLIDE_SIZES = {"16:9": (960.0, 540.0), "4:3": (720.0, 540.0)}
"""Slide width and height in points."""

LAYOUT_NAMES = {"title": "Title Slide", "section": "Section Header",
                "content": "Title and Content", "closing": "Title and Content"}
"""The slide layout each kind of slide uses, by the names PowerPoint gives them."""
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
MUTED = "#595959"
"""The grey of presenter fields, captions and slide numbers (AA on white)."""


@dataclass(frozen=True)
class DeckTheme:
    """How a deck looks: slide size, body size, font and colours."""

    fonts: Fonts
    font_name: str
    """The family name written into the deck (PowerPoint substitutes if not installed)."""
    heading_fonts: Fonts | None = None
    heading_font_name: str | None = None
    body_size: float = 24.0
    primary: str = "#1F5C99"
    secondary: str = "#E8F0F7"
    foreground: str = "#1A1A1A"
    slide_size: str = "16:9"
    title: str = ""
    author: str = ""
    date: dt.date = dt.date(2000, 1, 1)
    assets_root: Path = Path(".")
    template: Path | None = None
    """A clinic's own .pptx: its layouts are used by name, its theme fonts and colours kept."""

    @property
    def styled(self) -> bool:
        """Whether this writer sets fonts and colours itself (no clinic template)."""
        return self.template is None


class DeckOverflow(Exception):
    """Text that does not fit a slide even after splitting."""


def _measure(fonts: Fonts) -> slideplan.Measure:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    family = font_family(fonts, italic=False)  # slide text is measured upright

    def measure(text: str, size: float, bold: bool) -> float:
        return float(stringWidth(text, family + ("-Bold" if bold else ""), size))

    return measure


def _rgb(hex_colour: str) -> RGBColor:
    value = hex_colour.lstrip("#")
    return RGBColor(int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))  # type: ignore[no-untyped-call]


def _runs(paragraph: Any, runs: L.Inline, size: float, theme: DeckTheme,
          colour: str | None = None, bold: bool = False, heading: bool = False) -> None:
    """Append `runs` to the paragraph, written as DrawingML directly (python-pptx's run
    properties cost a search of the XML per attribute; a deck has hundreds of runs)."""
    p = paragraph._p
    end = p.find(qn("a:endParaRPr"))
    name = ((theme.heading_font_name or theme.font_name) if heading else theme.font_name) \
        if theme.styled else None
    fill = (colour or theme.foreground).lstrip("#").upper() \
        if theme.styled or colour == MUTED else None  # our own small boxes keep their grey
    for r in runs:
        run = etree.SubElement(p, qn("a:r"))
        props = etree.SubElement(run, qn("a:rPr"), sz=str(round(size * 100)))
        if r.bold or bold:
            props.set("b", "1")
        if r.italic:
            props.set("i", "1")
        props.set("cap", "none")  # some layouts set titles in capitals
        if fill is not None:
            solid = etree.SubElement(props, qn("a:solidFill"))
            etree.SubElement(solid, qn("a:srgbClr"), val=fill)
        if name is not None:
            etree.SubElement(props, qn("a:latin"), typeface=name)
        etree.SubElement(run, qn("a:t")).text = r.text
        if r.href:
            _Run(run, paragraph).hyperlink.address = r.href
    if end is not None:
        p.append(end)  # the paragraph's end properties stay last


_SPACING_AND_BULLET = frozenset(qn(tag) for tag in (
    "a:lnSpc", "a:spcAft", "a:buClr", "a:buNone", "a:buChar", "a:buAutoNum"))


def _paragraph(paragraph: Any, item: slideplan.Item | None, theme: DeckTheme, line: float,
               after: float = 0.0) -> None:
    """A paragraph's exact line spacing, space after and bullet (none for `item` None or
    not a bullet), written as DrawingML directly, in the order the schema wants."""
    p_pr = paragraph._p.get_or_add_pPr()
    for old in [child for child in p_pr if child.tag in _SPACING_AND_BULLET]:
        p_pr.remove(old)
    new = []
    for tag, points in (("a:lnSpc", line), ("a:spcAft", after)):
        spacing = etree.SubElement(p_pr, qn(tag))
        etree.SubElement(spacing, qn("a:spcPts"), val=str(round(points * 100)))
        new.append(spacing)
    if item is not None and item.style == "bullet":
        indent = int(Pt(theme.body_size * 1.1))
        p_pr.set("marL", str(indent))
        p_pr.set("indent", str(-indent))
        colour = etree.SubElement(p_pr, qn("a:buClr"))
        etree.SubElement(colour, qn("a:srgbClr"), val=theme.primary.lstrip("#").upper())
        new.append(colour)
        if item.ordinal:
            new.append(etree.SubElement(p_pr, qn("a:buAutoNum"), type="arabicPeriod",
                                        startAt=str(item.ordinal)))
        else:
            new.append(etree.SubElement(p_pr, qn("a:buChar"), char="\u2022"))
    elif item is not None:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        new.append(etree.SubElement(p_pr, qn("a:buNone")))
    for index, element in enumerate(new):
        p_pr.insert(index, element)


def _frame(shape: Any, left: float, top: float, width: float, height: float,
           place: bool = True) -> Any:
    """The shape's emptied text frame, placed at the box unless `place` is False; it wraps,
    never resizes, and has no insets (the plan measured the box edge to edge)."""
    if place:
        xfrm = shape._element.get_or_add_xfrm()
        off, ext = xfrm.get_or_add_off(), xfrm.get_or_add_ext()
        off.set("x", str(int(Pt(left))))
        off.set("y", str(int(Pt(top))))
        ext.set("cx", str(int(Pt(width))))
        ext.set("cy", str(int(Pt(height))))
    tf = shape.text_frame
    tf.clear()
    tf.auto_size = MSO_AUTO_SIZE.NONE
    body = tf._bodyPr
    body.set("wrap", "square")
    for inset in ("lIns", "tIns", "rIns", "bIns"):
        body.set(inset, "0")
    return tf


def _title_size(title: L.Inline, geo: SlideGeometry, measure: slideplan.Measure,
                lines: int = 2) -> float:
    for size in (geo.title_size, 32.0, 28.0):
        if slideplan.wrap_lines(tuple(L.Run(r.text, True) for r in title), geo.body_width - 10,
                                size, measure) <= lines:
            return size
    raise DeckOverflow(f"the slide title '{slideplan.text(title)}' needs more than {lines} "
                       "lines even at 28 pt; shorten it")


def _slide_number(slide: Any, geo: SlideGeometry, number: int) -> None:
    box = slide.shapes.add_textbox(Pt(geo.width - geo.margin - 60), Pt(geo.height - 36),
                                   Pt(60), Pt(24))
    box.name = "Slide number"
    p = box.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT
    field = etree.SubElement(p._p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                             type="slidenum")
    r_pr = etree.SubElement(field, qn("a:rPr"), lang="en-US", sz="1400")
    fill = etree.SubElement(r_pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=MUTED.lstrip("#"))
    etree.SubElement(field, qn("a:t")).text = str(number)


@functools.lru_cache(maxsize=32)
def _qr_bytes(url: str) -> bytes:
    """The QR code for `url` as PNG (encoding is slow; a build links to a few addresses)."""
    out = io.BytesIO()
    segno.make(url, error="m").save(out, kind="png", scale=10, border=2)
    return out.getvalue()


def _qr_png(url: str) -> io.BytesIO:
    return io.BytesIO(_qr_bytes(url))


def write(doc: L.Document, theme: DeckTheme) -> tuple[bytes, list[str]]:
    """Draw the slides of `doc` as .pptx bytes, with any warnings; raises DeckOverflow
    instead of cutting text."""
    missing = missing_glyphs(doc, theme.fonts)
    if missing:
        raise MissingGlyphs(missing)
    warnings: list[str] = []
    if theme.template is not None:
        prs = Presentation(str(theme.template))
        _drop_slides(prs)
        geo = _template_geometry(prs, theme)
    else:
        prs = Presentation()
        width, height = SLIDE_SIZES[theme.slide_size]
        prs.slide_width, prs.slide_height = Pt(width), Pt(height)
        geo = SlideGeometry(width, height, theme.body_size)
    measure = _measure(theme.fonts)
    title_measure = _measure(theme.heading_fonts or theme.fonts)
    slides = [p for p in doc.parts if isinstance(p, L.Slide)]
    try:
        planned = slideplan.plan(slides, geo, measure)
    except slideplan.SlideOverflow as exc:
        raise DeckOverflow(str(exc)) from None
    layouts = _layouts(prs, warnings, theme.template)
    first_notes = None
    pristine: dict[int, Any] = {}
    for number, plan in enumerate(planned, 1):
        slide = _add_slide(prs, layouts[plan.kind], number, pristine)
        _draw(slide, plan, geo, theme, measure, title_measure)
        _slide_number(slide, geo, number)
        notes = _notes_slide(slide, number, first_notes)
        first_notes = first_notes or notes
        notes.notes_text_frame.text = "\n".join(plan.notes)
    props = prs.core_properties
    stamp = dt.datetime.combine(theme.date, dt.time())
    props.title, props.author, props.subject = theme.title, theme.author, theme.title
    props.last_modified_by, props.revision = "make-handouts", 1
    props.created = props.modified = stamp
    props.last_printed = stamp
    return _save(prs), warnings


def _add_slide(prs: Any, layout: Any, number: int, pristine: dict[int, Any]) -> Any:
    """Slide `number`, new, on `layout`. The first slide on each layout is made by
    python-pptx, which copies the layout's placeholders; later ones are copies of that
    slide as it was before anything was drawn on it (copying the placeholders again for
    every slide costs more than drawing it)."""
    if id(layout) not in pristine:
        slide = prs.slides.add_slide(layout)
        pristine[id(layout)] = copy.deepcopy(slide.element)
        return slide
    part = SlidePart(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE,
                     prs.part.package, copy.deepcopy(pristine[id(layout)]))
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    prs.slides._sldIdLst.add_sldId(prs.part.relate_to(part, RT.SLIDE))
    return part.slide


def _notes_slide(slide: Any, number: int, first: Any | None) -> Any:
    """Slide `number`'s (new) notes page. The first is made by python-pptx from the notes master;
    the rest are copies of it, which is much faster than cloning the master's placeholders
    for every slide."""
    if first is None:
        return slide.notes_slide
    package = slide.part.package
    element = copy.deepcopy(first.element)
    # Only this deck's slides have notes pages (a template's own slides are dropped, and
    # their notes with them), so the slide's number names its notes page too.
    part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"),
                          CT.PML_NOTES_SLIDE, package, element)
    part.relate_to(first.part.part_related_by(RT.NOTES_MASTER), RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


class _FixedTimeWriter(PackageWriter):
    """python-pptx's package writer, with every zip entry's time fixed, so equal decks are
    equal bytes (its own writer stamps the current time)."""

    def _write(self) -> None:
        with zipfile.ZipFile(self._pkg_file, "w", zipfile.ZIP_DEFLATED) as archive:
            entries = _Entries(archive)
            self._write_content_types_stream(entries)
            self._write_pkg_rels(entries)
            self._write_parts(entries)


class _Entries(_PhysPkgWriter):
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, FIXED_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self.archive.writestr(entry, blob)


def _save(prs: Any) -> bytes:
    out = io.BytesIO()
    package = prs.part.package
    _FixedTimeWriter.write(out, package._rels, tuple(package.iter_parts()))
    return out.getvalue()


def _has_title(layout: Any) -> bool:
    return any(ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
               for ph in layout.placeholders)


def _layouts(prs: Any, warnings: list[str], template: Path | None) -> dict[str, Any]:
    """The slide layout for each kind of slide, by name; a missing one falls back to
    'Title and Content' (or the first layout with a title), with a warning."""
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    titled = [layout for layout in prs.slide_layouts if _has_title(layout)]
    if not titled:
        raise DeckOverflow(f"the PowerPoint template {template} has no slide layout with a "
                           "title placeholder; add one (for example 'Title and Content')")
    fallback = by_name["Title and Content"] if "Title and Content" in by_name and \
        _has_title(by_name["Title and Content"]) else titled[0]
    out = {}
    for kind, name in LAYOUT_NAMES.items():
        layout = by_name.get(name)
        if layout is None or not _has_title(layout):
            warnings.append(f"{template}: no slide layout named '{name}' with a title; using "
                            f"'{fallback.name}' for {kind} slides")
            layout = fallback
        out[kind] = layout
    return out


def _drop_slides(prs: Any) -> None:
    """Remove a template's own example slides, keeping its masters and layouts."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def _template_geometry(prs: Any, theme: DeckTheme) -> SlideGeometry:
    """Where a clinic template's 'Title and Content' layout puts its title and body."""
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    layout = next((lay for lay in prs.slide_layouts if lay.name == "Title and Content"), None)
    body = title = None
    if layout is not None:
        for ph in layout.placeholders:
            if ph.placeholder_format.idx == 1:
                body = ph
            elif ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                title = ph
    if body is None or title is None:
        return SlideGeometry(width, height, theme.body_size)
    left, top = Emu(body.left).pt, Emu(body.top).pt
    return SlideGeometry(width, height, theme.body_size, margin=left,
                         title_top=Emu(title.top).pt, title_height=Emu(title.height).pt,
                         body_top=top, bottom=max(24.0, height - top - Emu(body.height).pt))


def _draw(slide: Any, plan: PlannedSlide, geo: SlideGeometry, theme: DeckTheme,
          measure: slideplan.Measure, title_measure: slideplan.Measure) -> None:
    shapes = slide.shapes
    title_shape = shapes.title
    m = geo.margin
    if plan.kind in ("title", "section"):
        band_top, band_h = geo.height * 0.30, geo.height * 0.34
        # The title placeholder itself is the colour band, so it stays first in reading order.
        size = _title_size(plan.title, geo, title_measure)
        tf = _frame(title_shape, 0, band_top, geo.width, band_h, place=theme.styled)
        if theme.styled:  # a clinic template's title slide keeps its own design
            tf.margin_left = tf.margin_right = Pt(m)
            tf.vertical_anchor = MSO_ANCHOR.MIDDLE
            title_shape.fill.solid()
            title_shape.fill.fore_color.rgb = _rgb(theme.primary)
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        _runs(p, plan.title, size, theme, text_on(theme.primary), bold=True, heading=True)
        sub = next((s for s in shapes.placeholders if s.placeholder_format.idx == 1), None)
        if sub is not None:
            tf = _frame(sub, m, band_top + band_h + 16, geo.body_width, 110,
                        place=theme.styled)
            tf.vertical_anchor = MSO_ANCHOR.TOP
            lines = [plan.subtitle] if plan.subtitle else []
            for i, line in enumerate(lines):
                p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                p.alignment = PP_ALIGN.LEFT
                _runs(p, line, geo.body_size, theme)
            if not lines:
                sub._element.getparent().remove(sub._element)
        if plan.fields:
            box = shapes.add_textbox(Pt(m), Pt(geo.height - 96), Pt(geo.body_width - 80),
                                     Pt(48))
            box.name = "Presenter and date"
            tf = box.text_frame
            tf.word_wrap = True
            for i, field in enumerate(plan.fields):
                p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                _runs(p, (L.Run(field),), 18, theme, MUTED)
        left = m
        for image in plan.images[:1]:
            pic = _picture(shapes, image, theme, m, 30, max_w=200, max_h=72)
            left = m + Emu(pic.width).pt + 16
        if plan.items:
            box = shapes.add_textbox(Pt(left), Pt(40), Pt(geo.width - m - left), Pt(60))
            box.name = "Clinic"
            _runs(box.text_frame.paragraphs[0], plan.items[0].runs, 20, theme, theme.primary,
                  bold=True)
        return
    size = _title_size(plan.title, geo, title_measure)
    tf = _frame(title_shape, m, geo.title_top, geo.body_width, geo.title_height,
                place=theme.styled)
    tf.vertical_anchor = MSO_ANCHOR.BOTTOM
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    _runs(p, plan.title, size, theme, theme.primary, bold=True, heading=True)
    if theme.styled:
        rule = shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(m),
                                Pt(geo.title_top + geo.title_height + 6), Pt(96), Pt(4))
        rule.name = "Title rule"
        rule.fill.solid()
        rule.fill.fore_color.rgb = _rgb(theme.primary)
        rule.line.fill.background()
    qr_w = 170.0 if plan.qr else 0.0
    body_w = geo.body_width - qr_w
    body_geo = SlideGeometry(geo.width - qr_w, geo.height, geo.body_size)
    callouts = [i for i in plan.items if i.style == "callout"]
    texts = [i for i in plan.items if i.style != "callout"]
    callout_h = sum(slideplan.item_height(i, body_geo, measure) for i in callouts)
    body = next((s for s in shapes.placeholders if s.placeholder_format.idx == 1), None)
    if body is None and texts:  # a layout without a body placeholder: a text box instead
        body = shapes.add_textbox(Pt(m), Pt(geo.body_top), Pt(body_w), Pt(geo.body_height))
        body.name = "Body text"
    if body is not None:
        if texts:
            tf = _frame(body, m, geo.body_top, body_w, geo.body_height - callout_h)
            tf.vertical_anchor = MSO_ANCHOR.TOP
            for n, item in enumerate(texts):
                p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
                _paragraph(p, item, theme, geo.body_size * slideplan.LINE_SPACING,
                           geo.body_size * slideplan.PARA_GAP)
                _runs(p, item.runs, geo.body_size, theme)
        else:
            body._element.getparent().remove(body._element)
    # Callouts sit at the foot of the text area, or in its middle on a slide of their own.
    top = geo.body_top + (geo.body_height - callout_h) / (1 if texts else 2)
    for item in callouts:
        h = slideplan.item_height(item, body_geo, measure) - geo.body_size * slideplan.PARA_GAP
        box = shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(m), Pt(top), Pt(body_w), Pt(h))
        box.name = "Callout"
        box.fill.solid()
        box.fill.fore_color.rgb = _rgb(theme.secondary)
        box.line.color.rgb = _rgb(theme.primary)
        box.line.width = Pt(2)
        tf = box.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        pad = Pt(geo.body_size * slideplan.CALLOUT_PAD)
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = pad
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        p = tf.paragraphs[0]
        _paragraph(p, None, theme, geo.body_size * slideplan.LINE_SPACING)
        _runs(p, item.runs, geo.body_size, theme, text_on(theme.secondary), bold=True)
        top += h + geo.body_size * slideplan.PARA_GAP
    if plan.qr:
        pic = shapes.add_picture(_qr_png(plan.qr), Pt(geo.width - m - 150), Pt(geo.body_top),
                                 Pt(150), Pt(150))
        pic.name = "QR code"
        pic._element.nvPicPr.cNvPr.set("descr", f"QR code linking to {plan.qr}")
        if plan.qr_caption:
            cap = shapes.add_textbox(Pt(geo.width - m - 150), Pt(geo.body_top + 156), Pt(150),
                                     Pt(30))
            cap.name = "QR caption"
            p = cap.text_frame.paragraphs[0]
            p.alignment = PP_ALIGN.CENTER
            _runs(p, (L.Run(plan.qr_caption),), 16, theme, MUTED)
    for image in plan.images[:1]:
        _picture(shapes, image, theme, geo.width - m - 150, geo.body_top + (200 if plan.qr else 0),
                 max_w=150, max_h=80)


def _picture(shapes: Any, image: L.Image, theme: DeckTheme, left: float, top: float,
             max_w: float, max_h: float) -> Any:
    """A picture from the project, at most max_w x max_h points, with its alt text."""
    data, w, h = load_picture(image.src, theme.assets_root)
    scale = min(max_w / w, max_h / h)
    pic = shapes.add_picture(data, Pt(left), Pt(top), Pt(w * scale), Pt(h * scale))
    pic.name = "Logo"
    pic._element.nvPicPr.cNvPr.set("descr", image.alt or "Logo")
    return pic
