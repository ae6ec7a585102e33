"""SVG logos checked and drawn: read with expat, refused if they hold what a logo must not
(SvgReader), then drawn to PNG by resvg, since slide decks cannot embed SVG and the PDFs
then use the same picture.

Design tools' files are taken as they save them. A DOCTYPE line is dropped before drawing
(expat never fetches its DTD); the internal text entities Illustrator declares in it
(`<!ENTITY ns_svg "http://www.w3.org/2000/svg">`) are written out in place, within a size
limit; any other entity is refused with what to do. The <svg> element's own size, in any
SVG unit, is written out as whole pixels at the width a logo is drawn at, so resvg never
rounds a size in mm or pt to whole pixels first (which left transparent edges and changed
the logo's proportions). Text is drawn with the bundled Noto Sans and the font files the
caller names (the brand's), never with fonts found on the machine: a wordmark looks the
same on every machine, and one in a font not given is drawn in Noto Sans. A face named
by its PostScript name, as Illustrator names it, is found too (handouts.brand.svgfonts).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

from handouts.brand import svgfonts
from handouts.brand.raster import MAX_LOGO_PIXELS, ImageProblem, pixel_count, raster_problem
from handouts.brand.svgsize import svg_size
from handouts.fonts.families import BUILTIN_FONT_NAME, builtin_fonts

LOGO_RENDER_WIDTH = 1200
"""Pixels across an SVG logo is rendered at (about 600 dpi at two inches)."""
SVG_DPI = 96.0
"""Pixels per inch for SVG lengths in mm, cm, in, pt and pc (the CSS value)."""
MAX_SVG_NESTING = 3
"""How deep SVG pictures embedded as data: URIs in an SVG may nest."""
MAX_EXPANDED_BYTES = 2_000_000
"""The largest an SVG may grow (bytes) when its entities are written out."""
MAX_ENTITIES = 64
"""The most entities an SVG may declare (Illustrator declares about ten)."""
MAX_ENTITY_CHARS = 1000
"""The longest text an entity may stand for (Illustrator's are namespace URLs)."""
PLAIN_SVG = ("save the logo as plain SVG without entities (Inkscape: Save As, Plain SVG; "
             "Illustrator: Export As, SVG)")


def svg_png(data: bytes, fonts: Sequence[Path] = ()) -> bytes:
    """An SVG file's bytes drawn as PNG bytes LOGO_RENDER_WIDTH pixels across, its text in
    the bundled Noto Sans or the given font files (a brand's; a file named twice is loaded
    once), once it is found to hold nothing a logo must not and to need at most
    MAX_LOGO_PIXELS; raises ImageProblem."""
    files = tuple(dict.fromkeys([*_builtin_files(), *(str(p) for p in fonts)]))
    try:
        stamps = tuple((name, *_stamp(name)) for name in files)
    except OSError as exc:
        raise ImageProblem(f"cannot be drawn: the font file '{exc.filename}' cannot be read "
                           f"({exc.strerror})") from None
    return _drawn(data, stamps)


def measure(data: bytes) -> tuple[float, float]:
    """An SVG document's width and height (px at SVG_DPI, as resvg measures it) after every
    check; raises ImageProblem."""
    prepared = _prepare(data)
    return prepared.width, prepared.height


@functools.lru_cache(maxsize=8)
def _drawn(data: bytes, fonts: tuple[tuple[str, int, int], ...]) -> bytes:
    """svg_png remembered by content and by each font file's (path, mtime_ns, size): every
    output loads the logo again, and a brand's font may change between builds."""
    import resvg_py

    text = _prepare(data).text
    named = svgfonts.faces(fonts) if "font-family" in text else {}
    family = BUILTIN_FONT_NAME  # for a family not given, and every generic family
    try:
        png = resvg_py.svg_to_bytes(
            svg_string=svgfonts.renamed(text, named), style_sheet=svgfonts.style_sheet(named),
            dpi=SVG_DPI, width=LOGO_RENDER_WIDTH,
            height=MAX_LOGO_PIXELS // LOGO_RENDER_WIDTH, skip_system_fonts=True,
            font_files=[name for name, _, _ in fonts], font_family=family,
            serif_family=family, sans_serif_family=family, cursive_family=family,
            fantasy_family=family, monospace_family=family)
    except ValueError as exc:
        raise ImageProblem(f"cannot be drawn ({exc})") from None
    return bytes(png)


def _builtin_files() -> list[str]:
    return [str(path) for path in builtin_fonts().files]


def _stamp(name: str) -> tuple[int, int]:
    stat = Path(name).stat()
    return stat.st_mtime_ns, stat.st_size


@dataclass(frozen=True)
class _Prepared:
    """An SVG made ready for resvg: its text (no DOCTYPE, entities written out, the <svg>
    element sized in whole pixels LOGO_RENDER_WIDTH across) and its own size (px)."""

    text: str
    width: float
    height: float


@dataclass(frozen=True)
class Checked:
    """An SVG found to hold nothing a picture must not: its bytes as they are drawn (no
    DOCTYPE, Illustrator's text entities written out), its <svg> element's attributes (no
    namespace) and the byte its start tag begins at, and its own size (px at SVG_DPI)."""

    plain: bytes
    root: dict[str, str]
    root_at: int
    width: float
    height: float
    elements: frozenset[str]
    """The local names of the SVG elements it holds (such as "path", "linearGradient")."""


def checked(data: bytes) -> Checked:
    """An SVG document's bytes after every check SvgReader makes (the one set of checks
    for logos, icons and pictures, whether drawn to PNG or as vectors); raises
    ImageProblem."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise ImageProblem("is not UTF-8 text (save the SVG as UTF-8)") from None
    reader = SvgReader(MAX_SVG_NESTING, entities=True)
    root = reader.read(data)
    plain = reader.without_doctype(data)
    if plain is not data:  # what is drawn is checked: read again as written out
        reader = SvgReader(MAX_SVG_NESTING)
        root = reader.read(plain)
    width, height = svg_size(root, SVG_DPI)
    return Checked(plain, root, reader.root_at, width, height, frozenset(reader.elements))


def _prepare(data: bytes) -> _Prepared:
    """The SVG made ready for resvg after every check; raises ImageProblem."""
    found = checked(data)
    width, height = found.width, found.height
    tall = LOGO_RENDER_WIDTH * height / width  # may be inf: a float, not yet pixels
    if LOGO_RENDER_WIDTH * tall > MAX_LOGO_PIXELS:
        raise ImageProblem(
            f"would be drawn {LOGO_RENDER_WIDTH} x {tall:,.0f} pixels ({width:g} x {height:g} "
            f"in the SVG), more than the {MAX_LOGO_PIXELS // 1_000_000} megapixels allowed "
            "(give its <svg> element the width, height or viewBox of a logo)")
    sized = _resized(found.plain, found.root_at, found.root, width, height,
                     max(1, round(tall)))
    return _Prepared(sized.decode("utf-8-sig"), width, height)


_ATTRIBUTE_RE = re.compile(rb"""\s+([^\s=/>]+)\s*=\s*("[^"]*"|'[^']*')""")
_TAG_NAME_RE = re.compile(rb"<[^\s/>]+")


def _resized(data: bytes, at: int, root: dict[str, str], width: float, height: float,
             tall: int) -> bytes:
    """`data` with its <svg> start tag (at byte `at`) given width LOGO_RENDER_WIDTH and
    height `tall` in pixels, and a viewBox of its own size if it has none (so its drawing
    keeps the scale its width and height gave it, stretched by under a pixel)."""
    name = _TAG_NAME_RE.match(data, at)
    assert name is not None  # expat found an element here
    replaced = (b"width", b"height") if "viewBox" in root else \
        (b"width", b"height", b"preserveAspectRatio")  # which has no effect without one
    kept, end = [], name.end()
    while (attribute := _ATTRIBUTE_RE.match(data, end)) is not None:
        if attribute.group(1) not in replaced:
            kept.append(attribute.group(0))
        end = attribute.end()
    sized = f' width="{LOGO_RENDER_WIDTH}" height="{tall}"'
    if "viewBox" not in root:  # filling the whole pixels: it was a fraction off at most
        sized += f' viewBox="0 0 {width!r} {height!r}" preserveAspectRatio="none"'
    return data[:name.end()] + sized.encode() + b"".join(kept) + data[end:]


_SVG_NS = "http://www.w3.org/2000/svg"
_XLINK_NS = "http://www.w3.org/1999/xlink"
_URL_RE = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)]*?))\s*\)""", re.IGNORECASE)
_EMBEDDED = {"image/png": ("PNG",), "image/jpeg": ("JPEG",), "image/jpg": ("JPEG",)}
_REFERENCE_RE = re.compile(rb"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|&([A-Za-z_][\w.-]*);",
                           re.DOTALL)
"""Entity references, and what they cannot be in (comments, CDATA, instructions)."""


class SvgReader:
    """One SVG document read with expat, refusing (ImageProblem) what a logo must not hold:
    a style sheet or any reference to another file (only same-document #id references and
    data: URIs of PNG, JPEG or SVG pictures, which are checked in turn, are allowed), and
    entities other than a few short internal texts (only where `entities` allows them).
    Inkscape's and Illustrator's namespaced attributes are ignored, as resvg ignores them."""

    def __init__(self, nesting: int, entities: bool = False) -> None:
        from xml.parsers import expat

        self.nesting = nesting
        """How many more levels of SVG pictures embedded in this one are allowed."""
        self.entities: dict[str, str] | None = {} if entities else None
        """The internal text entities declared, by name (None: none are allowed)."""
        self.doctype_at: tuple[int, int] | None = None
        """Where the DOCTYPE's index into the bytes was reported: its start and end."""
        self.root: dict[str, str] | None = None
        """The attributes of the <svg> element (no namespace), once read."""
        self.root_at = 0
        """The byte where the <svg> start tag begins."""
        self.pixels = 0
        """Pixels of the pictures embedded so far."""
        self.style: list[str] | None = None
        self.elements: set[str] = set()
        """The local names of the SVG elements read so far."""
        self.parser = expat.ParserCreate(namespace_separator=" ")
        self.parser.StartDoctypeDeclHandler = self.doctype
        self.parser.EndDoctypeDeclHandler = self.doctype_end
        self.parser.EntityDeclHandler = self.entity
        self.parser.SkippedEntityHandler = self.skipped
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
        return self.read_root()

    def read_root(self) -> dict[str, str]:
        """The attributes of the <svg> element read; raises ImageProblem if none was."""
        if self.root is None:  # expat refuses a document without an element; kept for mypy
            raise ImageProblem("is not an SVG image")
        return self.root

    def without_doctype(self, data: bytes) -> bytes:
        """The document read, without its DOCTYPE (its line breaks kept, so lines keep their
        numbers) and with its entities written out; the very bytes if it has no DOCTYPE.
        Raises ImageProblem if that would exceed MAX_EXPANDED_BYTES."""
        if self.doctype_at is None:
            return data
        start = data.rfind(b"<!DOCTYPE", 0, self.doctype_at[0] + 1)
        end = self.doctype_at[1] + 1
        head = data[:start] + b"\n" * data.count(b"\n", start, end)
        values = {name.encode(): escape(value, {'"': "&quot;"}).encode()
                  for name, value in (self.entities or {}).items()}
        parts, size, last = [head], len(head), end
        for match in _REFERENCE_RE.finditer(data, end):
            value = values.get(match.group(1) or b"")
            if value is None:
                continue
            parts += [data[last:match.start()], value]
            size += match.start() - last + len(value)
            last = match.end()
            if size > MAX_EXPANDED_BYTES:
                raise ImageProblem(f"would be more than {MAX_EXPANDED_BYTES:,} bytes with its "
                                   f"entities written out; {PLAIN_SVG}")
        return b"".join([*parts, data[last:]])

    def refuse(self, what: str) -> ImageProblem:
        return ImageProblem(f"{what} (line {self.parser.CurrentLineNumber} of the SVG)")

    def doctype(self, name: str, system_id: str | None, public_id: str | None,
                has_internal_subset: bool) -> None:
        # the DTD is never fetched (expat reads no external entity unless asked to)
        if has_internal_subset and self.entities is None:
            raise self.refuse(f"declares entities (a DOCTYPE with [...]) in an embedded "
                              f"picture; {PLAIN_SVG}")
        self.doctype_at = (self.parser.CurrentByteIndex, self.parser.CurrentByteIndex)

    def doctype_end(self) -> None:
        assert self.doctype_at is not None  # expat reports the start first
        self.doctype_at = (self.doctype_at[0], self.parser.CurrentByteIndex)

    def entity(self, name: str, is_parameter: bool, value: str | None, base: str | None,
               system_id: str | None, public_id: str | None, notation: str | None) -> None:
        if self.entities is None:
            raise self.refuse(f"declares entities in an embedded picture; {PLAIN_SVG}")
        if is_parameter or value is None:
            kind = "a parameter entity" if is_parameter else "an entity from another file"
            raise self.refuse(f"declares {kind} ('{name}'), which a logo must not; {PLAIN_SVG}")
        if "&" in value or "<" in value or len(value) > MAX_ENTITY_CHARS:
            raise self.refuse(f"declares the entity '{name}' with markup, other entities or "
                              f"more than {MAX_ENTITY_CHARS} characters; {PLAIN_SVG}")
        if len(self.entities) >= MAX_ENTITIES:
            raise self.refuse(f"declares more than {MAX_ENTITIES} entities; {PLAIN_SVG}")
        self.entities[name] = value

    def skipped(self, name: str, is_parameter: bool) -> None:
        raise self.refuse(f"refers to the entity '{name}', which it does not declare; "
                          f"{PLAIN_SVG}")

    def instruction(self, target: str, data: str) -> None:
        if target.lower() == "xml-stylesheet":
            raise self.refuse("links a style sheet (<?xml-stylesheet?>), which logos must "
                              "not")

    def start(self, name: str, attrs: dict[str, str]) -> None:
        ns, _, local = name.rpartition(" ")
        if ns in ("", _SVG_NS):
            self.elements.add(local)
        if self.root is None:
            if local != "svg" or ns not in ("", _SVG_NS):
                raise self.refuse(f"is not an SVG image (it begins with <{local}>)")
            self.root = {key: value for key, value in attrs.items() if " " not in key}
            self.root_at = self.parser.CurrentByteIndex
        if local == "script":
            raise self.refuse("holds a script (<script>), which a picture must not")
        for key, value in attrs.items():
            key_ns, _, key_local = key.rpartition(" ")
            if not key_ns and key_local.lower().startswith("on"):
                raise self.refuse(f"holds a script (the {key_local} attribute of <{local}>), "
                                  "which a picture must not")
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
                SvgReader(self.nesting - 1).read(data)
            except ImageProblem as exc:
                raise self.refuse(f"embeds an SVG picture in {where} that {exc}") from None
            return
        problem = raster_problem(data, _EMBEDDED[kind])
        if problem:
            raise self.refuse(f"embeds a picture in {where} that {problem}")
        self.pixels += pixel_count(data)
        if self.pixels > MAX_LOGO_PIXELS:
            raise self.refuse(f"embeds pictures of more than {MAX_LOGO_PIXELS // 1_000_000} "
                              "megapixels in all")
