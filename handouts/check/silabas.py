"""Spanish syllables, by the rules of the Ortografía de la lengua española (RAE and ASALE,
2010): chapter I, on the vowel groups (diphthongs, triphthongs and hiatus "a efectos
ortográficos"), and chapter III, on dividing a word at the end of a line.

The vowels (chapter I):

- a, e, o are open ("strong"); i, u (and ü) are closed ("weak"); y is a vowel at the end of
  a word or before a consonant ("hoy", "muy", "y"), else a consonant ("mayo", "yo").
- The u of "que", "qui", "gue", "gui" is not said: it belongs to the consonant ("guion" is
  one syllable, "guitarra" three); ü is said ("pingüino": pin-güi-no).
- Two vowels are one syllable (a diphthong) when one is closed and unstressed and the
  other open ("aire", "cuerpo", "también": a written accent on the open vowel keeps the
  diphthong), or when both are different closed vowels ("ciudad", "cuidado",
  "construir"). Three vowels closed-open-closed are a triphthong ("buey", "Uruguay",
  "averiguáis").
- Two open vowels ("aeropuerto", "área", "poeta"), a closed vowel with a written accent next
  to an open one ("país", "día", "oído", "leía"), and two equal closed vowels ("chiita")
  are a hiatus: two syllables.
- An h between vowels does not part them: "ahumado" (ahu-ma-do), "prohibir" (prohi-bir)
  have diphthongs; "búho" (bú-ho), "ahí" (a-hí) and "alcohol" (al-co-hol) have hiatus.

The consonants between two vowel groups (chapter III, the division into syllables):

- one goes with the next vowel (ch, ll, rr, and qu or gu with a silent u, are one
  consonant; so is x: o-xí-ge-no);
- of two, the second goes with the next vowel unless the pair begins a syllable together
  (pl, bl, fl, cl, kl, gl, pr, br, fr, cr, kr, gr, tr, dr: a-bri-go, but ac-ción,
  at-le-ta); "sub" before r is parted (sub-ra-yar), as the prefix is said;
- of three, the last two go on if they begin a syllable together (ham-bre, ex-pli-car),
  else the last one (ins-tan-te, obs-tá-cu-lo);
- of four, two and two (ins-truc-ción, cons-truir).

A word is counted as it is spelled, not as a speaker may run words together (no
synalepha across words).
"""

from __future__ import annotations

import functools
import itertools
import re

OPEN = frozenset("aeoáéóàèòâêôäëö")
"""Open vowels, with or without an accent."""
CLOSED = frozenset("iuü")
"""Closed vowels without a written accent."""
STRESSED_CLOSED = frozenset("íúìùïî")
"""Closed vowels with a written accent (or a diaeresis, as in verse): a syllable of their
own beside another vowel."""
ONSETS = frozenset({"pl", "bl", "fl", "cl", "kl", "gl", "pr", "br", "fr", "cr", "kr", "gr",
                    "tr", "dr"})
"""Pairs of consonants that begin a syllable together."""
_UNITS_RE = re.compile(r"ch|ll|rr|[qg]u(?=[eiéíèì])|.", re.S)
"""One written consonant or vowel: the digraphs, and qu/gu whose u is silent, are one."""


def _is_vowel(units: list[str], index: int) -> bool:
    unit = units[index]
    if unit in OPEN or unit in CLOSED or unit in STRESSED_CLOSED:
        return True
    if unit != "y":
        return False
    after = units[index + 1] if index + 1 < len(units) else None
    before = units[index - 1] if index else None
    if after is None:  # "y", "hoy", "muy"
        return True
    return not _is_vowel_letter(after) and before is not None and _is_vowel(units, index - 1)


def _is_vowel_letter(unit: str) -> bool:
    return unit in OPEN or unit in CLOSED or unit in STRESSED_CLOSED or unit == "y"


def _joins(first: str, second: str, group: str) -> bool:
    """Whether the vowel `second` belongs to the same syllable as the vowel `first`, the
    last of the vowel group `group` so far."""
    if first in STRESSED_CLOSED or second in STRESSED_CLOSED:
        return False
    if first in OPEN and second in OPEN:
        return False
    if first == second or (first in "iy" and second in "iy"):
        return False  # chi-i-ta
    return not (second in OPEN and any(v in OPEN for v in group))  # one open vowel at most


@functools.lru_cache(maxsize=65536)
def syllabify(word: str) -> tuple[str, ...]:
    """The syllables of one Spanish word, in order and as written (their case kept): for
    example ("a", "e", "ro", "puer", "to"). A word with no vowel is one syllable."""
    low = word.lower()
    if len(low) != len(word):  # a letter whose lower case is longer ("İ"): keep to one
        word = low
    units = _UNITS_RE.findall(low)
    vowel = [_is_vowel(units, i) for i in range(len(units))]
    groups: list[list[int]] = []  # the units of each vowel group (h inside one included)
    for i, unit in enumerate(units):
        if not vowel[i]:
            continue
        last = groups[-1] if groups else None
        bridged = last is not None and i >= 2 and last[-1] == i - 2 and units[i - 1] == "h"
        if last is not None and (last[-1] == i - 1 or bridged) and \
                _joins(units[last[-1]], unit, "".join(units[j] for j in last)):
            last.extend([i - 1, i] if bridged else [i])
        else:
            groups.append([i])
    if not groups:
        return (word,)
    starts = [0]
    for before, after in itertools.pairwise(groups):
        between = list(range(before[-1] + 1, after[0]))
        starts.append(after[0] - _onset(units, between))
    pieces, at = [], 0
    ends = [*starts[1:], len(units)]
    for start, end in zip(starts, ends, strict=True):
        length = sum(len(u) for u in units[start:end])
        pieces.append(word[at:at + length])
        at += length
    return tuple(pieces)


def _onset(units: list[str], between: list[int]) -> int:
    """How many of the consonants `between` two vowel groups begin the next syllable."""
    letters = [units[i] for i in between]
    if len(letters) <= 1:
        return len(letters)
    pair = "".join(letters[-2:])
    if pair in ONSETS and not (pair[1] == "r" and _after_sub(units, between)):
        return 2
    return 1


def _after_sub(units: list[str], between: list[int]) -> bool:
    """Whether the consonants `between` follow the prefix "sub" at the word's start."""
    return "".join(units[:between[0] + 1]) == "sub"


ACRONYM_RE = re.compile(r"[A-ZÁÉÍÓÚÑ]{2,}s?")
"""An all-capital acronym, perhaps plural."""

LETTER_SYLLABLES = {"f": 2, "h": 2, "j": 2, "l": 2, "m": 2, "n": 2, "ñ": 2, "r": 2, "s": 2,
                    "v": 2, "w": 4, "x": 2, "z": 2}
"""Syllables of each letter's Spanish name where it is not one (efe, hache, jota, ele, eme,
ene, eñe, erre, ese, uve, uve doble, equis, zeta); every other letter is one (a, be, ce,
de, e, ge, i, ka, o, pe, cu, te, u, ye)."""

_V, _C, _PAIR = "[aeiouáéíóúü]", "[^aeiouáéíóúü]", "[bcdfgkpt][lr]"
_SPOKEN_ACRONYM_RE = re.compile(
    rf"(?:{_PAIR}|{_C})?{_V}(?:{_C}?(?:{_PAIR}|{_C})?{_V})*[lnrsdzc]?")
"""An acronym said as a word (SIDA, ONU, UCI, EPOC, COVID): consonants and vowels in
turns a Spanish word could have, ending in a vowel or a consonant a Spanish word may end
in; others are spelled (VIH, OMS, DNI, ETS)."""


def acronym_syllables(acronym: str) -> int:
    """Syllables of an all-capital acronym as a Spanish reader says it: as a word when
    it reads as one, else letter by letter by the letters' names."""
    letters = (acronym[:-1] if acronym.endswith("s") and len(acronym) > 2 else acronym).lower()
    if _SPOKEN_ACRONYM_RE.fullmatch(letters):
        return len(syllabify(letters))
    return sum(LETTER_SYLLABLES.get(c, 1) for c in letters if c.isalpha())


@functools.lru_cache(maxsize=65536)
def syllables(word: str) -> int:
    """Syllables in one word as a Spanish reader says it: each part of a hyphenated word
    counts, an all-capital acronym as `acronym_syllables` says; at least 1."""
    total = 0
    for part in (p for p in re.split(r"[-'\u2019]", word) if p):
        total += acronym_syllables(part) if ACRONYM_RE.fullmatch(part) else \
            len(syllabify(part))
    return max(total, 1)
