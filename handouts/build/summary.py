"""What a build did, as data: per clinic, how many outputs were made, left as they were or
failed, and every warning as a located Diagnostic; what stopped it, if anything; and the
failure that `--strict` or a failed output makes of it.

A summary is also what the up-to-date record keeps (build.uptodate), so a rebuild with
nothing to do answers with the same summary without loading the project: `as_json` and
`from_json` turn it into JSON values and back, and anything of another shape read back is
None (the record is not trusted, and the build runs).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from handouts.errors import (
    BuildError,
    Diagnostic,
    HandoutsError,
    InputError,
    Location,
    Problem,
    notes_in,
)


@dataclass(frozen=True)
class BrandSummary:
    """What a build did for one clinic's brand."""

    name: str
    """The clinic's name, as the brand file gives it."""
    built: int
    """Outputs made by this build."""
    unchanged: int
    """Outputs already up to date, so not written again."""
    failed: tuple[str, ...] = ()
    """One message per output that could not be made (text that does not fit, ...)."""
    warnings: tuple[Diagnostic, ...] = ()
    """The brand's, the writers' and the health-literacy checks' warnings, in that order."""
    report: Path | None = None
    """The build report (index.html) written, if one was."""

    @property
    def counts(self) -> str:
        """'built 3, unchanged 0, failed 0, warnings 1', and ', notes N' when there are
        notes (handouts.errors.Diagnostic.severity)."""
        notes = notes_in(self.warnings)
        return (f"built {self.built}, unchanged {self.unchanged}, failed {len(self.failed)}, "
                f"warnings {len(self.warnings) - notes}" + (f", notes {notes}" if notes else ""))


@dataclass(frozen=True)
class Summary:
    """What a build did, for every clinic it built."""

    brands: tuple[BrandSummary, ...]
    build_dir: Path
    """The project's build folder, as its settings name it."""
    broken: tuple[Problem, ...] = ()
    """Mistakes in brand files that kept those clinics from being built (the others were)."""
    index: Path | None = None
    """The index of every clinic's report (build/index.html), written when several clinics
    were built, each into a folder of its own."""
    stopped: HandoutsError | None = field(default=None, compare=False)
    """The error that stopped the build after the clinics listed (a template or font
    problem, a build folder that cannot be written), if one did."""
    from_record: bool = False
    """Whether the up-to-date record answered, without loading the project."""

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """Every clinic's warnings, in order."""
        return tuple(w for brand in self.brands for w in brand.warnings)

    def failure(self, strict: bool = False) -> HandoutsError | None:
        """The error the build ends with, if any: what stopped it, then broken brands (exit
        2), then failed outputs (exit 1), then, when `strict`, any warning (exit 1)."""
        if self.stopped is not None:
            return self.stopped
        if self.broken:
            return InputError(self.broken)
        failed = sum(len(b.failed) for b in self.brands)
        if failed:
            built = sum(b.built for b in self.brands)
            return BuildError(f"{failed} of {built + failed} outputs failed (see above)")
        count = len(self.warnings) - notes_in(self.warnings)
        if strict and count:
            return BuildError(f"build --strict failed: {count} warning{'s' * (count != 1)} "
                              "(listed above)")
        return None

    def as_json(self) -> dict[str, object]:
        """The summary as JSON values (what `from_json` reads back); only a summary of a
        build that neither stopped nor broke is recorded."""
        return {"build_dir": str(self.build_dir),
                "index": str(self.index) if self.index is not None else None, "brands": [
            {"name": b.name, "built": b.built, "unchanged": b.unchanged,
             "failed": list(b.failed), "warnings": [diagnostic_json(w) for w in b.warnings],
             "report": str(b.report) if b.report is not None else None}
            for b in self.brands]}

    @classmethod
    def from_json(cls, data: object) -> Summary | None:
        """A summary `as_json` wrote, answered from the record; None for anything else."""
        if not (isinstance(data, dict) and isinstance(data.get("build_dir"), str)
                and isinstance(data.get("brands"), list)
                and (data.get("index") is None or isinstance(data.get("index"), str))):
            return None
        brands = []
        for item in data["brands"]:
            if not isinstance(item, dict):
                return None
            name, built, unchanged = item.get("name"), item.get("built"), item.get("unchanged")
            failed, warnings, report = item.get("failed"), item.get("warnings"), \
                item.get("report")
            if not (isinstance(name, str) and type(built) is int and type(unchanged) is int
                    and isinstance(failed, list) and all(isinstance(f, str) for f in failed)
                    and isinstance(warnings, list) and (report is None
                                                        or isinstance(report, str))):
                return None
            read = [diagnostic_from_json(w) for w in warnings]
            found = [w for w in read if w is not None]
            if len(found) != len(read):
                return None
            brands.append(BrandSummary(name, built, unchanged, tuple(failed), tuple(found),
                                       Path(report) if report is not None else None))
        index = data.get("index")
        return cls(tuple(brands), Path(data["build_dir"]),
                   index=Path(index) if isinstance(index, str) else None, from_record=True)


def diagnostic_json(warning: Diagnostic) -> dict[str, object]:
    """A warning as JSON values: code, message, and location as path, line and column
    (None when it has none)."""
    at = warning.location
    return {"code": warning.code, "message": warning.message, "severity": warning.severity,
            "location": None if at is None else {"path": str(at.path), "line": at.line,
                                                 "column": at.column}}


def diagnostic_from_json(data: object) -> Diagnostic | None:
    """The warning `diagnostic_json` wrote; None for anything of another shape."""
    if not (isinstance(data, dict) and isinstance(data.get("code"), str)
            and isinstance(data.get("message"), str)):
        return None
    severity = data.get("severity", "warning")
    if severity not in ("warning", "note"):
        return None
    at = data.get("location")
    if at is None:
        return Diagnostic(data["code"], data["message"], None, severity)
    if not (isinstance(at, dict) and isinstance(at.get("path"), str)
            and type(at.get("line")) is int and type(at.get("column")) is int):
        return None
    return Diagnostic(data["code"], data["message"],
                      Location(Path(at["path"]), at["line"], at["column"]), severity)
