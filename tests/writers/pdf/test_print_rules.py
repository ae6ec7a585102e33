"""Rules a designer checks on the printed page, measured in real PDFs: a short list or a
callout is never split across a brochure's fold, no heading ends a panel, and a callout
box stands clear of the text above it."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw
import pytest

from handouts.document import reader as layoutxml
from handouts.fonts.families import Fonts, builtin_fonts
from handouts.fonts.registry import register
from handouts.writers.pdf import output as pdf
from handouts.writers.pdf.flowables import Theme
from tests.helpers import run_tool

BODY = 11.0
FILLER = ("Talk with your care team about what to expect before, during and after each "
          "visit, and bring a list of the medicines you take. ")


def words(path: Path) -> list[tuple[int, float, float, float, float, str]]:
    """Every word as (page, x0, top, x1, bottom, text), y down from the page's top."""
    xml = run_tool("pdftotext", "-bbox", path, "-")
    out = []
    for n, page in enumerate(xml.split("<page ")[1:]):
        for m in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                             r'yMax="([\d.]+)">([^<]*)</word>', page):
            out.append((n, *(float(v) for v in m.groups()[:4]), m.group(5)))
    return out


def filled_boxes(path: Path, colour: tuple[int, ...]) -> list[tuple[int, float, float,
                                                                         float, float]]:
    """Every filled path of `colour` as (page, x0, top, x1, bottom), y down."""
    boxes = []
    document = pdfium.PdfDocument(path)
    for n, page in enumerate(document):
        height = page.get_height()
        for obj in page.get_objects():
            if obj.type != raw.FPDF_PAGEOBJ_PATH:
                continue
            r, g, b, a = (ctypes.c_uint() for _ in range(4))
            raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
            if (r.value, g.value, b.value) == colour:
                x0, y0, x1, y1 = obj.get_bounds()
                boxes.append((n, x0, height - y1, x1, height - y0))
    document.close()
    return boxes


def draw(xml: str, path: Path) -> Path:
    path.write_bytes(pdf.draw(layoutxml.read(xml), Theme(fonts=builtin_fonts())).data)
    return path


ABOVE = {"paragraph": "<p>A paragraph that comes just before the box.</p>",
         "list": "<ul><li>one point</li><li>another point</li></ul>",
         "heading": "<h2>A heading over the box</h2>",
         "lead": '<p style="lead">A lead paragraph.</p>',
         "source": '<p style="source">Sources: a study.</p>'}


@pytest.mark.parametrize("layout", ["booklet", "trifold"])
def test_a_callout_box_stands_clear_of_the_text_above(tmp_path: Path, layout: str) -> None:
    body = "".join(f"{above}<callout><p>Boxed {name}.</p></callout>"
                   for name, above in ABOVE.items())
    part = (f'<flow name="body" footer="x">{body}</flow>' if layout == "booklet" else
            f'<page name="inside" orientation="landscape"><panel name="a" overflow="next">'
            f'{body}</panel><panel name="b" overflow="next"></panel><panel name="c"></panel>'
            f"</page>")
    path = draw(f'<document layout="{layout}" title="T" lang="en">{part}</document>',
                tmp_path / "out.pdf")
    theme = Theme(fonts=builtin_fonts())
    secondary = theme.palette.secondary.lstrip("#")
    boxes = filled_boxes(path, tuple(int(secondary[i:i + 2], 16) for i in (0, 2, 4)))
    text = words(path)
    gaps = []
    for page, x0, top, x1, _ in boxes:
        above = [w for w in text if w[0] == page and w[4] <= top + 2 and w[1] < x1 and w[3] > x0]
        if above:
            gaps.append(top - max(w[4] for w in above))
    assert len(gaps) >= len(ABOVE) - 1  # a box at the top of a panel has nothing above
    assert min(gaps) >= 0.8 * BODY, gaps


def panel_of(x: float, width: float) -> int:
    return int(x // (width / 3))


@pytest.mark.parametrize("filler", range(1, 6))
def test_a_short_list_and_a_callout_are_never_split_across_a_fold(tmp_path: Path,
                                                                  filler: int) -> None:
    paras = "".join(f"<p>{FILLER * 2}</p>" for _ in range(filler))
    items = "".join(f"<li>Point{n} {FILLER}</li>" for n in range(5))
    body = (f"{paras}<h2>Packing checklist</h2><ul>{items}</ul>"
            f"<callout><p>Boxstart {FILLER * 2} Boxend</p></callout>{paras}")
    xml = ('<document layout="trifold" title="T" lang="en"><page name="inside" '
           'orientation="landscape"><panel name="a" overflow="next">'
           f'{body}</panel><panel name="b" overflow="next"></panel><panel name="c"></panel>'
           "</page></document>")
    path = draw(xml, tmp_path / "out.pdf")
    text = words(path)
    width = 792.0
    listed = {panel_of(w[1], width) for w in text if w[5].startswith("Point")}
    boxed = {panel_of(w[1], width) for w in text if w[5] in ("Boxstart", "Boxend")}
    heading = [w for w in text if w[5] == "Packing"]
    assert len(listed) == 1, listed
    assert len(boxed) == 1, boxed
    assert panel_of(heading[0][1], width) in listed  # the heading goes with its list


def line_lengths(path: Path, first_page: int) -> list[int]:
    """The characters of every line but a paragraph's last, from `first_page` (1-based)."""
    xml = run_tool("pdftotext", "-f", str(first_page), "-bbox-layout", path, "-")
    out = []
    for block in re.findall(r"<block [^>]*>(.*?)</block>", xml, re.S):
        lines = re.findall(r"<line [^>]*>(.*?)</line>", block, re.S)
        out.extend(len(" ".join(re.findall(r">([^<]*)</word>", line))) for line in lines[:-1])
    return out


@pytest.mark.parametrize("size", [11.0, 12.0, 14.0])
def test_a_booklet_page_holds_45_to_75_characters_a_line(tmp_path: Path, size: float) -> None:
    body = "".join(f"<h2>Part {n}</h2><p>{FILLER * 4}</p><ul><li>{FILLER}</li></ul>"
                   for n in range(6))
    xml = (f'<document layout="booklet" title="T" lang="en"><flow name="body" footer="x">'
           f"{body}</flow></document>")
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf.draw(layoutxml.read(xml),
                              Theme(fonts=builtin_fonts(), body_size=size)).data)
    lengths = line_lengths(path, 1)
    assert len(lengths) > 20
    assert 45 <= min(lengths) and max(lengths) <= 75, (min(lengths), max(lengths))


DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
"""Where fonts-dejavu-core installs its files: a wide font."""


def dejavu_serif() -> Fonts:
    regular, bold = DEJAVU / "DejaVuSerif.ttf", DEJAVU / "DejaVuSerif-Bold.ttf"
    if not (regular.is_file() and bold.is_file()):
        pytest.skip("needs fonts-dejavu-core")
    return Fonts(regular, bold, regular, bold)


@pytest.mark.parametrize(("font", "size", "paper", "count"), [
    ("builtin", 11.0, "letter", 2), ("builtin", 12.0, "letter", 2), ("builtin", 14.0, "a4", 1),
    ("dejavu", 11.0, "a4", 2), ("dejavu", 12.0, "a4", 1)])
def test_a_flyer_column_holds_45_to_75_characters_a_line(tmp_path: Path, font: str,
                                                         size: float, paper: str,
                                                         count: int) -> None:
    """Two columns where each is 45 average characters wide or more, else one column of
    at most 75 (with DejaVu Serif at 12 pt on A4 two would hold about 42). The measure is
    the column's width in average characters (from one column's start to the next, less
    the 1/4 in between them); its ragged lines run up to a word shorter, so the set lines
    average 40 or more and none is longer than 75."""
    text = "".join(f"<p>{FILLER * 2}</p>" for _ in range(5))
    xml = (f'<document layout="flyer" title="T" lang="en"><page name="flyer">'
           f'<panel name="left" overflow="next">{text}</panel><panel name="right"></panel>'
           f"</page></document>")
    fonts = builtin_fonts() if font == "builtin" else dejavu_serif()
    theme = Theme(fonts=fonts, body_size=size, paper=paper)
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf.draw(layoutxml.read(xml), theme).data)
    lines = [tuple(float(v) for v in m) for m in re.findall(
        r'<line xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"',
        run_tool("pdftotext", "-bbox-layout", path, "-"))]
    starts = sorted({round(x0) for x0, _ in lines})
    assert len(starts) == count, starts
    width = starts[1] - starts[0] - 18 if count == 2 else \
        max(x1 for _, x1 in lines) - starts[0]
    characters = width / pdf.char_width(register(fonts, False).regular, size)
    assert 45 <= characters <= 75, characters
    lengths = line_lengths(path, 1)
    assert len(lengths) > 10
    assert sum(lengths) / len(lengths) >= 40 and max(lengths) <= 75, lengths


@pytest.mark.parametrize("font", ["builtin", "dejavu"])
def test_a_list_number_of_two_digits_stands_clear_of_its_text(tmp_path: Path,
                                                              font: str) -> None:
    """A reference list's 10th number is as clear of its text as the 1st (with a wide font
    it used to touch it: '10Controlled ...')."""
    items = "".join(f"<li>Reference {n} text.</li>" for n in range(1, 13))
    xml = (f'<document layout="booklet" title="T" lang="en"><flow name="b" footer="x">'
           f"<ol>{items}</ol></flow></document>")
    fonts = builtin_fonts() if font == "builtin" else dejavu_serif()
    path = tmp_path / "out.pdf"
    path.write_bytes(pdf.draw(layoutxml.read(xml), Theme(fonts=fonts)).data)
    placed = words(path)
    numbers = [w for w in placed if w[5].isdigit() and w[1] < 200]
    starts = {round(w[1], 1) for w in placed if w[5] == "Reference"}
    assert len(numbers) == 12 and len(starts) == 1
    assert max(w[3] for w in numbers) + 4 <= starts.pop()


def test_the_structure_tree_reads_a_word_break_at_each_line_end(tmp_path: Path) -> None:
    """A screen reader reading the tags hears 'and pain', not 'andpain': each line ends
    with the space it was broken at; a web address broken between its pieces does not."""
    url = "https://www.samhsa.gov/find-help/helplines/national-helpline"
    text = FILLER * 2
    xml = ('<document layout="flyer" title="T" lang="en"><page name="flyer"><panel name="p">'
           f'<p>{text}</p><p>Call us or see <a href="{url}">{url}</a> for more.</p>'
           "</panel><panel name=\"q\"></panel></page></document>")
    path = draw(xml, tmp_path / "out.pdf")
    said = re.findall(r'^\s+"(.*)"$', run_tool("pdfinfo", "-struct-text", path), re.M)
    assert " ".join(text.split()) in said
    assert f"Call us or see {url} for more." in said
    assert len(run_tool("pdftotext", path, "-").split("\n")) > 6  # the text did wrap
