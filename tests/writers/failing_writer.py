"""A writer that raises the error its document's title names, for the tests of how the
build words each error of the writers' family (tests/writers/test_table.py)."""

from __future__ import annotations

from handouts.document import model as L
from handouts.writers.contract import (
    DoesNotFit,
    Output,
    UnusablePicture,
    WriterError,
    WriterInputs,
)


class _TooLong(DoesNotFit):
    todo = "cut the box"


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    """Raises by `doc.title`: 'fit', 'picture', 'other' or 'bug'."""
    errors: dict[str, Exception] = {
        "fit": _TooLong("the box does not fit by 3 pt"),
        "picture": UnusablePicture("the image 'x.png' is not a PNG, JPEG or SVG file"),
        "other": WriterError("the PowerPoint template t.pptx went away; put it back"),
        "bug": AttributeError("'_Paragraph' object has no attribute 'blPara'"),
    }
    raise errors[doc.title]
