"""A clinic template's slide layouts are found by what they are (their `type` and their
placeholders), not by their names, so a template made in Czech, Spanish or German
PowerPoint gives the same slides as an English one; titles never print over the bullets."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Emu

from handouts.document import reader as layoutxml
from handouts.errors import Diagnostic
from handouts.fonts.families import BUILTIN_FONT_NAME, builtin_fonts
from handouts.writers.contract import WriterError
from handouts.writers.pptx import output as pptx
from handouts.writers.pptx.layouts import KINDS, layouts_by_kind
from handouts.writers.pptx.theme import DeckTheme
from tests.writers.pptx.templates import (
    CZECH,
    GERMAN,
    SPANISH,
    custom_template,
    layout_types,
    localized_template,
    opened,
)

DECK = """<document layout="deck" title="Hand Washing">
<slide kind="title"><title>Hand Washing</title><subtitle>Clean hands stop germs</subtitle>
  <p>Riverbend Clinic</p><notes><p>Welcome everyone.</p></notes></slide>
<slide kind="section"><title>Why it matters</title><subtitle>Part 1 / 2</subtitle>
  <notes><p>Why first.</p></notes></slide>
<slide><title>What soap does</title><ul><li>Soap lifts germs off your skin</li>
  <li>Water rinses them away</li><li>Twenty seconds is enough</li></ul>
  <callout><p>Wash before you eat.</p></callout><notes><p>Read each point.</p></notes></slide>
<slide kind="closing"><title>Thank you</title><p>Call 555-0100</p>
  <notes><p>Questions?</p></notes></slide>
</document>"""


def theme(template: Path | None) -> DeckTheme:
    return DeckTheme(fonts=builtin_fonts(), font_name=BUILTIN_FONT_NAME,
                     assets_roots=(template.parent,) if template else (Path("."),),
                     template=template)


def boxes_overlap(a: object, b: object) -> bool:
    ax, ay, aw, ah = (Emu(getattr(a, k)).pt for k in ("left", "top", "width", "height"))
    bx, by, bw, bh = (Emu(getattr(b, k)).pt for k in ("left", "top", "width", "height"))
    return ax < bx + bw and bx < ax + aw and ay < by + bh and by < ay + ah


def drawn(template: Path) -> tuple[list[tuple[str | None, int]], tuple[Diagnostic, ...], bytes]:
    """Each slide's layout (its type and place in the template) for the DECK drawn on
    `template`, the warnings and the deck."""
    out = pptx.draw(layoutxml.read(DECK), theme(template))
    prs = opened(out.data)
    order = [layout.part.partname for layout in prs.slide_layouts]
    return [(s.slide_layout._element.get("type"), order.index(s.slide_layout.part.partname))
            for s in prs.slides], out.warnings, out.data


@pytest.mark.parametrize("names", [CZECH, SPANISH, GERMAN], ids=["czech", "spanish", "german"])
def test_a_template_in_another_language_gives_the_english_slides(
        tmp_path: Path, names: dict[str, str]) -> None:
    english, no_warnings, _ = drawn(localized_template(tmp_path / "english.pptx", {}))
    assert [kind for kind, _ in english] == ["title", "secHead", "obj", "obj"]
    assert no_warnings == ()
    local, warnings, data = drawn(localized_template(tmp_path / "local.pptx", names))
    assert local == english
    assert warnings == ()
    for slide in opened(data).slides:
        if slide.slide_layout._element.get("type") == "obj":
            body = next(s for s in slide.placeholders if s.placeholder_format.idx == 1)
            assert body.text_frame.text.startswith(("Soap lifts", "Call 555"))
            assert not boxes_overlap(slide.shapes.title, body), slide.shapes.title.text


def test_custom_layouts_are_judged_by_their_placeholders(tmp_path: Path) -> None:
    english, _, _ = drawn(localized_template(tmp_path / "english.pptx", {}))
    local, warnings, data = drawn(custom_template(tmp_path / "custom.pptx"))
    assert [place for _, place in local] == [place for _, place in english]
    assert {kind for kind, _ in local} <= {None, "cust"}
    assert warnings == ()
    prs = opened(data)
    content = prs.slides[2]
    body = next(s for s in content.placeholders if s.placeholder_format.idx == 1)
    assert not boxes_overlap(content.shapes.title, body)


def test_a_kind_no_layout_suits_falls_back_with_one_warning(tmp_path: Path) -> None:
    """A template without a section header layout: section slides take the nearest
    layout with a title (a title and a line under it: the title slide's), and the build
    says so once."""
    path = tmp_path / "clinic.pptx"
    prs = Presentation()
    section = next(lay for lay in prs.slide_layouts if lay.name == "Section Header")
    prs.slide_layouts.remove(section)
    prs.save(str(path))
    kinds, warnings, _ = drawn(path)
    assert [kind for kind, _ in kinds] == ["title", "title", "obj", "obj"]
    assert [(w.code, w.message) for w in warnings] == [
        ("layout-fallback", "no section header layout (type secHead) with a title; using "
                            "'Title Slide' for section slides")]


def test_a_template_without_a_titled_layout_is_a_writer_error(tmp_path: Path) -> None:
    path = tmp_path / "clinic.pptx"
    prs = Presentation()
    for layout in list(prs.slide_layouts):
        if layout.name != "Blank":
            prs.slide_layouts.remove(layout)
    prs.save(str(path))
    with pytest.raises(WriterError, match="has no slide layout with a title placeholder"):
        pptx.draw(layoutxml.read(DECK), theme(path))


NAMES = st.text(st.sampled_from("abcdeíéñüöčřžАБВ 123"), min_size=1, max_size=12)


@settings(max_examples=25, deadline=None)
@given(order=st.permutations(range(11)), names=st.lists(NAMES, min_size=11, max_size=11),
       custom=st.booleans())
def test_the_layouts_chosen_do_not_depend_on_names_or_order(
        order: list[int], names: list[str], custom: bool) -> None:
    """Any names, in any order, typed or custom: each kind of slide gets the layout it
    gets in PowerPoint's own English template."""
    english = {kind: layout.name for kind, layout in
               layouts_by_kind(Presentation(), [], None).items()}
    prs = Presentation()
    layouts = list(prs.slide_layouts)
    first = {id(layout): layout.name for layout in layouts}
    ids = prs.slide_master.element.find(
        "{http://schemas.openxmlformats.org/presentationml/2006/main}sldLayoutIdLst")
    entries = list(ids)
    for entry in entries:
        ids.remove(entry)
    for n in order:
        ids.append(entries[n])
    for layout, name in zip(layouts, names, strict=True):
        layout.name = name
        if custom:
            layout._element.attrib.pop("type", None)
    warnings: list[Diagnostic] = []
    chosen = layouts_by_kind(prs, warnings, None)
    assert {kind: first[id(layout)] for kind, layout in chosen.items()} == english
    assert warnings == []
    assert layout_types(prs) == (set() if custom else layout_types(Presentation()))
    assert set(chosen) == set(KINDS)


def test_a_deck_without_a_template_keeps_its_layouts() -> None:
    out = pptx.draw(layoutxml.read(DECK), replace(theme(None), slide_size="4:3"))
    prs = opened(out.data)
    assert [s.slide_layout.name for s in prs.slides] == [
        "Title Slide", "Section Header", "Title and Content", "Title and Content"]
    assert out.warnings == ()


def test_every_run_on_a_template_is_in_the_brand_font_it_was_measured_in(
        tmp_path: Path) -> None:
    # The planner measures titles and bullets in the brand's font; the template names
    # fonts (Calibri, '+mj-lt') the build has no files for, so the text is shown in the
    # brand's font as well, placeholders included.
    _, _, data = drawn(localized_template(tmp_path / "t.pptx", GERMAN))
    fonts = {run.font.name for slide in opened(data).slides for shape in slide.shapes
             if shape.has_text_frame for p in shape.text_frame.paragraphs for run in p.runs}
    assert fonts == {BUILTIN_FONT_NAME}
