"""Content loading: every mistake is located, reported together, exit 2, nothing written."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.content.topic import load_topic
from tests.helpers import GOOD, write_project

LEVELS = ("easy", "standard", "clinical")

def check_fails(cli: Callable[..., Result], root: Path, *expected: str) -> str:
    result = cli("-C", root, "build")
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    for text in expected:
        assert text in result.output, result.output
    assert not (root / "build").exists(), "nothing may be written on bad input"
    return result.output


def test_good_topic_loads(tmp_path: Path) -> None:
    topic, problems = load_topic(write_project(tmp_path, GOOD), LEVELS)
    assert problems == []
    assert topic is not None
    assert topic.summary("easy") == "Clean hands stop germs."
    assert topic.key_points[0]("clinical") == "Wash for 20 seconds."
    assert topic.sections[0].sources == ("who",)


def test_invalid_yaml(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("key_points:\n", "key_points: [\n"))
    check_fails(cli, tmp_path, "hands.yaml:", "invalid YAML", "fix the YAML syntax")


def test_unknown_key_suggests(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("key_points:", "key_pionts:"))
    out = check_fails(cli, tmp_path, "unknown key 'key_pionts' in the topic",
                      "did you mean 'key_points'?")
    assert "content/hands.yaml:6:1:" in out


def test_missing_level(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("  standard: Washing your hands stops the spread "
                                         "of germs.\n", ""))
    check_fails(cli, tmp_path, "hands.yaml:3:3: summary has no text for level 'standard'",
                "add 'standard:'")


def test_wrong_type(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("    heading: Why it matters",
                                         "    heading: [Why, it, matters]"))
    check_fails(cli, tmp_path, "hands.yaml:13:14: section 'why' heading must be text, "
                "received a list")


def test_priority_must_be_one_to_three(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("priority: 1", "priority: high"))
    check_fails(cli, tmp_path, "priority must be 1, 2 or 3, received 'high'")


def test_duplicate_key(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD + "title: Again\n")
    check_fails(cli, tmp_path, "hands.yaml:21:1: duplicate key 'title' (first at line 1)")


def test_empty_file(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, "")
    check_fails(cli, tmp_path, "hands.yaml:1:1: the file is empty")


def test_unknown_source_id(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("sources: [who]", "sources: [whoo]"))
    check_fails(cli, tmp_path, "hands.yaml:18:15: section 'why' cites 'whoo', which is not in "
                "references; did you mean 'who'?")


@pytest.mark.parametrize("written", ["no", "yes", "1.10", "off", "2026-01-01", "~", "null"])
def test_yaml_lookalikes_stay_text(tmp_path: Path, written: str) -> None:
    text = GOOD.replace("  - Wash for 20 seconds.", f"  - {written}")
    topic, problems = load_topic(write_project(tmp_path, text), LEVELS)
    assert problems == []
    assert topic is not None
    assert topic.key_points[0]("easy") == written


def test_several_mistakes_reported_together(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("key_points:", "key_pionts:")
                  .replace("sources: [who]", "sources: [nobody]"))
    write_project(tmp_path, "title: [\n", name="broken.yaml")
    out = check_fails(cli, tmp_path, "3 problems in the input:", "broken.yaml:2:1:",
                      "key_pionts", "'nobody'")
    assert out.count("hands.yaml:") == 2


def test_anchors_and_aliases_refused(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("title: Hand Washing", "title: &t Hand Washing")
                  + "subtitle: *t\n")
    check_fails(cli, tmp_path, "hands.yaml:1:8:", "anchors (&name) are not allowed")


def test_control_character(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("Wash for 20", "Wash\x07 for 20"))
    check_fails(cli, tmp_path, "hands.yaml:7:", "control character U+0007")


def test_not_utf8(tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = write_project(tmp_path, GOOD)
    path.write_bytes(GOOD.replace("Hand Washing", "Hand W\xe4shing").encode("latin-1"))
    check_fails(cli, tmp_path, "hands.yaml:1:14: the file is not UTF-8 text; save it as UTF-8")


def test_unknown_level_name(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("  easy: Clean hands", "  eassy: Clean hands"))
    check_fails(cli, tmp_path, "'eassy' in summary is not a level; did you mean 'easy'?")


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_any_text_gives_a_topic_or_located_problems(tmp_path_factory: pytest.TempPathFactory,
                                                     text: str) -> None:
    root = tmp_path_factory.mktemp("fuzz")
    path = write_project(root, text)
    topic, problems = load_topic(path, LEVELS)
    assert (topic is None) == bool(problems)
    for problem in problems:
        assert problem.location.path == path


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(GOOD.splitlines()), max_size=30))
def test_shuffled_lines_never_crash(tmp_path_factory: pytest.TempPathFactory,
                                    lines: list[str]) -> None:
    path = write_project(tmp_path_factory.mktemp("fuzz"), "\n".join(lines))
    topic, problems = load_topic(path, LEVELS)
    assert topic is not None or problems


def test_a_new_level_lists_every_field_it_lacks_at_once(tmp_path: Path) -> None:
    text = GOOD.replace("    sources: [who]\n", "    sources: [who]\n    points:\n"
                        "      easy: [Wash.]\n      standard: [Wash well.]\n"
                        "      clinical: [Perform hand hygiene.]\n")
    path = write_project(tmp_path, text)
    topic, problems = load_topic(path, (*LEVELS, "plain"))
    assert topic is None
    found = [p.what for p in problems]
    assert "section 'why' heading has no text for level 'plain'" not in found  # one text
    assert "section 'why' body has no text for level 'plain'" in found
    assert "section 'why' points has no list for level 'plain'" in found


def test_a_key_is_located_in_its_own_section(tmp_path: Path) -> None:
    # both sections have a priority; the second one's is wrong, and the second one's
    # misspelt key is reported where it is written, not at the first section
    text = GOOD.replace("references:\n", "  - id: how\n    priority: often\n"
                        "    heading: How\n    body: Scrub.\n    sorces: [who]\n"
                        "references:\n")
    topic, problems = load_topic(write_project(tmp_path, text), LEVELS)
    assert topic is None
    assert [str(p).split("content/", 1)[1] for p in problems] == [
        "hands.yaml:23:5: unknown key 'sorces' in a section; did you mean 'sources'?",
        "hands.yaml:20:15: section 'how' priority must be 1, 2 or 3, received 'often'; "
        "1: every length; 2: standard and full; 3: full only"]
