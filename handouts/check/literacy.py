"""Health-literacy checks: reading grade per topic and level, jargon without a glossary
entry, and the structure plain-language guides ask for.

The reading text is the prose a reader of a level reads: the summary, key points,
actions, help-line notes, every section's body and callout, and the glossary definitions.
Each list item counts as a sentence. Titles, headings, slide bullets (fragments by
design), names, phone numbers and references are left out, so short headings cannot pull
the grade down. Every figure names its formula.

Both checks read Markdown as the words a reader sees, through the one function the
writers use for it (`handouts.content.markdown.plain`): emphasis marks, link addresses and
escapes are never counted or taken for jargon. The jargon check reads more than the grade
does: the title, subtitle, headings, slide bullets and speaker notes too, since an
audience reads slides (`read_texts`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Literal

from handouts.build.languages import DEFAULT_LANGUAGE, MEASURED, LevelTargets, primary
from handouts.build.settings import Level
from handouts.check import jargon as words
from handouts.check import spanish
from handouts.check.readability import WORD_RE, Reading, learn, measure
from handouts.content import markdown as markup
from handouts.content import translations
from handouts.content.model import Text, Topic
from handouts.errors import Location

GENERIC_HEADINGS = frozenset({
    "overview", "introduction", "background", "summary", "information", "info", "details",
    "general", "other", "misc", "miscellaneous", "notes", "more", "about", "facts", "basics",
    "description", "discussion", "conclusion", "section", "topic", "content", "faq"})


@dataclass(frozen=True)
class Grade:
    """One topic at one level: its reading figures and whether they meet the targets."""

    topic: str
    level: Level
    reading: Reading

    @property
    def misses(self) -> list[str]:
        """The targets missed, each naming the formula."""
        out = []
        fk, smog = self.reading.flesch_kincaid, self.reading.smog
        if self.level.max_flesch_kincaid is not None and fk > self.level.max_flesch_kincaid:
            out.append(f"Flesch-Kincaid grade {fk:.1f} is above {self.level.max_flesch_kincaid:g}")
        if self.level.max_smog is not None and smog > self.level.max_smog:
            out.append(f"SMOG grade {smog:.1f} is above {self.level.max_smog:g}")
        return out

    def as_dict(self) -> dict[str, object]:
        r = self.reading
        return {"topic": self.topic, "level": self.level.name,
                "flesch_kincaid_grade": round(r.flesch_kincaid, 2),
                "flesch_kincaid_target": self.level.max_flesch_kincaid,
                "smog_grade": round(r.smog, 2), "smog_target": self.level.max_smog,
                "words_per_sentence": round(r.words_per_sentence, 2),
                "share_of_words_with_3_or_more_syllables": round(r.polysyllable_share, 4),
                **r.counts(), "misses": self.misses}


@dataclass(frozen=True)
class Finding:
    """Something a check found: which topic and level, what, and where."""

    topic: str
    level: str | None
    kind: str
    """reading, jargon, structure or review."""
    message: str
    location: Location | None = None
    severity: Literal["warning", "note"] = "warning"
    """A note (a term to define at first use at a level with no grade target) is
    reported but does not fail `check --strict` (handouts.errors.Diagnostic.severity)."""

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        level = f" ({self.level})" if self.level else ""
        return f"{where}{self.topic}{level}: {self.message}"

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["location"] = str(self.location) if self.location else None
        return data


def texts(topic: Topic, level: str) -> Iterator[str]:
    """Every piece of reader-facing prose of `topic` at `level`."""
    for text, _ in located_texts(topic, level):
        yield text


def located_texts(topic: Topic, level: str) -> Iterator[tuple[str, Location]]:
    """The prose of `topic` at `level`, each piece with where it was written."""
    def one(text: Text | None) -> Iterator[tuple[str, Location]]:
        if text is not None:
            yield text(level), text.location(level)

    for text in (topic.summary, *topic.key_points, *topic.actions):
        yield from one(text)
    for resource in topic.resources:
        yield from one(resource.note)
    for section in topic.sections:
        yield from one(section.body)
        yield from one(section.callout)
    for entry in topic.glossary:
        yield from one(entry.definition)


def grades(topics: Sequence[Topic], levels: Sequence[Level]) -> list[Grade]:
    """Reading figures for every topic at every level."""
    learn(word for t in topics for lv in levels for text in texts(t, lv.name)
          for word in WORD_RE.findall(text))  # one pass over the dictionary for them all
    return [Grade(t.name, lv, measure(texts(t, lv.name))) for t in topics for lv in levels]


def spanish_grades(topics: Sequence[Topic], levels: Sequence[Level],
                   min_inflesz: Mapping[str, float | None]) -> list[spanish.SpanishGrade]:
    """Reading figures of Spanish text for every topic at every level, with each level's
    INFLESZ target (by level name; absent: none)."""
    return [spanish.SpanishGrade(t.name, lv, measure(texts(t, lv.name), spanish.SPANISH),
                                 min_inflesz.get(lv.name)) for t in topics for lv in levels]


def _line_of(lines: list[str], start: Location, written: str) -> Location:
    """Where `written` (a term as found in plain text) first stands in the file, from the
    line its text starts on: its words may be wrapped or set in emphasis there."""
    parts = [re.escape(w) for w in words.WORD_RE.findall(written)]
    for pattern in (r"[\s\-*_]+".join(parts), parts[0] if parts else ""):
        found = re.compile(r"(?<![\w-])" + pattern + r"(?![\w-])", re.I)
        for number in range(max(start.line, 1), len(lines) + 1):
            match = found.search(lines[number - 1])
            if match:
                return Location(start.path, number, match.start() + 1)
    return start


def jargon(topic: Topic, levels: Sequence[Level],
           language: str = DEFAULT_LANGUAGE) -> list[Finding]:
    """Jargon-list terms in everything a reader of each level reads (the prose, and the
    title, subtitle, headings, slide bullets and speaker notes) that the topic's glossary
    does not define, each term once per level, with the file and line. The list is that
    of `language`, the BCP 47 tag the topic is written in (English or Spanish; a language
    without a list has no findings). At a lay level (one with a grade target) a plainer
    word is offered; at a level without one (for clinicians) a technical term (kind
    "term", not a merely wordy word) is to be defined at first use."""
    match = words.matcher(language)
    glossary = [g.term for g in topic.glossary]
    lines = topic.path.read_text(encoding="utf-8").splitlines()
    findings = []
    for level in levels:
        lay = level.max_flesch_kincaid is not None or level.max_smog is not None
        seen: set[str] = set()
        for text, at in read_texts(topic, level.name):
            for hit in match.find(markup.plain(text)):
                term = hit.term
                if term.term in seen or (not lay and term.kind != "term") or \
                        words.defines(glossary, term, match):
                    continue
                seen.add(term.term)
                said = f"'{hit.written}'" + (
                    "" if hit.written.lower() == term.term.lower() else f" ('{term.term}')")
                message = (f"{said} is jargon; try '{term.plain}', or define it under glossary"
                           if lay else f"{said} is not defined; define it at first use, "
                           "under glossary")
                findings.append(Finding(topic.name, level.name, "jargon", message,
                                        _line_of(lines, at, hit.written),
                                        "warning" if lay else "note"))
    return findings


def says_little(heading: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether a section heading in `language` (a BCP 47 tag) tells the reader nothing:
    one word, or one of the language's empty headings ("Introduction", "Introducción")."""
    plain = heading.strip().rstrip(":.?!").lstrip("\u00BF\u00A1").lower()
    empty = spanish.GENERIC_HEADINGS if primary(language) == "es" else GENERIC_HEADINGS
    return len(plain.split()) < 2 or plain in empty


def read_texts(topic: Topic, level: str) -> Iterator[tuple[str, Location]]:
    """Everything a reader of `level` reads in `topic`, as Markdown with where it was
    written: the graded prose (`located_texts`), then the title, subtitle, section
    headings, slide bullets and speaker notes, which are checked for jargon but not
    graded."""
    yield from located_texts(topic, level)
    labels = (topic.title, topic.subtitle, *(s.heading for s in topic.sections))
    for label in labels:
        if label is not None:
            yield label(level), label.location(level)
    for section in topic.sections:
        if section.points is not None:
            for point in section.points(level):
                yield point, section.points.at
        if section.notes is not None:
            yield section.notes(level), section.notes.location(level)


def structure(topic: Topic, levels: Sequence[Level], today: dt.date,
              language: str = DEFAULT_LANGUAGE) -> list[Finding]:
    """What plain-language guides ask of a handout's structure (headings judged in
    `language`)."""
    out: list[Finding] = []

    def add(message: str, level: str | None = None, at: Location | None = None,
            kind: str = "structure") -> None:
        out.append(Finding(topic.name, level, kind, message, at or Location(topic.path)))

    if not 3 <= len(topic.key_points) <= 5:
        add(f"has {len(topic.key_points)} key points; give 3 to 5")
    if not topic.actions:
        add("has no actions; add at least one thing the reader can do ('actions:')")
    for section in topic.sections:
        for level in levels:
            if says_little(section.heading(level.name), language):
                add(f"section '{section.id}' heading '{section.heading(level.name)}' says "
                    "little; write a heading that tells the reader something",
                    level.name, section.heading.location(level.name))
            if level.show_references and not section.sources:
                add(f"section '{section.id}' cites no source; add 'sources:'", level.name,
                    section.at)
    everything = " ".join(
        text for level in levels
        for text in [*texts(topic, level.name), *(s.heading(level.name) for s in topic.sections)])
    for entry in topic.glossary:
        pattern = re.compile(r"(?<!\w)" + re.escape(entry.term) + r"(?!\w)", re.I)
        if not pattern.search(everything):
            add(f"glossary term '{entry.term}' is not used in the text; use it or remove it")
    out.extend(visual_findings(topic, levels))
    if topic.review is None:
        add("has no review dates; add 'review:' with reviewed_on and next_review",
            kind="review")
    elif topic.review.next_review < today:
        add(f"review was due on {topic.review.next_review.isoformat()} (overdue); review the "
            "content and update 'review:'", kind="review")
    return out


FILE_NAME_RE = re.compile(r"^\S+\.(?:png|jpe?g|svg|gif|webp)$|^(?:img|image|dsc|pic)[-_]?\d+$",
                          re.IGNORECASE)
"""Alt text that is a file name ("diagram.svg", "IMG_0042") says nothing of the picture."""


def visual_findings(topic: Topic, levels: Sequence[Level]) -> list[Finding]:
    """What PEMAT-P (understandability items 15-19) and the CDC Clear Communication Index
    ask of visuals: a topic with no picture or icon at all (at its easiest level), a
    picture with no caption, and alt text that repeats the caption word for word or is a
    file name."""
    out: list[Finding] = []
    icons = [p.icon for p in (*topic.key_points, *topic.actions)] + \
        [s.icon for s in topic.sections]
    pictures = [s for s in topic.sections if s.image is not None]
    if levels and not any(icons) and not pictures:
        out.append(Finding(topic.name, levels[0].name, "visuals", "has no picture or icon; "
                           "visual aids help readers understand and remember (PEMAT-P item "
                           "15): give key points and actions an 'icon:', or a section an "
                           "'image:'", Location(topic.path)))
    said: set[tuple[str, Location | None]] = set()  # the same at every level: said once
    for section in pictures:
        image = section.image
        assert image is not None
        for level in levels:
            alt = " ".join(image.alt(level.name).split())
            caption = " ".join(image.caption(level.name).split()) if image.caption else ""
            at = image.alt.location(level.name)
            if not caption:
                out.append(Finding(topic.name, level.name, "visuals", f"section "
                                   f"'{section.id}' picture has no caption; give it a "
                                   "'caption:' that says what it shows (PEMAT-P item 18)",
                                   image.at))
            if caption and alt.lower().rstrip(".") == caption.lower().rstrip("."):
                out.append(Finding(topic.name, level.name, "visuals", f"section "
                                   f"'{section.id}' picture's alt text repeats its caption; "
                                   "say in the alt text what the picture shows", at))
            if FILE_NAME_RE.match(alt) or alt == image.path.name:
                out.append(Finding(topic.name, level.name, "visuals", f"section "
                                   f"'{section.id}' picture's alt text '{alt}' is a file name; "
                                   "say what the picture shows", at))
    kept = []
    for finding in out:
        if (finding.message, finding.location) not in said:
            said.add((finding.message, finding.location))
            kept.append(finding)
    return kept


@dataclass(frozen=True)
class CheckResult:
    """Everything `check` measured and found."""

    grades: tuple[Grade | spanish.SpanishGrade, ...]
    findings: tuple[Finding, ...]

    @property
    def failed(self) -> bool:
        """Whether --strict fails: a missed target or any finding but a note."""
        return any(f.severity == "warning" for f in self.findings) or \
            any(g.misses for g in self.grades)

    def for_topic(self, slug: str) -> list[Finding]:
        return [f for f in self.findings if f.topic == slug]


def check(topics: Sequence[Topic], levels: Sequence[Level],
          today: dt.date | None = None, targets: Sequence[LevelTargets] = ()) -> CheckResult:
    """Run every check on every topic, each in the language it is written in
    (Topic.language): Spanish is measured with the Spanish formulas against `targets` (the
    settings' per-language targets), English with the English ones, and jargon is found
    with the language's own list. A translation older than its source is a warning."""
    today = today or dt.date.today()
    spanish_topics = [t for t in topics if primary(t.language) == "es"]
    english_topics = [t for t in topics if primary(t.language) == "en"]
    found: tuple[Grade | spanish.SpanishGrade, ...] = (
        *grades(english_topics, levels),
        *spanish_grades(spanish_topics, levels, {t.level: t.min_inflesz for t in targets
                                                 if t.language == "es"}))
    order = {t.name: i for i, t in enumerate(topics)}
    found = tuple(sorted(found, key=lambda g: order[g.topic]))
    findings: list[Finding] = [Finding(g.topic, g.level.name, "reading", miss)
                               for g in found for miss in g.misses]
    for topic in topics:
        if primary(topic.language) not in MEASURED:
            findings.append(Finding(topic.name, None, "reading", f"reading is not measured "
                                    f"in {topic.language}: the check measures "
                                    f"{' and '.join(MEASURED.values())}", Location(topic.path),
                                    "note"))
        findings.extend(jargon(topic, levels, topic.language))
        findings.extend(structure(topic, levels, today, topic.language))
        source = translations.source_of(topic, topics) if topic.tag else None
        stale = translations.outdated(source, topic) if source is not None else ""
        if stale:
            findings.append(Finding(topic.name, None, "translation", stale,
                                    _review_at(topic)))
    return CheckResult(found, tuple(findings))


def _review_at(topic: Topic) -> Location:
    """Where `topic`'s review dates are written: the line of 'reviewed_on', else the
    file."""
    lines = topic.path.read_text(encoding="utf-8").splitlines()
    for number, line in enumerate(lines, 1):
        column = line.find("reviewed_on")
        if column >= 0:
            return Location(topic.path, number, column + 1)
    return Location(topic.path, 1, 1)
