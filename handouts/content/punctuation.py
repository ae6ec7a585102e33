"""Sentences and lists that templates put together from pieces of content, punctuated once.

A template that writes "Sources: {{ items | join('; ') }}." or "Reviewed by {{ name }}."
doubles the punctuation the content already has ("Naloxone..", "2023.;"). These filters
add a mark only where the text does not already end with one.
"""

from __future__ import annotations

from collections.abc import Iterable

ENDS = ".?!"
"""Marks that end a sentence; a text ending in one needs no full stop."""

SEPARATORS = ".,;:"
"""Marks a list puts between its items; an item's own trailing one is dropped for it."""


def sentence(text: str) -> str:
    """`text` ending with one sentence mark: a full stop added unless it ends with `.`, `?`
    or `!` (after any closing quote or bracket); '' stays ''."""
    text = text.rstrip()
    core = text.rstrip("\"')]\u201d\u2019")
    if not core or core[-1] in ENDS:
        return text
    return text + "."


def cite(items: Iterable[str], separator: str = "; ") -> str:
    """The items joined by `separator` as one sentence: each item's own trailing `.`, `,`,
    `;` or `:` dropped before a separator (a `?` or `!` kept), the last item's own
    sentence mark kept, else a full stop added."""
    texts = [t.strip() for t in items if t.strip()]
    if not texts:
        return ""
    inner = [t.rstrip(SEPARATORS).rstrip() or t for t in texts[:-1]]
    return separator.join([*inner, sentence(texts[-1])])
