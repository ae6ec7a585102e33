"""Spanish syllables: diphthongs, triphthongs, hiatus, written accents, silent u, h between
vowels and consonant clusters, on words divided by hand by the RAE's rules (2010)."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.check.silabas import syllabify, syllables

DIVIDED = [
    # hiatus: two open vowels, or a closed vowel with a written accent
    "a-e-ro-puer-to", "o-í-do", "pa-ís", "dí-a", "á-re-a", "le-í-a", "po-e-ta", "ca-os",
    "cre-er", "re-ír", "hé-ro-e", "ba-úl", "a-ún", "re-ú-ne", "con-ti-nú-a", "guí-a",
    "Rí-o", "chi-i-ta", "náu-se-as",
    # h between vowels: hiatus or diphthong as if it were not there
    "bú-ho", "a-hí", "al-co-hol", "pro-hí-be", "ahu-ma-do", "prohi-bir", "za-na-ho-ria",
    # diphthongs (the written accent on the open vowel keeps them) and triphthongs
    "tam-bién", "náu-ti-co", "ciu-dad", "cui-da-do", "cons-truir", "flui-do", "hue-vo",
    "hie-lo", "a-gua", "dia-be-tes", "U-ru-guay", "a-ve-ri-guáis", "buey", "hoy", "muy",
    # silent u after q and g; said ü; guion and huir are one syllable (RAE 2010)
    "guion", "huir", "gui-ta-rra", "quie-ro", "pin-güi-no", "ci-güe-ña",
    # consonants: one goes on; pairs that begin a syllable; three and four
    "o-xí-ge-no", "a-dic-ción", "ins-truc-ción", "ac-ción", "ham-bre", "ex-pli-car",
    "ins-tan-te", "obs-tá-cu-lo", "pers-pec-ti-va", "trans-por-te", "at-le-ta",
    "sub-ra-yar", "des-hie-lo", "an-he-lo", "ex-ha-lar", "a-yu-da", "re-yes", "ca-lle",
    "mu-cho", "pe-rro", "co-ra-zón", "me-di-ca-men-to", "en-fer-me-dad", "va-cu-na",
    "y", "rey",
]


@pytest.mark.parametrize("divided", DIVIDED)
def test_a_word_is_divided_as_the_rules_say(divided: str) -> None:
    word = divided.replace("-", "")
    assert "-".join(syllabify(word)) == divided
    assert syllables(word) == divided.count("-") + 1


def test_pyphen_s_undercounts_are_right_here() -> None:
    assert [syllables(w) for w in ("área", "país", "día")] == [3, 2, 2]


def test_capitals_and_accented_capitals_count_alike() -> None:
    assert syllables("ÁREA") == syllables("área") == 3
    assert syllables("Aeropuerto") == 5


@pytest.mark.parametrize(("acronym", "count"), [
    ("SIDA", 2), ("ONU", 2), ("UCI", 2), ("EPOC", 2), ("COVID", 2),  # said as words
    ("VIH", 5), ("OMS", 5), ("DNI", 4), ("ETS", 4), ("VPH", 5),  # spelled: uve-i-ha-che
])
def test_an_acronym_is_said_as_a_word_or_spelled(acronym: str, count: int) -> None:
    assert syllables(acronym) == count


def test_a_hyphenated_word_counts_each_part() -> None:
    assert syllables("físico-químico") == 6


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcdefghijklmnñopqrstuvwxyzáéíóúüAEIOU", min_size=1, max_size=20))
def test_the_syllables_are_the_word(word: str) -> None:
    pieces = syllabify(word)
    assert "".join(pieces) == word
    assert all(pieces)
    assert syllables(word) >= 1


def test_a_capital_whose_lower_case_is_longer_keeps_the_pieces_whole() -> None:
    assert "".join(syllabify("İSLA")) == "İSLA".lower()
    assert syllables("İSLA") == 2
