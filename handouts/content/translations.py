"""Translations kept honest: a translation (`content/<topic>.<tag>.yaml`) must have the
parts its source has, so that every language's handouts say the same things.

A translation is compared with the topic file in the project's language: the same
section ids, each with the same priority, sources, icon and picture (its own file, which
may have words in its language); the same reference ids; as many key points, actions,
resources and glossary entries, with the same icons. Every difference is an input error in
the translation's file (the source is named with its line). Text for every level is
already required of every file by the loader, so a level the source has and the
translation lacks is an error there. Whether the translation is as recent as its source
is a warning of the check (`outdated`).
"""

from __future__ import annotations

from collections.abc import Sequence

from handouts.content.model import Topic
from handouts.errors import Location, Problem


def compare(source: Topic, translation: Topic) -> list[Problem]:
    """Every part of `source` missing from `translation`, or in it and not in the source,
    as problems located in the translation's file (line 1 when the part has no place in
    it)."""
    problems: list[Problem] = []
    here = Location(translation.path, 1, 1)
    src = source.path.name

    def where(at: Location | None) -> str:
        return f"{src} line {at.line}" if at is not None and at.line else src

    theirs = {s.id: s for s in source.sections}
    ours = {s.id: s for s in translation.sections}
    first = translation.sections[0].at if translation.sections else here
    for sid, section in theirs.items():
        if sid not in ours:
            problems.append(Problem(first, f"section '{sid}' ({where(section.at)}) is missing "
                                    "from this translation", f"translate it here, with id: {sid}"))
            continue
        mine = ours[sid]
        if mine.priority != section.priority:
            problems.append(Problem(mine.at, f"section '{sid}' has priority {mine.priority} "
                                    f"here but {section.priority} in {where(section.at)}",
                                    f"give it priority {section.priority}, as the source does"))
        if mine.icon != section.icon:
            problems.append(Problem(mine.at, f"section '{sid}' has icon {mine.icon!r} here "
                                    f"but {section.icon!r} in {where(section.at)}",
                                    "give it the source's icon"))
        if (mine.image is None) != (section.image is None):
            problems.append(Problem(mine.at, f"section '{sid}' has "
                                    f"{'no image' if mine.image is None else 'an image'} here "
                                    f"but {'none' if section.image is None else 'one'} in "
                                    f"{where(section.at)}", "give it the source's picture (or "
                                    "its own, with words in this language)"))
        if set(mine.sources) != set(section.sources):
            problems.append(Problem(mine.at, f"section '{sid}' cites "
                                    f"{_listed(mine.sources)} here but "
                                    f"{_listed(section.sources)} in {where(section.at)}",
                                    "cite the same references as the source"))
    for sid, section in ours.items():
        if sid not in theirs:
            problems.append(Problem(section.at, f"section '{sid}' is not in {src}",
                                    f"use the section ids of {src}, or add the section there "
                                    "first"))
    their_refs = {r.id: r for r in source.references}
    our_refs = {r.id: r for r in translation.references}
    ref_at = next((r.at for r in translation.references if r.at is not None), here)
    for rid, ref in their_refs.items():
        if rid not in our_refs:
            problems.append(Problem(ref_at, f"reference '{rid}' ({where(ref.at)}) is missing "
                                    "from this translation", f"add it under references, with "
                                    f"id: {rid}"))
    for rid, ref in our_refs.items():
        if rid not in their_refs:
            problems.append(Problem(ref.at or here, f"reference '{rid}' is not in {src}",
                                    f"use the reference ids of {src}"))
    counted = (
        ("key points", [t.at for t in source.key_points],
         [t.at for t in translation.key_points]),
        ("actions", [t.at for t in source.actions], [t.at for t in translation.actions]),
        ("resources", [r.at for r in source.resources], [r.at for r in translation.resources]),
        ("glossary entries", [g.at for g in source.glossary],
         [g.at for g in translation.glossary]),
    )
    for what, in_source, in_translation in counted:
        problems.extend(_count(what, in_source, in_translation, src, here))
    for what, theirs_, ours_ in (("key point", source.key_points, translation.key_points),
                                 ("action", source.actions, translation.actions)):
        for n, (their, our) in enumerate(zip(theirs_, ours_, strict=False), 1):
            if their.icon != our.icon:
                problems.append(Problem(our.at, f"{what} {n} has icon {our.icon!r} here but "
                                        f"{their.icon!r} in {where(their.at)}",
                                        "give it the source's icon"))
    return problems


def _count(name: str, in_source: Sequence[Location | None],
           in_translation: Sequence[Location | None], src: str, here: Location
           ) -> list[Problem]:
    """A problem when the translation has another number of `name` (plural) than its
    source: at the translation's last one when it has fewer, else at its first extra one."""
    n, m = len(in_source), len(in_translation)
    if n == m:
        return []
    if m < n:
        at = next((a for a in reversed(in_translation) if a is not None), here)
        missing = in_source[m]
        line = f" (the first missing is at {src} line {missing.line})" if missing else ""
        return [Problem(at, f"this translation has {m} {name}, {src} has {n}{line}",
                        f"translate every one of the source's {name}, in the same order")]
    extra = in_translation[n] or here
    return [Problem(extra, f"this translation has {m} {name}, {src} has {n}",
                    f"keep to the source's {name}; add new ones to {src} first")]


def _listed(ids: Sequence[str]) -> str:
    return ", ".join(f"'{i}'" for i in sorted(ids)) or "nothing"


def outdated(source: Topic, translation: Topic) -> str:
    """Why `translation` may be out of date ('' if it is not): its source was reviewed
    after it (review.reviewed_on), or has review dates it lacks."""
    if source.review is None:
        return ""
    if translation.review is None:
        return (f"the translation may be out of date: {source.path.name} was reviewed on "
                f"{source.review.reviewed_on.isoformat()} and this file has no review dates")
    if source.review.reviewed_on > translation.review.reviewed_on:
        return (f"the translation may be out of date: {source.path.name} was reviewed on "
                f"{source.review.reviewed_on.isoformat()}, after this translation "
                f"({translation.review.reviewed_on.isoformat()})")
    return ""


def source_of(translation: Topic, topics: Sequence[Topic]) -> Topic | None:
    """The topic in the project's language that `translation` translates, among `topics`."""
    return next((t for t in topics if not t.tag and t.slug == translation.slug), None)

