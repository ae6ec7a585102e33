"""The Spanish jargon list and its matcher: every form of a term (plurals, gender, accents,
capitals, multi-word terms), only where it is jargon, a glossary that silences a term in
all its forms, findings located in a Spanish content file, a confirmed source for every
entry, and each language's text checked against its own list only."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.check import jargon
from handouts.check.jargon import LANGUAGES, Matcher, Term
from tests.helpers import GOOD, GOOD_ES, write_project


def _term(text: str) -> Term:
    return Term(text, "plain", "term", "TEST", jargon._words(text))


def found(text: str, language: str = "es-US") -> list[str]:
    """The Spanish list's terms found in `text`, in order."""
    return [hit.term.term for hit in jargon.matcher(language).find(text)]


@pytest.mark.parametrize(("text", "term"), [
    ("Tiene hipertensión.", "hipertensión"),
    ("Las hipertensiones no tratadas dañan.", "hipertensión"),
    ("La HIPERTENSIÓN no da síntomas.", "hipertensión"),
    ("Si escribe hipertension sin tilde también.", "hipertensión"),
    ("Las cefaleas vuelven.", "cefalea"),
    ("Un dolor crónico; unas molestias crónicas.", "crónico"),
    ("Por vía intravenosa.", "intravenoso"),
    ("Tuvo dos accidentes cerebrovasculares.", "accidente cerebrovascular"),
    ("Un ataque isquémico transitorio.", "ataque isquémico transitorio"),
    ("Los efectos adversos del fármaco.", "efecto adverso"),
    ("Las metástasis se tratan.", "metástasis"),
    ("Tumores benignos y malignos.", "benigno"),
])
def test_the_shipped_list_finds_every_form(text: str, term: str) -> None:
    assert term in found(text)


def test_plurals_that_snowball_stems_apart_are_joined() -> None:
    """Snowball stems "cefalea" cefale but "cefaleas" cefal; the matcher also stems a word
    less its plural ending, so the two meet."""
    own = Matcher([_term("cefalea"), _term("accidente cerebrovascular")], [],
                  LANGUAGES["es"])
    assert [h.term.term for h in own.find("Cefaleas tras accidentes cerebrovasculares.")] \
        == ["cefalea", "accidente cerebrovascular"]


def test_a_shorter_word_sharing_a_stem_is_not_the_term() -> None:
    # "hipertenso" stems like "hipertensión" but is shorter: another word
    assert found("Un paciente hipertenso.") == []


def test_everyday_phrases_overrule_a_term_inside_them() -> None:
    assert found("Hay tolerancia cero al acoso.") == []
    assert found("La tolerancia a la droga sube.") == ["tolerancia"]
    assert found("Con congestión nasal.") == []


def test_the_longer_of_overlapping_terms_is_the_one_finding() -> None:
    assert found("La abstinencia de opioides es dura.") == ["abstinencia de opioides"]


@pytest.mark.parametrize(("glossary", "silenced"), [
    (["hipertensión"], True), (["Hipertensiones"], True), (["hipertension"], True),
    (["presión arterial alta (hipertensión)"], True),
    (["hipertenso"], False),  # a derived word, not a form: the matcher keeps them apart too
    (["presión"], False), (["TA"], False)])
def test_a_glossary_entry_silences_its_term_in_all_forms(glossary: list[str],
                                                          silenced: bool) -> None:
    match = jargon.matcher("es")
    term = next(t for t in jargon.terms("es") if t.term == "hipertensión")
    assert jargon.defines(glossary, term, match) is silenced


def test_every_entry_names_a_known_source_and_there_are_at_least_150() -> None:
    entries, known = jargon.terms("es"), jargon.sources("es")
    assert len(entries) >= 150
    assert all(s.title and s.url.startswith(("https://", "http://")) for s in known.values())
    for entry in entries:
        assert entry.source in known, entry
        assert entry.kind in ("term", "word"), entry
        assert entry.plain and entry.words, entry
        assert not entry.page or entry.page.startswith("https://"), entry
    assert len({t.term.lower() for t in entries}) == len(entries)
    assert {t.source for t in entries} == set(known)  # no source without an entry


def test_the_list_is_picked_by_the_language_tag() -> None:
    assert jargon.terms("es") is jargon.terms("es")  # read once
    assert jargon.matcher("es-MX").find("cefalea")[0].term.term == "cefalea"
    assert jargon.terms("fr") == () and jargon.matcher("fr").find("cefalea abdomen") == []
    assert jargon.language_of("EN-us") is LANGUAGES["en"]


def test_english_text_is_not_matched_against_the_spanish_list_and_vice_versa() -> None:
    english = "Utilize the biopsy results; hypertension and headache, prior to surgery."
    spanish = "Tiene cefalea e hipertensión; le harán una biopsia antes de la cirugía."
    assert found(english) == []
    assert [h.term.term for h in jargon.matcher("en").find(spanish)] == []
    assert found(spanish) == ["cefalea", "hipertensión", "biopsia"]


def spanish_project(root: Path, topic: str) -> Path:
    (root / "handouts.toml").write_text('[project]\nlanguage = "es-US"\n', encoding="utf-8")
    return write_project(root, topic, "manos.yaml")


def _at(path: Path, word: str) -> str:
    """`file:line:column` of the first `word` in the file."""
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if word in line:
            return f"{path.name}:{number}:{line.index(word) + 1}"
    raise AssertionError(word)


def test_spanish_content_is_checked_with_the_spanish_list_located(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    text = GOOD_ES.replace("      easy: Los gérmenes viven en las manos.",
                           "      easy: Los gérmenes viven en las manos. A veces dan cefaleas.")
    text = text.replace("    heading: Por qué importa lavarse",
                        "    heading: Por qué importa evitar la hipertensión")
    path = spanish_project(tmp_path, text)
    output = cli("-C", tmp_path, "check").output
    assert re.search(re.escape(_at(path, "cefaleas")) + r": manos \(easy\): 'cefaleas' "
                     r"\('cefalea'\) is jargon; try 'dolor de cabeza'", output), output
    assert re.search(re.escape(_at(path, "hipertensión")) + r": manos \(standard\): "
                     r"'hipertensión' is jargon; try 'presión arterial alta'", output), output
    # at the clinicians' level a term is a note: define it at first use
    assert re.search(r"manos \(clinical\): 'hipertensión' is not defined", output), output
    glossary = "glossary:\n  - {term: Hipertensiones, definition: Presión arterial alta.}\n" \
               "  - {term: cefalea, definition: Dolor de cabeza.}\n"
    spanish_project(tmp_path, text + glossary)
    output = cli("-C", tmp_path, "check").output
    assert "is jargon" not in output and "is not defined" not in output, output


def test_an_english_project_ignores_spanish_words_and_a_spanish_one_english_words(
        tmp_path: Path) -> None:
    from handouts.build import settings as project_settings
    from handouts.check.literacy import check
    from handouts.content.topic import load_topic

    def jargon_found(topic_text: str, language: str) -> list[str]:
        path = write_project(tmp_path, topic_text, "t.yaml")
        levels = project_settings.load(tmp_path).levels
        topic, problems = load_topic(path, tuple(lv.name for lv in levels), language=language)
        assert topic is not None, problems
        result = check([topic], levels, dt.date(2026, 1, 1))
        return [f.message.split(" is ")[0] for f in result.findings
                if f.kind == "jargon" and f.level == "easy"]

    english = GOOD.replace("      easy: Germs live on hands.",
                           "      easy: Germs live on hands. Cefalea y utilize.")
    assert jargon_found(english, "en-US") == ["'utilize'"]
    spanish = GOOD_ES.replace("      easy: Los gérmenes viven en las manos.",
                              "      easy: Los gérmenes viven en las manos. Utilize cefalea.")
    assert jargon_found(spanish, "es-US") == ["'cefalea'"]


@settings(max_examples=80, deadline=None)
@given(st.sampled_from(sorted(jargon.terms("es"), key=lambda t: t.term)),
       st.sampled_from(["as written", "capitalised", "plural"]),
       st.sampled_from(["Según el médico,", "Hoy", "¿Sabía que"]))
def test_every_shipped_term_is_found_in_its_forms(term: Term, form: str, lead: str) -> None:
    first, *rest = term.term.split()
    if form == "capitalised":
        first = first.capitalize()
    elif form == "plural":
        first = _plural(first)
    written = " ".join([first, *rest])
    hits = jargon.matcher("es").find(f"{lead} {written} importa.")
    assert any(h.term == term and h.written == written for h in hits), (written, hits)


def _plural(word: str) -> str:
    """A Spanish plural by the usual rules (enough for the shipped list's first words)."""
    if word.endswith(("s", "x")):
        return word
    if word[-1] in "aeiouáéó":
        return word + "s"
    if word.endswith("z"):
        return word[:-1] + "ces"
    for accented, plain in zip("áéíóú", "aeiou", strict=True):
        if word.endswith((accented + "n", accented + "s")):
            word = word[:-2] + plain + word[-1]
    return word + "es"
