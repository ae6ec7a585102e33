"""Translations beside their source: content/<topic>.<tag>.yaml is the topic in that
language, with the same ids and parts as its source, or a located error."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.content.topic import load_topics
from handouts.errors import ContentError
from tests.helpers import GOOD, GOOD_ES, write_project

LEVELS = ("easy", "standard", "clinical")

ES = GOOD_ES.replace("""key_points:
  - Lávese las manos por 20 segundos.
  - Use agua y jabón.
  - Séquelas con una toalla limpia.
""", """key_points:
  - Lávese las manos por 20 segundos.
""")
"""The Spanish translation of GOOD: the same section, reference, key point and action."""


def project(tmp_path: Path, translation: str = ES, name: str = "hands.es.yaml") -> Path:
    write_project(tmp_path, GOOD)
    write_project(tmp_path, translation, name)
    return tmp_path / "content"


def problems_of(content: Path, language: str = "en-US") -> list[str]:
    with pytest.raises(ContentError) as caught:
        load_topics(content, LEVELS, language=language)
    return [str(p) for p in caught.value.problems]


def test_a_tagged_file_is_the_topic_in_that_language_with_the_project_region(
        tmp_path: Path) -> None:
    topics = load_topics(project(tmp_path), LEVELS, language="en-US")
    assert [(t.name, t.slug, t.tag, t.language) for t in topics] == [
        ("hands", "hands", "", "en-US"), ("hands.es", "hands", "es", "es-US")]
    assert topics[1].summary("easy") == "Las manos limpias frenan los gérmenes."


@pytest.mark.parametrize(("name", "project_language", "expected"), [
    ("hands.es-MX.yaml", "en-US", "es-MX"),  # a region given is kept
    ("hands.es.yaml", "en", "es"),  # a project with no region adds none
    ("hands.es-419.yaml", "en-US", "es-419"),
])
def test_the_region_is_added_only_to_a_bare_language(tmp_path: Path, name: str,
                                                     project_language: str,
                                                     expected: str) -> None:
    topics = load_topics(project(tmp_path, name=name), LEVELS, language=project_language)
    assert topics[1].language == expected


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace("id: why", "id: porque"),
     ["hands.es.yaml:11:5: section 'why' (hands.yaml line 11) is missing from this "
      "translation; translate it here, with id: why",
      "hands.es.yaml:11:5: section 'porque' is not in hands.yaml"]),
    (lambda t: t.replace("priority: 1", "priority: 2"),
     ["hands.es.yaml:11:5: section 'why' has priority 2 here but 1 in hands.yaml line 11; "
      "give it priority 1, as the source does"]),
    (lambda t: t.replace("sources: [who]", "sources: []"),
     ["hands.es.yaml:11:5: section 'why' cites nothing here but 'who' in hands.yaml line 11"]),
    (lambda t: t.replace("id: who,", "id: oms,").replace("[who]", "[oms]"),
     ["hands.es.yaml:21:5: reference 'who' (hands.yaml line 20) is missing from this "
      "translation",
      "hands.es.yaml:21:5: reference 'oms' is not in hands.yaml"]),
    (lambda t: t.replace("  - Lávese las manos por 20 segundos.\n",
                         "  - Lávese las manos por 20 segundos.\n  - Use jabón.\n"),
     ["hands.es.yaml:8:5: this translation has 2 key points, hands.yaml has 1; keep to the "
      "source's key points"]),
    (lambda t: t.replace("actions:\n  - {easy: Use jabón., standard: Use agua y jabón antes "
                         "de comer., clinical: Use jabón.}\n", ""),
     ["hands.es.yaml:1:1: this translation has 0 actions, hands.yaml has 1 (the first "
      "missing is at hands.yaml line 9)"]),
])
def test_a_translation_that_differs_from_its_source_is_located(
        tmp_path: Path, change: Callable[[str], str], expected: list[str]) -> None:
    found = problems_of(project(tmp_path, change(ES)))
    for text in expected:
        assert any(text in line for line in found), (text, found)


def test_a_level_the_source_has_and_the_translation_lacks_is_an_error(tmp_path: Path) -> None:
    found = problems_of(project(tmp_path, ES.replace(
        "  clinical: La higiene de manos interrumpe la transmisión de microorganismos "
        "patógenos.\n", "")))
    assert any("hands.es.yaml:3:3: summary has no text for level 'clinical'" in line
               for line in found), found


@pytest.mark.parametrize(("files", "expected"), [
    ({"hands.es.yaml": ES}, "hands.es.yaml:1:1: this translation has no source: there is no "
     "hands.yaml"),
    ({"hands.yaml": GOOD, "hands.en.yaml": GOOD}, "hands.en.yaml:1:1: this file is tagged 'en', "
     "the project's own language (en-US); name it hands.yaml"),
    ({"hands.yaml": GOOD, "hands.es.yaml": ES, "hands.es-US.yaml": ES},
     "would both make the topic 'hands' in es-US"),
    ({"hands.yaml": GOOD, "hands.xx-zz.yaml": ES}, "hands.xx-zz.yaml: the language tag in the "
     "file name 'hands.xx-zz.yaml' 'xx-zz' names no language or region known"),
    ({"hands.yaml": GOOD, "hands.es.old.yaml": ES}, "is not a BCP 47 language tag"),
])
def test_translation_files_that_cannot_be_placed_are_located(
        tmp_path: Path, files: dict[str, str], expected: str) -> None:
    for name, text in files.items():
        write_project(tmp_path, text, name)
    found = problems_of(tmp_path / "content")
    assert any(expected in line for line in found), found


def test_a_bad_translation_stops_the_build_with_nothing_written(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    project(tmp_path, ES.replace("id: why", "id: porque"))
    result = cli("-C", tmp_path, "build")
    assert result.exit_code == 2
    assert "section 'why' (hands.yaml line 11) is missing from this translation" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()
