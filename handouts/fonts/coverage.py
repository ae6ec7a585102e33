"""Which characters a family cannot draw.

A character counts as drawable when the family's regular face maps it to a glyph; the
bold and italic faces are not checked, as a family's faces normally cover the same
characters. Line breaks and tabs are layout, not glyphs. Checked once per output, before a
writer draws anything (handouts.build.glyphs), so a missing glyph is a located input
error, never a box in the output.
"""

from __future__ import annotations

from collections.abc import Iterable

from handouts.fonts.families import Fonts
from handouts.fonts.registry import register

LAYOUT_CHARACTERS = "\n\r\t"
"""Characters that need no glyph."""


def cannot_draw(chars: Iterable[str], fonts: Fonts) -> list[str]:
    """Those of `chars` that the family's regular face has no glyph for, in code point
    order, each once; raises OSError if a file cannot be read."""
    from reportlab.pdfbase import pdfmetrics

    cmap = pdfmetrics.getFont(register(fonts, italic=False).regular).face.charToGlyph
    return sorted({c for c in chars if ord(c) not in cmap and c not in LAYOUT_CHARACTERS})
