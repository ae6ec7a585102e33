"""Safe YAML reading that keeps where each value was written.

The tree is built from the parser's events (libyaml's, when PyYAML has it) in one pass:
plain Python values wrapped with their line and column. Every scalar stays the text the author wrote
(`no`, `yes` and `1.10` are strings, never a boolean or a float); the schema decides
whether a field is text, a number or a date. Anchors and aliases are refused, so an alias
bomb cannot expand, and duplicate keys are reported rather than silently overwritten.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
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
MAX_DEPTH = 100
"""Refuse files whose sequences and mappings nest deeper than this: a content file nests a
few levels, and what reads the tree (the schema, comparisons) recurses through it."""


def _loc(path: Path, mark: Any) -> Location:
    """A location from a PyYAML or libyaml mark (0-based line and column), if any."""
    if mark is None:
        return Location(path)
    return Location(path, mark.line + 1, mark.column + 1)


class _TooBig(Exception):
    def __init__(self, at: Location) -> None:
        self.at = at


class _TooDeep(Exception):
    def __init__(self, at: Location) -> None:
        self.at = at


class _Refused(Exception):
    def __init__(self, problem: Problem) -> None:
        self.problem = problem


@dataclass
class _Open:
    """A sequence or mapping being read: where it starts, what it holds so far, and in a
    mapping the key whose value comes next (None: a key comes next), with its place and
    whether that value is passed over (the key was refused). `muted`: the whole of it is
    passed over (it is a key, or the value of a refused one), problems and all."""

    at: Location
    items: list[Node] | dict[str, Node]
    muted: bool
    key_at: dict[str, Location] = field(default_factory=dict)
    key: tuple[str, Location, bool] | None = None


class _Builder:
    """The located tree of a YAML stream, made from its parse events in one pass (the
    events libyaml's parser gives, when PyYAML has it): what PyYAML's composer would make
    of them, as plain scalars, sequences and mappings, with every anchor and alias
    refused before anything else is done with them."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.problems: list[Problem] = []
        self.count = 0
        self.open: list[_Open] = []
        self.root: Node | None = None

    def build(self, events: Iterable[yaml.Event]) -> Node | None:
        """The tree; raises _Refused for an anchor or alias, _TooBig past MAX_NODES, and
        the composer's own error for a stream of several documents."""
        first: yaml.Event | None = None
        another: yaml.Event | None = None
        for event in events:
            kind = ("aliases (*name)" if isinstance(event, yaml.AliasEvent)
                    else "anchors (&name)" if getattr(event, "anchor", None) else "")
            if kind:
                raise _Refused(Problem(_loc(self.path, event.start_mark),
                                       f"invalid YAML: {kind} are not allowed in handouts "
                                       "files", "write the value out in full"))
            if isinstance(event, yaml.DocumentStartEvent):
                if first is None:
                    first = event
                elif another is None:  # the rest is still read for the errors above
                    another = event
            elif another is not None:
                continue
            elif isinstance(event, yaml.ScalarEvent):
                self.scalar(event)
            elif isinstance(event, (yaml.SequenceStartEvent, yaml.MappingStartEvent)):
                self.start(event)
            elif isinstance(event, (yaml.SequenceEndEvent, yaml.MappingEndEvent)):
                done = self.open.pop()
                made: Node = Seq(tuple(done.items), done.at) if isinstance(done.items, list) \
                    else Map(done.items, done.at, done.key_at)
                self.place(made)
        if first is not None and another is not None:
            raise yaml.composer.ComposerError(
                "expected a single document in the stream", first.start_mark,  # type: ignore[arg-type]
                "but found another document", another.start_mark)  # type: ignore[arg-type]
        return self.root

    def next_place(self) -> tuple[_Open | None, bool, bool]:
        """Where a node beginning now goes: the open sequence or mapping (None: it is the
        root), whether it is that mapping's next key, and whether it is passed over (inside
        a passed-over node, a key, or the value of a refused key: keys are not values)."""
        top = self.open[-1] if self.open else None
        if top is None:
            return None, False, False
        if isinstance(top.items, list):
            return top, False, top.muted
        return top, top.key is None, top.muted or top.key is None or top.key[2]

    def counted(self, at: Location) -> None:
        self.count += 1
        if self.count > MAX_NODES:
            raise _TooBig(at)

    def start(self, event: yaml.Event) -> None:
        at = _loc(self.path, event.start_mark)
        top, is_key, muted = self.next_place()
        if is_key and top is not None and not top.muted:
            self.problems.append(Problem(at, "a key must be plain text",
                                         "write the key as a word"))
        elif not muted:
            self.counted(at)
        items: list[Node] | dict[str, Node] = \
            [] if isinstance(event, yaml.SequenceStartEvent) else {}
        self.open.append(_Open(at, items, muted))
        if len(self.open) > MAX_DEPTH:
            raise _TooDeep(at)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        at = _loc(self.path, event.start_mark)
        text = str(event.value)
        top, is_key, muted = self.next_place()
        if is_key and top is not None:
            self.key(top, text, at)
            return
        if not muted:
            self.counted(at)
            self.printable(text, at)
        self.place(Scalar(text, at, quoted=event.style in ("'", '"')))

    def key(self, top: _Open, key: str, at: Location) -> None:
        """Take `key`, written at `at`, as the next key of mapping `top`: refused (its
        value passed over) when it is a merge key or one the mapping already has, and
        passed over with the whole mapping when that is."""
        assert isinstance(top.items, dict)
        refused = top.muted
        if not top.muted:
            self.printable(key, at)
            if key == "<<":
                self.problems.append(Problem(at, "merge keys (<<) are not supported",
                                             "write the keys out"))
                refused = True
            elif key in top.items:
                self.problems.append(Problem(at, f"duplicate key '{key}' (first at line "
                                             f"{top.key_at[key].line})", "keep one of the two"))
                refused = True
        top.key = (key, at, refused)

    def place(self, node: Node) -> None:
        """Put a finished node where it belongs: the root, the next item of the open
        sequence, or the value of the open mapping's key (a key that is not text: its
        value is passed over)."""
        if not self.open:
            self.root = node
            return
        top = self.open[-1]
        if isinstance(top.items, list):
            top.items.append(node)
        elif top.key is None:  # a sequence or mapping written as a key, already reported
            top.key = ("", node.at, True)
        else:
            key, at, refused = top.key
            if not refused and not top.muted:
                top.items[key] = node
                top.key_at[key] = at
            top.key = None

    def printable(self, text: str, at: Location) -> None:
        """A problem if `text` holds a character in UNPRINTABLE_RE."""
        match = UNPRINTABLE_RE.search(text)
        if match:
            self.problems.append(Problem(
                at, f"the text holds the character U+{ord(match[0]):04X}, which cannot be "
                "printed", "remove it (it may be written as an escape such as \\a)"))


def _loader() -> type:
    """libyaml's safe loader when PyYAML was built with it (much faster), else PyYAML's."""
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def parse(text: str, path: Path) -> tuple[Node | None, list[Problem]]:
    """Parse YAML text; returns the located tree (None for an empty file) and problems."""
    builder = _Builder(path)
    try:
        tree = builder.build(yaml.parse(text, Loader=_loader()))
    except _Refused as refused:
        return None, [refused.problem]
    except _TooBig as big:
        return None, [
            Problem(big.at, f"the file has more than {MAX_NODES:,} YAML values", "split it up")
        ]
    except _TooDeep as deep:
        return None, [Problem(deep.at, f"the YAML is nested more than {MAX_DEPTH} levels "
                              "deep", "flatten it")]
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
    return tree, builder.problems


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
