"""The typed content model: a topic and its parts, as the content loader
(handouts.content.topic) reads them from a topic file and the view and checks use them.

A text field is a string (the same at every level) or a mapping from level name to text;
lists of points take the same two forms. Every part keeps where it was written.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import Location


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
class Point(Text):
    """A key point or an action: text that may differ by level, and the bundled icon
    shown beside it (`icon`, a name in handouts.icons; None for none)."""

    icon: str | None = None


@dataclass(frozen=True)
class Picture:
    """A section's picture: a PNG, JPEG or SVG file of the project, with its alternative
    text (required), caption and credit."""

    src: str
    """The path as written, relative to the project folder."""
    path: Path
    """The file, inside the project."""
    alt: Text
    """What the picture shows, for a reader who cannot see it (alt text)."""
    caption: Text | None
    credit: str | None
    """Who made the picture, or its source and licence."""
    at: Location


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
    at: Location | None = field(default=None, compare=False)
    """Where the resource is written."""


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
    icon: str | None = None
    """A bundled icon (a name in handouts.icons) for the section; None for none."""
    image: Picture | None = None


@dataclass(frozen=True)
class GlossaryEntry:
    """A term and its definition at each level."""

    term: str
    definition: Text
    at: Location | None = field(default=None, compare=False)
    """Where the entry is written."""


@dataclass(frozen=True)
class Reference:
    """A source that sections cite by id."""

    id: str
    text: str
    url: str | None
    short: str | None = None
    """A short form for citing in text, such as 'Morgan & Curran 2012'."""
    at: Location | None = field(default=None, compare=False)
    """Where the reference is written."""


@dataclass(frozen=True)
class Topic:
    """One content file, validated."""

    slug: str
    path: Path
    title: Text
    subtitle: Text | None
    summary: Text
    review: Review | None
    key_points: tuple[Point, ...]
    actions: tuple[Point, ...]
    resources: tuple[Resource, ...]
    sections: tuple[Section, ...]
    glossary: tuple[GlossaryEntry, ...]
    references: tuple[Reference, ...]
    digest: str = field(default="", compare=False)
    """The SHA-256 of the file's bytes as they were read: what the outputs are made from."""
    language: str = "en-US"
    """The BCP 47 tag of the language the topic is written in, with the project's region
    added to a bare language ("es" in an "en-US" project is "es-US"): the tag its outputs
    carry (PDF /Lang, deck runs' lang) and the catalogue its labels come from."""
    tag: str = ""
    """The language tag in the file name as written ("es" for naloxone.es.yaml); '' for
    the source file, which is in the project's language."""

    @property
    def language_names(self) -> tuple[str, ...]:
        """The names a command line may give the topic's language by: its tag ("es-US"),
        its language subtag ("es") and the tag in its file name."""
        return tuple(dict.fromkeys(n for n in (self.language, self.language.split("-")[0],
                                               self.tag) if n))

    @property
    def name(self) -> str:
        """The topic file's name without its suffix: the slug, and the tag of a
        translation ("naloxone", "naloxone.es"). Unique in a project."""
        return f"{self.slug}.{self.tag}" if self.tag else self.slug
