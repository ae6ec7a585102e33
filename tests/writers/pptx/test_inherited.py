"""The colours a clinic template gives its placeholders' text and fills, worked out as
PowerPoint does (handouts.writers.pptx.inherited)."""

from __future__ import annotations

from pathlib import Path

from pptx import Presentation

from handouts.writers.pptx.inherited import fill, text_colour
from tests.writers.pptx.templates import dark_master, filled_body_on_a_gradient, pale_text


def placeholders(path: Path | None, layout: int) -> tuple[object, dict[int, object]]:
    prs = Presentation(str(path)) if path else Presentation()
    slide = prs.slides.add_slide(prs.slide_layouts[layout])
    return prs.slide_master, {ph.placeholder_format.idx: ph for ph in slide.placeholders}


def test_the_default_template_is_black_text_and_a_subtitle_tinted_grey() -> None:
    master, ph = placeholders(None, 0)
    assert text_colour(ph[0], master) == "#000000"
    # 'tx1' tinted 75% in linear light: the grey PowerPoint shows subtitles in
    assert text_colour(ph[1], master) == "#898989"
    assert text_colour(ph[1], master, link=True) == "#0000FF"
    assert fill(ph[0], master) is False


def test_a_dark_master_s_colour_map_and_title_list_style_are_followed(tmp_path: Path) -> None:
    master, ph = placeholders(dark_master(tmp_path / "t.pptx"), 1)
    assert text_colour(ph[0], master) == "#F5E6A8"  # the master title's own list style
    assert text_colour(ph[1], master) == "#FFFFFF"  # tx1 is the theme's light 1


def test_text_styles_with_theme_colours_lightened(tmp_path: Path) -> None:
    master, ph = placeholders(pale_text(tmp_path / "t.pptx"), 1)
    assert text_colour(ph[1], master) == "#EEECE1"  # bg2 maps to the theme's light 2
    # accent 3 (#9BBB59) 'lighter 60%', as PowerPoint's colour picker names it
    assert text_colour(ph[0], master) == "#D7E4BD"


def test_a_placeholder_s_fill_is_inherited_from_its_layout(tmp_path: Path) -> None:
    master, ph = placeholders(filled_body_on_a_gradient(tmp_path / "t.pptx"), 1)
    assert fill(ph[1], master) == "#25406A"
    assert fill(ph[0], master) is False
