"""Hyphenated print: which line-end hyphens the layout added, and how they are drawn.

reportlab hyphenates a paragraph whose style names a language (`hyphenationLang`), with
that language's pyphen dictionary (the LibreOffice patterns; Spanish's from the
tex-hyphen-spanish project); which languages are hyphenated is handouts.writers.
hyphenation's, and only body text is (handouts.writers.pdf.flowables). reportlab tries
only words made of letters (after a leading '¿' or quote, before trailing punctuation),
so a phone number, a web address or an e-mail address, each holding a digit, '.', '/' or
'@', is never hyphenated; the pieces of a link's address, which are separate words once
broken for wrapping (handouts.writers.pdf.urlbreaks), are kept whole by marking them
`nobr`. A word after '¡' is not hyphenated either (reportlab does not strip it).

A hyphen the layout adds at a line's end is not part of the text: Tagged PDF asks that it
be a soft hyphen, U+00AD (PDF Reference 1.7, 10.7 "Incidental Artifacts"), which text
extraction and screen readers drop, so 'medica-' and 'mentos' on two lines read as
'medicamentos'. reportlab draws and measures a plain '-', so the drawing replaces it
(handouts.writers.pdf.paragraph.with_line_ends), where the font draws U+00AD as wide as
'-' (every bundled and common font does); else the '-' stays.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

SOFT_HYPHEN = "\u00ad"


def added(source: str, texts: Sequence[str]) -> list[tuple[int, bool]] | None:
    """Where each of `texts` (a paragraph's text laid out in pieces: its lines, or the
    parts a split cut it into, in order) ends in `source` (the paragraph's text as written,
    whitespace dropped), and whether its last character is a hyphen the layout added (a
    '-' that `source` does not have there); an added hyphen inside a text (a part's inner
    line ends) is passed over. None when the texts are not `source` laid out so, in order."""
    pieces = [bare(text) for text in texts]
    if "".join(pieces) == source:  # no hyphen added (the greedy match below finds the same)
        ends = itertools.accumulate(len(piece) for piece in pieces)
        return [(end, False) for end in ends]
    at, out = 0, []
    for chars in pieces:
        last = False
        for n, char in enumerate(chars):
            if at < len(source) and source[at] == char:
                at += 1
                last = False
            elif char == "-":
                last = n == len(chars) - 1
            else:
                return None
        out.append((at, last))
    return out


def bare(text: str) -> str:
    """`text` without its whitespace (str.isspace): what `added` compares."""
    return "".join(text.split())


def soft_hyphen_fits(font_name: str, size: float) -> bool:
    """Whether the registered font `font_name` draws U+00AD, as wide as '-' at `size`
    points (so replacing one by the other moves nothing)."""
    from reportlab.pdfbase import pdfmetrics

    face = getattr(pdfmetrics.getFont(font_name), "face", None)
    cmap = getattr(face, "charToGlyph", None)
    if cmap is None or ord(SOFT_HYPHEN) not in cmap:
        return False
    return bool(pdfmetrics.stringWidth(SOFT_HYPHEN, font_name, size)
                == pdfmetrics.stringWidth("-", font_name, size))
