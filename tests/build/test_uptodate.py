"""A build with nothing to do answers from the build folder's record, without loading the
project; any change the record cannot vouch for falls through to a real build."""

from __future__ import annotations

import json
import os
import re
import stat
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from handouts.build import inputs as made_from
from handouts.build import uptodate
from handouts.build.settings import load
from handouts.build.summary import Summary

ARGS = ("build", "--length", "short", "--format", "pdf", "--no-thumbnails")


def mtimes(root: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in (root / "build").rglob("*.pdf")}


def test_nothing_to_do_loads_neither_the_content_nor_the_writers(sample: Path,
                                                                 cli: Callable[..., Result]
                                                                 ) -> None:
    assert "built 6, unchanged 0" in cli("-C", sample, *ARGS).output
    before = mtimes(sample)
    done = subprocess.run([sys.executable, "-X", "importtime", "-m", "handouts", "-C",
                           str(sample), *ARGS], capture_output=True, text=True, check=True)
    # the warnings are the sample's health-literacy findings, answered from the record
    assert re.search(r"Riverbend Community Health: built 0, unchanged 6, failed 0, warnings \d+",
                     done.stdout)
    imported = {line.split("|")[-1].strip() for line in done.stderr.splitlines()
                if line.startswith("import time:")}
    for heavy in ("reportlab", "pptx", "jinja2", "yaml", "handouts.content.topic",
                  "handouts.build.project", "snowballstemmer"):
        assert heavy not in imported, heavy
    assert mtimes(sample) == before


def test_the_record_answers_the_same_as_a_real_rebuild(sample: Path,
                                                      cli: Callable[..., Result]) -> None:
    args = ("-C", sample, "build", "--length", "short", "--format", "pptx")
    cli(*args)
    (sample / "build" / uptodate.RECORD).unlink()
    real = cli(*args)  # through the project, which records it again
    assert (sample / "build" / uptodate.RECORD).is_file()
    answered = cli(*args)
    assert answered.output == real.output
    assert "built 0, unchanged 6" in answered.output
    assert "report: " in answered.output


def test_a_same_size_edit_at_the_same_time_is_still_seen(sample: Path,
                                                         cli: Callable[..., Result]) -> None:
    """An edit within the file system's clock tick of the last one keeps the file's time;
    a file that new is hashed, not trusted."""
    topic = sample / "content/ketamine-and-addiction.yaml"
    os.utime(topic)  # saved just now
    cli("-C", sample, *ARGS)
    st = topic.stat()
    text = topic.read_text(encoding="utf-8")
    topic.write_text(text.replace("title: Ketamine and Addiction",
                                  "title: Ketamine and Addiktion"), encoding="utf-8")
    os.utime(topic, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert topic.stat().st_size == st.st_size
    assert "built 3, unchanged 3" in cli("-C", sample, *ARGS).output


def test_new_topics_templates_and_lost_outputs_are_built(sample: Path,
                                                        cli: Callable[..., Result]) -> None:
    cli("-C", sample, *ARGS)
    assert "built 0" in cli("-C", sample, *ARGS).output
    topic = sample / "content/ketamine-and-addiction.yaml"
    (sample / "content/copy.yaml").write_text(topic.read_text(encoding="utf-8"),
                                              encoding="utf-8")
    assert "built 3, unchanged 6" in cli("-C", sample, *ARGS).output
    next((sample / "build").rglob("*-easy-flyer.pdf")).unlink()
    assert "built 1, unchanged 8" in cli("-C", sample, *ARGS).output
    (sample / "templates").mkdir()
    (sample / "templates/flyer.xml.j2").write_text(
        (made_from.PACKAGE_DATA[0] / "flyer.xml.j2").read_text(encoding="utf-8") + "\n",
        encoding="utf-8")
    assert "built 9, unchanged 0" in cli("-C", sample, *ARGS).output
    assert "built 0, unchanged 9" in cli("-C", sample, *ARGS).output


def test_other_options_and_force_do_not_use_the_record(sample: Path,
                                                       cli: Callable[..., Result]) -> None:
    cli("-C", sample, *ARGS)
    assert "built 6, unchanged 0" in cli("-C", sample, *ARGS, "--force").output
    assert "built 0, unchanged 3" in cli("-C", sample, *ARGS, "--level", "easy",
                                         "--level", "standard", "--level", "clinical",
                                         "ketamine-and-addiction").output


def test_a_failed_build_leaves_no_record(sample: Path, cli: Callable[..., Result]) -> None:
    cli("-C", sample, *ARGS)
    cli("-C", sample, *ARGS)
    assert (sample / "build" / uptodate.RECORD).is_file()
    topic = sample / "content/ketamine-and-addiction.yaml"
    long_line = " ".join(["Wash your hands with soap and warm water."] * 200)
    topic.write_text(topic.read_text(encoding="utf-8").replace(
        "title: Ketamine and Addiction", f"title: {long_line}"), encoding="utf-8")
    assert cli("-C", sample, *ARGS).exit_code == 1
    assert not (sample / "build" / uptodate.RECORD).exists()


def test_outputs_are_readable_by_others_as_the_umask_allows(sample: Path,
                                                            cli: Callable[..., Result]
                                                            ) -> None:
    cli("-C", sample, *ARGS)
    old = os.umask(0o022)
    os.umask(old)
    for path in (sample / "build").rglob("*.pdf"):
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~old, path


def test_a_damaged_record_falls_through_to_a_real_build(sample: Path,
                                                       cli: Callable[..., Result]) -> None:
    """A record cut short, or of another shape (an older version's), is not trusted: the
    build goes through the project, answers the same, and writes a good record again."""
    cli("-C", sample, *ARGS)
    record = sample / "build" / uptodate.RECORD
    good = json.loads(record.read_text(encoding="utf-8"))
    first_input = next(iter(good["inputs"]))
    damaged = [
        record.read_text(encoding="utf-8")[:40],
        json.dumps({**good, "answer": "built 0"}),
        json.dumps({**good, "answer": {**good["answer"], "brands": [{"name": 1}]}}),
        json.dumps({**good, "inputs": {**good["inputs"], first_input: [1, 2]}}),
        json.dumps({**good, "outputs": {"x.pdf": ["big", 2]}}),
        json.dumps({**good, "written": "yesterday"}),
        json.dumps([good]),
    ]
    for text in damaged:
        record.write_text(text, encoding="utf-8")
        assert Summary.from_json(uptodate.check(load(sample), good["key"])) is None, text
        result = cli("-C", sample, *ARGS)
        assert result.exit_code == 0
        assert "built 0, unchanged 6" in result.output
        assert json.loads(record.read_text(encoding="utf-8"))["inputs"] == good["inputs"]
    assert Summary.from_json(uptodate.check(load(sample), good["key"])) is not None
