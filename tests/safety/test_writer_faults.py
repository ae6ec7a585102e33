"""A writer fault fails only its own output: the runner reports it with the topic, level
and length, makes the other outputs, and exits 1 without a traceback."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build import project as build


def test_an_unexpected_writer_exception_fails_only_its_output(
        sample: Path, cli: Callable[..., Result], monkeypatch: pytest.MonkeyPatch) -> None:
    # Fault injection: no real input is known to break a writer any more (the last one,
    # a DejaVu Sans brochure, is tests/safety/test_paragraph_layout.py); this stands for the
    # next one, whatever it is.
    real = build.WRITERS["pdf"]

    def faulty(project: build.Project, job: build.Job, doc: object) -> build.Output:
        if (job.topic.slug, job.level.name) == ("ketamine-and-addiction", "standard"):
            raise AttributeError("'_Paragraph' object has no attribute 'blPara'")
        return real(project, job, doc)  # type: ignore[arg-type]

    monkeypatch.setitem(build.WRITERS, "pdf", faulty)
    result = cli("-C", sample, "build", "-j", "1", "--length", "short", "--format", "pdf",
                 "--no-thumbnails")
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "failed: ketamine-and-addiction, level standard, length short (flyer): the writer " \
        "failed unexpectedly (AttributeError: '_Paragraph' object has no attribute 'blPara'); " \
        "please report this" in result.output
    assert "built 5, unchanged 0, failed 1" in result.output
    made = sorted(p.name for p in (sample / "build").rglob("*.pdf"))
    assert "ketamine-and-addiction-standard-flyer.pdf" not in made and len(made) == 5
