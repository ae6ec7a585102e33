"""YAML read with its places (handouts/schema/yamlsource.py): the tree built from the
parser's events in one pass, every value text where it was written, and what is refused
(anchors, aliases, duplicate and merge keys, keys that are not text, several documents,
unprintable characters, too many or too deeply nested values) said where it is."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.errors import Location
from handouts.schema.nodes import Map, Node, Scalar, Seq
from handouts.schema.yamlsource import MAX_DEPTH, parse

PATH = Path("topic.yaml")


def _plain(node: Node | None) -> Any:
    if isinstance(node, Scalar):
        return node.text
    if isinstance(node, Seq):
        return [_plain(item) for item in node.items]
    if isinstance(node, Map):
        return {key: _plain(value) for key, value in node.items.items()}
    return node


def _said(text: str) -> list[tuple[int, int, str]]:
    return [(p.location.line, p.location.column, p.what) for p in parse(text, PATH)[1]]


def test_values_are_the_text_written_where_it_was_written() -> None:
    tree, problems = parse("title: no\nlevels:\n  - 1.10\n  - 'yes'\nempty:\n", PATH)
    assert not problems and isinstance(tree, Map)
    assert _plain(tree) == {"title": "no", "levels": ["1.10", "yes"], "empty": ""}
    assert tree.at == Location(PATH, 1, 1) and tree.key_at["levels"] == Location(PATH, 2, 1)
    levels = tree.items["levels"]
    assert isinstance(levels, Seq) and levels.at == Location(PATH, 3, 3)
    assert levels.items[1] == Scalar("yes", Location(PATH, 4, 5), quoted=True)
    assert parse("", PATH) == (None, []) and parse("# only a comment\n", PATH) == (None, [])


def test_anchors_and_aliases_are_refused_where_written() -> None:
    assert _said("a: &x 1\nb: 2\n") == [
        (1, 4, "invalid YAML: anchors (&name) are not allowed in handouts files")]
    assert _said("a: 1\nb: *x\n")[0][:2] == (2, 4)


def test_duplicate_merge_and_non_text_keys_pass_their_values_over() -> None:
    text = ("a: 1\na:\n  - \"\\a\"\n<<: {b: 2}\n[k]: v\n? {k: \"\\a\"}\n: w\n"
            "c: \"x\\ay\"\n")
    tree, _ = parse(text, PATH)
    assert _plain(tree) == {"a": "1", "c": "x\ay"}
    assert _said(text) == [
        (2, 1, "duplicate key 'a' (first at line 1)"),  # its value's \a is not read
        (4, 1, "merge keys (<<) are not supported"),
        (5, 1, "a key must be plain text"),
        (6, 3, "a key must be plain text"),
        (8, 4, "the text holds the character U+0007, which cannot be printed")]


def test_several_documents_are_refused_at_the_second() -> None:
    assert _said("a: 1\n---\nb: 2\n") == [(2, 1, "invalid YAML: but found another document")]


def test_too_many_or_too_deeply_nested_values_are_refused() -> None:
    assert _said("- a\n" * 200_001)[0][2] == "the file has more than 200,000 YAML values"
    deep = "[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1)
    assert _said(deep) == [(1, MAX_DEPTH + 1, f"the YAML is nested more than {MAX_DEPTH} "
                                              "levels deep")]
    assert parse("[" * MAX_DEPTH + "]" * MAX_DEPTH, PATH)[1] == []


TEXTS = st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12)
TREES = st.recursive(TEXTS, lambda inner: st.lists(inner, max_size=4)
                     | st.dictionaries(TEXTS, inner, max_size=4), max_leaves=20)


@settings(max_examples=200, deadline=None)
@given(tree=TREES)
def test_what_pyyaml_writes_is_read_back(tree: Any) -> None:
    text = yaml.safe_dump(tree, allow_unicode=True)
    read, problems = parse(text, PATH)
    printable = not any(0x7F <= ord(c) <= 0x9F or c in "\ufffe\uffff"
                        for c in yaml.safe_dump(tree) if len(c) == 1)
    if printable:
        assert not problems
    assert _plain(read) == tree


PIECES = ["a", "b", "<<", "- ", ": ", ":", "\n", "  ", "&x ", "*x", "[", "]", "{", "}",
          ", ", "? ", "'q'", '"d\\a"', "|\n", "---\n", "# c\n", "!!str ", "\t", "é"]


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(PIECES), max_size=30))
def test_any_text_gives_a_tree_or_located_problems(parts: list[str]) -> None:
    tree, problems = parse("".join(parts), PATH)  # never an exception
    assert all(p.location.path == PATH for p in problems)
    assert tree is None or not any("invalid YAML" in p.what for p in problems)
