"""The one check that every character of an output is one its fonts can draw, and the
warning when its italics cannot be drawn as italics.

It runs once per output, after the template has written the layout document and before a
writer draws it (handouts.build.runner), against the brand's body and heading families
(handouts.fonts.coverage). A character no font has is an input mistake, located where it
was written: the topic's content file (as itself or as a YAML escape), else the brand file
(the clinic's name, contact lines), else the template that wrote it. The writers do not
check again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from handouts.build.project import Job, Project, brand_fonts
from handouts.document import model as layout
from handouts.errors import Diagnostic, Location, Problem
from handouts.fonts.coverage import cannot_draw


def glyph_problems(project: Project, job: Job, doc: layout.Document) -> list[Problem]:
    """Characters of the job's document that the brand's fonts cannot draw, each located
    where it was written, in code point order; [] when every character can be drawn."""
    families = {brand_fonts(project.brand.base_font)[0],
                brand_fonts(project.brand.heading_font)[0]}
    used = layout.characters(doc)
    missing = sorted({c for fonts in families for c in cannot_draw(used, fonts)})
    if not missing:
        return []
    places = _CharPlaces(project, job)
    return [Problem(places.of(char), f"the brand's font cannot draw '{char}' "
                    f"(U+{ord(char):04X})", "replace the character, or use a brand font that "
                    "has it") for char in missing]


def italic_warning(project: Project, job: Job, doc: layout.Document) -> Diagnostic | None:
    """A `no-italic-face` warning when the document sets text in italics and the brand's
    body family has no italic face (the PDF then prints that text upright), located where
    the first such text is written in the topic; None when there is nothing to warn of."""
    family = project.brand.base_font
    if family is None or family.italic is not None:
        return None
    italic = next((run.text for run in layout.texts(doc) if run.italic and run.text.strip()),
                  None)
    if italic is None:
        return None
    path = job.topic.path
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    at = Location(path)
    for written in (f"*{italic}*", f"_{italic}_", italic):  # as Markdown, else as itself
        found = next((Location(path, n, line.index(written) + 1)
                      for n, line in enumerate(lines, 1) if written in line), None)
        if found is not None:
            at = found
            break
    return Diagnostic("no-italic-face",
                      f"'{italic}' and other text in italics prints upright in "
                      f"{job.topic.slug}'s handouts: the brand font '{family.name}' has no "
                      "italic face; add one to the brand's typography (style: italic), or "
                      "use bold for emphasis", at)


class _CharPlaces:
    """Where a character in an output was written: the topic's content file, else the
    brand file (the clinic's name, contact lines), else the template that wrote it."""

    def __init__(self, project: Project, job: Job) -> None:
        self.job = job
        self.files = [(p, p.read_text(encoding="utf-8", errors="replace").splitlines())
                      for p in (job.topic.path, project.brand.source) if p is not None]

    def of(self, char: str) -> Location:
        for path, lines in self.files:
            at = _char_location(path, lines, char)
            if at.line:
                return at
        return Location(Path(self.job.template))


def _char_location(path: Path, lines: Sequence[str], char: str) -> Location:
    """Where `char` first appears in a content file, as itself or as a YAML escape
    (\\xXX, \\uXXXX, \\UXXXXXXXX); line 0 if it is not there."""
    code = ord(char)
    escapes = [f"\\U{code:08x}".lower(), *([f"\\u{code:04x}"] if code <= 0xFFFF else []),
               *([f"\\x{code:02x}"] if code <= 0xFF else [])]  # compared with the line lowered
    for number, line in enumerate(lines, 1):
        if char in line:
            return Location(path, number, line.index(char) + 1)
        lowered = line.lower()
        for escape in escapes:
            if escape in lowered:
                return Location(path, number, lowered.index(escape) + 1)
    return Location(path)
