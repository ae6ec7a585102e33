"""The sample's flyers as a designer checks them: every priority-1 section is on the page
(in full or as its heading and points), and while one is short, no more than a quarter of
the page is left blank between the columns' text and the contact block."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from handouts.build.project import load_project
from tests.helpers import run_tool


def lines(path: Path) -> tuple[float, list[tuple[float, float, str]]]:
    """The page height and every text line of a one-page PDF as (top, bottom, text),
    y down from the page's top."""
    xml = run_tool("pdftotext", "-bbox-layout", path, "-")
    height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"', xml).group(1))  # type: ignore[union-attr]
    found = []
    for top, bottom, body in re.findall(
            r'<line xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" yMax="([\d.]+)">(.*?)</line>',
            xml, re.S):
        found.append((float(top), float(bottom),
                      " ".join(re.findall(r">([^<]*)</word>", body))))
    return height, found


@pytest.mark.parametrize("brand", ["sample", "test-clinic"])
def test_every_priority_1_section_is_on_the_flyer_and_little_is_left_blank(
        built: dict[str, Path], brand: str) -> None:
    project = load_project(built[brand])
    for topic in project.topics:
        for level in project.settings.level_names:
            flyer = next((built[brand] / "build").rglob(
                f"{topic.slug}{'-' + topic.tag if topic.tag else ''}-{level}-flyer.pdf"))
            height, found = lines(flyer)
            text = " ".join(t for _, _, t in found)
            short = False
            for section in (s for s in topic.sections if s.priority == 1):
                heading = " ".join(section.heading(level).split())
                assert heading in text, (flyer.name, heading)
                first_words = " ".join(section.body(level).replace("*", "").split()[:4])
                short = short or first_words not in text
            footer = max(top for top, _, t in found if t == project.brand.name)
            above = max(bottom for _, bottom, _ in found if bottom < footer - 1)
            if short:  # the contact block's rule and padding take about 20 pt
                assert footer - above <= height / 4 + 20, (flyer.name, footer - above)
