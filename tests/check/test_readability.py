"""Reading-grade formulas on texts whose figures are known by hand."""

from __future__ import annotations

import pytest

from handouts.check.readability import measure, syllables


@pytest.mark.parametrize(("word", "count"), [("cat", 1), ("water", 2), ("ketamine", 3),
                                             ("addiction", 3), ("dissociative", 4),
                                             ("long-term", 2), ("zzyzxq", 1)])
def test_syllables(word: str, count: int) -> None:
    assert syllables(word) == count


def test_simple_text_counts() -> None:
    r = measure(["The cat sat on the mat. The dog ran."])
    assert (r.sentences, r.words, r.syllables, r.polysyllables) == (2, 9, 9, 0)
    assert r.flesch_kincaid == pytest.approx(0.39 * 4.5 + 11.8 * 1 - 15.59)
    assert r.smog == pytest.approx(3.1291)


def test_list_items_are_sentences_and_markdown_is_ignored() -> None:
    r = measure(["- **Call** your doctor\n- Ask [a nurse](https://x.org)"])
    assert (r.sentences, r.words) == (2, 6)


def test_hard_text_scores_higher_than_easy_text() -> None:
    easy = measure(["Drink water. Rest when you can. Call us if you feel worse."])
    hard = measure(["Pharmacological management necessitates individualized consideration of "
                    "comorbid cardiovascular contraindications."])
    assert easy.flesch_kincaid < 3 < 12 < hard.flesch_kincaid
    assert easy.smog < hard.smog


@pytest.mark.parametrize(("text", "words"), [
    ("Salt &amp; pepper.", 2),         # an entity prints as '&': 'amp' is no word
    ("Use snake_case here.", 4),        # an underscore inside a word is printed as written
    ("Take 2 \\*tablets\\* daily.", 3),  # escaped stars print as stars around the word
])
def test_grades_are_measured_on_the_text_the_writers_print(text: str, words: int) -> None:
    from handouts.check.readability import WORD_RE
    from handouts.content import markdown as markup

    assert measure([text]).words == words == len(WORD_RE.findall(markup.plain(text)))
