"""`make-handouts init` and `make-handouts templates --eject`: write starter files, never
over an existing one."""

from __future__ import annotations

import os
import re
from importlib import resources
from pathlib import Path

from handouts.build.languages import DEFAULT_LANGUAGE, primary
from handouts.document.jinja import builtin_dir
from handouts.errors import BuildError

STARTER_FILES = {
    "en": ("handouts.toml", "_brand.yml", "content/drink-water.yaml", "templates/README.md"),
    "es": ("handouts.toml", "es/_brand.yml", "es/content/beber-agua.yaml",
           "templates/README.md"),
}
"""The starter files of a project in each language, as the package holds them (a
language's own files under its folder, written without it)."""

LANGUAGE_LINE = re.compile(r'(?m)^language = "en-US"')
"""The line of the starter handouts.toml that says the project's language."""


def _starter_root() -> Path:
    return Path(str(resources.files("handouts") / "scaffold"))


def starter_languages() -> tuple[str, ...]:
    """The languages (language subtags) a new project can be written in."""
    return tuple(STARTER_FILES)


def init(target: Path, language: str = DEFAULT_LANGUAGE) -> list[Path]:
    """Write a new project into `target` whose language is `language` (a BCP 47 tag whose
    language subtag is one of `starter_languages`; its content, brand texts and
    handouts.toml in that language); refuses, writing nothing, if any file (or link)
    exists, or a folder it would write into is a link leading out of `target`. Raises
    BuildError."""
    sources = STARTER_FILES.get(primary(language))
    if sources is None:
        raise BuildError(f"there is no starter project in {language!r}; write one in "
                         f"{' or '.join(STARTER_FILES)} and translate it, or add a language "
                         "to an existing project (see the README's 'Languages')")
    names = [name.removeprefix(f"{primary(language)}/") for name in sources]
    existing = [target / name for name in names if os.path.lexists(target / name)]
    if existing:
        raise BuildError("not writing a new project: these files already exist: "
                         + ", ".join(str(p) for p in existing)
                         + "; choose an empty folder or move them away")
    outside = sorted({str((target / name).parent) for name in names
                      if (target / name).parent.exists()
                      and not (target / name).parent.resolve().is_relative_to(target.resolve())})
    if outside:
        raise BuildError("not writing a new project: these folders lead outside it: "
                         + ", ".join(outside) + "; choose an empty folder")
    written = []
    for name, source in zip(names, sources, strict=True):
        dest = target / name
        data = (_starter_root() / source).read_bytes()
        if name == "handouts.toml":
            data = LANGUAGE_LINE.sub(f'language = "{language}"', data.decode("utf-8"),
                                     count=1).encode("utf-8")
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("xb") as handle:  # "x": never replace a file that appeared meanwhile
            handle.write(data)
        written.append(dest)
    return written


def builtin_templates() -> list[str]:
    """The names of the built-in templates."""
    return sorted(p.name for p in builtin_dir().iterdir() if p.name.endswith(".j2"))


def eject(name: str, templates_dir: Path) -> Path:
    """Copy built-in template `name` into the project's templates folder to edit."""
    if name not in builtin_templates():
        from handouts.schema.reader import suggest

        raise BuildError(f"there is no built-in template '{name}'; "
                         f"{suggest(name, builtin_templates())}")
    dest = templates_dir / name
    if os.path.lexists(dest):
        raise BuildError(f"{dest} already exists; edit it, or move it away to eject again")
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("xb") as handle:
        handle.write((builtin_dir() / name).read_bytes())
    return dest
