"""Lines put together from content are punctuated once: no 'Naloxone..', no '2023.;'."""

from __future__ import annotations

import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.build import project as build
from handouts.content.punctuation import cite, sentence
from handouts.document import model as layout
from tests.helpers import GOOD, write_project

DOUBLED = re.compile(r"[.?!][.;,:]|[;,:][.;,:]")


def test_a_sentence_gets_one_full_stop() -> None:
    assert sentence("Naloxone") == "Naloxone."
    assert sentence("Naloxone.") == "Naloxone."
    assert sentence("Is it safe?") == "Is it safe?"
    assert sentence('He said "stop."') == 'He said "stop."'
    assert sentence("") == ""


def test_a_list_of_sources_is_punctuated_once() -> None:
    assert cite(["Naloxone."]) == "Naloxone."
    assert cite(["Smith 2023.", "Jones 2021;", "Is it safe?"]) == \
        "Smith 2023; Jones 2021; Is it safe?"
    assert cite(["Is it safe?", "WHO"]) == "Is it safe?; WHO."
    assert cite(["A,", "B:"]) == "A; B:."


words = st.text(alphabet="ab ", min_size=1, max_size=6).filter(str.strip)
marks = st.text(alphabet=".;,:?!", max_size=2)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(words, marks), min_size=1, max_size=5))
def test_no_separator_follows_a_mark_an_item_ended_with(items: list[tuple[str, str]]) -> None:
    line = cite(word + mark for word, mark in items)
    for inner in line.split("; ")[:-1]:
        assert inner[-1] not in ".,;:", line
    assert line[-1] in ".?!"


REFERENCES = """\
references:
  - {id: who, text: "WHO guidelines on hand hygiene in health care. 2009.", short: "Naloxone."}
  - {id: cdc, text: "CDC. When and how to wash your hands.", short: "Smith 2023.;"}
  - {id: ask, text: "Should you wash?", short: "Should you wash?"}
review:
  written_by: Dr. A. Writer, M.D.
  reviewed_by: B. Reviewer, RN
  reviewed_on: 2026-01-05
  next_review: 2027-01-05
"""


def test_reference_and_review_lines_never_double_punctuation(tmp_path: Path) -> None:
    topic = GOOD.split("references:")[0].replace("sources: [who]", "sources: [who, cdc, ask]")
    write_project(tmp_path, topic + REFERENCES)
    project = build.load_project(tmp_path)
    jobs = build.plan(project, levels=["clinical"])
    assert jobs
    for job in jobs:
        doc = build.render_layout(project, job)
        text = "".join(run.text for run in layout.texts(doc))
        if job.length.name != "short" and job.fmt == "pdf":
            assert "Sources: Naloxone; Smith 2023; Should you wash?" in text, job
        assert not DOUBLED.search(text.replace("...", "")), DOUBLED.search(text)
    booklet = next(j for j in jobs if "booklet" in j.template)
    text = "".join(r.text for r in layout.texts(build.render_layout(project, booklet)))
    assert "Written by Dr. A. Writer, M.D. Reviewed by B. Reviewer, RN. Reviewed:" in text
