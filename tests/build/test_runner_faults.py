"""Faults in the middle of a build: Ctrl-C, a killed worker. Earlier outputs stay whole
and no temporary file is left behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from tests.helpers import children, run_tool


def start(sample: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "handouts", "-C", str(sample), "build", "-j",
                             "2", "--no-thumbnails"], stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True, start_new_session=True)


def wait_for_outputs(sample: Path, count: int, seconds: float = 120) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if len(list((sample / "build").rglob("*.pdf"))) >= count:
            return
        time.sleep(0.05)
    raise AssertionError("the build made no outputs")


def assert_intact(sample: Path) -> None:
    assert not [p for p in (sample / "build").rglob("*") if p.name.endswith(".tmp")]
    for pdf in (sample / "build").rglob("*.pdf"):
        assert "No syntax or stream encoding errors" in run_tool("qpdf", "--check", pdf)


def test_ctrl_c_leaves_earlier_outputs_whole(sample: Path) -> None:
    process = start(sample)
    try:
        wait_for_outputs(sample, 2)
        os.killpg(process.pid, signal.SIGINT)
        out, _ = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode != 0
    assert "Traceback" not in out
    assert_intact(sample)
    again = subprocess.run([sys.executable, "-m", "handouts", "-C", str(sample), "build",
                            "--no-thumbnails"], capture_output=True, text=True, check=False)
    assert again.returncode == 0 and "failed 0" in again.stdout


def test_a_killed_worker_fails_its_outputs_and_the_rest_stay_whole(sample: Path) -> None:
    process = start(sample)
    try:
        wait_for_outputs(sample, 1)
        workers = children(process.pid)
        assert workers, "no worker processes"
        os.kill(workers[0], signal.SIGKILL)
        out, _ = process.communicate(timeout=120)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 1, out
    assert "a worker process stopped unexpectedly" in out
    assert "Traceback" not in out
    assert_intact(sample)
