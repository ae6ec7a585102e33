"""SVG pictures drawn as vectors: design tools' files as they save them, what svglib
cannot draw falling back to pixels with a note, and the one set of checks."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.graphics.shapes import Group, String
from reportlab.lib import colors
from reportlab.pdfgen.canvas import Canvas

from handouts.brand.assets import ImageProblem
from handouts.brand.svgdraw import VectorProblem, svg_drawing, svg_fonts
from handouts.fonts.families import builtin_fonts
from handouts.writers.pdf.figures import TaggedImage, VectorPicture, picture
from tests.brand.test_assets import LOGO, project
from tests.helpers import run_tool

INKSCAPE = b"""<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->
<svg xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns="http://www.w3.org/2000/svg" xmlns:svg="http://www.w3.org/2000/svg"
   width="60mm" height="20mm" viewBox="0 0 60 20" version="1.1" id="svg1"
   inkscape:version="1.3 (0e150ed6c4, 2023-07-21)" sodipodi:docname="logo.svg">
  <sodipodi:namedview id="namedview1" pagecolor="#ffffff" inkscape:document-units="mm"/>
  <defs id="defs1">
    <linearGradient id="g1" x1="0" y1="0" x2="1" y2="0">
      <stop offset="0" style="stop-color:#0b5394"/><stop offset="1" style="stop-color:#6fa8dc"/>
    </linearGradient>
  </defs>
  <g inkscape:label="Layer 1" inkscape:groupmode="layer" id="layer1"
     transform="translate(2,1) rotate(3)">
    <rect style="fill:url(#g1);stroke:none" width="16" height="16" x="0" y="0" id="rect1"/>
    <text xml:space="preserve" style="font-size:8px;font-family:'Brand Sans';font-weight:bold;
      fill:#0b5394" x="20" y="11" id="text1"><tspan sodipodi:role="line" x="20"
      y="11">Clinic</tspan></text>
  </g>
</svg>
"""

ILLUSTRATOR = b"""<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 27.0.0, SVG Export Plug-In . SVG Version: 6.00 -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd" [
  <!ENTITY ns_svg "http://www.w3.org/2000/svg">
  <!ENTITY ns_xlink "http://www.w3.org/1999/xlink">
]>
<svg version="1.1" id="Layer_1" xmlns="&ns_svg;" xmlns:xlink="&ns_xlink;" x="0px" y="0px"
   viewBox="0 0 240 80" style="enable-background:new 0 0 240 80;" xml:space="preserve">
<style type="text/css">
  .st0{fill:#7A1F3D;}
  .st1{fill:none;stroke:#FFFFFF;stroke-width:9;}
  .st2{font-family:'MyriadPro-Regular';font-size:20px;}
</style>
<circle class="st0" cx="40" cy="40" r="32"/>
<path class="st1" d="M24,40h32 M40,24v32"/>
<g transform="matrix(1 0 0 1 84 50)"><text class="st2">Harbourside</text></g>
</svg>
"""


def _fonts() -> Any:
    return svg_fonts([builtin_fonts()])


def _shapes(node: Any) -> list[Any]:
    found = [node]
    for child in getattr(node, "contents", []):
        found += _shapes(child)
    return found


def test_an_inkscape_file_is_drawn_at_its_size_with_its_text_in_a_given_font() -> None:
    drawing = svg_drawing(INKSCAPE, _fonts())
    assert drawing.width == pytest.approx(60 / 25.4 * 72)  # 60 mm in points
    assert drawing.height == pytest.approx(20 / 25.4 * 72)
    strings = [s for s in _shapes(drawing) if isinstance(s, String)]
    assert [s.text for s in strings] == ["Clinic"]
    # 'Brand Sans' is not given: the bundled family's bold, never a font of the machine
    assert strings[0].fontName == _fonts().bold


def test_an_illustrator_file_with_entities_classes_and_only_a_viewbox() -> None:
    drawing = svg_drawing(ILLUSTRATOR, _fonts())
    assert (drawing.width, drawing.height) == (180, 60)  # 240 x 80 px at 96 dpi, in pt
    fills = {s.fillColor.hexval() for s in _shapes(drawing)
             if getattr(s, "fillColor", None) is not None and not isinstance(s, Group)}
    assert "0x7a1f3d" in fills  # the CSS class .st0, as Illustrator writes it
    strings = [s for s in _shapes(drawing) if isinstance(s, String)]
    assert strings and strings[0].fontName == _fonts().regular


def test_a_vector_picture_in_a_pdf_embeds_every_font_it_names(tmp_path: Path) -> None:
    out = io.BytesIO()
    canvas = Canvas(out, initialFontName=_fonts().regular)
    VectorPicture(svg_drawing(ILLUSTRATOR, _fonts()), 144).drawOn(canvas, 72, 600)
    canvas.save()
    (tmp_path / "logo.pdf").write_bytes(out.getvalue())
    fonts = run_tool("pdffonts", tmp_path / "logo.pdf").splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts  # no Helvetica


def test_what_svglib_leaves_out_is_refused_for_vectors() -> None:
    masked = INKSCAPE.replace(b'<defs id="defs1">', b'<defs id="defs1"><filter id="f">'
                              b'<feGaussianBlur stdDeviation="2"/></filter>')
    with pytest.raises(VectorProblem, match="<filter>"):
        svg_drawing(masked, _fonts())


def test_what_svglib_logs_as_a_problem_is_refused_not_printed(
        capsys: pytest.CaptureFixture[str]) -> None:
    bad = INKSCAPE.replace(b"stroke:none", b"stroke:bluish")
    with pytest.raises(VectorProblem, match="bluish"):
        svg_drawing(bad, _fonts())
    assert "Traceback" not in capsys.readouterr().err


@pytest.mark.parametrize("hostile, said", [
    (b'<script>alert(1)</script>', "script"),
    (b'<rect width="1" height="1" onload="alert(1)"/>', "onload"),
    (b'<image href="file:///etc/passwd" width="1" height="1"/>', "another file"),
    (b'<rect width="1" height="1" style="fill:url(http://example.org/x.svg#p)"/>',
     "another file"),
])
def test_the_one_reader_refuses_for_vectors_too(hostile: bytes, said: str) -> None:
    data = INKSCAPE.replace(b"</svg>", hostile + b"</svg>")
    with pytest.raises(ImageProblem, match=said):
        svg_drawing(data, _fonts())


def test_a_picture_svglib_cannot_draw_is_drawn_as_pixels_with_a_note(tmp_path: Path) -> None:
    (tmp_path / "ok.svg").write_bytes(ILLUSTRATOR)
    (tmp_path / "blur.svg").write_bytes(INKSCAPE.replace(
        b'<defs id="defs1">', b'<defs id="defs1"><mask id="m"><rect width="9" height="9" '
        b'fill="#fff"/></mask>'))
    drawn, note = picture("ok.svg", 100, (tmp_path,), ())
    assert isinstance(drawn, VectorPicture) and note is None
    assert drawn.height == pytest.approx(100 / 3)
    drawn, note = picture("blur.svg", 100, (tmp_path,), ())
    assert isinstance(drawn, TaggedImage)
    assert note is not None and note.code == "picture-as-pixels"
    assert "blur.svg" in note.message and "<mask>" in note.message
    assert note.location is not None and note.location.path == tmp_path / "blur.svg"


def test_a_refused_svg_names_the_picture(tmp_path: Path) -> None:
    (tmp_path / "bad.svg").write_bytes(INKSCAPE.replace(b"</svg>", b"<script/></svg>"))
    with pytest.raises(ImageProblem, match=r"the image 'bad.svg' .*script.*line \d+"):
        picture("bad.svg", 100, (tmp_path,), ())


def test_colours_are_kept() -> None:
    drawing = svg_drawing(ILLUSTRATOR, _fonts())
    strokes = {s.strokeColor for s in _shapes(drawing)
               if getattr(s, "strokeColor", None) is not None}
    assert colors.HexColor("#FFFFFF") in strokes


def test_a_logo_svglib_cannot_draw_is_built_as_pixels_with_a_warning(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = project(tmp_path)
    (root / LOGO).write_bytes(INKSCAPE.replace(
        b'<defs id="defs1">', b'<defs id="defs1"><filter id="f"><feGaussianBlur '
        b'stdDeviation="2"/></filter>'))
    result = cli("-C", root, "build", "--length", "short", "--level", "easy", "--format",
                 "pdf", "--no-report")
    assert result.exit_code == 0, result.output
    assert "harbourside-logo.svg" in result.output and "[picture-as-pixels]" in result.output
    assert "Traceback" not in result.output
    pdf = next((root / "build").glob("*/*-easy-flyer.pdf"))
    images = run_tool("pdfimages", "-list", "-f", "1", "-l", "1", pdf).splitlines()[2:]
    assert any(int(row.split()[3]) > 1 for row in images)  # the logo, as resvg drew it


ATTRIBUTE = st.sampled_from(["transform", "fill", "stroke", "d", "width", "stroke-width",
                             "style", "x", "opacity", "font-size", "clip-path"])
VALUE = st.one_of(
    st.text(st.sampled_from("0123456789.-e,() #abcdefMLCZzrgbtanslotkew%pxm:;"), max_size=30),
    st.sampled_from(["matrix(0 0 0 0 0 0)", "scale(0)", "rotate(1e308)", "nan", "inf",
                     "M0 0 A0 0 0 1 1 0 0", "url(#nowhere)", "rgb(300,-1,2)", "1e400",
                     "fill:url(#g1);stroke:url(#g1)", "M 1e308 1e308 L -1e308 0 Z"]))


@settings(max_examples=150, deadline=None)
@given(attribute=ATTRIBUTE, value=VALUE, element=st.sampled_from(["rect", "path", "text",
                                                                   "circle", "g"]))
def test_no_svg_that_passes_the_checks_gives_a_traceback(attribute: str, value: str,
                                                         element: str) -> None:
    quoted = value.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;")
    shape = (f'<{element} {attribute}="{quoted}" width="5" height="5" r="2" '
             f'd="M0 0 L5 5">x</{element}>').encode()
    data = INKSCAPE.replace(b"</svg>", shape + b"</svg>")
    try:
        drawing = svg_drawing(data, _fonts())
    except (ImageProblem, VectorProblem):
        return  # refused with what is wrong, or drawn as pixels with a note
    out = io.BytesIO()
    canvas = Canvas(out, initialFontName=_fonts().regular)
    VectorPicture(drawing, 100).drawOn(canvas, 0, 0)
    canvas.save()
