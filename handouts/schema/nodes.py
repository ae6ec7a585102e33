"""The located tree every input is read into: mappings, lists and leaves, each with the
file, line and column where it was written.

YAML gives `Scalar` leaves (the text as written; the schema decides what it means), TOML
gives `Value` leaves (already typed by tomllib). The schema reader walks both the same way.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from handouts.errors import Location

NULLS = ("", "~", "null", "Null", "NULL")
"""The ways YAML writes nothing, when unquoted."""


@dataclass(frozen=True)
class Scalar:
    """A YAML scalar as written: its text, and whether it was quoted."""

    text: str
    at: Location
    quoted: bool = False


@dataclass(frozen=True)
class Value:
    """A TOML value that is neither a table nor an array: a bool, int, float, str, date,
    time or datetime, as tomllib reads it."""

    value: object
    at: Location


@dataclass(frozen=True)
class Seq:
    """A list (a YAML sequence or a TOML array)."""

    items: tuple[Node, ...]
    at: Location


@dataclass(frozen=True)
class Map:
    """A mapping with string keys, in the order written (a YAML mapping or a TOML table);
    `at` is where it starts, `key_at` where each key is written."""

    items: dict[str, Node]
    at: Location
    key_at: dict[str, Location] = field(default_factory=dict)

    def where(self, key: str) -> Location:
        """Where `key` is written, or where the mapping starts if it is absent."""
        return self.key_at.get(key, self.at)


Node = Scalar | Value | Seq | Map


def is_null(node: Node | None) -> bool:
    """Whether a value is absent or YAML's null (`key:` with nothing, `~`, `null`)."""
    return node is None or (isinstance(node, Scalar) and not node.quoted
                            and node.text in NULLS)


def described(node: Node) -> str:
    """What a value is, for messages: 'left empty', 'a mapping', 'a list' or the value in
    quotes."""
    if is_null(node):
        return "left empty"
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    if isinstance(node, Value):
        return repr(node.value)
    return f"'{node.text}'"


def kind(node: Node) -> str:
    """'a list', 'a mapping' or 'text': the shape of a value, for messages."""
    return "a list" if isinstance(node, Seq) else "a mapping" if isinstance(node, Map) \
        else "text"


def data(node: Node) -> object:
    """The plain Python value of a node: dicts, lists, and leaves (a Scalar's text, a
    Value's value)."""
    if isinstance(node, Map):
        return {key: data(value) for key, value in node.items.items()}
    if isinstance(node, Seq):
        return [data(item) for item in node.items]
    return node.value if isinstance(node, Value) else node.text
