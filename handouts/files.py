"""Writing files so that no reader ever sees half of one."""

from __future__ import annotations

import hashlib
import os
import stat
from collections.abc import Sequence
from pathlib import Path

_UMASK = os.umask(0)
os.umask(_UMASK)

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
    """The SHA-256 of a file's bytes, read now (never trusted from its size and time: an
    edit can keep both, as `touch -r`, `cp -p` and unpacking an archive do)."""
    h = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _open_ordinary(path: Path, follow: bool) -> tuple[int, int]:
    """A descriptor of `path` and its size in bytes, opened without waiting (a named pipe
    is never waited on) and without following a final link unless `follow`; raises OSError
    if it cannot be opened, ValueError naming its kind if it is not an ordinary file."""
    flags = os.O_RDONLY | os.O_NONBLOCK | (0 if follow else getattr(os, "O_NOFOLLOW", 0))
    fd = os.open(path, flags)
    st = os.fstat(fd)
    if not stat.S_ISREG(st.st_mode):
        os.close(fd)
        raise ValueError(_kind_of(st.st_mode))
    return fd, st.st_size


def read_own(path: Path, limit: int = 256 * 1024 * 1024, follow: bool = False
             ) -> bytes | None:
    """The bytes of a file the build itself keeps (its manifest, its up-to-date record),
    or None when it is absent, a link (unless `follow`), not a regular file, or over
    `limit` bytes: such a file is never followed out of the build folder, nor waited on."""
    try:
        fd, size = _open_ordinary(path, follow)
    except (OSError, ValueError):
        return None
    with os.fdopen(fd, "rb") as handle:
        return handle.read(limit) if size <= limit else None


class Digests:
    """The SHA-256 of each input file as one build saw it: recorded as the file was read
    (`seen`), else hashed the first time it is asked for and remembered for the rest of
    that build only, so every output and record of a build names the same bytes."""

    def __init__(self) -> None:
        self._known: dict[Path, str] = {}

    def seen(self, path: Path, sha256: str) -> None:
        """Record the digest of the bytes a loader read from `path`."""
        if sha256:
            self._known.setdefault(path, sha256)

    def __call__(self, path: Path) -> str:
        """The digest of `path` as this build first saw it; raises OSError if unreadable."""
        if path not in self._known:
            self._known[path] = digest(path)
        return self._known[path]


# Reading inputs ---------------------------------------------------------------------------

KiB = 1024
MiB = 1024 * KiB

LIMITS: dict[str, int] = {
    "settings": 1 * MiB,
    "content": 4 * MiB,
    "brand": 1 * MiB,
    "template": 1 * MiB,
    "image": 32 * MiB,
    "font": 64 * MiB,
    "pptx": 100 * MiB,
}
"""The largest file (bytes) read for each kind of input; each is far above any real file
of its kind and far below what would exhaust memory."""


class Refused(Exception):
    """An input file the tool will not read: outside the places it may read, not a
    regular file, or larger than its limit. `what` and `todo` complete a located message
    about `path` (the path as the user gave it)."""

    def __init__(self, path: Path, what: str, todo: str) -> None:
        super().__init__(f"{path}: {what}; {todo}")
        self.path, self.what, self.todo = path, what, todo


def _kind_of(mode: int) -> str:
    for test, name in ((stat.S_ISDIR, "a folder"), (stat.S_ISFIFO, "a named pipe (FIFO)"),
                       (stat.S_ISCHR, "a character device"), (stat.S_ISBLK, "a block device"),
                       (stat.S_ISSOCK, "a socket")):
        if test(mode):
            return name
    return "not a regular file"


def inside(path: Path, roots: Sequence[Path]) -> Path:
    """`path` resolved (every symlink followed) if it lies inside one of `roots` (also
    resolved); raises Refused if it leads elsewhere or does not exist."""
    try:
        real = path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop, a name too long
        raise Refused(path, f"cannot be opened ({exc})", "fix the path") from None
    if not any(real.is_relative_to(root.resolve()) for root in roots):
        where = " or ".join(dict.fromkeys(str(root) for root in roots))
        raise Refused(path, f"leads outside the project (to {real})",
                      f"keep the file inside {where}, as a file rather than a link out")
    if not os.path.lexists(real):
        raise Refused(path, "does not exist", "create it or fix the path")
    return real


def read_input(path: Path, roots: Sequence[Path], limit: int) -> bytes:
    """The bytes of an input file, read by its real path only if that lies inside one of
    `roots`, is a regular file (never a FIFO, device or folder) and holds at most `limit`
    bytes, all checked before reading. Raises Refused."""
    real = inside(path, roots)
    try:
        fd, size = _open_ordinary(real, follow=False)
    except OSError as exc:
        raise Refused(path, f"cannot be read ({exc.strerror})",
                      "check that the file is readable") from None
    except ValueError as exc:
        raise Refused(path, f"is {exc}, not a file", "give the path of an ordinary file") \
            from None
    with os.fdopen(fd, "rb") as handle:
        if size > limit:
            raise Refused(path, f"is {size:,} bytes, more than the {limit:,} allowed",
                          "use a smaller file")
        data = handle.read(size + 1)
        if len(data) > size:  # it grew while it was read: read on, to the limit
            data += handle.read(limit + 1 - len(data))
    if len(data) > limit:
        raise Refused(path, f"is more than the {limit:,} bytes allowed", "use a smaller file")
    return data
