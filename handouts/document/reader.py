"""Layout XML, as templates write it, read into a layout `Document`.

The XML vocabulary::

    <document layout="flyer|trifold|booklet" title="..." lang="en">
      <page name="..." orientation="portrait|landscape">   a fixed page: must fit
        <panel name="..." flap="true">blocks</panel>        columns left to right
          <fit name="..."><full>blocks</full><compact>blocks</compact></fit>
                                  in a panel: in full where the page has room, else compact
      </page>
      <flow name="...">blocks</flow>                        runs over numbered pages
      <slide kind="title|section|content|grid|closing" icon="NAME">title, subtitle,
             kicker, field, notes of p, blocks</slide>
    </document>

Blocks: title, subtitle, h1-h3, p (style="body|lead|small|meta"), ul/ol of li, callout,
band, contact of line, dl of dt/dd, qr (href, caption), image (src, alt, width), figure
(src, alt, width; an optional caption and then an optional credit inside), rule, spacer
(height), pagebreak. Inline: text, b, i, a (href), br.

`icon="NAME"` on an h1-h3 or an li draws a bundled icon (handouts.icons) beside its first
line; a name the set does not have is refused with its line. A figure's alt is required.

An address a QR code will encode (`qr href`, `contact qr`) must fit in one (handouts.qr):
the reader refuses it with its line, so no writer meets an address it cannot draw.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from handouts import qr
from handouts.document.model import (
    LAYOUTS,
    PARAGRAPH_STYLES,
    SLIDE_KINDS,
    Band,
    Block,
    Callout,
    Contact,
    Definitions,
    Document,
    Figure,
    Fit,
    Flow,
    Heading,
    Image,
    Inline,
    ListBlock,
    Page,
    PageBreak,
    Panel,
    PanelBlock,
    Paragraph,
    Pt,
    QRCode,
    Rule,
    Run,
    Slide,
    Spacer,
)


class LayoutError(Exception):
    """The layout XML is malformed; `line` is in the rendered document (0: unknown)."""

    def __init__(self, message: str, line: int = 0) -> None:
        super().__init__(message)
        self.message = message
        self.line = line


def _line(el: ET.Element) -> int:
    return int(el.get(LINE_ATTR, "0"))


def _inline(el: ET.Element) -> Inline:
    """The text of `el` and its inline elements (b, strong, i, em, a, br) as runs, its
    whitespace joined once over the whole as a browser does: a space at an inline element's
    edge parts two words ('Call<b> now</b>'), and only <br/> breaks a line."""
    if len(el) == 0:  # text alone: most paragraphs, headings and list items
        text = _SPACES.sub(" ", el.text).strip(" ") if el.text else ""
        return (Run(text),) if text else ()
    runs: list[Run] = []
    _runs(el, runs, False, False, None)
    return _collapse(runs)


def _runs(el: ET.Element, runs: list[Run], bold: bool, italic: bool, href: str | None) -> None:
    """Add to `runs` those of `el`'s text and inline children, each text's whitespace
    made single spaces; a line break is a run of its own holding '\n'."""
    if el.text:
        runs.append(Run(_SPACES.sub(" ", el.text), bold, italic, href))
    for child in el:
        if child.tag in ("b", "strong"):
            _runs(child, runs, True, italic, href)
        elif child.tag in ("i", "em"):
            _runs(child, runs, bold, True, href)
        elif child.tag == "a":
            _runs(child, runs, bold, italic, _required(child, "href"))
        elif child.tag == "br":
            runs.append(Run("\n", bold, italic, href))
        else:
            raise LayoutError(f"<{child.tag}> cannot appear inside text", _line(child))
        if child.tail:
            runs.append(Run(_SPACES.sub(" ", child.tail), bold, italic, href))


def _collapse(runs: list[Run]) -> Inline:
    """`runs` (single spaces, line breaks runs of their own) less a space after a space or
    a line break, neighbours of one style merged, the whole trimmed."""
    texts: list[str] = []
    styles: list[tuple[bool, bool, str | None]] = []
    for run in runs:
        text = run.text
        if texts and text.startswith(" ") and texts[-1].endswith((" ", "\n")):
            text = text[1:]
        if not text:
            continue
        style = (run.bold, run.italic, run.href)
        if texts and "\n" not in (text, texts[-1]) and styles[-1] == style:
            texts[-1] += text
        else:
            texts.append(text)
            styles.append(style)
    if texts:
        texts[0] = texts[0].lstrip(" ")
        texts[-1] = texts[-1].rstrip(" ")
    return tuple(Run(text, *style) for text, style in zip(texts, styles, strict=True) if text)


_SPACES = re.compile("[^\\S\u00a0\u2007\u202f]+")  # whitespace, but no-break spaces stay


def _required(el: ET.Element, name: str) -> str:
    value = el.get(name)
    if value is None or not value.strip():
        raise LayoutError(f"<{el.tag}> needs a {name}= attribute", _line(el))
    return value


def _qr_address(el: ET.Element, name: str, url: str) -> str:
    """`url`, the address a QR code will encode, if a QR code can hold it; raises
    LayoutError otherwise, so a writer never meets an address it cannot draw."""
    found = qr.problem(url)
    if found:
        raise LayoutError(f"<{el.tag} {name}='{qr.shown(url)}'> {found}; {qr.TOO_LONG_TODO}",
                          _line(el))
    return url


def _points(el: ET.Element, name: str, default: float) -> Pt:
    raw = el.get(name)
    if raw is None:
        return Pt(default)
    try:
        value = float(raw)
    except ValueError:
        raise LayoutError(f"<{el.tag} {name}='{raw}'> must be a number of points",
                          _line(el)) from None
    if not 0 <= value <= 2000:
        raise LayoutError(f"<{el.tag} {name}='{raw}'> is out of range (0-2000 pt)", _line(el))
    return Pt(value)


def _icon(el: ET.Element) -> str:
    """The bundled icon `el` names in its `icon` attribute ("" none); raises LayoutError
    for a name the bundled set does not have."""
    from handouts.icons.catalogue import bundled

    name = el.get("icon", "").strip()
    if name and bundled().get(name) is None:
        raise LayoutError(f"<{el.tag} icon='{name}'> is not a bundled icon ('make-handouts "
                          "icons' lists them)", _line(el))
    return name


def _figure(el: ET.Element) -> Figure:
    """A <figure>: its picture and alt text, and an optional <caption> then <credit>."""
    src, alt = _required(el, "src"), _required(el, "alt")
    parts = {child.tag: child for child in _children(el)}
    if [child.tag for child in el] not in ([], ["caption"], ["credit"], ["caption", "credit"]):
        raise LayoutError("<figure> may hold a <caption> and then a <credit>, nothing else",
                          _line(el))
    width = _points(el, "width", 0) if el.get("width") is not None else None
    if width is not None and width < 36:
        raise LayoutError(f"<figure width='{el.get('width')}'> is too narrow to see (at "
                          "least 36 pt)", _line(el))
    return Figure(src, alt.strip(), _inline(parts["caption"]) if "caption" in parts else (),
                  _inline(parts["credit"]) if "credit" in parts else (), width)


def _children(el: ET.Element) -> list[ET.Element]:
    """The elements inside `el`, which may hold blocks and no loose text."""
    if el.text and el.text.strip():
        raise LayoutError(f"text directly inside <{el.tag}> must be in a <p>", _line(el))
    for child in el:
        if child.tail and child.tail.strip():
            raise LayoutError(f"text after <{child.tag}> must be in a <p>", _line(child))
    return list(el)


def _blocks(el: ET.Element) -> tuple[Block, ...]:
    return tuple(_block(child) for child in _children(el))


def _panel_blocks(el: ET.Element) -> tuple[PanelBlock, ...]:
    """A panel's blocks, where `<fit>` may also appear."""
    return tuple(_fit(child) if child.tag == "fit" else _block(child)
                 for child in _children(el))


def _fit(el: ET.Element) -> Fit:
    forms = {child.tag: child for child in _children(el)}
    if [child.tag for child in el] != ["full", "compact"]:
        raise LayoutError("<fit> holds a <full> and then a <compact>, nothing else", _line(el))
    return Fit(_required(el, "name"), _blocks(forms["full"]), _blocks(forms["compact"]))


def _block(el: ET.Element) -> Block:
    tag = el.tag
    if tag == "fit":
        raise LayoutError("<fit> belongs directly in a <panel> of a <page> (a fixed page "
                          "is the only place that can run out of room)", _line(el))
    if tag == "title":
        return Heading(0, _inline(el))
    if tag in ("h1", "h2", "h3"):
        return Heading(int(tag[1]), _inline(el), _icon(el))
    if tag == "subtitle":
        return Paragraph(_inline(el), "lead")
    if tag == "p":
        style = el.get("style", "body")
        if style not in PARAGRAPH_STYLES:
            raise LayoutError(f"<p style='{style}'> is not one of {', '.join(PARAGRAPH_STYLES)}",
                              _line(el))
        return Paragraph(_inline(el), style)
    if tag in ("ul", "ol"):
        items, icons = [], []
        for li in el:
            if li.tag != "li":
                raise LayoutError(f"<{tag}> may hold only <li>, found <{li.tag}>", _line(li))
            has_blocks = len(li) and all(c.tag in BLOCK_TAGS for c in li)
            items.append(_blocks(li) if has_blocks else (Paragraph(_inline(li)),))
            icons.append(_icon(li))
        return ListBlock(tuple(items), tag == "ol", tuple(icons) if any(icons) else ())
    if tag == "callout":
        return Callout(_blocks(el))
    if tag == "band":
        logo = el.get("logo")
        return Band(_blocks(el), Image(logo, el.get("logo-alt", ""), _points(el, "logo-width", 96))
                    if logo else None)
    if tag == "contact":
        lines = []
        for line in el:
            if line.tag != "line":
                raise LayoutError(f"<contact> may hold only <line>, found <{line.tag}>",
                                  _line(line))
            lines.append(_inline(line))
        url = el.get("qr")
        return Contact(tuple(lines), _qr_address(el, "qr", url) if url else None,
                       el.get("caption", ""))
    if tag == "dl":
        children = list(el)
        pairs = []
        for i in range(0, len(children), 2):
            dt, dd = children[i], children[i + 1] if i + 1 < len(children) else None
            if dt.tag != "dt" or dd is None or dd.tag != "dd":
                raise LayoutError("<dl> must hold <dt> and <dd> pairs", _line(dt))
            pairs.append((_inline(dt), _inline(dd)))
        return Definitions(tuple(pairs))
    if tag == "qr":
        return QRCode(_qr_address(el, "href", _required(el, "href")), el.get("caption", ""),
                      _points(el, "size", 72))
    if tag == "image":
        return Image(_required(el, "src"), el.get("alt", ""), _points(el, "width", 144))
    if tag == "figure":
        return _figure(el)
    if tag == "rule":
        return Rule()
    if tag == "spacer":
        return Spacer(_points(el, "height", 12))
    if tag == "pagebreak":
        return PageBreak()
    raise LayoutError(f"unknown element <{tag}>", _line(el))


BLOCK_TAGS = ("title", "h1", "h2", "h3", "subtitle", "p", "ul", "ol", "callout", "band",
              "contact", "dl", "qr", "image", "figure", "rule", "spacer", "pagebreak")


LINE_ATTR = "__line"


def read(xml: str) -> Document:
    """Parse layout XML into a Document; raises LayoutError with the line."""
    root = _parse(xml)
    if root.tag != "document":
        raise LayoutError("the root element must be <document>", _line(root))
    layout = root.get("layout", "")
    if layout not in LAYOUTS:
        raise LayoutError(f"<document layout='{layout}'> must be one of {', '.join(LAYOUTS)}",
                          _line(root))
    parts: list[Page | Flow | Slide] = []
    for child in root:
        if child.tag == "page":
            panels: list[Panel] = []
            header: tuple[Block, ...] = ()
            footer: tuple[Block, ...] | None = None
            for panel in child:
                if panel.tag == "header" and not panels and not header:
                    header = _blocks(panel)
                    continue
                if panel.tag == "footer" and panels and footer is None:
                    footer = _blocks(panel)
                    continue
                if panel.tag != "panel" or footer is not None:
                    raise LayoutError("<page> holds an optional <header>, then <panel>s, then "
                                      f"an optional <footer>; found <{panel.tag}>", _line(panel))
                panels.append(Panel(panel.get("name", f"panel {len(panels) + 1}"),
                                    _panel_blocks(panel), panel.get("flap") == "true",
                                    _points(panel, "share", 1.0), panel.get("tint") == "true",
                                    panel.get("overflow") == "next"))
            if not panels:
                raise LayoutError("<page> needs at least one <panel>", _line(child))
            parts.append(Page(child.get("name", f"page {len(parts) + 1}"), tuple(panels),
                              child.get("orientation") == "landscape", header, footer or ()))
        elif child.tag == "slide":
            parts.append(_slide(child))
        elif child.tag == "flow":
            parts.append(Flow(child.get("name", "body"), _blocks(child), child.get("footer", "")))
        else:
            raise LayoutError("<document> may hold only <page>, <flow> and <slide>, found "
                              f"<{child.tag}>", _line(child))
    if not parts:
        raise LayoutError("the document has no <page>, <flow> or <slide>", _line(root))
    return Document(layout, root.get("title", ""), root.get("lang", "en"), tuple(parts))


def _slide(el: ET.Element) -> Slide:
    kind = el.get("kind", "content")
    if kind not in SLIDE_KINDS:
        raise LayoutError(f"<slide kind='{kind}'> must be one of {', '.join(SLIDE_KINDS)}",
                          _line(el))
    title: Inline = ()
    subtitle: Inline = ()
    notes: list[str] = []
    fields: list[str] = []
    kicker = ""
    blocks: list[Block] = []
    for child in el:
        if child.tail and child.tail.strip():
            raise LayoutError(f"text after <{child.tag}> must be in a <p>", _line(child))
        if child.tag == "title":
            title = _inline(child)
        elif child.tag == "subtitle":
            subtitle = _inline(child)
        elif child.tag == "field":
            fields.append(" ".join("".join(child.itertext()).split()))
        elif child.tag == "kicker":
            kicker = " ".join("".join(child.itertext()).split())
        elif child.tag == "notes":
            for p in child:
                if p.tag != "p":
                    raise LayoutError(f"<notes> may hold only <p>, found <{p.tag}>", _line(p))
                text = " ".join("".join(p.itertext()).split())
                if text:
                    notes.append(text)
        else:
            blocks.append(_block(child))
    if not "".join(r.text for r in title).strip():
        raise LayoutError("every <slide> needs a non-empty <title> (slide readers and "
                          "PowerPoint's accessibility checker rely on it)", _line(el))
    return Slide(kind, title, tuple(blocks), tuple(notes), subtitle, tuple(fields), kicker,
                 _icon(el))


def _parse(xml: str) -> ET.Element:
    """Parse with expat, recording each element's line; no DTDs or entities beyond XML's."""
    parser = expat.ParserCreate()
    builder = ET.TreeBuilder()

    def start(tag: str, attrs: dict[str, str]) -> None:
        attrs[LINE_ATTR] = str(parser.CurrentLineNumber)
        builder.start(tag, attrs)

    def doctype(*_: object) -> None:
        raise LayoutError("the layout XML may not declare a DOCTYPE", parser.CurrentLineNumber)

    parser.StartElementHandler = start
    parser.EndElementHandler = builder.end
    parser.CharacterDataHandler = builder.data
    parser.StartDoctypeDeclHandler = doctype
    try:
        parser.Parse(xml, True)
    except expat.ExpatError as exc:
        raise LayoutError(f"the layout XML is not well-formed ({expat.ErrorString(exc.code)})",
                          exc.lineno) from None
    return builder.close()
