"""What passes between the build and a writer: the inputs a job gives every writer, the
`Output` a writer gives back, and the one family of errors a writer raises.

A writer is a module with one function, `write(doc, inputs) -> Output`
(`handouts.writers.table` names them). It makes its own theme from `WriterInputs`, and
turns whatever goes wrong inside it into a `WriterError`, so the build needs one `except`
for all writers and words the message for the user there.

Imports only the standard library and the font and colour value types: the table that
names the writers is read before any writer is imported.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from handouts.colours import Palette
from handouts.errors import Diagnostic
from handouts.fonts.families import Fonts
from handouts.writers.hyphenation import HYPHENATED_BY_DEFAULT


@dataclass(frozen=True)
class WriterLabels:
    """The words a writer draws itself, in the output's language: each a %-format string
    with the placeholders its default (the English label) has. A build takes them from the
    project's message catalogue (handouts.document.messages), which must translate every
    one; the English defaults serve writers driven directly, outside a build."""

    page: str = "Page %(number)s of %(count)s"
    """A printed page's running number: `number` of `count` pages."""
    continued: str = "continued"
    """Added in brackets to the title of a slide's one continuation."""
    continued_of: str = "continued, %(number)s of %(count)s"
    """Added in brackets to a continuation's title where there are several."""
    continued_kicker: str = "Continued"
    """The kicker of a continuation whose title is too long to add to."""
    continued_kicker_of: str = "Continued, %(number)s of %(count)s"
    continued_note: str = "This slide goes on from the last one."
    """A continuation slide's speaker notes."""
    qr_alt: str = "QR code linking to %(address)s"
    """A QR code's alternative text."""
    logo_alt: str = "Logo"
    """The alternative text of a picture that has none."""


@dataclass(frozen=True)
class WriterInputs:
    """What one output needs besides its document, the same for every writer (each reads
    the fields its format uses). Sizes in points."""

    fonts: Fonts
    """The body text's family, as the brand names it (the built-in family if none)."""
    font_name: str
    """The body family's name, written into formats that name fonts (a deck)."""
    heading_fonts: Fonts
    """The headings' family (the body family when the brand names none)."""
    heading_font_name: str
    body_size: float
    """The smallest text size of the job's level and medium (print or slides)."""
    print_size: float = 11.0
    """The smallest print text size of the job's level: the least a printed format drawn
    from slides (a talk's handout or notes) sets its own text at."""
    palette: Palette = field(default_factory=Palette)
    paper: str = "letter"
    """The paper of printed formats: a key of handouts.writers.pdf.plan's page sizes."""
    slide_size: str = "16:9"
    """The shape of slides: '16:9' or '4:3'."""
    title: str = ""
    """The output's title, for its document properties."""
    author: str = ""
    """The clinic's name, for the document properties."""
    date: dt.date | None = None
    """The day the content was last reviewed, for formats that keep a date; None if it
    has not been reviewed (the writer then writes a fixed date, so outputs stay
    byte-identical)."""
    fold_guides: bool = False
    """Whether printed folding layouts mark their folds."""
    assets_roots: tuple[Path, ...] = (Path("."),)
    """Where pictures may be read from: the project, and a --brand file's folder."""
    pptx_template: Path | None = None
    """A clinic's own PowerPoint template, already checked when the brand was read."""
    labels: WriterLabels = field(default_factory=WriterLabels)
    """The words the writer draws itself, in the output's language."""
    hyphenate: tuple[str, ...] = HYPHENATED_BY_DEFAULT
    """The languages (language subtags) whose printed text is hyphenated."""


@dataclass(frozen=True)
class Output:
    """A writer's result: the file's bytes, how many pages or slides it has, its first
    title, and anything worth a warning."""

    data: bytes
    count: int
    """Pages of a printed format, slides of a deck: what the build report shows."""
    warnings: tuple[Diagnostic, ...] = ()
    title: str = ""
    """The title the output opens with where a format has one to show (a deck's title
    slide), else ''; the build report shows it where it has no thumbnail."""


class WriterError(Exception):
    """An output that cannot be made from its document and inputs. The message says what
    is wrong in words a clinic can act on, without naming the output (the build adds
    that)."""


class DoesNotFit(WriterError):
    """Text that does not fit its page, panel or slide, which a writer never cuts or
    shrinks."""

    todo: str = ""
    """What to do about it when the message does not say: '' if it does."""


class UnusablePicture(WriterError):
    """A picture the document asks for that cannot be used; the message names it and says
    why ("the image 'x.png' is damaged ...")."""
