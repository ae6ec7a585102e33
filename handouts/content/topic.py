"""Topic files: the typed content model and its loader.

A text field is a string (the same at every level) or a mapping from level name to text;
lists of points take the same two forms. Every mistake is collected with its file, line
and column before anything is built.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from handouts.build.settings import suggest
from handouts.content import markdown as markup
from handouts.errors import ContentError, Location, Problem
from handouts.schema.yamlsource import Map, Node, Scalar, Seq, read

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_TOPIC_NAME = 64
"""The longest topic name (file name without .yaml): it appears twice in each output's
file name, which most file systems cap at 255 bytes."""


@dataclass(frozen=True)
class Text:
    """Text that may differ by level; `by_level` maps each level name to its text."""

    by_level: Mapping[str, str]
    at: Location
    where: Mapping[str, Location] = field(default_factory=dict)
    """Where each level's text starts in the file (default: `at`)."""

    def __call__(self, level: str) -> str:
        return self.by_level[level]

    def location(self, level: str) -> Location:
        """Where the text for `level` was written."""
        return self.where.get(level, self.at)


@dataclass(frozen=True)
class TextList:
    """A list of texts that may differ by level."""

    by_level: Mapping[str, tuple[str, ...]]
    at: Location

    def __call__(self, level: str) -> tuple[str, ...]:
        return self.by_level[level]


@dataclass(frozen=True)
class Review:
    """Who wrote and reviewed the topic, and when it is next due."""

    written_by: str
    reviewed_by: str
    reviewed_on: dt.date
    next_review: dt.date


@dataclass(frozen=True)
class Resource:
    """A help line or link."""

    name: str
    phone: str | None
    url: str | None
    note: Text | None


@dataclass(frozen=True)
class Section:
    """One section of a topic; priority 1 is in every length, 3 only in the fullest."""

    id: str
    priority: int
    heading: Text
    body: Text
    points: TextList | None
    notes: Text | None
    callout: Text | None
    sources: tuple[str, ...]
    at: Location


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and its definition at each level."""

    term: str
    definition: Text


@dataclass(frozen=True)
class Reference:
    """A source that sections cite by id."""

    id: str
    text: str
    url: str | None
    short: str | None = None
    """A short form for citing in text, such as 'Morgan & Curran 2012'."""


@dataclass(frozen=True)
class Topic:
    """One content file, validated."""

    slug: str
    path: Path
    title: Text
    subtitle: Text | None
    summary: Text
    review: Review | None
    key_points: tuple[Text, ...]
    actions: tuple[Text, ...]
    resources: tuple[Resource, ...]
    sections: tuple[Section, ...]
    glossary: tuple[GlossaryEntry, ...]
    references: tuple[Reference, ...]
    digest: str = field(default="", compare=False)
    """The SHA-256 of the file's bytes as they were read: what the outputs are made from."""


TOPIC_KEYS = ("title", "subtitle", "summary", "review", "key_points", "actions", "resources",
              "sections", "glossary", "references")
REVIEW_KEYS = ("written_by", "reviewed_by", "reviewed_on", "next_review")
RESOURCE_KEYS = ("name", "phone", "url", "note")
SECTION_KEYS = ("id", "priority", "heading", "body", "points", "notes", "callout", "sources")
GLOSSARY_KEYS = ("term", "definition")
REFERENCE_KEYS = ("id", "text", "url", "short")


class _Reader:
    """Walks one file's located tree into the model, collecting problems."""

    def __init__(self, levels: tuple[str, ...]) -> None:
        self.levels = levels
        self.problems: list[Problem] = []

    def problem(self, at: Location, what: str, todo: str = "") -> None:
        self.problems.append(Problem(at, what, todo))

    def fields(self, node: Node, keys: tuple[str, ...], what: str,
               required: tuple[str, ...] = ()) -> dict[str, Node]:
        if not isinstance(node, Map):
            self.problem(node.at, f"{what} must be a mapping of keys to values",
                         f"write it as 'key: value' lines ({', '.join(keys)})")
            return {}
        for key, key_at in node.key_at.items():
            if key not in keys:
                self.problem(key_at, f"unknown key '{key}' in {what}", suggest(key, keys))
        for key in required:
            if key not in node.items:
                self.problem(node.at, f"{what} has no '{key}'", f"add '{key}:'")
        return {k: v for k, v in node.items.items() if k in keys}

    def string(self, node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if isinstance(node, Scalar):
            if not node.text.strip():
                self.problem(node.at, f"{what} is empty", "write the text or remove the key")
            return node.text
        self.problem(node.at, f"{what} must be text, received a "
                     f"{'list' if isinstance(node, Seq) else 'mapping'}",
                     "write it as one line of text, or use '|' for several lines")
        return None

    def text(self, node: Node | None, what: str) -> Text | None:
        if node is None:
            return None
        if isinstance(node, Map):
            values: dict[str, str] = {}
            where: dict[str, Location] = {}
            for level, value in node.items.items():
                if level not in self.levels:
                    self.problem(node.key_at[level], f"'{level}' in {what} is not a level",
                                 suggest(level, self.levels))
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
                if level not in self.levels:
                    self.problem(node.key_at[level], f"'{level}' in {what} is not a level",
                                 suggest(level, self.levels))
                elif isinstance(value, Seq):
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
        if node is None:
            return ()
        if not isinstance(node, Seq):
            self.problem(node.at, f"{what} must be a list", "start each item with '- '")
            return ()
        return node.items

    def date(self, node: Node | None, what: str) -> dt.date | None:
        text = self.string(node, what)
        if text is None or node is None:
            return None
        try:
            return dt.date.fromisoformat(text.strip())
        except ValueError:
            self.problem(node.at, f"{what} '{text}' is not a date", "write it as YYYY-MM-DD")
            return None


def load_topic(path: Path, levels: tuple[str, ...], root: Path | None = None
               ) -> tuple[Topic | None, list[Problem]]:
    """Load and validate one content file, read only if its real path lies inside `root`
    (the project; default: the file's folder); returns the topic (None if wrong) and
    problems."""
    source = read(path, (root or path.parent,))
    tree, problems = source.tree, source.problems
    if problems:
        return None, problems
    if tree is None:
        return None, [Problem(Location(path, 1, 1), "the file is empty",
                              "write a topic (see content/ for an example) or delete the file")]
    r = _Reader(levels)
    f = r.fields(tree, TOPIC_KEYS, "the topic", required=("title", "summary", "sections"))
    if not f and not isinstance(tree, Map):
        return None, r.problems
    title = r.text(f.get("title"), "title")
    summary = r.text(f.get("summary"), "summary")
    references = tuple(_reference(r, n) for n in r.seq(f.get("references"), "references"))
    ref_ids = [ref.id for ref in references if ref]
    for i, rid in enumerate(ref_ids):
        if rid in ref_ids[:i]:
            r.problem(f["references"].at, f"reference id '{rid}' is used twice", "rename one")
    sections = tuple(_section(r, n, ref_ids) for n in r.seq(f.get("sections"), "sections"))
    section_ids = [s.id for s in sections if s]
    for i, sid in enumerate(section_ids):
        if sid in section_ids[:i]:
            r.problem(next(s.at for s in sections if s and s.id == sid),
                      f"section id '{sid}' is used twice", "give each section its own id")
    if "sections" in f and isinstance(f["sections"], Seq) and not f["sections"].items:
        r.problem(f["sections"].at, "the topic has no sections", "add at least one section")
    topic = Topic(
        slug=path.stem,
        path=path,
        digest=source.digest,
        title=title,  # type: ignore[arg-type]
        subtitle=r.text(f.get("subtitle"), "subtitle"),
        summary=summary,  # type: ignore[arg-type]
        review=_review(r, f.get("review")),
        key_points=_texts(r, f.get("key_points"), "key point"),
        actions=_texts(r, f.get("actions"), "action"),
        resources=tuple(x for x in (_resource(r, n) for n in r.seq(f.get("resources"),
                                                                   "resources")) if x),
        sections=tuple(s for s in sections if s),
        glossary=tuple(x for x in (_glossary(r, n) for n in r.seq(f.get("glossary"),
                                                                  "glossary")) if x),
        references=tuple(x for x in references if x),
    )
    if not ID_RE.match(path.stem) or len(path.stem) > MAX_TOPIC_NAME:
        r.problem(Location(path), f"the file name '{path.name}' is not a usable topic name",
                  f"rename it with lowercase letters, digits and hyphens (at most "
                  f"{MAX_TOPIC_NAME}), e.g. my-topic.yaml")
    return (None if r.problems else topic), r.problems


def _texts(r: _Reader, node: Node | None, what: str) -> tuple[Text, ...]:
    out = [r.text(item, what) for item in r.seq(node, what + "s")]
    return tuple(t for t in out if t)


def _review(r: _Reader, node: Node | None) -> Review | None:
    if node is None:
        return None
    f = r.fields(node, REVIEW_KEYS, "review", required=REVIEW_KEYS)
    values = (r.string(f.get("written_by"), "review.written_by"),
              r.string(f.get("reviewed_by"), "review.reviewed_by"),
              r.date(f.get("reviewed_on"), "review.reviewed_on"),
              r.date(f.get("next_review"), "review.next_review"))
    if any(v is None for v in values):
        return None
    return Review(*values)  # type: ignore[arg-type]


def _resource(r: _Reader, node: Node) -> Resource | None:
    f = r.fields(node, RESOURCE_KEYS, "a resource", required=("name",))
    name = r.string(f.get("name"), "resource name")
    if name is None:
        return None
    return Resource(name, r.string(f.get("phone"), "resource phone"),
                    r.string(f.get("url"), "resource url"), r.text(f.get("note"), "resource note"))


def _section(r: _Reader, node: Node, ref_ids: list[str]) -> Section | None:
    f = r.fields(node, SECTION_KEYS, "a section", required=("id", "heading", "body"))
    sid = r.string(f.get("id"), "section id")
    if sid is not None and not ID_RE.match(sid):
        r.problem(f["id"].at, f"section id '{sid}' must be lowercase letters, digits and hyphens",
                  "for example 'what-is-addiction'")
    name = f"section '{sid}'"
    priority = 1
    if "priority" in f:
        raw = r.string(f["priority"], f"{name} priority")
        if raw not in ("1", "2", "3"):
            r.problem(f["priority"].at, f"{name} priority must be 1, 2 or 3, received {raw!r}",
                      "1: every length; 2: standard and full; 3: full only")
        else:
            priority = int(raw)
    sources: list[str] = []
    for item in r.seq(f.get("sources"), f"{name} sources"):
        source = r.string(item, f"{name} source")
        if source is None:
            continue
        if source not in ref_ids:
            r.problem(item.at, f"{name} cites '{source}', which is not in references",
                      suggest(source, ref_ids) if ref_ids else "add it under references:")
        sources.append(source)
    heading = r.text(f.get("heading"), f"{name} heading")
    body = r.text(f.get("body"), f"{name} body")
    points = r.text_list(f.get("points"), f"{name} points")  # read before giving up, so
    notes = r.text(f.get("notes"), f"{name} notes")          # every mistake is listed at once
    callout = r.text(f.get("callout"), f"{name} callout")
    if sid is None or heading is None or body is None:
        return None
    return Section(id=sid, priority=priority, heading=heading, body=body, points=points,
                   notes=notes, callout=callout, sources=tuple(sources), at=node.at)


def _glossary(r: _Reader, node: Node) -> GlossaryEntry | None:
    f = r.fields(node, GLOSSARY_KEYS, "a glossary entry", required=GLOSSARY_KEYS)
    term = r.string(f.get("term"), "glossary term")
    definition = r.text(f.get("definition"), f"definition of '{term}'")
    return GlossaryEntry(term, definition) if term and definition else None


def _reference(r: _Reader, node: Node) -> Reference | None:
    f = r.fields(node, REFERENCE_KEYS, "a reference", required=("id", "text"))
    rid = r.string(f.get("id"), "reference id")
    text = r.string(f.get("text"), "reference text")
    if rid is None or text is None:
        return None
    return Reference(rid, text, r.string(f.get("url"), "reference url"),
                     r.string(f.get("short"), "reference short"))


def topic_files(content_dir: Path) -> list[Path]:
    """The topic files in `content_dir`: *.yaml and *.yml, leaving out hidden files (an
    editor's lock or backup file such as '.#topic.yaml')."""
    return sorted(p for p in [*content_dir.glob("*.yaml"), *content_dir.glob("*.yml")]
                  if not p.name.startswith("."))


def load_topics(content_dir: Path, levels: tuple[str, ...], root: Path | None = None
                ) -> tuple[Topic, ...]:
    """Load every *.yaml and *.yml topic in `content_dir`, each only if its real path lies
    inside `root` (the project; default: `content_dir`); raises ContentError listing every
    problem in every file, including two files that would make the same topic."""
    if not content_dir.is_dir():
        raise ContentError([Problem(Location(content_dir), "the content folder does not exist",
                                    "create it and add a topic file, or run make-handouts init")])
    paths = topic_files(content_dir)
    topics: list[Topic] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    for path in paths:
        if path.stem in seen:
            problems.append(Problem(Location(path, 1, 1), f"this file and {seen[path.stem].name} "
                                    f"would both make the topic '{path.stem}'",
                                    "rename or remove one of them"))
            continue
        seen[path.stem] = path
        topic, found = load_topic(path, levels, root or content_dir)
        problems.extend(found)
        if topic:
            topics.append(topic)
    if problems:
        raise ContentError(problems)
    return tuple(topics)
