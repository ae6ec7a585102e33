"""The build report's thumbnails: the first page of a PDF, and a deck's title slide,
each rasterised with pypdfium2.

A deck's title slide is drawn for its thumbnail by the printed talk's writer
(handouts.writers.talkpdf.slide.first_slide), from the deck's own layout document and inputs, so the
report needs no office suite. Only an output the build recorded making is drawn, so its
layout document is what made it.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handouts.files import write_atomic

if TYPE_CHECKING:
    from handouts.build.project import Job, Project

THUMB_WIDTH = 130
"""A thumbnail's width in pixels."""
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
PNG_END = b"\x00\x00\x00\x00IEND\xaeB`\x82"
"""A PNG file's first eight bytes, and its last twelve (the empty IEND chunk)."""

FirstSlide = Callable[[Path], bytes]
"""The title slide of the deck at a path as a one-page PDF; raises what making it can."""


def thumbnail(pdf: Path | bytes, png: Path) -> None:
    """Render page 1 of `pdf` (a file, or a PDF's bytes) to `png`, THUMB_WIDTH pixels
    wide; raises OSError, ValueError or pdfium's error for a file it cannot read."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(pdf if isinstance(pdf, bytes) else str(pdf))
    try:
        page = doc[0]
        bitmap = page.render(scale=THUMB_WIDTH / page.get_width())
        picture = io.BytesIO()
        bitmap.to_pil().save(picture, format="PNG")
        write_atomic(png, picture.getvalue())
        page.close()
    finally:
        doc.close()


def whole_png(path: Path) -> bool:
    """Whether `path` is a regular file holding a PNG from its signature to its end chunk
    (an empty or cut-short thumbnail is drawn again)."""
    try:
        if path.is_symlink() or not path.is_file():
            return False
        with path.open("rb") as handle:
            head = handle.read(8)
            handle.seek(0, io.SEEK_END)
            if handle.tell() < 20:
                return False
            handle.seek(-12, io.SEEK_END)
            return head == PNG_SIGNATURE and handle.read(12) == PNG_END
    except OSError:
        return False


def pdfium_error() -> type[Exception]:
    """pypdfium2's error for a file it cannot read (imported only when a report is made)."""
    import pypdfium2 as pdfium

    return pdfium.PdfiumError  # type: ignore[no-any-return]


def deck_thumbnail(deck: Path, png: Path, first_slide: FirstSlide | None) -> None:
    """Draw the title slide of `deck` into `png` through `first_slide`; without one, or
    when the slide cannot be drawn, no thumbnail (the report shows the deck's title)."""
    png.unlink(missing_ok=True)
    if first_slide is None:
        return
    from handouts.errors import HandoutsError
    from handouts.writers.contract import WriterError

    try:
        thumbnail(first_slide(deck), png)
    except (HandoutsError, WriterError, OSError, ValueError, pdfium_error()):
        png.unlink(missing_ok=True)


def first_slides(project: Project, jobs: Sequence[Job]) -> FirstSlide:
    """The title slide of each deck of `jobs` (by its path) drawn as a PDF from its layout
    document, each language's templates compiled once; raises KeyError for a path that
    is no deck of `jobs`, what rendering and drawing raise for one that cannot be made."""
    from handouts.build.project import render_layout, writer_inputs

    decks = {job.path(project.out_dir): job for job in jobs if job.fmt == "pptx"}
    envs: dict[str, Any] = {}

    def draw(path: Path) -> bytes:
        job = decks[path]
        doc = render_layout(project, job, envs)
        from handouts.writers.talkpdf.slide import first_slide  # only when a deck is shown

        return first_slide(doc, writer_inputs(project, job))

    return draw
