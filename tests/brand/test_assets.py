"""Logos, pictures and fonts as hostile inputs: an SVG that reaches for other files, an SVG
that would need terapixels, truncated PNG and JPEG files, a named pipe, /dev/zero and a
6 GB sparse file given as a logo or a font. Each is refused with a located message before
anything is built; SVGs as Inkscape and Illustrator save them still draw."""

from __future__ import annotations

import base64
import io
import json
import os
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from PIL import Image

from handouts.brand.assets import ImageProblem, check_image, load_picture
from handouts.brand.brandyml import load_brand
from handouts.errors import SettingsError
from tests.helpers import ROOT, copy_content, make_test_clinic, run_tool

LOGO = "brand/harbourside-logo.svg"
"""Where make_test_clinic puts its logo, named on line 5 of its _brand.yml."""


def png(width: int = 64, height: int = 32, kind: str = "PNG") -> bytes:
    """A picture of noise (so that every part of the file holds pixels) in PNG or JPEG."""
    buffer = io.BytesIO()
    Image.frombytes("RGB", (width, height), os.urandom(width * height * 3)).save(buffer, kind)
    return buffer.getvalue()


def data_uri(data: bytes, kind: str = "image/png") -> str:
    """`data` as a base64 data: URI wrapped as Inkscape 0.92 wraps it."""
    text = base64.b64encode(data).decode()
    return f"data:{kind};base64," + "\n".join(text[i:i + 76] for i in range(0, len(text), 76))


INKSCAPE = """\
<?xml version="1.0" encoding="UTF-8" standalone="no"?>
<!-- Created with Inkscape (http://www.inkscape.org/) -->

<svg
   width="60mm"
   height="20mm"
   viewBox="0 0 60 20"
   version="1.1"
   id="svg1"
   inkscape:version="1.3.2 (091e20e, 2023-11-25)"
   sodipodi:docname="logo.svg"
   inkscape:export-filename="/home/designer/Desktop/logo.png"
   inkscape:export-xdpi="96"
   inkscape:export-ydpi="96"
   xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape"
   xmlns:sodipodi="http://sodipodi.sourceforge.net/DTD/sodipodi-0.dtd"
   xmlns:xlink="http://www.w3.org/1999/xlink"
   xmlns="http://www.w3.org/2000/svg"
   xmlns:svg="http://www.w3.org/2000/svg"
   xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"
   xmlns:cc="http://creativecommons.org/ns#"
   xmlns:dc="http://purl.org/dc/elements/1.1/">
  <sodipodi:namedview
     id="namedview1"
     pagecolor="#ffffff"
     bordercolor="#000000"
     inkscape:document-units="mm"
     inkscape:zoom="2.5" />
  <defs
     id="defs1">
    <linearGradient
       id="linearGradient2"
       inkscape:collect="always">
      <stop
         style="stop-color:#1b5e7a;stop-opacity:1;"
         offset="0"
         id="stop1" />
      <stop
         style="stop-color:#7a1f3d;stop-opacity:1;"
         offset="1"
         id="stop2" />
    </linearGradient>
    <linearGradient
       inkscape:collect="always"
       xlink:href="#linearGradient2"
       id="linearGradient3"
       x1="20"
       y1="10"
       x2="60"
       y2="10"
       gradientUnits="userSpaceOnUse" />
  </defs>
  <metadata
     id="metadata1">
    <rdf:RDF>
      <cc:Work
         rdf:about="">
        <dc:format>image/svg+xml</dc:format>
        <dc:type
           rdf:resource="http://purl.org/dc/dcmitype/StillImage" />
        <dc:title>Harbourside logo</dc:title>
      </cc:Work>
    </rdf:RDF>
  </metadata>
  <g
     inkscape:label="Layer 1"
     inkscape:groupmode="layer"
     id="layer1">
    <rect
       style="fill:url(#linearGradient3);stroke:none"
       id="rect1"
       width="40"
       height="20"
       x="20"
       y="0" />
    <image
       width="18"
       height="18"
       preserveAspectRatio="none"
       xlink:href="{mark}"
       id="image1"
       x="1"
       y="1"
       sodipodi:absref="/home/designer/Pictures/mark.png" />
  </g>
</svg>
"""
"""An SVG as Inkscape saves it: mm units, its own namespaces and metadata, an absolute
path to where the picture came from (sodipodi:absref, which nothing reads), the picture
itself embedded, and a gradient referred to by #id."""

ILLUSTRATOR = """\
<?xml version="1.0" encoding="utf-8"?>
<!-- Generator: Adobe Illustrator 24.1.2, SVG Export Plug-In . SVG Version: 6.00 Build 0)  -->
<!DOCTYPE svg PUBLIC "-//W3C//DTD SVG 1.1//EN" "http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd">
<svg version="1.1" id="Layer_1" xmlns="http://www.w3.org/2000/svg" \
xmlns:xlink="http://www.w3.org/1999/xlink" x="0px" y="0px"
\t width="240px" height="80px" viewBox="0 0 240 80" style="enable-background:new 0 0 240 80;" \
xml:space="preserve">
<style type="text/css">
\t.st0{{fill:url(#SVGID_1_);}}
\t.st1{{fill:#7A1F3D;}}
</style>
<linearGradient id="SVGID_1_" gradientUnits="userSpaceOnUse" x1="4" y1="40" x2="76" y2="40">
\t<stop  offset="0" style="stop-color:#1B5E7A"/>
\t<stop  offset="1" style="stop-color:#7A1F3D"/>
</linearGradient>
<circle class="st0" cx="40" cy="40" r="36"/>
<rect x="90" y="26" class="st1" width="140" height="28"/>
<g>
\t<image style="overflow:visible;" width="16" height="16" xlink:href="{mark}" \
transform="matrix(2 0 0 2 100 8)">
\t</image>
</g>
</svg>
"""
"""An SVG as Illustrator's "Save As SVG" writes it: its generator comment, a DOCTYPE with
no declarations, xml:space, a <style> element with a gradient referred to by url(#id),
and an embedded JPEG."""


def outside_png(tmp_path: Path) -> Path:
    """A PNG outside the project, which no logo may pull in."""
    path = tmp_path / "elsewhere" / "secret.png"
    path.parent.mkdir(exist_ok=True)
    path.write_bytes(png())
    return path


def project(tmp_path: Path) -> Path:
    """The sample project with the test clinic's brand, in tmp_path/project."""
    root = tmp_path / "project"
    root.mkdir()
    shutil.copy(ROOT / "handouts.toml", root)
    copy_content(root)
    make_test_clinic(root)
    return root


def brand_fails(root: Path, *expected: str) -> str:
    with pytest.raises(SettingsError) as err:
        load_brand(root / "_brand.yml", root)
    message = str(err.value)
    for part in expected:
        assert part in message, message
    return message


def svg(body: str, attrs: str = 'viewBox="0 0 240 80"') -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/'
            f'xlink" {attrs}>{body}</svg>')


REFERENCES = {
    "image href": '<image href="{png}" width="10" height="10"/>',
    "image xlink:href, relative": '<image xlink:href="{relative}" width="10" height="10"/>',
    "file: URL": '<image xlink:href="file://{png}" width="10" height="10"/>',
    "use of another file": '<use href="other.svg#mark"/>',
    "feImage": '<filter id="f"><feImage href="{png}"/></filter><rect width="9" height="9" '
               'filter="url(#f)"/>',
    "url() in a style attribute": '<rect width="9" height="9" style="fill:url({png})"/>',
    "url() in a presentation attribute": '<rect width="9" height="9" fill="url(o.svg#g)"/>',
    "url() in a style element": '<style>.a {{ fill: url("o.svg#g") }}</style>',
    "@import": '<style><![CDATA[@import "theme.css";]]></style>',
    "an SVG embedded as data: that refers to a file": '<image width="9" height="9" '
                                                      'href="{nested}"/>',
}


@pytest.mark.parametrize("body", REFERENCES.values(), ids=REFERENCES.keys())
def test_an_svg_logo_that_refers_to_another_file_is_refused(tmp_path: Path, body: str) -> None:
    root = project(tmp_path)
    secret = outside_png(tmp_path)
    nested = svg(f'<image href="{secret}" width="9" height="9"/>').encode()
    (root / LOGO).write_text(svg(body.format(
        png=secret, relative="../../elsewhere/secret.png",
        nested=data_uri(nested, "image/svg+xml"))), encoding="utf-8")
    brand_fails(root, f"_brand.yml:5:11: the logo '{LOGO}' ")
    assert check_image(root / LOGO) is not None


def test_an_svg_logo_pulling_a_png_from_elsewhere_stops_the_build_with_its_line(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = project(tmp_path)
    secret = outside_png(tmp_path)
    (root / LOGO).write_text(svg("\n<circle r='9'/>\n"
                                 f'<image xlink:href="{secret}" width="99" height="99"/>'),
                             encoding="utf-8")
    result = cli("-C", root, "build", "--length", "short", "--level", "easy", "--format", "pdf")
    assert result.exit_code == 2, result.output
    assert (f"_brand.yml:5:11: the logo '{LOGO}' refers to another file ('{secret}' in "
            "<image href>); an SVG logo may only hold its pictures inside it, as data: URIs "
            "(line 3 of the SVG)") in result.output
    assert "Traceback" not in result.output
    assert not (root / "build").exists()


SIZES = {
    'viewBox="0 0 1 1000000"': "would be drawn 1200 x 1,200,000,000 pixels (1 x 1e+06 in the "
                               "SVG), more than the 25 megapixels allowed",
    'width="10" height="1e12"': "would be drawn 1200 x 120,000,000,000,000 pixels",
    'width="1" height="100000" viewBox="0 0 1 1"': "would be drawn 1200 x 120,000,000 pixels",
    'width="1e-300" viewBox="0 0 1e-300 1e300"': "would be drawn 1200 x inf pixels",
    "": "has no size of its own",
    'width="100%" height="50%"': "has no size of its own",
    'width="0" height="80"': 'has width="0" on its <svg> element, which is not a positive '
                             "length",
    'width="240" height="-80"': 'has height="-80"',
    'width="NaN" height="80"': 'has width="NaN"',
    'width="1e999" height="80"': 'has width="1e999"',
    'width="12furlongs" height="80"': 'has width="12furlongs"',
    'viewBox="0 0 0 80"': 'has viewBox="0 0 0 80", which is not four numbers with a positive '
                          "width and height",
    'viewBox="0 0 nan 80"': 'has viewBox="0 0 nan 80"',
}


@pytest.mark.parametrize(("attrs", "message"), SIZES.items(), ids=SIZES.keys())
def test_an_svg_logo_without_a_sane_size_is_refused_before_it_is_drawn(
        tmp_path: Path, attrs: str, message: str) -> None:
    root = project(tmp_path)
    (root / LOGO).write_text(svg('<rect width="1" height="1"/>', attrs), encoding="utf-8")
    brand_fails(root, f"_brand.yml:5:11: the logo '{LOGO}' {message}")


def png_header(side: int) -> bytes:
    """A PNG whose header claims side x side pixels, with no pixels after it."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", side, side, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IEND", b"")


EMBEDDED = {
    "a truncated PNG": (lambda: data_uri(png()[:300]),
                        "embeds a picture in <image href> that is damaged or truncated"),
    "a PNG bomb": (lambda: data_uri(png_header(60_000)),
                   "embeds a picture in <image href> that is far too large"),
    "a GIF": (lambda: data_uri(b"GIF89a", "image/gif"), "embeds a data: URI of type "
              "'image/gif' in <image href>; only PNG, JPEG or SVG pictures can be embedded"),
    "bad base64": (lambda: "data:image/png;base64,@@@@",
                   "embeds a picture in <image href> that is not valid base64"),
}


@pytest.mark.parametrize(("uri", "message"), EMBEDDED.values(), ids=EMBEDDED.keys())
def test_an_svg_logo_embedding_a_broken_picture_is_refused(
        tmp_path: Path, uri: Callable[[], str], message: str) -> None:
    root = project(tmp_path)
    (root / LOGO).write_text(svg(f'<image href="{uri()}" width="9" height="9"/>'),
                             encoding="utf-8")
    brand_fails(root, f"_brand.yml:5:11: the logo '{LOGO}' {message}")


def test_style_sheets_are_refused(tmp_path: Path) -> None:
    root = project(tmp_path)
    (root / LOGO).write_text('<?xml-stylesheet href="/etc/style.css"?>' + svg(""),
                             encoding="utf-8")
    brand_fails(root, "links a style sheet (<?xml-stylesheet?>), which logos must not")


@pytest.mark.parametrize(("kind", "suffix"), [("PNG", "png"), ("JPEG", "jpg")])
def test_a_truncated_logo_stops_the_build_before_anything_is_written(
        tmp_path: Path, cli: Callable[..., Result], kind: str, suffix: str) -> None:
    root = project(tmp_path)
    whole = png(400, 200, kind)
    (root / f"brand/cut.{suffix}").write_bytes(whole[:len(whole) // 2])
    brand = root / "_brand.yml"
    brand.write_text(brand.read_text().replace(LOGO, f"brand/cut.{suffix}"), encoding="utf-8")
    result = cli("-C", root, "build", "--length", "short", "--level", "easy")
    assert result.exit_code == 2, result.output
    assert (f"_brand.yml:5:11: the logo 'brand/cut.{suffix}' is damaged or truncated ("
            in result.output)
    assert "Traceback" not in result.output
    assert not (root / "build").exists()


def test_a_six_gigabyte_sparse_font_is_refused_unread(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = project(tmp_path)
    font = root / "brand/LiberationSerif-Regular.ttf"
    font.write_bytes(b"\x00\x01\x00\x00")
    os.truncate(font, 6_000_000_000)  # sparse: no disk is used
    result = cli("-C", root, "build", "--length", "short", "--level", "easy")
    assert result.exit_code == 2, result.output
    assert ("_brand.yml:14:18: the font file 'brand/LiberationSerif-Regular.ttf' is "
            "6,000,000,000 bytes, more than the 67,108,864 allowed" in result.output)
    assert "Traceback" not in result.output
    assert not (root / "build").exists()


HOSTILE_CHECK = """\
import json, resource, sys
from pathlib import Path
from handouts.brand.assets import check_font, check_image, load_picture, ImageProblem
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))  # /dev/zero read whole: MemoryError
root = Path(sys.argv[1])
found = {}
for name in sys.argv[2:]:
    check = check_font if name.endswith(".ttf") else check_image
    found[name] = check(root / name)
    try:
        load_picture(name, (root,))
    except ImageProblem as exc:
        found["picture " + name] = str(exc)
print(json.dumps(found))
"""


def test_a_pipe_or_a_device_named_as_a_logo_or_font_is_refused_unread(tmp_path: Path) -> None:
    # in a child process with a time and memory limit: reading these used to hang, or to
    # fill the memory
    for name in ("pipe.png", "pipe.svg", "pipe.ttf"):
        os.mkfifo(tmp_path / name)
    for name in ("zero.png", "zero.svg", "zero.ttf"):
        (tmp_path / name).symlink_to("/dev/zero")
    names = ["pipe.png", "pipe.svg", "pipe.ttf", "zero.png", "zero.svg", "zero.ttf"]
    done = subprocess.run([sys.executable, "-c", HOSTILE_CHECK, str(tmp_path), *names],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    found = json.loads(done.stdout)
    pipe, zero = "is a named pipe (FIFO), not a file", "leads outside the project (to /dev/zero)"
    assert found == {
        "pipe.png": pipe, "pipe.svg": pipe, "pipe.ttf": pipe,
        "picture pipe.png": f"the image 'pipe.png' {pipe}",
        "picture pipe.svg": f"the image 'pipe.svg' {pipe}",
        "picture pipe.ttf": "the image 'pipe.ttf' is not a PNG, JPEG or SVG file",
        "zero.png": zero, "zero.svg": zero, "zero.ttf": zero,
        "picture zero.png": f"the image 'zero.png' {zero}",
        "picture zero.svg": f"the image 'zero.svg' {zero}",
        "picture zero.ttf": "the image 'zero.ttf' is not a PNG, JPEG or SVG file"}


def test_a_picture_in_content_passes_the_same_checks_as_a_logo(tmp_path: Path) -> None:
    secret = outside_png(tmp_path)
    root = tmp_path / "project"
    (root / "pictures").mkdir(parents=True)
    whole = png(200, 100, "JPEG")
    (root / "pictures/cut.jpg").write_bytes(whole[:len(whole) // 2])
    (root / "pictures/reach.svg").write_text(svg(f'<image href="{secret}"/>'),
                                             encoding="utf-8")
    (root / "pictures/ok.jpg").write_bytes(whole)
    for name, message in (("cut.jpg", "is damaged or truncated ("),
                          ("reach.svg", f"refers to another file ('{secret}' in <image href>)")):
        with pytest.raises(ImageProblem) as err:
            load_picture(f"pictures/{name}", (root,))
        assert str(err.value).startswith(f"the image 'pictures/{name}' {message}"), err.value
    data, width, height = load_picture("pictures/ok.jpg", (root,))
    assert (data.read() == whole, width, height) == (True, 200, 100)


@pytest.mark.parametrize("made_by", ["inkscape", "illustrator"])
def test_svg_logos_as_inkscape_and_illustrator_save_them_are_drawn(
        tmp_path: Path, cli: Callable[..., Result], made_by: str) -> None:
    root = project(tmp_path)
    mark = Image.new("RGB", (16, 16), (255, 200, 0))  # a yellow square in the logo
    buffer = io.BytesIO()
    mark.save(buffer, "PNG" if made_by == "inkscape" else "JPEG")
    if made_by == "inkscape":
        text = INKSCAPE.replace("{mark}", data_uri(buffer.getvalue()))
    else:
        text = ILLUSTRATOR.format(mark=data_uri(buffer.getvalue(), "image/jpeg"))
    (root / LOGO).write_text(text, encoding="utf-8")
    assert check_image(root / LOGO) is None
    result = cli("-C", root, "build", "--length", "short", "--level", "easy", "--format", "pdf",
                 "--no-report")
    assert result.exit_code == 0, result.output
    pdf = next((root / "build").glob("*/*-easy-flyer.pdf"))
    run_tool("pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", pdf, tmp_path / "page")
    page = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    colours = {colour for _, colour in page.getcolors(1 << 20) or []
               if isinstance(colour, tuple)}
    assert any(r > 200 and 150 < g < 230 and b < 80 for r, g, b in colours), \
        "the yellow mark embedded in the logo is not drawn"
