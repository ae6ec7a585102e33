"""`make-handouts watch`: rebuilds on save, reports errors, keeps watching."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.helpers import lines_of, wait_for, watching


def test_watch_rebuilds_on_save_and_survives_an_error(sample: Path) -> None:
    with watching(sample) as out:
        topic = sample / "content/ketamine-and-addiction.yaml"
        good = topic.read_text()
        topic.write_text(good.replace("title: Ketamine and Addiction", "title: [broken"))
        wait_for(out, "invalid YAML")
        topic.write_text(good.replace("title: Ketamine and Addiction",
                                      "title: Ketamine and Addiction Facts"))
        line = wait_for(out, "built 30, unchanged 30")  # a topic's 30 outputs
        assert "failed 0" in line


def test_watch_uses_the_settings_build_folder_its_record_and_the_warning_format(
        sample: Path, cli: Callable[..., Result]) -> None:
    """The build folder set in handouts.toml holds the record `build` wrote, which answers
    watch's first build; warnings print as the build prints them; outputs written there do
    not count as changes."""
    settings = sample / "handouts.toml"
    settings.write_text(settings.read_text().replace('build = "build"', 'build = "out"'))
    (sample / "content/ketamine-assisted-therapy.yaml").unlink()
    brand = sample / "_brand.yml"
    text = brand.read_text(encoding="utf-8").rstrip("\n") + "\n"
    brand.write_text(text + "typography:\n  fonts:\n    - family: Open Sans\n"
                     "      source: google\n  base: Open Sans\n", encoding="utf-8")
    warning = f"warning: {brand}:{len(text.splitlines()) + 5}:9: the base font 'Open Sans'"
    assert cli("-C", sample, "build", "--no-thumbnails").exit_code == 0
    # the font warning, and the health-literacy findings of the sample the build reports
    findings = json.loads(cli("-C", sample, "check", "--json").output)["findings"]
    warnings = 1 + sum(f["severity"] == "warning" for f in findings)
    record = sample / "out" / ".handouts-uptodate.json"
    written = record.stat().st_mtime_ns
    process = subprocess.Popen(
        [sys.executable, "-m", "handouts", "-C", str(sample), "watch", "--no-thumbnails"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        out = lines_of(process)
        assert wait_for(out, warning, 120).rstrip().endswith("[font-fallback]")
        assert f"built 0, unchanged 30, failed 0, warnings {warnings}" in \
            wait_for(out, "built ", 60)
        assert record.stat().st_mtime_ns == written  # answered, not built again
        wait_for(out, "watching", 60)
        topic = sample / "content/ketamine-and-addiction.yaml"
        topic.write_text(topic.read_text().replace("title: Ketamine and Addiction",
                                                   "title: Ketamine and Addiction Facts"))
        assert warning in wait_for(out, warning, 120)
        assert f"failed 0, warnings {warnings}" in wait_for(out, "built 30, unchanged 0", 120)
        time.sleep(3)  # the outputs just written in out/ must not start another build
        later = []
        while not out.empty():
            later.append(out.get())
        assert not any(line.startswith("changed:") for line in later), later
        assert not (sample / "build").exists()
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
