"""The one schema reader: the checks every input file needs, on its located tree.

The content loader, the brand reader and the settings reader each hold a `Reader` and walk
their own tree with it; the reader knows shapes (mapping, list, text, typed value), keys
(unknown, with a "did you mean" suggestion; required) and declared fields, and collects
every problem with the line and column of the offending key or value, so that a file's
mistakes are all reported at once. What a problem says is the caller's: each check takes
its wording as a format string, so every file keeps the words its users know.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handouts.errors import Location, Problem
from handouts.schema.nodes import Map, Node, Scalar, Seq, Value, data, described, kind


@dataclass(frozen=True)
class Field:
    """A key a mapping may have: its name, what it means (for messages), the Python types
    a typed (TOML) value of it may have (empty: any shape, read by the caller), its default
    when absent, and whether it must be given."""

    name: str
    meaning: str = ""
    types: tuple[type, ...] = ()
    default: object = None
    required: bool = False


def names(fields: Sequence[Field]) -> tuple[str, ...]:
    """The names of `fields`, in order."""
    return tuple(f.name for f in fields)


def suggest(word: str, choices: Sequence[str]) -> str:
    """'did you mean X?' (or 'X or Y?', at most three) for the choices `word` likely meant,
    else a list of the valid ones ('remove it' when there are none).

    Likely meant, in this order: the closest by spelling (difflib, ratio 0.6 or more); the
    choices a word of two or more letters begins ('qr' for 'qr_url'); and, for a word of
    parts joined by '_' or '-', the choices that are one of its parts ('phone' for
    'phone_number' or 'clinic_phone') or begin with the same first part ('qr_url' for
    'qr-link'). Case and '-' against '_' do not count in the last two.
    """
    import difflib  # only when there is a mistake to suggest a fix for

    def plain(text: str) -> str:
        return text.lower().replace("-", "_")

    written = plain(word)
    parts = written.split("_")
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    begun = [c for c in choices if len(written) >= 2 and plain(c).startswith(written)]
    within = [c for c in choices if len(parts) > 1 and (
        plain(c) in parts or (len(parts[0]) >= 2 and plain(c).split("_")[0] == parts[0]))]
    found = [f"'{c}'" for c in dict.fromkeys([*close, *begun, *within])][:3]
    if len(found) > 1:
        return f"did you mean {', '.join(found[:-1])} or {found[-1]}?"
    if found:
        return f"did you mean {found[0]}?"
    return f"use one of: {', '.join(choices)}" if choices else "remove it"


TYPE_NAMES: dict[type, str] = {bool: "true or false", int: "a whole number", float: "a number",
                               str: "text", list: "a list", dict: "a table"}


def type_name(types: Sequence[type]) -> str:
    """Types as a reader says them: 'a whole number or a number', 'true or false'."""
    return " or ".join(dict.fromkeys(TYPE_NAMES.get(t, t.__name__) for t in types))


def is_type(value: object, types: Sequence[type]) -> bool:
    """Whether `value` is one of `types`, a bool counting as a number only if `bool` is
    among them (Python's bool is an int; TOML's true is not a number)."""
    return isinstance(value, tuple(types)) and (bool in types or not isinstance(value, bool))


class Reader:
    """One walk over one file's located tree: the checks, and the problems found so far
    (in the order found)."""

    def __init__(self) -> None:
        self.problems: list[Problem] = []

    def problem(self, at: Location, what: str, todo: str = "") -> None:
        """Record one problem."""
        self.problems.append(Problem(at, what, todo))

    def mapping(self, node: Node | None, what: str,
                wrong: str = "{what} must be a mapping, not {received}",
                todo: str = "") -> Map | None:
        """`node` as a mapping; None when absent, or (with a problem at the value) when it is
        something else. `wrong` may use {what}, {received} (as `described` says it) and
        {kind}."""
        if node is None:
            return None
        if isinstance(node, Map):
            return node
        self.problem(node.at, wrong.format(what=what, received=described(node), kind=kind(node)),
                     todo)
        return None

    def keys(self, node: Map, allowed: Sequence[str], what: str,
             unknown: str = "unknown key '{key}' in {what}") -> None:
        """A problem at each key of `node` not in `allowed`, with a suggestion."""
        for key, key_at in node.key_at.items():
            self.known(key, key_at, allowed, what, unknown)

    def known(self, key: str, at: Location, allowed: Sequence[str], what: str,
              unknown: str = "unknown key '{key}' in {what}") -> bool:
        """Whether `key` is in `allowed`; a problem at `at`, with a suggestion, if not."""
        if key in allowed:
            return True
        self.problem(at, unknown.format(key=key, what=what), suggest(key, allowed))
        return False

    def required(self, node: Map, wanted: Sequence[str], what: str,
                 missing: str = "{what} has no '{key}'", todo: str = "add '{key}:'") -> None:
        """A problem at the mapping for each key of `wanted` it lacks."""
        for key in wanted:
            if key not in node.items:
                self.problem(node.at, missing.format(what=what, key=key), todo.format(key=key))

    def fields(self, node: Node, fields: Sequence[Field], what: str,
               wrong: str = "{what} must be a mapping, not {received}", todo: str = ""
               ) -> dict[str, Node]:
        """The declared fields given in the mapping `node`, after checking its shape (a
        problem if it is not a mapping; `todo` may use {keys}), its unknown keys and its
        required ones."""
        known = names(fields)
        found = self.mapping(node, what, wrong, todo.format(keys=", ".join(known)))
        if found is None:
            return {}
        self.keys(found, known, what)
        self.required(found, [f.name for f in fields if f.required], what)
        return {k: v for k, v in found.items.items() if k in known}

    def seq(self, node: Node | None, what: str, wrong: str = "{what} must be a list",
            todo: str = "start each item with '- '") -> tuple[Node, ...]:
        """The items of the list `node`; none when absent, or (with a problem) not a list."""
        if node is None:
            return ()
        if not isinstance(node, Seq):
            self.problem(node.at, wrong.format(what=what, received=described(node)), todo)
            return ()
        return node.items

    def scalar(self, node: Node | None, what: str,
               wrong: str = "{what} must be text, not {received}", todo: str = "") -> str | None:
        """The text of the YAML scalar `node`; None when absent, or (with a problem) when it
        is a list or a mapping. `wrong` may use {what}, {received} and {kind}."""
        if node is None:
            return None
        if isinstance(node, Scalar):
            return node.text
        self.problem(node.at, wrong.format(what=what, received=described(node), kind=kind(node)),
                     todo)
        return None

    def typed(self, node: Node, field: Field, what: str, at: Location | None = None,
              wrong: str = "{what} {key} ({meaning}): expected {expected}, received {received}"
              ) -> tuple[bool, object]:
        """Whether the TOML value `node` has one of the field's types, and the value (a
        list for an array); a problem at `at` (default: the value) if not."""
        value = data(node)
        ok = isinstance(node, (Value, Seq)) and is_type(value, field.types)
        if not ok:
            self.problem(at or node.at, wrong.format(
                what=what, key=field.name, meaning=field.meaning,
                expected=type_name(field.types), received=repr(value)))
        return ok, value
