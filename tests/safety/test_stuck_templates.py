"""A project template stuck inside one C call, where no time limit in Python can act (here
comparing two lists that each repeat themselves 2**40 times), is ended from outside the
interpreter: it runs in a worker process, even with -j 1, whose processor-time limit the
kernel enforces. The build stops with the template named, exit 2, nothing written."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

from handouts.document.jinja import HARD_MARGIN, TIME_LIMIT

STUCK = ("{% set ns = namespace(a=[1], b=[1]) %}{% for i in range(40) %}"
         "{% set ns.a = [ns.a, ns.a] %}{% set ns.b = [ns.b, ns.b] %}{% endfor %}"
         "{{ ns.a == ns.b }}\n")


def test_a_template_stuck_in_c_is_ended_and_named(sample: Path) -> None:
    (sample / "templates").mkdir()
    (sample / "templates" / "flyer.xml.j2").write_text(STUCK, encoding="utf-8")
    start = time.monotonic()
    done = subprocess.run([sys.executable, "-m", "handouts", "-C", str(sample), "build",
                           "ketamine-and-addiction", "--level", "easy", "--length", "short",
                           "--format", "pdf", "-j", "1", "--no-report"],
                          capture_output=True, text=True, timeout=120, check=False,
                          env={**os.environ, "PYTHONUNBUFFERED": "1"})
    took = time.monotonic() - start
    assert done.returncode == 2, done.stdout + done.stderr
    assert f"Error: flyer.xml.j2: the template ran for more than {TIME_LIMIT + HARD_MARGIN:g} " \
        "s of processor time and was stopped; look for a loop or comparison that does not " \
        "end" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (sample / "build").exists()
    assert took < 4 * (TIME_LIMIT + HARD_MARGIN)  # hours without the limit
