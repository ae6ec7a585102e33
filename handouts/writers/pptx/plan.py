"""The pure half of the deck writer: which text goes on which slide, where to split, and
where every shape of every slide goes.

Text is measured with a `Measure` (the width of a string at a size, from the same font
files the PDFs use; handouts.writers.pptx.measure), so the plan is tested without
python-pptx. Bullets that do not fit
the body box, or more than MAX_BULLETS of them, continue on a slide titled
"... (continued)" (numbered, "... (continued, 2 of 3)", where there are more, so every title
is different); a slide's QR code stays on its first slide, with its notes. The closing
(contact) slide never splits, and its text stays at the deck's body size (the level's
smallest): its small print (a `meta` paragraph, "Reviewed: ...") goes to the slide's
foot, beside the slide number, or to the notes where it is wider than that line; contact
text that does not fit with the usual space between paragraphs is set as an address block
(ADDRESS_GAP), and what still does not fit is an error, never shrunk. A picture beside the body
(a logo) takes the QR code's column. A single item too tall for an empty slide, or a title
too long for two lines at the smallest title size, is an error, never cut; but text the
tool adds to a title is its own to fit: a continuation title too long with " (continued)"
keeps the author's title and says "Continued" in a kicker, a small line above it (as
"Remember" is). Each planned slide carries its title size and a `Box` for each shape it
draws (`SlideBoxes`), so the drawing step only draws; callouts are measured at the width
they are drawn at.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from handouts.document import model as L
from handouts.writers.contract import WriterLabels
from handouts.writers.geometry import SLIDE_QR_COLUMN, SLIDE_QR_SIZE
from handouts.writers.pptx.measure import (
    ADDRESS_GAP,
    CALLOUT_CLEAR,
    CALLOUT_PAD,
    KICKER_SIZE,
    LINE_SPACING,
    PARA_GAP,
    TITLE_LINES,
    TITLE_SIZES,
    TITLE_SLACK,
    Item,
    Measure,
    SlideGeometry,
    SlideOverflow,
    TitleTooLong,
    item_height,
    text,
    title_size,
    wrap_lines,
)

__all__ = ["ADDRESS_GAP", "CALLOUT_CLEAR", "CALLOUT_PAD", "FOOT_SIZE", "KICKER_SIZE",
           "LINE_SPACING", "MAX_BULLETS", "PARA_GAP", "TITLE_LINES", "TITLE_SIZES",
           "TITLE_SLACK", "Box", "Item", "Measure",
           "PlannedSlide", "SlideBoxes", "SlideGeometry", "SlideOverflow", "TitleTooLong",
           "item_height", "items_of", "plan", "text", "title_size", "wrap_lines"]

MAX_BULLETS = 6
FIELD_SIZE = 18.0
"""The size of a title slide's presenter and date."""
CLINIC_SIZE = 20.0
"""The size of the clinic's name at the top of a title slide."""
CAPTION_SIZE = 16.0
"""The size of a QR code's caption."""
NUMBER_SIZE = 14.0
"""The size of the slide number."""
FOOT_SIZE = 16.0
"""The size of small print at a slide's foot (a closing slide's "Reviewed: ..." line)."""
FOOT_CLEAR = FOOT_SIZE
"""How much higher a slide's text ends when small print is at its foot: a line of the
small print, so that the last line of text (its descenders, and a presentation program's
own line spacing) stays clear of it."""
NUMBER_WIDTH = 60.0
"""The width of the slide number's box, in the bottom right corner."""
QR_CAPTION_TOP = SLIDE_QR_SIZE + 6.0
"""How far below the top of a slide's QR code its caption starts."""
QR_PICTURE_TOP = 200.0
"""How far below the top of a slide's QR code a picture beside the body starts."""
EMU_PER_PT = 12700
"""PowerPoint's grid: it stores lengths in whole EMUs (python-pptx truncates to them)."""

PictureSize = Callable[[L.Image], tuple[float, float]]
"""A picture's own width and height (pixels; only their ratio matters)."""


@dataclass(frozen=True)
class Box:
    """A rectangle on a slide in points; (x, y) is its top-left corner, from the slide's."""

    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class SlideBoxes:
    """Where each shape of a slide goes. None: the slide has no such shape, or (title and
    subtitle on a clinic template) the shape stays where its layout puts it."""

    number: Box
    """The slide number, in the bottom right corner."""
    title: Box | None = None
    title_inset: float = 0.0
    """The title text's left and right inset inside its box (a full-width title band)."""
    rule: Box | None = None
    """The coloured rule under a content slide's title."""
    body: Box | None = None
    """The text items (all but callouts); None when there are none."""
    callouts: tuple[Box, ...] = ()
    """One per callout item, in order."""
    subtitle: Box | None = None
    fields: Box | None = None
    """A title slide's presenter and date."""
    clinic: Box | None = None
    """A title slide's first item, the clinic's name, beside its logo."""
    picture: Box | None = None
    """The slide's first picture (the only one drawn), at its own proportions."""
    qr: Box | None = None
    qr_caption: Box | None = None
    foot: Box | None = None
    """Small print at the foot, left of the slide number."""


@dataclass(frozen=True)
class PlannedSlide:
    """A slide ready to draw: its kind, title, body items and notes; `continued` if split;
    its title size and the boxes of its shapes."""

    kind: str
    title: L.Inline
    items: tuple[Item, ...]
    notes: tuple[str, ...]
    subtitle: L.Inline = ()
    fields: tuple[str, ...] = ()
    qr: str | None = None
    qr_caption: str = ""
    images: tuple[L.Image, ...] = ()
    continued: bool = False
    continued_kicker: str = ""
    """The kicker a continuation takes if its title with its label is too long."""
    kicker: str = ""
    """A small label line above the title (see `title_size`)."""
    foot: L.Inline = ()
    """Small print drawn at the foot of the slide, on one line (see `plan`)."""
    gap: float = PARA_GAP
    """Space after each body paragraph, as a multiple of the body size."""
    title_size: float = 36.0
    """The title's size in points, the largest that fits (see `title_size`)."""
    boxes: SlideBoxes = SlideBoxes(Box(0.0, 0.0, 0.0, 0.0))
    """Where its shapes go; `plan` sets them (the default places nothing but a number)."""


def items_of(blocks: Sequence[L.Block]) -> tuple[list[Item], str | None, str, list[L.Image]]:
    """Body items of a slide's blocks (small print as items of style 'meta'), and its QR
    code (url, caption) and images."""
    items: list[Item] = []
    qr, caption, images = None, "", []
    for block in blocks:
        if isinstance(block, L.ListBlock):
            for n, entry in enumerate(block.items, 1):
                runs = tuple(r for b in entry if isinstance(b, L.Paragraph) for r in b.runs)
                items.append(Item(runs, "bullet", n if block.ordered else 0,
                                  len(block.items) if block.ordered else 0))
        elif isinstance(block, L.Paragraph):
            items.append(Item(block.runs, "meta" if block.style == "meta" else "plain"))
        elif isinstance(block, L.Heading):
            items.append(Item(tuple(replace(r, bold=True) for r in block.runs), "plain"))
        elif isinstance(block, L.Callout):
            joined: list[L.Run] = []
            for inner in block.blocks:
                if isinstance(inner, (L.Paragraph, L.Heading)):
                    joined.extend([L.Run(" "), *inner.runs] if joined else inner.runs)
            items.append(Item(tuple(joined), "callout"))
        elif isinstance(block, L.Definitions):
            for term, definition in block.items:
                items.append(Item((*(replace(r, bold=True) for r in term), L.Run(": "),
                                   *definition), "bullet"))
        elif isinstance(block, L.Contact):
            items.extend(Item(line, "plain") for line in block.lines)
            if block.qr:
                qr, caption = block.qr, block.caption
        elif isinstance(block, L.QRCode):
            qr, caption = block.url, block.caption
        elif isinstance(block, L.Image):
            images.append(block)
    return items, qr, caption, images


def plan(slides: Sequence[L.Slide], geo: SlideGeometry, measure: Measure,
         title_measure: Measure | None = None,
         picture_size: PictureSize | None = None,
         labels: WriterLabels | None = None) -> list[PlannedSlide]:
    """Slides ready to draw, with continuation slides where text does not fit, each with
    its title size and shape boxes. Titles are measured with `title_measure` (default:
    `measure`); pictures keep the proportions `picture_size` gives (default: square).
    `labels` (default: WriterLabels's English) words the continuations; a continuation's
    notes are only its `continued_note` (the first slide's notes cover what it goes on
    with: a list of references or of words is not to be read out as points).
    Raises SlideOverflow for an item taller than an empty slide, then (once every slide is
    split) TitleTooLong for the first title too long."""
    split: list[tuple[PlannedSlide, SlideGeometry]] = []
    labels = labels or WriterLabels()
    for slide in slides:
        items, qr, caption, images = items_of(slide.blocks)
        foot, notes = _small_print([i for i in items if i.style == "meta"], slide.notes,
                                   geo, measure)
        items = [i for i in items if i.style != "meta"]
        base = PlannedSlide(slide.kind, slide.title, (), notes, slide.subtitle,
                            slide.fields, qr, caption, tuple(images), kicker=slide.kicker,
                            foot=foot)
        # The body gives the QR code and a picture beside it their column, half from each
        # side as measured.
        body = replace(geo, margin=geo.margin + SLIDE_QR_COLUMN / 2) if qr or images else geo
        if slide.kind in ("title", "section") or not items:
            split.append((replace(base, items=tuple(items)), body))
            continue
        if slide.kind == "closing":  # the contact slide is one slide, never shrunk
            if foot:  # its text ends a small-print line clear of the foot's line
                try:
                    body = _closing(items, replace(body, bottom=body.bottom + FOOT_CLEAR),
                                    measure, text(slide.title))
                except SlideOverflow:  # no room for both: the small print goes to the notes
                    base = replace(base, foot=(), notes=(*base.notes, text(foot)))
                    body = _closing(items, body, measure, text(slide.title))
            else:
                body = _closing(items, body, measure, text(slide.title))
            split.append((replace(base, items=tuple(items), gap=body.gap), body))
            continue
        pages: list[list[Item]] = [[]]
        used = 0.0
        for item in items:
            h = item_height(item, body, measure)
            if h > body.body_height:
                raise SlideOverflow(text(slide.title), h - body.body_height)
            bullets = sum(1 for i in pages[-1] if i.style == "bullet")
            full = used + h > body.body_height or (item.style == "bullet"
                                                   and bullets >= MAX_BULLETS)
            if full and pages[-1]:
                pages.append([])
                used = 0.0
            pages[-1].append(item)
            used += h
        _balance(pages, body, measure)
        for n, page in enumerate(pages):
            label, kicker = _continued(n, len(pages), labels)
            title = slide.title if n == 0 else (*slide.title, L.Run(f" ({label})"))
            split.append((replace(base, title=title, items=tuple(page), continued=n > 0,
                                  continued_kicker=kicker if n > 0 else "",
                                  notes=notes if n == 0 else (labels.continued_note,),
                                  qr=qr if n == 0 else None,  # with its notes
                                  foot=foot if n == 0 else ()), body))
    sizes = picture_size or (lambda image: (1.0, 1.0))
    return [_place(planned, geo, body, title_measure or measure, measure, sizes)
            for planned, body in split]


def _continued(n: int, pages: int, labels: WriterLabels) -> tuple[str, str]:
    """The title label and the kicker of page `n` (from 0) of a slide split into `pages`
    slides: "continued" and "Continued", numbered where there are two continuations or
    more ("continued, 2 of 3"), so no two titles are the same."""
    if pages == 2:
        return labels.continued, labels.continued_kicker
    count = {"number": n + 1, "count": pages}
    return labels.continued_of % count, labels.continued_kicker_of % count


def _closing(items: Sequence[Item], body: SlideGeometry, measure: Measure,
             title: str) -> SlideGeometry:
    """`body` with the space between paragraphs at which all of a closing slide's `items`
    fit its text area at the deck's body size (the level's smallest, which the closing
    slide keeps too): the usual, else ADDRESS_GAP; raises SlideOverflow if neither does."""
    for gap in (body.gap, ADDRESS_GAP):
        at = replace(body, gap=gap)
        height = sum(item_height(item, at, measure) for item in items)
        if height <= at.body_height:
            return at
    raise SlideOverflow(title, height - at.body_height)


def _foot_width(geo: SlideGeometry) -> float:
    """The width of the small print's line: the body's, less the slide number's box."""
    return geo.body_width - NUMBER_WIDTH - 12


def _small_print(meta: Sequence[Item], notes: tuple[str, ...], geo: SlideGeometry,
                 measure: Measure) -> tuple[L.Inline, tuple[str, ...]]:
    """A slide's small print as one line for its foot, and its notes: the line when it
    fits the foot's width at FOOT_SIZE, else nothing at the foot and the small print as
    the notes' last paragraph."""
    if not meta:
        return (), notes
    runs: list[L.Run] = []
    for item in meta:
        runs.extend([L.Run(" "), *item.runs] if runs else item.runs)
    if wrap_lines(tuple(runs), _foot_width(geo), FOOT_SIZE, measure) == 1:
        return tuple(runs), notes
    return (), (*notes, text(tuple(runs)))


def _titled(slide: PlannedSlide, geo: SlideGeometry, measure: Measure) -> PlannedSlide:
    """`slide` with its title size; a continuation title too long with " (continued)"
    becomes the author's title under its `continued_kicker` (numbered as the title was).
    Raises TitleTooLong for an author's title too long."""
    if slide.continued and not slide.kicker:
        try:
            return replace(slide, title_size=title_size(slide.title, geo, measure))
        except TitleTooLong:  # " (continued, 2 of 3)" becomes "Continued, 2 of 3"
            slide = replace(slide, title=slide.title[:-1], kicker=slide.continued_kicker)
    return replace(slide, title_size=title_size(slide.title, geo, measure,
                                                bool(slide.kicker)))


def _on_grid(points: float) -> float:
    """The length PowerPoint stores for `points` (whole EMUs, truncated), in points."""
    return int(points * EMU_PER_PT) / EMU_PER_PT


def _fit(image: L.Image, x: float, y: float, most_w: float, most_h: float,
         sizes: PictureSize) -> Box:
    """The box of `image` at (x, y), as large as fits most_w by most_h at its proportions."""
    w, h = sizes(image)
    scale = min(most_w / w, most_h / h)
    return Box(x, y, w * scale, h * scale)


def _place(slide: PlannedSlide, geo: SlideGeometry, body: SlideGeometry,
           title_measure: Measure, measure: Measure, sizes: PictureSize) -> PlannedSlide:
    """`slide` with its title size and the boxes of its shapes; `body` is the geometry
    its items were measured in (narrower by the QR code's column)."""
    m = geo.margin
    # The title band of a title or section slide, in which its title (and a kicker) is set.
    band_top, band_h = geo.height * 0.30, geo.height * 0.34
    banded = slide.kind in ("title", "section") and not geo.template
    slide = _titled(slide, replace(geo, title_height=band_h) if banded else geo, title_measure)
    size = slide.title_size
    number = Box(geo.width - m - NUMBER_WIDTH, geo.height - 36, NUMBER_WIDTH, 24)
    # the foot's line sits in the strip kept free below the text area, as the number does
    foot = Box(m, min(max(geo.height - 36, geo.height - geo.bottom), geo.height - 24),
               _foot_width(geo), 24) if slide.foot else None
    if slide.kind in ("title", "section"):
        # The title placeholder itself is the colour band across the slide.
        logo = _fit(slide.images[0], m, 30, 200, 72, sizes) if slide.images else None
        left = m + _on_grid(logo.width) + 16 if logo else m
        boxes = SlideBoxes(
            number,
            title=None if geo.template else Box(0, band_top, geo.width, band_h),
            title_inset=0.0 if geo.template else m,
            subtitle=None if geo.template else Box(m, band_top + band_h + 16,
                                                   geo.body_width, 110),
            fields=Box(m, geo.height - 96, geo.body_width - 80, 48) if slide.fields else None,
            picture=logo,
            clinic=Box(left, 40, geo.width - m - left, 60) if slide.items else None)
        return replace(slide, title_size=size, boxes=boxes)
    callouts = [i for i in slide.items if i.style == "callout"]
    texts = len(callouts) < len(slide.items)
    qr_w = SLIDE_QR_COLUMN if slide.qr or slide.images else 0.0
    body_w = geo.body_width - qr_w
    gap = geo.body_size * slide.gap
    heights = [item_height(i, body, measure) for i in callouts]
    callout_h = sum(heights)
    # Callouts sit at the foot of the text area, or in its middle on a slide of their own.
    top = geo.body_top + (geo.body_height - callout_h) / (1 if texts else 2)
    boxes_of_callouts = []
    clear = geo.body_size * CALLOUT_CLEAR
    for h in heights:
        boxes_of_callouts.append(Box(m, top + clear, body_w, h - gap - clear))
        top += h
    side = geo.width - m - SLIDE_QR_SIZE
    boxes = SlideBoxes(
        number,
        title=None if geo.template else Box(m, geo.title_top, geo.body_width, geo.title_height),
        rule=None if geo.template else Box(m, geo.title_top + geo.title_height + 6, 96, 4),
        body=Box(m, geo.body_top, body_w, geo.body_height - callout_h) if texts else None,
        callouts=tuple(boxes_of_callouts),
        qr=Box(side, geo.body_top, SLIDE_QR_SIZE, SLIDE_QR_SIZE) if slide.qr else None,
        qr_caption=Box(side, geo.body_top + QR_CAPTION_TOP, SLIDE_QR_SIZE, 30)
        if slide.qr and slide.qr_caption else None,
        picture=_fit(slide.images[0], side, geo.body_top + (QR_PICTURE_TOP if slide.qr else 0),
                     SLIDE_QR_SIZE, 80, sizes) if slide.images else None,
        foot=foot)
    return replace(slide, title_size=size, boxes=boxes)


def _balance(pages: list[list[Item]], geo: SlideGeometry, measure: Measure) -> None:
    """Even out a split list, so no continuation slide holds a lone leftover item."""
    for i in range(len(pages) - 1, 0, -1):
        before, after = pages[i - 1], pages[i]
        while len(before) > len(after) + 1:
            moved = [before[-1], *after]
            height = sum(item_height(it, geo, measure) for it in moved)
            bullets = sum(1 for it in moved if it.style == "bullet")
            if height > geo.body_height or bullets > MAX_BULLETS:
                break
            after.insert(0, before.pop())
