"""Whether a finished deck meets WCAG 2.1 AA as PowerPoint's accessibility checker sees
it, read from the .pptx file's XML alone (any deck, the writer's or a clinic's own).

Each slide must have a title, different from every other slide's; its title must come
first in reading order (the order of the slide's shape tree) and the other shapes after
it as the eye meets them, top to bottom, then left to right; every picture must have alt
text (`descr`) or be marked decorative, and every shape without text (a band, a rule, a
box) must be marked decorative (PowerPoint's `adec:decorative` extension); every run and
field, on the slide and in its notes, must say its language (`lang`); every text must
contrast with what is drawn behind it as AA asks (handouts.check.slidecontrast); and
every table must have a header row (`firstRow`). `problems` lists what is not so.
"""

from __future__ import annotations

import io
import itertools
import posixpath
import zipfile
from collections.abc import Iterator
from pathlib import Path

from lxml import etree

from handouts.check.slidecontrast import NS, deck_texts, inherits, rels, required
from handouts.colours import ratio_text

DECORATIVE_URI = "{C183D7F6-B498-43B3-948B-1728B52AA6E4}"
"""The extension of a shape's `p:cNvPr` that marks it decorative, as PowerPoint writes it."""
DECORATIVE_NS = "http://schemas.microsoft.com/office/drawing/2017/decorative"
_SHAPES = ("sp", "pic", "graphicFrame", "grpSp", "cxnSp", "contentPart")
_TITLES = ("title", "ctrTitle")
_PML = NS["p"]
_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"


def problems(path: Path) -> list[str]:
    """What keeps the deck at `path` (a .pptx file) from meeting WCAG 2.1 AA as PowerPoint's
    accessibility checker sees it, one sentence each, naming the slide ("slide 3 'Key
    points': ..."), in slide order; empty if nothing does. Raises OSError if the file
    cannot be read, zipfile.BadZipFile or KeyError for a file that is not a deck."""
    return deck_problems(path.read_bytes())


def deck_problems(data: bytes) -> list[str]:
    """`problems` of a deck's bytes."""
    z = zipfile.ZipFile(io.BytesIO(data))
    found: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    titles: dict[str, str] = {}
    for number, part in enumerate(_slides(z), 1):
        slide = etree.fromstring(z.read(part))
        layout = rels(z, part)["slideLayout"]
        layout_xml = etree.fromstring(z.read(layout))
        master_xml = etree.fromstring(z.read(rels(z, layout)["slideMaster"]))
        title = _title(slide)
        names[part] = f"slide {number}" + (f" {title[:60]!r}" if title else "")
        said = found.setdefault(part, [])
        if not title:
            said.append("has no title (a title placeholder with text)")
        elif title in titles:
            said.append(f"has the same title as {titles[title]}; every title must differ")
        else:
            titles[title] = f"slide {number}"
        said.extend(_order(slide, layout_xml, master_xml))
        said.extend(_unnamed(slide))
        said.extend(_languages(slide, "slide"))
        notes = rels(z, part).get("notesSlide")
        if notes is not None:
            said.extend(_languages(etree.fromstring(z.read(notes)), "notes"))
        said.extend(_tables(slide))
    for seen in deck_texts(data, "deck"):
        if not seen.passes:
            _, file, label = seen.where.split(" ", 2)
            part = f"ppt/slides/{file}"
            found.setdefault(part, []).append(
                f"text {seen.text[:40]!r} in {label!r} is {seen.colour} on {seen.ground}, "
                f"{ratio_text(seen.ratio)}; AA needs {required(seen.size, seen.bold):.1f}:1 at "
                f"{seen.size:g} pt{' bold' if seen.bold else ''}")
    return [f"{names.get(part, part)}: {problem}"
            for part, said in found.items() for problem in said]


def _slides(z: zipfile.ZipFile) -> list[str]:
    """The deck's slide parts in the order the presentation shows them."""
    presentation = etree.fromstring(z.read("ppt/presentation.xml"))
    targets = {rel.get("Id"): rel.get("Target", "")
               for rel in etree.fromstring(z.read("ppt/_rels/presentation.xml.rels"))
               .iter(f"{{{_RELS}}}Relationship")}
    out = []
    for entry in presentation.iterfind("p:sldIdLst/p:sldId", NS):
        target = targets[entry.get(f"{{{NS['r']}}}id")]
        out.append(target.lstrip("/") if target.startswith("/")
                   else posixpath.normpath(posixpath.join("ppt", target)))
    return out


def _shapes(slide: etree._Element) -> list[etree._Element]:
    """The shapes of a slide's shape tree, in its order: the reading order."""
    tree = slide.find("p:cSld/p:spTree", NS)
    return [s for s in tree if isinstance(s.tag, str)
            and etree.QName(s).localname in _SHAPES] if tree is not None else []


def _is_title(shape: etree._Element) -> bool:
    ph = shape.find("p:nvSpPr/p:nvPr/p:ph", NS)
    return ph is not None and ph.get("type") in _TITLES


def _text(shape: etree._Element) -> str:
    """A shape's text, its paragraphs joined by spaces."""
    paragraphs = ("".join(t.text or "" for t in p.iterfind(".//a:t", NS))
                  for p in shape.iterfind(".//a:p", NS))
    return " ".join(" ".join(p.split()) for p in paragraphs if p.strip())


def _title(slide: etree._Element) -> str:
    """The text of a slide's title placeholder ('' if it has none)."""
    return next((_text(s) for s in _shapes(slide) if _is_title(s)), "")


def _name(shape: etree._Element) -> str:
    props = next(shape.iter(f"{{{_PML}}}cNvPr"), None)
    return props.get("name", "") if props is not None else ""


def _place(shape: etree._Element, layout: etree._Element, master: etree._Element
           ) -> tuple[int, int]:
    """A shape's top and left in EMUs: its own, else (a placeholder) its layout's or
    master's; (0, 0) if none says."""
    for source in inherits(shape, layout, master) if shape.tag == f"{{{_PML}}}sp" \
            else [shape]:
        off = source.find(".//a:off", NS)
        if off is not None:
            return int(off.get("y", "0")), int(off.get("x", "0"))
    return 0, 0


def _order(slide: etree._Element, layout: etree._Element, master: etree._Element
           ) -> Iterator[str]:
    """What is out of reading order: a title not first, a shape read before one above it
    (or level with it and to its left)."""
    shapes = _shapes(slide)
    if any(_is_title(s) for s in shapes) and not _is_title(shapes[0]):
        yield f"its title is not first in reading order ({_name(shapes[0])!r} is)"
    rest = [(s, _place(s, layout, master)) for s in shapes if not _is_title(s)]
    for (before, at), (after, then) in itertools.pairwise(rest):
        if then < at:
            yield (f"{_name(after)!r} is read after {_name(before)!r}, but is above it or "
                   "level with it and to its left")


def _decorative(shape: etree._Element) -> bool:
    return any(ext.get("uri") == DECORATIVE_URI
               and ext.find(f"{{{DECORATIVE_NS}}}decorative") is not None
               and ext.find(f"{{{DECORATIVE_NS}}}decorative").get("val") in ("1", "true")
               for ext in shape.iterfind("*/p:cNvPr/a:extLst/a:ext", NS))


def _unnamed(slide: etree._Element) -> Iterator[str]:
    """Pictures without alt text and shapes without text, either not marked decorative."""
    for shape in slide.find("p:cSld/p:spTree", NS).iter(*(f"{{{_PML}}}{kind}"
                                                          for kind in ("pic", "sp", "cxnSp"))):
        if _decorative(shape):
            continue
        kind = etree.QName(shape).localname
        if kind == "pic":
            props = shape.find("p:nvPicPr/p:cNvPr", NS)
            if props is None or not (props.get("descr") or "").strip():
                yield f"picture {_name(shape)!r} has no alt text and is not marked decorative"
        elif shape.find("*/p:nvPr/p:ph", NS) is None and not _text(shape):
            yield (f"shape {_name(shape)!r} has no text and is not marked decorative "
                   "(adec:decorative)")


def _languages(root: etree._Element, where: str) -> Iterator[str]:
    """A problem if any run or field under `root` (a slide or notes page) says no
    language."""
    runs = [r for r in root.iter(f"{{{NS['a']}}}r", f"{{{NS['a']}}}fld")
            if (props := r.find("a:rPr", NS)) is None or not props.get("lang")]
    if runs:
        text = "".join(runs[0].itertext())
        yield (f"{len(runs)} run(s) in its {where} say no language (lang on a:rPr), "
               f"the first {text[:30]!r}")


def _tables(slide: etree._Element) -> Iterator[str]:
    """A problem for each table without a header row."""
    for frame in slide.iter(f"{{{_PML}}}graphicFrame"):
        for table in frame.iterfind(".//a:tbl", NS):
            props = table.find("a:tblPr", NS)
            if props is None or props.get("firstRow") not in ("1", "true"):
                yield f"table {_name(frame)!r} has no header row (firstRow on its a:tblPr)"
