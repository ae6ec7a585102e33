"""The scripts the writers cannot set: the tables agree with Unicode's data, and text is
refused by script, named as Unicode names it."""

from __future__ import annotations

import regex
from hypothesis import given
from hypothesis import strategies as st

from handouts.fonts.scripts import (
    FIRST_REFUSED,
    NEEDS_SHAPING,
    RIGHT_TO_LEFT,
    Refusal,
    refusals,
)

EVERY_CODE_POINT = "".join(map(chr, range(0x110000)))
SET_AROUND = r"[\p{Script=Common}\p{Script=Inherited}\p{Script=Unknown}]"
"""Characters with no script of their own (punctuation, digits, combining accents)."""


def _scripts(names: tuple[str, ...]) -> str:
    return "".join(f"\\p{{Script={name}}}" for name in names)


def _letters(name: str) -> list[str]:
    """Every letter of one script, by Unicode's data."""
    return regex.findall(f"[\\p{{Script={name}}}&&\\p{{L}}]", EVERY_CODE_POINT, flags=regex.V1)


def test_every_right_to_left_script_is_listed_and_every_listed_one_is_right_to_left() -> None:
    rtl = regex.compile(r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]")
    unlisted = regex.compile(f"[^{_scripts(RIGHT_TO_LEFT)}]")
    strays = {c for c in rtl.findall(EVERY_CODE_POINT)
              if unlisted.match(c) and not regex.match(SET_AROUND, c)}
    assert not strays, sorted(f"U+{ord(c):04X}" for c in strays)[:10]
    for name in RIGHT_TO_LEFT:
        assert any(rtl.match(c) for c in _letters(name)), name


def test_every_script_with_a_virama_or_a_spacing_mark_is_refused() -> None:
    """Han's and Hangul's spacing marks are rare tone and reading marks (see the table)."""
    shaped = regex.compile(r"[\p{Canonical_Combining_Class=9}\p{General_Category=Mc}]")
    allowed = f"[^{_scripts((*NEEDS_SHAPING, *RIGHT_TO_LEFT, 'Han', 'Hangul'))}]"
    strays = {c for c in shaped.findall(EVERY_CODE_POINT)
              if regex.match(allowed, c) and not regex.match(SET_AROUND, c)}
    assert not strays, sorted(f"U+{ord(c):04X}" for c in strays)[:10]
    for name in set(NEEDS_SHAPING) - {"Mongolian", "Phags_Pa"}:
        assert regex.search(f"[\\p{{Script={name}}}&&[\\p{{Canonical_Combining_Class=9}}"
                            r"\p{General_Category=Mc}]]", EVERY_CODE_POINT,
                            flags=regex.V1), name


@given(st.sampled_from(RIGHT_TO_LEFT + NEEDS_SHAPING), st.data())
def test_a_letter_of_a_refused_script_is_refused_naming_its_script(
        name: str, data: st.DataObject) -> None:
    letter = data.draw(st.sampled_from(_letters(name)))
    assert refusals(f"Wash {letter} hands") == {
        letter: Refusal(name.replace("_", " "), name in RIGHT_TO_LEFT)}


@given(st.sampled_from(("Latin", "Greek", "Cyrillic", "Han", "Hiragana", "Katakana",
                        "Hangul", "Armenian", "Georgian")), st.data())
def test_scripts_set_without_shaping_are_not_refused(name: str,
                                                      data: st.DataObject) -> None:
    assert refusals(data.draw(st.text(st.sampled_from(_letters(name)), min_size=1))) == {}


def test_spanish_punctuation_and_accents_are_not_refused() -> None:
    assert refusals("¿Dónde? ¡Ánimo! Ñandú, ÉXITO, Útil, Ü, «comillas» — 1–2 €") == {}


def test_right_to_left_marks_and_punctuation_are_refused_as_right_to_left() -> None:
    assert refusals("\u200f\u061f") == {"\u200f": Refusal("right-to-left", True),
                                        "\u061f": Refusal("right-to-left", True)}


def test_no_character_before_the_first_refused_one_is_refused() -> None:
    """refusals skips every character before FIRST_REFUSED: by the Unicode data, no
    assigned one is in a refused script or right to left."""
    pattern = regex.compile("|".join([*(f"\\p{{Script={name}}}" for name in
                                        (*RIGHT_TO_LEFT, *NEEDS_SHAPING)),
                                      r"[\p{Bidi_Class=R}\p{Bidi_Class=AL}]"]))
    assigned = regex.compile(r"\p{Assigned}")
    assert not [hex(n) for n in range(ord(FIRST_REFUSED))
                if assigned.match(chr(n)) and pattern.match(chr(n))]
    assert pattern.match(FIRST_REFUSED)
    assert refusals(["\u0378"]) == {}  # unassigned: no font draws it (handouts.build.glyphs)
