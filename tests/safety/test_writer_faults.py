"""A writer fault fails only its own output: the runner reports it with the topic, level
and length, makes the other outputs, and exits 1 without a traceback."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from handouts.build import project as build
from handouts.build import runner
from handouts.writers.table import Format


def test_an_unexpected_writer_exception_fails_only_its_output(sample: Path) -> None:
    # Fault injection: no real input is known to break a writer any more (the last one,
    # a DejaVu Sans brochure, is tests/safety/test_paragraph_layout.py); this stands for the
    # next one, whatever it is. The project's writer table names a faulty PDF writer.
    faulty = Format("pdf", "tests.safety.faulty_pdf", "print", "page")
    project = dataclasses.replace(build.load_project(sample), writers=(faulty,))
    jobs = build.plan(project, levels=["easy", "standard"], lengths=["short"])
    report = runner.run(project, jobs, workers=1)
    assert report.failed == [
        "ketamine-and-addiction, level standard, length short (flyer): the writer failed "
        "unexpectedly (AttributeError: '_Paragraph' object has no attribute 'blPara'); "
        "please report this"]
    made = sorted(p.name for p in (sample / "build").rglob("*.pdf"))
    assert made == sorted(p.name for p in report.built) and len(made) == 3
    assert "ketamine-and-addiction-standard-flyer.pdf" not in made
