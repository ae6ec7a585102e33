"""Where a printed web address may break across lines: only after `/`, `.`, `-`, `?` or
`&`, never inside a word.

reportlab breaks lines only at spaces, and cuts a word wider than the line at whatever
character reaches its edge; its own address splitting breaks only at `/`, and only for
addresses with a scheme (which print without one). A zero-width space would not help:
reportlab does not break at it (and a font without it draws a box). What reportlab
does break at, without adding a space, is an inline picture; so after each of those
characters inside a link's text goes a transparent picture 0.01 pt wide. pdftotext and
copying see nothing there, and the address reads whole.
"""

from __future__ import annotations

import base64
import io
from collections.abc import Sequence
from typing import Any

from reportlab.lib.abag import ABag
from reportlab.lib.utils import ImageReader

from handouts.writers.addresses import pieces
from handouts.writers.pdf.fragments import clone

_DOT_PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==")
"""A 1 x 1 pixel PNG, fully transparent."""

_BREAK_WIDTH = 0.01
"""The width and height of a break opportunity's picture, in points: drawn, never seen."""


def with_url_breaks(frags: Sequence[Any]) -> list[Any]:
    """reportlab paragraph fragments with a break opportunity after each break character
    of a link's text (a fragment with a `link`), each piece of a link marked `nobr` (never
    hyphenated); other fragments are kept as they are. A break opportunity is a fragment
    marked `url_break`: it serves laying out alone, and drawing leaves it out
    (`drawn_words`)."""
    out: list[Any] = []
    picture: ImageReader | None = None
    for frag in frags:
        text = getattr(frag, "text", "")
        linked = bool(getattr(frag, "link", None))
        if linked:  # an address is never hyphenated (handouts.writers.pdf.hyphens)
            frag = clone(frag)
            frag.nobr = True
        parts = pieces(text) if linked and text else [text]
        if len(parts) == 1:
            out.append(frag)
            continue
        if picture is None:
            picture = ImageReader(io.BytesIO(_DOT_PNG))
        for n, part in enumerate(parts):
            if n:
                gap = clone(frag)
                gap.text = ""
                gap.cbDefn = ABag(kind="img", image=picture, width=_BREAK_WIDTH,
                                  height=_BREAK_WIDTH, valign="bottom")
                gap.url_break = True
                out.append(gap)
            piece = clone(frag)
            piece.text = part
            out.append(piece)
    return out


def drawn_words(words: list[Any]) -> list[Any]:
    """The words of a laid-out line that are drawn: all but its break opportunities,
    transparent and 0.01 pt wide (the text after one moves that much to the left)."""
    return [word for word in words if not getattr(word, "url_break", False)]
