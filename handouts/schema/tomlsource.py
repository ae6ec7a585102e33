"""A located view of a TOML file: the tree tomllib reads, with the line and column where
each key, table and value is written.

tomllib gives values without places, so the text is scanned once more for where things
are: table headers (`[a.b]`, `[[a]]`), keys (bare, quoted and dotted, in tables and inline
tables) and values (strings of all four kinds, arrays over several lines, inline tables).
The scan runs only on text tomllib has accepted, so it need not check the syntax, only
follow it. A key under `[levels.standard]` is found in that table, never at an earlier
mention of the same key in `[levels.easy]`.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.errors import Location
from handouts.schema.nodes import Map, Node, Seq, Value

Path_ = tuple[str | int, ...]
"""A place in the tree: table and key names, and indices into arrays."""

_BARE = re.compile(r"[A-Za-z0-9_-]+")
_BLANK = re.compile(r"(?:[ \t\r\n]|#[^\n]*)*")
_SPACE = re.compile(r"[ \t]*")
_LEAF = re.compile(r"[^ \t\r\n,\]}#]+")
_DATE_TIME = re.compile(r"\d{4}-\d{2}-\d{2} \d{2}:")
"""A date and a time separated by a space, which TOML allows in one value."""


@dataclass
class Places:
    """Where things are written in one TOML text (line and column from 1)."""

    keys: dict[Path_, Location] = field(default_factory=dict)
    """Each key, at its last part (`b` in `a.b = 1` or `[a.b]`); a table named in a header
    or a dotted key, at its first mention."""
    tables: dict[Path_, Location] = field(default_factory=dict)
    """Each table with a header, at its `[`."""
    values: dict[Path_, Location] = field(default_factory=dict)
    """Each value after `=`, and each item of an array."""


class _Scanner:
    def __init__(self, text: str, path: Path) -> None:
        self.text, self.path, self.pos = text, path, 0
        self.places = Places()
        self.arrays: dict[Path_, int] = {}  # the index of the last [[table]] of each name

    def at(self, pos: int) -> Location:
        line_start = self.text.rfind("\n", 0, pos) + 1
        return Location(self.path, self.text.count("\n", 0, pos) + 1, pos - line_start + 1)

    def skip(self, pattern: re.Pattern[str]) -> None:
        match = pattern.match(self.text, self.pos)
        self.pos = match.end() if match else self.pos

    def scan(self) -> Places:
        table: Path_ = ()
        while True:
            self.skip(_BLANK)
            if self.pos >= len(self.text):
                return self.places
            start = self.pos
            if self.text.startswith("[[", start):
                self.pos += 2
                parts = self.key_path()
                steps = self.resolve(parts)
                base = steps[-1]
                self.arrays[base] = self.arrays.get(base, -1) + 1
                table = (*base, self.arrays[base])
                self.mention([*steps, table], [*parts, parts[-1]])
                self.places.tables[table] = self.at(start)
                self.pos = self.text.index("]]", self.pos) + 2
            elif self.text.startswith("[", start):
                self.pos += 1
                parts = self.key_path()
                steps = self.resolve(parts)
                table = steps[-1]
                self.mention(steps, parts)
                self.places.tables[table] = self.at(start)
                self.pos = self.text.index("]", self.pos) + 1
            else:
                self.pair(table)

    def resolve(self, parts: list[tuple[str, int]]) -> list[Path_]:
        """The place each name of a header stands for, going into the last table of each
        [[array]] named before it."""
        out: list[Path_] = []
        place: Path_ = ()
        for name, _ in parts:
            if place in self.arrays:
                place = (*place, self.arrays[place])
            place = (*place, name)
            out.append(place)
        return out

    def mention(self, steps: list[Path_], parts: list[tuple[str, int]]) -> None:
        """Record where each name of a header or dotted key is written: a table named on
        the way at its first mention, the last name where it is defined."""
        for index, (place, (_, pos)) in enumerate(zip(steps, parts, strict=True)):
            if index == len(steps) - 1:
                self.places.keys[place] = self.at(pos)
            else:
                self.places.keys.setdefault(place, self.at(pos))

    def key_path(self) -> list[tuple[str, int]]:
        """The names of a dotted key and where each starts."""
        parts: list[tuple[str, int]] = []
        while True:
            self.skip(_SPACE)
            start = self.pos
            if self.text.startswith('"', start):
                self.string()
                name = str(tomllib.loads("k = " + self.text[start:self.pos])["k"])
            elif self.text.startswith("'", start):
                self.string()
                name = self.text[start + 1:self.pos - 1]
            else:
                self.skip(_BARE)
                name = self.text[start:self.pos]
            parts.append((name, start))
            self.skip(_SPACE)
            if not self.text.startswith(".", self.pos):
                return parts
            self.pos += 1

    def pair(self, table: Path_) -> None:
        """A `key = value` line (or an entry of an inline table) within `table`."""
        parts = self.key_path()
        names = [name for name, _ in parts]
        steps = [(*table, *names[:count]) for count in range(1, len(names) + 1)]
        place = steps[-1]
        self.mention(steps, parts)
        self.skip(_SPACE)
        self.pos += 1  # the '='
        self.skip(_SPACE)
        self.value(place)

    def value(self, place: Path_) -> None:
        self.places.values[place] = self.at(self.pos)
        char = self.text[self.pos:self.pos + 1]
        if char in ('"', "'"):
            self.string()
        elif char == "[":
            self.pos += 1
            index = 0
            while True:
                self.skip(_BLANK)
                if self.text.startswith("]", self.pos):
                    self.pos += 1
                    return
                self.value((*place, index))
                index += 1
                self.skip(_BLANK)
                if self.text.startswith(",", self.pos):
                    self.pos += 1
        elif char == "{":
            self.pos += 1
            while True:
                self.skip(_SPACE)
                if self.text.startswith("}", self.pos):
                    self.pos += 1
                    return
                self.pair(place)
                self.skip(_SPACE)
                if self.text.startswith(",", self.pos):
                    self.pos += 1
        else:
            if _DATE_TIME.match(self.text, self.pos):
                self.pos += 11
            self.skip(_LEAF)

    def string(self) -> None:
        """Past a string of any of TOML's four kinds."""
        text, pos = self.text, self.pos
        quote = text[pos]
        triple = text.startswith(quote * 3, pos)
        pos += 3 if triple else 1
        while pos < len(text):
            if quote == '"' and text[pos] == "\\":
                pos += 2
            elif triple and text.startswith(quote * 3, pos):
                end = pos
                while end < len(text) and text[end] == quote and end - pos < 5:
                    end += 1  # up to two quotes may end the string's own text
                self.pos = end
                return
            elif not triple and text[pos] == quote:
                self.pos = pos + 1
                return
            else:
                pos += 1
        self.pos = pos


def places(text: str, path: Path) -> Places:
    """Where the keys, tables and values of the TOML `text` (which tomllib has accepted)
    are written."""
    return _Scanner(text, path).scan()


def located(data: dict[str, Any], text: str, path: Path) -> Map:
    """tomllib's `data` from `text` as a located tree: tables are Maps (at their header, or
    at their key when inline or implied), arrays Seqs, other values Values."""
    found = places(text, path)

    def node(value: object, place: Path_, fallback: Location) -> Node:
        at = found.tables.get(place) or found.values.get(place) or found.keys.get(place) \
            or fallback
        if isinstance(value, dict):
            items = {str(k): node(v, (*place, str(k)), at) for k, v in value.items()}
            key_at = {k: found.keys.get((*place, k), at) for k in items}
            return Map(items, at, key_at)
        if isinstance(value, list):
            return Seq(tuple(node(v, (*place, i), at) for i, v in enumerate(value)), at)
        return Value(value, at)

    tree = node(data, (), Location(path))
    assert isinstance(tree, Map)
    return tree


def locate(path: Path, lines: list[str], key: str, table: str | None = None) -> Location:
    """Where `key` is written in handouts.toml's `lines`: within `table` (a dotted name
    such as 'lengths.short') when given, else at the top level; where that table starts if
    the key is not there; the file alone if neither is written (or the text is not TOML)."""
    text = "\n".join(lines)
    try:
        found = places(text, path)
    except (ValueError, IndexError):  # only text that tomllib accepted is scanned
        return Location(path)
    where = tuple(table.split(".")) if table else ()
    return found.keys.get((*where, key)) or found.tables.get(where) or \
        found.keys.get(where) or Location(path)
