"""What a project's outputs and reports are made from: the files the up-to-date record
(handouts.build.uptodate) hashes, and the folders whose listings it keeps.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.build.settings import SETTINGS_FILE

if TYPE_CHECKING:
    from handouts.build.project import Project

PACKAGE_DATA = tuple(Path(__file__).parent.parent / name
                     for name in ("document/templates", "fonts", "check", "locales"))
"""The package's own files that outputs are made from."""


def under(tops: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The files under each of `tops` that exists, and every folder walked (Python's byte
    caches left out)."""
    files: list[Path] = []
    folders: list[Path] = []
    for top in tops:
        if top.is_dir():
            for folder, subfolders, names in os.walk(top):
                folders.append(Path(folder))
                subfolders[:] = [d for d in subfolders if d != "__pycache__"]
                files += [Path(folder) / n for n in names]
    return files, folders


def inputs(projects: Sequence[Project]) -> tuple[list[Path], list[Path]]:
    """Every file the projects' outputs and reports are made from, and every folder whose
    listing decides which files those are (a topic or template added or removed)."""
    settings = projects[0].settings
    package, walked = under((settings.templates_dir, settings.root / "locales", *PACKAGE_DATA))
    files = [settings.root / SETTINGS_FILE, *(t.path for t in projects[0].topics), *package]
    for project in projects:
        files += project.brand.files
    return [f for f in files if f.is_file()], \
        [settings.root, settings.content_dir, settings.templates_dir, *walked]
