"""A build's summary as data: the failure it ends with, and the JSON the up-to-date record
keeps of it (anything of another shape read back is not trusted)."""

from __future__ import annotations

from pathlib import Path

from handouts.build.summary import BrandSummary, Summary
from handouts.errors import BuildError, Diagnostic, InputError, Location, Problem

FALLBACK = Diagnostic("font-fallback", "the base font 'Open Sans' (google) would need ...",
                      Location(Path("/p/_brand.yml"), 12, 9))
FINDING = Diagnostic("reading", "hands (easy): Flesch-Kincaid grade 9.1 is above 6")
NOTE = Diagnostic("compact-form", "'Steps' is shown in short form", severity="note")


def summary(*warnings: Diagnostic, failed: tuple[str, ...] = ()) -> Summary:
    return Summary((BrandSummary("Clinic", 3, 1, failed, warnings, Path("/p/build/index.html")),
                    BrandSummary("Other", 0, 4)), Path("/p/build"))


def test_the_record_reads_back_the_same_summary() -> None:
    written = summary(FALLBACK, FINDING, NOTE)
    read = Summary.from_json(written.as_json())
    assert read is not None and read.from_record
    assert read.brands == written.brands and read.build_dir == written.build_dir
    assert read.warnings == (FALLBACK, FINDING, NOTE)
    assert read.index is None
    several = Summary(written.brands, written.build_dir, index=Path("/p/build/index.html"))
    again = Summary.from_json(several.as_json())
    assert again is not None and again.index == Path("/p/build/index.html")


def test_a_record_of_another_shape_is_not_trusted() -> None:
    good = summary(FALLBACK).as_json()
    brand = good["brands"][0]  # type: ignore[index]
    for bad in (None, [], "built 0", {**good, "build_dir": 3}, {**good, "brands": [1]},
                {**good, "index": 3},
                {**good, "brands": [{**brand, "built": "3"}]},
                {**good, "brands": [{**brand, "built": True}]},
                {**good, "brands": [{**brand, "failed": [1]}]},
                {**good, "brands": [{**brand, "warnings": [{"code": "x"}]}]},
                {**good, "brands": [{**brand, "warnings": [
                    {"code": "x", "message": "m", "severity": "error"}]}]},
                {**good, "brands": [{**brand, "warnings": [
                    {"code": "x", "message": "m", "location": {"path": "p", "line": "1",
                                                              "column": 1}}]}]}):
        assert Summary.from_json(bad) is None, bad


def test_what_a_build_ends_with() -> None:
    assert summary().failure() is None and summary().failure(strict=True) is None
    assert summary(FALLBACK).failure() is None
    strict = summary(FALLBACK, FINDING).failure(strict=True)
    assert isinstance(strict, BuildError) and strict.exit_code == 1
    assert strict.format_message() == "build --strict failed: 2 warnings (listed above)"
    assert summary(NOTE).failure(strict=True) is None  # a note is not a warning
    assert summary(FALLBACK, NOTE).brands[0].counts == \
        "built 3, unchanged 1, failed 0, warnings 1, notes 1"
    failed = summary(FALLBACK, failed=("hands: does not fit",)).failure(strict=True)
    assert isinstance(failed, BuildError)
    assert failed.format_message() == "1 of 4 outputs failed (see above)"
    broken = Summary((), Path("/p/build"), (Problem(Location(Path("b.yml"), 1, 1), "bad"),))
    error = broken.failure()
    assert isinstance(error, InputError) and error.exit_code == 2
