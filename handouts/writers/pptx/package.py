"""The deck writer's package: slide layouts chosen by name, a clinic template's geometry
and example slides, new slides and notes pages copied from pristine first ones, and the
.pptx zip written once with fixed entry times, so equal decks are equal bytes.
"""

from __future__ import annotations

import copy
import io
import zipfile
from pathlib import Path
from typing import Any

from pptx.enum.shapes import PP_PLACEHOLDER
from pptx.opc.constants import CONTENT_TYPE as CT
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.opc.packuri import PackURI
from pptx.opc.serialized import PackageWriter, _PhysPkgWriter
from pptx.parts.slide import NotesSlidePart, SlidePart
from pptx.util import Emu

from handouts.errors import Diagnostic, Location
from handouts.writers.contract import WriterError
from handouts.writers.pptx.plan import SlideGeometry
from handouts.writers.pptx.theme import DeckTheme

LAYOUT_NAMES = {"title": "Title Slide", "section": "Section Header",
                "content": "Title and Content", "closing": "Title and Content"}
"""The slide layout each kind of slide uses, by the names PowerPoint gives them."""
FIXED_TIME = (1980, 1, 1, 0, 0, 0)


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


def _has_title(layout: Any) -> bool:
    return any(ph.placeholder_format.type in (PP_PLACEHOLDER.TITLE, PP_PLACEHOLDER.CENTER_TITLE)
               for ph in layout.placeholders)


def layouts_by_kind(prs: Any, warnings: list[Diagnostic], template: Path | None
                    ) -> dict[str, Any]:
    """The slide layout for each kind of slide, by name; a missing one falls back to
    'Title and Content' (or the first layout with a title), with a warning
    (`layout-fallback`) located at the template."""
    by_name = {layout.name: layout for layout in prs.slide_layouts}
    titled = [layout for layout in prs.slide_layouts if _has_title(layout)]
    if not titled:
        raise WriterError(f"the PowerPoint template {template} has no slide layout with a "
                          "title placeholder; add one (for example 'Title and Content')")
    fallback = by_name["Title and Content"] if "Title and Content" in by_name and \
        _has_title(by_name["Title and Content"]) else titled[0]
    out = {}
    for kind, name in LAYOUT_NAMES.items():
        layout = by_name.get(name)
        if layout is None or not _has_title(layout):
            warnings.append(Diagnostic(
                "layout-fallback", f"no slide layout named '{name}' with a title; using "
                f"'{fallback.name}' for {kind} slides",
                Location(template) if template is not None else None))
            layout = fallback
        out[kind] = layout
    return out


def drop_slides(prs: Any) -> None:
    """Remove a template's own example slides, keeping its masters and layouts."""
    ids = prs.slides._sldIdLst
    for sld_id in list(ids):
        prs.part.drop_rel(sld_id.rId)
        ids.remove(sld_id)


def template_geometry(prs: Any, theme: DeckTheme) -> SlideGeometry:
    """Where a clinic template's 'Title and Content' layout puts its title and body (the
    body's left edge is the margin on both sides)."""
    width, height = Emu(prs.slide_width).pt, Emu(prs.slide_height).pt
    layout = next((lay for lay in prs.slide_layouts if lay.name == "Title and Content"), None)
    body = title = None
    if layout is not None:
        for ph in layout.placeholders:
            if ph.placeholder_format.idx == 1:
                body = ph
            elif ph.placeholder_format.type == PP_PLACEHOLDER.TITLE:
                title = ph
    if body is None or title is None:
        return SlideGeometry(width, height, theme.body_size, template=True)
    left, top = Emu(body.left).pt, Emu(body.top).pt
    return SlideGeometry(width, height, theme.body_size, margin=left,
                         title_top=Emu(title.top).pt, title_height=Emu(title.height).pt,
                         body_top=top, bottom=max(24.0, height - top - Emu(body.height).pt),
                         template=True)
