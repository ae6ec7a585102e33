"""One walk over `_brand.yml`: the file and project it belongs to, the schema reader
(handouts.schema.reader) that collects its problems, its warnings, and the checks every
section of the brand shares: a value's shape with brand.yml's wording (absent and null
alike), allowed keys, and a file path the brand names (inside the project, existing).
Each section's reader (typography, colours, logo, the rest) holds the same walk.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from handouts.errors import Diagnostic, Location, Problem
from handouts.schema.nodes import Map, Node, is_null
from handouts.schema.reader import Reader


@dataclass(frozen=True)
class Written:
    """A file path as written in the brand, and where."""

    text: str
    at: Location


class BrandWalk:
    """The state of one walk over the brand's tree and the checks every section uses."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path, self.root = path, root
        self.schema = Reader()
        self.warnings: list[Diagnostic] = []

    @property
    def problems(self) -> list[Problem]:
        """Every problem found so far, in the order found."""
        return self.schema.problems

    def problem(self, at: Location, what: str, todo: str = "") -> None:
        self.schema.problem(at, what, todo)

    # Shapes -----------------------------------------------------------------------------

    def mapping(self, node: Node | None, where: str, todo: str) -> Map | None:
        """`node` as a mapping; None when absent, or (with a problem) something else."""
        if node is None or is_null(node):
            return None
        return self.schema.mapping(node, where, todo=todo)

    def text(self, node: Node | None, where: str, todo: str = "") -> str | None:
        """A scalar's text, stripped; None when absent, or (with a problem) not a scalar."""
        if node is None or is_null(node):
            return None
        text = self.schema.scalar(node, where, todo=todo)
        return None if text is None else text.strip()

    def only(self, node: Map, where: str, allowed: tuple[str, ...]) -> None:
        """A problem for each key that `where` may not have."""
        self.schema.keys(node, allowed, where)

    def located(self, text: str) -> Path:
        """Where a path written in the brand points: relative to the brand file's folder,
        or, starting with '/', to the project root as Quarto reads it (`/assets/logo.svg`).
        An absolute path naming an existing file is still read as absolute when no file is
        at the root-relative place, so that its message says where it really leads."""
        if not text.startswith("/"):
            return self.path.parent / text
        from_root = self.root / text.lstrip("/")
        if not os.path.lexists(from_root) and os.path.lexists(text):
            return Path(text)
        return from_root

    def inside(self, raw: Written, what: str) -> Path | None:
        """A file path from the brand (see `located`); it must stay inside the project and
        exist."""
        if "://" in raw.text:
            self.problem(raw.at, f"{what} '{raw.text}' is a web address",
                         "download the file into the project and give its path")
            return None
        from handouts.files import Refused, inside

        given = self.located(raw.text)
        try:
            candidate = inside(given, (self.root,))
        except Refused as exc:
            if exc.what == "does not exist":
                self.problem(raw.at, f"{what} '{raw.text}' does not exist",
                             f"put the file at {given.resolve()} or fix the path")
            elif exc.what.startswith("leads outside"):
                self.problem(raw.at, f"{what} '{raw.text}' leads outside the project",
                             "keep brand files inside the project folder")
            else:
                self.problem(raw.at, f"{what} '{raw.text}' {exc.what}", exc.todo)
            return None
        except ValueError:  # a NUL in the path
            self.problem(raw.at, f"{what} '{raw.text}' is not a usable file path",
                         "give the file's path relative to the brand file")
            return None
        if not candidate.is_file():
            import stat

            kind = "a folder" if candidate.is_dir() else "not a regular file" \
                if not stat.S_ISREG(candidate.stat().st_mode) else "not readable"
            self.problem(raw.at, f"{what} '{raw.text}' is {kind}",
                         "give the path of an ordinary file")
            return None
        return candidate
