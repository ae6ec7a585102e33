"""The core of reading `_brand.yml`, shared by every section: the walk's problems and
warnings, and the checks of a value's shape (absent, null, mapping, text, allowed keys) and
of a file path the brand names (inside the project, existing).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from handouts.build.settings import suggest
from handouts.errors import Diagnostic, Location, Problem
from handouts.schema.yamlsource import Map, Node, Scalar, Seq

NULLS = ("", "~", "null", "Null", "NULL")

@dataclass(frozen=True)
class Written:
    """A file path as written in the brand, and where."""

    text: str
    at: Location


def is_null(node: Node | None) -> bool:
    """Whether a value is absent or YAML's null (`key:` with nothing, `~`, `null`)."""
    return node is None or (isinstance(node, Scalar) and not node.quoted
                            and node.text in NULLS)


def described(node: Node) -> str:
    """What a value is, for messages."""
    if is_null(node):
        return "left empty"
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return f"'{node.text}'"


class ReaderCore:
    """The state of one walk over the brand's tree and the checks every section uses."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path, self.root = path, root
        self.problems: list[Problem] = []
        self.warnings: list[Diagnostic] = []

    def problem(self, at: Location, what: str, todo: str = "") -> None:
        self.problems.append(Problem(at, what, todo))

    # Shapes -----------------------------------------------------------------------------

    def mapping(self, node: Node | None, where: str, todo: str) -> Map | None:
        """`node` as a mapping; None when absent, or (with a problem) something else."""
        if node is None or is_null(node):
            return None
        if isinstance(node, Map):
            return node
        self.problem(node.at, f"{where} must be a mapping, not {described(node)}", todo)
        return None

    def text(self, node: Node | None, where: str, todo: str = "") -> str | None:
        """A scalar's text, stripped; None when absent, or (with a problem) not a scalar."""
        if node is None or is_null(node):
            return None
        if isinstance(node, Scalar):
            return node.text.strip()
        self.problem(node.at, f"{where} must be text, not {described(node)}", todo)
        return None

    def only(self, node: Map, where: str, allowed: tuple[str, ...]) -> None:
        """A problem for each key that `where` may not have."""
        for key, key_at in node.key_at.items():
            if key not in allowed:
                self.problem(key_at, f"unknown key '{key}' in {where}", suggest(key, allowed))

    def inside(self, raw: Written, what: str) -> Path | None:
        """A file path from the brand, resolved against its folder; it must stay inside the
        project and exist."""
        if "://" in raw.text:
            self.problem(raw.at, f"{what} '{raw.text}' is a web address",
                         "download the file into the project and give its path")
            return None
        from handouts.files import Refused, inside

        given = self.path.parent / raw.text
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
