"""The jargon list and its matcher: every form of a term, only where it is jargon, each
finding once, a glossary that silences only whole terms, and a source for every entry."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.check import jargon
from handouts.check.jargon import Matcher, Term
from tests.helpers import GOOD, write_project


def _term(text: str, kind: str = "term") -> Term:
    return Term(text, "plain", kind, "TEST", jargon._words(text))


def found(text: str, matcher: Matcher | None = None) -> list[str]:
    """The listed terms found in `text`, in order."""
    return [hit.term.term for hit in (matcher or jargon.matcher()).find(text)]


@pytest.mark.parametrize(("text", "term"), [
    ("Doctors are titrating the dose.", "titrate"),
    ("Two biopsies were taken.", "biopsy"),
    ("It had spread as metastases to the liver.", "metastasis"),
    ("Hypertensive patients need care.", "hypertension"),
    ("A malignancy was found.", "malignancy"),
    ("Pain when you pee (dysuria) and cystitis.", "dysuria"),
    ("Opioids are strong.", "opioid"),
    ("It was used off-label.", "off-label"),
    ("It is used off label.", "off-label"),
    ("An NMDA receptor.", "NMDA"),
    ("Under a REMS.", "REMS"),
    ("People with COPD.", "COPD"),
    ("Hepatitis, a liver infection.", "hepatitis"),
    ("Other comorbidities matter.", "comorbidity"),  # not "hepatic", which shares its stem
])
def test_the_shipped_list_finds_every_form(text: str, term: str) -> None:
    assert term in found(text)


def test_forms_of_terms_whose_entries_lack_a_readable_source() -> None:
    """therapy and intranasal are not shipped (no source could be read and confirmed); the
    matcher finds their forms all the same."""
    own = Matcher([_term("therapy"), _term("comorbidity"), _term("intranasal")], [])
    assert found("New therapies for comorbidities, given intranasally.", own) == \
        ["therapy", "comorbidity", "intranasal"]


@pytest.mark.parametrize("text", [
    "Ask me later about the topic and the times you went.",
    "Your mobile phone, a local shop, a random pick, the final word.",
    "The system works; we made progress and saw the sinus.",
    "The design of the object was a conjunction of ideas.",
    "Withdraw cash. There is evidence that it helps.",
    "Depressed? Call a friend, go to the provider you trust. Depression is common.",
    "Call an ambulance; good communication helps; the operation went well.",
    "The timing of the utility bill, an objection at the election.",
])
def test_everyday_sentences_have_no_findings(text: str) -> None:
    assert found(text) == []


@pytest.mark.parametrize(("phrase", "term"), [
    ("cash withdrawal", "withdrawal"), ("cash withdrawals", "withdrawal"),
    ("zero tolerance", "tolerance"), ("a lateral move", "lateral"),
    ("an acute angle", "acute"), ("car transmission", "transmission"),
    ("photo exposure", "exposure")])
def test_everyday_phrases_overrule_a_term_inside_them(phrase: str, term: str) -> None:
    listed = [*jargon.terms(), *(_term(t) for t in ("tolerance", "lateral", "acute",
                                                     "transmission", "exposure"))]
    own = Matcher(listed, jargon.everyday())
    assert found(f"We spoke of {phrase} today.", own) == []
    assert found(f"The {term} again", own) == [term]  # alone, it is found


def test_a_term_inside_a_hyphenated_name_is_not_found() -> None:
    assert found("Ketamine-assisted therapy") == []
    assert found("We assisted her.") == ["assist"]


def test_the_longer_of_overlapping_terms_is_the_one_finding() -> None:
    own = Matcher([_term("randomize"), _term("randomized controlled trial")], [])
    assert found("Two randomized controlled trials.", own) == ["randomized controlled trial"]
    assert found("We randomized them.", own) == ["randomize"]


def test_an_acronym_matches_only_in_capitals() -> None:
    assert found("REM sleep and rems") == []


@pytest.mark.parametrize(("glossary", "silenced"), [
    (["IV"], False), (["ER"], False), (["hypertension"], True),
    (["Hypertensive"], True), (["high blood pressure (hypertension)"], True)])
def test_the_glossary_silences_only_whole_terms(glossary: list[str], silenced: bool) -> None:
    own = Matcher([_term("dissociative"), _term("hypertension"), _term("sedative")], [])
    for term in ("dissociative", "sedative"):
        assert not jargon.defines(glossary, _term(term), own)
    assert jargon.defines(glossary, _term("hypertension"), own) is silenced


def test_a_short_glossary_entry_silences_no_shipped_term() -> None:
    for entry in ("IV", "ER"):
        assert [t.term for t in jargon.terms() if jargon.defines([entry], t)] == []


def test_every_entry_names_a_known_source_and_a_kind() -> None:
    known = jargon.sources()
    assert all(s.title and s.url.startswith(("https://", "http://")) for s in known.values())
    for entry in jargon.terms():
        assert entry.source in known, entry
        assert entry.kind in ("term", "word"), entry
        assert entry.plain and entry.words, entry
    assert len({t.term.lower() for t in jargon.terms()}) == len(jargon.terms())


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["the", "a", "cash", "withdrawals", "opioids", "later",
                                 "biopsies", "-", "off", "label", ",", "REMS", "\n"]),
                max_size=25))
def test_hits_never_overlap_and_quote_the_text(parts: list[str]) -> None:
    text = " ".join(parts)
    hits = jargon.matcher().find(text)
    for one, two in itertools.pairwise(hits):
        assert one.end <= two.start
    for hit in hits:
        assert text[hit.start:hit.end] == hit.written


def test_headings_subtitles_and_notes_are_checked_and_each_term_once(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    text = GOOD.replace("    heading: Why it matters", "    heading: Biopsies matter")
    text = text.replace("      easy: Germs live on hands.",
                        "      easy: Germs live on hands. Biopsy, biopsies, a biopsy.")
    write_project(tmp_path, text)
    output = cli("-C", tmp_path, "check").output
    found_lines = [ln for ln in output.splitlines() if "biops" in ln.lower()]
    assert len([ln for ln in found_lines if "(easy)" in ln]) == 1, output  # each term once
    assert re.search(r"hands\.yaml:15:34: hands \(easy\): 'Biopsy' is jargon", output)
    # the heading, the same at every level, is where the standard level first says it
    assert re.search(r"hands\.yaml:13:14: hands \(standard\): 'Biopsies' \('biopsy'\) is "
                     "jargon", output)


def test_the_readme_lists_every_source_with_its_address() -> None:
    from tests.helpers import ROOT

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for source in jargon.sources().values():
        assert f"| {source.key} |" in readme and source.url in readme, source.key
    assert f"`handouts/check/jargon.csv`, {len(jargon.terms())} terms" in readme
