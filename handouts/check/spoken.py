"""Numbers and acronyms as a reader says them, so the grade formulas count them.

McLaughlin's SMOG counts a number as the words it is read aloud as ("988" read as "nine
eight eight" is three words of one syllable); the same rule is applied to Flesch-Kincaid.
Numbers become words with `num2words` (which also reads Spanish, the next language), in
the American style without "and" ("nine hundred eighty-eight"). How a number is read
depends on what it is:

- a phone number, and a three-digit line people dial (988, 911, 211 and the other N11
  codes): digit by digit;
- a year-like four-digit number, 1100 to 2099 without a comma: as a year ("twenty
  twenty-two");
- a range: "40-60%" is "forty to sixty percent";
- a decimal: "2.5" is "two point five"; a percent adds "percent", "$5" is "five dollars";
- an ordinal ("21st"), a time ("9:30"), a fraction ("1/2") and "24/7" as said;
- a Roman numeral after a word that numbers things: "Schedule III" is "Schedule three".

An all-capital acronym is one word; its syllables are the CMU dictionary's pronunciation
where the dictionary has one (preferring the spelled-out one when it lists that too: "US"
is "you ess"), else its letters spelled out (SUD: three; NMDA: four), except the few in
`SAID_AS_WORDS`.

What differs between languages (the words for digits, "point", "percent", "to", fractions,
times, the abbreviations said as words) is a `Voice`; `ENGLISH` is this module's, and the
Spanish one is in `handouts.check.spanish`. The rules of which number is read how are the
same for both.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from num2words import num2words


@dataclass(frozen=True)
class Voice:
    """How one language reads numbers and abbreviations aloud."""

    lang: str
    """num2words's name of the language ("en", "es")."""
    digits: tuple[str, ...]
    """The words for 0 to 9."""
    point: str
    percent: str
    dollars: str
    to: str
    """The word between the ends of a range ("40-60")."""
    always: str
    """How "24/7" is said."""
    said: tuple[tuple[str, str], ...]
    """Abbreviations (without their full stop) said as a word other than their letters."""
    numbering: tuple[str, ...]
    """Words after which a Roman numeral is a number ("Schedule III")."""
    fraction: Callable[[Voice, int, int], str]
    """A fraction (numerator, denominator) as words."""
    time: Callable[[Voice, int, int], str]
    """A time of day (hours, minutes) as words."""
    drop: tuple[str, ...] = ()
    """Words num2words writes that this voice does not say (English's "and")."""


def _english_fraction(voice: Voice, count: int, bottom: int) -> str:
    if bottom == 2:
        name = "half" if count == 1 else "halves"
    elif bottom == 4:
        name = "quarter" + ("s" if count != 1 else "")
    else:
        name = ordinal(str(bottom), voice) + ("s" if count != 1 else "")
    return f"{cardinal(str(count), voice)} {name}"


def _english_time(voice: Voice, hours: int, minutes: int) -> str:
    rest = "" if not minutes else (" oh " + voice.digits[minutes] if minutes < 10
                                   else " " + cardinal(str(minutes), voice))
    return cardinal(str(hours), voice) + rest


ENGLISH = Voice(
    lang="en", digits=("zero", "one", "two", "three", "four", "five", "six", "seven",
                       "eight", "nine"),
    point="point", percent="percent", dollars="dollars", to="to", always="twenty-four seven",
    said=(("Dr", "doctor"), ("Mr", "mister"), ("Mrs", "missus"), ("vs", "versus"),
          ("etc", "et cetera"), ("approx", "approximately"), ("incl", "including")),
    numbering=("Schedule", "Phase", "Type", "Stage", "Class", "Grade", "Part", "Title",
               "Level", "Tier", "Category"),
    fraction=_english_fraction, time=_english_time, drop=("and",))

DIGITS = ENGLISH.digits

DIALLED = frozenset({"211", "311", "411", "511", "611", "711", "811", "911", "988"})
"""Three-digit lines people dial, read digit by digit wherever they stand."""

SAID_AS_WORDS = {"samhsa": 2, "rems": 1, "covid": 2, "nami": 2, "hipaa": 2, "er": 2,
                 "ed": 2}
"""Syllables of acronyms the CMU dictionary (2014) lacks or lists as another word: said
as a word (SAMHSA is "sam-suh") or, for ER and ED (the dictionary has the words "er" and
"Ed"), as their letters."""

_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+"
_PHONE = (r"(?:\+?1[-.\s])?(?:\(\d{3}\)\s?|\d{3}[-.\s])\d{3}[-.\s]"
          r"(?:\d{4}|[A-Z]{4}\b(?:\s?\(\d{4}\))?)")  # 1-800-662-HELP (4357): the digits too
NUMBER_RE = re.compile(
    rf"(?<![\d,.])(?:(?P<phone>{_PHONE})"
    r"|(?P<always>24/7)"
    r"|(?P<time>\d{1,2}):(?P<minutes>[0-5]\d)"
    r"|(?P<top>\d+)/(?P<bottom>\d+)"
    rf"|(?P<cur>\$)?(?P<a>{_NUM})(?P<pa>\s?%)?\s?[-\u2013\u2014]\s?(?P<b>{_NUM})(?P<pb>\s?%)?"
    rf"|(?P<money>\$)?(?P<n>{_NUM})(?P<suffix>\s?%|st\b|nd\b|rd\b|th\b)?)"
    r"(?![\d])")
"""A number and what says how it is read; tried left to right, first alternative first.
Numbers are written the American way in both languages: a point before the decimals, a
comma between thousands."""

ACRONYM_RE = re.compile(r"[A-Z]{2,}s?")
"""An all-capital acronym, perhaps plural (SSRIs)."""

DOTTED_RE = re.compile(r"(?<![\w.])((?:[A-Za-z]\.)+[A-Za-z])\.?(?!\w)")
"""Letters with full stops (U.S., a.m., e.g.; the last stop may have been taken as the
sentence's end), said as their letters."""


@functools.cache
def _said_re(said: tuple[tuple[str, str], ...]) -> re.Pattern[str]:
    """Any of the abbreviations `said`, with or without its full stop, as a whole word."""
    return re.compile(r"(?<![\w.])(" + "|".join(re.escape(short) for short, _ in said)
                      + r")(?:\.|(?!\w))")


@functools.cache
def _roman_re(numbering: tuple[str, ...]) -> re.Pattern[str]:
    """A Roman numeral after one of the words `numbering` ("Schedule III"): "IV" alone is
    more often intravenous."""
    return re.compile(r"\b((?:" + "|".join(numbering) + r")s? )"
                      r"(?=[IVX]+\b)(X{0,3})(IX|IV|V?I{0,3})\b")


_ROMAN = {"I": 1, "V": 5, "X": 10}


def _roman(match: re.Match[str], voice: Voice) -> str:
    tens, ones = match.group(2), match.group(3)
    if not tens + ones:
        return match.group()  # letters that only look like a numeral ("VX")
    values = [_ROMAN[c] for c in ones]
    value = 10 * len(tens) + sum(-v if i + 1 < len(values) and v < values[i + 1] else v
                                 for i, v in enumerate(values))
    return match.group(1) + cardinal(str(value), voice)


LONGEST = 15
"""Digits beyond which a whole number is read digit by digit, as an identifier is (and
num2words overflows past about 10**300)."""


def _words(digits: str, voice: Voice = ENGLISH, to: str = "cardinal") -> str:
    """A whole number as words ("cardinal", "ordinal" or "year"); a long one digit by
    digit. num2words's commas and the words the voice drops (English's British "and")
    are left out: "nine hundred eighty-eight"."""
    digits = digits.replace(",", "")
    if len(digits.lstrip("0")) > LONGEST:
        return digit_by_digit(digits, voice)
    words = num2words(int(digits), to=to, lang=voice.lang)
    return " ".join(w for w in words.replace(",", " ").split() if w not in voice.drop)


def cardinal(digits: str, voice: Voice = ENGLISH) -> str:
    """A whole number (digits, perhaps with thousands commas) as words."""
    return _words(digits, voice)


def ordinal(digits: str, voice: Voice = ENGLISH) -> str:
    """A whole number as its ordinal in words ("fifth", "quinto")."""
    return _words(digits, voice, "ordinal")


def decimal(number: str, voice: Voice = ENGLISH) -> str:
    """A number with or without a decimal part as read: "2.5" is "two point five"."""
    whole, _, part = number.partition(".")
    said = cardinal(whole, voice) if whole else voice.point
    if part:
        said = (f"{said} {voice.point} " if whole else f"{voice.point} ") + \
            " ".join(voice.digits[int(d)] for d in part)
    return said


def digit_by_digit(text: str, voice: Voice = ENGLISH) -> str:
    """Every digit of `text` as its word, letters kept as they are ("1-800-662-HELP")."""
    return " ".join(voice.digits[int(c)] if c.isdigit() else c
                    for c in re.findall(r"\d|[A-Za-z]+", text))


def _amount(number: str, voice: Voice) -> str:
    """A number that stands alone: a year when it looks like one, else its value."""
    if re.fullmatch(r"1[1-9]\d\d|20\d\d", number):
        return _words(number, voice, "year")
    return decimal(number, voice)


def _said(match: re.Match[str], voice: Voice) -> str:
    """The words one number is read as."""
    g = match.group
    if g("phone"):
        return digit_by_digit(g("phone"), voice)
    if g("always"):
        return voice.always
    if g("time"):
        return voice.time(voice, int(g("time")), int(g("minutes")))
    if g("top"):
        return voice.fraction(voice, int(g("top")), int(g("bottom")))
    if g("a"):
        percent = f" {voice.percent}" if g("pa") or g("pb") else ""
        dollars = f" {voice.dollars}" if g("cur") else ""
        return f"{_amount(g('a'), voice)} {voice.to} {_amount(g('b'), voice)}{percent}{dollars}"
    number, suffix = g("n"), (g("suffix") or "").strip()
    if number in DIALLED and not suffix and not g("money"):
        return digit_by_digit(number, voice)
    if suffix in ("st", "nd", "rd", "th") and number.isdigit():
        return ordinal(number, voice)
    said = _amount(number, voice) if not g("money") else \
        f"{decimal(number, voice)} {voice.dollars}"
    return said + (f" {voice.percent}" if suffix == "%" else "")


def read_aloud(sentence: str, voice: Voice = ENGLISH) -> str:
    """`sentence` with every number replaced by the words it is read as, abbreviations
    said as words by them (the voice's `said`: "Dr." is "doctor") and dotted abbreviations
    (U.S., a.m.) by their letters as one word (US, AM). A number run into a letter is set
    apart from it ("5mg" is "five mg")."""
    def spaced(said: Callable[[re.Match[str]], str]) -> Callable[[re.Match[str]], str]:
        def one(match: re.Match[str]) -> str:
            text, start, end = match.string, match.start(), match.end()
            before = " " if start and text[start - 1].isalpha() else ""
            after = " " if end < len(text) and text[end].isalpha() else ""
            return before + said(match) + after
        return one

    said = dict(voice.said)
    sentence = _roman_re(voice.numbering).sub(lambda m: _roman(m, voice), sentence)
    sentence = _said_re(voice.said).sub(lambda m: said[m.group(1)], sentence)
    sentence = DOTTED_RE.sub(lambda m: m.group(1).replace(".", "").upper(), sentence)
    return NUMBER_RE.sub(spaced(lambda m: _said(m, voice)), sentence)


def spelled_syllables(letters: str) -> int:
    """Syllables of capital letters said one by one (W, "double-u", has three)."""
    return sum(3 if c == "W" else 1 for c in letters if c.isalpha())


def acronym_syllables(acronym: str, pronunciations: tuple[int, ...]) -> int:
    """Syllables of an all-capital acronym (see ACRONYM_RE), given the syllable counts of
    the CMU dictionary's pronunciations of it (empty when it has none)."""
    letters = acronym[:-1] if acronym.endswith("s") else acronym
    spelled = spelled_syllables(letters)
    if letters.lower() in SAID_AS_WORDS:
        return SAID_AS_WORDS[letters.lower()]
    if not pronunciations or letters != acronym:
        return spelled
    return spelled if spelled in pronunciations else pronunciations[0]
