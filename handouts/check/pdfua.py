"""PDF/UA-1 (ISO 14289-1) validation of the PDFs a build makes, with page-validation.

page-validation (PyPI, MIT licence) is an optional extra: `pip install
'make-handouts[verify]'`. With it, the build checks every PDF it makes and
`make-handouts check --outputs` checks those in the build folder; without it, `validate`
says so by returning None and the build report says validation was not run.
"""

from __future__ import annotations

import importlib.metadata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = ["INSTALL", "NOT_RUN", "Verdict", "available", "validate", "validate_outputs"]

PROFILE = "ua1"
"""page-validation's name for the PDF/UA-1 profile."""
INSTALL = "pip install 'make-handouts[verify]'"
NOT_RUN = "not checked"
"""What the report says of a PDF made while page-validation was not installed."""


@dataclass(frozen=True)
class Verdict:
    """The PDF/UA-1 rules a PDF was tested against and the ids of those it failed."""

    rules: int
    failed: tuple[str, ...]
    validator: str
    """The checker and its version, e.g. 'page-validation 0.11.0'."""

    @property
    def passed(self) -> bool:
        return not self.failed

    @property
    def short(self) -> str:
        """'passed' or 'failed', as the build report shows it beside a PDF."""
        return "passed" if self.passed else "failed"

    def __str__(self) -> str:
        failed = f": {', '.join(self.failed)}" if self.failed else ""
        return (f"{len(self.failed)} of {self.rules} PDF/UA-1 rules failed{failed} "
                f"({self.validator})")


def _page() -> Any:
    """The page-validation module, or None if it is not installed."""
    try:
        import page
    except ImportError:
        return None
    return page


def available() -> bool:
    """Whether page-validation is installed."""
    return _page() is not None


def validate(data: bytes) -> Verdict | None:
    """The PDF/UA-1 verdict on a PDF's bytes; None when page-validation is not
    installed. A file it cannot read at all counts as failing rule 'unreadable'."""
    page = _page()
    if page is None:
        return None
    name = f"page-validation {importlib.metadata.version('page-validation')}"
    try:
        report = page.validate_pdf_bytes(data, profile=PROFILE)
    except page.PageError as exc:
        return Verdict(0, (f"unreadable ({exc})",), name)
    failed = tuple(sorted({f.rule_id for f in report.failures}))
    return Verdict(report.rules.total, failed, name)


def validate_outputs(folder: Path) -> Iterator[tuple[Path, Verdict | None]]:
    """Each PDF under `folder` (sorted by path) with its verdict (None: not installed);
    links are not followed out of the folder."""
    for path in sorted(folder.rglob("*.pdf")):
        if path.is_file() and not path.is_symlink():
            yield path, validate(path.read_bytes())
