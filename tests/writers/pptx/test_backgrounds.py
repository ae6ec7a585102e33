"""A clinic template whose text sits on a picture or gradient is reported, naming the
slides (handouts.writers.pptx.backgrounds)."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from handouts.writers.pptx.backgrounds import unchecked


def test_a_plain_template_gives_no_warning(tmp_path: Path) -> None:
    prs = Presentation()
    layouts = [prs.slide_layouts[0], prs.slide_layouts[1], prs.slide_layouts[1]]
    assert unchecked(layouts, tmp_path / "clinic.pptx") == []


def test_a_gradient_master_names_every_slide_by_its_layout(tmp_path: Path) -> None:
    prs = Presentation()
    prs.slide_master.background.fill.gradient()
    title, content = prs.slide_layouts[0], prs.slide_layouts[1]
    found = unchecked([title, content, content, content], tmp_path / "clinic.pptx")
    assert [(w.code, w.message.split(":")[0]) for w in found] == [
        ("unchecked-background", "slide 1"), ("unchecked-background", "slides 2, 3, 4")]
    assert "layout 'Title and Content' has a gradient behind its text" in found[1].message
    assert found[0].location is not None and found[0].location.path.name == "clinic.pptx"


def test_a_layout_with_a_solid_background_of_its_own_is_read_over_its_master(
        tmp_path: Path) -> None:
    prs = Presentation()
    prs.slide_master.background.fill.gradient()
    content = prs.slide_layouts[1]
    content.background.fill.solid()
    assert unchecked([content], None) == []


def test_a_theme_background_style_that_is_a_gradient_is_found(tmp_path: Path) -> None:
    prs = Presentation()
    ref = prs.slide_master._element.find(
        ".//{http://schemas.openxmlformats.org/presentationml/2006/main}bgRef")
    ref.set("idx", "1002")  # the default theme's second background style: a gradient
    [found] = unchecked([prs.slide_layouts[1]], None)
    assert "has a gradient behind its text" in found.message
