"""Pictures in content: icons on key points, actions and sections, and a section's picture
with alt text, caption and credit; every mistake located; check's PEMAT-P findings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build import settings as project_settings
from handouts.check.literacy import check
from handouts.content.topic import load_topic, load_topics
from handouts.errors import ContentError
from tests.content.test_translations import ES
from tests.helpers import GOOD, write_project

LEVELS = ("easy", "standard", "clinical")

SVG = ('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20">'
       '<rect width="40" height="20" fill="#1B5E7A"/></svg>')

BARE = GOOD
"""A topic with no icon."""

WITH_ICONS = BARE.replace("key_points:\n  - Wash for 20 seconds.\n",
                          "key_points:\n  - {text: Wash for 20 seconds., icon: wash-hands}\n"
                          ).replace("actions:\n  - {easy:", "actions:\n  - {icon: pill, easy:")

IMAGE = """    image:
      src: pictures/steps.svg
      alt: {easy: Four steps of hand washing, standard: Four steps of hand washing,
            clinical: The four steps of hand hygiene}
      caption: How to wash your hands
      credit: Drawn by the clinic
"""


def with_image(text: str, image: str = IMAGE) -> str:
    return text.replace("    sources: [who]\n", f"    sources: [who]\n{image}", 1)


def project(tmp_path: Path, text: str) -> Path:
    path = write_project(tmp_path, text)
    (tmp_path / "pictures").mkdir(exist_ok=True)
    (tmp_path / "pictures" / "steps.svg").write_text(SVG, encoding="utf-8")
    return path


def test_icons_and_a_picture_are_read(tmp_path: Path) -> None:
    path = project(tmp_path, with_image(WITH_ICONS.replace(
        "    priority: 1\n", "    priority: 1\n    icon: wash-hands\n", 1)))
    topic, problems = load_topic(path, LEVELS, tmp_path)
    assert problems == [] and topic is not None
    assert [p.icon for p in topic.key_points] == ["wash-hands"]
    assert topic.key_points[0]("easy") == "Wash for 20 seconds."
    assert [a.icon for a in topic.actions] == ["pill"]
    assert topic.actions[0]("standard") == "Use soap and water."
    section = topic.sections[0]
    assert section.icon == "wash-hands"
    assert section.image is not None and section.image.path == tmp_path / "pictures/steps.svg"
    assert section.image.alt("clinical") == "The four steps of hand hygiene"
    assert section.image.caption is not None
    assert section.image.caption("easy") == "How to wash your hands"


@pytest.mark.parametrize(("change", "expected"), [
    (lambda t: t.replace("icon: wash-hands", "icon: wash-hand"),
     "hands.yaml:7:40: key point icon 'wash-hand' is not a bundled icon; did you mean "
     "'wash-hands'?"),
    (lambda t: with_image(t, IMAGE.replace(
        "      alt: {easy: Four steps of hand washing, standard: Four steps of hand washing,\n"
        "            clinical: The four steps of hand hygiene}\n", "")),
     "hands.yaml:20:7: section 'why' image has no 'alt'"),
    (lambda t: with_image(t, IMAGE.replace("pictures/steps.svg", "pictures/none.png")),
     "hands.yaml:20:12: section 'why' image 'pictures/none.png'"),
    (lambda t: with_image(t, IMAGE.replace("pictures/steps.svg", "../outside.svg")),
     "section 'why' image '../outside.svg'"),
    (lambda t: with_image(t, IMAGE.replace("pictures/steps.svg", "hands.txt")),
     "is not a PNG, JPEG or SVG file"),
])
def test_picture_mistakes_are_located(tmp_path: Path, cli: Callable[..., Result],
                                      change: Callable[[str], str], expected: str) -> None:
    project(tmp_path, change(WITH_ICONS))
    (tmp_path / "outside.svg").write_text(SVG, encoding="utf-8")
    result = cli("-C", tmp_path, "build")
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


def test_an_svg_picture_with_a_script_is_refused(tmp_path: Path) -> None:
    path = project(tmp_path, with_image(BARE))
    (tmp_path / "pictures" / "steps.svg").write_text(
        SVG.replace("</svg>", "<script>alert(1)</script></svg>"), encoding="utf-8")
    _, problems = load_topic(path, LEVELS, tmp_path)
    assert any("script" in str(p) for p in problems), problems


def test_a_translation_carries_the_same_icons(tmp_path: Path) -> None:
    write_project(tmp_path, WITH_ICONS)
    spanish = ES.replace("  - Lávese las manos por 20 segundos.\n",
                         "  - {text: Lávese las manos por 20 segundos., icon: soap}\n")
    write_project(tmp_path, spanish, "hands.es.yaml")
    with pytest.raises(ContentError) as caught:
        load_topics(tmp_path / "content", LEVELS, tmp_path)
    found = [str(p) for p in caught.value.problems]
    assert any("'soap' is not a bundled icon" in f for f in found), found
    write_project(tmp_path, spanish.replace("icon: soap", "icon: pill"), "hands.es.yaml")
    with pytest.raises(ContentError) as caught:
        load_topics(tmp_path / "content", LEVELS, tmp_path)
    found = [str(p) for p in caught.value.problems]
    assert any("key point 1 has icon 'pill' here but 'wash-hands' in hands.yaml" in f
               for f in found), found


def findings(tmp_path: Path, text: str) -> list[str]:
    path = project(tmp_path, text)
    levels = project_settings.load(tmp_path).levels
    topic, problems = load_topic(path, tuple(lv.name for lv in levels), tmp_path)
    assert topic is not None, problems
    return [f"{f.level}: {f.message}" for f in check([topic], levels, dt.date(2026, 1, 1)).findings
            if f.kind == "visuals"]


def test_check_asks_for_visuals_captions_and_real_alt_text(tmp_path: Path) -> None:
    assert findings(tmp_path, BARE) == [
        "easy: has no picture or icon; visual aids help readers understand and remember "
        "(PEMAT-P item 15): give key points and actions an 'icon:', or a section an 'image:'"]
    assert findings(tmp_path, WITH_ICONS) == []
    assert findings(tmp_path, with_image(BARE)) == []
    no_caption = IMAGE.replace("      caption: How to wash your hands\n", "")
    assert findings(tmp_path, with_image(BARE, no_caption)) == [
        "easy: section 'why' picture has no caption; give it a 'caption:' that says what it "
        "shows (PEMAT-P item 18)"]
    echoed = IMAGE.replace("caption: How to wash your hands", "caption: Four steps of hand "
                           "washing.")
    assert findings(tmp_path, with_image(BARE, echoed)) == [
        f"{level}: section 'why' picture's alt text repeats its caption; say in the alt text "
        "what the picture shows" for level in ("easy", "standard")]  # not the clinical alt
    named = IMAGE.replace(
        "alt: {easy: Four steps of hand washing, standard: Four steps of hand washing,\n"
        "            clinical: The four steps of hand hygiene}", "alt: steps.svg")
    assert findings(tmp_path, with_image(BARE, named)) == [
        "easy: section 'why' picture's alt text 'steps.svg' is a file name; say what the "
        "picture shows"]
