"""SVG logos as design tools save them: sizes in any SVG unit, a DOCTYPE line with or
without Illustrator's entities, and a wordmark in <text> drawn with the bundled and the
brand's fonts (named by family, or by PostScript name as Illustrator names them), never
the machine's; entities that could read a file or blow up are refused with what to do."""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from PIL import Image

from handouts.brand.assets import ImageProblem, check_image, load_picture
from handouts.brand.svg import LOGO_RENDER_WIDTH, measure, svg_png
from tests.brand.test_assets import LOGO, brand_fails, data_uri, project, svg
from tests.helpers import DATA, run_tool

BRAND_FONT = DATA / "fonts" / "LiberationSerif-Regular.ttf"
"""The test clinic's font, which make_test_clinic copies into the project's brand folder."""

INKSCAPE_WORDMARK = """\
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="90mm"
   height="30mm"
   viewBox="0 0 90 30"
   version="1.1"
   id="svg1"
   inkscape:version="1.3.2 (091e20e, 2023-11-25)"
   sodipodi:docname="wordmark.svg"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg">
  <sodipodi:namedview
     id="namedview1"
     pagecolor="#ffffff"
     inkscape:document-units="mm" />
  <defs
     id="defs1" />
  <g
     inkscape:label="Layer 1"
     inkscape:groupmode="layer"
     id="layer1">
    <circle
       style="fill:#1b8a9a;stroke:none"
       id="path1"
       cx="15"
       cy="15"
       r="13" />
    <text
       xml:space="preserve"
       style="font-size:11.2889px;font-family:'{family}';-inkscape-font-specification:'{family}';\
fill:#1a1a1a;stroke:none"
       x="32"
       y="19"
       id="text1"><tspan
         sodipodi:role="line"
         id="tspan1"
         x="32"
         y="19">Harbour</tspan></text>
  </g>
</svg>
"""
"""A wordmark as Inkscape 1.3 saves it: mm units, its namespaces, a teal mark on the left
(x 0-28 of 90) and dark text on the right (x 32-90), in a font family named in CSS."""

ILLUSTRATOR_ENTITIES = """\
<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 16.0.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
\t<!ENTITY ns_extend "http://ns.adobe.com/Extensibility/1.0/">
\t<!ENTITY ns_ai "http://ns.adobe.com/AdobeIllustrator/10.0/">
\t<!ENTITY ns_graphs "http://ns.adobe.com/Graphs/1.0/">
\t<!ENTITY ns_vars "http://ns.adobe.com/Variables/1.0/">
\t<!ENTITY ns_imrep "http://ns.adobe.com/ImageReplacement/1.0/">
\t<!ENTITY ns_sfw "http://ns.adobe.com/SaveForWeb/1.0/">
\t<!ENTITY ns_custom "http://ns.adobe.com/GenericCustomNamespace/1.0/">
\t<!ENTITY ns_adobe_xpath "http://ns.adobe.com/XPath/1.0/">
\t<!ENTITY ns_svg "http://www.w3.org/2000/svg">
\t<!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<svg version="1.1" id="Layer_1" xmlns:x="&ns_extend;" xmlns:i="&ns_ai;" \
xmlns:graph="&ns_graphs;"
\t xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" x="0px" y="0px" width="255.118px" height="85.039px"
\t viewBox="0 0 255.118 85.039" enable-background="new 0 0 255.118 85.039" xml:space="preserve">
<switch>
\t<foreignObject requiredExtensions="&ns_ai;" x="0" y="0" width="1" height="1">
\t\t<i:pgfRef  xlink:href="#adobe_illustrator_pgf">
\t\t</i:pgfRef>
\t</foreignObject>
\t<g i:extraneous="self">
\t\t<circle fill="#1B8A9A" cx="42.52" cy="42.52" r="36.85"/>
\t\t<text transform="matrix(1 0 0 1 90.7085 53.8579)" fill="#1A1A1A" \
font-family="'LiberationSerif'" font-size="32">Harbour</text>
\t</g>
</switch>
<i:pgf  id="adobe_illustrator_pgf">
\t<![CDATA[
\teJzsvWuTHEdyIPodv6JGRiGz&ns_ai;
\t]]>
</i:pgf>
</svg>
"""
"""An SVG as Illustrator CS6 saves it with "Preserve Illustrator Editing Capabilities": a
DOCTYPE whose internal subset declares the namespace URLs as entities, used in xmlns
attributes; px units, enable-background, xml:space; the editing data behind a <switch>, in
CDATA (where an entity reference is just text); a wordmark in text named by the font's
PostScript name."""

NO_FONTS_CONF = """\
<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>{empty}</dir></fontconfig>
"""


@pytest.fixture
def no_system_fonts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A machine with no fonts installed (resvg finds system fonts through fontconfig's
    configuration, which this points at an empty folder), as a slim container is."""
    (tmp_path / "no-fonts").mkdir()
    conf = tmp_path / "fonts.conf"
    conf.write_text(NO_FONTS_CONF.format(empty=tmp_path / "no-fonts"), encoding="utf-8")
    monkeypatch.setenv("FONTCONFIG_FILE", str(conf))


def on_white(png: bytes) -> Image.Image:
    """A PNG as it shows on white paper, in grey levels."""
    with Image.open(io.BytesIO(png)) as img:
        picture = img.convert("RGBA")
    paper = Image.new("RGBA", picture.size, "white")
    paper.alpha_composite(picture)
    return paper.convert("L")


def dark_pixels(picture: Image.Image, left: float, right: float) -> int:
    """Pixels darker than mid-grey between fractions `left` and `right` of the width."""
    box = (round(picture.width * left), 0, round(picture.width * right), picture.height)
    return sum(1 for level in picture.crop(box).get_flattened_data() if level < 100)


UNITS = {  # width and height as written; their size in px at 96 per inch
    'width="60mm" height="20mm"': (60 / 25.4 * 96, 20 / 25.4 * 96),
    'width="6cm" height="2cm"': (6 / 2.54 * 96, 2 / 2.54 * 96),
    'width="7.3mm" height="2.9mm"': (7.3 / 25.4 * 96, 2.9 / 25.4 * 96),
    'width="2.37in" height="0.71in"': (2.37 * 96, 0.71 * 96),
    'width="50.3pt" height="13.1pt"': (50.3 / 72 * 96, 13.1 / 72 * 96),
    'width="18pc" height="5pc"': (18 * 16, 5 * 16),
    'width="240.5px" height="80.25px"': (240.5, 80.25),
    'width="240.5" height="80.25"': (240.5, 80.25),
    'width="61mm"': (61 / 25.4 * 96, 61 / 25.4 * 96 / 3),
    'height="17pt"': (17 / 72 * 96 * 3, 17 / 72 * 96),
    "": (300, 100),
}


SIZED = [(size, expected, view_box) for size, expected in UNITS.items()
         for view_box in (True, False) if view_box or size.count("=") == 2]
"""Each size with a viewBox, and without one where it gives both a width and a height."""


@pytest.mark.parametrize(("size", "expected", "view_box"), SIZED,
                         ids=[f"{size or 'no size'}{'' if box else ', no viewBox'}"
                              for size, _, box in SIZED])
def test_an_svg_in_any_unit_is_drawn_at_its_own_proportions_edge_to_edge(
        tmp_path: Path, size: str, expected: tuple[float, float], view_box: bool) -> None:
    box = 'viewBox="0 0 300 100" preserveAspectRatio="none"' if view_box else ""
    drawing = '<rect width="300" height="100"/>' if view_box else \
        '<rect width="100%" height="100%"/>'
    (tmp_path / "logo.svg").write_text(svg(drawing, f"{size} {box}"), encoding="utf-8")
    width, height = measure((tmp_path / "logo.svg").read_bytes())
    assert (width, height) == pytest.approx(expected, rel=1e-9)
    data, w, h = load_picture("logo.svg", (tmp_path,))
    assert (w, h) == (LOGO_RENDER_WIDTH, round(LOGO_RENDER_WIDTH * height / width))
    with Image.open(data) as img:  # drawn edge to edge: no transparent strip, not cut
        assert img.getchannel("A").getextrema() == (255, 255)


def wordmark(family: str) -> bytes:
    return INKSCAPE_WORDMARK.replace("{family}", family).encode()


def test_a_wordmark_is_drawn_in_the_brands_font_on_a_machine_without_fonts(
        no_system_fonts: None) -> None:
    # the text's box is x 32-90 of 90: the right 60%; the mark on the left is teal, not dark
    plain = on_white(svg_png(wordmark("Liberation Serif")))
    branded = on_white(svg_png(wordmark("Liberation Serif"), (BRAND_FONT,)))
    assert dark_pixels(branded, 0.36, 1.0) > 2000, "the wordmark vanished"
    assert dark_pixels(branded, 0.0, 0.33) == 0
    assert dark_pixels(plain, 0.36, 1.0) > 2000, "a font not given is drawn in Noto Sans"
    assert branded.tobytes() != plain.tobytes(), "not in the brand's font"


def test_a_wordmark_never_uses_a_font_of_the_machine() -> None:
    # DejaVu Serif is installed here, but is no bundled or brand font: Noto Sans draws it,
    # exactly as it draws a family found nowhere
    machine = on_white(svg_png(wordmark("DejaVu Serif"), (BRAND_FONT,)))
    nowhere = on_white(svg_png(wordmark("Myriad Pro"), (BRAND_FONT,)))
    noto = on_white(svg_png(wordmark("Noto Sans"), (BRAND_FONT,)))
    assert machine.tobytes() == nowhere.tobytes() == noto.tobytes()
    assert dark_pixels(noto, 0.36, 1.0) > 2000


def test_an_illustrator_svg_with_entities_in_its_doctype_is_drawn(
        tmp_path: Path, no_system_fonts: None) -> None:
    (tmp_path / "logo.svg").write_text(ILLUSTRATOR_ENTITIES, encoding="utf-8")
    assert check_image(tmp_path / "logo.svg") is None
    data, width, height = load_picture("logo.svg", (tmp_path,), (BRAND_FONT,))
    assert (width, height) == (1200, 400)
    drawn = on_white(data.getvalue())
    assert dark_pixels(drawn, 0.36, 1.0) > 2000, "the wordmark vanished"


BAD_ENTITIES = {
    "an expansion bomb": ('<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;">', "&b;",
                          "declares the entity 'b' with markup, other entities or more than "
                          "1000 characters"),
    "a file": ('<!ENTITY secret SYSTEM "file:///etc/passwd">', "&secret;",
               "declares an entity from another file ('secret'), which a logo must not"),
    "a web address": ('<!ENTITY remote PUBLIC "-//X//EN" "http://example.org/x.ent">',
                      "&remote;", "declares an entity from another file ('remote')"),
    "a parameter entity": ('<!ENTITY % p "x">', "", "declares a parameter entity ('p')"),
    "markup": ('<!ENTITY m "<rect width=\'9\' height=\'9\'/>">', "&m;",
               "declares the entity 'm' with markup"),
    "a long text": (f'<!ENTITY long "{"x" * 1001}">', "&long;",
                    "declares the entity 'long' with markup, other entities or more than 1000"),
    "too many": ("".join(f'<!ENTITY e{i} "x">' for i in range(65)), "",
                 "declares more than 64 entities"),
    "a wide expansion": (f'<!ENTITY w "{"w" * 1000}">', "&w;" * 2100,
                         "would be more than 2,000,000 bytes with its entities written out"),
}


@pytest.mark.parametrize(("subset", "uses", "message"), BAD_ENTITIES.values(),
                         ids=BAD_ENTITIES.keys())
def test_entities_that_could_read_a_file_or_blow_up_are_refused_with_what_to_do(
        tmp_path: Path, subset: str, uses: str, message: str) -> None:
    root = project(tmp_path)
    (root / LOGO).write_text(f"<!DOCTYPE svg [{subset}]>\n" + svg(f"<desc>{uses}</desc>"),
                             encoding="utf-8")
    brand_fails(root, f"_brand.yml:5:11: the logo '{LOGO}' {message}",
                "save the logo as plain SVG without entities (Inkscape: Save As, Plain SVG; "
                "Illustrator: Export As, SVG)")


def test_an_entity_the_svg_does_not_declare_is_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / LOGO).write_text(
        '<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" '
        '"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">\n'
        + svg("\n<desc>&nbsp;</desc>"), encoding="utf-8")
    brand_fails(root, "refers to the entity 'nbsp', which it does not declare; save the logo "
                      "as plain SVG", "(line 3 of the SVG)")


def test_entities_in_an_embedded_svg_are_refused(tmp_path: Path) -> None:
    inner = ('<!DOCTYPE svg [<!ENTITY a "x">]>' + svg("<desc>&a;</desc>")).encode()
    (tmp_path / "logo.svg").write_text(
        svg(f'<image width="9" height="9" href="{data_uri(inner, "image/svg+xml")}"/>'),
        encoding="utf-8")
    with pytest.raises(ImageProblem, match=r"embeds an SVG picture in <image href> that "
                       r"declares entities \(a DOCTYPE with \[\.\.\.\]\) in an embedded "
                       "picture; save the logo as plain SVG"):
        load_picture("logo.svg", (tmp_path,))


def vector_logo_in_pdf(pdf: Path) -> None:
    """The wordmark is drawn as vectors on the PDF's first page (no picture at all), its
    text in the brand's face (the only font the page uses, all embedded). Only 1 x 1
    pixel pictures may be there, as they were before (reportlab's own)."""
    images = run_tool("pdfimages", "-list", "-f", "1", "-l", "1", pdf).splitlines()[2:]
    pictures = [row for row in images if int(row.split()[3]) > 1]  # not reportlab's dots
    assert pictures == [], "the logo was drawn as pixels"
    text = run_tool("pdftotext", "-f", "1", "-l", "1", pdf, "-")
    assert re.search(r"\bHarbour\b", text), "the wordmark vanished from the flyer"
    fonts = run_tool("pdffonts", "-f", "1", "-l", "1", pdf).splitlines()[2:]
    assert fonts and all("LiberationSerif" in line and " yes yes " in line
                         for line in fonts), fonts


@pytest.mark.parametrize("made_by", ["inkscape", "illustrator"])
def test_a_wordmark_logo_is_drawn_in_the_flyer_and_the_deck(
        tmp_path: Path, cli: Callable[..., Result], no_system_fonts: None,
        made_by: str) -> None:
    root = project(tmp_path)
    text = wordmark("Liberation Serif").decode() if made_by == "inkscape" \
        else ILLUSTRATOR_ENTITIES
    (root / LOGO).write_text(text, encoding="utf-8")
    result = cli("-C", root, "build", "--length", "short", "--level", "easy", "--format",
                 "pdf", "--format", "pptx", "--no-report")
    assert result.exit_code == 0, result.output
    pdf = next((root / "build").glob("*/*-easy-flyer.pdf"))
    vector_logo_in_pdf(pdf)
    deck = next((root / "build").glob("*/*-easy-*.pptx"))
    with zipfile.ZipFile(deck) as pptx:
        media = [pptx.read(name) for name in pptx.namelist() if name.startswith("ppt/media/")]
    logos = [on_white(png) for png in media if png.startswith(b"\x89PNG")]
    logos = [logo for logo in logos if logo.width == LOGO_RENDER_WIDTH]
    assert logos and all(dark_pixels(logo, 0.36, 1.0) > 2000 for logo in logos), \
        "the wordmark vanished from the deck"


def test_a_size_without_a_viewbox_replaces_an_aspect_setting_that_had_no_effect(
        tmp_path: Path) -> None:
    # preserveAspectRatio means nothing without a viewBox; the one written in its place
    # must not make the <svg> element carry the attribute twice
    (tmp_path / "logo.svg").write_text(
        svg('<rect width="100%" height="100%"/>',
            'width="30mm" height="10mm" preserveAspectRatio="xMinYMin slice"'),
        encoding="utf-8")
    assert load_picture("logo.svg", (tmp_path,))[1:] == (1200, 400)


ILLUSTRATOR_STYLES = """\
<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.5.0, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" \
xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
\t viewBox="0 0 255.1 85" style="enable-background:new 0 0 255.1 85;" xml:space="preserve">
<style type="text/css">
\t.st0{{fill:#1B8A9A;}}
\t.st1{{fill:#1A1A1A;}}
\t.st2{{{font}}}
\t.st3{{font-size:32px;}}
</style>
<circle class="st0" cx="42.5" cy="42.5" r="36.8"/>
<text transform="matrix(1 0 0 1 90.7 53.9)" class="st1 st2 st3">Harbour</text>
</svg>
"""
"""A wordmark as Illustrator 2023 saves it with style elements: classes in CSS, the font
named in one of them."""

POSTSCRIPT_NAMES = {  # as Illustrator writes the font; as a designer would write it
    "a class, bold": (ILLUSTRATOR_STYLES.format(font="font-family:'LiberationSerif-Bold';"),
                      ILLUSTRATOR_STYLES.format(font="font-family:'Liberation Serif';"
                                                     "font-weight:bold;")),
    "a class, regular": (ILLUSTRATOR_STYLES.format(font="font-family:LiberationSerif;"),
                         ILLUSTRATOR_STYLES.format(font="font-family:'Liberation Serif';")),
    "an attribute, bold": (
        ILLUSTRATOR_ENTITIES.replace("'LiberationSerif'", "'LiberationSerif-Bold'"),
        ILLUSTRATOR_ENTITIES.replace("font-family=\"'LiberationSerif'\"",
                                     "font-family=\"Liberation Serif\" font-weight=\"700\"")),
    "a style attribute, Noto Sans bold": (
        wordmark("NotoSans-Bold").decode(),
        wordmark("Noto Sans").decode().replace("font-family:", "font-weight:bold;font-family:")),
}


@pytest.mark.parametrize(("by_postscript", "by_family"), POSTSCRIPT_NAMES.values(),
                         ids=POSTSCRIPT_NAMES.keys())
def test_a_font_named_by_its_postscript_name_is_drawn_in_that_face(
        no_system_fonts: None, by_postscript: str, by_family: str) -> None:
    fonts = (BRAND_FONT, BRAND_FONT.with_name("LiberationSerif-Bold.ttf"))
    drawn = on_white(svg_png(by_postscript.encode(), fonts))
    assert dark_pixels(drawn, 0.36, 1.0) > 2000
    assert drawn.tobytes() == on_white(svg_png(by_family.encode(), fonts)).tobytes()
    unknown = by_postscript.replace("LiberationSerif", "MyriadPro").replace("NotoSans",
                                                                             "MyriadPro")
    assert drawn.tobytes() != on_white(svg_png(unknown.encode(), fonts)).tobytes()
