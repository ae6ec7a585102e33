"""`make-handouts watch`: rebuilds on save, reports errors, keeps watching."""

from __future__ import annotations

from pathlib import Path

from tests.helpers import wait_for, watching


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
