"""A build with nothing to do, answered from a record without loading the project.

After a build in which every output was made or already up to date, the build folder keeps
a record of that run: what it read (each input file's hash as the build read it; each
folder whose listing matters, as the build began), what it wrote (each output's size and
time), and what a rebuild would answer (a build.summary.Summary). The next build with the
same options on the same day hashes every input again and lists every folder; if nothing
it names has changed, it answers the same summary and stops, without importing the
content loader, Jinja or the writers.

What the record trusts: an input's size and time only as a hint that it changed (an edit
can keep both: `touch -r`, `cp -p`, unpacking an archive, a checkout), never as proof that
it did not; the content of every input is hashed. Outputs are the build's own: they are
trusted while they keep the size and time it left them with (an empty one never).

Any doubt falls through to the normal build, whose per-output fingerprints (manifest.py)
decide what to rebuild: a missing or unreadable record, another day (a review date may
have become overdue), other options, a changed file, a folder with other entries.

The project's folders come from its settings (build.settings.load), read once by the
build. This module imports only the standard library, the settings and the files module:
it runs before anything else is loaded.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import time
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handouts import __version__
from handouts.build.settings import SETTINGS_FILE
from handouts.files import read_own, write_atomic

if TYPE_CHECKING:
    from handouts.build.settings import Settings

RECORD = ".handouts-uptodate.json"


def _topic_files(content: Path) -> set[str]:
    """The topic files in `content` now (hidden files left out)."""
    try:
        return {str(content / n) for n in os.listdir(content) if not n.startswith(".")
                and n.endswith((".yaml", ".yml"))}
    except OSError:
        return set()


def key(options: Mapping[str, object]) -> str:
    """What a build's result depends on besides its files: its options, the day, the
    package version."""
    return json.dumps([options, dt.date.today().isoformat(), __version__], sort_keys=True)


def _listing(folder: Path, build: Path) -> str:
    """A hash of the names in `folder`, leaving out the build folder `build` (which a
    first build creates: its appearing changes no input)."""
    names = sorted(n for n in os.listdir(folder) if folder / n != build)
    return hashlib.sha256("\n".join(names).encode()).hexdigest()


def _stat(path: str | Path) -> tuple[int, int] | None:
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


def listings(folders: Iterable[Path], build: Path) -> dict[str, list[object]]:
    """Each folder's time and a hash of its listing without the build folder `build` (a
    folder that is not there: [0, '']), taken before a build reads what they hold."""
    found: dict[str, list[object]] = {}
    for path in sorted(set(folders)):
        try:
            found[str(path)] = [os.stat(path).st_mtime_ns, _listing(path, build)] \
                if path.is_dir() else [0, ""]
        except OSError:
            found[str(path)] = [0, ""]
    return found


def record(out_dir: Path, build_key: str, inputs: Iterable[Path],
           digest_of: Callable[[Path], str], folders: dict[str, list[object]],
           outputs: Iterable[Path], answer: object) -> None:
    """Record a build that left everything up to date. Each input is recorded with the
    digest the build made its outputs from (`digest_of`, the build's files.Digests) and
    each folder with its listing as the build began (`listings`), never as they are now,
    so a file saved during the build is made again next time. `answer` is what a rebuild
    answers, as JSON values (build.summary.Summary.as_json). Nothing is recorded if a file
    is missing or empty."""
    data: dict[str, object] = {"key": build_key, "written": time.time_ns(), "answer": answer}
    try:
        files: dict[str, list[object]] = {}
        for path in sorted(set(inputs)):
            st = os.stat(path)
            files[str(path)] = [st.st_size, st.st_mtime_ns, digest_of(path)]
        made = {str(path): list(_stat(path) or ()) for path in sorted(set(outputs))}
        if not all(entry and entry[0] for entry in made.values()):
            return
        data.update(inputs=files, folders=folders, outputs=made)
        write_atomic(out_dir / RECORD, json.dumps(data, separators=(",", ":")).encode())
    except OSError:
        return


def _ordinary_digest(path: Path) -> str | None:
    """The SHA-256 of `path` if it is an ordinary file of at most 256 MiB, else None."""
    data = read_own(path, follow=True)
    return hashlib.sha256(data).hexdigest() if data is not None else None


def _shaped(value: object, *types: type) -> bool:
    return isinstance(value, list) and len(value) == len(types) and \
        all(isinstance(v, t) for v, t in zip(value, types, strict=True))


_ENTRIES = {"inputs": (int, int, str), "folders": (int, str), "outputs": (int, int)}
"""What `record` writes for each input file, folder and output."""


def _load(path: Path, build_key: str) -> dict[str, Any] | None:
    """The record at `path` if it is for `build_key` and has the shape `record` writes."""
    raw = read_own(path)
    if raw is None:  # none yet, or not a file of ours
        return None
    try:
        data = json.loads(raw)
    except ValueError:
        return None
    if not (isinstance(data, dict) and data.get("key") == build_key
            and isinstance(data.get("written"), int) and "answer" in data
            and all(isinstance(data.get(kind), dict)
                    and all(_shaped(entry, *types) for entry in data[kind].values())
                    for kind, types in _ENTRIES.items())):
        return None
    return data


def check(settings: Settings, build_key: str) -> object | None:
    """What a rebuild answers (the `answer` given to `record`, its shape unchecked) if the
    project of `settings` is up to date as its build folder's record says; None to build
    normally.

    The record must name the settings and every topic file there is now. Every input file
    is hashed again (only an ordinary file: a named pipe or device in a record edited by
    hand is not read): its size and time only say early that it changed, never that it
    did not. Folders are listed again; outputs must have the size and time the build left
    them with.
    """
    root, out_dir, content = settings.root, settings.build_dir, settings.content_dir
    data = _load(out_dir / RECORD, build_key)
    if data is None:
        return None
    needed = _topic_files(content) | ({str(root / SETTINGS_FILE)}
                                      if os.path.lexists(root / SETTINGS_FILE) else set())
    if not needed <= data["inputs"].keys():
        return None
    try:
        for name, (size, mtime, recorded) in data["inputs"].items():
            if _stat(name) != (size, mtime) or _ordinary_digest(Path(name)) != recorded:
                return None
        for name, (_mtime, listing) in data["folders"].items():
            path = Path(name)
            if not path.is_dir():
                if listing:
                    return None
                continue
            if _listing(path, out_dir) != listing:
                return None
    except OSError:  # a file or folder went away while it was read
        return None
    for name, (size, mtime) in data["outputs"].items():
        if not size or _stat(name) != (size, mtime):  # a name: a Path each costs time
            return None
    answer: object = data["answer"]
    return answer
