"""Topic files: reading one into the content model (handouts.content.model).

Every mistake is collected with its file, line and column before anything is built; the
walk uses the one schema reader (handouts.schema.reader) for shapes and keys, and adds what
only content has: text that may differ by level, Markdown nesting, dates and ids.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from handouts.build.languages import DEFAULT_LANGUAGE, check_tag, regional
from handouts.content import translations, visuals
from handouts.content.model import (
    GlossaryEntry,
    Reference,
    Resource,
    Review,
    Section,
    Topic,
)
from handouts.content.walk import ContentReader
from handouts.errors import ContentError, Location, Problem
from handouts.schema.nodes import Map, Node, Seq
from handouts.schema.reader import Field, suggest
from handouts.schema.yamlsource import read

ID_RE = re.compile(r"^[a-z0-9][a-z0-9-]*$")
MAX_TOPIC_NAME = 64
"""The longest topic name (file name without .yaml): it appears twice in each output's
file name, which most file systems cap at 255 bytes."""

TOPIC_FIELDS = (
    Field("title", "the topic's title", required=True),
    Field("subtitle", "a line under the title"),
    Field("summary", "what the topic says, in a sentence or two", required=True),
    Field("review", "who wrote and reviewed it, and when"),
    Field("key_points", "the points a reader must take away"),
    Field("actions", "what the reader can do"),
    Field("resources", "help lines and links"),
    Field("sections", "the body, in sections", required=True),
    Field("glossary", "terms and their definitions"),
    Field("references", "sources that sections cite"),
)
REVIEW_FIELDS = (
    Field("written_by", required=True), Field("reviewed_by", required=True),
    Field("reviewed_on", "a date, YYYY-MM-DD", required=True),
    Field("next_review", "a date, YYYY-MM-DD", required=True),
)
RESOURCE_FIELDS = (Field("name", required=True), Field("phone"), Field("url"), Field("note"))
PRIORITY = Field("priority", "1: every length; 2: standard and full; 3: full only",
                 default="1")
SECTION_FIELDS = (
    Field("id", "lowercase letters, digits and hyphens", required=True), PRIORITY,
    Field("heading", required=True), Field("body", required=True), Field("points"),
    Field("notes", "speaker notes"), Field("callout"), Field("sources", "reference ids"),
    Field("icon", "a bundled icon's name (make-handouts icons lists them)"),
    Field("image", "a picture: src, alt, caption, credit"),
)

GLOSSARY_FIELDS = (Field("term", required=True), Field("definition", required=True))
REFERENCE_FIELDS = (Field("id", required=True), Field("text", required=True), Field("url"),
                    Field("short", "a short form for citing in text"))


def load_topic(path: Path, levels: tuple[str, ...], root: Path | None = None,
               language: str = DEFAULT_LANGUAGE) -> tuple[Topic | None, list[Problem]]:
    """Load and validate one content file, read only if its real path lies inside `root`
    (the project; default: the file's folder), in a project whose language is `language`
    (a BCP 47 tag): a file named `<topic>.<tag>.yaml` is a translation into `tag`, an
    untagged one is in `language`. Returns the topic (None if wrong) and problems."""
    source = read(path, (root or path.parent,))
    tree, problems = source.tree, source.problems
    if problems:
        return None, problems
    if tree is None:
        return None, [Problem(Location(path, 1, 1), "the file is empty",
                              "write a topic (see content/ for an example) or delete the file")]
    r = ContentReader(levels, root or path.parent)
    slug, _, tag = path.stem.partition(".")
    if tag and not check_tag(r.schema, tag, Location(path), f"the language tag in the file "
                             f"name '{path.name}'"):
        return None, r.problems
    f = r.fields(tree, TOPIC_FIELDS, "the topic")
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
        slug=slug,
        path=path,
        language=regional(tag, language) if tag else language,
        tag=tag,
        digest=source.digest,
        title=title,  # type: ignore[arg-type]
        subtitle=r.text(f.get("subtitle"), "subtitle"),
        summary=summary,  # type: ignore[arg-type]
        review=_review(r, f.get("review")),
        key_points=visuals.points(r, f.get("key_points"), "key point"),
        actions=visuals.points(r, f.get("actions"), "action"),
        resources=tuple(x for x in (_resource(r, n) for n in r.seq(f.get("resources"),
                                                                   "resources")) if x),
        sections=tuple(s for s in sections if s),
        glossary=tuple(x for x in (_glossary(r, n) for n in r.seq(f.get("glossary"),
                                                                  "glossary")) if x),
        references=tuple(x for x in references if x),
    )
    if not ID_RE.match(slug) or len(slug) > MAX_TOPIC_NAME:
        r.problem(Location(path), f"the file name '{path.name}' is not a usable topic name",
                  f"rename it with lowercase letters, digits and hyphens (at most "
                  f"{MAX_TOPIC_NAME}), e.g. my-topic.yaml, and a language tag before "
                  "'.yaml' for a translation (my-topic.es.yaml)")
    return (None if r.problems else topic), r.problems


def _review(r: ContentReader, node: Node | None) -> Review | None:
    if node is None:
        return None
    f = r.fields(node, REVIEW_FIELDS, "review")
    values = (r.string(f.get("written_by"), "review.written_by"),
              r.string(f.get("reviewed_by"), "review.reviewed_by"),
              r.date(f.get("reviewed_on"), "review.reviewed_on"),
              r.date(f.get("next_review"), "review.next_review"))
    if any(v is None for v in values):
        return None
    return Review(*values)  # type: ignore[arg-type]


def _resource(r: ContentReader, node: Node) -> Resource | None:
    f = r.fields(node, RESOURCE_FIELDS, "a resource")
    name = r.string(f.get("name"), "resource name")
    if name is None:
        return None
    return Resource(name, r.string(f.get("phone"), "resource phone"),
                    r.string(f.get("url"), "resource url"), r.text(f.get("note"), "resource note"),
                    node.at)


def _section(r: ContentReader, node: Node, ref_ids: list[str]) -> Section | None:
    f = r.fields(node, SECTION_FIELDS, "a section")
    sid = r.string(f.get("id"), "section id")
    if sid is not None and not ID_RE.match(sid):
        r.problem(f["id"].at, f"section id '{sid}' must be lowercase letters, digits and hyphens",
                  "for example 'what-is-addiction'")
    name = f"section '{sid}'"
    priority = int(str(PRIORITY.default))
    if "priority" in f:
        raw = r.string(f["priority"], f"{name} priority")
        if raw not in ("1", "2", "3"):
            r.problem(f["priority"].at, f"{name} priority must be 1, 2 or 3, received {raw!r}",
                      PRIORITY.meaning)
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
    icon = visuals.icon_name(r, f.get("icon"), f"{name} icon")
    image = visuals.picture(r, f.get("image"), name)
    if sid is None or heading is None or body is None:
        return None
    return Section(id=sid, priority=priority, heading=heading, body=body, points=points,
                   notes=notes, callout=callout, sources=tuple(sources), at=node.at,
                   icon=icon, image=image)


def _glossary(r: ContentReader, node: Node) -> GlossaryEntry | None:
    f = r.fields(node, GLOSSARY_FIELDS, "a glossary entry")
    term = r.string(f.get("term"), "glossary term")
    definition = r.text(f.get("definition"), f"definition of '{term}'")
    return GlossaryEntry(term, definition, node.at) if term and definition else None


def _reference(r: ContentReader, node: Node) -> Reference | None:
    f = r.fields(node, REFERENCE_FIELDS, "a reference")
    rid = r.string(f.get("id"), "reference id")
    text = r.string(f.get("text"), "reference text")
    if rid is None or text is None:
        return None
    return Reference(rid, text, r.string(f.get("url"), "reference url"),
                     r.string(f.get("short"), "reference short"), node.at)


TopicReader = Callable[[Path, tuple[str, ...], Path, str], tuple[Topic | None, list[Problem]]]
"""Reads one topic file as load_topic does: (path, levels, root, language) to the topic
(None if it has mistakes) and its problems."""


def topic_files(content_dir: Path) -> list[Path]:
    """The topic files in `content_dir`: *.yaml and *.yml, leaving out hidden files (an
    editor's lock or backup file such as '.#topic.yaml')."""
    return sorted(p for p in [*content_dir.glob("*.yaml"), *content_dir.glob("*.yml")]
                  if not p.name.startswith("."))


def load_topics(content_dir: Path, levels: tuple[str, ...], root: Path | None = None,
                language: str = DEFAULT_LANGUAGE, reader: TopicReader | None = None
                ) -> tuple[Topic, ...]:
    """Load every *.yaml and *.yml topic in `content_dir`, each only if its real path lies
    inside `root` (the project; default: `content_dir`), in a project whose language is
    `language` (a BCP 47 tag), each file read by `reader` (default: load_topic; `watch`
    keeps the files it has read). Returns the topics in the project's language, then the
    translations by language, each in the order of their file names.

    Raises ContentError listing every problem in every file: two files that would make
    the same topic in one language, a translation with no source file or in the
    project's own language, and a translation that does not match its source
    (handouts.content.translations)."""
    if not content_dir.is_dir():
        raise ContentError([Problem(Location(content_dir), "the content folder does not exist",
                                    "create it and add a topic file, or run make-handouts init")])
    problems: list[Problem] = []
    loaded: list[Topic] = []
    seen: dict[tuple[str, str], Path] = {}
    for path in topic_files(content_dir):
        topic, found = (reader or load_topic)(path, levels, root or content_dir, language)
        problems.extend(found)
        if topic is None:
            continue
        if topic.tag and topic.language.lower() == language.lower():
            problems.append(Problem(Location(topic.path, 1, 1), f"this file is tagged "
                                    f"'{topic.tag}', the project's own language ({language})",
                                    f"name it {topic.slug}.yaml, or tag it with the language "
                                    "it is written in"))
            continue
        key = (topic.slug, topic.language.lower())
        if key in seen:
            language = f" in {topic.language}" if topic.tag else ""
            problems.append(Problem(Location(path, 1, 1), f"this file and {seen[key].name} "
                                    f"would both make the topic '{topic.slug}'{language}",
                                    "rename or remove one of them"))
            continue
        seen[key] = path
        loaded.append(topic)
    sources = {t.slug: t for t in loaded if not t.tag}
    for topic in (t for t in loaded if t.tag):
        if topic.slug not in sources:
            problems.append(Problem(Location(topic.path, 1, 1), f"this translation has no "
                                    f"source: there is no {topic.slug}.yaml in {content_dir}",
                                    f"add the topic in the project's language ({language}) as "
                                    f"{topic.slug}.yaml"))
        else:
            problems.extend(translations.compare(sources[topic.slug], topic))
    if problems:
        raise ContentError(problems)
    return tuple(sorted(loaded, key=lambda t: (bool(t.tag), t.language)))
