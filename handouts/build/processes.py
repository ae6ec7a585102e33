"""The build's processes: the lock on the build folder (naming its holder, taken over when
the holder has died), SIGTERM handled as Ctrl-C, and workers that end with the main process
however it ends.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

from handouts.errors import BuildError

LOCK = ".handouts.lock"
"""The lock file in the build folder: the holder's pid and start time (clock ticks since
boot, from /proc), one line."""


@contextlib.contextmanager
def locked(out_dir: Path, notice: Callable[[str], None] = lambda text: None
           ) -> Iterator[int]:
    """Hold the build folder's lock, or stop with a clear message if another build has it;
    yields the lock file's descriptor (workers close their copy).

    The lock file names its holder (pid and start time). A lock whose holder has died but
    is still held (by processes it left behind) is taken over, with a `notice`: the old
    lock file is replaced by a new one.
    """
    path = out_dir / LOCK
    for _attempt in range(3):
        try:
            out_dir.mkdir(parents=True, exist_ok=True)
            fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC | os.O_NOFOLLOW, 0o666)
        except OSError as exc:
            raise BuildError(f"cannot write to {out_dir}: {exc.strerror}; check that the "
                             "build folder is writable and the disk has space") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(fd)
            if holder is None or _alive(*holder):
                who = f" (pid {holder[0]})" if holder else ""
                raise BuildError(f"another make-handouts build{who} is writing to {out_dir}; "
                                 "wait for it to finish, then build again") from None
            with contextlib.suppress(OSError):
                os.unlink(path)
            notice(f"taking over the lock on {out_dir}: the build that held it (pid "
                   f"{holder[0]}) has stopped")
            continue
        try:
            if os.fstat(fd).st_ino != os.stat(path).st_ino:  # replaced meanwhile: again
                continue
        except OSError:
            continue
        else:
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"{os.getpid()} {_started(os.getpid())}\n".encode(), 0)
            try:
                yield fd
            finally:
                with contextlib.suppress(OSError):
                    os.ftruncate(fd, 0)
            return
        finally:
            with contextlib.suppress(OSError):
                os.close(fd)
    raise BuildError(f"cannot take the lock on {out_dir}: another build keeps replacing it")


def _started(pid: int) -> str:
    """When process `pid` started, in clock ticks since boot (/proc; '' where unknown)."""
    try:
        with open(f"/proc/{pid}/stat", "rb") as handle:
            fields = handle.read().rsplit(b")", 1)[1].split()
        return fields[19].decode()
    except (OSError, IndexError):
        return ""


def _holder(fd: int) -> tuple[int, str] | None:
    """The pid and start time written in a lock file, if it names its holder."""
    try:
        words = os.pread(fd, 100, 0).decode().split()
        return int(words[0]), words[1] if len(words) > 1 else ""
    except (OSError, ValueError, IndexError):
        return None


def _alive(pid: int, started: str) -> bool:
    """Whether process `pid` still runs and is the one that started at `started`."""
    now = _started(pid)
    if now:
        return not started or now == started
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return not os.path.isdir("/proc/self")  # no /proc: trust the signal


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """Within: SIGTERM stops the build as Ctrl-C does (finished outputs kept, staged files
    removed, workers ended), rather than leaving staged files behind."""
    import threading

    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def die_with_parent(parent: int) -> None:
    """Have the kernel end this process when its parent ends (Linux prctl
    PR_SET_PDEATHSIG); a thread that watches the parent's pid does it elsewhere."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        pr_set_pdeathsig = 1
        if libc.prctl(pr_set_pdeathsig, signal.SIGKILL, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "prctl")
    except (OSError, AttributeError):
        import threading
        import time

        def watch() -> None:
            while os.getppid() == parent:
                time.sleep(0.5)
            os._exit(1)

        threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:  # the parent ended before the request took effect
        os._exit(1)
