"""The look of one PDF, from the inputs the build gives every writer."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handouts.colours import Palette
from handouts.fonts.families import Fonts
from handouts.writers.contract import WriterInputs
from handouts.writers.hyphenation import HYPHENATED_BY_DEFAULT


@dataclass(frozen=True)
class Theme:
    """How a document looks: fonts, sizes, colours and paper; in points."""

    fonts: Fonts
    heading_fonts: Fonts | None = None
    """The headings' family; None: the body family."""
    body_size: float = 11.0
    """Body text size; no text is set smaller."""
    palette: Palette = field(default_factory=Palette)
    paper: str = "letter"
    fold_guides: bool = False
    title: str = ""
    author: str = ""
    assets_roots: tuple[Path, ...] = (Path("."),)
    """Where pictures may be read from: the project, and a --brand file's folder."""
    hyphenate: tuple[str, ...] = HYPHENATED_BY_DEFAULT
    """The languages (BCP 47 language subtags) whose text is hyphenated."""


def theme(inputs: WriterInputs) -> Theme:
    """The PDF theme of a job: the brand's families, colours and paper at the level's
    print size."""
    return Theme(fonts=inputs.fonts, heading_fonts=inputs.heading_fonts,
                 body_size=inputs.body_size, palette=inputs.palette, paper=inputs.paper,
                 fold_guides=inputs.fold_guides, title=inputs.title, author=inputs.author,
                 assets_roots=inputs.assets_roots, hyphenate=inputs.hyphenate)
