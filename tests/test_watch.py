"""`make-handouts watch`: rebuilds on save, reports errors, keeps watching."""

from __future__ import annotations

import contextlib
import os
import queue
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path


def lines_of(process: subprocess.Popen[str]) -> queue.Queue[str]:
    out: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            out.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return out


def wait_for(out: queue.Queue[str], text: str, seconds: float = 60) -> str:
    end = time.monotonic() + seconds
    seen = []
    while time.monotonic() < end:
        try:
            line = out.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"{text!r} not seen; got:\n{''.join(seen)}")


@contextlib.contextmanager
def watching(sample: Path) -> Iterator[queue.Queue[str]]:
    """`make-handouts watch` running on `sample`: its output lines, once it says it is
    watching; it is stopped on the way out."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "handouts", "-C", str(sample), "watch", "--no-thumbnails"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        out = lines_of(process)
        wait_for(out, "watching", 180)
        yield out
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def test_watch_rebuilds_on_save_and_survives_an_error(sample: Path) -> None:
    with watching(sample) as out:
        topic = sample / "content/ketamine-and-addiction.yaml"
        good = topic.read_text()
        topic.write_text(good.replace("title: Ketamine and Addiction", "title: [broken"))
        wait_for(out, "invalid YAML")
        topic.write_text(good.replace("title: Ketamine and Addiction",
                                      "title: Ketamine and Addiction Facts"))
        line = wait_for(out, "built 18, unchanged 18")
        assert "failed 0" in line
