"""Regenerate the golden files: `python -m tests.golden.regen` (from the repository, with
the code under test on the path). Builds every case with every brand in a temporary
folder and writes what each is compared on into tests/golden/<case>/expected/<brand>/,
and deck parts into tests/golden/parts/. Review the diff before committing it: it is the
change in the outputs."""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from tests.golden.cases import BRANDS, CASES, HERE, expected_dir, make_project
from tests.golden.snapshot import Snapshot, build, snapshot

PARTS = HERE / "parts"
"""Canonical XML of deck parts, one file per part_key, shared by every case."""


def run_case(case: str, brand: str, work: Path) -> Snapshot:
    """Build `case` with `brand` in `work` (a folder of its own) and take its snapshot."""
    root = make_project(work / case / brand, case, brand)
    build(root)
    return snapshot(root)


def expected_files(case: str, brand: str) -> dict[str, str]:
    """The expected files of a case and brand, by name; empty if never generated."""
    folder = expected_dir(case, brand)
    if not folder.is_dir():
        return {}
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.iterdir())}


def expected_parts(files: dict[str, str]) -> dict[str, str]:
    """The stored canonical XML of every deck part the expected files name."""
    keys = {row.rsplit(" ", 1)[1] for name, text in files.items() if name.endswith(".pptx.txt")
            for row in text.splitlines() if " xml " in row}
    return {k: (PARTS / f"{k}.xml").read_text(encoding="utf-8")
            for k in keys if (PARTS / f"{k}.xml").is_file()}


def main() -> None:
    parts: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as work:
        for case in CASES:
            for brand in BRANDS:
                found = run_case(case, brand, Path(work))
                folder = expected_dir(case, brand)
                shutil.rmtree(folder, ignore_errors=True)
                folder.mkdir(parents=True)
                for name, text in found.files.items():
                    (folder / name).write_text(text, encoding="utf-8")
                parts.update(found.parts)
                print(f"{case} / {brand}: {len(found.files)} files", file=sys.stderr)
    shutil.rmtree(PARTS, ignore_errors=True)
    PARTS.mkdir()
    for key, text in sorted(parts.items()):
        (PARTS / f"{key}.xml").write_text(text, encoding="utf-8")
    print(f"{len(parts)} deck parts in {PARTS}", file=sys.stderr)


if __name__ == "__main__":
    main()
