"""The located view of TOML: keys, tables and values at their own line and column, found
in their own table however the table is written."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.schema.nodes import Map, Seq, Value
from handouts.schema.tomlsource import located, places

FILE = Path("h.toml")


def at(text: str, *place: str | int) -> str:
    found = places(text, FILE)
    where = found.keys[place]
    return f"{where.line}:{where.column}"


def test_a_key_is_found_in_its_own_table_not_at_its_first_mention() -> None:
    text = "[levels.easy]\nmin_print_pt = 12\n\n[levels.standard]\n  min_print_pt = 9\n"
    assert at(text, "levels", "easy", "min_print_pt") == "2:1"
    assert at(text, "levels", "standard", "min_print_pt") == "5:3"
    assert at(text, "levels", "standard") == "4:9"
    assert at(text, "levels") == "1:2"


@pytest.mark.parametrize(("text", "where"), [
    ("[levels]\neasy.size = 1\nstandard.size = 2\n", "3:10"),
    ("levels.easy = {size = 1}\nlevels.standard = { size = 2 }\n", "2:21"),
    ("[levels.standard]\n\"si\\u007ae\" = 2\n", "2:1"),
    ("[levels.standard]\n'size' = 2\n", "2:1"),
    ("[ levels . \"standard\" ]\nsize = 2\n", "2:1"),
    ("[a]\nx = '''\n[levels.standard]\nsize = 1'''\n[levels.standard]\nsize = 2\n", "6:1"),
    ("[a]\nx = [\n  1, # [levels.standard]\n  2,\n]\ny = \"size = \\\"\"\n"
     "[levels.standard]\nsize = 2\n", "8:1"),
    ("[a]\nwhen = 1979-05-27 07:32:00Z\n[levels.standard]\nsize = 2\n", "4:1"),
])
def test_keys_are_located_however_they_are_written(text: str, where: str) -> None:
    assert at(text, "levels", "standard", "size") == where


def test_arrays_of_tables_are_counted() -> None:
    text = "[[item]]\nname = 'a'\n[[item]]\nname = 'b'\n[item.sub]\nx = 1\n"
    assert at(text, "item", 1, "name") == "4:1"
    assert at(text, "item", 1, "sub", "x") == "6:1"


def test_the_located_tree_holds_tomllibs_values_with_their_places() -> None:
    text = "[project]\nbuild = 'out'\nbrands = [\n  'a.yml',\n  'b.yml',\n]\n"
    tree = located(tomllib.loads(text), text, FILE)
    project = tree.items["project"]
    assert isinstance(project, Map)
    assert (project.at.line, project.at.column) == (1, 1)
    build = project.items["build"]
    assert isinstance(build, Value) and build.value == "out"
    assert (build.at.line, build.at.column) == (2, 9)
    brands = project.items["brands"]
    assert isinstance(brands, Seq)
    assert [(b.at.line, b.at.column) for b in brands.items] == [(4, 3), (5, 3)]
    assert project.where("absent") == project.at


FRAGMENTS = ["[a]", "[a.b]", "[[c]]", "[c.d]", "[ 'q.r' . \"s\" ]", "x = 1", "y.z = 'v'",
             "\"k\\u00e9\" = true", "w = { p = 1, q = { r = [1, 2] } }", "arr = [\n 1, # c\n 2,\n]",
             "m = '''\n[x]\ny = 1'''", "n = \"\"\"\na\\\"\"\"\"\"", "t = 1979-05-27 07:32:00",
             "f = -1.5e3", "# [z]", "[e] # note", "", "  u = 'x' # y", "h = 0x1F", "e = []"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(FRAGMENTS), max_size=12))
def test_every_key_tomllib_reads_is_located(lines: list[str]) -> None:
    text = "\n".join(lines) + "\n"
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError:
        return
    found = places(text, FILE)
    tree = located(data, text, FILE)

    def walk(node: object, place: tuple[str | int, ...]) -> None:
        if isinstance(node, Map):
            for key, value in node.items.items():
                assert (*place, key) in found.keys, (text, place, key)
                walk(value, (*place, key))
        elif isinstance(node, Seq):
            for index, item in enumerate(node.items):
                walk(item, (*place, index))

    walk(tree, ())
