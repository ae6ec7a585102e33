"""Writing files so that no reader ever sees half of one."""

from __future__ import annotations

import functools
import hashlib
import os
import time
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)

RACY_NS = 2_000_000_000
"""A file changed this recently (in ns) is read again, not trusted by its size and time: a
second edit within the file system's clock tick could keep both."""


def write_atomic(path: Path, data: bytes) -> None:
    """Write `data` to `path` through a temporary file in the same folder and a rename.

    The file gets the permissions any new file would (mkstemp's are owner-only, which
    would hide a clinic's handouts from the others sharing its folder).
    """
    import tempfile  # only when writing: a build with nothing to do never needs it

    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        os.fchmod(fd, 0o666 & ~_UMASK)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def digest(path: Path) -> str:
    """The SHA-256 of a file's bytes, hashed once per process while its size and time stay
    the same (the manifest and the up-to-date record both hash every input); a file changed
    within RACY_NS is always read."""
    st = os.stat(path)
    if time.time_ns() - st.st_mtime_ns < RACY_NS:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    return _digest(path, st.st_size, st.st_mtime_ns)


@functools.lru_cache(maxsize=4096)
def _digest(path: Path, size: int, mtime_ns: int) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
