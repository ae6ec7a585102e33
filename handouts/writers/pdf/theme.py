"""The look of one PDF, from the inputs the build gives every writer."""

from __future__ import annotations

from handouts.writers.contract import WriterInputs
from handouts.writers.pdf.flowables import Theme


def theme(inputs: WriterInputs) -> Theme:
    """The PDF theme of a job: the brand's families, colours and paper at the level's
    print size."""
    return Theme(fonts=inputs.fonts, heading_fonts=inputs.heading_fonts,
                 body_size=inputs.body_size, palette=inputs.palette, paper=inputs.paper,
                 fold_guides=inputs.fold_guides, title=inputs.title, author=inputs.author,
                 assets_roots=inputs.assets_roots)
