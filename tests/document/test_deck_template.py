"""The built-in deck template: what it says on the closing slide and in its notes."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.build import project as build
from handouts.document import model as layout
from tests.helpers import GOOD, write_project


@pytest.mark.parametrize(("brand", "qr"), [
    ("meta:\n  name: Clinic\n  link: https://clinic.example.org\n", True),
    ("meta:\n  name: Clinic\n", False),
])
def test_the_closing_notes_mention_the_qr_code_only_on_a_slide_with_one(
        tmp_path: Path, brand: str, qr: bool) -> None:
    write_project(tmp_path, GOOD)
    (tmp_path / "_brand.yml").write_text(brand, encoding="utf-8")
    p = build.load_project(tmp_path)
    job = build.plan(p, levels=["easy"], lengths=["short"], formats=["pptx"])[0]
    closing = build.render_layout(p, job).parts[-1]
    assert isinstance(closing, layout.Slide) and closing.kind == "closing"
    has_qr = any(isinstance(b, layout.Contact) and b.qr for b in closing.blocks)
    assert has_qr == qr
    assert any("QR code" in note for note in closing.notes) == qr


@pytest.mark.parametrize("lang", ["en", "es"])
def test_a_section_slide_s_notes_do_not_repeat_the_slide_after_it(sample: Path,
                                                                  lang: str) -> None:
    """The presenter read each section's text twice in the 45-minute talk: once on its
    'Part n of m' slide and again on the next."""
    from tests.helpers import copy_content

    copy_content(sample, translations=True)
    project = build.load_project(sample)
    jobs = [j for j in build.plan(project, levels=["easy"], lengths=["full"], formats=["pptx"])
            if (j.topic.tag or "en") == lang]
    assert jobs
    for job in jobs:
        slides = [p for p in build.render_layout(project, job).parts
                  if isinstance(p, layout.Slide)]
        sections = [n for n, s in enumerate(slides) if s.kind == "section"]
        assert sections
        for n in sections:
            assert slides[n].notes and slides[n].notes != slides[n + 1].notes
