"""Brand files and pictures checked before use: logos and pictures (PNG, JPEG, SVG) and
TrueType fonts.

Every file is read once, through files.read_input (a regular file inside its folders,
within its size limit, checked before reading), and what is checked is the very bytes a
writer gets. Images are measured from their headers before anything is decoded, so a
decompression bomb is refused without allocating it, and then decoded whole, so a
truncated file is refused here rather than in a writer. SVG logos are parsed first (they
may not reference any other file) and rendered to PNG (resvg), since slide decks cannot
embed SVG and the PDFs then use the same picture.
"""

from __future__ import annotations

import functools
import io
import math
import re
from collections.abc import Sequence
from pathlib import Path

from handouts import files
from handouts.fonts.faces import truetype_problem

MAX_LOGO_PIXELS = 25_000_000
"""A logo larger than this (width x height) is refused: it is no logo, or a bomb. SVG logos
are refused when drawing them would need more."""
MAX_SVG_BYTES = 2_000_000
"""The largest SVG file (bytes) read."""
LOGO_RENDER_WIDTH = 1200
"""Pixels across an SVG logo is rendered at (about 600 dpi at two inches)."""
SVG_DPI = 96.0
"""Pixels per inch for SVG lengths in mm, cm, in, pt and pc (the CSS value)."""
MAX_SVG_NESTING = 3
"""How deep SVG pictures embedded as data: URIs in an SVG may nest."""

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")


class ImageProblem(Exception):
    """A picture that cannot be used; the message completes a sentence that names it
    ("is damaged or truncated (...)")."""


def check_image(path: Path, roots: Sequence[Path] | None = None) -> str | None:
    """What is wrong with a logo or picture file, or None if it can be used.

    `roots` are the folders the file must lie in (by default the folder `path` names, for
    a caller that has already checked that): the file is read only if it is a regular
    file of at most files.LIMITS["image"] bytes (MAX_SVG_BYTES for SVG)."""
    try:
        picture_bytes(path, roots)
    except ImageProblem as exc:
        return str(exc)
    return None


def picture_bytes(path: Path, roots: Sequence[Path] | None = None) -> bytes:
    """A picture file's PNG or JPEG bytes (an SVG rendered to PNG) after every check
    check_image makes; raises ImageProblem."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", *RASTER_SUFFIXES):
        raise ImageProblem("is not a PNG, JPEG or SVG file")
    limit = MAX_SVG_BYTES if suffix == ".svg" else files.LIMITS["image"]
    try:
        data = files.read_input(path, roots or (path.parent,), limit)
    except files.Refused as exc:
        raise ImageProblem(exc.what) from None
    if suffix == ".svg":
        return svg_png(data)
    problem = raster_problem(data)
    if problem:
        raise ImageProblem(problem)
    return data


@functools.lru_cache(maxsize=8)
def raster_problem(data: bytes, kinds: tuple[str, ...] = ("PNG", "JPEG")) -> str | None:
    """What is wrong with a PNG or JPEG image's bytes (its header first, then the whole
    image decoded within MAX_LOGO_PIXELS), or None if it can be used. Remembered by
    content: every output loads the logo again."""
    import warnings

    from PIL import Image, UnidentifiedImageError

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as img:  # reads the header only
                width, height = img.size
                if img.format not in kinds:
                    return f"is a {img.format} image, not {' or '.join(kinds)}"
                if width * height > MAX_LOGO_PIXELS:
                    return (f"is {width} x {height} pixels ({width * height / 1e6:.0f} "
                            "megapixels; refused before decoding)")
                img.load()  # a truncated or corrupt file fails here, not in a writer
    except Image.DecompressionBombError:
        return "is far too large (refused before decoding)"
    except UnidentifiedImageError:
        return "is not a readable image (neither PNG nor JPEG)"
    except (OSError, SyntaxError, ValueError, EOFError) as exc:
        return f"is damaged or truncated ({exc})"
    return None


@functools.lru_cache(maxsize=8)
def svg_png(data: bytes) -> bytes:
    """An SVG file's bytes rendered to PNG bytes LOGO_RENDER_WIDTH pixels across, once it
    is found to hold no reference to another file (_SvgReader) and to need at most
    MAX_LOGO_PIXELS; raises ImageProblem. resvg is also told the tallest picture allowed,
    so it never allocates more even if it measures the SVG otherwise."""
    import resvg_py

    width, height = _svg_checked(data, MAX_SVG_NESTING)
    tall = LOGO_RENDER_WIDTH * height / width  # may be inf: a float, not yet pixels
    if LOGO_RENDER_WIDTH * tall > MAX_LOGO_PIXELS:
        raise ImageProblem(
            f"would be drawn {LOGO_RENDER_WIDTH} x {tall:,.0f} pixels ({width:g} x {height:g} "
            f"in the SVG), more than the {MAX_LOGO_PIXELS // 1_000_000} megapixels allowed "
            "(give its <svg> element the width, height or viewBox of a logo)")
    try:
        png = resvg_py.svg_to_bytes(svg_string=data.decode("utf-8-sig"), dpi=SVG_DPI,
                                    width=LOGO_RENDER_WIDTH,
                                    height=MAX_LOGO_PIXELS // LOGO_RENDER_WIDTH)
    except ValueError as exc:
        raise ImageProblem(f"cannot be drawn ({exc})") from None
    return bytes(png)


# SVG ---------------------------------------------------------------------------------------

_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)""", re.IGNORECASE)
_LENGTH_RE = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-z]*|%)\s*",
                        re.IGNORECASE)
_EMBEDDED = {"image/png": ("PNG",), "image/jpeg": ("JPEG",), "image/jpg": ("JPEG",)}


def _unit_px(unit: str, dpi: float) -> float | None:
    """Pixels in one `unit` of an SVG length ("" and px are pixels; em is resvg's default
    16 px font), or None for a unit SVG does not have."""
    per_inch = {"in": 1.0, "cm": 2.54, "mm": 25.4, "pt": 72.0, "pc": 6.0}
    if unit in per_inch:
        return dpi / per_inch[unit]
    return {"": 1.0, "px": 1.0, "em": 16.0, "ex": 8.0}.get(unit)


class _SvgReader:
    """One SVG document read with expat, refusing (ImageProblem) what a logo must not hold:
    entity declarations, a style sheet or any reference to another file (only same-document
    #id references and data: URIs of PNG, JPEG or SVG pictures, which are checked in turn,
    are allowed). Inkscape's and Illustrator's namespaced attributes are ignored, as resvg
    ignores them."""

    def __init__(self, nesting: int) -> None:
        from xml.parsers import expat

        self.nesting = nesting
        """How many more levels of SVG pictures embedded in this one are allowed."""
        self.root: dict[str, str] | None = None
        """The attributes of the <svg> element (no namespace), once read."""
        self.pixels = 0
        """Pixels of the pictures embedded so far."""
        self.style: list[str] | None = None
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EntityDeclHandler = self.entity
        self.parser.ProcessingInstructionHandler = self.instruction
        self.parser.StartElementHandler = self.start
        self.parser.EndElementHandler = self.end
        self.parser.CharacterDataHandler = self.text

    def read(self, data: bytes) -> dict[str, str]:
        """The attributes of the document's <svg> element; raises ImageProblem."""
        from xml.parsers import expat

        try:
            self.parser.Parse(data, True)
        except expat.ExpatError as exc:
            raise ImageProblem(f"is not well-formed XML (line {exc.lineno}: "
                               f"{expat.ErrorString(exc.code)})") from None
        if self.root is None:  # expat refuses a document without an element; kept for mypy
            raise ImageProblem("is not an SVG image")
        return self.root

    def refuse(self, what: str) -> ImageProblem:
        return ImageProblem(f"{what} (line {self.parser.CurrentLineNumber} of the SVG)")

    def doctype(self, name: str, system_id: str | None, public_id: str | None,
                has_internal_subset: bool) -> None:
        # a bare DOCTYPE (older Illustrator files) is harmless: expat never fetches it
        if has_internal_subset:
            raise self.refuse("declares entities (a DOCTYPE with [...]), which logos must "
                              "not")

    def entity(self, *args: object) -> None:
        raise self.refuse("declares entities, which logos must not")

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            raise self.refuse("links a style sheet (<?xml-stylesheet?>), which logos must "
                              "not")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if self.root is None:
            if local != "svg" or ns not in ("", _SVG_NS):
                raise self.refuse(f"is not an SVG image (it begins with <{local}>)")
            self.root = {key: value for key, value in attrs.items() if " " not in key}
        for key, value in attrs.items():
            key_ns, _, key_local = key.rpartition(" ")
            if key_local == "href" and key_ns in ("", _XLINK_NS):
                self.reference(value, f"<{local} href>")
            elif key == "style":
                self.css(value, f"<{local} style>")
            elif not key_ns and "url(" in value.lower():
                self.css(value, f"<{local} {key}>")
        if local == "style" and ns in ("", _SVG_NS):
            self.style = []

    def text(self, data: str) -> None:
        if self.style is not None:
            self.style.append(data)

    def end(self, name: str) -> None:
        if self.style is not None:
            self.css("".join(self.style), "<style>")
            self.style = None

    def css(self, text: str, where: str) -> None:
        if "@import" in text.lower():
            raise self.refuse(f"imports a style sheet (@import in {where}), which logos must "
                              "not")
        for match in _URL_RE.finditer(text):
            self.reference(next(g for g in match.groups() if g is not None), f"url() in {where}")

    def reference(self, value: str, where: str) -> None:
        target = value.strip()
        if target.startswith("#"):
            return
        if target[:5].lower() == "data:":
            self.embedded(target[5:], where)
            return
        shown = target if len(target) <= 200 else target[:197] + "..."
        raise self.refuse(f"refers to another file ('{shown}' in {where}); an SVG logo may "
                          "only hold its pictures inside it, as data: URIs")

    def embedded(self, uri: str, where: str) -> None:
        import base64
        import binascii
        from urllib.parse import unquote_to_bytes

        header, comma, payload = uri.partition(",")
        kind, *params = [part.strip().lower() for part in header.split(";")]
        if not comma or kind not in (*_EMBEDDED, "image/svg+xml"):
            raise self.refuse(f"embeds a data: URI of type '{kind or 'none'}' in {where}; only "
                              "PNG, JPEG or SVG pictures can be embedded")
        try:
            data = (base64.b64decode("".join(payload.split()), validate=True)
                    if "base64" in params else unquote_to_bytes(payload))
        except (binascii.Error, ValueError):
            raise self.refuse(f"embeds a picture in {where} that is not valid base64") from None
        if kind == "image/svg+xml":
            if self.nesting <= 0:
                raise self.refuse(f"embeds SVG pictures nested more than {MAX_SVG_NESTING} "
                                  "deep")
            try:
                _SvgReader(self.nesting - 1).read(data)
            except ImageProblem as exc:
                raise self.refuse(f"embeds an SVG picture in {where} that {exc}") from None
            return
        problem = raster_problem(data, _EMBEDDED[kind])
        if problem:
            raise self.refuse(f"embeds a picture in {where} that {problem}")
        from PIL import Image

        with Image.open(io.BytesIO(data)) as img:
            self.pixels += img.size[0] * img.size[1]
        if self.pixels > MAX_LOGO_PIXELS:
            raise self.refuse(f"embeds pictures of more than {MAX_LOGO_PIXELS // 1_000_000} "
                              "megapixels in all")


def _length(root: dict[str, str], name: str, dpi: float) -> tuple[float, bool] | None:
    """The root's width or height: (pixels, False), or (percent, True), or None if it is
    not given; raises ImageProblem if it is not a positive length."""
    given = root.get(name)
    if given is None:
        return None
    match = _LENGTH_RE.fullmatch(given)
    unit = match.group(2).lower() if match else ""
    px = 1.0 if unit == "%" else _unit_px(unit, dpi)
    number = float(match.group(1)) * px if match and px is not None else math.nan
    if not (math.isfinite(number) and number > 0):
        raise ImageProblem(f"has {name}=\"{given}\" on its <svg> element, which is not a "
                           "positive length")
    return number, unit == "%"


def _view_box(root: dict[str, str]) -> tuple[float, float] | None:
    """The width and height of the root's viewBox, or None if it has none; raises
    ImageProblem if it is not four numbers with a positive width and height."""
    given = root.get("viewBox")
    if given is None:
        return None
    try:
        numbers = [float(part) for part in re.split(r"[\s,]+", given.strip())]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers) \
            or numbers[2] <= 0 or numbers[3] <= 0:
        raise ImageProblem(f"has viewBox=\"{given}\", which is not four numbers with a "
                           "positive width and height")
    return numbers[2], numbers[3]


def _svg_size(root: dict[str, str], dpi: float) -> tuple[float, float]:
    """The size (px) resvg gives an SVG whose <svg> element has these attributes: width and
    height, a percentage of the viewBox's, or (one missing) in the viewBox's proportions;
    raises ImageProblem if that is not a positive finite size."""
    width, height, box = _length(root, "width", dpi), _length(root, "height", dpi), \
        _view_box(root)
    if box is None:
        if width is None or height is None or width[1] or height[1]:
            raise ImageProblem("has no size of its own (give its <svg> element a viewBox, "
                               "or a width and height)")
        return width[0], height[0]
    if width is not None and not width[1] and height is None:
        return width[0], width[0] * box[1] / box[0]
    if height is not None and not height[1] and width is None:
        return height[0] * box[0] / box[1], height[0]
    sizes = [box[i] * (given[0] / 100 if given else 1.0) if given is None or given[1]
             else given[0] for i, given in enumerate((width, height))]
    return sizes[0], sizes[1]


def _svg_checked(data: bytes, nesting: int) -> tuple[float, float]:
    """An SVG document's size (px) after checking it holds nothing a logo must not
    (_SvgReader); raises ImageProblem."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise ImageProblem("is not UTF-8 text (save the SVG as UTF-8)") from None
    return _svg_size(_SvgReader(nesting).read(data), SVG_DPI)


def load_picture(src: str, assets_roots: Sequence[Path]) -> tuple[io.BytesIO, int, int]:
    """A picture from inside one of `assets_roots` (the project, and the folder of a brand
    file named on the command line; `src` relative to the first, or absolute), checked as a
    logo is, as PNG or JPEG bytes with its pixel size; raises ImageProblem."""
    from PIL import Image

    path = Path(src)
    path = path if path.is_absolute() else assets_roots[0] / path
    try:
        data = io.BytesIO(picture_bytes(path, assets_roots))
    except ImageProblem as exc:
        raise ImageProblem(f"the image '{src}' {exc}") from None
    with Image.open(data) as img:  # checked and decoded already: only its size is read
        width, height = img.size
    data.seek(0)
    return data, width, height


def check_font(path: Path, roots: Sequence[Path] | None = None) -> str | None:
    """What is wrong with a font file, or None if it is a usable TrueType font
    (handouts.fonts.faces.truetype_problem; nothing is registered with reportlab).

    `roots` are the folders the file must lie in (by default the folder `path` names); it
    is read only if it is a regular file of at most files.LIMITS["font"] bytes."""
    try:
        data = files.read_input(path, roots or (path.parent,), files.LIMITS["font"])
    except files.Refused as exc:
        return exc.what
    return truetype_problem(data)
