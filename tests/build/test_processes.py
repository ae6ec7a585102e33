"""No orphans, no stuck locks: workers end with the main process however it ends, a lock
left by a dead build is taken over, nothing staged is left behind, and `watch` ignores its
own outputs wherever they go."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build.processes import LOCK
from handouts.build.runner import STAGING
from tests.helpers import children, wait_for, watching

FLYERS = ("build", "--length", "short", "--format", "pdf", "--no-thumbnails")


def start_build(sample: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "handouts", "-C", str(sample), "build", "-j",
                             "2", "--no-thumbnails", "--no-report"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def running(pid: int) -> bool:
    """Whether `pid` is a live process (a zombie has ended)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def wait_for_workers(process: subprocess.Popen[str], sample: Path) -> list[int]:
    """The build's worker pids, once it has staged an output."""
    staging = sample / "build" / STAGING
    end = time.monotonic() + 120
    while time.monotonic() < end:
        assert process.poll() is None, "the build ended before it was stopped"
        workers = children(process.pid)
        if len(workers) >= 2 and staging.is_dir() and any(staging.rglob("*.p*")):
            return workers
        time.sleep(0.01)
    raise AssertionError("the build staged nothing")


def gone_within(pids: list[int], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if not any(running(pid) for pid in pids):
            return True
        time.sleep(0.05)
    return False


def leftovers(sample: Path) -> list[Path]:
    build = sample / "build"
    return [p for p in build.rglob("*") if p.name.endswith(".tmp") or STAGING in p.parts]


@pytest.mark.parametrize("how", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_the_main_process_is_killed(sample: Path, how: int) -> None:
    process = start_build(sample)
    workers: list[int] = []
    try:
        workers = wait_for_workers(process, sample)
        os.kill(process.pid, how)  # the main process alone, not its group
        process.communicate(timeout=60)
        assert gone_within(workers, 10), "workers outlived the main process"
    finally:
        for pid in [process.pid, *workers]:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
    if how == signal.SIGTERM:
        assert process.returncode != 0
        assert leftovers(sample) == []


def test_sigterm_to_the_group_leaves_nothing_staged(sample: Path) -> None:
    process = start_build(sample)
    try:
        wait_for_workers(process, sample)
        os.killpg(process.pid, signal.SIGTERM)
        out, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode != 0
    assert "Traceback" not in out
    assert leftovers(sample) == []
    again = subprocess.run([sys.executable, "-m", "handouts", "-C", str(sample), "build",
                            "--no-thumbnails", "--no-report"], capture_output=True, text=True,
                           check=False)
    assert again.returncode == 0 and "failed 0" in again.stdout, again.stdout + again.stderr


def test_the_next_build_cleans_what_a_sigkill_left(sample: Path,
                                                   cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, *FLYERS).exit_code == 0
    build = sample / "build"
    (build / STAGING / "ketamine-and-addiction").mkdir(parents=True)
    (build / STAGING / "ketamine-and-addiction" / "half.pdf").write_bytes(b"%PDF-1.4 half")
    for temporary in (build / ".index.html.k2j4h6g8.tmp",
                      build / "ketamine-and-addiction" / ".x-easy-flyer.pdf.ab12cd34.tmp"):
        temporary.write_bytes(b"half")
    keep = build / "ketamine-and-addiction" / "notes.tmp"  # not a name the build makes
    keep.write_bytes(b"keep")
    topic = sample / "content" / "ketamine-assisted-therapy.yaml"  # something to build
    topic.write_text(topic.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    result = cli("-C", sample, *FLYERS)
    assert result.exit_code == 0, result.output
    assert leftovers(sample) == [keep]


def hold_lock(lock: Path, pid_written: str) -> subprocess.Popen[str]:
    """A process that holds the lock and writes `pid_written` into it, as a build's
    orphaned worker would still hold it after the build itself died."""
    code = ("import fcntl, os, sys, time\n"
            f"fd = os.open({str(lock)!r}, os.O_RDWR | os.O_CREAT)\n"
            "fcntl.flock(fd, fcntl.LOCK_EX)\n"
            f"os.write(fd, {pid_written!r}.encode())\n"
            "print('held', flush=True)\n"
            "time.sleep(120)\n")
    holder = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    return holder


def test_a_lock_held_for_a_dead_build_is_taken_over_with_a_notice(
        sample: Path, cli: Callable[..., Result]) -> None:
    (sample / "build").mkdir()
    ended = subprocess.Popen(["true"])
    ended.wait()
    holder = hold_lock(sample / "build" / LOCK, f"{ended.pid} 12345\n")
    try:
        result = cli("-C", sample, *FLYERS)
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 0, result.output
    assert f"taking over the lock on {sample / 'build'}: the build that held it (pid " \
        f"{ended.pid}) has stopped" in result.output
    assert "built 6, unchanged 0" in result.output


def test_a_lock_held_by_a_live_build_stops_the_build(sample: Path,
                                                     cli: Callable[..., Result]) -> None:
    (sample / "build").mkdir()
    holder = hold_lock(sample / "build" / LOCK, "")
    try:
        start = Path(f"/proc/{holder.pid}/stat").read_text().rsplit(")", 1)[1].split()[19]
        (sample / "build" / LOCK).write_text(f"{holder.pid} {start}\n")
        result = cli("-C", sample, *FLYERS)
    finally:
        holder.kill()
        holder.communicate()
    assert result.exit_code == 1
    assert f"another make-handouts build (pid {holder.pid}) is writing to {sample / 'build'}; " \
        "wait for it to finish, then build again" in result.output


def test_watch_ignores_its_own_outputs_in_a_build_folder_of_another_name(sample: Path) -> None:
    (sample / "content" / "ketamine-assisted-therapy.yaml").unlink()
    (sample / "handouts.toml").write_text('[project]\nbuild = "out"\n\n[lengths.short]\n',
                                          encoding="utf-8")
    topic = sample / "content" / "ketamine-and-addiction.yaml"
    with watching(sample) as out:
        topic.write_text(topic.read_text(encoding="utf-8").replace(
            "title: Ketamine and Addiction", "title: Ketamine and Addiction Now"),
            encoding="utf-8")
        wait_for(out, "built 6, unchanged 0")
        time.sleep(4)  # time for the watcher to see the outputs just written, if it looks
        seen = []
        while not out.empty():
            seen.append(out.get())
    assert not [line for line in seen if "changed:" in line or "built" in line], seen
    assert (sample / "out" / "index.html").is_file()
