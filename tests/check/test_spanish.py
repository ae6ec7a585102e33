"""Spanish reading figures: Szigriszt-Pazos on the INFLESZ scale and Fernández-Huerta,
counted with Spanish abbreviations, numbers and syllables, and `check` on a Spanish
project."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.check.readability import measure, split_sentences
from handouts.check.spanish import (
    ABBREVIATIONS,
    SPANISH,
    VOICE,
    band,
    fernandez_huerta,
    szigriszt_pazos,
)
from handouts.check.spoken import read_aloud
from tests.helpers import GOOD_ES, write_project

PASSAGE = ("La Dra. Ruiz leía el diagnóstico con cuidado. Si siente tristeza, llame al 988. "
           "El oído y el área del cuello también duelen.")
"""Counted by hand: 3 sentences (the stop of "Dra." ends none); 25 words ("Dra." is
"doctora", 988 is "nueve ocho ocho"); 48 syllables: la 1, doc-to-ra 3, Ruiz 1, le-í-a 3,
el 1, diag-nós-ti-co 4, con 1, cui-da-do 3 (17); si 1, sien-te 2, tris-te-za 3, lla-me 2,
al 1, nue-ve 2, o-cho 2, o-cho 2 (15); el 1, o-í-do 3, y 1, el 1, á-re-a 3, del 1,
cue-llo 2, tam-bién 2, due-len 2 (16)."""


def test_the_indices_on_a_hand_counted_passage() -> None:
    reading = measure([PASSAGE], SPANISH)
    assert (reading.sentences, reading.words, reading.syllables) == (3, 25, 48)
    # 206.835 - 62.3 x 48/25 - 25/3 = 78.89; 206.84 - 60 x 48/25 - 1.02 x 25/3 = 83.14
    assert szigriszt_pazos(reading) == pytest.approx(78.89, abs=0.5)
    assert fernandez_huerta(reading) == pytest.approx(83.14, abs=0.5)
    assert band(szigriszt_pazos(reading)) == "bastante fácil"


def test_shorter_sentences_score_higher_on_both_indices() -> None:
    long = measure(["Lave sus manos con agua y jabón antes de comer y después de ir al baño."],
                   SPANISH)
    short = measure(["Lave sus manos con agua y jabón. Hágalo antes de comer. Y después de "
                     "ir al baño."], SPANISH)
    assert szigriszt_pazos(short) > szigriszt_pazos(long)
    assert fernandez_huerta(short) > fernandez_huerta(long)  # not so in the uncorrected form


@pytest.mark.parametrize(("score", "name"), [
    (39.9, "muy difícil"), (40, "algo difícil"), (54.9, "algo difícil"), (55, "normal"),
    (64.9, "normal"), (65, "bastante fácil"), (79.9, "bastante fácil"), (80, "muy fácil")])
def test_inflesz_bands(score: float, name: str) -> None:
    assert band(score) == name


def test_spanish_abbreviations_end_no_sentence() -> None:
    text = ("Hable con la Dra. Pérez o con el Sr. Gómez. Ud. puede venir, p. ej., el lunes. "
            "¿Vive en EE. UU. desde hace poco? ¡Llame hoy!")
    assert [s.strip() for s in split_sentences(text, ABBREVIATIONS)] == [
        "Hable con la Dra. Pérez o con el Sr. Gómez", "Ud. puede venir, p. ej., el lunes",
        "¿Vive en EE. UU. desde hace poco", "¡Llame hoy"]


def test_a_closing_guillemet_ends_a_sentence() -> None:
    text = "Le dijo: «Lávese las manos.» Después comió. «¿Dr. Ruiz?», preguntó."
    assert [s.strip() for s in split_sentences(text, ABBREVIATIONS)] == [
        "Le dijo: «Lávese las manos", "» Después comió", "«¿Dr. Ruiz", "», preguntó"]


@pytest.mark.parametrize(("text", "said"), [
    ("llame al 988", "llame al nueve ocho ocho"),
    ("1-800-662-4357", "uno ocho cero cero seis seis dos cuatro tres cinco siete"),
    ("el 40-60% de los casos", "el cuarenta a sesenta por ciento de los casos"),
    ("2.5 mg", "dos punto cinco mg"),
    ("$5", "cinco dólares"),
    ("a las 9:30 o a las 10:00", "a las nueve y treinta o a las diez"),
    ("1/2 o 3/4", "un medio o tres cuartos"),
    ("abierto 24/7", "abierto veinticuatro siete"),
    ("diabetes tipo II", "diabetes tipo dos"),
    ("en 2022", "en dos mil veintidós"),
    ("1,275 personas", "mil doscientos setenta y cinco personas"),
    ("la Dra. Pérez, p. ej., en EE. UU.", "la doctora Pérez, por ejemplo, en Estados Unidos"),
])
def test_numbers_and_abbreviations_are_read_in_spanish(text: str, said: str) -> None:
    assert read_aloud(text, VOICE) == said


@settings(max_examples=150, deadline=None)
@given(st.integers(0, 10**20), st.sampled_from(["", "%", ".5", "/3", "-7", ":15"]))
def test_every_number_becomes_spanish_words(number: int, after: str) -> None:
    said = read_aloud(f"unos {number}{after} aquí", VOICE)
    assert not re.search(r"\d", said)




def spanish_project(root: Path, topic: str = GOOD_ES, settings: str = "") -> None:
    """A Spanish project of `topic`, its action given an icon (check asks for a visual)."""
    (root / "handouts.toml").write_text(f'[project]\nlanguage = "es-US"\n{settings}',
                                        encoding="utf-8")
    write_project(root, topic.replace("actions:\n  - {easy:", "actions:\n  - {icon: pill, easy:"),
                  "manos.yaml")


def test_a_spanish_project_is_measured_with_the_spanish_formulas(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    spanish_project(tmp_path)
    result = cli("-C", tmp_path, "check", "--strict")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Szigriszt-Pazos (INFLESZ)" in out and "Fernández-Huerta" in out
    assert "Flesch-Kincaid" not in out and "SMOG" not in out
    rows = {ln.split()[1]: ln for ln in out.splitlines() if ln.startswith("manos ")}
    assert set(rows) == {"easy", "standard", "clinical"}
    assert "(min 65)" in rows["easy"] and "(min 55)" in rows["standard"]
    assert "(min" not in rows["clinical"]
    assert all(row.endswith("ok") for row in rows.values())
    assert "Barrio-Cantalejo et al. 2008" in out and "reported with no target" in out


def test_check_json_carries_the_spanish_figures_and_counts(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    spanish_project(tmp_path)
    grades = json.loads(cli("-C", tmp_path, "check", "--json").output)["grades"]
    easy = next(g for g in grades if g["level"] == "easy")
    assert easy["language"] == "es" and easy["inflesz_target"] == 65
    assert {"szigriszt_pazos_inflesz", "inflesz_band", "fernandez_huerta", "sentences",
            "words", "syllables", "words_per_sentence", "syllables_per_word"} <= set(easy)
    assert "INFLESZ" in easy["formulas"]["szigriszt_pazos_inflesz"]
    figures = measure(["Las manos limpias frenan los gérmenes.", "Lávese las manos por 20 "
                       "segundos.", "Use agua y jabón.", "Séquelas con una toalla limpia.",
                       "Use jabón.", "Los gérmenes viven en las manos. Si tiene dudas, llame "
                       "al 988."], SPANISH)
    assert (easy["sentences"], easy["words"], easy["syllables"]) == \
        (figures.sentences, figures.words, figures.syllables)
    assert easy["szigriszt_pazos_inflesz"] == round(szigriszt_pazos(figures), 2)
    assert next(g for g in grades if g["level"] == "clinical")["inflesz_target"] is None


def test_hard_easy_text_misses_the_inflesz_target(tmp_path: Path,
                                                  cli: Callable[..., Result]) -> None:
    hard = ("La administración farmacológica concomitante requiere una individualización "
            "terapéutica considerando contraindicaciones cardiovasculares preexistentes.")
    spanish_project(tmp_path, GOOD_ES.replace("easy: Las manos limpias frenan los gérmenes.",
                                            f"easy: {hard}"))
    result = cli("-C", tmp_path, "check", "--strict")
    assert result.exit_code == 1
    assert re.search(r"warning: manos \(easy\): Szigriszt-Pazos perspicuity \d+\.\d "
                     r"\(INFLESZ \"muy difícil\"\) is below 65", result.output), result.output


def test_a_target_set_in_handouts_toml_is_used(tmp_path: Path,
                                               cli: Callable[..., Result]) -> None:
    spanish_project(tmp_path, settings="[languages.es.levels.clinical]\nmin_inflesz = 99\n")
    result = cli("-C", tmp_path, "check", "--strict")
    assert result.exit_code == 1
    assert "manos (clinical): Szigriszt-Pazos perspicuity" in result.output
    assert "is below 99" in result.output


def test_an_empty_spanish_heading_is_found(tmp_path: Path,
                                           cli: Callable[..., Result]) -> None:
    spanish_project(tmp_path, GOOD_ES.replace("heading: Por qué importa lavarse",
                                            "heading: Información general"))
    out = cli("-C", tmp_path, "check").output
    assert "heading 'Información general' says little" in out
    spanish_project(tmp_path, GOOD_ES.replace("heading: Por qué importa lavarse",
                                            "heading: ¿Introducción?"))
    assert "heading '¿Introducción?' says little" in cli("-C", tmp_path, "check").output


def test_the_english_jargon_list_is_not_applied_to_spanish(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    spanish_project(tmp_path, GOOD_ES.replace("Use agua y jabón antes de comer.",
                                              "Use agua y jabón prior to comer."))
    assert "jargon" not in cli("-C", tmp_path, "check").output
