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

from collections.abc import Sequence
from dataclasses import replace

from handouts.document import model as L
from handouts.writers.contract import WriterLabels
from handouts.writers.pptx.grid import grid_pages
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
from handouts.writers.pptx.place import aside, beside, foot_width, place
from handouts.writers.pptx.slides import (
    CAPTION_SIZE,
    CLINIC_SIZE,
    EMU_PER_PT,
    FIELD_SIZE,
    FOOT_CLEAR,
    FOOT_SIZE,
    MAX_BULLETS,
    NUMBER_SIZE,
    NUMBER_WIDTH,
    QR_CAPTION_TOP,
    QR_PICTURE_TOP,
    Box,
    PictureSize,
    PlacedIcon,
    PlannedSlide,
    SlideBoxes,
)

__all__ = [
    "ADDRESS_GAP",
    "CALLOUT_CLEAR",
    "CALLOUT_PAD",
    "CAPTION_SIZE",
    "CLINIC_SIZE",
    "EMU_PER_PT",
    "FIELD_SIZE",
    "FOOT_CLEAR",
    "FOOT_SIZE",
    "KICKER_SIZE",
    "LINE_SPACING",
    "MAX_BULLETS",
    "NUMBER_SIZE",
    "NUMBER_WIDTH",
    "PARA_GAP",
    "QR_CAPTION_TOP",
    "QR_PICTURE_TOP",
    "TITLE_LINES",
    "TITLE_SIZES",
    "TITLE_SLACK",
    "Box",
    "Item",
    "Measure",
    "PictureSize",
    "PlacedIcon",
    "PlannedSlide",
    "SlideBoxes",
    "SlideGeometry",
    "SlideOverflow",
    "TitleTooLong",
    "item_height",
    "items_of",
    "plan",
    "text",
    "title_size",
    "wrap_lines",
]

def items_of(blocks: Sequence[L.Block]) -> tuple[list[Item], str | None, str, list[L.Image]]:
    """Body items of a slide's blocks (small print as items of style 'meta'; a list
    item's icon with it), and its QR code (url, caption) and images (a figure is not
    among them: see `figure_of`)."""
    items: list[Item] = []
    qr, caption, images = None, "", []
    for block in blocks:
        if isinstance(block, L.ListBlock):
            for n, entry in enumerate(block.items, 1):
                runs = tuple(r for b in entry if isinstance(b, L.Paragraph) for r in b.runs)
                icon = block.icons[n - 1] if block.icons else ""
                items.append(Item(runs, "bullet", n if block.ordered else 0,
                                  len(block.items) if block.ordered else 0, icon))
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


def figure_of(blocks: Sequence[L.Block]) -> L.Figure | None:
    """A slide's first figure (the only one drawn), or None."""
    return next((b for b in blocks if isinstance(b, L.Figure)), None)


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
        figure = None if qr or images else figure_of(slide.blocks)
        kind = slide.kind
        if kind == "grid" and (qr or images or figure is not None
                               or any(i.style == "callout" for i in items)):
            kind = "content"  # cells are the text alone: a grid with more is a list
        base = PlannedSlide(kind, slide.title, (), notes, slide.subtitle,
                            slide.fields, qr, caption, tuple(images), kicker=slide.kicker,
                            foot=foot, figure=figure, icon=slide.icon)
        # The body gives the QR code and a picture beside it their column, half from each
        # side as measured; as it does a figure's column or a statement's icon.
        whole = replace(base, items=tuple(items))
        if whole.corner_icon and not _one_slide(
                items, replace(geo, margin=geo.margin + beside(whole) / 2), measure):
            # a slide's icon is for a slide of text that fits beside it; never a reason
            # to split one
            base = replace(base, icon="")
            whole = replace(base, items=tuple(items))
        side = beside(whole) + aside(whole, geo)
        body = replace(geo, margin=geo.margin + side / 2) if side else geo
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
        pages = _pages(items, body, measure, text(slide.title))
        if base.kind == "grid":
            cells = grid_pages(items, body, measure, text(slide.title))
            if len(cells) <= len(pages):
                pages = cells
            else:  # never more slides than a list takes: a list with its icons
                base = replace(base, kind="content")
        for n, page in enumerate(pages):
            label, kicker = _continued(n, len(pages), labels)
            title = slide.title if n == 0 else (*slide.title, L.Run(f" ({label})"))
            split.append((replace(base, title=title, items=tuple(page), continued=n > 0,
                                  continued_kicker=kicker if n > 0 else "",
                                  notes=notes if n == 0 else (labels.continued_note,),
                                  qr=qr if n == 0 else None,  # with its notes
                                  figure=figure if n == 0 else None,
                                  foot=foot if n == 0 else ()), body))
    sizes = picture_size or (lambda image: (1.0, 1.0))
    return [place(planned, geo, body, title_measure or measure, measure, sizes)
            for planned, body in split]


def _pages(items: Sequence[Item], body: SlideGeometry, measure: Measure,
           title: str) -> list[list[Item]]:
    """`items` split over slides of text area `body`: each as many as fit its height,
    with at most MAX_BULLETS bullets, evened out; raises SlideOverflow for an item taller
    than the text area."""
    pages: list[list[Item]] = [[]]
    used = 0.0
    for item in items:
        h = item_height(item, body, measure)
        if h > body.body_height:
            raise SlideOverflow(title, h - body.body_height)
        bullets = sum(1 for i in pages[-1] if i.style == "bullet")
        full = used + h > body.body_height or (item.style == "bullet"
                                               and bullets >= MAX_BULLETS)
        if full and pages[-1]:
            pages.append([])
            used = 0.0
        pages[-1].append(item)
        used += h
    _balance(pages, body, measure)
    return pages


def _one_slide(items: Sequence[Item], body: SlideGeometry, measure: Measure) -> bool:
    """Whether `items` fit one slide's text area in `body`: in its height, with at most
    MAX_BULLETS bullets."""
    return sum(item_height(i, body, measure) for i in items) <= body.body_height \
        and sum(1 for i in items if i.style == "bullet") <= MAX_BULLETS


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
    overflow = SlideOverflow(title, height - at.body_height)
    overflow.todo = CLOSING_TODO
    raise overflow


CLOSING_TODO = ("the closing slide shows the brand's contact details, never cut: shorten "
                "them in the brand file (address, hours, e-mail, web address), or set "
                "slide_size: \"16:9\" there for wider slides")
"""What to do about a closing slide whose contact details do not fit."""


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
    if wrap_lines(tuple(runs), foot_width(geo), FOOT_SIZE, measure) == 1:
        return tuple(runs), notes
    return (), (*notes, text(tuple(runs)))


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
