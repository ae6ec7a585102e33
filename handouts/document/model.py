"""The layout document: what goes where, as frozen classes.

Templates write layout XML; `handouts.document.reader.read` turns it into a `Document`. Writers
consume only these classes. Sizes are points (1/72 inch); writers convert.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from typing import NewType

Pt = NewType("Pt", float)
"""A length in points; 72 to the inch."""

PARAGRAPH_STYLES = ("body", "lead", "small", "meta", "center", "source")
LAYOUTS = ("flyer", "trifold", "booklet", "deck")


@dataclass(frozen=True)
class Run:
    """A stretch of text with one style; `href` makes it a link."""

    text: str
    bold: bool = False
    italic: bool = False
    href: str | None = None


Inline = tuple[Run, ...]


@dataclass(frozen=True)
class Heading:
    """A heading; level 0 is the document title, 1-3 are section levels."""

    level: int
    runs: Inline
    icon: str = ""
    """A bundled icon (handouts.icons) drawn beside the heading's first line; "" none.
    Decoration: the heading says what it shows."""


@dataclass(frozen=True)
class Paragraph:
    """A paragraph in one of PARAGRAPH_STYLES."""

    runs: Inline
    style: str = "body"


@dataclass(frozen=True)
class ListBlock:
    """A bulleted or numbered list; each item is a sequence of blocks."""

    items: tuple[tuple[Block, ...], ...]
    ordered: bool = False
    icons: tuple[str, ...] = ()
    """Per item, a bundled icon (handouts.icons) drawn beside its first line ("" none);
    empty when no item has one. Decoration: the item's text says what it shows."""


@dataclass(frozen=True)
class Callout:
    """An emphasised box."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Band:
    """A full-width band of the brand colour, with text in a contrasting colour, and the
    clinic's logo on a light tile at its right when `logo` is given."""

    blocks: tuple[Block, ...]
    logo: Image | None = None


@dataclass(frozen=True)
class Contact:
    """The clinic's contact block, one line per entry, with a QR code beside it if `qr`."""

    lines: tuple[Inline, ...]
    qr: str | None = None
    caption: str = ""


@dataclass(frozen=True)
class Definitions:
    """Terms and their definitions ("Words to know")."""

    items: tuple[tuple[Inline, Inline], ...]


@dataclass(frozen=True)
class QRCode:
    """A QR code linking to `url`, with an optional caption under it."""

    url: str
    caption: str = ""
    size: Pt = Pt(72.0)


@dataclass(frozen=True)
class Image:
    """A picture from a file path, with alternative text."""

    src: str
    alt: str
    width: Pt


@dataclass(frozen=True)
class Figure:
    """A picture that explains (a file inside the project: PNG, JPEG or SVG) with its
    alternative text, and a caption and a credit set under it in the caption style; as
    wide as its column, or `width` points if narrower (None: the column's width)."""

    src: str
    alt: str
    caption: Inline = ()
    credit: Inline = ()
    width: Pt | None = None


@dataclass(frozen=True)
class Rule:
    """A thin horizontal line."""


@dataclass(frozen=True)
class Spacer:
    """Vertical space."""

    height: Pt


@dataclass(frozen=True)
class PageBreak:
    """Start a new page (in a flow)."""


Block = (Heading | Paragraph | ListBlock | Callout | Band | Contact | Definitions | QRCode | Image
         | Figure | Rule | Spacer | PageBreak)


@dataclass(frozen=True)
class Fit:
    """Blocks a fixed page shows in full where they fit, else in a compact form (such as a
    section's heading and its points instead of its prose); `name` says what they are, for
    the note a build gives when the compact form is used."""

    name: str
    full: tuple[Block, ...]
    compact: tuple[Block, ...]


PanelBlock = Block | Fit
"""What a panel of a fixed page holds: blocks, and blocks with a compact form."""


@dataclass(frozen=True)
class Panel:
    """A column of a fixed page; a `flap` folds inside and is made slightly narrower."""

    name: str
    blocks: tuple[PanelBlock, ...]
    flap: bool = False
    share: float = 1.0
    """The panel's share of the page width, relative to its neighbours."""
    tint: bool = False
    """Whether the panel has the brand's light background colour."""
    overflow_next: bool = False
    """Whether text that does not fit continues at the top of the next panel."""


@dataclass(frozen=True)
class Page:
    """A fixed page: its panels left to right, each of which must hold its blocks."""

    name: str
    panels: tuple[Panel, ...]
    landscape: bool = False
    header: tuple[Block, ...] = ()
    """Blocks across the full width above the panels."""
    footer: tuple[Block, ...] = ()
    """Blocks across the full width at the foot of the page."""


@dataclass(frozen=True)
class Flow:
    """Blocks that run over as many numbered portrait pages as they need."""

    name: str
    blocks: tuple[Block, ...]
    footer: str = ""
    """Running footer text printed beside the page number."""


SLIDE_KINDS = ("title", "section", "content", "grid", "closing")
"""The kinds of slide: a 'grid' sets its list's items as cells, each with its icon large
(the key points); any other slide reads it as a content slide's list would be."""


@dataclass(frozen=True)
class Slide:
    """A slide: its kind (which slide layout), title, blocks, and speaker notes.

    `fields` are short editable lines on a title slide, such as presenter and date.
    """

    kind: str
    title: Inline
    blocks: tuple[Block, ...]
    notes: tuple[str, ...] = ()
    subtitle: Inline = ()
    fields: tuple[str, ...] = ()
    kicker: str = ""
    """A short label set small above the title (such as "Remember"), part of the title
    slide readers read; the title alone is what must fit."""
    icon: str = ""
    """A bundled icon (handouts.icons) for the slide as a whole, drawn beside a callout
    set as a statement on a slide of its own ("" none); decorative: the text says it."""


@dataclass(frozen=True)
class Document:
    """A whole layout document."""

    layout: str
    title: str
    lang: str
    parts: tuple[Page | Flow | Slide, ...]


def texts(doc: Document) -> Iterator[Run]:
    """Every piece of text a document prints or shows, each as a run with its style."""
    yield Run(doc.title)

    def walk(blocks: tuple[PanelBlock, ...]) -> Iterator[Run]:
        for b in blocks:
            if isinstance(b, Fit):
                yield from walk(b.full)
                yield from walk(b.compact)
            elif isinstance(b, (Heading, Paragraph)):
                yield from b.runs
            elif isinstance(b, ListBlock):
                for item in b.items:
                    yield from walk(item)
            elif isinstance(b, (Callout, Band)):
                yield from walk(b.blocks)
            elif isinstance(b, Contact):
                for line in b.lines:
                    yield from line
                yield Run(b.caption)
            elif isinstance(b, Definitions):
                for term, definition in b.items:
                    yield from term
                    yield from definition
            elif isinstance(b, QRCode):
                yield Run(b.caption)
            elif isinstance(b, Figure):
                yield from b.caption
                yield from b.credit

    for part in doc.parts:
        if isinstance(part, Page):
            yield from walk(part.header)
            yield from walk(part.footer)
            for panel in part.panels:
                yield from walk(panel.blocks)
        elif isinstance(part, Flow):
            yield from walk(part.blocks)
            yield Run(part.footer)
        else:
            yield from part.title
            yield from part.subtitle
            yield Run(part.kicker)
            yield from walk(part.blocks)
            yield from (Run(text) for text in (*part.notes, *part.fields))


def characters(doc: Document) -> set[str]:
    """Every character a document prints or shows (for checking the font covers them)."""
    return set("".join(run.text for run in texts(doc)))


def uses_italic(doc: Document) -> bool:
    """Whether any of the document's text is set in italics."""
    return any(run.italic for run in texts(doc))
