"""The contrast of every text on the slides of a finished deck, as a reader meets it (WCAG
2.x AA): each run's colour as PowerPoint finds it (its own `a:solidFill`; a link's the
theme's hyperlink colour; else, in a placeholder, the list style of the slide's, the
layout's and the master's placeholder, then the master's text styles; else the shape
style's font colour, else the theme's text colour 1), and the colour behind it: the
shape's own fill (a placeholder's inherited from its layout and master), else the topmost
filled shape under it, else the slide's background, else the layout's, else the master's;
theme colours are resolved through the master's colour map into the theme, with their
tint, shade, lumMod and lumOff.

Read from the saved file's XML alone, written apart from the deck writer (which works out
the same colours to choose them, handouts.writers.pptx.inks), so that it checks the writer
rather than repeating it. handouts.check.decks reports what fails; the tests measure PDFs
the same way (tests/measure_contrast.py).
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from lxml import etree

from handouts.colours import contrast, office_modified, ratio_text

__all__ = ["NS", "Seen", "deck_texts", "inherits", "rels", "required"]


def required(size: float, bold: bool) -> float:
    """WCAG 2.x AA's least contrast for text of `size` points: 3:1 for large text (18 pt,
    or 14 pt bold, and larger), else 4.5:1. Written here again, not taken from the writer
    it checks."""
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
                f"{ratio_text(self.ratio)} at {self.size:.1f} pt{' bold' if self.bold else ''}")


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
        """The '#RRGGBB' of an element holding an srgbClr, schemeClr or sysClr, with the
        colour's modifiers applied."""
        if fill is None:
            return None
        for tag in ("a:srgbClr", "a:schemeClr", "a:sysClr"):
            element = fill.find(tag, NS)
            if element is None:
                continue
            if tag == "a:srgbClr":
                base: str | None = "#" + element.get("val", "").upper()
            elif tag == "a:sysClr":
                base = "#" + element.get("lastClr", "").upper()
            else:
                name = element.get("val", "")
                base = self.scheme.get(self.colour_map.get(name, name))
            return office_modified(base, element) if base else None
        return None


def rels(z: zipfile.ZipFile, part: str) -> dict[str, str]:
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
        layout = rels(z, part)["slideLayout"]
        master = rels(z, layout)["slideMaster"]
        master_xml = etree.fromstring(z.read(master))
        mapping = master_xml.find("p:clrMap", NS)
        theme = _Theme(z.read(rels(z, master)["theme"]),
                       dict(mapping.attrib) if mapping is not None else {})
        slide = etree.fromstring(z.read(part))
        layout_xml = etree.fromstring(z.read(layout))
        background = "#FFFFFF"
        for source in (master_xml, layout_xml, slide):
            bg = source.find("p:cSld/p:bg", NS)
            if bg is not None:
                fill = bg.find("p:bgPr/a:solidFill", NS)
                ref = bg.find("p:bgRef", NS)
                background = (theme.colour(fill) if fill is not None
                              else theme.colour(ref)) or background
        fills: list[tuple[tuple[int, int, int, int], str]] = []
        for shape in slide.find("p:cSld/p:spTree", NS).iter(f"{{{NS['p']}}}sp"):
            box = _box(shape)
            chain = inherits(shape, layout_xml, master_xml)
            own = _own_fill(chain, theme)
            ground = own
            if ground is None and box is not None:
                cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
                for (left, top, right, bottom), behind in fills:
                    if left <= cx <= right and top <= cy <= bottom:
                        ground = behind
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
                colour = theme.colour(props.find("a:solidFill", NS))
                if colour is None and props.find("a:hlinkClick", NS) is not None:
                    colour = theme.colour(_scheme("hlink"))
                colour = colour or _inherited(chain, master_xml, theme) or style_font \
                    or theme.colour(_scheme("tx1"))
                seen.append(Seen(where, text,
                                 colour or "#000000", ground,
                                 int(props.get("sz", "1800")) / 100, props.get("b") == "1"))
    return seen


def _scheme(name: str) -> etree._Element:
    holder = etree.Element(f"{{{NS['a']}}}solidFill")
    etree.SubElement(holder, f"{{{NS['a']}}}schemeClr", val=name)
    return holder


def inherits(shape: etree._Element, layout: etree._Element, master: etree._Element
              ) -> list[etree._Element]:
    """A slide's shape and, for a placeholder, the layout's placeholder of its index (else
    of its type) and the master's of its type (a centred title takes the master's title,
    a subtitle or content placeholder its body)."""
    ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
    if ph is None:
        return [shape]
    kind, idx = ph.get("type", "obj"), ph.get("idx", "0")
    chain = [shape]
    placeholders = [(p, sp) for sp in layout.iter(f"{{{NS['p']}}}sp")
                    if (p := sp.find("p:nvSpPr/p:nvPr/p:ph", NS)) is not None]
    found = next((sp for p, sp in placeholders if p.get("idx", "0") == idx), None)
    if found is None:
        found = next((sp for p, sp in placeholders if p.get("type", "obj") == kind), None)
    if found is not None:
        chain.append(found)
    wanted = {"ctrTitle": "title", "subTitle": "body", "obj": "body"}.get(kind, kind)
    for sp in master.iter(f"{{{NS['p']}}}sp"):
        p = sp.find("p:nvSpPr/p:nvPr/p:ph", NS)
        if p is not None and p.get("type", "obj") == wanted:
            chain.append(sp)
            break
    return chain


def _own_fill(chain: list[etree._Element], theme: _Theme) -> str | None:
    """A shape's solid fill, its own or, for a placeholder, its layout's or master's."""
    for sp in chain:
        props = sp.find("p:spPr", NS)
        if props is None:
            continue
        if props.find("a:solidFill", NS) is not None:
            return theme.colour(props.find("a:solidFill", NS))
        if props.find("a:noFill", NS) is not None:
            return None
    return None


def _inherited(chain: list[etree._Element], master: etree._Element, theme: _Theme
               ) -> str | None:
    """The text colour a placeholder's first-level runs inherit: the list styles along
    `chain`, then the master's title, body or other text style; None for a shape that is
    not a placeholder."""
    if len(chain) == 1 and chain[0].find("p:nvSpPr/p:nvPr/p:ph", NS) is None:
        return None
    for sp in chain:
        fill = sp.find("p:txBody/a:lstStyle/a:lvl1pPr/a:defRPr/a:solidFill", NS)
        if fill is not None:
            return theme.colour(fill)
    ph = chain[0].find("p:nvSpPr/p:nvPr/p:ph", NS)
    kind = ph.get("type", "obj") if ph is not None else "obj"
    style = "titleStyle" if kind in ("title", "ctrTitle") else \
        "otherStyle" if kind in ("dt", "ftr", "sldNum", "hdr") else "bodyStyle"
    return theme.colour(master.find(f"p:txStyles/p:{style}/a:lvl1pPr/a:defRPr/a:solidFill",
                                    NS))
