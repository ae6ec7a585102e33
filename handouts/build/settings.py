"""Project settings from handouts.toml: levels, lengths, folders, brand, language (its
reading targets are read by handouts.build.languages).

Each option is declared once with its type, default and meaning; validation reports every
problem at once ("expected X, received Y") and names unknown keys with a suggestion.
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.build.languages import DEFAULT_LANGUAGE, LevelTargets, hyphens, read_targets
from handouts.build.lengths import (
    DEFAULT_LENGTHS,
    LENGTH_NAMES,
    like_layouts,
)
from handouts.build.lengths import (
    Length as Length,
)
from handouts.build.lengths import where as _at
from handouts.errors import Location, Problem, SettingsError
from handouts.schema.nodes import Map, Seq
from handouts.schema.reader import Field, Reader, suggest
from handouts.schema.tomlsource import located

SETTINGS_FILE = "handouts.toml"

PRINT_LAYOUTS = ("flyer", "trifold", "booklet")
"""The print layouts the PDF writer knows how to lay out."""


@dataclass(frozen=True)
class Level:
    """A reading level: who reads it and the grade targets it must meet."""

    name: str
    label: str
    max_flesch_kincaid: float | None
    max_smog: float | None
    min_print_pt: float
    """The smallest body text size allowed in print at this level."""
    show_references: bool
    min_slide_pt: float = 24.0
    """The smallest body text size allowed on a slide at this level."""


@dataclass(frozen=True)
class Settings:
    """Everything handouts.toml says, with defaults filled in."""

    root: Path
    content_dir: Path
    templates_dir: Path
    build_dir: Path
    brand_file: Path
    levels: tuple[Level, ...]
    lengths: tuple[Length, ...]
    fold_guides: bool = False
    brand_files: tuple[Path, ...] = ()
    """Several clinics' brands, each built into its own folder (empty: just brand_file)."""
    source_text: str = field(default="", repr=False)
    digest: str = field(default="", repr=False)
    """The SHA-256 of handouts.toml's bytes as read ('' when there is none)."""
    language: str = DEFAULT_LANGUAGE
    """The project's language: a BCP 47 tag ("en-US", "es-US")."""
    targets: tuple[LevelTargets, ...] = ()
    """Each level's reading targets in a language other than English ([languages])."""
    hyphenate: tuple[str, ...] = ("es",)  # hyphenation.HYPHENATED_BY_DEFAULT, as below

    def level(self, name: str) -> Level:
        return next(level for level in self.levels if level.name == name)

    def length(self, name: str) -> Length:
        return next(length for length in self.lengths if length.name == name)

    @property
    def level_names(self) -> tuple[str, ...]:
        return tuple(level.name for level in self.levels)


DEFAULT_LEVELS: dict[str, dict[str, Any]] = {
    "easy": {"label": "Easy to read", "max_flesch_kincaid": 6.0, "max_smog": 7.0,
             "min_print_pt": 12.0, "show_references": False, "min_slide_pt": 28.0},
    "standard": {"label": "Standard", "max_flesch_kincaid": 8.0, "max_smog": 8.0,
                 "min_print_pt": 11.0, "show_references": False, "min_slide_pt": 24.0},
    "clinical": {"label": "For clinicians", "max_flesch_kincaid": None, "max_smog": None,
                 "min_print_pt": 11.0, "show_references": True, "min_slide_pt": 24.0},
}

PROJECT_OPTIONS = (
    Field("content", "folder of topic files", (str,), "content"),
    Field("templates", "folder of template overrides", (str,), "templates"),
    Field("build", "output folder", (str,), "build"),
    Field("brand", "the brand file", (str,), "_brand.yml"),
    Field("fold_guides", "print fold guides on trifolds", (bool,), False),
    Field("brands", "several brand files, each built into its own folder", (list,), ()),
    Field("language", "the project's language, a BCP 47 tag", (str,), DEFAULT_LANGUAGE),
    Field("hyphenate", "the languages whose print is hyphenated", (list,), ("es",)),
)
LEVEL_OPTIONS = (
    Field("label", "a name for people", (str,)),
    Field("max_flesch_kincaid", "Flesch-Kincaid grade target", (int, float)),
    Field("max_smog", "SMOG grade target", (int, float)),
    Field("min_print_pt", "smallest print body size in points", (int, float)),
    Field("show_references", "print references", (bool,)),
    Field("min_slide_pt", "smallest slide body size in points", (int, float)),
)
LENGTH_OPTIONS = (
    Field("label", "a name for people", (str,)),
    Field("max_priority", "highest section priority included (1-3)", (int,)),
    Field("print_layout", f"one of {', '.join(PRINT_LAYOUTS)}", (str,)),
    Field("print_name", "word used in the PDF file name", (str,)),
    Field("talk_minutes", "length of the talk in minutes", (int,)),
    Field("agenda", "an agenda slide", (bool,)),
    Field("section_slides", "a section-header slide per section", (bool,)),
    Field("appendix", "glossary, references and questions slides", (bool,)),
    Field("callout_slides", "a slide of its own for each callout", (bool,)),
    Field("talk_prints", "an audience handout and speaker notes printed from the talk",
          (bool,)),
    Field("like", "the length whose layout and slide settings this one starts from", (str,)),
)
"""The options of [project], of each [levels.NAME] and of each [lengths.NAME]; their
defaults are in DEFAULT_LEVELS and DEFAULT_LENGTHS (a level of a name not there starts
from 'standard'; a length from the length it is `like`, else 'full')."""
TOP_KEYS = ("project", "levels", "lengths", "languages")
NAME_RE = re.compile(r"^[a-z][a-z0-9-]{0,47}$")
"""A name that becomes part of an output's file name (level, length, print_name): a
lowercase letter, then up to 47 lowercase letters, digits and hyphens. No '/', '\\',
'..' or leading dot can pass, so no name can lead out of the build folder."""
MAX_TALK_MINUTES = 600


NAME_TODO = ("use a lowercase letter, then lowercase letters, digits and hyphens (at most 48 "
             "characters), for example 'easy' or 'talk-notes'")


def _options(r: Reader, table: Map | None, spec: tuple[Field, ...], where: str
             ) -> dict[str, Any]:
    """The options of `table` (a [where] table) that have the declared type."""
    if table is None:
        return {}
    good: dict[str, Any] = {}
    declared = {option.name: option for option in spec}
    for key, node in table.items.items():
        at = table.key_at[key]
        if r.known(key, at, tuple(declared), where, unknown="unknown option '{key}' in [{what}]"):
            ok, value = r.typed(node, declared[key], f"[{where}]", at=at)
            if ok:
                good[key] = value
    return good


def _table(r: Reader, parent: Map, key: str, name: str) -> Map | None:
    """The table `key` of `parent` (called [name]); None, with a problem where it is
    written, if it is not a table."""
    node = parent.items.get(key)
    if node is None or isinstance(node, Map):
        return node
    r.problem(parent.where(key), f"'{name}' must be a table ([{name}])")
    return None


def load(root: Path) -> Settings:
    """Read handouts.toml in `root` (defaults where it is absent or silent)."""
    path = root / SETTINGS_FILE
    text = sha = ""
    data: dict[str, Any] = {}
    if os.path.lexists(path):
        text, sha = _read(path, root)
        try:
            data = tomllib.loads(text)
        except tomllib.TOMLDecodeError as exc:
            match = re.search(r"line (\d+), column (\d+)", str(exc))
            lines = text.splitlines() or [""]
            loc = Location(path, int(match[1]), int(match[2])) if match else \
                Location(path, len(lines), len(lines[-1]) + 1) if "end of document" in str(exc) \
                else Location(path)
            raise SettingsError([Problem(loc, f"invalid TOML: {exc}", "fix the syntax")]) from None
    tree = located(data, text, path)
    r = Reader()
    r.keys(tree, TOP_KEYS, "", unknown="unknown table '{key}'")
    project_table = _table(r, tree, "project", "project")
    given = _options(r, project_table, PROJECT_OPTIONS, "project")
    project = {option.name: given.get(option.name, option.default) for option in PROJECT_OPTIONS}
    levels = _levels(r, tree, _table(r, tree, "levels", "levels"))
    lengths = _lengths(r, tree, _table(r, tree, "lengths", "lengths"))
    targets = read_targets(r, _table(r, tree, "languages", "languages"), Location(path),
                           tuple(level.name for level in levels))

    def at(key: str) -> Location:
        return project_table.where(key) if project_table else Location(path)

    hyphenate = hyphens(r, project, given, at)  # and the language tag checked
    folders = {key: root / project[key] for key in ("content", "templates", "build")}
    for key in ("content", "templates", "brand"):
        if key in given and not _stays_inside(root / project[key], root):
            r.problem(at(key), f"[project] {key} = {project[key]!r} leads outside the project",
                      "keep it inside the project folder (only build may be elsewhere)")
    written = project_table.items.get("brands") if project_table else None
    for index, key in enumerate(project["brands"]):
        if not isinstance(key, str) or not _stays_inside(root / key, root):
            here = written.items[index].at if isinstance(written, Seq) else at("brands")
            r.problem(here, f"[project] brands: {key!r} is not a brand file inside "
                      "the project", "list paths of brand files inside the project, or name "
                      "an outside one with --brand")
    build = folders["build"].resolve()
    if root.resolve().is_relative_to(build) or any(
            build.is_relative_to(folders[k].resolve()) for k in ("content", "templates")):
        r.problem(at("build"), f"[project] build = {given.get('build')!r} would put outputs "
                  "over the project's own files", "name a folder of its own, such as 'build'")
    if r.problems:
        raise SettingsError(r.problems)
    return Settings(
        root=root,
        content_dir=folders["content"],
        templates_dir=folders["templates"],
        build_dir=folders["build"],
        brand_file=root / project["brand"],
        levels=levels,
        lengths=lengths,
        fold_guides=project["fold_guides"],
        brand_files=tuple(root / b for b in project["brands"]),
        source_text=text,
        digest=sha,
        language=project["language"],
        targets=targets, hyphenate=hyphenate,
    )


def _read(path: Path, root: Path) -> tuple[str, str]:
    """The settings file's text (a UTF-8 byte-order mark is allowed) and the SHA-256 of its
    bytes; raises SettingsError if it cannot be read as such."""
    import hashlib

    from handouts.files import LIMITS, Refused, read_input

    try:
        raw = read_input(path, (root,), LIMITS["settings"])
    except Refused as exc:
        raise SettingsError([Problem(Location(path), exc.what, exc.todo)]) from None
    try:
        return raw.decode("utf-8-sig"), hashlib.sha256(raw).hexdigest()
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        column = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise SettingsError([Problem(Location(path, line, column), "the file is not UTF-8 "
                                     "text", "save it as UTF-8")]) from None


def _stays_inside(path: Path, root: Path) -> bool:
    """Whether `path`, with every symlink resolved, lies inside `root`."""
    try:
        return path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):
        return False


def _levels(r: Reader, tree: Map, table: Map | None) -> tuple[Level, ...]:
    """The levels of [levels] (the default ones when it is absent)."""
    given = table.items if table is not None else {name: None for name in DEFAULT_LEVELS}
    result = []
    for name in given:
        where = f"levels.{name}"
        here = table.where(name) if table is not None else Location(tree.at.path)
        if not NAME_RE.match(name):
            r.problem(here, f"level name {name!r} is not a usable name", NAME_TODO)
        base = dict(DEFAULT_LEVELS.get(name, DEFAULT_LEVELS["standard"]))
        base["label"] = name.capitalize() if name not in DEFAULT_LEVELS else base["label"]
        options = _table(r, table, name, where) if table is not None else None
        base.update(_options(r, options, LEVEL_OPTIONS, where))
        if base["min_print_pt"] < 11:
            r.problem(_at(options, "min_print_pt", here),
                      f"[{where}] min_print_pt must be at least 11 (print guidance)")
        if base["min_slide_pt"] < 24:
            r.problem(_at(options, "min_slide_pt", here),
                      f"[{where}] min_slide_pt must be at least 24 (slide guidance)")
        result.append(Level(name=name, **base))
    if not result:
        r.problem(tree.where("levels"), "at least one level is needed")
    return tuple(result)


def _lengths(r: Reader, tree: Map, table: Map | None) -> tuple[Length, ...]:
    """The lengths of [lengths] (the default ones when it is absent)."""
    given = table.items if table is not None else {name: None for name in DEFAULT_LENGTHS}
    written: dict[str, tuple[Map | None, dict[str, Any], Location]] = {}
    for name in given:
        where = f"lengths.{name}"
        here = table.where(name) if table is not None else Location(tree.at.path)
        options = _table(r, table, name, where) if table is not None else None
        written[name] = (options, _options(r, options, LENGTH_OPTIONS, where), here)
    layouts = like_layouts(r, written)
    result = []
    for name, (options, chosen, here) in written.items():
        where = f"lengths.{name}"
        own = DEFAULT_LENGTHS.get(name) or {"label": name.capitalize(), "print_name": name,
                                             "talk_minutes": 20}
        base = {**{key: chosen.get(key, own[key]) for key in LENGTH_NAMES}, **layouts[name]}
        if not NAME_RE.match(name):
            r.problem(here, f"length name {name!r} is not a usable name", NAME_TODO)
        if not NAME_RE.match(base["print_name"]):
            r.problem(_at(options, "print_name", here), f"[{where}] print_name "
                      f"{base['print_name']!r} is not a usable file name", NAME_TODO)
        if not 1 <= base["talk_minutes"] <= MAX_TALK_MINUTES:
            r.problem(_at(options, "talk_minutes", here), f"[{where}] talk_minutes must be "
                      f"from 1 to {MAX_TALK_MINUTES}, received {base['talk_minutes']}")
        if base["print_layout"] not in PRINT_LAYOUTS:
            r.problem(_at(options, "print_layout", here), f"[{where}] print_layout "
                      f"'{base['print_layout']}' is not a layout",
                      suggest(base["print_layout"], PRINT_LAYOUTS))
        if not 1 <= base["max_priority"] <= 3:
            r.problem(_at(options, "max_priority", here),
                      f"[{where}] max_priority must be 1, 2 or 3")
        result.append(Length(name=name, **base))
    if not result:
        r.problem(tree.where("lengths"), "at least one length is needed")
    return tuple(result)
