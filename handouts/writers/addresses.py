"""Where addresses may break across lines: a web address only after `/`, `.`, `-`, `?`
or `&`; a phone number never (nor after its bracketed area code), nor a time between its
number and 'am' or 'pm' (or Spanish 'a. m.', 'p. m.'); nor a heading or caption before
its last word (`last_words_together`), which would leave it alone on a line.

Both writers use the pieces of a web address: the PDF writer puts a zero-width break
opportunity between them (handouts.writers.pdf.urlbreaks), the deck writer a zero-width
space. reportlab never breaks at a hyphen, so only the deck writer needs numbers kept whole.
"""

from __future__ import annotations

import re
from dataclasses import replace

from handouts.document import model as L

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


RUNT_MOST = 24
"""The most characters of a heading's last two words that `last_words_together` binds:
a longer pair could be too wide to share a line in a narrow panel."""


def last_words_together(runs: L.Inline) -> L.Inline:
    """`runs` (a heading or caption) with the space before its last word a no-break space,
    so that when it wraps, its last line holds two words, not one ('not a / weakness'
    becomes 'not / a weakness'); left as they are where the last two words together are
    longer than RUNT_MOST characters, or sit in a link."""
    text = "".join(run.text for run in runs)
    words = text.rstrip().rsplit(None, 2)
    if len(words) < 2 or len(" ".join(words[-2:])) > RUNT_MOST:
        return runs
    for n in range(len(runs) - 1, -1, -1):
        run = runs[n]
        at = run.text.rstrip().rfind(" ") if n == len(runs) - 1 else run.text.rfind(" ")
        if run.href:
            return runs
        if at >= 0:
            bound = replace(run, text=run.text[:at] + NO_BREAK_SPACE + run.text[at + 1:])
            return (*runs[:n], bound, *runs[n + 1:])
    return runs


BREAKING_SPACE = re.compile(r"[ \t\r\n]+")
"""The spaces a line may break at: not a no-break space ('8 a. m.', a heading's last two
words), which Python's str.split() breaks at too."""


def words(text: str) -> list[str]:
    """`text`'s words as a line breaks them: between breaking spaces only."""
    return [word for word in BREAKING_SPACE.split(text) if word]

