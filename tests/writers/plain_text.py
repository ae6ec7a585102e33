"""A third format for the tests, a writer in a few lines: each part's name, one a line.
It stands for the next real format (tests/writers/test_table.py adds it to a project's
writer table)."""

from __future__ import annotations

from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.writers.contract import Output, WriterInputs


def write(doc: L.Document, inputs: WriterInputs) -> Output:
    """The names of `doc`'s parts under its title; one 'page' per part."""
    lines = [inputs.title, *(p.name for p in doc.parts if isinstance(p, L.Page | L.Flow))]
    return Output("\n".join(lines).encode(), len(doc.parts),
                  (Diagnostic("no-layout", f"{inputs.title}: plain text keeps no layout"),))
