"""The deck writer: a layout Document's slides drawn with python-pptx.

`handouts.writers.pptx.plan` decides which text goes on which slide (measured with the same
TrueType files as the PDFs), the title sizes, and the box of every shape; this module only
draws the plan, measuring and choosing nothing: real title placeholders on every slide,
bullets in the body placeholder, callouts as shaded boxes, pictures with alt text, speaker
notes, and a slide-number field. The saved file is byte-identical for the same inputs:
fixed document properties and fixed zip timestamps. `theme` holds the theme, `text`
writes the DrawingML text, `layouts` chooses the layout of each kind of slide,
`access` puts each finished slide in reading order, marks its decorative shapes and gives
every run the document's language, and `package` handles slide and notes parts, the notes
master and the zip. `write` is the
writer's entry (handouts.writers.table); `draw` is the same from a ready-made theme.
"""

from __future__ import annotations

import datetime as dt
import io
from collections import Counter
from pathlib import Path
from typing import Any

from lxml import etree
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, MSO_AUTO_SIZE, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.util import Length, Pt

from handouts import qr
from handouts.brand.assets import ImageProblem, load_picture
from handouts.colours import WHITE
from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.fonts.families import Fonts
from handouts.fonts.metrics import measurer
from handouts.writers.contract import Output, UnusablePicture, WriterInputs
from handouts.writers.pptx import plan as slideplan
from handouts.writers.pptx import template as pptxtemplate
from handouts.writers.pptx.access import finish
from handouts.writers.pptx.backgrounds import unchecked
from handouts.writers.pptx.cells import draw_cells
from handouts.writers.pptx.icons import draw_figure, draw_icons, figure_image
from handouts.writers.pptx.inks import DeckInks
from handouts.writers.pptx.layouts import (
    body_placeholder,
    layouts_by_kind,
    picture_layout,
    template_geometry,
    unused_placeholders,
)
from handouts.writers.pptx.package import (
    FIXED_TIME,
    add_notes_slide,
    add_slide,
    drop_slides,
    keep_notes,
    plain_presentation,
    save,
)
from handouts.writers.pptx.plan import PlannedSlide, SlideGeometry
from handouts.writers.pptx.slides import layout_of
from handouts.writers.pptx.text import add_runs, add_slide_number, format_paragraph, rgb, text_frame
from handouts.writers.pptx.theme import (
    MUTED,
    SLIDE_SIZES,
    DeckOverflow,
    DeckTheme,
    deck_ink,
    deck_theme,
)

__all__ = ["FIXED_TIME", "MUTED", "SLIDE_SIZES", "DeckOverflow", "DeckTheme",
           "draw", "write"]


def _measure(fonts: Fonts) -> slideplan.Measure:
    return measurer(fonts)  # slide text is measured upright


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    """The deck of `doc` for a job's `inputs`, with its slide count, first title and any
    warnings; raises DeckOverflow (a contract.DoesNotFit) instead of cutting text,
    UnusablePicture for a picture that cannot be used, WriterError for a PowerPoint
    template changed since the brand was read. Every character must be one the fonts can
    draw (the build checks, handouts.build.glyphs)."""
    try:
        return draw(doc, deck_theme(inputs))
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None


def draw(doc: L.Document, theme: DeckTheme) -> Output:
    """Draw the slides of `doc` in `theme` as .pptx bytes, with their count, the first
    slide's title and any warnings (a `low-contrast` one for every brand colour replaced
    by one that reads on its ground); raises as `write` does, but brand.assets.ImageProblem
    for a bad picture."""
    warnings: list[Diagnostic] = []
    inks = DeckInks(theme)
    if theme.template is not None:
        # The brand reader already kept the template inside the project and checked it.
        prs = pptxtemplate.presentation(theme.template)
        drop_slides(prs)
        layouts = layouts_by_kind(prs, warnings, theme.template)
        geo = template_geometry(prs, theme, layouts["content"])
        layouts["picture"] = picture_layout(prs, layouts["content"])
    else:
        width, height = SLIDE_SIZES[theme.slide_size]
        prs = plain_presentation(width, height)
        layouts = layouts_by_kind(prs, warnings, None)
        layouts["picture"] = layouts["content"]  # the built-in picture slide
        geo = SlideGeometry(width, height, theme.body_size)
        # Links take the brand's colour, in PowerPoint's theme as in each linked run.
        _link_colour(prs, deck_ink(theme, "link", "slide", theme.body_size)
                     .resolve(inks.inks.others)[0])
    measure = _measure(theme.fonts)
    title_measure = _measure(theme.heading_fonts or theme.fonts)
    slides = [p for p in doc.parts if isinstance(p, L.Slide)]
    heads = theme.heading_fonts.files if theme.heading_fonts else ()
    pictures = _Pictures(theme.assets_roots, (*theme.fonts.files, *heads))
    # raises SlideOverflow, a DoesNotFit
    planned = slideplan.plan(slides, geo, measure, title_measure, pictures.size,
                             theme.labels)
    first_notes = None
    pristine: dict[int, Any] = {}
    for number, plan in enumerate(planned, 1):
        layout = layouts[layout_of(plan)]
        slide = add_slide(prs, layout, number, pristine)
        if theme.template is not None:  # our own text boxes sit on the template's slide
            inks.on_slide(number, layout)
        if theme.ground != WHITE:  # a white slide is left as it is
            slide.background.fill.solid()
            slide.background.fill.fore_color.rgb = rgb(theme.ground)
        _draw(slide, plan, theme, pictures, inks)
        add_slide_number(slide, plan.boxes.number, number,
                         inks("muted", "slide", slideplan.NUMBER_SIZE))
        notes = add_notes_slide(slide, number, first_notes)
        first_notes = first_notes or notes
        notes.notes_text_frame.text = "\n".join(plan.notes)
        finish(slide, layout, notes, doc.lang)
    keep_notes(prs)
    if inks.links:  # presentation programs colour links from the theme, not the run
        _link_colour(prs, Counter(inks.links).most_common(1)[0][0])
    if theme.template is not None:
        warnings += unchecked([layouts[layout_of(p)] for p in planned], theme.template)
    props = prs.core_properties
    stamp = dt.datetime.combine(theme.date, dt.time())
    props.title, props.author, props.subject = theme.title, theme.author, theme.title
    props.last_modified_by, props.revision = "make-handouts", 1
    props.created = props.modified = stamp
    props.last_printed = stamp
    first = slideplan.text(planned[0].title) if planned else ""
    return Output(save(prs), len(planned), (*warnings, *inks.warnings(theme.template)), first)


class _Pictures:
    """The pictures of one deck, each read once: the planner asks for their sizes, the
    drawing for their bytes."""

    def __init__(self, roots: tuple[Path, ...], fonts: tuple[Path, ...]) -> None:
        self.roots = roots
        self.fonts = fonts
        """The brand's font files, for an SVG's text."""
        self.read: dict[str, tuple[bytes, int, int]] = {}

    def _load(self, image: L.Image) -> tuple[bytes, int, int]:
        if image.src not in self.read:
            data, w, h = load_picture(image.src, self.roots, self.fonts)
            self.read[image.src] = (data.getvalue(), w, h)
        return self.read[image.src]

    def size(self, image: L.Image) -> tuple[float, float]:
        """The picture's width and height in pixels; raises ImageProblem."""
        _, w, h = self._load(image)
        return w, h

    def data(self, image: L.Image) -> io.BytesIO:
        """The picture's PNG or JPEG bytes, to be placed; raises ImageProblem."""
        return io.BytesIO(self._load(image)[0])


def _draw(slide: Any, plan: PlannedSlide, theme: DeckTheme, pictures: _Pictures,
          ink: DeckInks) -> None:
    """Draw `plan` on `slide` exactly where its boxes say, in the colours `ink` gives; on a
    clinic template's placeholders the template's own text colours are kept."""
    styled = theme.styled
    shapes = slide.shapes
    title_shape = shapes.title
    boxes = plan.boxes
    body_size = theme.body_size
    if plan.kind in ("title", "section"):
        tf = text_frame(title_shape, boxes.title)
        if theme.styled:  # a clinic template's title slide keeps its own design
            tf.margin_left = tf.margin_right = Pt(boxes.title_inset)
            tf.vertical_anchor = MSO_ANCHOR.MIDDLE
            title_shape.fill.solid()
            title_shape.fill.fore_color.rgb = rgb(theme.palette.primary)
        p = tf.paragraphs[0]
        p.alignment = PP_ALIGN.LEFT
        if plan.kicker:  # "Part 2 of 6" above a section's title, in the title band
            p = _kicker(tf, plan.kicker, theme,
                        ink("band", "band", slideplan.KICKER_SIZE, True) if styled
                        else ink.placeholder(title_shape, "title", slideplan.KICKER_SIZE, True))
        add_runs(p, plan.title, plan.title_size, theme,
                 ink("band", "band", plan.title_size, True) if styled
                 else ink.placeholder(title_shape, "title", plan.title_size, True),
                 bold=True, heading=True)
        sub = body_placeholder(shapes.placeholders, subtitle=True)
        if sub is not None:
            tf = text_frame(sub, boxes.subtitle)
            tf.vertical_anchor = MSO_ANCHOR.TOP
            lines = [plan.subtitle] if plan.subtitle else []
            for i, line in enumerate(lines):
                p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                p.alignment = PP_ALIGN.LEFT
                add_runs(p, line, body_size, theme,
                         ink("body", "slide", body_size) if styled
                         else ink.placeholder(sub, "subtitle", body_size))
            if not lines:
                sub._element.getparent().remove(sub._element)
        if boxes.fields is not None:
            box = _textbox(shapes, boxes.fields)
            box.name = "Presenter and date"
            tf = box.text_frame
            tf.word_wrap = True
            for i, field in enumerate(plan.fields):
                p = tf.paragraphs[0] if i == 0 else tf.add_paragraph()
                add_runs(p, (L.Run(field),), slideplan.FIELD_SIZE, theme,
                         ink("muted", "slide", slideplan.FIELD_SIZE))
        if boxes.picture is not None:
            _picture(shapes, plan.images[0], pictures, boxes.picture,
                     theme.labels.logo_alt)
        if boxes.clinic is not None:
            box = _textbox(shapes, boxes.clinic)
            box.name = "Clinic"
            box.text_frame.word_wrap = True  # unwrapped, LibreOffice centres it on its box
            add_runs(box.text_frame.paragraphs[0], plan.items[0].runs, slideplan.CLINIC_SIZE,
                     theme, ink("clinic", "slide", slideplan.CLINIC_SIZE, True), bold=True)
        draw_icons(shapes, plan, theme.palette, ink.slide or theme.ground)  # a section's icon
        return
    tf = text_frame(title_shape, boxes.title)
    tf.vertical_anchor = MSO_ANCHOR.BOTTOM
    p = tf.paragraphs[0]
    p.alignment = PP_ALIGN.LEFT
    if plan.kicker:  # a line of its own above the title, read with it
        p = _kicker(tf, plan.kicker, theme,
                    ink("title", "slide", slideplan.KICKER_SIZE, True) if styled
                    else ink.placeholder(title_shape, "title", slideplan.KICKER_SIZE, True))
    add_runs(p, plan.title, plan.title_size, theme,
             ink("title", "slide", plan.title_size, True) if styled
             else ink.placeholder(title_shape, "title", plan.title_size, True), bold=True,
             heading=True)
    if boxes.rule is not None:
        rule = shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emus(boxes.rule))
        rule.name = "Title rule"
        rule.fill.solid()
        rule.fill.fore_color.rgb = rgb(theme.palette.primary)
        rule.line.fill.background()
    callouts = [i for i in plan.items if i.style == "callout"]
    texts = [i for i in plan.items if i.style != "callout"]
    body = body_placeholder(shapes.placeholders)
    # each item a shape of its own, in the template's body text colour where it has one
    draw_cells(shapes, plan, theme, ink, None if styled else body)
    if boxes.body is not None:
        if body is None:  # a layout without a body placeholder: a text box instead
            body = _textbox(shapes, boxes.body)
            body.name = "Body text"
        tf = text_frame(body, boxes.body)
        tf.vertical_anchor = MSO_ANCHOR.TOP
        slide_colour = ink.slide
        if not styled:  # bullets sit on the placeholder's own fill, if it has one
            ink.slide = ink.ground_of(body) or ink.slide
        for n, item in enumerate(texts):
            p = tf.paragraphs[0] if n == 0 else tf.add_paragraph()
            bullet = ink("bullet", "slide", body_size) if item.style == "bullet" else None
            format_paragraph(p, item, theme, body_size * slideplan.LINE_SPACING,
                             body_size * plan.gap, bullet)
            add_runs(p, item.runs, body_size, theme,
                     ink("body", "slide", body_size) if styled
                     else ink.placeholder(body, "body", body_size),
                     link=None if not _linked(item.runs) else ink("link", "slide", body_size)
                     if styled else ink.placeholder(body, "body", body_size, link=True))
        ink.slide = slide_colour
    elif body is not None:  # no text, or each item a shape of its own
        body._element.getparent().remove(body._element)
    if plan.figure is not None:  # a picture layout's boxes the plan does not use
        for unused in unused_placeholders(shapes, body if boxes.body is not None else None):
            unused._element.getparent().remove(unused._element)
    for item, place in zip(callouts, boxes.callouts, strict=True):
        box = shapes.add_shape(MSO_SHAPE.RECTANGLE, *_emus(place))
        box.name = "Callout"
        box.fill.solid()
        box.fill.fore_color.rgb = rgb(theme.palette.secondary)
        box.line.color.rgb = rgb(theme.palette.primary)
        box.line.width = Pt(2)
        tf = box.text_frame
        tf.word_wrap = True
        tf.auto_size = MSO_AUTO_SIZE.NONE
        pad = Pt(body_size * slideplan.CALLOUT_PAD)
        tf.margin_left = tf.margin_right = tf.margin_top = tf.margin_bottom = pad
        tf.vertical_anchor = MSO_ANCHOR.MIDDLE
        p = tf.paragraphs[0]
        format_paragraph(p, None, theme, body_size * slideplan.LINE_SPACING)
        add_runs(p, item.runs, body_size, theme, ink("callout", "box", body_size, True),
                 bold=True, link=ink("link", "box", body_size, True)
                 if _linked(item.runs) else None)
    if plan.qr and boxes.qr is not None:
        pic = shapes.add_picture(io.BytesIO(qr.png(plan.qr)), *_emus(boxes.qr))
        pic.name = "QR code"
        pic._element.nvPicPr.cNvPr.set("descr", theme.labels.qr_alt % {"address": plan.qr})
        if boxes.qr_caption is not None:
            cap = _textbox(shapes, boxes.qr_caption)
            cap.name = "QR caption"
            p = cap.text_frame.paragraphs[0]
            p.alignment = PP_ALIGN.CENTER
            add_runs(p, (L.Run(plan.qr_caption.replace(" ", "\u00a0")),),  # never wraps
                     slideplan.CAPTION_SIZE, theme,
                     ink("muted", "slide", slideplan.CAPTION_SIZE))
    if boxes.picture is not None:
        _picture(shapes, plan.images[0], pictures, boxes.picture, theme.labels.logo_alt)
    if plan.figure is not None:
        draw_figure(shapes, plan, pictures.data(figure_image(plan.figure)),
                    lambda p, runs: add_runs(p, runs, body_size, theme,
                                             ink("muted", "slide", body_size)))
    draw_icons(shapes, plan, theme.palette, ink.slide or theme.ground)  # on the template's colour
    if boxes.foot is not None:
        foot = _textbox(shapes, boxes.foot)
        foot.name = "Small print"
        foot.text_frame.word_wrap = True  # measured to one line, edge to edge
        foot.text_frame.margin_left = foot.text_frame.margin_right = 0
        add_runs(foot.text_frame.paragraphs[0], plan.foot, slideplan.FOOT_SIZE, theme,
                 ink("muted", "slide", slideplan.FOOT_SIZE))


def _kicker(tf: Any, kicker: str, theme: DeckTheme, colour: str | None) -> Any:
    """Write `kicker` in the title frame `tf`'s first paragraph, a line of its own at
    KICKER_SIZE in `colour`, and return the new paragraph after it, for the title."""
    p = tf.paragraphs[0]
    size = slideplan.KICKER_SIZE
    format_paragraph(p, None, theme, size * slideplan.LINE_SPACING)
    add_runs(p, (L.Run(kicker),), size, theme, colour, bold=True, heading=True)
    p = tf.add_paragraph()
    p.alignment = PP_ALIGN.LEFT
    return p


def _linked(runs: L.Inline) -> bool:
    return any(r.href for r in runs)


def _link_colour(prs: Any, colour: str) -> None:
    """Set the theme's hyperlink colours, followed or not, to `colour` ('#RRGGBB')."""
    part = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(part.blob)
    for tag in ("a:hlink", "a:folHlink"):
        for slot in root.iter(qn(tag)):
            for child in list(slot):
                slot.remove(child)
            etree.SubElement(slot, qn("a:srgbClr"), val=colour.lstrip("#").upper())
    part._blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                standalone=True)


def _emus(box: slideplan.Box) -> tuple[Length, Length, Length, Length]:
    """A box's left, top, width and height as python-pptx lengths."""
    return Pt(box.x), Pt(box.y), Pt(box.width), Pt(box.height)


def _textbox(shapes: Any, box: slideplan.Box) -> Any:
    return shapes.add_textbox(*_emus(box))


def _picture(shapes: Any, image: L.Image, pictures: _Pictures, box: slideplan.Box,
             no_alt: str) -> Any:
    """A picture from the project placed at `box`, with its alt text (`no_alt` if the
    document gives none)."""
    pic = shapes.add_picture(pictures.data(image), *_emus(box))
    pic.name = "Logo"
    pic._element.nvPicPr.cNvPr.set("descr", image.alt or no_alt)
    return pic
