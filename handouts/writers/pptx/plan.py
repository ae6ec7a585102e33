"""The pure half of the deck writer: which text goes on which slide, and where to split.

Text is measured with a `Measure` (the width of a string at a size, from the same font
files the PDFs use), so the plan is tested without python-pptx. Bullets that do not fit
the body box, or more than MAX_BULLETS of them, continue on a slide titled
"... (continued)". A single item too tall for an empty slide is an error, never cut.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from handouts.document import model as L
from handouts.writers.contract import DoesNotFit

MAX_BULLETS = 6
CONTINUED_NOTE = ("This slide goes on from the last one. Read each point out loud, then stop "
                  "for questions.")
LINE_SPACING = 1.2
"""Line height as a multiple of the font size (the writer sets it as exact spacing)."""
PARA_GAP = 0.45
"""Space after each paragraph, as a multiple of the font size."""
CALLOUT_PAD = 0.5
"""Inner padding of a callout box, as a multiple of the font size."""

Measure = Callable[[str, float, bool], float]
"""Width in points of `text` at `size` points, bold or not."""


@dataclass(frozen=True)
class Item:
    """One paragraph of slide text: a bullet, a plain line, a callout or a term."""

    runs: L.Inline
    style: str = "bullet"
    ordinal: int = 0
    """The number of a numbered bullet (0: not numbered)."""


@dataclass(frozen=True)
class SlideGeometry:
    """Where the title and body go, in points, and the text sizes."""

    width: float
    height: float
    body_size: float
    title_size: float = 36.0
    margin: float = 48.0
    title_top: float = 30.0
    title_height: float = 100.0
    body_top: float = 152.0
    bottom: float = 40.0
    """Space kept free at the foot (slide number)."""

    @property
    def body_width(self) -> float:
        return self.width - 2 * self.margin

    @property
    def body_height(self) -> float:
        return self.height - self.body_top - self.bottom


@dataclass(frozen=True)
class PlannedSlide:
    """A slide ready to draw: its kind, title, body items and notes; `continued` if split."""

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


class SlideOverflow(DoesNotFit):
    """An item that does not fit on an empty slide at the minimum size."""

    def __init__(self, slide_title: str, points: float) -> None:
        super().__init__(f"slide '{slide_title}' has an item taller than the slide's text "
                         f"area by {points:.0f} pt")
        self.slide_title = slide_title
        self.points = points


def text(runs: L.Inline) -> str:
    """The plain text of some runs."""
    return "".join(r.text for r in runs)


def wrap_lines(runs: L.Inline, width: float, size: float, measure: Measure) -> int:
    """How many lines `runs` take at `size` in a box `width` wide (greedy word wrap).

    A space is counted before every word but the first on a line, even where two runs
    meet inside a word, so the estimate errs toward more lines, never fewer.
    """
    lines, used = 1, 0.0
    space = measure(" ", size, False)
    for run in runs:
        if run.text == "\n":
            lines, used = lines + 1, 0.0
            continue
        for word in run.text.split():
            w = measure(word, size, run.bold)
            if used and used + space + w > width:
                lines, used = lines + 1, 0.0
            while w > width:  # a word longer than a line breaks across lines
                lines, w = lines + 1, w - width
            used += (space if used else 0.0) + w
    return lines


def item_height(item: Item, geo: SlideGeometry, measure: Measure) -> float:
    """The height of one item in the body box, with the space after it."""
    size = geo.body_size
    indent = size * 1.1 if item.style == "bullet" else 0.0
    pad = 2 * size * CALLOUT_PAD if item.style == "callout" else 0.0
    lines = wrap_lines(item.runs, geo.body_width - indent - pad, size, measure)
    return lines * size * LINE_SPACING + pad + size * PARA_GAP


def items_of(blocks: Sequence[L.Block]) -> tuple[list[Item], str | None, str, list[L.Image]]:
    """Body items of a slide's blocks, and its QR code (url, caption) and images."""
    items: list[Item] = []
    qr, caption, images = None, "", []
    for block in blocks:
        if isinstance(block, L.ListBlock):
            for n, entry in enumerate(block.items, 1):
                runs = tuple(r for b in entry if isinstance(b, L.Paragraph) for r in b.runs)
                items.append(Item(runs, "bullet", n if block.ordered else 0))
        elif isinstance(block, L.Paragraph):
            items.append(Item(block.runs, "plain"))
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
         qr_width: float = 170.0) -> list[PlannedSlide]:
    """Slides ready to draw, with continuation slides where text does not fit."""
    out: list[PlannedSlide] = []
    for slide in slides:
        items, qr, caption, images = items_of(slide.blocks)
        base = PlannedSlide(slide.kind, slide.title, (), slide.notes, slide.subtitle,
                            slide.fields, qr, caption, tuple(images))
        if slide.kind in ("title", "section") or not items:
            out.append(replace(base, items=tuple(items)))
            continue
        body = replace(geo, margin=geo.margin + (qr_width / 2 if qr else 0.0)) if qr else geo
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
            title = slide.title if n == 0 else (*slide.title, L.Run(" (continued)"))
            out.append(replace(base, title=title, items=tuple(page), continued=n > 0,
                               notes=slide.notes if n == 0 else (CONTINUED_NOTE,),
                               qr=qr if n == len(pages) - 1 else None))
    return out


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
