"""Which writing systems the writers cannot set, by Unicode script.

Both writers put a run's glyphs one after another, left to right, each as the font maps
its character: no bidirectional reordering and no OpenType shaping (reportlab and a deck's
plain runs do neither). Text in a script that needs either comes out wrong with no error:
Hebrew mirrored, Arabic letters unjoined and words reversed, Devanagari vowel signs on the
wrong side and conjuncts unformed, Thai marks colliding. Until right-to-left layout and
shaping are built and verified, such text is refused with its place (handouts.build.glyphs).

A character is refused when its script is one of REFUSED_SCRIPTS, or when its
bidirectional class is right-to-left (R or AL), so that a right-to-left script these tables
do not name is still refused. Both properties are Unicode's, read through the `regex`
package (whose Unicode data is newer than the standard library's `unicodedata`).
Characters of the Common and Inherited scripts (digits, punctuation, combining accents) are
set with the text around them and are not refused on their own, except right-to-left marks
and punctuation.

Latin, Greek, Cyrillic, Han, Hiragana, Katakana and precomposed Hangul are set without
shaping and stay allowed wherever the brand's fonts have their glyphs.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

RIGHT_TO_LEFT = ("Adlam", "Arabic", "Avestan", "Chorasmian", "Cypriot", "Elymaic",
                 "Garay", "Hanifi_Rohingya", "Hatran", "Hebrew", "Imperial_Aramaic",
                 "Inscriptional_Pahlavi", "Inscriptional_Parthian", "Kharoshthi", "Lydian",
                 "Mandaic", "Manichaean", "Mende_Kikakui", "Meroitic_Cursive",
                 "Meroitic_Hieroglyphs", "Nabataean", "Nko", "Old_Hungarian",
                 "Old_North_Arabian", "Old_Sogdian", "Old_South_Arabian", "Old_Turkic",
                 "Old_Uyghur", "Palmyrene", "Phoenician", "Psalter_Pahlavi", "Samaritan",
                 "Sidetic", "Sogdian", "Syriac", "Thaana", "Yezidi")
"""The scripts whose letters are right-to-left (bidirectional class R or AL), as Unicode
names them; tests/fonts/test_scripts.py checks it against the Unicode data."""

NEEDS_SHAPING = ("Ahom", "Balinese", "Batak", "Bengali", "Bhaiksuki", "Brahmi", "Buginese",
                 "Chakma", "Cham", "Devanagari", "Dives_Akuru", "Dogra", "Grantha", "Gujarati",
                 "Gunjala_Gondi", "Gurmukhi", "Gurung_Khema", "Hanunoo", "Javanese", "Kaithi",
                 "Kannada", "Kawi", "Khmer", "Khojki", "Khudawadi", "Lao", "Lepcha", "Limbu",
                 "Makasar", "Malayalam", "Marchen", "Masaram_Gondi", "Meetei_Mayek", "Miao", "Modi",
                 "Mongolian", "Myanmar", "Nandinagari", "Newa", "Oriya", "Phags_Pa", "Rejang",
                 "Saurashtra", "Sharada", "Siddham", "Sinhala", "Soyombo", "Sundanese",
                 "Syloti_Nagri", "Tagalog", "Tai_Tham", "Takri", "Tamil", "Telugu", "Thai",
                 "Tibetan", "Tifinagh", "Tirhuta", "Tulu_Tigalari", "Zanabazar_Square")
"""The left-to-right scripts that need shaping: every script with a virama (a mark of
canonical combining class 9, which joins consonants into clusters that are reordered,
stacked or ligated) or with spacing combining marks (vowel signs drawn beside or before
their consonant), both from the Unicode data and checked against it by
tests/fonts/test_scripts.py; and the joining scripts Mongolian and Phags-pa (their letters
change form by position, as Arabic's do). Han and Hangul are not listed: their only
spacing marks are rare (Vietnamese reading marks, Middle Korean tone marks), and ordinary
Han and precomposed Hangul text needs no shaping."""

REFUSED_SCRIPTS = RIGHT_TO_LEFT + NEEDS_SHAPING
"""Every script whose text is refused."""

FIRST_REFUSED = "\u0590"
"""No character before this one (the Hebrew block's first) is refused: they are Latin,
Greek, Cyrillic, Armenian, Common and Inherited characters, none of them right to left
(tests/fonts/test_scripts.py checks it against the Unicode data), and unassigned code
points, which no font draws (handouts.build.glyphs reports them)."""


@dataclass(frozen=True)
class Refusal:
    """Why a character cannot be set: `script` is its script's name as Unicode gives it,
    with spaces ("Hebrew", "Tai Tham"), or "right-to-left" for a right-to-left mark or
    punctuation of the Common script; `right_to_left` is True when the reason is the
    direction, False when it is shaping."""

    script: str
    right_to_left: bool

    def reason(self) -> str:
        """What the writers cannot do for this script, as a clause."""
        if self.right_to_left:
            return "right-to-left text cannot be set yet (the writers lay text out left " \
                   "to right only)"
        return f"{self.script} needs its letters shaped (joined, reordered or stacked), " \
               "which the writers cannot do yet"


def refusals(chars: Iterable[str]) -> dict[str, Refusal]:
    """Those of `chars` that the writers cannot set, each mapped to why; {} when every
    character can be set (as far as scripts go: glyphs are checked separately)."""
    import regex

    pattern = regex.compile("|".join([*(f"(?P<s{n}>\\p{{Script={name}}})"
                                        for n, name in enumerate(REFUSED_SCRIPTS)),
                                      r"(?P<rtl>[\p{Bidi_Class=R}\p{Bidi_Class=AL}])"]))
    found: dict[str, Refusal] = {}
    for char in chars:
        if char < FIRST_REFUSED:
            continue
        match = pattern.match(char)
        if match is None:
            continue
        if match.lastgroup == "rtl":
            found[char] = Refusal("right-to-left", True)
        else:
            name = REFUSED_SCRIPTS[int(match.lastgroup[1:])]
            found[char] = Refusal(name.replace("_", " "), name in RIGHT_TO_LEFT)
    return found
