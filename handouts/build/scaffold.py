"""`make-handouts init` and `make-handouts templates --eject`: write starter files, never
over an existing one."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from handouts.document.jinja import builtin_dir
from handouts.errors import BuildError

STARTER_FILES = ("handouts.toml", "_brand.yml", "content/drink-water.yaml",
                 "templates/README.md")


def _starter_root() -> Path:
    return Path(str(resources.files("handouts") / "scaffold"))


def init(target: Path) -> list[Path]:
    """Write a new project into `target`; refuses, writing nothing, if any file (or link)
    exists, or a folder it would write into is a link leading out of `target`."""
    existing = [target / name for name in STARTER_FILES if os.path.lexists(target / name)]
    if existing:
        raise BuildError("not writing a new project: these files already exist: "
                         + ", ".join(str(p) for p in existing)
                         + "; choose an empty folder or move them away")
    outside = sorted({str((target / name).parent) for name in STARTER_FILES
                      if (target / name).parent.exists()
                      and not (target / name).parent.resolve().is_relative_to(target.resolve())})
    if outside:
        raise BuildError("not writing a new project: these folders lead outside it: "
                         + ", ".join(outside) + "; choose an empty folder")
    written = []
    for name in STARTER_FILES:
        dest = target / name
        dest.parent.mkdir(parents=True, exist_ok=True)
        with dest.open("xb") as handle:  # "x": never replace a file that appeared meanwhile
            handle.write((_starter_root() / name).read_bytes())
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
