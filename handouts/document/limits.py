"""Limits on one template's render: wall time (a Python-level stop), the process's data
(RLIMIT_DATA, so a runaway allocation fails with MemoryError), the characters written, and
processor time as a last resort that ends a build's worker even inside one C call.
"""

from __future__ import annotations

import contextlib
import signal
import threading
from collections.abc import Iterator
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError

TIME_LIMIT = 10.0
"""Seconds one template may run before it is stopped."""
MEMORY_MARGIN = 256 * 1024 * 1024
"""Bytes of data a process may add while one template runs (Linux, main thread)."""


def template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost traceback frame that is in a template file."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class TooSlow(Exception):
    """Raised inside a render that ran past its time limit."""


@contextlib.contextmanager
def _timer(kind: int, signum: int, seconds: float | None,
           action: Any) -> Iterator[None]:
    """Within: interval timer `kind` (signal.ITIMER_*) fires signal `signum` after `seconds`,
    handled by `action` (a function, or signal.SIG_DFL for the kernel's default action);
    both are put back on the way out. Main thread only, and None: no timer."""
    if seconds is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signum, action)
    signal.setitimer(kind, seconds)
    try:
        yield
    finally:
        signal.setitimer(kind, 0)
        signal.signal(signum, previous)


def time_limit(seconds: float) -> contextlib.AbstractContextManager[None]:
    """Stop the Python code inside after `seconds` of wall time (raising TooSlow)."""

    def stop(signum: int, frame: object) -> None:
        raise TooSlow

    return _timer(signal.ITIMER_REAL, signal.SIGALRM, seconds, stop)


def _data_in_use() -> int | None:
    """The bytes of data (heap and private writable mappings, what RLIMIT_DATA counts) this
    process holds, or None where /proc does not tell."""
    try:
        with open("/proc/self/status", encoding="ascii", errors="replace") as status:
            for line in status:
                if line.startswith("VmData:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        return None
    return None


@contextlib.contextmanager
def memory_limit(margin: int) -> Iterator[None]:
    """Let the code inside add at most `margin` bytes of data to the process; past that an
    allocation fails with MemoryError. The previous limit is restored on the way out. Only
    in the main thread (the limit is the whole process's) and where RLIMIT_DATA and /proc
    exist (Linux); elsewhere no limit."""
    try:
        import resource
    except ImportError:  # not on Windows
        yield
        return
    used = _data_in_use()
    if used is None or threading.current_thread() is not threading.main_thread():
        yield
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
    limit = used + margin
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    if soft != resource.RLIM_INFINITY and soft <= limit:
        yield
        return
    resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_DATA, (soft, hard))


def limited(template: jinja2.Template, context: Any, size_limit: int) -> str:
    parts: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > size_limit:
            raise SecurityError(f"the template wrote more than {size_limit:,} characters")
        parts.append(piece)
    return "".join(parts)


def processor_limit(seconds: float | None) -> contextlib.AbstractContextManager[None]:
    """End this whole process once the code inside has used `seconds` of processor time
    (ITIMER_PROF with SIGPROF's default action, which the kernel carries out even while
    one C call runs, when no Python handler could); None: no such limit. Only for a
    process that may be ended: a build's worker, whose parent reports it."""
    return _timer(signal.ITIMER_PROF, signal.SIGPROF, seconds, signal.SIG_DFL)


HARD_MARGIN = 2.0
"""Seconds of processor time beyond the time limit after which a render that is stuck
inside one C call (where the time limit cannot act) ends its worker process."""
