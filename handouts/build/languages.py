"""The project's language, the languages it hyphenates, and the reading targets of each
level in a language, from handouts.toml: `language` and `hyphenate` under [project], and
[languages.TAG.levels.NAME] tables.

The language is a BCP 47 tag ("en-US", "es", "es-US"), parsed with Babel so that a tag
of a language Babel knows nothing of is refused as well as a malformed one. The reading
formulas are chosen by its language subtag: English (Flesch-Kincaid, SMOG) or Spanish
(Szigriszt-Pazos on the INFLESZ scale, Fernández-Huerta).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from handouts.errors import Location
from handouts.schema.nodes import Map
from handouts.schema.reader import Field, Reader, suggest
from handouts.writers.hyphenation import known

DEFAULT_LANGUAGE = "en-US"

MEASURED = {"en": "English", "es": "Spanish"}
"""The languages whose reading the check measures, by their language subtag."""

TAG_RE = re.compile(r"[A-Za-z]{2,3}(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|\d{3}))?"
                    r"(?:-(?:[A-Za-z\d]{5,8}|\d[A-Za-z\d]{3}))*")
"""A BCP 47 language tag as projects write one: a language, perhaps a script, a region
(two letters or three digits) and variants (RFC 5646, section 2.1; extensions and private
use are not taken)."""

TAG_TODO = ("write a BCP 47 language tag such as 'en-US', 'es' or 'es-US' (language, then "
            "region, joined by a hyphen)")


@dataclass(frozen=True)
class LevelTargets:
    """The reading targets of one level in one language."""

    language: str
    """The language subtag ("es")."""
    level: str
    min_inflesz: float | None
    """The lowest Szigriszt-Pazos perspicuity allowed (INFLESZ scale, 0-100: higher is
    easier); None: no target."""


DEFAULT_TARGETS: dict[str, dict[str, dict[str, Any]]] = {
    "es": {"easy": {"min_inflesz": 65.0}, "standard": {"min_inflesz": 55.0}},
}
"""Built-in targets: on the INFLESZ scale (Barrio-Cantalejo et al., Anales del Sistema
Sanitario de Navarra 2008;31(2):135-152) 55-65 is "normal" and 65-80 "bastante fácil"
(fairly easy); easy text must be fairly easy, standard text at least normal. Clinical text
has no target, as in English."""

LANGUAGE_LEVEL_OPTIONS = {
    "es": (Field("min_inflesz", "lowest Szigriszt-Pazos perspicuity on the INFLESZ scale "
                 "(0-100)", (int, float)),),
}
"""The options of [languages.TAG.levels.NAME], by language subtag."""


def primary(tag: str) -> str:
    """The language subtag of a BCP 47 tag, in lower case: "es" for "es-US"."""
    return tag.split("-", 1)[0].lower()


def region(tag: str) -> str:
    """The region subtag of a BCP 47 tag ("US" for "es-US", "419" for "es-419"), or ''."""
    for part in tag.split("-")[1:]:
        if (len(part) == 2 and part.isalpha()) or (len(part) == 3 and part.isdigit()):
            return part.upper()
    return ""


def regional(tag: str, project: str) -> str:
    """`tag` with the region of the project's language `project` added when it names none:
    "es" in an "en-US" project is "es-US" (the region of the readers the project serves);
    "es-MX" stays as it is, as does "es" in a project whose language names no region, or
    a language the locale data (CLDR, through Babel) has no variant of for that region."""
    from babel import Locale, UnknownLocaleError

    if region(tag) or not region(project):
        return tag
    try:
        Locale.parse(f"{tag}-{region(project)}", sep="-")
    except (UnknownLocaleError, ValueError):
        return tag
    return f"{tag}-{region(project)}"


def same_language(tag: str, other: str) -> bool:
    """Whether two BCP 47 tags name the same language, ignoring case ("es-us", "es-US")."""
    return tag.lower() == other.lower()


def check_tag(r: Reader, tag: str, at: Location, what: str) -> bool:
    """Whether `tag` is a well-formed BCP 47 tag of a locale Babel knows; a problem at `at`
    (saying it is `what`) if not. Any such language may be built, given a message
    catalogue; the check measures the reading of those in MEASURED."""
    from babel import Locale, UnknownLocaleError

    if not TAG_RE.fullmatch(tag):
        r.problem(at, f"{what} {tag!r} is not a BCP 47 language tag", TAG_TODO)
        return False
    try:
        Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        r.problem(at, f"{what} {tag!r} names no language or region known to the locale "
                  "data (Babel/CLDR)", TAG_TODO)
        return False
    return True


def hyphens(r: Reader, project: dict[str, Any], given: dict[str, Any],
            at: Callable[[str], Location]) -> tuple[str, ...]:
    """The languages whose print is hyphenated, from the [project] options `project`
    (defaults filled in; `given`: those written, `at`: where each is written), with a
    problem recorded for a `language` that check_tag refuses and for each `hyphenate`
    entry pyphen has no rules for."""
    if "language" in given:
        check_tag(r, project["language"], at("language"), "[project] language")
    for tag in project["hyphenate"]:
        if not isinstance(tag, str) or not known(tag):
            r.problem(at("hyphenate"), f"[project] hyphenate: no hyphenation rules for "
                      f"{tag!r}", "list language tags such as \"es\" or \"en\"")
    return tuple(project["hyphenate"])


def read_targets(r: Reader, table: Map | None, where: Location, levels: tuple[str, ...]
                 ) -> tuple[LevelTargets, ...]:
    """The targets of [languages] (`table`, None when absent) over the built-in ones, for
    the project's `levels`; every problem is recorded where it is written."""
    chosen = {lang: {lv: dict(v) for lv, v in by.items()} for lang, by in DEFAULT_TARGETS.items()}
    for lang, node in (table.items.items() if table is not None else ()):
        at = table.key_at[lang] if table is not None else where
        if not isinstance(node, Map):
            r.problem(at, f"'languages.{lang}' must be a table ([languages.{lang}.levels.NAME])")
            continue
        if lang not in LANGUAGE_LEVEL_OPTIONS:
            r.problem(at, f"[languages.{lang}]: reading targets are known for "
                      f"{', '.join(LANGUAGE_LEVEL_OPTIONS)} only (a language subtag)",
                      suggest(lang, tuple(LANGUAGE_LEVEL_OPTIONS)))
            continue
        r.keys(node, ("levels",), f"[languages.{lang}]")
        _read_levels(r, node, lang, levels, chosen.setdefault(lang, {}))
    return tuple(LevelTargets(lang, level, options.get("min_inflesz"))
                 for lang, by in chosen.items() for level, options in by.items()
                 if level in levels)


def _read_levels(r: Reader, node: Map, lang: str, levels: tuple[str, ...],
                 into: dict[str, dict[str, Any]]) -> None:
    """The [languages.LANG.levels.NAME] tables of `node` into `into` (by level name)."""
    tables = node.items.get("levels")
    if tables is None:
        return
    if not isinstance(tables, Map):
        r.problem(node.where("levels"), f"'languages.{lang}.levels' must be a table")
        return
    declared = {f.name: f for f in LANGUAGE_LEVEL_OPTIONS[lang]}
    for level, options in tables.items.items():
        what = f"languages.{lang}.levels.{level}"
        if not r.known(level, tables.key_at[level], levels, f"languages.{lang}.levels",
                       unknown="[{what}] names no level '{key}' of [levels]"):
            continue
        if not isinstance(options, Map):
            r.problem(tables.key_at[level], f"'{what}' must be a table ([{what}])")
            continue
        for key, value in options.items.items():
            at = options.key_at[key]
            if not r.known(key, at, tuple(declared), what,
                           unknown="unknown option '{key}' in [{what}]"):
                continue
            ok, number = r.typed(value, declared[key], f"[{what}]", at=at)
            if ok and isinstance(number, (int, float)) and not 0 <= number <= 100:
                r.problem(at, f"[{what}] {key} must be from 0 to 100 (the INFLESZ scale), "
                          f"received {number:g}")
            elif ok:
                into.setdefault(level, {})[key] = float(number)  # type: ignore[arg-type]


def language_name(tag: str) -> str:
    """A language's name in English and in itself, from CLDR through Babel ("Spanish
    (United States) / español (Estados Unidos)"); the tag itself if Babel knows none."""
    from babel import Locale, UnknownLocaleError

    try:
        locale = Locale.parse(tag, sep="-")
    except (UnknownLocaleError, ValueError):
        return tag
    english = locale.get_display_name("en") or tag
    own = locale.get_display_name(locale) or ""
    return english if english == own or not own else f"{english} / {own}"
