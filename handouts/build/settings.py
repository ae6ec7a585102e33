"""Project settings from handouts.toml: levels, lengths, folders, brand.

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

from handouts.errors import Location, Problem, SettingsError

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

DEFAULT_LENGTHS: dict[str, dict[str, Any]] = {
    "short": {"label": "Flyer", "max_priority": 1, "print_layout": "flyer", "print_name": "flyer",
              "talk_minutes": 5, "agenda": False, "callout_slides": False},
    "standard": {"label": "Trifold brochure", "max_priority": 2, "print_layout": "trifold",
                 "print_name": "brochure", "talk_minutes": 20},
    "full": {"label": "Booklet", "max_priority": 3, "print_layout": "booklet",
             "print_name": "booklet", "talk_minutes": 45, "section_slides": True,
             "appendix": True},
}

# option name -> (accepted types, description)
PROJECT_OPTIONS: dict[str, tuple[tuple[type, ...], str]] = {
    "content": ((str,), "folder of topic files"),
    "templates": ((str,), "folder of template overrides"),
    "build": ((str,), "output folder"),
    "brand": ((str,), "the brand file"),
    "fold_guides": ((bool,), "print fold guides on trifolds"),
    "brands": ((list,), "several brand files, each built into its own folder"),
}
LEVEL_OPTIONS: dict[str, tuple[tuple[type, ...], str]] = {
    "label": ((str,), "a name for people"),
    "max_flesch_kincaid": ((int, float), "Flesch-Kincaid grade target"),
    "max_smog": ((int, float), "SMOG grade target"),
    "min_print_pt": ((int, float), "smallest print body size in points"),
    "show_references": ((bool,), "print references"),
    "min_slide_pt": ((int, float), "smallest slide body size in points"),
}
LENGTH_OPTIONS: dict[str, tuple[tuple[type, ...], str]] = {
    "label": ((str,), "a name for people"),
    "max_priority": ((int,), "highest section priority included (1-3)"),
    "print_layout": ((str,), f"one of {', '.join(PRINT_LAYOUTS)}"),
    "print_name": ((str,), "word used in the PDF file name"),
    "talk_minutes": ((int,), "length of the talk in minutes"),
    "agenda": ((bool,), "an agenda slide"),
    "section_slides": ((bool,), "a section-header slide per section"),
    "appendix": ((bool,), "glossary, references and questions slides"),
    "callout_slides": ((bool,), "a slide of its own for each callout"),
}
TOP_KEYS = ("project", "levels", "lengths")
NAME_RE = re.compile(r"^[a-z][a-z0-9-]{0,47}$")
"""A name that becomes part of an output's file name (level, length, print_name): a
lowercase letter, then up to 47 lowercase letters, digits and hyphens. No '/', '\\',
'..' or leading dot can pass, so no name can lead out of the build folder."""
MAX_TALK_MINUTES = 600


NAME_TODO = ("use a lowercase letter, then lowercase letters, digits and hyphens (at most 48 "
             "characters), for example 'easy' or 'talk-notes'")


def suggest(word: str, choices: list[str] | tuple[str, ...]) -> str:
    """'did you mean X?' for the closest choice, or a list of the valid ones."""
    import difflib  # only when there is a mistake to suggest a fix for

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    if close:
        return f"did you mean '{close[0]}'?"
    return f"use one of: {', '.join(choices)}" if choices else "remove it"


def _type_name(types: tuple[type, ...]) -> str:
    names = {bool: "true or false", int: "a whole number", float: "a number", str: "text",
             list: "a list"}
    return " or ".join(dict.fromkeys(names.get(t, t.__name__) for t in types))


def _written(name: str) -> str:
    """A pattern for `name` as TOML may write it: each character beyond ASCII as itself or
    as a \\uXXXX or \\UXXXXXXXX escape (hex digits in either case)."""
    def char(c: str) -> str:
        if ord(c) < 128:
            return re.escape(c)
        short = f"\\\\u{ord(c):04x}" if ord(c) <= 0xFFFF else None
        forms = [re.escape(c), *([short] if short else []), f"\\\\U{ord(c):08x}"]
        return "(?:" + "|".join(f"(?i:{f})" if f.startswith("\\") else f
                                for f in forms) + ")"
    return "".join(char(c) for c in name)


def locate(path: Path, lines: list[str], key: str, table: str | None = None) -> Location:
    """Where `key` is written in handouts.toml's `lines`: within `table` (a dotted name
    such as 'lengths.short') when given, else that table's header, else the key's first
    mention; line and column count from 1 (line 0: not written)."""
    pattern = re.compile(
        rf"^(\s*)(\[.*(?<![\w-]){_written(key)}(?![\w-]).*\]|\"?{_written(key)}\"?\s*=)")
    numbered = list(enumerate(lines, 1))
    if table is not None:
        parts = [_written(part) for part in table.split(".")]
        dotted = r"\s*\.\s*".join(rf"""(?:{p}|"{p}"|'{p}')""" for p in parts)
        header = re.compile(rf"^(\s*)\[\s*{dotted}\s*\]")
        start = next((i for i, (_, line) in enumerate(numbered) if header.match(line)), None)
        if start is not None:
            end = next((i for i, (_, line) in enumerate(numbered) if i > start
                        and line.lstrip().startswith("[")), len(numbered))
            for number, line in numbered[start + 1:end]:
                match = pattern.search(line)
                if match:
                    return Location(path, number, len(match[1]) + 1)
            return Location(path, numbered[start][0], 1)
    for number, line in numbered:
        match = pattern.search(line)
        if match:
            return Location(path, number, len(match[1]) + 1)
    return Location(path)


class _Checker:
    def __init__(self, path: Path, text: str) -> None:
        self.path = path
        self.lines = text.splitlines()
        self.problems: list[Problem] = []

    def at(self, key: str, table: str | None = None) -> Location:
        return locate(self.path, self.lines, key, table)

    def table(self, data: Any, name: str) -> dict[str, Any]:
        if not isinstance(data, dict):
            self.problems.append(Problem(self.at(name), f"'{name}' must be a table ([{name}])"))
            return {}
        return data

    def options(
        self, data: dict[str, Any], spec: dict[str, tuple[tuple[type, ...], str]], where: str
    ) -> dict[str, Any]:
        good: dict[str, Any] = {}
        for key, value in data.items():
            if key not in spec:
                self.problems.append(
                    Problem(self.at(key, where), f"unknown option '{key}' in [{where}]",
                            suggest(key, tuple(spec)))
                )
                continue
            types, meaning = spec[key]
            ok = isinstance(value, types) and not (bool not in types and isinstance(value, bool))
            if not ok:
                self.problems.append(
                    Problem(self.at(key, where), f"[{where}] {key} ({meaning}): expected "
                            f"{_type_name(types)}, received {value!r}")
                )
                continue
            good[key] = value
        return good


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
    check = _Checker(path, text)
    for key in data:
        if key not in TOP_KEYS:
            check.problems.append(
                Problem(check.at(key), f"unknown table '{key}'", suggest(key, TOP_KEYS))
            )
    project = check.options(check.table(data.get("project", {}), "project"), PROJECT_OPTIONS,
                            "project")
    levels = _levels(check, check.table(data.get("levels", {name: {} for name in DEFAULT_LEVELS}),
                                        "levels"))
    lengths = _lengths(check, check.table(data.get("lengths",
                                                   {name: {} for name in DEFAULT_LENGTHS}),
                                          "lengths"))
    folders = {key: root / project.get(key, key) for key in ("content", "templates", "build")}
    for key in ("content", "templates", "brand"):
        if key in project and not _stays_inside(root / project[key], root):
            check.problems.append(Problem(
                check.at(key, "project"), f"[project] {key} = {project[key]!r} leads outside "
                "the project", "keep it inside the project folder (only build may be "
                "elsewhere)"))
    for key in project.get("brands", []):
        if not isinstance(key, str) or not _stays_inside(root / key, root):
            check.problems.append(Problem(
                check.at("brands", "project"), f"[project] brands: {key!r} is not a brand "
                "file inside the project", "list paths of brand files inside the project, or "
                "name an outside one with --brand"))
    build = folders["build"].resolve()
    if root.resolve().is_relative_to(build) or any(
            build.is_relative_to(folders[k].resolve()) for k in ("content", "templates")):
        check.problems.append(Problem(
            check.at("build", "project"), f"[project] build = {project.get('build')!r} would "
            "put outputs over the project's own files", "name a folder of its own, such as "
            "'build'"))
    if check.problems:
        raise SettingsError(check.problems)
    return Settings(
        root=root,
        content_dir=folders["content"],
        templates_dir=folders["templates"],
        build_dir=folders["build"],
        brand_file=root / project.get("brand", "_brand.yml"),
        levels=levels,
        lengths=lengths,
        fold_guides=project.get("fold_guides", False),
        brand_files=tuple(root / b for b in project.get("brands", [])),
        source_text=text,
        digest=sha,
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


def _levels(check: _Checker, table: dict[str, Any]) -> tuple[Level, ...]:
    result = []
    for name, raw in table.items():
        if not NAME_RE.match(name):
            check.problems.append(Problem(check.at(name), f"level name {name!r} is not a "
                                          "usable name", NAME_TODO))
        base = dict(DEFAULT_LEVELS.get(name, DEFAULT_LEVELS["standard"]))
        base["label"] = name.capitalize() if name not in DEFAULT_LEVELS else base["label"]
        base.update(check.options(check.table(raw, f"levels.{name}"), LEVEL_OPTIONS,
                                  f"levels.{name}"))
        if base["min_print_pt"] < 11:
            check.problems.append(Problem(check.at("min_print_pt", f"levels.{name}"),
                                          f"[levels.{name}] "
                                          "min_print_pt must be at least 11 (print guidance)"))
        if base["min_slide_pt"] < 24:
            check.problems.append(Problem(check.at("min_slide_pt", f"levels.{name}"),
                                          f"[levels.{name}] "
                                          "min_slide_pt must be at least 24 (slide guidance)"))
        result.append(Level(name=name, **base))
    if not result:
        check.problems.append(Problem(check.at("levels"), "at least one level is needed"))
    return tuple(result)


def _lengths(check: _Checker, table: dict[str, Any]) -> tuple[Length, ...]:
    result = []
    for name, raw in table.items():
        base = dict(DEFAULT_LENGTHS.get(name, DEFAULT_LENGTHS["full"]))
        if name not in DEFAULT_LENGTHS:
            base.update(label=name.capitalize(), print_name=name, talk_minutes=20)
        base.update(check.options(check.table(raw, f"lengths.{name}"), LENGTH_OPTIONS,
                                  f"lengths.{name}"))
        where = f"lengths.{name}"
        if not NAME_RE.match(name):
            check.problems.append(Problem(check.at(name), f"length name {name!r} is not a "
                                          "usable name", NAME_TODO))
        if not NAME_RE.match(base["print_name"]):
            check.problems.append(Problem(
                check.at("print_name", where), f"[{where}] print_name {base['print_name']!r} "
                "is not a usable file name", NAME_TODO))
        if not 1 <= base["talk_minutes"] <= MAX_TALK_MINUTES:
            check.problems.append(Problem(
                check.at("talk_minutes", where), f"[{where}] talk_minutes must be from 1 to "
                f"{MAX_TALK_MINUTES}, received {base['talk_minutes']}"))
        if base["print_layout"] not in PRINT_LAYOUTS:
            check.problems.append(Problem(
                check.at("print_layout", where),
                f"[lengths.{name}] print_layout '{base['print_layout']}' is not a layout",
                suggest(base["print_layout"], PRINT_LAYOUTS)))
        if not 1 <= base["max_priority"] <= 3:
            check.problems.append(Problem(check.at("max_priority", where),
                                          f"[lengths.{name}] max_priority must be 1, 2 or 3"))
        result.append(Length(name=name, **base))
    if not result:
        check.problems.append(Problem(check.at("lengths"), "at least one length is needed"))
    return tuple(result)
