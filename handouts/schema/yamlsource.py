"""Safe YAML reading that keeps where each value was written.

PyYAML's safe composer builds the node tree; this module turns it into plain Python
values wrapped with their line and column. Every scalar stays the text the author wrote
(`no`, `yes` and `1.10` are strings, never a boolean or a float); the schema decides
whether a field is text, a number or a date. Anchors and aliases are refused, so an alias
bomb cannot expand, and duplicate keys are reported rather than silently overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from handouts.errors import Location, Problem
from handouts.schema.nodes import Map, Node, Scalar, Seq

UNPRINTABLE_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
"""Control characters (but tab and line breaks), lone surrogates and the non-characters
U+FFFE and U+FFFF: no font draws them and layout XML cannot carry most of them, so a text
holding one (YAML writes them as escapes such as "\\a") is refused where it is written,
not when a template fails far from it."""

MAX_NODES = 200_000
"""Refuse files with more YAML nodes than this: a content file is far smaller."""


def _loc(path: Path, mark: Any) -> Location:
    """A location from a PyYAML or libyaml mark (0-based line and column), if any."""
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


class _Converter:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.count = 0

    def convert(self, node: yaml.Node) -> Node | None:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(_loc(self.path, node.start_mark))
        at = _loc(self.path, node.start_mark)
        if isinstance(node, yaml.ScalarNode):
            self.printable(str(node.value), at)
            return Scalar(str(node.value), at, quoted=node.style in ("'", '"'))
        if isinstance(node, yaml.SequenceNode):
            items = [self.convert(child) for child in node.value]
            return Seq(tuple(i for i in items if i is not None), at)
        if isinstance(node, yaml.MappingNode):
            result: dict[str, Node] = {}
            key_at: dict[str, Location] = {}
            for key_node, value_node in node.value:
                k_at = _loc(self.path, key_node.start_mark)
                if not isinstance(key_node, yaml.ScalarNode):
                    self.problems.append(
                        Problem(k_at, "a key must be plain text", "write the key as a word")
                    )
                    continue
                key = str(key_node.value)
                self.printable(key, k_at)
                if key == "<<":
                    self.problems.append(
                        Problem(k_at, "merge keys (<<) are not supported", "write the keys out")
                    )
                    continue
                if key in result:
                    first = key_at[key]
                    self.problems.append(
                        Problem(
                            k_at,
                            f"duplicate key '{key}' (first at line {first.line})",
                            "keep one of the two",
                        )
                    )
                    continue
                value = self.convert(value_node)
                if value is not None:
                    result[key] = value
                    key_at[key] = k_at
            return Map(result, at, key_at)
        return None


    def printable(self, text: str, at: Location) -> None:
        """A problem if `text` holds a character in UNPRINTABLE_RE."""
        match = UNPRINTABLE_RE.search(text)
        if match:
            self.problems.append(Problem(
                at, f"the text holds the character U+{ord(match[0]):04X}, which cannot be "
                "printed", "remove it (it may be written as an escape such as \\a)"))


class _TooBig(Exception):
    def __init__(self, at: Location) -> None:
        self.at = at


def _loader() -> type:
    """libyaml's safe loader when PyYAML was built with it (much faster), else PyYAML's."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, path: Path) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text; returns the located tree (None for an empty file) and problems."""
    try:
        for event in yaml.parse(text, Loader=_loader()):
            kind = ("aliases (*name)" if isinstance(event, yaml.AliasEvent)
                    else "anchors (&name)" if getattr(event, "anchor", None) else "")
            if kind:
                return None, [Problem(_loc(path, event.start_mark),
                                      f"invalid YAML: {kind} are not allowed in handouts files",
                                      "write the value out in full")]
        root = yaml.compose(text, Loader=_loader())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        what = exc.problem or exc.context or "invalid YAML"
        return None, [
            Problem(_loc(path, mark), f"invalid YAML: {what}", "fix the YAML syntax at this spot")
        ]
    except yaml.reader.ReaderError as exc:
        line = text[: exc.position].count("\n") + 1
        return None, [
            Problem(
                Location(path, line),
                f"the file contains the control character U+{exc.character:04X}",
                "delete it",
            )
        ]
    except yaml.YAMLError as exc:
        return None, [Problem(Location(path), f"invalid YAML: {exc}", "fix the YAML syntax")]
    if root is None:
        return None, []
    converter = _Converter(path)
    try:
        tree = converter.convert(root)
    except _TooBig as big:
        return None, [
            Problem(big.at, f"the file has more than {MAX_NODES:,} YAML values", "split it up")
        ]
    except RecursionError:
        return None, [Problem(Location(path), "the YAML is nested too deeply", "flatten it")]
    return tree, converter.problems


@dataclass(frozen=True)
class Source:
    """A YAML file as read: its located tree (None if empty or wrong), its problems, and
    the SHA-256 of the bytes the tree was parsed from ('' if nothing was read)."""

    tree: Node | None
    problems: list[Problem]
    digest: str = ""


def read(path: Path, roots: Sequence[Path] = (), limit: int = 0) -> Source:
    """Read and parse a YAML file, only by its real path inside `roots` (default: the
    file's own folder), only if it is a regular file of at most `limit` bytes (default:
    the content limit); unreadable or non-UTF-8 files are problems."""
    import hashlib

    from handouts.files import LIMITS, Refused, read_input

    try:
        raw = read_input(path, roots or (path.parent,), limit or LIMITS["content"])
    except Refused as exc:
        return Source(None, [Problem(Location(path), exc.what, exc.todo)])
    sha = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        return Source(None, [Problem(Location(path, line, column), "the file is not UTF-8 text",
                                     "save it as UTF-8")], sha)
    tree, problems = parse(text, path)
    return Source(tree, problems, sha)
