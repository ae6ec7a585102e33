"""Which characters a family cannot draw.

A character counts as drawable when the family's regular face and its bold face (headings,
labels and key terms are set in bold) each map it to a glyph; the italic faces are not
checked, as a family's faces normally cover the same characters and most handouts set
nothing in italics. Line breaks and tabs are layout, not glyphs. Checked once per output,
before a writer draws anything (handouts.build.glyphs), so a missing glyph is a located
input error, never a box in the output.
"""

from __future__ import annotations

from collections.abc import Iterable

from handouts.fonts.families import Fonts
from handouts.fonts.registry import register

LAYOUT_CHARACTERS = "\n\r\t"
"""Characters that need no glyph."""


def cannot_draw(chars: Iterable[str], fonts: Fonts) -> list[str]:
    """Those of `chars` that the family's regular or bold face has no glyph for, in code
    point order, each once; raises OSError if a file cannot be read."""
    from reportlab.pdfbase import pdfmetrics

    faces = register(fonts, italic=False)
    cmaps = [pdfmetrics.getFont(name).face.charToGlyph for name in (faces.regular, faces.bold)]
    return sorted({c for c in chars if c not in LAYOUT_CHARACTERS
                   and any(ord(c) not in cmap for cmap in cmaps)})
