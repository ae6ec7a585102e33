"""A paragraph that keeps its measurements lays out exactly as reportlab's own Paragraph
made afresh, after any sequence of wraps, splits and draws at any widths and heights, in
the bundled font and in two ordinary brand fonts.

The memo once drew nothing: a split that gave up deleted the lines of the wrap before it,
and the trifold brochure of the `init` sample with DejaVu Sans crashed. The reference for
each step is a plain reportlab Paragraph given the same text and style that has seen only
what a frame does: `wrap(w, h)`, or `wrap(w, h)` then `split(w, h)`.
"""

from __future__ import annotations

import copy
import io
import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

from handouts.document import model as L
from handouts.fonts.families import Fonts, builtin_fonts
from handouts.writers.pdf.flowables import Builder, Theme
from handouts.writers.pdf.fragments import text_of
from handouts.writers.pdf.hyphens import added
from handouts.writers.pdf.paragraph import with_line_ends
from handouts.writers.pdf.urlbreaks import with_url_breaks
from tests.helpers import run_tool

DEJAVU = (Path("/usr/share/fonts/truetype/dejavu"),
          ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf",
           "DejaVuSans-BoldOblique.ttf"), "fonts-dejavu-core")
LIBERATION = (Path("/usr/share/fonts/truetype/liberation2"),
              ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf",
               "LiberationSerif-Italic.ttf", "LiberationSerif-BoldItalic.ttf"), "fonts-liberation2")


def need_fonts(folder: Path, names: tuple[str, ...], package: str) -> Fonts:
    """The four faces of a system font family; skips the test without them (fails in CI)."""
    paths = [folder / name for name in names]
    missing = [str(p) for p in paths if not p.is_file()]
    if missing:
        message = f"{', '.join(missing)} not installed (apt-get install {package})"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return Fonts(*paths)


FAMILIES: dict[str, Callable[[], Fonts]] = {
    "noto-sans": builtin_fonts,
    "dejavu-sans": lambda: need_fonts(*DEJAVU),
    "liberation-serif": lambda: need_fonts(*LIBERATION),
}

WORDS = ("water", "a", "of", "the", "kidneys", "drink", "every", "day,", "thermoregulation.",
         "niño", "corazón", "adicción", "¿Qué", "pequeño", "también", "información.", "médico",
         "Ñandú", "ÁREA", "güero", "medicamentos", "recomendaciones", "¡Llámenos!")
LONG_WORDS = ("Pneumonoultramicroscopicsilicovolcanoconiosis",
              "https://www.example.org/a/very/long/path/to/a/page/about/water",
              "desoxirribonucleótido-antiinflamatorio-electroencefalográfico")

words = st.lists(st.sampled_from(WORDS) | st.sampled_from(LONG_WORDS), min_size=1, max_size=12)
runs = st.lists(
    st.builds(lambda ws, space, bold, italic, href: L.Run(" ".join(ws) + space, bold, italic,
                                                          href),
              words, st.sampled_from(["", " "]), st.booleans(), st.booleans(),
              st.none() | st.just("https://www.example.org/agua")) | st.just(L.Run("\n")),
    min_size=1, max_size=6)

STYLES = ("body", "lead", "h1", "center", "loose")
"""The handouts' own styles, and one that allows widows and orphans and indents its first
line (reportlab's other split branches)."""


@dataclass
class Step:
    """One thing a planner does to a paragraph: `kind` is wrap, split or draw; `which`
    picks the paragraph among the one made and the parts split from it."""

    kind: str
    which: int
    width: int
    """Index into the example's widths."""
    height: float


steps = st.lists(st.builds(Step, st.sampled_from(["wrap", "wrap", "split", "draw"]),
                           st.integers(0, 20), st.integers(0, 2),
                           st.floats(0, 260) | st.sampled_from([0.0, 15.18, 30.36, 45.54])),
                 min_size=1, max_size=12)
widths = st.lists(st.floats(24, 420) | st.sampled_from([72.0, 219.6, 222.3, 227.0]),
                  min_size=3, max_size=3)


def lines(p: Paragraph) -> list[tuple[str, float]]:
    """A laid-out paragraph's lines: each line's words (in a paragraph of several fonts,
    each piece of one font between bars) and the room left at its end, in points. A line
    of one font is (room, words); reportlab's first part of a split keeps that form under
    the other kind's flag."""
    return [(" ".join(line[1]), line[0]) if isinstance(line, tuple)
            else ("|".join(f.text for f in line.words), line.extraSpace)
            for line in p.blPara.lines]


def drawn(p: Paragraph) -> bytes:
    """The PDF of a page with `p` drawn on it."""
    out = io.BytesIO()
    canvas = Canvas(out, invariant=1, pageCompression=0)
    p.drawOn(canvas, 36, 400)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


@dataclass
class Pair:
    """A paragraph under test and what it must behave as."""

    subject: Paragraph
    source: Paragraph
    """A plain reportlab Paragraph with the same text and style, never laid out: each step
    is checked against a fresh copy of it."""
    shown: Paragraph | None = None
    """The fresh copy laid out as the subject must now be drawn; None: not yet laid out."""


def check(pair: Pair) -> None:
    """The subject now measures and draws as the reference laid out at the same width."""
    ref = pair.shown
    if ref is None or not hasattr(ref, "blPara"):
        return
    event(f"lines of kind {ref.blPara.kind}")
    assert lines(pair.subject) == lines(ref)
    assert (pair.subject.width, pair.subject.height) == (ref.width, ref.height)


def play(pair: Pair, pool: list[Pair], step: Step, width: float) -> None:
    fresh = copy.deepcopy(pair.source)
    if step.kind == "wrap":
        assert pair.subject.wrap(width, step.height) == fresh.wrap(width, step.height)
        pair.shown = fresh
    elif step.kind == "split":
        fresh.wrap(width, step.height)
        try:
            fresh, expected = reference_split(pair, width, step.height)
        except IndexError:  # reportlab's, splitting after a leading <br/> if orphans are allowed
            with pytest.raises(IndexError):
                pair.subject.split(width, step.height)
            pair.shown = copy.deepcopy(pair.source)  # it was wrapped at the split's width first
            pair.shown.wrap(width, step.height)
            check(pair)
            return
        parts = pair.subject.split(width, step.height)
        event(f"split into {len(expected)}")
        assert len(parts) == len(expected)
        if expected == [fresh]:
            assert parts == [pair.subject]
        else:
            for part, reference in zip(parts, expected, strict=True):
                assert part is not pair.subject
                shown = copy.deepcopy(reference)
                shown.wrap(width, step.height)  # the parts come laid out at the split's width
                new = Pair(part, copy.deepcopy(reference), shown)
                check(new)
                pool.append(new)
        pair.shown = copy.deepcopy(pair.source)  # a split leaves it wrapped at its width
        pair.shown.wrap(width, step.height)
    elif pair.shown is None or not hasattr(pair.shown, "blPara"):
        with pytest.raises(AttributeError):
            drawn(pair.subject)
    else:
        # drawn as reportlab draws that layout, each line ending with its space (or, where
        # hyphenation broke a word, its soft hyphen)
        assert drawn(pair.subject) == drawn(with_line_ends(pair.shown, pair.subject.source))
    check(pair)


def reference_split(pair: Pair, width: float, height: float) -> tuple[Paragraph, list[Any]]:
    """reportlab's split of a fresh paragraph at `height`, or a line higher while its
    first part ends in a hyphen hyphenation added and keeps more than two lines (the
    kept paragraph never breaks a word across a split); the whole it split, and its
    parts."""
    while True:
        fresh = copy.deepcopy(pair.source)
        fresh.wrap(width, height)
        parts = fresh.split(width, height)
        if len(parts) != 2:
            return fresh, parts
        ends = added(pair.subject.source, [text_of(p.frags) for p in parts])
        first = copy.deepcopy(parts[0])  # its lines as laid out afresh, as a part is
        first.wrap(width, height)
        if ends is None or not ends[0][1] or len(first.blPara.lines) <= 2:
            return fresh, parts
        shorter = copy.deepcopy(pair.source)
        shorter.wrap(width, height - fresh.style.leading)
        if len(shorter.split(width, height - fresh.style.leading)) != 2:
            return fresh, parts
        height -= fresh.style.leading  # (the parts are laid out in the whole height)


def style_named(builder: Builder, name: str) -> ParagraphStyle:
    if name == "loose":
        return ParagraphStyle("loose", parent=builder.st.body, allowWidows=1, allowOrphans=1,
                              firstLineIndent=12)
    if name == "h1":
        return builder.st.headings[1]
    return builder.st.paragraph(name)


@pytest.mark.parametrize(("family", "lang"), [(f, "en-US") for f in FAMILIES]
                         + [("noto-sans", "es-US"), ("dejavu-sans", "es-US")])
@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=runs, style_name=st.sampled_from(STYLES), ws=widths, plan=steps)
def test_a_kept_measurement_is_the_layout_of_a_fresh_paragraph(
        family: str, lang: str, text: list[L.Run], style_name: str, ws: list[float],
        plan: list[Step]) -> None:
    """In Spanish, hyphenated (the planners measure the paragraphs that are drawn, so a
    layout measured hyphenated is drawn hyphenated)."""
    builder = Builder(Theme(fonts=FAMILIES[family]()), lang=lang)
    style = style_named(builder, style_name)
    subject = builder.para(tuple(text), style)
    source = Paragraph(subject.text, style)
    source.frags = with_url_breaks(source.frags)  # as the subject's own, made the same way
    pool = [Pair(subject, source)]
    for step in plan:
        play(pool[step.which % len(pool)], pool, step, ws[step.width])


def dejavu_project(root: Path, cli: Callable[..., Result]) -> Path:
    """The `init` sample in `root`, with DejaVu Sans copied in as its brand font."""
    fonts = need_fonts(*DEJAVU)
    assert cli("init", root).exit_code == 0
    (root / "fonts").mkdir()
    for path in (fonts.regular, fonts.bold):
        shutil.copy(path, root / "fonts" / path.name)
    brand = root / "_brand.yml"
    text = brand.read_text(encoding="utf-8")
    start = text.index("# typography:")
    end = text.index("headings: {family: My Font, weight: 700}") + len("headings: {family: "
                                                                         "My Font, weight: 700}")
    brand.write_text(text[:start] + (
        "typography:\n"
        "  fonts:\n"
        "    - family: DejaVu Sans\n"
        "      source: file\n"
        "      files:\n"
        "        - {path: fonts/DejaVuSans.ttf, weight: 400}\n"
        "        - {path: fonts/DejaVuSans-Bold.ttf, weight: 700}\n"
        "  base: {family: DejaVu Sans}\n"
        "  headings: {family: DejaVu Sans, weight: 700}") + text[end:], encoding="utf-8")
    return root


def test_the_init_sample_in_dejavu_sans_builds_every_output(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = dejavu_project(tmp_path / "clinic", cli)
    result = cli("-C", root, "build", "--no-thumbnails")
    assert result.exit_code == 0, result.output
    assert "built 30, unchanged 0, failed 0" in result.output
    made = sorted(p.name for p in (root / "build" / "drink-water").iterdir())
    assert made == sorted(f"drink-water-{level}-{kind}"
                          for level in ("easy", "standard", "clinical")
                          for kind in ("flyer.pdf", "brochure.pdf", "booklet.pdf",
                                       "talk-5min.pptx", "talk-20min.pptx", "talk-45min.pptx",
                                       "talk-20min-handout.pdf", "talk-20min-notes.pdf",
                                       "talk-45min-handout.pdf", "talk-45min-notes.pdf"))
    fonts = run_tool("pdffonts", root / "build" / "drink-water" /
                     "drink-water-clinical-brochure.pdf")
    assert "DejaVuSans" in fonts and "NotoSans" not in fonts


def test_the_qr_caption_never_wraps() -> None:
    builder = Builder(Theme(fonts=builtin_fonts()))
    contact = L.Contact(((L.Run("Clinic"),),), qr="https://example.org",
                        caption="Scan this code for more help")
    for width in (400.0, 200.0):  # the QR code beside the lines, and under them
        table = next(iter(builder.block(contact, width)))
        table.wrap(width, 800)
        caption = next(f for row in table._cellvalues for cell in row for f in cell
                       if isinstance(f, Paragraph) and "Scan" in f.text)
        assert len(caption.blPara.lines) == 1


def test_a_paragraph_that_introduces_a_list_keeps_with_it() -> None:
    builder = Builder(Theme(fonts=builtin_fonts()))
    listing = L.ListBlock(((L.Paragraph((L.Run("memory loss"),)),),))
    lead = L.Paragraph((L.Run("This kind of use is linked to: "),))
    other = L.Paragraph((L.Run("Some people use it."),))
    made = builder.blocks((lead, listing, other, listing), 300)
    assert [bool(getattr(f, "keepWithNext", False)) for f in made] == [True, False, False,
                                                                      False]
    assert not getattr(builder.blocks((lead,), 300)[0], "keepWithNext", False)
    assert builder.blocks((), 300) == []
