"""Reading grade of each topic at each level, against the level's targets.

The text measured is the prose a reader of that level reads: the summary, key points,
actions, help-line notes, every section's body and callout, and the glossary definitions.
Each list item counts as a sentence. Titles, headings, slide bullets (fragments by design),
names, phone numbers and references are left out, so short headings cannot pull the
grade down.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from handouts.config import Level
from handouts.content import Topic
from handouts.readability import Reading, measure


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


def texts(topic: Topic, level: str) -> Iterator[str]:
    """Every piece of reader-facing text of `topic` at `level`."""
    for text in (topic.summary, *topic.key_points, *topic.actions):
        yield text(level)
    for resource in topic.resources:
        if resource.note is not None:
            yield resource.note(level)
    for section in topic.sections:
        yield section.body(level)
        if section.callout is not None:
            yield section.callout(level)
    for entry in topic.glossary:
        yield entry.definition(level)


def grades(topics: tuple[Topic, ...], levels: tuple[Level, ...]) -> list[Grade]:
    """Reading figures for every topic at every level."""
    return [Grade(t.slug, lv, measure(texts(t, lv.name))) for t in topics for lv in levels]
