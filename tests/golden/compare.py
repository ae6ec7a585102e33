"""Comparing a golden case's snapshot with its expected files, each difference said in
words a reviewer can act on: which file, which page or part, which text moved by how
much."""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass

TOLERANCE = 1.0
"""How far (points) a line of PDF text may move or grow before the test fails."""

SHOWN = 40
"""Lines of a unified diff shown per difference."""


def diff(expected: str, actual: str, name: str) -> str:
    """The first SHOWN lines of a unified diff from `expected` to `actual`."""
    lines = list(difflib.unified_diff(expected.splitlines(), actual.splitlines(),
                                      f"expected {name}", f"built {name}", lineterm="", n=2))
    more = f"\n... {len(lines) - SHOWN} more diff lines" if len(lines) > SHOWN else ""
    return "\n".join(lines[:SHOWN]) + more


@dataclass(frozen=True)
class _Line:
    page: int
    box: tuple[float, float, float, float]
    text: str


def _pdf_rows(text: str) -> tuple[list[str], list[_Line]]:
    pages, lines = [], []
    for row in text.splitlines():
        if row.startswith("page "):
            pages.append(row)
            continue
        page, x0, y0, x1, y1, *words = row.split(" ")
        lines.append(_Line(int(page), (float(x0), float(y0), float(x1), float(y1)),
                           " ".join(words)))
    return pages, lines


def _keyed(lines: list[_Line]) -> dict[tuple[int, str, int], _Line]:
    """Each line keyed by page, text and which occurrence of that text on the page it is,
    so a line that moves a little is still matched though its reading order changed."""
    seen: dict[tuple[int, str], int] = {}
    out = {}
    for line in lines:
        n = seen.get((line.page, line.text), 0)
        seen[(line.page, line.text)] = n + 1
        out[(line.page, line.text, n)] = line
    return out


def compare_pdf(name: str, expected: str, actual: str) -> list[str]:
    """Differences between two PDFs' text lines (see snapshot.pdf_lines): pages, lines
    missing or new, and lines whose box moved or changed size by more than TOLERANCE."""
    problems = []
    want_pages, want = _pdf_rows(expected)
    got_pages, got = _pdf_rows(actual)
    if want_pages != got_pages:
        problems.append(f"{name}: pages {want_pages} became {got_pages}")
    want_by, got_by = _keyed(want), _keyed(got)
    for key in want_by.keys() - got_by.keys():
        problems.append(f"{name}: page {key[0]}: the line {key[1]!r} is gone")
    for key in got_by.keys() - want_by.keys():
        problems.append(f"{name}: page {key[0]}: a new line {key[1]!r}")
    names = ("left", "top", "right", "bottom")
    for key in want_by.keys() & got_by.keys():
        before, after = want_by[key].box, got_by[key].box
        moved = [f"{n} {b:.1f} -> {a:.1f} ({a - b:+.1f} pt)"
                 for n, b, a in zip(names, before, after, strict=True)
                 if abs(a - b) > TOLERANCE]
        if moved:
            problems.append(f"{name}: page {key[0]}: {key[1]!r} moved: {', '.join(moved)}")
    return sorted(problems)


def _deck_rows(text: str) -> dict[str, str]:
    return {row.split(" ", 1)[0]: row.split(" ", 1)[1] for row in text.splitlines()}


def compare_deck(name: str, expected: str, actual: str, expected_parts: Mapping[str, str],
                 actual_parts: Mapping[str, str]) -> list[str]:
    """Differences between two decks' part lists (see snapshot.Snapshot.add_deck): parts
    missing or new, and each changed part with a diff of its canonical XML."""
    want, got = _deck_rows(expected), _deck_rows(actual)
    problems = [f"{name}: part {p} is gone" for p in sorted(want.keys() - got.keys())]
    problems += [f"{name}: new part {p}" for p in sorted(got.keys() - want.keys())]
    for part in sorted(want.keys() & got.keys()):
        before, after = want[part], got[part]
        if before == after:
            continue
        if before.startswith("xml ") and after.startswith("xml "):
            old = expected_parts.get(before[4:], "(not in tests/golden/parts: regenerate)")
            problems.append(f"{name}: part {part} differs:\n"
                            + diff(old, actual_parts[after[4:]], part))
        else:
            problems.append(f"{name}: part {part} was {before}, is {after}")
    return problems


def compare(expected: Mapping[str, str], actual: Mapping[str, str],
            expected_parts: Mapping[str, str], actual_parts: Mapping[str, str]) -> list[str]:
    """Every difference between a case's expected files and what was built."""
    problems = [f"{n}: expected but not built" for n in sorted(expected.keys() - actual.keys())]
    problems += [f"{n}: built but not expected (regenerate?)"
                 for n in sorted(actual.keys() - expected.keys())]
    for name in sorted(expected.keys() & actual.keys()):
        want, got = expected[name], actual[name]
        if name.endswith(".layout.xml"):
            if want != got:
                problems.append(f"{name}: the layout XML differs:\n{diff(want, got, name)}")
        elif name.endswith(".pdf.txt"):
            problems += compare_pdf(name, want, got)
        elif name.endswith(".pptx.txt"):
            problems += compare_deck(name, want, got, expected_parts, actual_parts)
    return problems
