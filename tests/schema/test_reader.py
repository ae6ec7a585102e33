"""The one schema reader, on located trees parsed from strings: shapes, keys, declared
fields and typed values, every problem at once at its own line and column."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.schema.nodes import Map, Node
from handouts.schema.reader import Field, Reader, suggest, type_name
from handouts.schema.tomlsource import located
from handouts.schema.yamlsource import parse

FILE = Path("f.yaml")


def yaml(text: str) -> Node:
    tree, problems = parse(text, FILE)
    assert problems == [] and tree is not None
    return tree


def shown(r: Reader) -> list[str]:
    return [str(p) for p in r.problems]


def test_suggest_names_the_closest_choice_or_lists_them() -> None:
    assert suggest("buidl", ("build", "brand")) == "did you mean 'build'?"
    assert suggest("zzz", ("build", "brand")) == "use one of: build, brand"
    assert suggest("zzz", ()) == "remove it"


NAME = "abcpqr_-QR1"
"""Letters of names, for names a key may have (no quotes, so the suggestion can be parsed)."""
KEYS = ("phone", "address", "qr_url", "slide_size", "help_lines", "pptx_template")


@pytest.mark.parametrize(("word", "expected"), [
    ("qr", "did you mean 'qr_url'?"),
    ("pptx", "did you mean 'pptx_template'?"),
    ("phone_number", "did you mean 'phone'?"),
    ("clinic-phone", "did you mean 'phone'?"),
    ("qr-link", "did you mean 'qr_url'?"),
    ("Help", "did you mean 'help_lines'?"),
    ("phoen", "did you mean 'phone'?"),
    ("p", "use one of: phone, address, qr_url, slide_size, help_lines, pptx_template"),
])
def test_suggest_takes_prefixes_and_parts_of_a_name(word: str, expected: str) -> None:
    assert suggest(word, KEYS) == expected


def test_suggest_names_up_to_three() -> None:
    assert suggest("qr", ("qr_url", "qr_size")) == "did you mean 'qr_url' or 'qr_size'?"
    assert suggest("co", ("code", "contact", "content", "cost")) == \
        "did you mean 'cost', 'code' or 'contact'?"  # the closest by spelling first


@settings(max_examples=200, deadline=None)
@given(st.text(NAME, max_size=12), st.lists(st.text(NAME, min_size=1, max_size=12), max_size=8,
                                            unique=True))
def test_suggest_only_ever_names_the_choices(word: str, choices: list[str]) -> None:
    said = suggest(word, choices)
    if said.startswith("did you mean "):
        named = re.findall(r"'(.*?)'(?:, | or |\?$)", said)
        assert 1 <= len(named) <= 3 and set(named) <= set(choices), said
    else:
        assert said == (f"use one of: {', '.join(choices)}" if choices else "remove it")


def test_fields_report_unknown_and_missing_keys_at_once() -> None:
    tree = yaml("items:\n  - name: a\n  - nmae: b\n    url: x\n")
    assert isinstance(tree, Map)
    r = Reader()
    spec = (Field("name", required=True), Field("url"))
    found = [r.fields(item, spec, "an item") for item in r.seq(tree.items["items"], "items")]
    assert [sorted(f) for f in found] == [["name"], ["url"]]
    assert shown(r) == ["f.yaml:3:5: unknown key 'nmae' in an item; did you mean 'name'?",
                        "f.yaml:3:5: an item has no 'name'; add 'name:'"]


def test_shapes_are_reported_at_the_value_in_the_callers_words() -> None:
    tree = yaml("a: [1, 2]\nb: {c: d}\nc: text\n")
    assert isinstance(tree, Map)
    r = Reader()
    assert r.scalar(tree.items["a"], "a", wrong="{what} must be text, received {kind}") is None
    assert r.mapping(tree.items["c"], "c") is None
    assert r.seq(tree.items["b"], "b") == ()
    assert r.scalar(tree.items["c"], "c") == "text"
    assert shown(r) == ["f.yaml:1:4: a must be text, received a list",
                        "f.yaml:3:4: c must be a mapping, not 'text'",
                        "f.yaml:2:4: b must be a list; start each item with '- '"]


def test_typed_values_say_what_was_expected_and_received() -> None:
    text = "[t]\nsize = 9\nname = 'x'\nflag = 1\n"
    tree = located(tomllib.loads(text), text, Path("h.toml"))
    table = tree.items["t"]
    assert isinstance(table, Map)
    r = Reader()
    size = Field("size", "a size", (int, float))
    flag = Field("flag", "a switch", (bool,))
    assert r.typed(table.items["size"], size, "[t]") == (True, 9)
    assert r.typed(table.items["name"], size, "[t]", at=table.key_at["name"]) == (False, "x")
    assert r.typed(table.items["flag"], flag, "[t]") == (False, 1)
    assert shown(r) == [
        "h.toml:3:1: [t] size (a size): expected a whole number or a number, received 'x'",
        "h.toml:4:8: [t] flag (a switch): expected true or false, received 1"]


def test_true_is_not_a_number() -> None:
    text = "n = true\n"
    tree = located(tomllib.loads(text), text, Path("h.toml"))
    r = Reader()
    assert r.typed(tree.items["n"], Field("n", "n", (int,)), "") == (False, True)
    assert type_name((int, float)) == "a whole number or a number"
