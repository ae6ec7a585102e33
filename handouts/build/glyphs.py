"""The one check that every character of an output is one its writers can set and its fonts
can draw, and the warning when its italics cannot be drawn as italics.

It runs once per output, after the template has written the layout document and before a
writer draws it (handouts.build.runner), and for every output in `make-handouts check`
(`project_glyph_problems`: the templates run, no writer), against the brand's body and
heading families (handouts.fonts.coverage), and against the scripts the writers cannot
set (right-to-left and shaped scripts, handouts.fonts.scripts). Such a character, or one
no font has, is an input mistake, located where it was written: the topic's content file
(as itself or as a YAML escape), else the brand file (the clinic's name, contact lines),
else the template that wrote it. The writers do not check again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import jinja2

from handouts.build.project import Job, Project, brand_fonts, plan, render_layout
from handouts.document import model as layout
from handouts.errors import Diagnostic, Location, Problem
from handouts.fonts.coverage import cannot_draw
from handouts.fonts.scripts import Refusal, refusals


def glyph_problems(project: Project, job: Job, doc: layout.Document) -> list[Problem]:
    """Characters of the job's document that the writers cannot set or the brand's fonts
    cannot draw, each located where it was written: first one problem per refused script
    (where a character of it is first written, in the order written), then each other
    character no font has, in code point order; [] when every character can be drawn."""
    families = {brand_fonts(project.brand.base_font)[0],
                brand_fonts(project.brand.heading_font)[0]}
    used = layout.characters(doc)
    refused = refusals(used)
    missing = sorted({c for fonts in families for c in cannot_draw(used, fonts)}
                     - refused.keys())
    if not (missing or refused):
        return []
    places = _CharPlaces(project, job)
    return [*_script_problems(refused, places),
            *(Problem(places.of(char), f"the brand's font cannot draw '{char}' "
                      f"(U+{ord(char):04X})", "replace the character, or use a brand font "
                      "that has it") for char in missing)]


def project_glyph_problems(project: Project) -> list[Problem]:
    """The `glyph_problems` of every output the project builds, each problem once, in the
    order of the outputs: what `check` refuses as `build` would. Runs every output's
    template (not its writer); raises TemplateError as the build would."""
    envs: dict[str, jinja2.Environment] = {}  # one per language, as the build's workers
    found: list[Problem] = []
    for job in plan(project, formats=project.formats):
        doc = render_layout(project, job, envs)
        found.extend(p for p in glyph_problems(project, job, doc) if p not in found)
    return found


def _script_problems(refused: dict[str, Refusal], places: _CharPlaces) -> list[Problem]:
    """One problem per refused script, at the first place one of its characters is written
    (the content file before the brand file), naming that character; in the order written."""
    by_script: dict[Refusal, list[tuple[tuple[int, int, int], str, Location]]] = {}
    for char, why in refused.items():
        at = places.of(char)
        order = (places.rank(at), at.line or 1 << 30, at.column)
        by_script.setdefault(why, []).append((order, char, at))
    problems = []
    for _, char, at, why in sorted((*min(found), why) for why, found in by_script.items()):
        what = (f"'{char}' (U+{ord(char):04X}) is {why.script} text" if why.script !=
                "right-to-left" else f"'{char}' (U+{ord(char):04X}) is a right-to-left "
                "character")
        problems.append(Problem(at, f"{what}: {why.reason()}",
                                "remove it, or show it as a picture (an image with a text "
                                "alternative)"))
    return problems


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

    def rank(self, at: Location) -> int:
        """The place of `at`'s file in the search order (content, brand, template)."""
        return next((n for n, (path, _) in enumerate(self.files) if path == at.path),
                    len(self.files))

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
