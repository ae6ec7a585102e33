"""Select: one topic at one level and length, as the plain values a template sees.

Templates receive text already chosen for the level and sections already chosen for the
length, so a template never needs to know how levels or priorities work.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import MappingProxyType
from typing import Any

from handouts.brand.model import Brand
from handouts.build.settings import Length, Level
from handouts.content.model import Reference, Topic
from handouts.document import messages


def _frozen(value: Any) -> Any:
    if type(value) in _ATOMS:  # most values: returned at once
        return value
    if isinstance(value, dict):
        return MappingProxyType({k: _frozen(v) for k, v in value.items()})
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


_ATOMS = frozenset({str, int, float, bool, type(None)})
"""Types of the values `_frozen` keeps as they are, told at once (a subclass, such as Markup,
is kept too, after the other checks)."""


def _brand(brand: Brand, catalogue: messages.Catalogue) -> dict[str, Any]:
    """The brand as templates see it in the catalogue's language: text values (those given
    per language in that language; the catalogue's disclaimer when the brand gives none),
    the logo as a path and its alternative text (the brand's own, else '<name> logo' in
    the catalogue's language)."""
    brand = brand.in_language(catalogue.language)
    fields = {f.name: getattr(brand, f.name) for f in dataclasses.fields(brand)
              if f.name not in ("base_font", "heading_font", "pptx_template", "source",
                                "warnings", "places")}
    fields["logo"] = str(brand.logo) if brand.logo else ""
    fields["logo_alt"] = brand.logo_alt or catalogue.label("%(name)s logo") % {"name": brand.name}
    fields["help_lines"] = list(brand.help_lines)
    fields["disclaimer"] = brand.disclaimer or catalogue.label(messages.DISCLAIMER)
    return fields


def address(url: str) -> str:
    """A web address as printed: without its scheme or a bare trailing slash
    ('https://988lifeline.org/' -> '988lifeline.org')."""
    for scheme in ("https://", "http://"):
        if url.startswith(scheme):
            url = url[len(scheme):]
    return url[:-1] if url.endswith("/") and url.count("/") == 1 else url


def _reference(ref: Reference) -> dict[str, str]:
    return {"id": ref.id, "text": ref.text, "url": ref.url or "", "short": ref.short or ""}


def select(topic: Topic, level: Level, length: Length, brand: Brand,
           today: dt.date | None = None, catalogue: messages.Catalogue | None = None
           ) -> MappingProxyType[str, Any]:
    """The template context for one output: `topic`, `level`, `length`, `brand` and
    `language` (the BCP 47 tag of `catalogue`, which the outputs are tagged with), with
    review months written in the language of `catalogue` (default: the package's English;
    raises messages.MissingLabel for a label it does not translate)."""
    lv = level.name
    catalogue = catalogue or messages.load(messages.DEFAULT_LANGUAGE, None)
    references = {ref.id: ref for ref in topic.references}
    sections = [s for s in topic.sections if s.priority <= length.max_priority]
    cited = [rid for s in sections for rid in s.sources]
    used_refs = [references[rid] for rid in dict.fromkeys(cited)]
    review = topic.review
    view = {
        "topic": {
            "slug": topic.slug,
            "title": topic.title(lv),
            "subtitle": topic.subtitle(lv) if topic.subtitle else "",
            "summary": topic.summary(lv),
            "key_points": [t(lv) for t in topic.key_points],
            "key_point_icons": [t.icon or "" for t in topic.key_points],
            "actions": [t(lv) for t in topic.actions],
            "action_icons": [t.icon or "" for t in topic.actions],
            "resources": [
                {"name": r.name, "phone": r.phone or "", "url": r.url or "",
                 "address": address(r.url or ""),
                 "note": r.note(lv) if r.note else ""}
                for r in topic.resources
            ],
            "sections": [
                {"id": s.id, "priority": s.priority, "heading": s.heading(lv), "body": s.body(lv),
                 "points": list(s.points(lv)) if s.points else [],
                 "notes": s.notes(lv) if s.notes else "",
                 "callout": s.callout(lv) if s.callout else "",
                 "icon": s.icon or "",
                 "image": {"src": s.image.src, "alt": s.image.alt(lv),
                           "caption": s.image.caption(lv) if s.image.caption else "",
                           "credit": s.image.credit or ""} if s.image else None,
                 "sources": [references[rid].short or references[rid].text
                             for rid in s.sources if rid in references]}
                for s in sections
            ],
            "glossary": [{"term": g.term, "definition": g.definition(lv)} for g in topic.glossary],
            "references": [_reference(r) for r in used_refs],
            "all_references": [_reference(r) for r in topic.references],
            "review": {
                "written_by": review.written_by, "reviewed_by": review.reviewed_by,
                "reviewed_on": review.reviewed_on.isoformat(),
                "reviewed_month": catalogue.month(review.reviewed_on),
                "next_review": review.next_review.isoformat(),
                "next_review_month": catalogue.month(review.next_review),
            } if review else None,
        },
        "language": catalogue.language,
        "level": {"name": lv, "label": level.label, "show_references": level.show_references},
        "length": {"name": length.name, "label": length.label,
                   "print_layout": length.print_layout,
                   "max_priority": length.max_priority, "talk_minutes": length.talk_minutes,
                   "agenda": length.agenda, "section_slides": length.section_slides,
                   "appendix": length.appendix, "callout_slides": length.callout_slides},
        "brand": _brand(brand, catalogue),
    }
    return _frozen(view)  # type: ignore[no-any-return]
