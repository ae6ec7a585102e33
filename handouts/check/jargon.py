"""The jargon list and where its terms occur in plain text, in any form.

A term is matched word by word on Snowball stems (the `snowballstemmer` package, which
also stems Spanish), so "titrating" is found as "titrate" and "biopsies" as "biopsy". A
stem alone would also join words of different meaning ("topic" and "topical", "mobile"
and "mobility"), so a written word matches a term's word only if their stems agree and
the written word is at least as long: an inflected or derived form of the term, never a
shorter base word that happens to share its stem. A term written in capitals (an acronym
such as COPD) matches only in capitals, as written or with a plural "s".

Each language has its own list, sources and everyday phrases, picked by the primary
subtag of the text's BCP 47 tag: English `jargon.csv`, `sources.csv` and `everyday.csv`;
Spanish `jargon.es.csv`, `sources.es.csv` and `everyday.es.csv` (stemmed with the Spanish
Snowball stemmer, which also drops written accents, so "hipertensión" and "hipertensiones"
are one word). A language without a list has no jargon findings.

Everyday phrases (`everyday.csv`: "cash withdrawal", "zero tolerance") overrule a term
found inside them, in any form of their words; an everyday word there ("ambulance",
"timing") overrules a term that merely shares its stem, as written or with a plural "s".
Where terms overlap ("randomized controlled trial" and "randomize"), the one of more words
is the finding; where two terms match the same word, the one most like it.
"""

from __future__ import annotations

import csv
import functools
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import snowballstemmer

from handouts.build.languages import DEFAULT_LANGUAGE, primary

WORD_RE = re.compile(r"[^\W\d_]+(?:['\u2019][^\W\d_]+)*")
"""A written word: letters, with inner apostrophes; hyphens and digits separate words."""
JOINER_RE = re.compile(r"[\s\-\u2010\u2011]+")
_HYPHENS = re.compile(r"[\-\u2010\u2011]")
"""What may stand between two words of one term: spaces, line breaks and hyphens."""


@dataclass(frozen=True)
class Language:
    """What the matcher needs of a language: its files and how its words are inflected."""

    stemmer: str
    """The Snowball stemmer's name ("english", "spanish")."""
    files: tuple[str, str, str]
    """The jargon list, its sources and its everyday phrases, files beside this module."""
    plurals: tuple[str, ...]
    """Endings that make a plural of a word ("s"; Spanish also "es"): an everyday word or
    an acronym stands as written or with one of these."""


LANGUAGES = {
    "en": Language("english", ("jargon.csv", "sources.csv", "everyday.csv"), ("s",)),
    "es": Language("spanish", ("jargon.es.csv", "sources.es.csv", "everyday.es.csv"),
                   ("s", "es")),
}
"""The languages with a shipped jargon list, by primary language subtag."""


def language_of(tag: str) -> Language | None:
    """The jargon list's language for a BCP 47 tag ("es-US" is Spanish); None when no list
    is shipped for it."""
    return LANGUAGES.get(primary(tag))


@dataclass(frozen=True)
class Source:
    """A published plain-language word list the jargon list cites."""

    key: str
    """The short name the list's `source` column uses."""
    title: str
    url: str


@dataclass(frozen=True)
class Term:
    """A jargon word or phrase, its plainer alternative and the source that lists it."""

    term: str
    plain: str
    kind: str
    """"term" (a technical term, to be defined at first use where it is kept) or "word"
    (a wordy everyday word that has a plainer one)."""
    source: str
    """A `Source.key`."""
    words: tuple[str, ...]
    """The term's words as written (acronyms keep their capitals, other words lower case)."""
    page: str = ""
    """The address of the page the entry was read on, where the source is a site of many
    pages (the Spanish list); empty where the source's own address is the page."""


@dataclass(frozen=True)
class Hit:
    """Where a term was found in a text: the term, and the span of text that is it."""

    term: Term
    start: int
    end: int
    written: str
    """The text as written there ("biopsies" for the term "biopsy")."""


def _read_csv(name: str) -> list[dict[str, str]]:
    path = Path(str(resources.files("handouts.check") / name))
    with path.open(encoding="utf-8", newline="") as handle:
        lines = (line for line in handle if not line.startswith("#"))
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(lines)]


def _words(phrase: str) -> tuple[str, ...]:
    return tuple(w if _is_acronym(w) else w.lower() for w in WORD_RE.findall(phrase))


def _is_acronym(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


@functools.cache
def sources(language: str = DEFAULT_LANGUAGE) -> dict[str, Source]:
    """The sources the jargon list of `language` (a BCP 47 tag) cites, by short name
    (`sources.csv` beside it; Spanish `sources.es.csv`); empty for a language without a
    list."""
    lang = language_of(language)
    return {} if lang is None else {row["key"]: Source(row["key"], row["title"], row["url"])
                                    for row in _read_csv(lang.files[1])}


@functools.cache
def terms(language: str = DEFAULT_LANGUAGE) -> tuple[Term, ...]:
    """The shipped jargon list of `language` (a BCP 47 tag: `jargon.csv`, Spanish
    `jargon.es.csv`), in its order; empty for a language without a list."""
    lang = language_of(language)
    return () if lang is None else tuple(
        Term(row["term"], row["plain"], row["kind"], row["source"], _words(row["term"]),
             row.get("page", ""))
        for row in _read_csv(lang.files[0]))


@functools.cache
def everyday(language: str = DEFAULT_LANGUAGE) -> tuple[tuple[str, ...], ...]:
    """The everyday phrases of `language` that overrule a term inside them (`everyday.csv`,
    Spanish `everyday.es.csv`), as words."""
    lang = language_of(language)
    return () if lang is None else tuple(_words(row["phrase"])
                                         for row in _read_csv(lang.files[2]))


class Stems:
    """Snowball stems of a language's words, remembered: the matcher asks for the same
    words over and over."""

    def __init__(self, language: Language = LANGUAGES["en"]) -> None:
        self._stemmer = snowballstemmer.stemmer(language.stemmer)
        self._spanish = language.stemmer == "spanish"
        self._known: dict[str, frozenset[str]] = {}

    def of(self, word: str) -> frozenset[str]:
        """The stems `word` may have: its own, and for a plural the stem of its singular
        too. English: a Latin or Greek plural (metastases, metastasis; vertebrae,
        vertebra). Spanish: a word less its plural "s" or "es", since Snowball stems some
        plurals apart from their singular ("cefaleas" cefal, "cefalea" cefale)."""
        found = self._known.get(word)
        if found is None:
            low = word.lower().replace("\u2019", "'")
            forms = {low}
            if self._spanish:
                forms.update(low[:-len(end)] for end in ("s", "es")
                             if low.endswith(end) and len(low) - len(end) >= 3)
            else:
                if low.endswith("ses"):
                    forms.add(low[:-3] + "sis")
                if low.endswith("ae"):
                    forms.add(low[:-1])
            found = frozenset(self._stemmer.stemWords(sorted(forms)))
            self._known[word] = found
        return found


def _alike(written: str, words: tuple[str, ...]) -> int:
    """How many letters `written` shares with a term's words from the start."""
    listed = " ".join(words).lower()
    return next((n for n, (a, b) in enumerate(zip(written.lower(), listed, strict=False))
                 if a != b), min(len(written), len(listed)))


def _word_matches(stems: Stems, written: str, listed: str,
                  plurals: tuple[str, ...] = ("s",)) -> bool:
    """Whether the word `written` in a text is a form of the term's word `listed` (an
    acronym: as written, or with one of the language's `plurals`)."""
    if _is_acronym(listed):
        return written == listed or any(written == listed + end for end in plurals)
    if len(written) < len(listed) and written.lower() != listed:
        return False  # "topic" shares the stem of "topical" but is another word
    return bool(stems.of(written) & stems.of(listed))


class Matcher:
    """Finds the terms of a list, and the everyday phrases that overrule them, in text."""

    def __init__(self, listed: Sequence[Term], phrases: Sequence[tuple[str, ...]],
                 language: Language = LANGUAGES["en"]) -> None:
        self._stems = Stems(language)
        self._plurals = language.plurals
        self._terms: dict[str, list[tuple[tuple[str, ...], Term | None]]] = {}
        for term in listed:
            self._add(term.words, term)
        for phrase in phrases:
            self._add(phrase, None)

    def _add(self, words: tuple[str, ...], term: Term | None) -> None:
        if words:
            keys = {words[0]} if _is_acronym(words[0]) else self._stems.of(words[0])
            for key in keys:
                self._terms.setdefault(key, []).append((words, term))

    def _keys(self, word: str) -> Iterator[str]:
        yield word  # an acronym as written, or with its plural ending taken off
        for end in self._plurals:
            if word.endswith(end):
                yield word[:-len(end)]
        yield from self._stems.of(word)

    def find(self, text: str) -> list[Hit]:
        """Every term in `text`, left to right: where terms overlap, the one of more words
        (then the earlier) wins, and a term inside an everyday phrase is no finding."""
        tokens = list(WORD_RE.finditer(text))
        found: list[tuple[int, int, int, Term | None]] = []
        for i, token in enumerate(tokens):  # first token, token count, letters alike, term
            for key in dict.fromkeys(self._keys(token[0])):
                for words, term in self._terms.get(key, ()):
                    if self._matches(text, tokens, i, words, term):
                        written = text[token.start():tokens[i + len(words) - 1].end()]
                        found.append((i, len(words), _alike(written, words), term))
        # more words first; then an everyday phrase before a term; then the term most like
        # the text ("hepatitis" before "hepatic", which shares its stem)
        found.sort(key=lambda f: (-f[1], f[0], f[3] is not None, -f[2]))
        taken: set[int] = set()
        hits = []
        for first, count, _, term in dict.fromkeys(found):
            span = set(range(first, first + count))
            if span & taken:
                continue
            taken |= span
            if term is not None:
                start, end = tokens[first].start(), tokens[first + count - 1].end()
                hits.append(Hit(term, start, end, text[start:end]))
        return sorted(hits, key=lambda h: h.start)

    def _matches(self, text: str, tokens: list[re.Match[str]], first: int,
                 words: tuple[str, ...], term: Term | None) -> bool:
        last = first + len(words) - 1
        if last >= len(tokens):
            return False
        start, end = tokens[first].start(), tokens[last].end()
        if _HYPHENS.match(text, start - 1 if start else len(text)) or _HYPHENS.match(text, end):
            return False  # part of a hyphenated word: "ketamine-assisted" is a name, not "assist"
        for n, listed in enumerate(words):
            token = tokens[first + n]
            if n and not JOINER_RE.fullmatch(text, tokens[first + n - 1].end(), token.start()):
                return False
            if term is None and len(words) == 1:  # an everyday word stands as written
                low = token[0].lower()
                if low != listed and not any(low == listed + end for end in self._plurals):
                    return False
            elif not _word_matches(self._stems, token[0], listed, self._plurals):
                return False
        return True

    def key(self, phrase: str) -> tuple[frozenset[str], ...]:
        """A phrase as the stems of its words, to compare terms whatever their form."""
        return tuple(frozenset({w}) if _is_acronym(w) else self._stems.of(w)
                     for w in _words(phrase))


@functools.cache
def matcher(language: str = DEFAULT_LANGUAGE) -> Matcher:
    """A matcher for the shipped jargon list and everyday phrases of `language` (a BCP 47
    tag); one that finds nothing for a language without a list."""
    lang = language_of(language)
    return Matcher(terms(language), everyday(language), lang or LANGUAGES["en"])


def defines(glossary: Sequence[str], term: Term, match: Matcher | None = None) -> bool:
    """Whether a glossary with these terms defines `term`: an entry is the term in some
    form ("hypertension" for "hypertensive"), or a longer phrase with the whole term in it.
    A short entry inside the term's letters ("IV" in "dissociative") defines nothing."""
    match = match or matcher()
    wanted = match.key(term.term)
    n = len(wanted)
    for entry in glossary:
        have = match.key(entry)
        for i in range(len(have) - n + 1):
            if n and all(a & b for a, b in zip(have[i:i + n], wanted, strict=True)):
                return True
    return False
