"""A build with nothing to do, answered from a record without loading the project.

After a build in which every output was made or already up to date, the build folder keeps
a record of that run: what it read (each input file's size, time and hash; each folder whose
listing matters), what it wrote (each output's size and time), and what a rebuild would
print. The next build with the same options on the same day checks that record with stat()
alone; if nothing it names has changed, it prints the same summary and stops, without
importing the content loader, Jinja or the writers.

Any doubt falls through to the normal build, whose per-output fingerprints (manifest.py)
decide what to rebuild: a missing or unreadable record, another day (a review date may
have become overdue), other options, a changed file, a folder with other entries. A file
whose time is close to when the record was written is hashed again rather than trusted,
since a second edit within the file system's clock tick would keep its time and size.

This module imports only the standard library: it runs before anything else is loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from handouts import __version__
from handouts.files import RACY_NS, digest, write_atomic

RECORD = ".handouts-uptodate.json"


def build_dir(root: Path) -> Path:
    """The project's build folder, as handouts.toml names it (build/ if it cannot tell)."""
    try:
        with (root / "handouts.toml").open("rb") as f:
            name = tomllib.load(f).get("project", {}).get("build", "build")
    except (OSError, tomllib.TOMLDecodeError, AttributeError):
        name = "build"
    return root / str(name)


def key(options: Mapping[str, object]) -> str:
    """What a build's result depends on besides its files: its options, the day, the
    package version."""
    return json.dumps([options, dt.date.today().isoformat(), __version__], sort_keys=True)


def _listing(folder: Path) -> str:
    return hashlib.sha256("\n".join(sorted(os.listdir(folder))).encode()).hexdigest()


def _stat(path: Path) -> tuple[int, int] | None:
    try:
        st = os.stat(path)
    except OSError:
        return None
    return st.st_size, st.st_mtime_ns


def clear(out_dir: Path) -> None:
    """Forget the record: a build is about to write."""
    try:
        (out_dir / RECORD).unlink()
    except OSError:
        pass


def record(out_dir: Path, build_key: str, inputs: Iterable[Path], folders: Iterable[Path],
           outputs: Iterable[Path], lines: list[tuple[str, str]]) -> None:
    """Record a build that left everything up to date. `lines` are (stream, text) pairs,
    stream 'out' or 'err', that a rebuild prints. Nothing is recorded if a file is missing.
    """
    written = time.time_ns()
    data: dict[str, object] = {"key": build_key, "written": written, "lines": lines}
    try:
        files: dict[str, list[object]] = {}
        for path in sorted(set(inputs)):
            st = os.stat(path)
            files[str(path)] = [st.st_size, st.st_mtime_ns, digest(path)]
        listings: dict[str, list[object]] = {}
        for path in sorted(set(folders)):
            listings[str(path)] = [os.stat(path).st_mtime_ns, _listing(path)] \
                if path.is_dir() else [0, ""]
        made = {str(path): list(_stat(path) or ()) for path in sorted(set(outputs))}
        if not all(made.values()):
            return
    except OSError:
        return
    data.update(inputs=files, folders=listings, outputs=made)
    write_atomic(out_dir / RECORD, json.dumps(data, separators=(",", ":")).encode())


def _shaped(value: object, *types: type) -> bool:
    return isinstance(value, list) and len(value) == len(types) and \
        all(isinstance(v, t) for v, t in zip(value, types, strict=True))


_ENTRIES = {"inputs": (int, int, str), "folders": (int, str), "outputs": (int, int)}
"""What `record` writes for each input file, folder and output."""


def _load(path: Path, build_key: str) -> dict[str, Any] | None:
    """The record at `path` if it is for `build_key` and has the shape `record` writes."""
    try:
        data = json.loads(path.read_bytes())
    except (OSError, ValueError):  # none yet, or unreadable
        return None
    if not (isinstance(data, dict) and data.get("key") == build_key
            and isinstance(data.get("written"), int) and isinstance(data.get("lines"), list)
            and all(_shaped(line, str, str) for line in data["lines"])
            and all(isinstance(data.get(kind), dict)
                    and all(_shaped(entry, *types) for entry in data[kind].values())
                    for kind, types in _ENTRIES.items())):
        return None
    return data


def check(out_dir: Path, build_key: str) -> list[tuple[str, str]] | None:
    """What to print if the recorded build is still up to date; None to build normally."""
    data = _load(out_dir / RECORD, build_key)
    if data is None:
        return None
    racy_from = data["written"] - RACY_NS
    try:
        for name, (size, mtime, recorded) in data["inputs"].items():
            path = Path(name)
            now = _stat(path)
            if now is None:
                return None
            if (now != (size, mtime) or mtime >= racy_from) and digest(path) != recorded:
                return None
        for name, (mtime, listing) in data["folders"].items():
            path = Path(name)
            if not path.is_dir():
                if listing:
                    return None
                continue
            st = _stat(path)
            if (st is None or st[1] != mtime or mtime >= racy_from) and \
                    _listing(path) != listing:
                return None
    except OSError:  # a file or folder went away while it was read
        return None
    for name, (size, mtime) in data["outputs"].items():
        if _stat(Path(name)) != (size, mtime):
            return None
    return [(stream, text) for stream, text in data["lines"]]
