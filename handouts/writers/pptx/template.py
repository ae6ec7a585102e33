"""A clinic's PowerPoint template, checked and cleaned before python-pptx opens it.

A .pptx is a zip of XML parts, and python-pptx inflates every member of it and copies
whatever the kept parts relate to into each deck. So a template is refused, before
anything in it is inflated, when it is not a zip, when its directory is huge, or when any
member declares more bytes than a template could need or compresses implausibly well (a
zip bomb); zipfile never inflates a member past its declared size, so those declarations
bound what is read. It is refused when it carries code: a VBA project, a macro-enabled
content type, ActiveX controls. And it is cleaned: every relationship with
TargetMode="External" (a web beacon, a `file:///` link, a linked picture or video) is
removed, with whatever in its part referred to it, so no deck ever reaches outside itself
when it is opened. Its slide size is kept, for the brand reader to compare with the
brand's `slide_size` (the decks take the template's).

Where this happens: `load` reads the file, checks and cleans the bytes it read (so what
was checked is exactly what python-pptx opens), and tries them in python-pptx. The brand
reader calls it, so a bad template is a located error in `_brand.yml` before anything is
written, and the removed links become one brand warning; the deck writer calls it again
for the bytes it opens. The work on the bytes is a pure function of them, cached, so a
template is cleaned once per process (the build's workers are forked after the brand is
read and inherit the cache), not once per deck; each deck only reads the file again.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import struct
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from handouts import files
from handouts.writers.geometry import SLIDE_SIZES

MAX_MEMBERS = 10_000
"""Members a template may hold; PowerPoint's own are a few hundred at most."""
MAX_DIRECTORY_BYTES = 4 * files.MiB
"""The largest zip directory read: zipfile holds every entry of it in memory."""
MAX_MEMBER_BYTES = 100 * files.MiB
"""The largest declared size (uncompressed) of one member."""
MAX_XML_BYTES = 32 * files.MiB
"""The largest declared size of one XML part: python-pptx parses each into a tree several
times its size, and PowerPoint's own parts are well under 1 MiB."""
MAX_TOTAL_BYTES = 256 * files.MiB
"""The largest declared size of all members together."""
MAX_RATIO = 100
"""A member over RATIO_FROM bytes that inflates more than this many times is a bomb:
pictures barely compress and XML about 10:1."""
RATIO_FROM = 1 * files.MiB
EMU_PER_INCH = 914400

SAVE_PLAIN = "save it as a plain .pptx (PowerPoint: File > Save As > PowerPoint Presentation)"
"""What to do about a template that is not a plain presentation."""

_RELS_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_PACKAGE_NS = "http://schemas.openxmlformats.org/package/2006/relationships"
_TYPES_NS = "http://schemas.openxmlformats.org/package/2006/content-types"
_OFFICE_DOCUMENT = _RELS_NS + "/officeDocument"
_PRESENTATION = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
_OTHER_MAINS = {
    "application/vnd.openxmlformats-officedocument.presentationml.template.main+xml":
        "a PowerPoint template (.potx)",
    "application/vnd.openxmlformats-officedocument.presentationml.slideshow.main+xml":
        "a PowerPoint show (.ppsx)",
}
_LINK_ELEMENTS = ("hlinkClick", "hlinkHover", "hlinkMouseOver", "snd", "videoFile",
                  "audioFile", "quickTimeFile", "wavAudioFile", "externalData")
"""Elements that only stand for the relationship they name: removed with it (the rest keep
their element and lose the attribute)."""


class Unusable(Exception):
    """What is wrong with a template's bytes (`what`, completing a sentence about the
    template) and what to do (`todo`)."""

    def __init__(self, what: str, todo: str = SAVE_PLAIN) -> None:
        super().__init__(what)
        self.what, self.todo = what, todo


@dataclass(frozen=True)
class Template:
    """A template checked and cleaned: the bytes to open, and the targets of the external
    relationships removed from them (each once, in the order met)."""

    data: bytes
    removed: tuple[str, ...] = ()
    size: tuple[int, int] | None = None
    """Its slides' width and height in EMUs (the presentation part's `p:sldSz`)."""


def load(path: Path, roots: Sequence[Path]) -> Template:
    """The template at `path` (inside `roots`), checked and cleaned; raises files.Refused
    saying what is wrong and what to do. The file is read in full each time (what is checked
    is what is opened); the work on its bytes is cached."""
    try:
        return _checked(files.read_input(path, roots, files.LIMITS["pptx"]))
    except Unusable as exc:
        raise files.Refused(path, exc.what, exc.todo) from None


def presentation(path: Path) -> Any:
    """The clinic template at `path` opened with python-pptx, from the bytes the brand
    reader checked and cleaned (the same bytes, from its cache); raises
    contract.WriterError if the file changed since the brand was read."""
    from pptx import Presentation

    from handouts.writers.contract import WriterError

    try:
        template = load(path, (path.parent,))
    except files.Refused as exc:
        raise WriterError(f"the PowerPoint template {exc.path} {exc.what}; {exc.todo}") \
            from None
    return Presentation(io.BytesIO(template.data))


@functools.lru_cache(maxsize=4)
def _checked(data: bytes) -> Template:
    template = clean(data)
    return dataclasses.replace(template, size=_opens(template.data))


def size_contradicts(template: Template, slide_size: str) -> str | None:
    """What the template's slides are (for example '4:3 (10 x 7.5 in)') when that is not
    the shape `slide_size` ('16:9', '4:3') names; None when it is, or is not known."""
    if template.size is None or not all(template.size):
        return None
    width, height = (emu / EMU_PER_INCH for emu in template.size)
    wanted_w, wanted_h = SLIDE_SIZES[slide_size]
    if abs(width / height - wanted_w / wanted_h) < 0.01:
        return None
    shape = next((name for name, (w, h) in SLIDE_SIZES.items()
                  if abs(width / height - w / h) < 0.01), None)
    inches = f"{width:.4g} x {height:.4g} in"
    return f"{shape} ({inches})" if shape else inches


def clean(data: bytes) -> Template:
    """`data`, a .pptx, checked and with its external relationships removed (unchanged when
    it has none); raises Unusable. Members are inflated only after every declared size
    passed."""
    archive = _archive(data)
    infos = archive.infolist()
    _check_sizes(infos)
    _check_code(archive, infos)
    changed: dict[str, bytes] = {}  # member name: its new bytes
    removed: list[str] = []
    gone: dict[str, set[str]] = {}  # part name: ids of the relationships removed from it
    for info in infos:
        if not info.filename.endswith(".rels"):
            continue
        tree = _xml(archive, info.filename)
        for rel in list(tree):
            if rel.tag == f"{{{_PACKAGE_NS}}}Relationship" and \
                    (rel.get("TargetMode") or "").lower() == "external":
                target = rel.get("Target") or ""
                if target not in removed:
                    removed.append(target)
                gone.setdefault(_source(info.filename), set()).add(rel.get("Id") or "")
                tree.remove(rel)
                changed[info.filename] = b""
        if info.filename in changed:
            changed[info.filename] = _bytes(tree)
    if not removed:
        return Template(data)
    for part, ids in gone.items():
        if part in archive.NameToInfo:
            changed[part] = _bytes(_unlinked(_xml(archive, part), ids))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as copy:
        for info in infos:
            entry = zipfile.ZipInfo(info.filename, info.date_time)
            entry.compress_type = zipfile.ZIP_DEFLATED
            copy.writestr(entry, changed.get(info.filename) or _read(archive, info.filename))
    return Template(out.getvalue(), tuple(removed))


# Checks, before anything is inflated ------------------------------------------------------

def _archive(data: bytes) -> zipfile.ZipFile:
    """`data` opened as a zip after its end record says its directory is of a sane size."""
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise Unusable("is not a .pptx file (it is an old .ppt, or a password-protected file)",
                       "remove any password and " + SAVE_PLAIN)
    count, directory = _end_record(data)
    if count > MAX_MEMBERS or directory > MAX_DIRECTORY_BYTES:
        raise Unusable(f"holds {count:,} files in {directory:,} bytes of zip directory, far more "
                       "than a presentation has", SAVE_PLAIN)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise Unusable(f"is not a .pptx file (not a readable zip archive: {exc})") from None
    if len(archive.infolist()) > MAX_MEMBERS:
        raise Unusable(f"holds more than {MAX_MEMBERS:,} files, far more than a presentation has")
    return archive


def _end_record(data: bytes) -> tuple[int, int]:
    """The number of members and the size of the directory, as the zip's end record (zip64
    when needed) declares them; raises Unusable when there is no end record."""
    end = len(data) - 22
    if end < 0 or data[end:end + 4] != b"PK\x05\x06":  # a comment follows the end record
        end = data.rfind(b"PK\x05\x06", max(0, len(data) - 22 - 0xFFFF))
    if end < 0 or len(data) < end + 22:
        raise Unusable("is not a .pptx file (not a zip archive)")
    count, directory = struct.unpack("<HL", data[end + 10:end + 16])
    locator = end - 20
    if (count == 0xFFFF or directory == 0xFFFFFFFF) and locator >= 0 \
            and data[locator:locator + 4] == b"PK\x06\x07":
        (record,) = struct.unpack("<Q", data[locator + 8:locator + 16])
        if data[record:record + 4] == b"PK\x06\x06" and len(data) >= record + 48:
            count, directory = struct.unpack("<QQ", data[record + 32:record + 48])
    return int(count), int(directory)


def _check_sizes(infos: list[zipfile.ZipInfo]) -> None:
    """Every member's declared size, ratio, method and encryption; raises Unusable."""
    total = 0
    names: set[str] = set()
    for info in infos:
        name = info.filename
        if name in names:
            raise Unusable(f"holds two files named '{name}'")
        names.add(name)
        if info.flag_bits & 0x1:
            raise Unusable(f"has an encrypted file '{name}'", "remove any password and "
                           + SAVE_PLAIN)
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise Unusable(f"compresses '{name}' in a way PowerPoint does not")
        if info.file_size > RATIO_FROM and info.file_size > MAX_RATIO * info.compress_size:
            raise Unusable(f"holds '{name}', which unpacks from {info.compress_size:,} to "
                           f"{info.file_size:,} bytes (a zip bomb; refused before unpacking)")
        xml = name.lower().endswith((".xml", ".rels"))
        limit = MAX_XML_BYTES if xml else MAX_MEMBER_BYTES
        if info.file_size > limit:
            raise Unusable(f"holds '{name}', which unpacks to {info.file_size:,} bytes (more "
                           f"than the {limit:,} allowed; refused before unpacking)",
                           "remove the large slide from the template" if xml else
                           "remove the large picture or video from the template")
        total += info.file_size
    if total > MAX_TOTAL_BYTES:
        raise Unusable(f"unpacks to {total:,} bytes (more than the {MAX_TOTAL_BYTES:,} allowed; "
                       "refused before unpacking)", "remove large pictures or videos from it")


def _check_code(archive: zipfile.ZipFile, infos: list[zipfile.ZipInfo]) -> None:
    """Refuses macros and ActiveX controls, and a main part that is not a presentation."""
    for info in infos:
        lower = info.filename.lower()
        if PurePosixPath(lower).name in ("vbaproject.bin", "vbadata.xml"):
            raise Unusable(f"is macro-enabled (it holds the macros '{info.filename}')")
        if lower.startswith("ppt/activex/"):
            raise Unusable(f"holds ActiveX controls ('{info.filename}')",
                           "delete the controls (Developer tab) and " + SAVE_PLAIN)
    if "[Content_Types].xml" not in archive.NameToInfo or "_rels/.rels" not in \
            archive.NameToInfo:
        raise Unusable("is not a PowerPoint presentation (it has no [Content_Types].xml or "
                       "_rels/.rels)")
    types = _xml(archive, "[Content_Types].xml")
    defaults: dict[str, str] = {}
    overrides: dict[str, str] = {}
    for entry in types:
        if not isinstance(entry.tag, str):  # a comment
            continue
        kind = entry.get("ContentType") or ""
        if "macroenabled" in kind.lower() or "vbaproject" in kind.lower():
            raise Unusable(f"is macro-enabled (content type {kind})")
        if "activex" in kind.lower():
            raise Unusable(f"holds ActiveX controls (content type {kind})",
                           "delete the controls (Developer tab) and " + SAVE_PLAIN)
        if entry.tag == f"{{{_TYPES_NS}}}Default":
            defaults[(entry.get("Extension") or "").lower()] = kind
        elif entry.tag == f"{{{_TYPES_NS}}}Override":
            overrides[(entry.get("PartName") or "").lower()] = kind
    main = next((rel.get("Target") or "" for rel in _xml(archive, "_rels/.rels")
                 if rel.get("Type") == _OFFICE_DOCUMENT), None)
    if main is None:
        raise Unusable("is not a PowerPoint presentation (it names no main part)")
    part = "/" + main.lstrip("/")
    kind = overrides.get(part.lower()) or defaults.get(PurePosixPath(part).suffix[1:].lower(),
                                                       "")
    if kind != _PRESENTATION:
        raise Unusable(f"is {_OTHER_MAINS.get(kind, 'not a PowerPoint presentation')}")


# Reading and rewriting parts ----------------------------------------------------------------

def _read(archive: zipfile.ZipFile, name: str) -> bytes:
    """A member's bytes (never more than its declared size, which was checked)."""
    try:
        return archive.read(name)
    except (zipfile.BadZipFile, OSError, EOFError, ValueError) as exc:
        raise Unusable(f"is damaged ('{name}' cannot be unpacked: {exc})") from None


def _xml(archive: zipfile.ZipFile, name: str) -> Any:
    """A member parsed as XML: no DTD, no entities, no network."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    try:
        return etree.fromstring(_read(archive, name), parser)
    except etree.XMLSyntaxError as exc:
        raise Unusable(f"is damaged ('{name}' is not well-formed XML: {exc})") from None


def _bytes(tree: Any) -> bytes:
    from lxml import etree

    return bytes(etree.tostring(tree, xml_declaration=True, encoding="UTF-8",
                                standalone=True))


def _source(rels: str) -> str:
    """The part a relationships member belongs to ('' for the package's own)."""
    path = PurePosixPath(rels)
    if path.parent.name != "_rels" or path.name == ".rels":
        return ""
    folder = path.parent.parent
    name = path.name[:-len(".rels")]
    return name if folder == PurePosixPath(".") else f"{folder}/{name}"


def _unlinked(tree: Any, ids: set[str]) -> Any:
    """`tree` with every reference to the relationships `ids` removed: a hyperlink or a
    linked medium goes as a whole, otherwise the attribute that names it."""
    prefix = f"{{{_RELS_NS}}}"
    for element in list(tree.iter()):
        named = [key for key, value in element.attrib.items()
                 if key.startswith(prefix) and value in ids]
        if not named:
            continue
        local = element.tag.rsplit("}", 1)[-1] if isinstance(element.tag, str) else ""
        parent = element.getparent()
        if local in _LINK_ELEMENTS and parent is not None:
            parent.remove(element)
        else:
            for key in named:
                del element.attrib[key]
    return tree


def _opens(data: bytes) -> tuple[int, int] | None:
    """The slide size python-pptx reads from `data` (EMUs; None when not given); raises
    Unusable unless python-pptx opens `data`."""
    from pptx import Presentation

    try:
        prs = Presentation(io.BytesIO(data))
        width, height = prs.slide_width, prs.slide_height
        return (int(width), int(height)) if width is not None and height is not None else None
    # python-pptx reports a broken part in whatever way the code that met it fails
    # (KeyError, ValueError, lxml's errors, ...); any of them means the same to a clinic.
    except Exception as exc:
        raise Unusable(f"cannot be opened as a presentation ({type(exc).__name__}: {exc})") \
            from None
