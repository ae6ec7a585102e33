"""The tagged PDF's document-level objects, written with reportlab's own objects in the
same save: the structure tree, its parent tree, the XMP metadata and the catalogue and
page entries PDF/UA-1 (ISO 14289-1) asks for, and clean ToUnicode maps.

`finish` is called after the last page is drawn and before the canvas is saved; what it
builds comes from the `Recorder` of a handouts.writers.pdf.tags.TaggingCanvas. Top-level
elements are put in reading order (the rank of the region each first appeared in, then
drawing order); heading levels are numbered by rank among those the document uses, and
kept from skipping (an H3 straight after an H1 becomes an H2), as PDF/UA-1 7.4.2 asks.
"""

from __future__ import annotations

import re
from xml.sax.saxutils import escape

from reportlab.pdfbase.pdfdoc import (
    PDFArray,
    PDFDictionary,
    PDFName,
    PDFObject,
    PDFObjectReference,
    PDFStream,
    PDFString,
    PDFZCompress,
)
from reportlab.pdfgen.canvas import Canvas

from handouts.writers.pdf.tags import Element, Recorder, TaggingCanvas

__all__ = ["clean_to_unicode", "finish", "xmp"]

PAGE_KEYS = ["StructParents", "Tabs"]
"""Page dictionary entries reportlab's PDFPage does not write unless told."""
BFCHAR_BLOCK = 100
"""The most mappings one beginbfchar block may hold (Adobe TN 5411, 1.4.1)."""


def finish(canvas: TaggingCanvas, title: str, lang: str) -> None:
    """Add to `canvas`'s document, all of whose pages are drawn, its structure tree
    (under a Document element), parent tree, XMP metadata with `title` and the PDF/UA-1
    identifier, /Lang `lang`, MarkInfo, DisplayDocTitle, each page's /Tabs /S and
    /StructParents, and ToUnicode maps without entries to U+0000."""
    doc = canvas._doc
    tags = canvas.tags
    pages = [doc.Reference(page) for page in doc.Pages.pages]
    for number, page in enumerate(doc.Pages.pages):
        page.__NoDefault__ = [*page.__NoDefault__, *PAGE_KEYS]
        page.StructParents = number
        page.Tabs = PDFName("S")
    root = PDFDictionary({"Type": PDFName("StructTreeRoot")})
    root_ref = doc.Reference(root)
    document = PDFDictionary({"Type": PDFName("StructElem"), "S": PDFName("Document"),
                              "P": root_ref})
    document_ref = doc.Reference(document)
    writer = _Writer(doc, tags, pages)
    order = sorted(tags.top, key=lambda key: tags.elements[key].first)
    document["K"] = PDFArray([writer.element(key, document_ref) for key in order])
    nums: list[object] = []
    for number, owners in enumerate(tags.pages):
        owned: list[object] = [b"["]
        for key in owners:
            owned += [b" ", writer.refs[key]]
        nums += [number, doc.Reference(Written([*owned, b" ]"]))]
    for index, _ in enumerate(tags.links):
        nums += [len(pages) + index, writer.link_refs[index]]
    root["K"] = document_ref
    root["ParentTree"] = doc.Reference(PDFDictionary({"Nums": PDFArray(nums)}))
    root["ParentTreeNextKey"] = len(pages) + len(tags.links)
    catalog = doc.Catalog
    catalog.StructTreeRoot = root_ref
    catalog.MarkInfo = PDFDictionary({"Marked": "true"})
    catalog.Lang = PDFString(lang)
    catalog.Metadata = PDFStream(
        PDFDictionary({"Type": PDFName("Metadata"), "Subtype": PDFName("XML")}),
        xmp(title, lang), filters=[PDFZCompress])
    canvas.setViewerPreference("DisplayDocTitle", "true")
    clean_to_unicode(canvas)


class _Writer:
    """Writes recorded elements as StructElem dictionaries, keeping each one's
    reference (`refs`) for the parent tree, and heading levels from skipping."""

    def __init__(self, doc: object, tags: Recorder, pages: list[PDFObjectReference]) -> None:
        self.doc, self.tags, self.pages = doc, tags, pages
        self.refs: dict[int, PDFObjectReference] = {}
        self.link_refs: dict[int, PDFObjectReference] = {}
        self.heading = 0
        """The level of the last heading written (0: none yet)."""
        used = sorted({int(e.node.role[1]) for e in tags.elements.values()
                       if _HEADING.fullmatch(e.node.role)})
        self.levels = {level: rank for rank, level in enumerate(used, 1)}
        """Each heading level used, by its rank among them: the levels a document's
        template uses (say the title and h2) become H1, H2 and so on."""

    def role(self, element: Element) -> str:
        role = element.node.role
        if _HEADING.fullmatch(role):
            level = min(self.levels[int(role[1])], self.heading + 1)
            self.heading = level
            return f"H{level}"
        return role

    def element(self, key: int, parent: PDFObjectReference) -> PDFObjectReference:
        element = self.tags.elements[key]
        made = Written([b"<< /Type /StructElem /S /", self.role(element).encode(), b" /P ",
                        parent])
        ref = self.refs[key] = self.doc.Reference(made)  # type: ignore[attr-defined]
        if element.node.alt:
            made.parts += [b" /Alt ", PDFString(element.node.alt)]
        home = next((page for kind, page, _ in element.kids if kind == "mcid"), None)
        if home is not None:
            made.parts += [b" /Pg ", self.pages[home]]
        made.parts.append(b" /K [")
        for kind, a, b in element.kids:
            if kind == "node":
                made.parts += [b" ", self.element(a, ref)]
            elif kind == "mcid" and a == home:
                made.parts.append(b" %d" % b)
            elif kind == "mcid":
                made.parts += [b" << /Type /MCR /Pg ", self.pages[a], b" /MCID %d >>" % b]
            else:
                made.parts += [b" ", self.link(a, ref)]
        made.parts.append(b" ] >>")
        return ref

    def link(self, index: int, parent: PDFObjectReference) -> PDFObjectReference:
        """A Link element holding the object reference to link annotation `index`."""
        link = self.tags.links[index]
        annotation_ref = self.doc.Reference(link.annotation)  # type: ignore[attr-defined]
        link.annotation["StructParent"] = len(self.pages) + index
        page = self.pages[link.page]
        made = Written([b"<< /Type /StructElem /S /Link /P ", parent, b" /Pg ", page,
                        b" /Alt ", PDFString(link.contents), b" /K [ << /Type /OBJR /Obj ",
                        annotation_ref, b" /Pg ", page, b" >> ] >>"])
        ref = self.link_refs[index] = self.doc.Reference(made)  # type: ignore[attr-defined]
        return ref


class Written(PDFObject):  # type: ignore[misc]
    """A PDF object written as its pieces: bytes as they are, other objects (references,
    strings) formatted in the document. Structure elements are many and simple; writing
    them this way costs a fraction of a PDFDictionary's formatting."""

    def __init__(self, parts: list[object]) -> None:
        self.parts = parts

    def format(self, document: object) -> bytes:
        numbers = document.idToObjectNumberAndVersion  # type: ignore[attr-defined]
        out = []
        for part in self.parts:
            if type(part) is bytes:
                out.append(part)
            elif type(part) is PDFObjectReference:  # as it formats itself, without a codec
                out.append(b"%d %d R" % numbers[part.name])  # type: ignore[attr-defined]
            else:
                out.append(part.format(document))  # type: ignore[attr-defined]
        return b"".join(out)


def xmp(title: str, lang: str) -> bytes:
    """An XMP packet (UTF-8) with the document's `title` and language and the PDF/UA-1
    identification (pdfuaid:part 1)."""
    return (
        '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>\n'
        '<x:xmpmeta xmlns:x="adobe:ns:meta/">\n'
        '<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">\n'
        '<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/"\n'
        '  xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">\n'
        f'<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(title)}</rdf:li>'
        '</rdf:Alt></dc:title>\n'
        f'<dc:language><rdf:Bag><rdf:li>{escape(lang)}</rdf:li></rdf:Bag></dc:language>\n'
        '<pdfuaid:part>1</pdfuaid:part>\n'
        '</rdf:Description>\n</rdf:RDF>\n</x:xmpmeta>\n<?xpacket end="w"?>'
    ).encode()


_HEADING = re.compile(r"H[1-6]")
_PAIR = re.compile(r"^<([0-9A-F]{2})> <([0-9A-F]{4,})>$", re.MULTILINE)


def clean_to_unicode(canvas: Canvas) -> None:
    """Make the embedded font subsets now and drop from their ToUnicode maps the codes
    reportlab maps to U+0000 (subset 0 reserves codes 0x00-0x1F and maps them to 0,
    which PDF/UA-1 7.21.7 forbids), writing the rest in blocks of at most BFCHAR_BLOCK."""
    doc = canvas._doc
    for font in doc.delayedFonts:
        font.addObjects(doc)
    doc.delayedFonts = []
    for name, obj in doc.idToObject.items():
        if name.startswith("toUnicodeCMap:"):
            obj.content = _without_null(obj.content)


def _without_null(cmap: str) -> str:
    """A reportlab ToUnicode CMap without its mappings to U+0000."""
    pairs = [(code, value) for code, value in _PAIR.findall(cmap) if int(value, 16)]
    head = cmap[:cmap.index("endcodespacerange") + len("endcodespacerange")]
    tail = cmap[cmap.index("endbfchar") + len("endbfchar"):]
    blocks = []
    for start in range(0, len(pairs), BFCHAR_BLOCK):
        chunk = pairs[start:start + BFCHAR_BLOCK]
        blocks.append("\n".join([f"{len(chunk)} beginbfchar",
                                 *(f"<{c}> <{v}>" for c, v in chunk), "endbfchar"]))
    return "\n".join([head, *blocks]) + tail
