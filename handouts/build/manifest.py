"""What each output was made from, so a rebuild with nothing changed writes nothing.

An output's fingerprint hashes everything that can change it: the package version, the
job (topic, level, length, format), the topic's file as it was read, the settings, the
brand file and every file it names (logo, fonts, PowerPoint template), the built-in fonts,
and every template the project or the package holds. When it changes, a second
fingerprint decides: what the output is drawn from (`drawn`: its layout document as the
template wrote it, the writer's inputs and the pictures the document names). An output
whose drawing is unchanged keeps its file, so an edit remakes only the outputs it shows in.
The pictures an output was drawn from are kept with their digests (`Made.pictures`): one
saved with other bytes makes the output out of date though its fingerprint is the same.
Beside it the manifest keeps the output's own size and SHA-256, so an output that was
emptied, cut short or replaced is made again rather than trusted, and what its writer
said of it (its `Facts`), so the build report can describe an output made by an earlier
build without opening it.
"""

from __future__ import annotations

import hashlib
import json
import stat
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from handouts import __version__
from handouts.build.summary import diagnostic_from_json, diagnostic_json
from handouts.errors import Diagnostic
from handouts.files import digest, read_own, write_atomic

MANIFEST = ".handouts-manifest.json"


@dataclass(frozen=True)
class Facts:
    """What the build report says of an output, as its writer said when it made it."""

    count: int
    """Its pages or slides."""
    title: str = ""
    """The title it opens with, where its format has one to show (a deck), else ''."""
    warnings: tuple[Diagnostic, ...] = ()
    """What the build said when it made it (warnings and notes), said again while it is
    up to date."""
    accessible: str = ""
    """A PDF's PDF/UA-1 validation when it was made (handouts.check.pdfua): 'passed',
    'failed', or 'not checked' (page-validation not installed); '' for other formats."""


@dataclass(frozen=True)
class Made:
    """One output as the build left it: what it was made from, its bytes' size and
    SHA-256, and its facts (None in a record written before they were kept)."""

    fingerprint: str
    size: int
    sha256: str
    facts: Facts | None = None
    drawn: str = ""
    """The fingerprint of what it was drawn from (`drawn`); '' in an older record."""
    pictures: tuple[tuple[str, str], ...] | None = ()
    """The picture files its layout named (each path, and the SHA-256 of the bytes it was
    drawn from): it is out of date when one of them changes (`pictures_unchanged`). None
    in a record written before they were kept: not known, so out of date once."""

    def pictures_unchanged(self, hashed: Callable[[Path], str]) -> bool:
        """Whether every picture file it was drawn from still has the bytes it had (by
        `hashed`, the build's files.Digests); a picture gone, or not known, is a change."""
        if self.pictures is None:
            return False
        try:
            return all(hashed(Path(path)) == sha for path, sha in self.pictures)
        except OSError:
            return False

    def intact(self, path: Path) -> bool:
        """Whether the file at `path` is still exactly what the build wrote: an ordinary
        file (never a link, named pipe or device, which is not opened) of its bytes."""
        try:
            st = path.lstat()
            return stat.S_ISREG(st.st_mode) and st.st_size == self.size > 0 \
                and digest(path) == self.sha256
        except OSError:
            return False


def _digest(paths: Iterable[Path], hashed: Callable[[Path], str]) -> str:
    h = hashlib.sha256()
    for path in sorted(set(paths)):
        h.update(str(path).encode())
        h.update(hashed(path).encode() if path.is_file() else b"-")
    return h.hexdigest()


def shared_inputs(settings_text: str, brand_files: Iterable[Path],
                  package_files: Iterable[Path], hashed: Callable[[Path], str] = digest) -> str:
    """The fingerprint of what every output of a project depends on: its settings, its
    brand's files, and the templates and built-in fonts (`package_files`), each file
    hashed by `hashed` (a build's files.Digests)."""
    h = hashlib.sha256(__version__.encode())
    h.update(settings_text.encode())
    h.update(_digest(brand_files, hashed).encode())
    h.update(_digest(package_files, hashed).encode())
    return h.hexdigest()


def drawn(base: str, job_key: str, layout: str, inputs: str, pictures: Iterable[Path],
          hashed: Callable[[Path], str] = digest) -> str:
    """The fingerprint of what one output is drawn from: `base` (what every output in its
    language is drawn from besides its own document: settings, brand files, fonts, labels;
    shared_inputs), its layout document as the template wrote it, the writer's inputs (as
    their repr) and the picture files the document names. An output whose topic or
    templates changed but whose fingerprint did not is kept as it is."""
    h = hashlib.sha256(f"{base}\n{job_key}\n{inputs}\n".encode())
    h.update(hashlib.sha256(layout.encode()).digest())
    h.update(_digest(pictures, hashed).encode())
    return h.hexdigest()


def fingerprint(shared: str, topic_digest: str, job_key: str) -> str:
    """The fingerprint of one output, from the digest of its topic file as it was read."""
    return hashlib.sha256(f"{shared}\n{job_key}\n{topic_digest}".encode()).hexdigest()


def load(out_dir: Path) -> dict[str, Made]:
    """The recorded outputs (relative output path to what was made); empty if none, and
    any entry not of the shape `save` writes is left out."""
    raw = read_own(out_dir / MANIFEST)
    try:
        data = json.loads(raw or b"{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    found: dict[str, Made] = {}
    for key, value in data.items():
        made = _made(value)
        if made is not None:
            found[str(key)] = made
    return found


def _made(value: object) -> Made | None:
    """One record as `save` writes it: [fingerprint, size, sha256], then (when the facts
    were kept) count, title, warnings and a PDF's accessibility ('' for none), then what it
    was drawn from, then its pictures ([path, sha256] each); older records stop after the
    warnings, the accessibility or what it was drawn from. None for anything else."""
    if not (isinstance(value, list) and len(value) in (3, 6, 7, 8, 9)
            and isinstance(value[0], str) and isinstance(value[1], int)
            and isinstance(value[2], str)):
        return None
    if len(value) == 3:
        return Made(value[0], value[1], value[2])
    count, title, said, *rest = value[3:]
    accessible, drawn_from, used = [*rest, "", "", None][:3]
    if used is not None and not (isinstance(used, list) and all(
            isinstance(u, list) and len(u) == 2 and all(isinstance(x, str) for x in u)
            for u in used)):
        return None
    if not (isinstance(count, int) and not isinstance(count, bool) and isinstance(title, str)
            and isinstance(said, list) and isinstance(accessible, str)
            and isinstance(drawn_from, str)):
        return None
    warnings = [diagnostic_from_json(w) for w in said]
    if any(w is None for w in warnings):
        return None
    return Made(value[0], value[1], value[2],
                Facts(count, title, tuple(w for w in warnings if w is not None), accessible),
                drawn_from, None if used is None else tuple((path, sha) for path, sha in used))


def _facts(facts: Facts) -> tuple[object, ...]:
    """`facts` as a record keeps them: count, title and what the build said, and a PDF's
    accessibility."""
    return (facts.count, facts.title, [diagnostic_json(w) for w in facts.warnings],
            facts.accessible)


def save(out_dir: Path, records: dict[str, Made]) -> None:
    """Record what was made, atomically."""
    data = {key: [m.fingerprint, m.size, m.sha256,
                  *((*_facts(m.facts), m.drawn, [list(u) for u in m.pictures or ()])
                    if m.facts else ())]
            for key, m in records.items()}
    write_atomic(out_dir / MANIFEST, json.dumps(data, indent=1, sort_keys=True).encode())
