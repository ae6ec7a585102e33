"""A project's lengths as handouts.toml can write them: what a length is, the built-in
ones, and how a length that is `like` another takes that one's layout and slide settings.
handouts.build.settings reads the [lengths] table with these.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Any

from handouts.errors import Location
from handouts.schema.nodes import Map
from handouts.schema.reader import Reader, suggest


@dataclass(frozen=True)
class Length:
    """A length of output: which sections it keeps and which print layout it uses."""

    name: str
    label: str
    max_priority: int
    """Sections with a priority up to this number are included."""
    print_layout: str
    print_name: str
    """The word in the PDF's file name, such as 'flyer'."""
    talk_minutes: int = 20
    """How long the talk made from this length runs; names the deck file."""
    agenda: bool = True
    """Whether the deck has an agenda slide."""
    section_slides: bool = False
    """Whether each section opens with a section-header slide."""
    appendix: bool = False
    """Whether the deck ends with "Words to know", references and a questions slide."""
    callout_slides: bool = True
    """Whether a section's callout gets a slide of its own (else it closes the bullets)."""
    talk_prints: bool = True
    """Whether the talk is also printed: an audience handout (three slides a page with
    lines for notes) and the speaker's notes (handouts.writers.talkpdf)."""


DEFAULT_LENGTHS: dict[str, dict[str, Any]] = {
    "short": {"label": "Flyer", "max_priority": 1, "print_layout": "flyer", "print_name": "flyer",
              "talk_minutes": 5, "agenda": False, "callout_slides": False,
              "talk_prints": False},
    "standard": {"label": "Trifold brochure", "max_priority": 2, "print_layout": "trifold",
                 "print_name": "brochure", "talk_minutes": 20},
    "full": {"label": "Booklet", "max_priority": 3, "print_layout": "booklet",
             "print_name": "booklet", "talk_minutes": 45, "section_slides": True,
             "appendix": True},
}

LENGTH_NAMES = ("label", "print_name", "talk_minutes")
"""A length's names (for people, and in its files' names): never taken from the `like`."""
LENGTH_LAYOUT = ("max_priority", "print_layout", "agenda", "section_slides", "appendix",
                 "callout_slides", "talk_prints")
"""A length's layout and slide settings: what a length `like` another takes from it."""


def where(table: Map | None, key: str, fallback: Location) -> Location:
    """Where `key` is written in `table`, else where the table starts, else `fallback`."""
    return table.where(key) if table is not None else fallback


def like_layouts(r: Reader,
                 written: dict[str, tuple[Map | None, dict[str, Any], Location]]
                 ) -> dict[str, dict[str, Any]]:
    """Each written length's layout and slide settings (LENGTH_LAYOUT): those of the length
    it is `like` (a length of this table, else a built-in one), else its built-in ones,
    else the 'full' length's; then its own. A `like` that names no length, or that leads
    back to the length itself, is a problem where it is written (the length then starts
    from its built-in settings or 'full')."""
    done: dict[str, dict[str, Any]] = {}

    def layout(name: str, chain: tuple[str, ...]) -> dict[str, Any]:
        if name in done:
            return done[name]
        if name not in written:  # a built-in length named by `like`
            return _builtin_layout(name)
        options, chosen, here = written[name]
        base = _builtin_layout(name if name in DEFAULT_LENGTHS else "full")
        like = chosen.get("like")
        if like is not None:
            at = where(options, "like", here)
            known = [*written, *(n for n in DEFAULT_LENGTHS if n not in written)]
            if like in (*chain, name):
                circle = (*chain[chain.index(like):], name) if like in chain else (name,)
                r.problem(at, f"[lengths.{name}] like = {like!r} goes round in a circle: "
                          f"{' is like '.join((name, *circle))}",
                          "make one of them like a built-in length, or like none")
            elif like not in known:
                r.problem(at, f"[lengths.{name}] like = {like!r} is not a length",
                          suggest(like, [n for n in known if n != name]))
            else:
                base = dict(layout(like, (*chain, name)))
        base.update((key, value) for key, value in chosen.items() if key in LENGTH_LAYOUT)
        done[name] = base
        return base

    return {name: layout(name, ()) for name in written}


def _builtin_layout(name: str) -> dict[str, Any]:
    """The built-in length `name`'s layout and slide settings (Length's defaults where
    DEFAULT_LENGTHS says nothing)."""
    given = DEFAULT_LENGTHS[name]
    return {f.name: given.get(f.name, f.default) for f in fields(Length)
            if f.name in LENGTH_LAYOUT}
