"""Markdown nested deeper than the parser reads is refused, never rendered short."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.content import markdown as markup
from tests.helpers import GOOD, write_project


def nested_list(depth: int) -> str:
    """A list `depth` levels deep, each item one word, then a paragraph."""
    items = "\n".join("  " * i + f"- level{i}" for i in range(depth))
    return items + "\n\nAfterwards comes this paragraph."


def words(depth: int) -> list[str]:
    return [f"level{i}" for i in range(depth)] + ["Afterwards", "paragraph"]


def test_a_list_as_deep_as_the_parser_reads_keeps_every_word() -> None:
    text = nested_list(markup.MAX_LIST_DEPTH)
    assert markup.too_deep(text) is None
    plain, xml = markup.plain(text), str(markup.blocks(text))
    for word in words(markup.MAX_LIST_DEPTH):
        assert word in plain
        assert word in xml
    assert xml.count("<ul>") == markup.MAX_LIST_DEPTH


@pytest.mark.parametrize("depth", [10, 11, 30])
def test_a_deeper_list_is_named_with_its_line(depth: int) -> None:
    assert markup.too_deep(nested_list(depth)) == (
        "a list is nested more than 9 levels deep (line 10 of the text), and what lies "
        "deeper would be left out")


@pytest.mark.parametrize("render", [markup.plain, markup.blocks])
def test_rendering_too_deep_a_text_raises_rather_than_drops(
        render: Callable[[str], object]) -> None:
    with pytest.raises(markup.TooDeep, match=r"nested more than 9 levels deep \(line 10 of the "
                                             r"text\).*; keep lists at most 9 levels deep"):
        render(nested_list(11))


def test_inline_text_is_never_a_list_so_keeps_every_word_however_deep() -> None:
    xml = str(markup.inline(nested_list(30)))
    assert "<ul>" not in xml
    for word in words(30):
        assert word in xml


def test_one_line_of_nested_markers_is_too_deep() -> None:
    assert markup.too_deep("- " * 9 + "x") is None
    assert markup.too_deep("- " * 10 + "x") is not None
    assert markup.too_deep("1. " * 12 + "x") is not None


def test_deep_inline_markup_keeps_its_words() -> None:
    text = "*" * 30 + "deep" + "*" * 30 + " and " + "[" * 25 + "link" + "]" * 25 + "()"
    assert markup.too_deep(text) is None
    assert {"deep", "and", "link"} <= set(markup.plain(text).replace("[", " ")
                                          .replace("]", " ").replace("(", " ").split())


def test_a_topic_with_an_eleven_level_list_is_refused(tmp_path: Path,
                                                      cli: Callable[..., Result]) -> None:
    summary = "\n".join("    " + line for line in nested_list(11).splitlines())
    topic = GOOD.replace("  easy: Clean hands stop germs.\n", f"  easy: |\n{summary}\n")
    write_project(tmp_path, topic)
    result = cli("-C", tmp_path, "build", "--length", "short", "--format", "pdf")
    assert result.exit_code == 2, result.output
    assert "a list is nested more than 9 levels deep (line 10 of the text)" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


def test_a_value_that_is_not_text_gets_the_parsers_own_error() -> None:
    import pytest as _pytest

    from handouts.content import markdown

    for convert in (markdown.blocks, markdown.plain):  # not "unhashable type: 'list'"
        with _pytest.raises(TypeError, match="Input data should be a string"):
            convert(["a list, as a template might pass"])  # type: ignore[arg-type]
    assert markdown.blocks("**a** b") is markdown.blocks("**a** b")  # remembered
