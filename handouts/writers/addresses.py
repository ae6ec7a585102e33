"""Where addresses may break across lines: a web address only after `/`, `.`, `-`, `?`
or `&`; a phone number never (nor after its bracketed area code), nor a time between its
number and 'am' or 'pm' (or Spanish 'a. m.', 'p. m.').

Both writers use the pieces of a web address: the PDF writer puts a zero-width break
opportunity between them (handouts.writers.pdf.urlbreaks), the deck writer a zero-width
space. reportlab never breaks at a hyphen, so only the deck writer needs numbers kept whole.
"""

from __future__ import annotations

import re

BREAK_AFTER = "/.-?&"
"""The characters after which an address may break."""

MIN_PIECE = 4
"""The fewest characters a line may start or end an address with: no lone 'org'."""


def pieces(text: str) -> list[str]:
    """`text` cut after each break character that is followed by a character that is not
    one (`https://` stays whole up to its second slash), no piece shorter than `MIN_PIECE`
    unless the text is; joined, the pieces are `text`."""
    out: list[str] = []
    start = 0
    for i, char in enumerate(text[:-1]):
        if char in BREAK_AFTER and text[i + 1] not in BREAK_AFTER and not text[i + 1].isspace():
            out.append(text[start:i + 1])
            start = i + 1
    out.append(text[start:])
    merged: list[str] = []
    for piece in out:
        if merged and (len(merged[-1]) < MIN_PIECE or len(piece.strip()) < MIN_PIECE):
            merged[-1] += piece
        else:
            merged.append(piece)
    return merged


ZERO_WIDTH_SPACE = "\u200b"
NON_BREAKING_HYPHEN = "\u2011"

NO_BREAK_SPACE = "\u00a0"

_NUMBER_HYPHEN = re.compile(r"(?<=\d)-(?=\d)")
_TIME_SPACE = re.compile(r"(?<=\d) (?=(?:am|pm|[ap]\.\s?m\.)(?![^\W\d_]))", re.IGNORECASE)
_MERIDIEM_SPACE = re.compile(r"(?<=\d[\s\u00a0][ap]\.) (?=m\.)", re.IGNORECASE)
"""The space inside Spanish 'a. m.' and 'p. m.' after a time (RAE: "10 a. m.")."""
_AREA_CODE_SPACE = re.compile(r"(?<=\(\d{3}\)) (?=\d{3}[-\u2011]\d{4})")
"""The space after a US area code in brackets: '(555) 010-2040'."""


def with_breaks(address: str) -> str:
    """A web address with a zero-width space between its `pieces`."""
    return ZERO_WIDTH_SPACE.join(pieces(address))


def numbers_whole(text: str) -> str:
    """`text` with each hyphen between two digits made a non-breaking hyphen, so that a
    phone number ('1-800-662-4357') or a range ('27-38') stays on one line, and a time's
    space before 'am' or 'pm' a no-break space ('1 pm' never leaves 'pm' alone)."""
    return times_whole(_NUMBER_HYPHEN.sub(NON_BREAKING_HYPHEN, text))


def times_whole(text: str) -> str:
    """`text` with a time's space before 'am' or 'pm' ('1 pm', Spanish '1 p. m.', the
    space inside 'p. m.' too) and the space after a bracketed area code ('(555) 010-2040')
    made no-break spaces (print keeps the rest of a phone number whole by itself:
    reportlab never breaks at a hyphen)."""
    text = _TIME_SPACE.sub(NO_BREAK_SPACE, text)
    text = _MERIDIEM_SPACE.sub(NO_BREAK_SPACE, text)
    return _AREA_CODE_SPACE.sub(NO_BREAK_SPACE, text)
