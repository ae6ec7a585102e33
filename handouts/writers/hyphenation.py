"""Which languages' printed text is hyphenated, and by which dictionary.

A project lists them in handouts.toml ([project] hyphenate, default Spanish only); a
document is hyphenated when its language (its `lang`, so a Spanish translation in an
English project too) is one of them. How the PDF writer hyphenates is handouts.writers.
pdf.hyphens's. This module loads no writer, so that settings and a deck build can use it.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterator, Sequence

HYPHENATED_BY_DEFAULT = ("es",)
"""The languages whose printed text is hyphenated unless handouts.toml says otherwise
([project] hyphenate): Spanish, whose long words leave ragged gaps in narrow panels;
not English, whose unhyphenated layouts are the project's reference outputs."""


def dictionary(lang: str, hyphenate: Sequence[str]) -> str:
    """The pyphen dictionary ('es', 'en_US') to hyphenate a document written in `lang`
    (a BCP 47 tag, "es-US") by, when its language subtag is one of `hyphenate`; '' when it
    is not, or pyphen has no dictionary for it."""
    import pyphen

    primary = lang.split("-")[0].lower()
    if not primary or primary not in {tag.split("-")[0].lower() for tag in hyphenate}:
        return ""
    found: str | None = pyphen.language_fallback(lang.replace("-", "_"))
    return found or ""


def known(language: str) -> bool:
    """Whether pyphen has a dictionary for `language` (a language subtag or BCP 47 tag)."""
    import pyphen

    return pyphen.language_fallback(language.replace("-", "_")) is not None


MIN_PIECE = 3
"""The fewest letters hyphenation leaves either side of a hyphen: no 'ca.' or 'se' alone
at a line's start and no 'no-' at its end (pyphen's default is 2)."""


@functools.lru_cache(maxsize=8)
def hyphenator(name: str) -> Callable[[str], Iterator[tuple[str, str]]]:
    """reportlab's hyphenator for pyphen dictionary `name` (from `dictionary`): a word to
    its (before, after) splits, leaving at least MIN_PIECE letters each side; none for a
    word with a capital first letter, as a name ('Strassman', 'Riverbend') or a title in
    another language ('Behavior') is not broken by the page's rules (TeX's \\uchyph=0).
    Made once per dictionary and process."""
    import pyphen

    splits = pyphen.Pyphen(lang=name, left=MIN_PIECE, right=MIN_PIECE).iterate

    def hyphenate(word: str) -> Iterator[tuple[str, str]]:
        if word[:1].isupper():  # a name, or a title in another language ('Behavior')
            return iter(())
        return splits(word)  # type: ignore[no-any-return]

    return hyphenate
