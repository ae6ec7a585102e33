"""The speaker notes of a talk: one slide a page at half its size (smaller only where the
sheet is narrower), its notes below it at the level's print size, every page numbered.

Notes too long for the room under their slide go on over the next page, headed with the
slide's title and "(continued)" (WriterLabels.continued); they are never cut or shrunk. A
paragraph that cannot start even on an empty page is an error naming the slide. The
slide is a Figure whose alternative text is its text, each paragraph of notes a P.
`write` is the writer's entry (handouts.writers.table).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle

from handouts.brand.assets import ImageProblem
from handouts.document import model as L
from handouts.writers.addresses import times_whole
from handouts.writers.contract import DoesNotFit, Output, UnusablePicture, WriterInputs
from handouts.writers.pdf.paragraph import KeptParagraph
from handouts.writers.pptx.plan import PlannedSlide
from handouts.writers.talkpdf.printed import MARGIN, Printout, slideplan_title

__all__ = ["SCALE", "NotesTooLong", "Page", "paginate", "write"]

SCALE = 0.5
"""A slide's size on its notes page."""
GAP = 18.0
"""The space between the slide and its notes, in points."""


class NotesTooLong(DoesNotFit):
    """Speaker notes with a paragraph that does not fit even an empty page."""

    todo = "shorten the slide's notes, or break them into shorter paragraphs"


@dataclass
class Page:
    """One notes page: its slide (number from 1, and the slide; None: a page that goes on
    with the notes of `number`), and the paragraphs (or parts of them) it holds."""

    number: int
    slide: PlannedSlide | None
    paragraphs: list[KeptParagraph] = field(default_factory=list)


def paginate(out: Printout, slides: Sequence[PlannedSlide]) -> list[Page]:
    """The notes pages of `slides`: each slide's page, then as many pages as its notes
    need; raises NotesTooLong for a paragraph that cannot start on an empty page."""
    width = out.text_width
    scale = min(SCALE, width / out.deck.size[0])
    under_slide = out.top - out.deck.size[1] * scale - GAP - out.bottom
    style = ParagraphStyle("notes", fontName=out.faces[0].family, fontSize=out.size,
                           leading=out.leading, spaceAfter=out.size * 0.55,
                           textColor=colors.HexColor(out.text_colour))
    pages: list[Page] = []
    for number, slide in enumerate(slides, 1):
        page = Page(number, slide)
        pages.append(page)
        room = under_slide
        for text in slide.notes:
            if not text.strip():
                continue
            para = KeptParagraph(escape(times_whole(text)).replace("\n", "<br/>"), style)
            para.tag = (out.node("P"),)
            while True:
                _, height = para.wrap(width, room)
                if height <= room:
                    page.paragraphs.append(para)
                    room -= height + style.spaceAfter
                    break
                parts = para.split(width, room)
                if len(parts) > 1:
                    page.paragraphs.append(parts[0])
                    para = parts[1]
                elif page.slide is None and not page.paragraphs:
                    raise NotesTooLong(f"the speaker notes of slide {number} "
                                       f"'{slideplan_title(slide)}' have a paragraph "
                                       "taller than a whole page")
                page = Page(number, None)
                pages.append(page)
                room = out.top - out.leading * 1.5 - out.bottom
    return pages


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    """The speaker notes of `doc`'s slides for a job's `inputs`, with their page count;
    raises contract.DoesNotFit where the deck would and NotesTooLong, UnusablePicture for
    a picture that cannot be used, WriterError for a PowerPoint template changed since
    the brand was read."""
    try:
        out = Printout(doc, inputs)
        return _draw(out, paginate(out, out.deck.slides))
    except ImageProblem as exc:
        raise UnusablePicture(str(exc)) from None


def _draw(out: Printout, pages: Sequence[Page]) -> Output:
    width = out.text_width
    slide_w, slide_h = out.deck.size
    scale = min(SCALE, width / slide_w)
    canvas = out.canvas
    for n, page in enumerate(pages, 1):
        out.start_page(n)
        top = out.top
        if page.slide is not None:
            x = MARGIN + (width - slide_w * scale) / 2
            out.slide(page.slide, page.number, x, top - slide_h * scale, scale)
            top -= slide_h * scale + GAP
        else:  # the title of the slide whose notes go on here, as a running header
            title = slideplan_title(out.deck.slides[page.number - 1])
            canvas.setFont(out.faces[0].bold, out.size)
            canvas.setFillColor(colors.HexColor(out.grey))
            canvas.drawString(MARGIN, top - out.size,
                              f"{page.number}. {title} ({out.labels.continued})")
            top -= out.leading * 1.5
        for para in page.paragraphs:
            _, height = para.wrap(width, top - out.bottom)
            para.drawOn(canvas, MARGIN, top - height)
            top -= height + para.style.spaceAfter
        out.end_page(n, len(pages))
    return Output(out.finish(), len(pages), out.warnings())
