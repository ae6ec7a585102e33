"""The deck writer's package: a clinic template's example slides removed, new slides and
notes pages copied from pristine first ones, the presentation part's notes master and slide
size, and the .pptx zip written once with fixed entry times, so equal decks are equal
bytes. (Which layout each slide uses: handouts.writers.pptx.layouts.)
"""

from __future__ import annotations

import copy
import io
import zipfile
from typing import Any

from pptx import Presentation
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _PhysPkgWriter
from pptx.oxml.ns import qn
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.util import Pt

FIXED_TIME = (1980, 1, 1, 0, 0, 0)
SCREEN_4X3_EMU = (9144000, 6858000)
"""PowerPoint's 4:3 slide, 10 by 7.5 inches, in EMUs: the one size its `type` names."""


def add_slide(prs: Any, layout: Any, number: int, pristine: dict[int, Any]) -> Any:
    """Slide `number`, new, on `layout`. The first slide on each layout is made by
    python-pptx, which copies the layout's placeholders; later ones are copies of that
    slide as it was before anything was drawn on it (copying the placeholders again for
    every slide costs more than drawing it)."""
    if id(layout) not in pristine:
        slide = prs.slides.add_slide(layout)
        pristine[id(layout)] = copy.deepcopy(slide.element)
        return slide
    part = SlidePart(PackURI(f"/ppt/slides/slide{number}.xml"), CT.PML_SLIDE,
                     prs.part.package, copy.deepcopy(pristine[id(layout)]))
    part.relate_to(layout.part, RT.SLIDE_LAYOUT)
    prs.slides._sldIdLst.add_sldId(prs.part.relate_to(part, RT.SLIDE))
    return part.slide


def add_notes_slide(slide: Any, number: int, first: Any | None) -> Any:
    """Slide `number`'s (new) notes page. The first is made by python-pptx from the notes master;
    the rest are copies of it, which is much faster than cloning the master's placeholders
    for every slide."""
    if first is None:
        return slide.notes_slide
    package = slide.part.package
    element = copy.deepcopy(first.element)
    # Only this deck's slides have notes pages (a template's own slides are dropped, and
    # their notes with them), so the slide's number names its notes page too.
    part = NotesSlidePart(PackURI(f"/ppt/notesSlides/notesSlide{number}.xml"),
                          CT.PML_NOTES_SLIDE, package, element)
    part.relate_to(first.part.part_related_by(RT.NOTES_MASTER), RT.NOTES_MASTER)
    part.relate_to(slide.part, RT.SLIDE)
    slide.part.relate_to(part, RT.NOTES_SLIDE)
    return part.notes_slide


class _FixedTimeWriter(PackageWriter):
    """python-pptx's package writer, with every zip entry's time fixed, so equal decks are
    equal bytes (its own writer stamps the current time)."""

    def _write(self) -> None:
        with zipfile.ZipFile(self._pkg_file, "w", zipfile.ZIP_DEFLATED) as archive:
            entries = _Entries(archive)
            self._write_content_types_stream(entries)
            self._write_pkg_rels(entries)
            self._write_parts(entries)


class _Entries(_PhysPkgWriter):
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def write(self, pack_uri: Any, blob: bytes) -> None:
        entry = zipfile.ZipInfo(pack_uri.membername, FIXED_TIME)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.external_attr = 0o644 << 16
        self.archive.writestr(entry, blob)


def save(prs: Any) -> bytes:
    """The presentation as .pptx bytes, every zip entry stamped with FIXED_TIME."""
    out = io.BytesIO()
    package = prs.part.package
    _FixedTimeWriter.write(out, package._rels, tuple(package.iter_parts()))
    return out.getvalue()


def drop_slides(prs: Any) -> None:
    """Remove a template's own example slides, keeping its masters and layouts, and what
    named those slides in the presentation part: custom shows, and sections (PowerPoint
    2010's `p14:sectionLst`, which must then hold every slide; the deck has none)."""
    root = prs.part._element
    # First what names the slides: a slide a custom show still names keeps its part
    # (python-pptx drops a relationship only when nothing else refers to it).
    for named in root.xpath("./p:custShowLst | ./p:extLst/p:ext[*[local-name()='sectionLst']]"):
        named.getparent().remove(named)
    for empty in root.xpath("./p:extLst[not(*)]"):
        root.remove(empty)
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def plain_presentation(width: float, height: float) -> Any:
    """python-pptx's default presentation at `width` by `height` points, its size's
    `type` saying what it is (python-pptx's own says 4:3 whatever the size)."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = Pt(width), Pt(height)
    size = prs.part._element.sldSz
    if (size.cx, size.cy) == SCREEN_4X3_EMU:
        size.set("type", "screen4x3")
    elif "type" in size.attrib:
        del size.attrib["type"]  # PowerPoint writes no type for 16:9 at 13.33 x 7.5 in
    return prs


def keep_notes(prs: Any) -> None:
    """Make sure the presentation part names its notes master (`p:notesMasterIdLst`),
    adding python-pptx's default master when there is none: a notes master the
    presentation part does not list is one other presentation programs ignore, and with
    it the speaker notes."""
    part = prs.part
    master = part.notes_master_part  # python-pptx makes one (but never lists it) if missing
    rid = next(rel.rId for rel in part.rels.values()
               if rel.reltype == RT.NOTES_MASTER and rel.target_part is master)
    root = part._element
    listed = root.find(qn("p:notesMasterIdLst"))
    if listed is None:
        listed = root.makeelement(qn("p:notesMasterIdLst"), {})
        after = root.find(qn("p:sldMasterIdLst"))
        if after is not None:
            after.addnext(listed)
        else:
            root.insert(0, listed)
    for entry in list(listed):
        listed.remove(entry)  # a presentation has one notes master
    entry = listed.makeelement(qn("p:notesMasterId"), {})
    entry.set(qn("r:id"), rid)
    listed.append(entry)
