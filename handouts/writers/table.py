"""The output formats and the writer of each: the boundary between the build and the
writers (pandoc's `Writers.hs`).

Each entry names its writer as a module path, imported only when an output of that format
is made, so reading the table (the command line's --format choices, a rebuild with nothing
to do) imports no writer. Adding a format is one entry here and one package under
handouts/writers/ whose module has `write(doc, inputs) -> Output` (handouts.writers.contract).

Imports only the standard library.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import TYPE_CHECKING, Literal, cast

if TYPE_CHECKING:
    from handouts.document.model import Document
    from handouts.writers.contract import Output, WriterInputs

Write = Callable[["Document", "WriterInputs"], "Output"]
"""A writer's entry: a document and a job's inputs to the output's bytes and facts; raises
handouts.writers.contract.WriterError."""


@dataclass(frozen=True)
class Format:
    """One output format: its name (also the file suffix), its writer, and what the build
    needs to know of it to name and describe its outputs."""

    name: str
    """The name --format selects it by (also its file's suffix unless `extension` says)."""
    module: str
    """The module whose `write` makes this format."""
    medium: Literal["print", "talk"]
    """'print': a printed handout, named after the length's print_name, laid out by the
    length's print template at the level's print size. 'talk': slides, named after the
    length's talk_minutes, laid out by the deck template at the level's slide size."""
    unit: str
    """What the output counts, singular: 'page', 'slide'."""
    extension: str = ""
    """The file's suffix, without its dot ('': the format's name)."""
    tail: str = ""
    """What the file name's stem ends with after the length's word ('-handout'), so that
    formats sharing a suffix have names of their own."""
    talk_print: bool = False
    """A printout of a talk (its handout or its notes): made only for the lengths whose
    `talk_prints` is on (handouts.build.settings)."""

    @property
    def suffix(self) -> str:
        """The file's suffix, without its dot."""
        return self.extension or self.name

    def writer(self) -> Write:
        """The format's `write`, importing its module (and its libraries) on first use."""
        return cast("Write", importlib.import_module(self.module).write)


WRITERS: Mapping[str, Format] = MappingProxyType({
    "pdf": Format("pdf", "handouts.writers.pdf.output", "print", "page"),
    "pptx": Format("pptx", "handouts.writers.pptx.output", "talk", "slide"),
    "handout": Format("handout", "handouts.writers.talkpdf.handout", "talk", "page", "pdf",
                      "-handout", talk_print=True),
    "notes": Format("notes", "handouts.writers.talkpdf.notes", "talk", "page", "pdf",
                    "-notes", talk_print=True),
})
"""Every format the build makes, in the order a topic's outputs are made and listed."""

FORMATS = tuple(WRITERS)
"""The formats' names, for the command line."""
