"""The walk over one topic file's located tree (handouts.schema.nodes): the schema reader
for shapes and keys, plus what only content has: text that may differ by level, lists per
level, Markdown nesting and dates. Every problem is collected with its place.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from handouts.content import markdown as markup
from handouts.content.model import Text, TextList
from handouts.errors import Location, Problem
from handouts.schema.nodes import Map, Node, Seq
from handouts.schema.reader import Field, Reader


class ContentReader:
    """Walks one file's located tree into the model, collecting problems."""

    def __init__(self, levels: tuple[str, ...], root: Path) -> None:
        self.levels = levels
        self.root = root
        """The project folder: pictures must lie inside it."""
        self.schema = Reader()

    @property
    def problems(self) -> list[Problem]:
        return self.schema.problems

    def problem(self, at: Location, what: str, todo: str = "") -> None:
        self.schema.problem(at, what, todo)

    def fields(self, node: Node, fields: tuple[Field, ...], what: str) -> dict[str, Node]:
        return self.schema.fields(node, fields, what,
                                  wrong="{what} must be a mapping of keys to values",
                                  todo="write it as 'key: value' lines ({keys})")

    def string(self, node: Node | None, what: str) -> str | None:
        text = self.schema.scalar(node, what, wrong="{what} must be text, received {kind}",
                                  todo="write it as one line of text, or use '|' for several "
                                  "lines")
        if text is not None and node is not None and not text.strip():
            self.problem(node.at, f"{what} is empty", "write the text or remove the key")
        return text

    def level(self, name: str, node: Map, what: str) -> bool:
        """Whether the key `name` of the per-level mapping `node` is a level; a problem at
        the key, with a suggestion, if not."""
        return self.schema.known(name, node.key_at[name], self.levels, what,
                                 unknown="'{key}' in {what} is not a level")

    def text(self, node: Node | None, what: str) -> Text | None:
        if node is None:
            return None
        if isinstance(node, Map):
            values: dict[str, str] = {}
            where: dict[str, Location] = {}
            for level, value in node.items.items():
                if not self.level(level, node, what):
                    continue
                text = self.string(value, f"{what} ({level})")
                if text is not None:
                    values[level] = text
                    where[level] = value.at
                    self.markdown(text, value.at, f"{what} ({level})")
            missing = [lv for lv in self.levels if lv not in node.items]
            if missing:
                self.problem(node.at, f"{what} has no text for level "
                             f"{', '.join(repr(m) for m in missing)}",
                             f"add '{missing[0]}:' or give one text for every level")
                return None
            return Text(values, node.at, where) if len(values) == len(self.levels) else None
        text = self.string(node, what)
        if text is None:
            return None
        self.markdown(text, node.at, what)
        return Text({level: text for level in self.levels}, node.at)

    def markdown(self, text: str, at: Location, what: str) -> None:
        """A problem if Markdown `text` is nested deeper than the parser reads (what lies
        deeper would be left out of every output)."""
        deep = markup.too_deep(text)
        if deep:
            self.problem(at, f"{what}: {deep}", markup.TOO_DEEP_TODO)

    def text_list(self, node: Node | None, what: str) -> TextList | None:
        if node is None:
            return None
        if isinstance(node, Seq):
            items = self.strings(node, what)
            return TextList({level: items for level in self.levels}, node.at)
        if isinstance(node, Map):
            values: dict[str, tuple[str, ...]] = {}
            for level, value in node.items.items():
                if not self.level(level, node, what):
                    continue
                if isinstance(value, Seq):
                    values[level] = self.strings(value, f"{what} ({level})")
                else:
                    self.problem(value.at, f"{what} ({level}) must be a list",
                                 "start each item with '- '")
            missing = [lv for lv in self.levels if lv not in node.items]
            if missing:
                self.problem(node.at, f"{what} has no list for level "
                             f"{', '.join(repr(m) for m in missing)}", f"add '{missing[0]}:'")
                return None
            return TextList(values, node.at) if len(values) == len(self.levels) else None
        self.problem(node.at, f"{what} must be a list, or a list per level",
                     "start each item with '- '")
        return None

    def strings(self, node: Seq, what: str) -> tuple[str, ...]:
        out = [self.string(item, f"{what} item") for item in node.items]
        return tuple(s for s in out if s is not None)

    def seq(self, node: Node | None, what: str) -> tuple[Node, ...]:
        return self.schema.seq(node, what)

    def date(self, node: Node | None, what: str) -> dt.date | None:
        text = self.string(node, what)
        if text is None or node is None:
            return None
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            self.problem(node.at, f"{what} '{text}' is not a date", "write it as YYYY-MM-DD")
            return None
