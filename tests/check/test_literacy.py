"""`make-handouts check`: reading grades per topic and level, against the targets."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from click.testing import Result

from tests.helpers import GOOD, write_project


def test_sample_meets_its_reading_targets(sample: Path, cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, "check")
    assert result.exit_code == 0, result.output
    assert "Flesch-Kincaid" in result.output and "SMOG" in result.output
    assert "0 topic-levels miss a reading target" in result.output


def test_lay_jargon_is_found_in_bullets_and_any_form_and_clinical_terms_undefined(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    import json

    topic = GOOD.replace("      easy: Germs live on hands.",
                         "      easy: Some opioids can stop your breathing.").replace(
        "    sources: [who]", "    points: [Withdrawal can feel like flu.]\n"
        "    sources: [who]").replace(
        "      clinical: Hands are the main route of transmission in clinics.",
        "      clinical: Hands spread pathogens; NMDA antagonists do not help.")
    write_project(tmp_path, topic)
    data = json.loads(cli("-C", tmp_path, "check", "--json").output)
    found = {(f["level"], f["message"].split(" is ")[0]) for f in data["findings"]
             if f["kind"] == "jargon"}
    assert {("easy", "'opioids' ('opioid')"), ("standard", "'Withdrawal'"),  # a slide bullet
            ("clinical", "'NMDA'")} <= found, found
    clinical = [f["message"] for f in data["findings"] if f["level"] == "clinical"]
    assert "'NMDA' is not defined; define it at first use, under glossary" in clinical
    assert len(data["findings"]) == len({(f["topic"], f["level"], f["message"])
                                         for f in data["findings"]})  # each once
    assert {f["severity"] for f in data["findings"] if f["level"] == "clinical"} == {"note"}
    assert {f["severity"] for f in data["findings"] if f["level"] != "clinical"} == {"warning"}


def test_a_term_to_define_at_the_clinical_level_does_not_fail_strict(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    from handouts.check.literacy import CheckResult, Finding

    write_project(tmp_path, GOOD)
    plain = cli("-C", tmp_path, "check").output.splitlines()[-1]
    write_project(tmp_path, GOOD.replace(
        "      clinical: Hands are the main route of transmission in clinics.",
        "      clinical: Hands spread pathogens; NMDA antagonists do not help."))
    result = cli("-C", tmp_path, "check")
    assert "note: " in result.output and "'NMDA' is not defined" in result.output
    warned = re.compile(r"(\d+) warnings(?:, (\d+) notes)?$")
    before = warned.search(plain)
    after = warned.search(result.output.splitlines()[-1])
    assert before and after and after[1] == before[1]  # the same warnings, one more note
    assert int(after[2]) == int(before[2] or 0) + 1
    note = Finding("hands", "clinical", "jargon", "'NMDA' is not defined", severity="note")
    assert not CheckResult((), (note,)).failed
    assert CheckResult((), (replace(note, severity="warning"),)).failed


def test_a_hard_sentence_in_easy_text_fails_strict(tmp_path: Path,
                                                  cli: Callable[..., Result]) -> None:
    hard = ("Pharmacological management necessitates individualized consideration of comorbid "
            "cardiovascular contraindications and concomitant psychotropic polypharmacy.")
    write_project(tmp_path, GOOD.replace("  easy: Clean hands stop germs.", f"  easy: {hard}"))
    result = cli("-C", tmp_path, "check")
    assert result.exit_code == 0
    result = cli("-C", tmp_path, "check", "--strict")
    assert result.exit_code == 1
    line = next(ln for ln in result.output.splitlines() if ln.startswith("hands ")
                and " easy " in ln)
    assert line.endswith("MISSED")
    assert re.search(r"warning: hands \(easy\): Flesch-Kincaid grade \d+\.\d is above 6",
                     result.output)


def test_jargon_names_the_right_line_and_a_plainer_word(tmp_path: Path,
                                                        cli: Callable[..., Result]) -> None:
    text = GOOD.replace("      standard: Germs spread from hands to food and faces.",
                        "      standard: Germs spread from hands to food and faces.\n"
                        "        Please utilize soap prior to meals.")
    write_project(tmp_path, text)
    result = cli("-C", tmp_path, "check", "--strict")
    assert result.exit_code == 1
    assert re.search(r"hands\.yaml:17:16: hands \(standard\): 'utilize' is jargon; try 'use'",
                     result.output), result.output
    assert re.search(r"hands\.yaml:17:\d+: hands \(standard\): 'prior to' is jargon; "
                     r"try 'before'", result.output)


def test_a_glossary_term_is_not_jargon(tmp_path: Path, cli: Callable[..., Result]) -> None:
    text = GOOD.replace("      easy: Germs live on hands.",
                        "      easy: Germs can cause hypertension.")
    write_project(tmp_path, text)
    assert "'hypertension' is jargon" in cli("-C", tmp_path, "check").output
    write_project(tmp_path, text + "glossary:\n  - {term: hypertension, definition: High blood "
                  "pressure.}\n")
    assert "'hypertension' is jargon" not in cli("-C", tmp_path, "check").output


def test_overdue_review_and_structure_are_reported(tmp_path: Path,
                                                   cli: Callable[..., Result]) -> None:
    text = GOOD.replace("    heading: Why it matters", "    heading: Overview") + (
        "review: {written_by: A, reviewed_by: B, reviewed_on: 2020-01-01, "
        "next_review: 2021-01-01}\n")
    write_project(tmp_path, text)
    result = cli("-C", tmp_path, "check", "--json")
    import json

    data = json.loads(result.output)
    messages = [f["message"] for f in data["findings"]]
    assert "review was due on 2021-01-01 (overdue); review the content and update 'review:'" \
        in messages
    assert "has 1 key points; give 3 to 5" in messages
    assert any("heading 'Overview' says little" in m for m in messages)
    assert data["passed"] is False
    assert data["grades"][0]["flesch_kincaid_target"] == 6.0


def test_check_gives_the_counts_behind_every_grade(tmp_path: Path,
                                                   cli: Callable[..., Result]) -> None:
    import json

    write_project(tmp_path, GOOD)
    grade = json.loads(cli("-C", tmp_path, "check", "--json").output)["grades"][0]
    # easy: "Clean hands stop germs." "Wash for 20 seconds." "Use soap." "Germs live on hands."
    assert {k: grade[k] for k in ("sentences", "words", "syllables", "polysyllables")} == \
        {"sentences": 4, "words": 14, "syllables": 16, "polysyllables": 0}
    assert grade["smog_note"] == ("SMOG on 4 sentences, scaled up to the 30 it is defined "
                                  "on: a rough figure")
    assert grade["smog_sampled"] is None
    output = cli("-C", tmp_path, "check").output
    line = next(ln for ln in output.splitlines() if ln.startswith("hands ") and " easy " in ln)
    assert re.search(r" 3\.1\* \(max 7\) +- +4 ", line), line
    assert "* SMOG on fewer than 30 sentences, scaled up to the 30 it is defined on" in output


def test_check_gives_the_sampled_smog_of_a_long_text(sample: Path,
                                                     cli: Callable[..., Result]) -> None:
    import json

    grades = json.loads(cli("-C", sample, "check", "--json").output)["grades"]
    for grade in grades:
        assert grade["sentences"] >= 30 and grade["smog_note"] is None
        assert grade["smog_sampled"]["sentences"] == 30
        assert grade["smog_sampled"]["from_sentences"][0] == "1-10"


def test_grade_and_jargon_read_the_words_a_reader_sees(tmp_path: Path) -> None:
    """The grade is measured on the prose through the writers' Markdown-to-text function:
    a link's address and emphasis marks are not words, and not jargon; a heading is
    checked for jargon but not graded."""
    from handouts.build import settings
    from handouts.check.literacy import check
    from handouts.content.topic import load_topic

    def result(body: str, heading: str = "Why it matters") -> tuple[object, list[str]]:
        text = GOOD.replace("      easy: Germs live on hands.", f"      easy: {body}")
        path = write_project(tmp_path, text.replace("    heading: Why it matters",
                                                    f"    heading: {heading}"))
        levels = [lv for lv in settings.load(tmp_path).levels if lv.name == "easy"]
        topic, problems = load_topic(path, ("easy", "standard", "clinical"))
        assert topic is not None, problems
        found = check([topic], levels)
        return found.grades[0].reading, [f.message for f in found.findings
                                         if f.kind == "jargon"]

    plain, none = result("Germs live on *your* hands.")
    linked, also_none = result(
        "Germs live on [your](https://example.org/hypertension-utilization) **hands**.")
    assert linked == plain and none == also_none == []
    graded, found = result("Germs live on *your* hands.",
                           heading="Cardiovascular hypertension considerations")
    assert graded == plain  # the heading is not graded ...
    assert any("'Cardiovascular' is jargon" in m for m in found)  # ... but it is checked
