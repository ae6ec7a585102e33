"""A clinic's PowerPoint template cannot smuggle anything into the decks: macros and
ActiveX are refused, links to outside the template are removed with a warning, and a file
that is not a presentation or is a zip bomb is refused from its declared sizes, with a
located message, before anything is written or inflated."""

from __future__ import annotations

import io
import re
import struct
import tracemalloc
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from click.testing import Result
from pptx import Presentation

from handouts.document import reader as layoutxml
from handouts.files import Refused
from handouts.fonts.families import BUILTIN_FONT_NAME, builtin_fonts
from handouts.writers.pptx import output as pptx
from handouts.writers.pptx import template as pptxtemplate
from handouts.writers.pptx.theme import DeckTheme

SAVE_PLAIN = "save it as a plain .pptx (PowerPoint: File > Save As > PowerPoint Presentation)"
BEACON = "https://beacon.example.net/pixel.gif?clinic=riverbend"
LOCAL = "file:///C:/Users/Public/track.png"
PACKAGE = "http://schemas.openxmlformats.org/package/2006/relationships"
HYPERLINK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink"
IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
MAIN = "application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml"
MACRO_MAIN = "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml"
GIB = 1 << 30


# Templates ----------------------------------------------------------------------------------

def honest(path: Path) -> Path:
    """PowerPoint's default template as python-pptx saves it."""
    Presentation().save(str(path))
    return path


def rewritten(path: Path, edit: Callable[[str, bytes], bytes],
              extra: dict[str, bytes] | None = None) -> Path:
    """An honest template at `path` with every member passed through `edit` and `extra`
    members added."""
    honest(path)
    with zipfile.ZipFile(path) as z:
        members = {name: edit(name, z.read(name)) for name in z.namelist()}
    members.update(extra or {})
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in members.items():
            z.writestr(name, data)
    return path


def macro_template(path: Path, with_vba: bool = True) -> Path:
    """A .pptx-named macro-enabled presentation (a .pptm renamed)."""
    def edit(name: str, data: bytes) -> bytes:
        if name == "[Content_Types].xml":
            data = data.replace(MAIN.encode(), MACRO_MAIN.encode())
            if with_vba:
                data = data.replace(b"</Types>", b'<Override PartName="/ppt/vbaProject.bin" '
                                    b'ContentType="application/vnd.ms-office.vbaProject"/>'
                                    b"</Types>")
        if name == "ppt/_rels/presentation.xml.rels" and with_vba:
            data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://'
                                b'schemas.microsoft.com/office/2006/relationships/vbaProject" '
                                b'Target="vbaProject.bin"/></Relationships>')
        return data

    return rewritten(path, edit, {"ppt/vbaProject.bin": b"\xd0\xcf\x11\xe0 VBA"} if with_vba
                     else {})


def external(rel_id: str, kind: str, target: str) -> bytes:
    return (f'<Relationship Id="{rel_id}" Type="{kind}" Target="{target}" '
            'TargetMode="External"/></Relationships>').encode()


def beacon_template(path: Path) -> Path:
    """A template whose 'Title Slide' layout's title links to a web beacon and whose master
    relates to a picture on the viewer's disk, both as external relationships."""
    def edit(name: str, data: bytes) -> bytes:
        if name == "ppt/slideLayouts/_rels/slideLayout1.xml.rels":
            data = data.replace(b"</Relationships>", external("rId99", HYPERLINK, BEACON))
        if name == "ppt/slideLayouts/slideLayout1.xml":
            data, count = re.subn(rb'(<p:cNvPr id="2" name="[^"]*")/>',
                                  rb'\1><a:hlinkClick r:id="rId99"/></p:cNvPr>', data, count=1)
            assert count == 1
        if name == "ppt/slideMasters/_rels/slideMaster1.xml.rels":
            data = data.replace(b"</Relationships>", external("rId98", IMAGE, LOCAL))
        return data

    return rewritten(path, edit)


def raw_zip(path: Path, members: list[tuple[str, bytes, int, int]]) -> Path:
    """A zip written by hand: each member is (name, raw deflate data, CRC-32, declared
    size), so a member can declare what it unpacks to without being packed here."""
    out = bytearray()
    directory = bytearray()
    for name, data, crc, size in members:
        encoded = name.encode()
        fields = struct.pack("<HHHHHLLLH", 20, 0, 8, 0, 0x21, crc, len(data), size,
                             len(encoded))
        directory += b"PK\x01\x02" + struct.pack("<H", 20) + fields + struct.pack(
            "<HHHHLL", 0, 0, 0, 0, 0, len(out)) + encoded
        out += b"PK\x03\x04" + fields + struct.pack("<H", 0) + encoded + data
    out += directory + b"PK\x05\x06" + struct.pack("<HHHHLLH", 0, 0, len(members),
                                                   len(members), len(directory),
                                                   len(out), 0)
    path.write_bytes(bytes(out))
    return path


def deflated(data: bytes) -> tuple[bytes, int, int]:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return packer.compress(data) + packer.flush(), zlib.crc32(data), len(data)


def bomb_template(path: Path) -> tuple[Path, int]:
    """An honest template plus a 1 GiB member of zeros, about 1 MB packed: deflate's output
    for a block of zeros after a full flush repeats exactly, so it is packed once and
    repeated. Returns the path and the member's packed size."""
    honest(path)
    with zipfile.ZipFile(path) as z:
        members = [(name, *deflated(z.read(name))) for name in z.namelist()]
    block = bytes(1 << 24)
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    piece = packer.compress(block) + packer.flush(zlib.Z_FULL_FLUSH)
    crc = 0
    for _ in range(GIB // len(block)):
        crc = zlib.crc32(block, crc)
    data = piece * (GIB // len(block)) + packer.flush()
    raw_zip(path, [*members, ("ppt/media/filler.bin", data, crc, GIB)])
    return path, len(data)


def use_template(project: Path, name: str = "clinic.pptx") -> str:
    """Name the template in the project's brand; returns the 'file:line:column' of its
    value."""
    brand = project / "_brand.yml"
    text = brand.read_text(encoding="utf-8")
    assert "    paper: letter\n" in text
    brand.write_text(text.replace("    paper: letter\n",
                                  f"    paper: letter\n    pptx_template: {name}\n"),
                     encoding="utf-8")
    line = brand.read_text(encoding="utf-8").splitlines().index(f"    pptx_template: {name}")
    return f"{brand}:{line + 1}:20"


def build_deck(cli: Callable[..., Result], project: Path) -> Result:
    return cli("-C", project, "build", "ketamine-and-addiction", "--level", "easy",
               "--length", "short", "--format", "pptx", "--no-report")


def refused(result: Result, project: Path, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output == f"Error: {message}\n"
    assert not (project / "build").exists()


# Refused at the brand -------------------------------------------------------------------------

def test_a_macro_enabled_template_is_refused(sample: Path, cli: Callable[..., Result]) -> None:
    macro_template(sample / "clinic.pptx")
    at = use_template(sample)
    refused(build_deck(cli, sample), sample,
            f"{at}: the PowerPoint template 'clinic.pptx' is macro-enabled (it holds the macros "
            f"'ppt/vbaProject.bin'); {SAVE_PLAIN}")


def test_a_macro_enabled_content_type_alone_is_refused(sample: Path,
                                                      cli: Callable[..., Result]) -> None:
    macro_template(sample / "clinic.pptx", with_vba=False)
    at = use_template(sample)
    refused(build_deck(cli, sample), sample,
            f"{at}: the PowerPoint template 'clinic.pptx' is macro-enabled (content type "
            f"{MACRO_MAIN}); {SAVE_PLAIN}")


def test_a_file_that_is_not_a_zip_is_refused(sample: Path, cli: Callable[..., Result]) -> None:
    (sample / "clinic.pptx").write_text("Riverbend slides, draft 3\n", encoding="utf-8")
    at = use_template(sample)
    refused(build_deck(cli, sample), sample,
            f"{at}: the PowerPoint template 'clinic.pptx' is not a .pptx file (not a zip "
            f"archive); {SAVE_PLAIN}")


def test_a_zip_bomb_is_refused_from_its_declared_size(sample: Path,
                                                     cli: Callable[..., Result]) -> None:
    _, packed = bomb_template(sample / "clinic.pptx")
    assert (sample / "clinic.pptx").stat().st_size < 2_000_000
    at = use_template(sample)
    refused(build_deck(cli, sample), sample,
            f"{at}: the PowerPoint template 'clinic.pptx' holds 'ppt/media/filler.bin', which "
            f"unpacks from {packed:,} to {GIB:,} bytes (a zip bomb; refused before unpacking); "
            f"{SAVE_PLAIN}")


def test_a_zip_bomb_is_refused_without_inflating_it(tmp_path: Path) -> None:
    path, _ = bomb_template(tmp_path / "clinic.pptx")
    data = path.read_bytes()
    tracemalloc.start()
    try:
        with pytest.raises(pptxtemplate.Unusable, match="a zip bomb; refused before unpacking"):
            pptxtemplate.clean(data)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < 1 << 20  # the 1 GiB member is never unpacked


def test_a_member_that_lies_about_its_size_is_refused_as_damaged(tmp_path: Path) -> None:
    # 4 MiB of zeros declaring 1 MiB: zipfile stops at the declared size, then finds the
    # checksum wrong, so the lie costs a located message, not memory.
    honest(tmp_path / "base.pptx")
    with zipfile.ZipFile(tmp_path / "base.pptx") as z:
        members = [(name, *deflated(z.read(name))) for name in z.namelist()]
    data, crc, _ = deflated(bytes(4 << 20))
    raw_zip(tmp_path / "clinic.pptx", [*members, ("ppt/media/a.bin", data, crc, 1 << 20)])
    with pytest.raises(Refused) as err:
        pptxtemplate.load(tmp_path / "clinic.pptx", (tmp_path,))
    assert err.value.what == ("cannot be opened as a presentation (BadZipFile: Bad CRC-32 for "
                              "file 'ppt/media/a.bin')")


@pytest.mark.parametrize(("build", "what"), [
    (lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
     "is not a .pptx file (it is an old .ppt, or a password-protected file)"),
    (lambda p: rewritten(p, lambda n, d: d.replace(MAIN.encode(), b"application/vnd.openxml"
                                                   b"formats-officedocument.presentationml."
                                                   b"template.main+xml")),
     "is a PowerPoint template (.potx)"),
    (lambda p: rewritten(p, lambda n, d: d, {"ppt/activeX/activeX1.bin": b"control"}),
     "holds ActiveX controls ('ppt/activeX/activeX1.bin')"),
    (lambda p: raw_zip(p, [("ppt/media/big.bin", bytes(3 << 20), 0, 200 << 20)]),
     "holds 'ppt/media/big.bin', which unpacks to 209,715,200 bytes (more than the "
     "104,857,600 allowed; refused before unpacking)"),
    (lambda p: raw_zip(p, [("ppt/slides/slide1.xml", bytes(1 << 20), 0, 40 << 20)]),
     "holds 'ppt/slides/slide1.xml', which unpacks to 41,943,040 bytes (more than the "
     "33,554,432 allowed; refused before unpacking)"),
    (lambda p: raw_zip(p, [(f"m{i}.bin", *deflated(b"")) for i in range(10_001)]),
     "holds 10,001 files in 548,946 bytes of zip directory, far more than a presentation "
     "has"),
    (lambda p: rewritten(p, lambda n, d: b"<Types" if n == "[Content_Types].xml" else d),
     "is damaged ('[Content_Types].xml' is not well-formed XML"),
    (lambda p: rewritten(p, lambda n, d: d[:-20] if n == "ppt/presentation.xml" else d),
     "cannot be opened as a presentation (XMLSyntaxError"),
], ids=["ole", "potx", "activex", "huge member", "huge xml", "many members", "bad xml",
        "broken part"])
def test_other_files_that_are_no_plain_presentation_are_refused(
        tmp_path: Path, build: Callable[[Path], object], what: str) -> None:
    build(tmp_path / "clinic.pptx")
    with pytest.raises(Refused) as err:
        pptxtemplate.load(tmp_path / "clinic.pptx", (tmp_path,))
    assert err.value.what.startswith(what), err.value.what


# Cleaned --------------------------------------------------------------------------------------

def external_targets(deck: Path | bytes) -> set[str]:
    """The targets of every external relationship in a deck's .rels members."""
    found = set()
    with zipfile.ZipFile(io.BytesIO(deck) if isinstance(deck, bytes) else deck) as z:
        for name in z.namelist():
            if name.endswith(".rels"):
                for rel in re.findall(r"<Relationship [^>]*>", z.read(name).decode()):
                    if 'TargetMode="External"' in rel:
                        found.add(re.search(r'Target="([^"]*)"', rel)[1])  # type: ignore[index]
    return found


def written_links(project: Path) -> set[str]:
    """Every web address written in the brand and the sample topic the tests build, and
    the brand's e-mail address as the contact block links it (mailto:)."""
    text = "".join((project / name).read_text(encoding="utf-8")
                   for name in ("_brand.yml", "content/ketamine-and-addiction.yaml"))
    return set(re.findall(r"https?://[^\s)\]\"'>]+", text)) | {
        f"mailto:{address}" for address in re.findall(r"(?m)^\s*email:\s*(\S+)", text)}


def test_external_relationships_are_left_out_with_one_warning(
        sample: Path, cli: Callable[..., Result]) -> None:
    beacon_template(sample / "clinic.pptx")
    at = use_template(sample)
    result = build_deck(cli, sample)
    assert result.exit_code == 0, result.output
    warning = (f"warning: {at}: the PowerPoint template 'clinic.pptx' links outside itself "
               f"({LOCAL}, {BEACON}); those links are left out of every deck "
               "[template-links-left-out]")
    assert result.output.count(warning) == 1, result.output
    decks = list((sample / "build").rglob("*.pptx"))
    assert len(decks) == 1
    # the deck's only links outside it are the brand's and the content's own
    assert external_targets(decks[0]) <= written_links(sample)
    with zipfile.ZipFile(decks[0]) as z:
        for name in z.namelist():
            assert b"beacon.example.net" not in z.read(name) and b"file:///" not in z.read(name)
        layout = z.read("ppt/slideLayouts/slideLayout1.xml")
    assert b"Title Slide" in layout and b"hlinkClick" not in layout


def test_a_cleaned_template_keeps_everything_else(tmp_path: Path) -> None:
    path = beacon_template(tmp_path / "clinic.pptx")
    template = pptxtemplate.load(path, (tmp_path,))
    assert template.removed == (LOCAL, BEACON)  # in the order of the zip's members
    with zipfile.ZipFile(path) as before, zipfile.ZipFile(io.BytesIO(template.data)) as after:
        assert before.namelist() == after.namelist()
        changed = [n for n in before.namelist() if before.read(n) != after.read(n)]
    assert sorted(changed) == ["ppt/slideLayouts/_rels/slideLayout1.xml.rels",
                               "ppt/slideLayouts/slideLayout1.xml",
                               "ppt/slideMasters/_rels/slideMaster1.xml.rels"]


def french_template(path: Path) -> Path:
    """PowerPoint's default template with its layouts named as French PowerPoint names
    them."""
    prs = Presentation()
    names = {"Title Slide": "Diapositive de titre", "Title and Content": "Titre et contenu",
             "Section Header": "En-tête de section"}
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    prs.save(str(path))
    return path


@pytest.mark.parametrize("make", [honest, french_template], ids=["default", "french"])
def test_honest_templates_build_decks_unchanged(sample: Path, cli: Callable[..., Result],
                                                make: Callable[[Path], Path]) -> None:
    path = make(sample / "clinic.pptx")
    assert pptxtemplate.load(path, (sample,)) == pptxtemplate.Template(path.read_bytes(),
                                                                       size=(9144000, 6858000))
    use_template(sample)
    result = build_deck(cli, sample)
    assert result.exit_code == 0, result.output
    assert "links outside itself" not in result.output
    decks = list((sample / "build").rglob("*.pptx"))
    assert len(decks) == 1
    prs = Presentation(str(decks[0]))
    assert len(prs.slides) > 3
    assert prs.slides[0].shapes.title.text == "Ketamine and Addiction"
    assert external_targets(decks[0]) <= written_links(sample)


def test_a_deck_from_a_template_with_external_links_has_none(tmp_path: Path) -> None:
    doc = layoutxml.read(
        '<document layout="deck" title="Hands"><slide kind="title"><title>Hands</title></slide>'
        '<slide><title>Why</title><ul><li>Soap works</li></ul></slide></document>')
    fonts = builtin_fonts()
    theme = DeckTheme(fonts=fonts, font_name=BUILTIN_FONT_NAME, assets_roots=(tmp_path,))
    path = beacon_template(tmp_path / "clinic.pptx")
    plain = pptx.draw(doc, theme).data
    data = pptx.draw(doc, replace(theme, template=path)).data
    assert external_targets(plain) == set()
    assert external_targets(data) == set()
    assert external_targets(path.read_bytes()) == {BEACON, LOCAL}  # what the template had
