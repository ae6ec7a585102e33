"""The writer table is the boundary between the build and the writers: a format is one
entry naming a module with `write(doc, inputs) -> Output`, and the build makes, records
and reports any format in a project's table without knowing it."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest
from pptx import Presentation

from handouts.build import manifest, reporting, runner
from handouts.build import project as build
from handouts.build.summary import diagnostic_json
from handouts.document import reader as layoutxml
from handouts.errors import Diagnostic
from handouts.writers.table import FORMATS, WRITERS, Format
from tests.helpers import run_tool

PLAIN_TEXT = Format("txt", "tests.writers.plain_text", "print", "page")

FLYER = ('<document layout="flyer" title="{title}"><page name="flyer"><panel name="p">'
         '<p>Wash your hands.</p></panel></page></document>')
DECK = ('<document layout="deck" title="Hands"><slide kind="title"><title>Hands</title>'
        '</slide><slide><title>Why</title><ul><li>Soap works</li></ul></slide></document>')


def with_writers(project: build.Project, *writers: Format) -> build.Project:
    return dataclasses.replace(project, writers=writers)


def test_reading_the_table_imports_no_writer() -> None:
    code = ("import sys, handouts; from handouts.writers.table import WRITERS; "
            "print(handouts.FORMATS, sorted(m for m in sys.modules if m.startswith("
            "('reportlab', 'pptx', 'handouts.writers.pdf', 'handouts.writers.pptx'))))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True)
    assert done.stdout.strip() == "('pdf', 'pptx', 'handout', 'notes') []"


@pytest.mark.parametrize("fmt", FORMATS)
def test_each_entry_writes_and_counts_what_it_wrote(sample: Path, tmp_path: Path,
                                                    fmt: str) -> None:
    project = build.load_project(sample)
    job = build.plan(project, levels=["easy"], lengths=["standard"], formats=[fmt])[0]
    deck = WRITERS[fmt].medium == "talk"
    doc = layoutxml.read(DECK) if deck else build.render_layout(project, job)
    out = WRITERS[fmt].writer()(doc, build.writer_inputs(project, job))
    if fmt in ("handout", "notes"):  # the deck printed: 3 slides a page, or 1 a page
        path = tmp_path / "out.pdf"
        path.write_bytes(out.data)
        pages = int(re.findall(r"Pages:\s+(\d+)", run_tool("pdfinfo", path))[0])
        assert out.count == pages == (1 if fmt == "handout" else 2)
    elif fmt == "pdf":
        path = tmp_path / "out.pdf"
        path.write_bytes(out.data)
        pages = int(re.findall(r"Pages:\s+(\d+)", run_tool("pdfinfo", path))[0])
        assert (out.count, out.title) == (pages, "") and pages == 2
    else:
        prs = Presentation(io.BytesIO(out.data))
        assert (out.count, out.title) == (len(prs.slides), "Hands") == (2, "Hands")


@pytest.mark.parametrize("workers", [1, 2])
def test_a_format_added_to_the_table_is_built_recorded_and_reported(
        sample: Path, workers: int) -> None:
    project = with_writers(build.load_project(sample), *WRITERS.values(), PLAIN_TEXT)
    assert "txt" in project.formats
    jobs = build.plan(project, lengths=["short"], formats=["txt"])
    assert len(jobs) == 6
    report = runner.run(project, jobs, workers=workers)
    assert (len(report.built), report.failed) == (6, [])
    flyer = sample / "build/ketamine-and-addiction/ketamine-and-addiction-easy-flyer.txt"
    assert flyer.read_text(encoding="utf-8") == "Ketamine and Addiction\nflyer"
    said = Diagnostic("no-layout", "ketamine-and-addiction, level easy, length short "  # named
                      "(flyer): Ketamine and Addiction: plain text keeps no layout")
    assert report.facts[flyer] == manifest.Facts(1, "", (said,))
    assert said in report.warnings
    record = json.loads((sample / "build" / manifest.MANIFEST).read_text(encoding="utf-8"))
    assert record["ketamine-and-addiction/ketamine-and-addiction-easy-flyer.txt"][3:6] == \
        [1, "", [diagnostic_json(said)]]
    again = runner.run(project, jobs, workers=workers)
    assert (again.built, again.unchanged, again.facts) == ([], 6, report.facts)
    index, _ = reporting.write_report(project, again, thumbnails=False)
    page = index.read_text(encoding="utf-8")
    assert 'href="ketamine-and-addiction/ketamine-and-addiction-easy-flyer.txt"' in page
    assert page.count("flyer.txt</a><br>1 page</div>") == 6
