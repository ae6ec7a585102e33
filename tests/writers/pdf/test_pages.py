"""The page planner: margins, header and footer, panel chains, fold marks and flowing pages,
planned from fake measured blocks (no reportlab, no canvas)."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from handouts.document import model as L
from handouts.writers.geometry import page_size
from handouts.writers.pdf.output import compact_note
from handouts.writers.pdf.pages import (
    FLOW_MEASURE,
    FOLD_MARK,
    FOOTER_GAP,
    MARGINS,
    MAX_BLANK,
    MAX_FLOW_PAGES,
    MAX_MEASURE,
    MIN_MEASURE,
    PANEL_GUTTER,
    TINT_PAD,
    PagePlan,
    Region,
    plan,
)
from handouts.writers.pdf.plan import Measurable, panel_widths
from tests.writers.pdf.fakes import Block

LINE = 10.0


def para(name: str, lines: int) -> L.Paragraph:
    """A paragraph the fake measure reads as `lines` lines of 10 pt named `name`."""
    return L.Paragraph((L.Run(f"{name} {lines}"),))


GROUNDS: list[tuple[str, str]] = []
"""(first block's name, ground) of every make_items call, for the test that reads it."""


def make_items(blocks: Sequence[L.Block], width: float, ground: str) -> list[Measurable]:
    """Each paragraph "name n" as a fake block of n lines; a heading keeps with the next."""
    out: list[Measurable] = []
    for block in blocks:
        assert isinstance(block, (L.Paragraph, L.Heading))
        name, lines = block.runs[0].text.split()
        out.append(Block(name, int(lines), heading=isinstance(block, L.Heading)))
    if out:
        GROUNDS.append((out[0].name, ground))  # type: ignore[attr-defined]
    return out


def doc(layout: str, *parts: L.Page | L.Flow) -> L.Document:
    return L.Document(layout, "Hands", "en", parts)


def names(region: Region) -> list[tuple[str, int]]:
    return [(p.item.name, p.item.lines) for p in region.placed]  # type: ignore[attr-defined]


def test_a_flyer_page_has_header_panel_and_footer_inside_its_margins() -> None:
    page = L.Page("front", (L.Panel("main", (para("body", 20),)),),
                  header=(para("head", 3),), footer=(para("foot", 2),))
    out = plan(doc("flyer", page), "letter", make_items, LINE)
    assert not out.shortfalls
    (only,) = out.pages
    w, h = page_size("letter", False)
    m, g = MARGINS["flyer"], PANEL_GUTTER["flyer"]
    header, panel, footer = only.regions
    assert (header.x, header.top, header.width, header.height) == (m, h - m, w - 2 * m, 30)
    assert names(header) == [("head", 3)]
    # The panel sits under the header and above the footer and its gap, inside the gutters.
    assert panel.top == h - m - 30
    assert panel.height == pytest.approx(h - 2 * m - 30 - 20 - FOOTER_GAP)
    assert panel.x == pytest.approx(m) and panel.width == pytest.approx(w - 2 * m)
    assert names(panel) == [("body", 20)]
    assert (footer.x, footer.top, footer.height) == (m, m + 20, 20)
    assert only.footer is None and only.fold_marks == ()
    assert g > 0


def test_a_header_and_footer_taller_than_the_page_is_a_shortfall() -> None:
    page = L.Page("front", (L.Panel("main", ()),), header=(para("head", 50),),
                  footer=(para("foot", 30),))
    out = plan(doc("flyer", page), "letter", make_items, LINE)
    ((where, points),) = [(s.where, s.points) for s in out.shortfalls]
    assert where == "the header and footer of page 'front'"
    assert points == pytest.approx(800 + FOOTER_GAP - (792 - 2 * MARGINS["flyer"]))


def test_trifold_panels_span_the_sheet_and_mark_its_two_folds() -> None:
    panels = tuple(L.Panel(n, (para(n, 1),), flap=n == "flap") for n in ("flap", "mid", "back"))
    out = plan(doc("trifold", L.Page("outside", panels, landscape=True)), "letter",
               make_items, LINE)
    w, h = page_size("letter", True)
    widths = panel_widths(w, [1, 1, 1], [True, False, False])
    folds = [widths[0], widths[0] + widths[1]]
    (page,) = out.pages
    assert page.size == (w, h)
    expected = [(folds[0], h, folds[0], h - FOLD_MARK), (folds[0], 0, folds[0], FOLD_MARK),
                (folds[1], h, folds[1], h - FOLD_MARK), (folds[1], 0, folds[1], FOLD_MARK)]
    assert len(page.fold_marks) == len(expected)
    for mark, want in zip(page.fold_marks, expected, strict=True):
        assert mark == pytest.approx(want)
    gutter = PANEL_GUTTER["trifold"]
    lefts = [r.x for r in page.regions[1:]]
    assert lefts == pytest.approx([gutter, folds[0] + gutter, folds[1] + gutter])


def test_a_chain_of_panels_flows_on_balanced_and_reports_its_last_panel() -> None:
    first = L.Panel("one", (para("long", 100),), overflow_next=True)
    second = L.Panel("two", ())
    out = plan(doc("flyer", L.Page("front", (first, second))), "letter", make_items, LINE)
    panels = out.pages[0].regions[1:]
    # 69 lines fit the first panel; balancing evens the chain's two columns out.
    assert [sum(lines for _, lines in names(r)) for r in panels] == [50, 50]
    assert names(panels[1]) == [("long", 50)]  # the paragraph went on into the next panel
    assert not out.shortfalls
    too_long = L.Panel("one", (para("long", 200),), overflow_next=True)
    out = plan(doc("flyer", L.Page("front", (too_long, second))), "letter", make_items, LINE)
    assert [s.where for s in out.shortfalls] == ["panel 'two' on page 'front'"]


def test_a_tinted_panel_is_shaded_past_its_text() -> None:
    page = L.Page("front", (L.Panel("main", (para("a", 1),), tint=True),
                            L.Panel("side", (para("b", 1),))))
    GROUNDS.clear()
    out = plan(doc("flyer", page), "letter", make_items, LINE)
    assert ("a", "box") in GROUNDS and ("b", "page") in GROUNDS  # text inked for its ground
    tinted, plain = out.pages[0].regions[1:]
    assert plain.shade is None
    assert tinted.shade is not None
    assert tinted.shade.x == pytest.approx(tinted.x - TINT_PAD)
    assert tinted.shade.y == pytest.approx(tinted.top - tinted.height - TINT_PAD)
    assert tinted.shade.width == pytest.approx(tinted.width + 2 * TINT_PAD)
    assert tinted.shade.height == pytest.approx(tinted.height + 2 * TINT_PAD)


def test_a_flowing_part_is_cut_into_pages_with_a_running_footer() -> None:
    flow = L.Flow("guide", (para("a", 60), para("b", 60)), footer="Hands: a guide")
    out = plan(doc("booklet", flow), "a4", make_items, LINE)
    w, h = page_size("a4", False)
    m = MARGINS["booklet"]
    body = h - 2 * m - 2 * LINE  # two lines kept free for the footer
    assert len(out.pages) == 2
    first: PagePlan = out.pages[0]
    (region,) = first.regions
    assert region.height == pytest.approx(body)
    assert sum(lines for _, lines in names(region)) == int(body // 10)
    assert first.footer is not None
    assert (first.footer.text, first.footer.left, first.footer.right, first.footer.y) == \
        ("Hands: a guide", m, w - m, m)


def test_a_flowing_part_longer_than_the_page_limit_is_a_shortfall() -> None:
    flow = L.Flow("guide", tuple(para(f"p{n}", 80) for n in range(MAX_FLOW_PAGES + 1)))
    out = plan(doc("booklet", flow), "letter", make_items, LINE)
    assert [s.where for s in out.shortfalls] == [
        f"the 'guide' pages (a block taller than a page, or more than {MAX_FLOW_PAGES} pages)"]


def test_a_flowing_page_centres_a_column_no_wider_than_the_measure() -> None:
    w, _ = page_size("letter", False)
    planned = plan(doc("booklet", L.Flow("body", (para("a", 3),), "Hands")), "letter",
                   make_items, LINE, char_width=300.0 / FLOW_MEASURE)
    region = planned.pages[0].regions[0]
    assert region.width == pytest.approx(300.0)
    assert region.x == pytest.approx((w - 300.0) / 2)
    footer = planned.pages[0].footer
    assert footer is not None
    assert (footer.left, footer.right) == pytest.approx((region.x, region.x + 300))


def columns(char_width: float, *blocks: L.PanelBlock) -> L.Page:
    """A flyer page whose two columns run one into the other, holding `blocks`."""
    return L.Page("flyer", (L.Panel("left", blocks, overflow_next=True),
                            L.Panel("right", ())))


def fit(name: str, full: int, compact: int) -> L.Fit:
    """A Fit block: a heading and `full` lines, or the heading and `compact` lines."""
    head = L.Heading(2, (L.Run(f"{name} 1"),))
    return L.Fit(name, (head, para(f"{name}-full", full)), (head, para(f"{name}-compact", compact)))


def shown(out: object) -> list[str]:
    return [name for page in out.pages for r in page.regions  # type: ignore[attr-defined]
            for name, _ in names(r)]


def test_a_fit_block_is_shown_in_full_where_the_page_has_room() -> None:
    out = plan(doc("flyer", columns(0, para("lead", 10), fit("steps", 40, 5))), "letter",
               make_items, LINE)
    assert not out.shortfalls and not out.compacted
    assert "steps-full" in shown(out) and "steps-compact" not in shown(out)


def test_a_fit_block_that_does_not_fit_is_compact_and_the_earlier_ones_stay_full() -> None:
    # two 10 pt columns of 72 lines: 144 lines; each Fit is 1 + 70 lines in full, 1 + 5 short
    page = columns(0, para("lead", 60), fit("first", 70, 5), fit("second", 70, 5))
    out = plan(doc("flyer", page), "letter", make_items, LINE)
    assert not out.shortfalls
    assert ("first-full" in shown(out), "second-compact" in shown(out)) == (True, True)
    (note,) = out.compacted
    assert (note.name, note.page) == ("second", "flyer")
    assert note.blank <= MAX_BLANK * note.page_height


def test_a_fit_block_prefers_the_combination_that_leaves_the_least_blank() -> None:
    # either one may be full, not both: the longer in full leaves less of the page blank
    page = columns(0, para("lead", 60), fit("short", 30, 5), fit("long", 60, 5))
    out = plan(doc("flyer", page), "letter", make_items, LINE)
    assert "short-compact" in shown(out) and "long-full" in shown(out)
    assert [c.name for c in out.compacted] == ["short"]


def test_a_fit_block_with_no_compact_form_is_noted_as_left_out_not_shortened() -> None:
    # a cover picture that does not fit is left out; the note must not call it a short form
    picture = L.Fit("dose day (picture)", (para("picture", 100),), ())
    page = columns(0, para("lead", 100), picture)
    out = plan(doc("flyer", page), "letter", make_items, LINE)
    (left_out,) = out.compacted
    assert left_out.left_out and "picture" not in shown(out)
    assert "is left out on page 'flyer'" in compact_note(left_out).message
    short = plan(doc("flyer", columns(0, para("lead", 60), fit("first", 70, 5),
                                      fit("second", 70, 5))), "letter", make_items, LINE)
    assert "is shown in short form" in compact_note(short.compacted[0]).message


def test_a_page_that_does_not_fit_even_compact_is_a_shortfall() -> None:
    page = columns(0, para("lead", 140), fit("steps", 40, 5))
    out = plan(doc("flyer", page), "letter", make_items, LINE)
    assert [s.where for s in out.shortfalls] == ["panel 'right' on page 'flyer'"]
    assert not out.compacted


@pytest.mark.parametrize(("char_width", "columns_wanted"), [(5.0, 2), (6.5, 1)])
def test_columns_too_narrow_for_the_measure_become_one_column_of_at_most_75(
        char_width: float, columns_wanted: int) -> None:
    out = plan(doc("flyer", columns(char_width, para("text", 30))), "letter", make_items,
               LINE, char_width=char_width)
    panels = [r for r in out.pages[0].regions[1:]]
    assert len(panels) == columns_wanted
    for region in panels:
        assert MIN_MEASURE <= region.width / char_width <= MAX_MEASURE
    if columns_wanted == 1:  # lined up with the page's margin, a side margin on the right
        assert panels[0].x == pytest.approx(MARGINS["flyer"])
