"""Measure the contrast of every text in finished outputs, as a reader meets it.

PDFs (pypdfium2): each text object's fill colour, size and font, and the colour behind it:
the topmost filled path drawn before it whose bounds hold the text's centre, else the
white paper. Decks (the slide XML): each run's colour (its own `a:solidFill`, else the
shape style's font colour, else the theme's dark 1), and the colour behind it: the shape's
own fill, else the topmost filled shape under it, else the slide's background, else the
master's; theme colours are resolved through the theme part.
"""

from __future__ import annotations

import ctypes
import io
import zipfile
from dataclasses import dataclass

import pypdfium2 as pdfium
import pypdfium2.raw as raw
from lxml import etree

from handouts.colours import contrast


def required(size: float, bold: bool) -> float:
    """WCAG 2.x AA's least contrast for text of `size` points: 3:1 for large text (18 pt,
    or 14 pt bold, and larger), else 4.5:1. Written here again, not taken from the code
    under test."""
    return 3.0 if size >= 18 or (bold and size >= 14) else 4.5

NS = {"a": "http://schemas.openxmlformats.org/drawingml/2006/main",
      "p": "http://schemas.openxmlformats.org/presentationml/2006/main",
      "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships"}


@dataclass(frozen=True)
class Seen:
    """One text as drawn: where, its text, its colour and the colour behind it, its size in
    points and weight."""

    where: str
    text: str
    colour: str
    ground: str
    size: float
    bold: bool

    @property
    def ratio(self) -> float:
        return contrast(self.colour, self.ground)

    @property
    def passes(self) -> bool:
        return self.ratio >= required(self.size, self.bold) - 0.005  # rounding of 8-bit values

    def __str__(self) -> str:
        return (f"{self.where}: {self.text[:30]!r} {self.colour} on {self.ground} "
                f"{self.ratio:.2f}:1 at {self.size:.1f} pt{' bold' if self.bold else ''}")


def _hex(r: int, g: int, b: int) -> str:
    return f"#{r:02X}{g:02X}{b:02X}"


def _fill(obj: pdfium.PdfObject) -> str:
    r, g, b, a = (ctypes.c_uint() for _ in range(4))
    raw.FPDFPageObj_GetFillColor(obj.raw, r, g, b, a)
    return _hex(r.value, g.value, b.value)


def _filled(obj: pdfium.PdfObject) -> bool:
    mode, stroke = ctypes.c_int(), ctypes.c_int()
    raw.FPDFPath_GetDrawMode(obj.raw, mode, stroke)
    return mode.value != 0


def pdf_texts(data: bytes, name: str = "pdf") -> list[Seen]:
    """Every non-blank text object of a PDF with its colour and ground."""
    pdf = pdfium.PdfDocument(data)
    seen = []
    for number, page in enumerate(pdf, 1):
        textpage = page.get_textpage()
        fills: list[tuple[tuple[float, float, float, float], str]] = []
        for obj in page.get_objects(max_depth=4):
            if obj.type == raw.FPDF_PAGEOBJ_PATH and _filled(obj):
                fills.append((obj.get_bounds(), _fill(obj)))
            elif obj.type == raw.FPDF_PAGEOBJ_TEXT:
                left, bottom, right, top = obj.get_bounds()
                text = _text_of(obj, textpage)
                if not text.strip():
                    continue
                x, y = (left + right) / 2, (bottom + top) / 2
                ground = "#FFFFFF"
                for (x0, y0, x1, y1), colour in fills:  # later fills are drawn on top
                    if x0 <= x <= x1 and y0 <= y <= y1:
                        ground = colour
                size = ctypes.c_float()
                raw.FPDFTextObj_GetFontSize(obj.raw, size)
                matrix = obj.get_matrix()
                scale = (matrix.a ** 2 + matrix.b ** 2) ** 0.5 or 1.0
                seen.append(Seen(f"{name} page {number}", text, _fill(obj), ground,
                                 size.value * scale, "bold" in _font_name(obj).lower()))
    return seen


def _text_of(obj: pdfium.PdfObject, textpage: pdfium.PdfTextPage) -> str:
    n = raw.FPDFTextObj_GetText(obj.raw, textpage.raw, None, 0)
    buffer = ctypes.create_string_buffer(n)
    raw.FPDFTextObj_GetText(obj.raw, textpage.raw,
                            ctypes.cast(buffer, ctypes.POINTER(ctypes.c_ushort)), n)
    return buffer.raw[:max(0, n - 2)].decode("utf-16-le", errors="replace")


def _font_name(obj: pdfium.PdfObject) -> str:
    font = raw.FPDFTextObj_GetFont(obj.raw)
    n = raw.FPDFFont_GetBaseFontName(font, None, 0)
    buffer = ctypes.create_string_buffer(n)
    raw.FPDFFont_GetBaseFontName(font, buffer, n)
    return buffer.value.decode("latin-1")


class _Theme:
    """A deck theme's colour scheme, resolved through the master's colour map."""

    def __init__(self, theme_xml: bytes, colour_map: dict[str, str]) -> None:
        root = etree.fromstring(theme_xml)
        self.scheme: dict[str, str] = {}
        scheme = root.find(".//a:clrScheme", NS)
        for slot in scheme if scheme is not None else []:
            name = etree.QName(slot).localname
            srgb, sys = slot.find("a:srgbClr", NS), slot.find("a:sysClr", NS)
            value = srgb.get("val") if srgb is not None else \
                sys.get("lastClr") if sys is not None else None
            if value:
                self.scheme[name] = "#" + value.upper()
        self.colour_map = colour_map

    def colour(self, fill: etree._Element | None) -> str | None:
        """The '#RRGGBB' of an element holding an srgbClr, schemeClr or sysClr."""
        if fill is None:
            return None
        srgb = fill.find("a:srgbClr", NS)
        if srgb is not None:
            return "#" + srgb.get("val", "").upper()
        scheme = fill.find("a:schemeClr", NS)
        if scheme is not None:
            name = scheme.get("val", "")
            return self.scheme.get(self.colour_map.get(name, name))
        sys = fill.find("a:sysClr", NS)
        return "#" + sys.get("lastClr", "").upper() if sys is not None else None


def _rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
    folder, file = part.rsplit("/", 1)
    rels = etree.fromstring(z.read(f"{folder}/_rels/{file}.rels"))
    out = {}
    for rel in rels:
        target = rel.get("Target", "")
        out[rel.get("Type", "").rsplit("/", 1)[-1]] = \
            target if target.startswith("/") else _join(folder, target)
    return out


def _join(folder: str, target: str) -> str:
    parts = folder.split("/")
    for piece in target.split("/"):
        if piece == "..":
            parts.pop()
        else:
            parts.append(piece)
    return "/".join(parts)


def _box(shape: etree._Element) -> tuple[int, int, int, int] | None:
    off, ext = shape.find(".//a:xfrm/a:off", NS), shape.find(".//a:xfrm/a:ext", NS)
    if off is None or ext is None:
        return None
    x, y = int(off.get("x", 0)), int(off.get("y", 0))
    return x, y, x + int(ext.get("cx", 0)), y + int(ext.get("cy", 0))


def deck_texts(data: bytes, name: str = "deck") -> list[Seen]:
    """Every non-blank run (and field) of every slide with its colour and ground."""
    z = zipfile.ZipFile(io.BytesIO(data))
    slides = sorted((n for n in z.namelist() if n.startswith("ppt/slides/slide")
                     and n.endswith(".xml")), key=lambda n: int(n[16:-4]))
    seen = []
    for part in slides:
        layout = _rels(z, part)["slideLayout"]
        master = _rels(z, layout)["slideMaster"]
        master_xml = etree.fromstring(z.read(master))
        mapping = master_xml.find("p:clrMap", NS)
        theme = _Theme(z.read(_rels(z, master)["theme"]),
                       dict(mapping.attrib) if mapping is not None else {})
        slide = etree.fromstring(z.read(part))
        background = "#FFFFFF"
        for source in (master_xml, etree.fromstring(z.read(layout)), slide):
            bg = source.find("p:cSld/p:bg", NS)
            if bg is not None:
                fill = bg.find("p:bgPr/a:solidFill", NS)
                ref = bg.find("p:bgRef", NS)
                background = (theme.colour(fill) if fill is not None
                              else theme.colour(ref)) or background
        fills: list[tuple[tuple[int, int, int, int], str]] = []
        for shape in slide.find("p:cSld/p:spTree", NS).iter(f"{{{NS['p']}}}sp"):
            box = _box(shape)
            own = theme.colour(shape.find("p:spPr/a:solidFill", NS))
            ground = own
            if ground is None and box is not None:
                cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
                for (left, top, right, bottom), colour in fills:
                    if left <= cx <= right and top <= cy <= bottom:
                        ground = colour
            ground = ground or background
            if own is not None and box is not None:
                fills.append((box, own))
            style_font = theme.colour(shape.find("p:style/a:fontRef", NS))
            named = shape.find("p:nvSpPr/p:cNvPr", NS)
            label = named.get("name", "") if named is not None else ""
            where = f"{name} {part.rsplit('/', 1)[-1]} {label}"
            for para in shape.iterfind(".//a:p", NS):
                bullet = para.find("a:pPr/a:buClr", NS)
                first = para.find("a:r/a:rPr", NS)
                if bullet is not None and para.find("a:pPr/a:buNone", NS) is None \
                        and first is not None:
                    seen.append(Seen(where, "(bullet)",
                                     theme.colour(bullet) or "#000000", ground,
                                     int(first.get("sz", "1800")) / 100, False))
            for run in shape.iterfind(".//a:p/*", NS):
                if etree.QName(run).localname not in ("r", "fld"):
                    continue
                text = "".join(run.itertext())
                props = run.find("a:rPr", NS)
                if not text.strip() or props is None:
                    continue
                colour = theme.colour(props.find("a:solidFill", NS)) or style_font \
                    or theme.colour(_scheme("tx1"))
                seen.append(Seen(where, text,
                                 colour or "#000000", ground,
                                 int(props.get("sz", "1800")) / 100, props.get("b") == "1"))
    return seen


def _scheme(name: str) -> etree._Element:
    holder = etree.Element(f"{{{NS['a']}}}solidFill")
    etree.SubElement(holder, f"{{{NS['a']}}}schemeClr", val=name)
    return holder
