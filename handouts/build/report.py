"""The build report, `build/index.html`: for each topic, a grid of levels x lengths with a
thumbnail of each PDF's first page and each deck's title slide, page and slide counts,
the reading figures against their targets as small inline charts, the warnings, whether
the PDFs passed PDF/UA-1 validation (handouts.check.pdfua), and a
link to every file. It is one static page with relative links, so it opens from disk.

Counts and titles are what each output's writer said when it made it (manifest.Facts);
an output is opened only to draw its thumbnail.
"""

from __future__ import annotations

import contextlib
import html
import json
import re
import stat
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from handouts.build.languages import language_name
from handouts.build.manifest import Facts, Made
from handouts.build.thumbnails import (
    FirstSlide,
    deck_thumbnail,
    pdfium_error,
    thumbnail,
    whole_png,
)
from handouts.check.literacy import CheckResult, Grade
from handouts.check.spanish import SpanishGrade
from handouts.errors import Diagnostic, notes_in
from handouts.files import digest, read_own, write_atomic

REPORT_DIR = "_report"
REPORT_RECORD = ".handouts-report.json"
"""Beside a clinic's index.html: the report's files as the build wrote them."""
CLINICS_RECORD = ".handouts-clinics.json"
"""Beside the index of several clinics' reports: that index as the build wrote it."""


@dataclass(frozen=True)
class Item:
    """One output in the report."""

    topic: str
    """The topic file's name (content.model.Topic.name: "naloxone", "naloxone.es")."""
    level: str
    length: str
    fmt: str
    path: Path
    unit: str
    """What the output's count counts, singular ('page', 'slide')."""
    language: str = "en-US"
    """The BCP 47 tag of the output's language."""

    def counted(self, count: int) -> str:
        """`count` of this output's units in words: '1 page', '3 slides'."""
        return f"{count} {self.unit}{'s' * (count != 1)}"


def _ordinary(path: Path) -> bool:
    """Whether `path` is an ordinary file itself (not a link, named pipe or device)."""
    try:
        return stat.S_ISREG(path.lstat().st_mode)
    except OSError:
        return False


def _bar(label: str, value: float, target: float | None, scale: float = 16.0,
         at_least: bool = False) -> str:
    """A small inline SVG bar: the figure, and the target as a line (a most, or a least
    when `at_least`)."""
    width = 160
    x = min(value, scale) / scale * width
    ok = target is None or (value >= target if at_least else value <= target)
    colour = "#2E7D32" if ok else "#C62828"
    marker = ""
    if target is not None:
        tx = min(target, scale) / scale * width
        marker = (f'<line x1="{tx:.1f}" y1="0" x2="{tx:.1f}" y2="14" stroke="#222" '
                  f'stroke-width="2"><title>target {target:g}</title></line>')
    return (f'<div class="bar"><span>{html.escape(label)} {value:.1f}'
            f'{f" / {target:g}" if target is not None else ""}</span>'
            f'<svg width="{width}" height="14" role="img" aria-label="{html.escape(label)} '
            f'{value:.1f}"><rect width="{width}" height="14" fill="#EEE"/>'
            f'<rect width="{x:.1f}" height="14" fill="{colour}"/>{marker}</svg></div>')


CSS = """
body{font-family:system-ui,sans-serif;margin:24px;color:#1A1A1A;max-width:1400px}
h1{font-size:24px} h2{font-size:20px;margin-top:32px;border-bottom:2px solid #1B5E7A}
table{border-collapse:collapse} td,th{border:1px solid #CCC;padding:8px;vertical-align:top}
th{background:#F2F5F7;text-align:left} .cell{display:flex;gap:8px}
.out{font-size:12px;width:140px;overflow-wrap:anywhere}
.out img{border:1px solid #AAA;max-width:130px;display:block}
.placeholder{width:130px;height:75px;border:1px solid #AAA;display:flex;align-items:center;
justify-content:center;text-align:center;font-size:12px;background:#FAFAFA}
.bar{font-size:12px;font-weight:normal;margin:4px 0} .bar span{display:block}
.warn{color:#8A4B00} .note{color:#3D4F5C} .fail{color:#C62828} .summary{margin:8px 0 16px}
"""


def write(out_dir: Path, title: str, items: Sequence[Item], result: CheckResult,
          warnings: Sequence[Diagnostic], failed: Sequence[str], thumbnails: bool = True,
          known: Mapping[Path, Facts] | None = None,
          first_slide: FirstSlide | None = None) -> Path:
    """Write `out_dir/index.html` (and its thumbnails) and return its path. `known` gives
    the facts of each output that is what a build made; another file where an output
    goes is shown as out of date, and not opened. A deck's thumbnail is its title slide
    as `first_slide` draws it (handouts.build.thumbnails.first_slides; None: decks have
    none)."""
    known = known or {}
    thumbs_dir = out_dir / REPORT_DIR
    if thumbs_dir.is_symlink() or (thumbs_dir.exists() and not thumbs_dir.is_dir()):
        thumbs_dir.unlink()  # the build's own name: never follow it out of the build folder
    thumbs_dir.mkdir(parents=True, exist_ok=True)
    thumb: dict[Path, Path] = {i.path: thumbs_dir / f"{i.path.stem}.{i.fmt}.png" for i in items}
    shown: dict[Path, str] = {}
    titles: dict[Path, str] = {}
    for item in items:
        if not _ordinary(item.path):  # not built, or not a file the build made: not opened
            continue
        png = thumb[item.path]
        fresh = whole_png(png) and png.stat().st_mtime >= item.path.stat().st_mtime
        if not thumbnails:
            png.unlink(missing_ok=True)
        facts = known.get(item.path)
        if facts is None:  # not the bytes a build recorded making
            shown[item.path] = "out of date"
            continue
        shown[item.path] = item.counted(facts.count)
        titles[item.path] = facts.title
        if not thumbnails or fresh:
            continue
        if item.path.suffix == ".pdf":
            try:
                thumbnail(item.path, png)
            except (OSError, ValueError, pdfium_error()):
                png.unlink(missing_ok=True)
        elif item.fmt == "pptx":
            deck_thumbnail(item.path, png, first_slide)
    notes = [w for w in warnings if w.severity == "note"]
    warnings = [w for w in warnings if w.severity == "warning"]
    counted = len(notes) + notes_in(result.findings)
    body = [f"<h1>{html.escape(title)}</h1>",
            f'<p class="summary">{len(items)} outputs; {len(failed)} failed; '
            f"{len(warnings) + len(result.findings) - notes_in(result.findings)} warnings"
            f"{f'; {counted} notes' if counted else ''}. Reading figures name their "
            f"formula: {_formulas(result)}, with the level's target.</p>",
            f'<p class="summary">{html.escape(_accessibility(items, known))}</p>']
    if failed:
        body.append("<h2>Failed</h2><ul>" + "".join(
            f'<li class="fail">{html.escape(f)}</li>' for f in failed) + "</ul>")
    if warnings:
        body.append("<h2>Warnings</h2><ul>" + "".join(
            f'<li class="warn">{html.escape(str(w))}</li>' for w in warnings) + "</ul>")
    if notes:
        body.append("<h2>Notes</h2><ul>" + "".join(
            f'<li class="note">{html.escape(str(w))}</li>' for w in notes) + "</ul>")
    by_cell: dict[tuple[str, str, str], list[Item]] = {}
    for item in items:
        by_cell.setdefault((item.topic, item.level, item.length), []).append(item)
    languages = list(dict.fromkeys(i.language for i in items))
    levels = list(dict.fromkeys(i.level for i in items))
    lengths = list(dict.fromkeys(i.length for i in items))
    grouped = len(languages) > 1
    for language in languages:
        if grouped:
            body.append(f'<h2 id="{html.escape(language)}">'
                        f"{html.escape(language_name(language))}</h2>")
        topics = list(dict.fromkeys(i.topic for i in items if i.language == language))
        body += _topics(topics, levels, lengths, by_cell, result, thumb, shown, titles,
                        out_dir, "h3" if grouped else "h2")
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{html.escape(title)}</title><style>{CSS}</style></head><body>"
            + "\n".join(body) + "</body></html>\n")
    index = out_dir / "index.html"
    write_atomic(index, page.encode("utf-8"))
    record_written(out_dir, [index, *(png for png in thumb.values() if png.exists())],
                   REPORT_RECORD)
    return index


def _topics(topics: Sequence[str], levels: Sequence[str], lengths: Sequence[str],
            by_cell: Mapping[tuple[str, str, str], list[Item]], result: CheckResult,
            thumb: Mapping[Path, Path], shown: Mapping[Path, str],
            titles: Mapping[Path, str], out_dir: Path, heading: str) -> list[str]:
    """The report's part for `topics`: each topic's heading (an `heading` element), its grid
    of levels x lengths with the reading figures, and its findings."""
    body: list[str] = []
    for topic in topics:
        body.append(f'<{heading} id="{html.escape(topic)}">{html.escape(topic)}</{heading}>')
        body.append("<table><tr><th>level and reading</th>" + "".join(
            f"<th>{html.escape(n)}</th>" for n in lengths) + "</tr>")
        for level in levels:
            grade = next((g for g in result.grades if (g.topic, g.level.name) == (topic, level)),
                         None)
            row = [f"<th>{html.escape(level)}{_reading(grade)}</th>"]
            for length in lengths:
                cells = by_cell.get((topic, level, length), [])
                row.append('<td><div class="cell">' + "".join(
                    _output(i, thumb[i.path], shown.get(i.path, "not built"),
                            titles.get(i.path, ""), out_dir)
                    for i in cells) + "</div></td>")
            body.append("<tr>" + "".join(row) + "</tr>")
        body.append("</table>")
        found = result.for_topic(topic)
        if found:
            body.append("<ul>" + "".join(f'<li class="{f.severity[:4]}">{html.escape(str(f))}</li>'
                                         for f in found) + "</ul>")
    return body


def write_index(build_dir: Path, clinics: Sequence[tuple[str, Path | None, str]],
                not_built: Sequence[str] = ()) -> Path:
    """Write `build_dir/index.html` for a build of several clinics and return its path:
    each clinic's name (linked to its own report when it has one, given as (name, report,
    what was built)), then each clinic that could not be built with why."""
    rows = []
    for name, report, line in clinics:
        shown = html.escape(name)
        if report is not None:
            link = html.escape(report.relative_to(build_dir).as_posix())
            shown = f'<a href="{link}">{shown}</a>'
        rows.append(f"<li>{shown}: {html.escape(line)}</li>")
    rows += [f'<li class="fail">not built: {html.escape(why)}</li>' for why in not_built]
    page = ("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Handouts for {len(clinics)} clinics</title><style>{CSS}</style></head>"
            f"<body><h1>Handouts for {len(clinics)} clinics</h1><ul>{''.join(rows)}</ul>"
            "</body></html>\n")
    index = build_dir / "index.html"
    write_atomic(index, page.encode("utf-8"))
    record_written(build_dir, [index], CLINICS_RECORD)
    return index


_REPORT_FILE = re.compile(r"^(index\.html|_report/[A-Za-z0-9][A-Za-z0-9._-]*\.png)$")
"""The names, relative to its folder, that a build report's files have."""


def record_written(folder: Path, files: Sequence[Path], record: str) -> None:
    """Record `files` (in `folder`) as the build's own: each name with its size and SHA-256,
    in `folder/record`, so `remove_written` can tell them from anything else."""
    found = {path.relative_to(folder).as_posix(): [path.stat().st_size, digest(path)]
             for path in files if _ordinary(path)}
    write_atomic(folder / record, json.dumps(found, indent=1, sort_keys=True).encode())


def remove_written(folder: Path, record: str) -> None:
    """Delete the files `record_written` recorded in `folder/record`, then the record, and
    the thumbnails' folder if that is left empty. A file is deleted only if it is named as
    a report's files are (index.html, _report/NAME.png), it lies in `folder` once every
    link is resolved, it is an ordinary file, and its bytes are those recorded: a record
    edited by hand can delete nothing else."""
    try:
        data = json.loads(read_own(folder / record) or b"{}")
    except ValueError:
        data = {}
    for name, entry in (data.items() if isinstance(data, dict) else ()):
        path = folder / name
        if _REPORT_FILE.match(name) and isinstance(entry, list) and len(entry) == 2 \
                and type(entry[0]) is int and isinstance(entry[1], str) \
                and not path.parent.is_symlink() \
                and path.resolve().is_relative_to(folder.resolve()) \
                and Made("", entry[0], entry[1]).intact(path):
            path.unlink(missing_ok=True)
    if (folder / record).is_file() or (folder / record).is_symlink():
        (folder / record).unlink()
    with contextlib.suppress(OSError):
        (folder / REPORT_DIR).rmdir()


def _formulas(result: CheckResult) -> str:
    """The reading formulas of the figures in `result`, in words: each language's that
    is measured (English by default)."""
    spanish = any(isinstance(g, SpanishGrade) for g in result.grades)
    english = any(not isinstance(g, SpanishGrade) for g in result.grades) or not spanish
    named = (["Flesch-Kincaid grade and SMOG grade (English)"] if english else []) + \
        (["Szigriszt-Pazos perspicuity on the INFLESZ scale, and Fernández-Huerta "
          "(Spanish)"] if spanish else [])
    return "; ".join(named)


def _reading(grade: Grade | SpanishGrade | None) -> str:
    if grade is None:
        return ""
    r = grade.reading
    if isinstance(grade, SpanishGrade):
        return (_bar("Szigriszt-Pazos (INFLESZ)", grade.inflesz, grade.min_inflesz, 100.0,
                     at_least=True)
                + _bar("Fernández-Huerta", grade.fernandez_huerta, None, 100.0)
                + f'<div class="bar">{r.words_per_sentence:.1f} words per sentence; '
                  f"{grade.syllables_per_word:.2f} syllables per word</div>")
    return (_bar("Flesch-Kincaid grade", r.flesch_kincaid, grade.level.max_flesch_kincaid)
            + _bar("SMOG grade", r.smog, grade.level.max_smog)
            + f'<div class="bar">{r.words_per_sentence:.1f} words per sentence; '
              f"{r.polysyllable_share:.0%} of words have 3+ syllables</div>")


def _accessibility(items: Sequence[Item], known: Mapping[Path, Facts]) -> str:
    """One sentence on the PDF/UA-1 validation of the PDFs shown (handouts.check.pdfua)."""
    from handouts.check.pdfua import INSTALL

    said = [known[i.path].accessible for i in items
            if i.path.suffix == ".pdf" and i.path in known]
    if not said:
        return "No PDF is shown, so none was validated against PDF/UA-1."
    passed, failed = said.count("passed"), said.count("failed")
    not_run = len(said) - passed - failed
    parts = [f"PDF/UA-1 (accessible PDF) validation: {passed} of {len(said)} PDFs passed"]
    if failed:
        parts.append(f"{failed} failed (see the warnings)")
    if not_run:
        parts.append(f"{not_run} not checked: validation was not run ({INSTALL} "
                     "to validate every PDF the build makes)")
    return "; ".join(parts) + "."


def _output(item: Item, png: Path, fact: str, deck_title: str, out_dir: Path) -> str:
    link = html.escape(item.path.relative_to(out_dir).as_posix())
    name = html.escape(item.path.name)
    if png.exists():
        picture = (f'<img src="{html.escape(png.relative_to(out_dir).as_posix())}" '
                   f'alt="first page of {name}">')
    else:
        title = f'<span lang="{html.escape(item.language)}">{html.escape(deck_title)}</span>'
        picture = f'<div class="placeholder">{title}<br>{html.escape(fact)}</div>'
    return (f'<div class="out"><a href="{link}">{picture}</a>'
            f'<a href="{link}">{name}</a><br>{html.escape(fact)}</div>')
