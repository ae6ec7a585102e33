"""Reading-grade formulas on texts whose figures are known by hand."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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
    ("Take 2 \\*tablets\\* daily.", 4),  # escaped stars print as stars around the word
])
def test_grades_are_measured_on_the_text_the_writers_print(text: str, words: int) -> None:
    from handouts.check.readability import WORD_RE
    from handouts.check.spoken import read_aloud
    from handouts.content import markdown as markup

    assert measure([text]).words == words == \
        len(WORD_RE.findall(read_aloud(markup.plain(text).rstrip("."))))


def test_abbreviations_do_not_end_sentences() -> None:
    text = ("Dr. Lee will see you at 9 a.m. on Monday. Bring a list of your drugs, e.g. pills "
            "and sprays. Ms. Ruiz moved here from the U.S. last year. She will help you fill "
            "in the forms.")
    assert measure([text]).sentences == 4  # nine before abbreviations were known


@pytest.mark.parametrize(("text", "count"), [
    ("J. Smith wrote it. Take vitamin D. Then rest.", 3),  # an initial; a letter ending one
    ("Is it safe? No. It is not. See form No. 5 for more.", 4),  # "No." before a number only
    ("Bring pens, paper, etc. to class. Smith et al. found this. It was 2.5 times more.", 3),
    ("Call vs. text. Then wait approx. ten minutes, incl. travel.", 2),
    ("Prof. J. R. Lee, St. Mary's, Fig. 2 shows it. Mr. and Mrs. Doe agree.", 2),
])
def test_sentence_ends(text: str, count: int) -> None:
    assert measure([text]).sentences == count


def test_numbers_are_counted_as_read_aloud() -> None:
    text = ("Take 2.5 mL twice a day for 21 days. In 2022, 40-60% of the men who took it felt "
            "sick for 11 to 17 days. If you feel low, call 988 or 1-800-662-4357.")
    r = measure([text])
    # read aloud: twenty-one, twenty twenty-two, eleven and seventeen have 3+ syllables
    assert (r.sentences, r.polysyllables) == (3, 4)
    assert r.smog == pytest.approx(1.0430 * 40 ** 0.5 + 3.1291)  # 9.7; 3.1 with no numbers
    # "call nine eight eight or one eight zero zero six six two four three five seven"
    assert measure(["call 988 or 1-800-662-4357"]).words == 16


@pytest.mark.parametrize(("word", "count"), [
    ("SUD", 3), ("NMDA", 4), ("FDA", 3), ("US", 2), ("PTSD", 4), ("SSRIs", 4), ("AIDS", 1),
    ("NOT", 1), ("WHO", 1), ("ER", 2), ("SAMHSA", 2), ("DSM-five", 4), ("COVID-nineteen", 4),
    ("FDA's", 3), ("NMDA\u2019s", 4), ("AIDS's", 1)])
def test_an_acronym_is_one_word_said_as_the_dictionary_says_or_letter_by_letter(
        word: str, count: int) -> None:
    assert syllables(word) == count
    assert measure([word]).words == 1


def test_smog_under_30_sentences_is_marked_and_over_30_is_sampled() -> None:
    short = measure(["Rest now. " * 29])
    assert short.smog_is_scaled and short.sample is None
    assert short.counts()["smog_note"] == ("SMOG on 29 sentences, scaled up to the 30 it is "
                                           "defined on: a rough figure")
    # 50 sentences: polysyllables only in sentences 1, 25 and 50 (1-based)
    text = " ".join("Ketamine is a drug." if n in (0, 24, 49) else "Rest now." for n in range(50))
    r = measure([text])
    assert not r.smog_is_scaled and r.counts()["smog_note"] is None
    assert r.sample is not None
    assert r.sample.first == (1, 21, 41)  # ten each from the start, middle and end
    assert r.sample.polysyllables == 3
    assert r.sample.smog == pytest.approx(1.0430 * 3 ** 0.5 + 3.1291)
    assert r.smog == pytest.approx(1.0430 * (3 * 30 / 50) ** 0.5 + 3.1291)


_MIDDLES = ["rest", "water", "at 9 a.m. on", "Dr. Lee", "Ms. Ruiz", "the U.S. rules",
            "e.g. tea", "i.e. now", "Dr. J. Smith", "No. 5", "2.5 mg", "fruit, etc. and",
            "Smith et al. say", "vs. that"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(_MIDDLES), min_size=0, max_size=5),
                          st.sampled_from([".", "!", "?"])), min_size=1, max_size=8))
def test_abbreviations_inside_sentences_never_split_them(
        sentences: list[tuple[list[str], str]]) -> None:
    text = " ".join(" ".join(["Take", *middle, "daily"]) + end for middle, end in sentences)
    assert measure([text]).sentences == len(sentences)
