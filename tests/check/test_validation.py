"""Our grades against grades from counts made by hand on public-domain passages.

Each passage (tests/check/passages/, sources in SOURCES.md) was counted by hand, reading
it aloud: one line per sentence, one figure per word, the word's syllables (numbers as
read: "20 million" is "twenty million", 2 and 2; a phone number digit by digit; an
acronym as said: CDC 3, FDA 3, TTY 3; a hyphenated word is one word). Syllables follow a
dictionary's division (Merriam-Webster), not the CMU dictionary the tool reads, so the
two can differ by a syllable here and there ("every": 2 by hand, 3 in CMU). The README's
validation table compares these with other implementations.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.check.readability import Reading, measure

PASSAGES = Path(__file__).parent / "passages"

HAND = {
    "medlineplus-depression": [
        "3 1 1 3 3 2 1 2 1 1",
        "1 1 1 1 1 2 1 2 1 1 1 1 1 1 1 1 1 1",
        "1 1 1 1 1 1 1 1 2 2 2 1 1 3 1 1 1 3 1 2 1 1 1 2",
        "1 2 1 3 1 1 3 1",
        "3 1 1 3 1 1 1",
        "1 1 1 4 1 2 3 3 5 5 1 4 2",
        "3 4 1 2 1 2 1 2 1 2 1 1 1 1 2 1 2",
        "2 1 2 1 3 3 2 1 1 1 1 2",
        "1 2 1 3 3 3 1 1 2",
        "3 1 1 1 1 3 3",
        "1 1 3 2 1 3 3 5 1 1 3",
        "1 2 1 1 1 2 1",
    ],
    "cdc-flu-vaccine": [
        "1 1 1 1 2 2 1 1 1 1 2 4 1 1 1 1 1 1 2 2 1 2",
        "1 1 1 3 5 2 1 1 1 1 3 2 6 1 2 1",
        "3 3 3 1 1 1 2 1 1 3 1 2",
        "1 2 1 1 1 2 2",
        "2 1 2 1 4 1 2 2 1 2 2 1 1 2 1",
        "3 2 2 1 2 1 3 1 2",
        "1 1 3 1 1 1 2 1 1 1 5 3 1 2 2 1 2 1 2 2 2 1 1 2",
        "1 1 1 1 1 2 1 1 1 1 3",
        "3 1 1 1 1 3 1 4 4 1 3 2 1 2 2 1 4 1 2",
    ],
    "cdc-handwashing": [
        "2 1 1 1 2 1 1 1 1 1 1 3 1 1 2 1 1 1 1",
        "1 1 1 1 1 1 2 1 1 2 1 3 1 2 1 2 4 1 1 1 1 2 1 2 4 1 3",
        "1 1 1 1 1 1 2 2",
        "1 1 2",
        "1 1 2 2 1 1 3 1 1 1",
        "1 1 1 1 2 1 2 2",
        "2 1 1 1 1 2 1 1 1 1 1 1 1 1 1 1 1 4",
        "1 1 1 2 1 1 4 1 1 1 1 4 1 4 1 2 1 1 2 2 3",
        "1 1 1 1 1 4 2 1 1 2 2 3 1 2 1 1 2 2",
    ],
    "samhsa-helpline": [
        # SAMHSA's National Helpline, one eight zero zero six six two HELP four three five
        # seven, also known as the Treatment Referral Routing Service, or TTY, one eight
        # zero zero four eight seven four eight eight nine, is a confidential, free,
        # twenty-four-hour-a-day, three hundred sixty-five-day-a-year, information
        # service, in English and Spanish, for individuals and family members facing
        # mental and or substance use disorders
        "2 3 2 1 1 2 2 1 1 1 1 1 1 1 2 2 1 1 1 2 3 2 2 1 3 1 1 2 2 1 1 2 1 1 1 1 1 1 4 1 "
        "6 1 2 6 4 2 1 2 1 2 1 5 1 3 2 2 2 1 1 2 1 3",
        "1 2 2 3 1 2 2 4 2 1 1 5 5",
        "1 2 1 2 3 2 1 2 3 1 1 1",
        "1 2 2 1 2 2 1 2 3 2 1 2 3 1",
        "1 1 1 4 2 2 1 2 2 1 1 2 2 1 2 1 1 2 3 2 1 2 3 1 1 1 1",
        "1 3 2 1 1 1 1",
        "1 1 1 1 3 1 1 4 1 1 2 1 1 1 1 2 1 1 4 1 3 2 2",
    ],
    "nida-addiction": [
        "3 1 2 1 1 2 3 1 2 1 1 4 1 3 1 2 1 1 2 2 4",
        "1 1 3 1 1 2 2 1 1 1 1 1 1 1 2 1 1 1 1",
        "1 1 2 1 1 3 1 1 1 1 1 2 3 1 1 2 1 2 1",
        "1 3 3 1 1 1 1 4 4",
        "3 1 3 1 1 2 4 1 2 3 1 2 4 2 1 3 1 3 1 1 2 1 3",
        "1 3 2 1 2 1 3 1 3 2 1 3 1 1 1 1 1 3 1 2 3 2 2 1 3 1 3 2",
        "3 2 1 1 2 2 1 1 1 1 1 1 1 1 2 1 3 1 3 3 1 3",
    ],
    "clinic-visit": [
        "2 2 2 1 2 1 1 2 1 2",   # doctor Ana Ruiz sees patients at nine A M on weekdays
        "1 1 1 1 2 2 3 1 1 1",   # ... e.g. said as its letters
        "1 2 1 1 1 5 1 1 1 1 1",
        "1 1 1 1 1 1 1 1 1 2 1 2",
        "1 1 1 1 1 1 2 1 1 1 1 1 1 1 2 1",
    ],
}


def by_hand(name: str) -> Reading:
    sentences = [[int(n) for n in line.split()] for line in HAND[name]]
    words = [n for sentence in sentences for n in sentence]
    return Reading(len(sentences), len(words), sum(words), sum(n >= 3 for n in words))


@pytest.mark.parametrize("name", sorted(HAND))
def test_grades_are_within_0_3_of_the_hand_counts(name: str) -> None:
    ours = measure([(PASSAGES / f"{name}.txt").read_text(encoding="utf-8")])
    hand = by_hand(name)
    assert ours.sentences == hand.sentences
    assert abs(ours.flesch_kincaid - hand.flesch_kincaid) <= 0.3, (ours, hand)
    assert abs(ours.smog - hand.smog) <= 0.3, (ours, hand)


def test_the_hand_counts_are_the_ones_the_readme_shows() -> None:
    totals = {name: by_hand(name) for name in HAND}
    assert [(r.sentences, r.words, r.syllables, r.polysyllables)
            for r in totals.values()] == [
        (12, 143, 239, 30), (9, 135, 229, 22), (9, 132, 194, 13), (7, 158, 279, 26),
        (7, 141, 242, 33), (5, 59, 78, 2)]
