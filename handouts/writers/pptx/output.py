"""The deck writer: a layout Document's slides drawn with python-pptx.

`slideplan.plan` decides which text goes on which slide (measured with the same TrueType
files as the PDFs); this module only draws the plan: real title placeholders on every
slide, bullets in the body placeholder, callouts as shaded boxes, pictures with alt text,
speaker notes, and a slide-number field. The saved file is byte-identical for the same
inputs: fixed document properties and fixed zip timestamps. `deck_theme` holds the theme,
`deck_text` writes the DrawingML text, and `deck_package` handles layouts, slide and notes
parts and the zip.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
from typing import Any

from pptx import Presentation
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.util import Emu, Pt

from handouts import qr
from handouts.brand.assets import load_picture
from handouts.colours import text_on
from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.files import Refused
from handouts.fonts.families import Fonts
from handouts.writers.pdf.flowables import MissingGlyphs, font_family, missing_glyphs
from handouts.writers.pptx import plan as slideplan
from handouts.writers.pptx import template as pptxtemplate
from handouts.writers.pptx.package import (
    FIXED_TIME,
    LAYOUT_NAMES,
    add_notes_slide,
    add_slide,
    drop_slides,
    layouts_by_kind,
    save,
    template_geometry,
)
from handouts.writers.pptx.plan import PlannedSlide, SlideGeometry
from handouts.writers.pptx.text import add_runs, add_slide_number, format_paragraph, rgb, text_frame
from handouts.writers.pptx.theme import MUTED, SLIDE_SIZES, DeckOverflow, DeckTheme

__all__ = ["FIXED_TIME", "LAYOUT_NAMES", "MUTED", "SLIDE_SIZES", "DeckOverflow", "DeckTheme",
           "write"]


def _measure(fonts: Fonts) -> slideplan.Measure:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    family = font_family(fonts, italic=False)  # slide text is measured upright

    def measure(text: str, size: float, bold: bool) -> float:
        return float(stringWidth(text, family + ("-Bold" if bold else ""), size))

    return measure


def _title_size(title: L.Inline, geo: SlideGeometry, measure: slideplan.Measure,
                lines: int = 2) -> float:
    for size in (geo.title_size, 32.0, 28.0):
        if slideplan.wrap_lines(tuple(L.Run(r.text, True) for r in title), geo.body_width - 10,
                                size, measure) <= lines:
            return size
    raise DeckOverflow(f"the slide title '{slideplan.text(title)}' needs more than {lines} "
                       "lines even at 28 pt; shorten it")


@functools.lru_cache(maxsize=32)
def _qr_bytes(url: str) -> bytes:
    """The QR code for `url` as PNG (encoding is slow; a build links to a few addresses)."""
    out = io.BytesIO()
    qr.make(url).save(out, kind="png", scale=10, border=2)
    return out.getvalue()


def _qr_png(url: str) -> io.BytesIO:
    return io.BytesIO(_qr_bytes(url))


def write(doc: L.Document, theme: DeckTheme) -> tuple[bytes, list[Diagnostic]]:
    """Draw the slides of `doc` as .pptx bytes, with any warnings; raises DeckOverflow
    instead of cutting text."""
    missing = missing_glyphs(doc, theme.fonts)
    if missing:
        raise MissingGlyphs(missing)
    warnings: list[Diagnostic] = []
    if theme.template is not None:
        # The brand reader already kept the template inside the project and checked it;
        # these are the same checked and cleaned bytes, from its cache.
        try:
            template = pptxtemplate.load(theme.template, (theme.template.parent,))
        except Refused as exc:  # changed since the brand was read
            raise DeckOverflow(f"the PowerPoint template {exc.path} {exc.what}; {exc.todo}") \
                from None
        prs = Presentation(io.BytesIO(template.data))
        drop_slides(prs)
        geo = template_geometry(prs, theme)
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
    layouts = layouts_by_kind(prs, warnings, theme.template)
    first_notes = None
    pristine: dict[int, Any] = {}
    for number, plan in enumerate(planned, 1):
        slide = add_slide(prs, layouts[plan.kind], number, pristine)
        _draw(slide, plan, geo, theme, measure, title_measure)
        add_slide_number(slide, geo, number)
        notes = add_notes_slide(slide, number, first_notes)
        first_notes = first_notes or notes
        notes.notes_text_frame.text = "\n".join(plan.notes)
    props = prs.core_properties
    stamp = dt.datetime.combine(theme.date, dt.time())
    props.title, props.author, props.subject = theme.title, theme.author, theme.title
    props.last_modified_by, props.revision = "make-handouts", 1
    props.created = props.modified = stamp
    props.last_printed = stamp
    return save(prs), warnings


def _draw(slide: Any, plan: PlannedSlide, geo: SlideGeometry, theme: DeckTheme,
          measure: slideplan.Measure, title_measure: slideplan.Measure) -> None:
    shapes = slide.shapes
    title_shape = shapes.title
    m = geo.margin
    if plan.kind in ("title", "section"):
        band_top, band_h = geo.height * 0.30, geo.height * 0.34
        # The title placeholder itself is the colour band, so it stays first in reading order.
        size = _title_size(plan.title, geo, title_measure)
        tf = text_frame(title_shape, 0, band_top, geo.width, band_h, place=theme.styled)
        if theme.styled:  # a clinic template's title slide keeps its own design
            tf.margin_left = tf.margin_right = Pt(m)
            tf.vertical_anchor = MSO_ANCHOR.MIDDLE
            title_shape.fill.solid()
            title_shape.fill.fore_color.rgb = rgb(theme.palette.primary)
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        add_runs(p, plan.title, size, theme, text_on(theme.palette.primary), bold=True,
                 heading=True)
        sub = next((s for s in shapes.placeholders if s.placeholder_format.idx == 1), None)
        if sub is not None:
            tf = text_frame(sub, m, band_top + band_h + 16, geo.body_width, 110,
                            place=theme.styled)
            tf.vertical_anchor = MSO_ANCHOR.TOP
            lines = [plan.subtitle] if plan.subtitle else []
            for i, line in enumerate(lines):
                p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                p.alignment = PP_ALIGN.LEFT
                add_runs(p, line, geo.body_size, theme)
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
                add_runs(p, (L.Run(field),), 18, theme, MUTED)
        left = m
        for image in plan.images[:1]:
            pic = _picture(shapes, image, theme, m, 30, max_w=200, max_h=72)
            left = m + Emu(pic.width).pt + 16
        if plan.items:
            box = shapes.add_textbox(Pt(left), Pt(40), Pt(geo.width - m - left), Pt(60))
            box.name = "Clinic"
            add_runs(box.text_frame.paragraphs[0], plan.items[0].runs, 20, theme,
                     theme.palette.primary, bold=True)
        return
    size = _title_size(plan.title, geo, title_measure)
    tf = text_frame(title_shape, m, geo.title_top, geo.body_width, geo.title_height,
                    place=theme.styled)
    tf.vertical_anchor = MSO_ANCHOR.BOTTOM
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    add_runs(p, plan.title, size, theme, theme.palette.primary, bold=True, heading=True)
    if theme.styled:
        rule = shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(m),
                                Pt(geo.title_top + geo.title_height + 6), Pt(96), Pt(4))
        rule.name = "Title rule"
        rule.fill.solid()
        rule.fill.fore_color.rgb = rgb(theme.palette.primary)
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
            tf = text_frame(body, m, geo.body_top, body_w, geo.body_height - callout_h)
            tf.vertical_anchor = MSO_ANCHOR.TOP
            for n, item in enumerate(texts):
                p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
                format_paragraph(p, item, theme, geo.body_size * slideplan.LINE_SPACING,
                                 geo.body_size * slideplan.PARA_GAP)
                add_runs(p, item.runs, geo.body_size, theme)
        else:
            body._element.getparent().remove(body._element)
    # Callouts sit at the foot of the text area, or in its middle on a slide of their own.
    top = geo.body_top + (geo.body_height - callout_h) / (1 if texts else 2)
    for item in callouts:
        h = slideplan.item_height(item, body_geo, measure) - geo.body_size * slideplan.PARA_GAP
        box = shapes.add_shape(MSO_SHAPE.RECTANGLE, Pt(m), Pt(top), Pt(body_w), Pt(h))
        box.name = "Callout"
        box.fill.solid()
        box.fill.fore_color.rgb = rgb(theme.palette.secondary)
        box.line.color.rgb = rgb(theme.palette.primary)
        box.line.width = Pt(2)
        tf = box.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        pad = Pt(geo.body_size * slideplan.CALLOUT_PAD)
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = pad
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        p = tf.paragraphs[0]
        format_paragraph(p, None, theme, geo.body_size * slideplan.LINE_SPACING)
        add_runs(p, item.runs, geo.body_size, theme, text_on(theme.palette.secondary), bold=True)
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
            add_runs(p, (L.Run(plan.qr_caption),), 16, theme, MUTED)
    for image in plan.images[:1]:
        _picture(shapes, image, theme, geo.width - m - 150, geo.body_top + (200 if plan.qr else 0),
                 max_w=150, max_h=80)


def _picture(shapes: Any, image: L.Image, theme: DeckTheme, left: float, top: float,
             max_w: float, max_h: float) -> Any:
    """A picture from the project, at most max_w x max_h points, with its alt text."""
    data, w, h = load_picture(image.src, theme.assets_roots)
    scale = min(max_w / w, max_h / h)
    pic = shapes.add_picture(data, Pt(left), Pt(top), Pt(w * scale), Pt(h * scale))
    pic.name = "Logo"
    pic._element.nvPicPr.cNvPr.set("descr", image.alt or "Logo")
    return pic
