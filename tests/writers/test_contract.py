"""A writer raises one family of errors (handouts.writers.contract.WriterError), and the
build words each once, naming the output: text that does not fit (with what to do),
characters the fonts lack, a picture the template asked for, anything else the writer
says. A writer's bug is not in the family: the runner reports it as a fault."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build import project as build
from handouts.document import reader as layoutxml
from handouts.errors import BuildError, TemplateError
from handouts.writers.table import Format
from tests.helpers import GOOD, write_project

FAILING = Format("pdf", "tests.writers.failing_writer", "print", "page")

FLYER = ('<document layout="flyer" title="{title}"><page name="flyer"><panel name="p">'
         '<p>Wash your hands.</p></panel></page></document>')
LONG = " ".join(["Wash your hands with soap and warm water for twenty seconds."] * 40)


def with_writers(project: build.Project, *writers: Format) -> build.Project:
    return dataclasses.replace(project, writers=writers)


def test_an_overflowing_pdf_fails_with_what_to_do(tmp_path: Path,
                                                 cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("  - Wash for 20 seconds.", f"  - {LONG}"))
    result = cli("-C", tmp_path, "build", "--level", "easy", "--length", "short", "--format",
                 "pdf", "--no-report")
    assert result.exit_code == 1
    assert re.search(r"^failed: hands, level easy, length short \(flyer\): panel 'right column' "
                     r"on page 'flyer' does not fit by \d+ pt \([\d.]+ in, about \d+ lines\); "
                     r"shorten the text, or give a section a larger priority number so this "
                     r"length leaves it out$", result.output, re.M), result.output
    assert "Traceback" not in result.output


def test_an_overflowing_deck_fails_with_its_slide(tmp_path: Path,
                                                  cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("  - Wash for 20 seconds.", f"  - {LONG}"))
    result = cli("-C", tmp_path, "build", "--level", "easy", "--length", "short", "--format",
                 "pptx", "--no-report")
    assert result.exit_code == 1
    assert re.search(r"^failed: hands, level easy, length short \(talk-5min\): slide 'Key "
                     r"points' has an item taller than the slide's text area by \d+ pt$",
                     result.output, re.M), result.output
    assert "Traceback" not in result.output
    assert not list((tmp_path / "build").rglob("*.pptx"))


@pytest.mark.parametrize(("title", "message"), [
    ("fit", "ketamine-and-addiction, level easy, length short (flyer): the box does not fit "
     "by 3 pt; cut the box"),
    ("other", "ketamine-and-addiction, level easy, length short (flyer): the PowerPoint "
     "template t.pptx went away; put it back"),
])
def test_the_build_words_each_writer_error_once(sample: Path, title: str,
                                                message: str) -> None:
    project = with_writers(build.load_project(sample), FAILING)
    job = build.plan(project, levels=["easy"], lengths=["short"])[0]
    with pytest.raises(BuildError) as err:
        build.make_output(project, job, layoutxml.read(FLYER.format(title=title)))
    assert err.value.format_message() == message


def test_an_unusable_picture_is_the_templates_mistake(sample: Path) -> None:
    project = with_writers(build.load_project(sample), FAILING)
    job = build.plan(project, levels=["easy"], lengths=["short"])[0]
    with pytest.raises(TemplateError) as err:
        build.make_output(project, job, layoutxml.read(FLYER.format(title="picture")))
    assert [str(p) for p in err.value.problems] == [
        "flyer.xml.j2: the image 'x.png' is not a PNG, JPEG or SVG file (asked for by the "
        "template, for ketamine-and-addiction, level easy, length short); fix the picture's "
        "path or file; pictures must be PNG, JPEG or SVG inside the project"]


def test_an_error_outside_the_family_is_a_writer_fault(sample: Path) -> None:
    project = with_writers(build.load_project(sample), FAILING)
    job = build.plan(project, levels=["easy"], lengths=["short"])[0]
    with pytest.raises(AttributeError):
        build.make_output(project, job, layoutxml.read(FLYER.format(title="bug")))
