"""A grid slide (the key points): each item a cell with its icon large over its text at
the deck's body size; the columns chosen by the count and by what fits; split over
"(continued)" slides with at most six cells a slide; each cell a text box of its own, on
the built-in design and on a clinic template (in German)."""

from __future__ import annotations

from itertools import combinations
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx.util import Emu

from handouts.document import model as L
from handouts.document import reader as layoutxml
from handouts.writers.pptx import output as pptx
from handouts.writers.pptx.access import DECORATIVE_URI
from handouts.writers.pptx.grid import CELL_LINES, ICON_SIZES, arrange, grid_pages
from handouts.writers.pptx.measure import LINE_SPACING, Item, SlideOverflow
from handouts.writers.pptx.plan import MAX_BULLETS, Box, PlannedSlide, plan
from tests.writers.pptx.templates import GERMAN, localized_template, opened
from tests.writers.pptx.test_layouts import boxes_overlap, theme
from tests.writers.pptx.test_place import inside
from tests.writers.pptx.test_plan import GEO, measure


def grid(*texts: str, icons: bool = True) -> L.Slide:
    items = tuple((L.Paragraph((L.Run(t),)),) for t in texts)
    return L.Slide("grid", (L.Run("Key points"),),
                   (L.ListBlock(items, False, tuple("pill" if icons else "" for _ in texts)),))


def overlap(a: Box, b: Box) -> bool:
    return a.x < b.x + b.width and b.x < a.x + a.width \
        and a.y < b.y + b.height and b.y < a.y + a.height


AREA = Box(GEO.margin, GEO.body_top, GEO.body_width, GEO.body_height)


@pytest.mark.parametrize(("count", "columns"), [(1, 1), (2, 2), (3, 3), (4, 2), (5, 3),
                                                (6, 3)])
def test_short_points_take_the_columns_their_count_asks_for(count: int,
                                                            columns: int) -> None:
    items = [Item((L.Run(f"Point {n}"),), "bullet", icon="pill") for n in range(count)]
    found = arrange(items, GEO, measure)
    assert found is not None and found.columns == columns
    # short text: large icons (one row: the largest; two: a line to spare in each row)
    assert found.icon == (ICON_SIZES[0] if count <= 3 else ICON_SIZES[1])


def test_text_too_long_for_a_narrow_cell_takes_fewer_columns() -> None:
    words = " ".join(["word"] * 24)  # more than CELL_LINES lines a third of the slide wide
    items = [Item((L.Run(words),), "bullet", icon="pill") for _ in range(3)]
    found = arrange(items, GEO, measure)
    assert found is not None and found.columns < 3
    third = (GEO.body_width - 64) / 3
    assert len(words) * GEO.body_size * 0.5 / third > CELL_LINES


def test_cells_too_high_with_the_icon_over_the_text_take_it_beside_the_text() -> None:
    words = " ".join(["word"] * 16)
    items = [Item((L.Run(words),), "bullet", icon="pill") for _ in range(4)]
    found = arrange(items, GEO, measure)
    assert found is not None and found.columns == 2
    line = GEO.body_size * LINE_SPACING
    for cell, placed in zip(found.cells, found.icons, strict=True):
        icon = placed.box
        assert icon.x + icon.width < cell.x  # left of its text
        assert abs(icon.y + icon.height / 2 - (cell.y + line / 2)) < 1e-6  # by its first line


def test_a_point_without_an_icon_keeps_its_cell_and_its_rows_line() -> None:
    [s] = plan([L.Slide("grid", (L.Run("Key points"),), (L.ListBlock(
        tuple((L.Paragraph((L.Run(t),)),) for t in ("One", "Two", "Three", "Four")),
        False, ("pill", "", "pill", "pill")),))], GEO, measure)
    assert len(s.boxes.cells) == 4 and len(s.boxes.icons) == 3
    assert s.boxes.cells[0].y == s.boxes.cells[1].y  # the texts of a row on one line
    assert s.boxes.body is None


def test_a_point_too_long_for_any_grid_is_an_error_never_cut() -> None:
    with pytest.raises(SlideOverflow):
        plan([grid(" ".join(["word"] * 400))], GEO, measure)


def test_a_grid_with_a_callout_is_planned_as_a_list() -> None:
    callout = L.Callout((L.Paragraph((L.Run("Remember this."),)),))
    slide = grid("One", "Two")
    [s] = plan([L.Slide("grid", slide.title, (*slide.blocks, callout))], GEO, measure)
    assert s.kind == "content" and len(s.boxes.callouts) == 1


def test_the_layout_reader_accepts_a_grid_slide_and_locates_a_wrong_kind() -> None:
    doc = layoutxml.read('<document layout="deck" title="T"><slide kind="grid">'
                         '<title>Key points</title><ul><li icon="pill">One</li></ul>'
                         '</slide></document>')
    [slide] = doc.parts
    assert isinstance(slide, L.Slide) and slide.kind == "grid"
    with pytest.raises(layoutxml.LayoutError) as caught:
        layoutxml.read('<document layout="deck" title="T">\n<slide kind="griddy">'
                       '<title>Key points</title></slide></document>')
    assert caught.value.line == 2 and "grid" in str(caught.value)


def check_grid(out: list[PlannedSlide], texts: list[str]) -> None:
    """Every point once, in order; at most six cells a slide; every cell and icon inside
    the text area, none overlapping; cells in reading order; continuations titled so."""
    assert [i.runs[0].text for s in out for i in s.items] == texts
    for n, s in enumerate(out):
        assert s.kind == "grid" and 1 <= len(s.items) <= MAX_BULLETS
        assert s.continued == (n > 0)
        cells = s.boxes.cells
        assert len(cells) == len(s.items) and s.boxes.body is None
        icons = [p.box for p in s.boxes.icons]
        assert len(icons) == len(s.items)
        shapes = [*cells, *icons]
        assert all(inside(b, AREA) for b in shapes)
        assert not any(overlap(a, b) for a, b in combinations(shapes, 2))
        # reading order: rows top to bottom, each left to right
        assert [(c.y, c.x) for c in cells] == sorted((c.y, c.x) for c in cells)
        for cell, icon in zip(cells, icons, strict=True):
            assert icon.width in ICON_SIZES  # large, whatever fits
            assert icon.y < cell.y or icon.x < cell.x  # over its text, or left of it


@settings(max_examples=40, deadline=None)
@given(st.lists(st.text("abc de", min_size=1, max_size=160), min_size=1, max_size=14))
def test_cells_fit_split_and_never_overlap(texts: list[str]) -> None:
    texts = [t.strip() for t in texts if t.strip()] or ["a"]
    texts = [f"{n} {t}" for n, t in enumerate(texts)]  # each a run of its own, told apart
    out = plan([grid(*texts)], GEO, measure)
    if out[0].kind == "content":  # a list takes fewer slides than the grid would
        items = [Item((L.Run(t),), icon="pill") for t in texts]
        assert len(out) < len(grid_pages(items, GEO, measure, "Key points"))
        return
    check_grid(out, texts)


def test_a_grid_never_takes_more_slides_than_a_list_of_its_points() -> None:
    words = " ".join(["word"] * 16)  # five of them fit a list on one slide, not a grid
    out = plan([grid(*[words] * 5)], GEO, measure)
    items = [Item((L.Run(words),), icon="pill")] * 5
    assert len(grid_pages(items, GEO, measure, "Key points")) > 1
    assert len(out) == 1 and out[0].kind == "content"  # the list, with its icons
    assert len(out[0].boxes.cells) == 5 and len(out[0].boxes.icons) == 5


def test_seven_points_split_evenly_over_two_slides() -> None:
    texts = [f"Point number {n}" for n in range(7)]
    out = plan([grid(*texts)], GEO, measure)
    check_grid(out, texts)
    assert [len(s.items) for s in out] == [4, 3]
    assert out[1].title[-1].text == " (continued)"


GRID_DECK = """<document layout="deck" title="Hand Washing">
<slide kind="grid"><title>Key points</title><ul><li icon="wash-hands">Wash with soap</li>
  <li icon="water">Rinse in clean water</li><li>Dry on a clean towel</li>
  <li icon="calendar">Take twenty seconds</li></ul><notes><p>Read each point.</p></notes></slide>
<slide><title>What you can do</title><ol><li icon="wash-hands">Wash before you eat</li>
  <li>Wash after the toilet</li></ol><notes><p>Ask the group.</p></notes></slide>
</document>"""


@pytest.mark.parametrize("clinic", [False, True], ids=["built-in", "german-template"])
def test_each_cell_and_each_item_with_an_icon_is_a_text_box_of_its_own(
        tmp_path: Path, clinic: bool) -> None:
    template = localized_template(tmp_path / "lokal.pptx", GERMAN) if clinic else None
    out = pptx.draw(layoutxml.read(GRID_DECK), theme(template))
    prs = opened(out.data)
    key, actions = prs.slides
    if clinic:  # the template's content layout, its body placeholder not left empty
        assert key.slide_layout._element.get("type") == "obj"
    for slide, texts in ((key, ["Wash with soap", "Rinse in clean water",
                                "Dry on a clean towel", "Take twenty seconds"]),
                         (actions, ["Wash before you eat", "Wash after the toilet"])):
        assert [s.placeholder_format.idx for s in slide.placeholders] == [0]  # the title
        items = [s for s in slide.shapes if s.name.startswith("Item ")]
        assert [s.text_frame.text for s in items] == texts  # in reading order
        icons = [s for s in slide.shapes if s.name.startswith("Icon: ")]
        for icon in icons:  # decorative, no alt text
            props = icon._element.nvPicPr.cNvPr
            assert props.get("descr") is None and DECORATIVE_URI in icon._element.xml
        assert not any(boxes_overlap(a, b) for a, b in combinations([*items, *icons], 2))
        assert not any(boxes_overlap(slide.shapes.title, s) for s in [*items, *icons])
        for shape in items:
            sizes = {r.font.size.pt for p in shape.text_frame.paragraphs for r in p.runs}
            assert sizes == {24.0}
    assert len([s for s in key.shapes if s.name.startswith("Icon: ")]) == 3
    big = [Emu(s.width).pt for s in key.shapes if s.name.startswith("Icon: ")]
    assert all(size >= ICON_SIZES[-1] for size in big)
    # a numbered list keeps its numbers, each box numbering from its own
    starts = [s._element.xpath(".//a:buAutoNum/@startAt") for s in actions.shapes
              if s.name.startswith("Item ")]
    assert starts == [["1"], ["2"]]
