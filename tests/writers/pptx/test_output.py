"""The sample's decks, checked with real clients: python-pptx reopens them and
LibreOffice converts each to a PDF with one page per slide."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from pptx import Presentation
from pptx.oxml.ns import qn
from pptx.util import Emu

from handouts.build import project as build
from handouts.writers.pptx.access import DECORATIVE_URI
from tests.helpers import need, run_tool

SLIDE_RANGES = {5: (5, 8), 20: (12, 20), 45: (25, 40)}
MIN_BODY = {"easy": 28.0, "standard": 24.0, "clinical": 24.0}


def decks(root: Path) -> list[Path]:
    return sorted((root / "build").rglob("*.pptx"))


def minutes(path: Path) -> int:
    match = re.search(r"talk-(\d+)min", path.name)
    assert match
    return int(match[1])


def test_every_deck_is_built_and_reopens(built: dict[str, Path]) -> None:
    paths = decks(built["sample"])
    assert len(paths) == 4 * 3 * 3  # two topics, each in English and Spanish
    for path in paths:
        prs = Presentation(str(path))
        low, high = SLIDE_RANGES[minutes(path)]
        assert low <= len(prs.slides) <= high, (path.name, len(prs.slides))


@pytest.mark.parametrize(("brand", "size"), [("sample", (960, 540)), ("test-clinic", (720, 540))])
def test_slide_size_follows_the_brand(built: dict[str, Path], brand: str,
                                      size: tuple[int, int]) -> None:
    for path in decks(built[brand]):
        prs = Presentation(str(path))
        assert (Emu(prs.slide_width).pt, Emu(prs.slide_height).pt) == size


def test_every_slide_has_a_title_first_and_pictures_have_alt_text(
        built: dict[str, Path]) -> None:
    for path in decks(built["sample"]):
        for n, slide in enumerate(Presentation(str(path)).slides, 1):
            title = slide.shapes.title
            assert title is not None and title.text_frame.text.strip(), (path.name, n)
            assert slide.shapes[0].shape_id == title.shape_id, (path.name, n)
            for shape in slide.shapes:
                if shape.shape_type == 13:  # picture: alt text, or an icon beside its words
                    props = shape._element.nvPicPr.cNvPr
                    decorative = props.find(f"{qn('a:extLst')}/{qn('a:ext')}"
                                            f"[@uri='{DECORATIVE_URI}']")
                    assert props.get("descr") or (decorative is not None and shape.name
                                                  .startswith("Icon: ")), (path.name, n)


def test_notes_on_every_slide_in_plain_words(built: dict[str, Path]) -> None:
    for path in decks(built["sample"]):
        for n, slide in enumerate(Presentation(str(path)).slides, 1):
            notes = slide.notes_slide.notes_text_frame.text
            assert len(notes.split()) >= 5, (path.name, n, notes)
            assert not re.search(r"\*\*|\]\(|^\s*[-*] |<[a-z]+", notes, re.M), (path.name, n)


def test_body_text_size_and_bullet_count(built: dict[str, Path]) -> None:
    for path in decks(built["sample"]):
        level = next(lv for lv in MIN_BODY if f"-{lv}-" in path.name)
        for n, slide in enumerate(Presentation(str(path)).slides, 1):
            items = [s for s in slide.shapes if s.name.startswith("Item ")]
            assert len(items) <= 6, (path.name, n)  # items each a shape of their own
            for shape in slide.shapes:
                is_body = (shape.is_placeholder and shape.placeholder_format.idx == 1) \
                    or shape.name == "Callout" or shape in items
                if not is_body or not shape.has_text_frame:
                    continue
                paragraphs = [p for p in shape.text_frame.paragraphs if p.text.strip()]
                bullets = [p for p in paragraphs if p._p.pPr is None
                           or p._p.pPr.find(qn("a:buNone")) is None]
                assert len(bullets) <= 6, (path.name, n)
                for p in paragraphs:
                    for run in p.runs:
                        assert run.font.size is not None
                        assert run.font.size.pt >= MIN_BODY[level], (path.name, n, run.text)


def test_easy_deck_speaks_easy_words(built: dict[str, Path]) -> None:
    root = built["sample"]
    project = build.load_project(root)
    topic = project.topics[0]
    for level in MIN_BODY:
        path = root / "build" / topic.slug / f"{topic.slug}-{level}-talk-20min.pptx"
        texts = [sh.text_frame.text for s in Presentation(str(path)).slides for sh in s.shapes
                 if sh.has_text_frame]
        first_point = topic.sections[0].points(level)[0]  # type: ignore[misc]
        assert any(first_point in t for t in texts), level


def test_libreoffice_converts_each_deck_with_one_page_per_slide(
        built: dict[str, Path], tmp_path: Path) -> None:
    soffice = need("soffice")
    paths = decks(built["sample"])
    chosen = [p for p in paths if "-easy-" in p.name or "-clinical-" in p.name]
    done = subprocess.run([soffice, "--headless", "--norestore", "--convert-to", "pdf",
                           "--outdir", str(tmp_path), *map(str, chosen)],
                          capture_output=True, text=True, timeout=600, check=False)
    for path in chosen:
        pdf = tmp_path / (path.stem + ".pdf")
        assert pdf.exists(), (path.name, done.stdout, done.stderr)
        pages = int(re.findall(r"Pages:\s+(\d+)", run_tool("pdfinfo", pdf))[0])
        assert pages == len(Presentation(str(path)).slides), path.name


def test_rebuilt_decks_are_byte_identical(sample: Path, built: dict[str, Path]) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    result = CliRunner().invoke(main, ["-C", str(sample), "build", "--format", "pptx",
                                       "--length", "short"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    for path in (sample / "build").rglob("*.pptx"):
        assert path.read_bytes() == (built["sample"] / path.relative_to(sample)).read_bytes()


def test_a_project_can_add_a_ten_minute_talk(sample: Path) -> None:
    from click.testing import CliRunner

    from handouts.cli import main

    settings = sample / "handouts.toml"
    settings.write_text(settings.read_text() + (
        '\n[lengths.ten]\nlabel = "Ten-minute talk"\nmax_priority = 2\nprint_layout = "flyer"\n'
        'print_name = "flyer-10"\ntalk_minutes = 10\nagenda = false\ncallout_slides = false\n'))
    result = CliRunner().invoke(main, ["-C", str(sample), "build", "ketamine-and-addiction",
                                       "--length", "ten", "--level", "easy", "--format", "pptx"],
                                catch_exceptions=False)
    assert result.exit_code == 0, result.output
    deck = sample / "build/ketamine-and-addiction/ketamine-and-addiction-easy-talk-10min.pptx"
    titles = [s.shapes.title.text for s in Presentation(str(deck)).slides]
    assert titles[0] == "Ketamine and Addiction" and titles[-1] == "Thank you"
    assert "What we will cover" not in titles


def test_a_callout_on_a_clinic_template_is_measured_at_the_width_it_is_drawn(
        tmp_path: Path) -> None:
    """PowerPoint's own template puts the body 36 pt from the edges, wider than the 48 pt
    margin of a deck without a template. The callout's box is drawn that wide, so its
    height must be measured that wide (it once was measured at the default margin's width
    and came out a line too tall or too short)."""
    import io

    from handouts.document import reader as layoutxml
    from handouts.fonts.families import BUILTIN_FONT_NAME, builtin_fonts
    from handouts.writers.pptx import output as pptx
    from handouts.writers.pptx import plan as slideplan
    from handouts.writers.pptx.layouts import template_geometry
    from handouts.writers.pptx.theme import DeckTheme

    template = tmp_path / "clinic.pptx"
    Presentation().save(str(template))
    theme = DeckTheme(fonts=builtin_fonts(), font_name=BUILTIN_FONT_NAME,
                      assets_roots=(tmp_path,), template=template)
    opened = Presentation(str(template))
    geo = template_geometry(opened, theme, opened.slide_layouts[1])
    assert geo.body_width > 720 - 2 * slideplan.SlideGeometry(720, 540, 24).margin
    measure = pptx._measure(theme.fonts)
    pad = 2 * geo.body_size * slideplan.CALLOUT_PAD

    def lines(words: str, width: float) -> int:
        return slideplan.wrap_lines((slideplan.L.Run(words),), width - pad, geo.body_size,
                                    measure)

    # Words enough to take one line more at the default margins than at the template's.
    words = "Wash"
    while lines(words, 720 - 96) == lines(words, geo.body_width):
        words += " your hands"
    doc = layoutxml.read(
        '<document layout="deck" title="Hands"><slide><title>Why</title>'
        f'<callout><p>{words}</p></callout></slide></document>')
    data = pptx.draw(doc, theme).data
    (slide,) = Presentation(io.BytesIO(data)).slides
    (callout,) = [s for s in slide.shapes if s.name == "Callout"]
    drawn = Emu(callout.width).pt, Emu(callout.height).pt
    item = slideplan.Item((slideplan.L.Run(words),), "callout")
    at_drawn_width = slideplan.item_height(item, geo, measure) - \
        geo.body_size * (slideplan.PARA_GAP + slideplan.CALLOUT_CLEAR)
    assert drawn == pytest.approx((geo.body_width, at_drawn_width), abs=0.01)
    (planned,) = slideplan.plan([doc.parts[0]], geo, measure)  # type: ignore[list-item]
    (box,) = planned.boxes.callouts
    assert drawn == pytest.approx((box.width, box.height), abs=0.01)


def test_links_take_the_brands_colour_not_default_blue(built: dict[str, Path]) -> None:
    for brand, primary in (("sample", "1B5E7A"), ("test-clinic", "7A1F3D")):
        path = decks(built[brand])[0]
        prs = Presentation(str(path))
        theme = prs.slide_master.part.part_related_by(
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme").blob
        for tag in (b"hlink", b"folHlink"):
            assert re.search(b"<a:" + tag + b'><a:srgbClr val="' + primary.encode(), theme), \
                (brand, tag)
        linked = [r for slide in prs.slides for shape in slide.shapes if shape.has_text_frame
                  for p in shape.text_frame.paragraphs for r in p.runs if r.hyperlink.address]
        assert linked, (brand, path.name)
        for run in linked:
            fill = run._r.find(f"{qn('a:rPr')}/{qn('a:solidFill')}/{qn('a:srgbClr')}")
            assert fill is not None and fill.get("val") == primary, (brand, run.text)
