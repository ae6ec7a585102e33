"""Build: load and validate a project, plan the topic x level x length matrix, and the
steps of one output (render its layout, check its characters, make its bytes) and of the
build report. handouts.build.runner runs these steps and writes the files.

Content, settings and brand mistakes stop the run before anything is written; template
and font problems stop it before any output moves into place (see handouts.build.runner).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.document import model as layout
from handouts.document import reader as layoutxml
from handouts.document import jinja as templates
from handouts.brand.assets import ImageProblem
from handouts.brand.model import Brand, FontFamily, load_brand
from handouts.colours import contrast_warnings
from handouts.build.settings import SETTINGS_FILE, Length, Level, Settings, locate, suggest
from handouts.build.settings import load as load_settings
from handouts.content.topic import Topic, load_topics
from handouts.errors import (
    BuildError,
    Diagnostic,
    InputError,
    Location,
    Problem,
    SettingsError,
    TemplateError,
)
from handouts.fonts.families import BUILTIN_FONT_NAME, Fonts, builtin_fonts
from handouts.content.view import select

if TYPE_CHECKING:
    import jinja2

    from handouts.check.literacy import Finding
    from handouts.writers.pdf import output as pdf


@dataclass(frozen=True)
class Job:
    """One output to make."""

    topic: Topic
    level: Level
    length: Length
    fmt: str

    @property
    def label(self) -> str:
        return f"{self.topic.slug}, level {self.level.name}, length {self.length.name}"

    @property
    def kind(self) -> str:
        """The word in the file name: the print name, or the talk's length."""
        if self.fmt == "pptx":
            return f"talk-{self.length.talk_minutes}min"
        return self.length.print_name

    @property
    def template(self) -> str:
        """The template that writes this output's layout document."""
        layout = "deck" if self.fmt == "pptx" else self.length.print_layout
        return f"{layout}.xml.j2"

    def path(self, build_dir: Path) -> Path:
        stem = f"{self.topic.slug}-{self.level.name}-{self.kind}"
        return build_dir / self.topic.slug / f"{stem}.{self.fmt}"


@dataclass(frozen=True)
class Project:
    """A project's settings, brand and topics, all validated."""

    settings: Settings
    brand: Brand
    topics: tuple[Topic, ...]
    out_dir: Path
    """Where this brand's outputs go: the settings' build folder, or a folder in it named
    for the brand when there are several."""

    @property
    def warnings(self) -> list[Diagnostic]:
        """Things worth fixing that do not stop the build: font fallbacks, weak contrast."""
        b = self.brand
        where = Location(b.source) if b.source is not None else None
        return [*b.warnings, *contrast_warnings(b.palette, where)]


@dataclass
class Report:
    """What a build did."""

    built: list[Path] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    unchanged: int = 0
    """Outputs already up to date, so not written again."""
    checked: object | None = None
    """The health-literacy check of every topic, if the workers made it during the build."""
    facts: dict[Path, tuple[int, str]] = field(default_factory=dict)
    """What the report says of each output made: its page or slide count, a deck's title."""



def brand_fonts(family: FontFamily | None) -> tuple[Fonts, str]:
    """The four faces of a brand family (missing ones stand in from the others), and its
    name; the built-in family when the brand names none."""
    if family is None:
        return builtin_fonts(), BUILTIN_FONT_NAME
    bold = family.bold or family.regular
    return Fonts(family.regular, bold, family.italic or family.regular,
                     family.bold_italic or family.bold or family.italic or family.regular), \
        family.name


def load_project(root: Path) -> Project:
    """Load settings, brand and every topic; raises InputError listing every mistake."""
    settings = load_settings(root)
    brand = load_brand(settings.brand_file, settings.root)
    topics = load_topics(settings.content_dir, settings.level_names, settings.root)
    project = Project(settings, brand, topics, settings.build_dir)
    check_output_names(project)
    check_build_folder_apart([project])
    return project


def load_projects(settings: Settings, brand_files: Sequence[Path] = ()
                  ) -> tuple[list[Project], list[SettingsError]]:
    """One project per brand (from `brand_files`, else the settings), sharing the content
    of the project whose `settings` (build.settings.load) are given.

    Settings and content mistakes raise; a broken brand is returned with its error so the
    other clinics can still be built. A brand file named in `brand_files` (the command
    line) may lie anywhere, and its files inside its own folder; it must exist.
    """
    topics = load_topics(settings.content_dir, settings.level_names, settings.root)
    files = list(brand_files) or list(settings.brand_files) or [settings.brand_file]
    projects: list[Project] = []
    broken: list[SettingsError] = []
    for path in files:
        try:
            brand = load_brand(path, None if brand_files else settings.root,
                               required=bool(brand_files))
        except SettingsError as exc:
            broken.append(exc)
            continue
        out = settings.build_dir / brand.slug if len(files) > 1 else settings.build_dir
        projects.append(Project(settings, brand, topics, out))
    slugs = [p.brand.slug for p in projects]
    for slug in {s for s in slugs if slugs.count(s) > 1}:
        second = [p.brand.source for p in projects if p.brand.slug == slug][1]
        raise SettingsError([Problem(Location(second or settings.root / SETTINGS_FILE),
                                     f"two brands would both build into the folder '{slug}'",
                                     "give each clinic its own meta.name")])
    for project in projects[:1]:
        check_output_names(project)
    check_build_folder_apart(projects)
    return projects, broken


def check_build_folder_apart(projects: Sequence[Project]) -> None:
    """Refuse a build folder that is a file, or that holds a file the project reads (a
    brand file, a logo, a font, a topic): the build writes and prunes there. Raises
    InputError located at the build setting in handouts.toml."""
    if not projects:
        return
    settings = projects[0].settings
    where = locate(settings.root / SETTINGS_FILE, settings.source_text.splitlines(), "build",
                   "project")
    build = settings.build_dir
    if os.path.lexists(build) and not build.is_dir():
        raise InputError([Problem(where, f"the build folder {build} is a file",
                                  "name a folder for the outputs in [project] build")])
    real = build.resolve()
    read = [*(t.path for t in projects[0].topics), *(f for p in projects for f in p.brand.files)]
    inside = sorted({str(f) for f in read if f.resolve().is_relative_to(real)})
    if inside:
        raise InputError([Problem(where, f"the build folder {build} holds files the project "
                                  f"reads ({', '.join(inside)})", "name a folder of its own "
                                  "for the outputs in [project] build, such as 'build'")])


def check_output_names(project: Project) -> None:
    """Refuse a matrix in which two outputs would get the same file name (two lengths with
    one print_name or one talk_minutes, topic 'a' at level 'b-easy' beside topic 'a-b' at
    level 'easy'): one would be written over the other, and the build report's thumbnails
    are named by file name. Raises InputError naming both, located in handouts.toml."""
    seen: dict[str, Job] = {}
    problems: list[Problem] = []
    settings_file = project.settings.root / SETTINGS_FILE
    for job in plan(project, formats=tuple(WRITERS)):
        name = job.path(project.out_dir).name
        other = seen.setdefault(name, job)
        if other is not job:
            same_topic = other.topic is job.topic
            key = "print_name" if job.fmt == "pdf" else "talk_minutes"
            where = locate(settings_file, project.settings.source_text.splitlines(), key,
                           f"lengths.{job.length.name}") if same_topic \
                else Location(job.topic.path, 1, 1)
            todo = ("give each length its own print_name and talk_minutes" if same_topic
                    else "rename the topic file or the level so the names differ")
            problems.append(Problem(where, f"two outputs would both be named '{name}': "
                                    f"{other.label} and {job.label}", todo))
    if problems:
        raise InputError(problems)


def plan(project: Project, topics: Sequence[str] = (), levels: Sequence[str] = (),
         lengths: Sequence[str] = (), formats: Sequence[str] = ("pdf",)) -> list[Job]:
    """The outputs to make, filtered; unknown filter names are input errors."""
    s = project.settings
    known = {"topic": [t.slug for t in project.topics], "level": list(s.level_names),
             "length": [length.name for length in s.lengths], "format": list(WRITERS)}
    problems = []
    for kind, asked in (("topic", topics), ("level", levels), ("length", lengths),
                        ("format", formats)):
        for name in asked:
            if name not in known[kind]:
                problems.append(Problem(Location(s.root / "handouts.toml"),
                                        f"there is no {kind} '{name}'",
                                        suggest(name, known[kind])))
    if problems:
        raise InputError(problems)
    return [Job(t, lv, ln, fmt)
            for t in project.topics if not topics or t.slug in topics
            for lv in s.levels if not levels or lv.name in levels
            for ln in s.lengths if not lengths or ln.name in lengths
            for fmt in WRITERS if fmt in formats]


def render_layout(project: Project, job: Job, env: jinja2.Environment | None = None,
                  hard_stop: bool = False) -> layout.Document:
    """Run the job's template and read its layout document (`env`: one environment shared
    by many jobs, so each template is compiled once; `hard_stop`: in a worker process that
    may end itself if the template is stuck, see templates.render)."""
    env = env or templates.environment(project.settings.templates_dir,
                                       root=project.settings.root)
    name = job.template
    context = select(job.topic, job.level, job.length, project.brand)
    xml = templates.render(env, name, context, hard_stop=hard_stop)
    try:
        return layoutxml.read(xml)
    except layoutxml.LayoutError as exc:
        raise TemplateError([Problem(Location(Path(name)),
                                     f"the template wrote an invalid layout document "
                                     f"(line {exc.line} of its output): {exc.message}",
                                     "fix the template")]) from None


def assets_roots(project: Project) -> tuple[Path, ...]:
    """The folders pictures may be read from: the project, and the brand file's own folder
    (a brand named with --brand may lie outside the project, its files beside it)."""
    source = project.brand.source
    return (project.settings.root, *((source.parent,) if source is not None else ()))


def theme_for(project: Project, job: Job) -> pdf.Theme:
    """The look of one PDF: the brand's colours and paper at the level's text size."""
    from handouts.writers.pdf import output as pdf
    b = project.brand
    return pdf.Theme(
        fonts=brand_fonts(b.base_font)[0], heading_fonts=brand_fonts(b.heading_font)[0],
        body_size=job.level.min_print_pt, palette=b.palette, paper=b.paper,
        fold_guides=project.settings.fold_guides, title=job.topic.title(job.level.name),
        author=b.name, assets_roots=assets_roots(project))


@dataclass(frozen=True)
class Output:
    """A writer's result: the file's bytes and anything worth a warning."""

    data: bytes
    warnings: tuple[Diagnostic, ...] = ()


def make_pdf(project: Project, job: Job, doc: layout.Document) -> Output:
    """The PDF for one job; raises BuildError if text does not fit or cannot print."""
    from handouts.writers.pdf import output as pdf  # reportlab is only imported when PDFs are built
    try:
        return Output(pdf.write(doc, theme_for(project, job)))
    except pdf.Overflow as exc:
        raise BuildError(f"{job.label} ({job.kind}): {exc}; shorten the text, "
                         "or give a section a larger priority number so this length leaves "
                         "it out") from None
    except pdf.MissingGlyphs as exc:
        raise _glyph_error(project, job, exc) from None
    except ImageProblem as exc:
        raise _picture_error(job, exc) from None


def _picture_error(job: Job, exc: ImageProblem) -> TemplateError:
    """A picture the job's template asked for that cannot be used: an input mistake, named
    with the template that asked for it."""
    return TemplateError([Problem(Location(Path(job.template)), f"{exc} (asked for by the "
                                  f"template, for {job.label})", "fix the picture's path or "
                                  "file; pictures must be PNG, JPEG or SVG inside the project")])


def _char_location(path: Path, lines: Sequence[str], char: str) -> Location:
    """Where `char` first appears in a content file, as itself or as a YAML escape
    (\\xXX, \\uXXXX, \\UXXXXXXXX); line 0 if only a template has it."""
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


def _glyph_error(project: Project, job: Job, exc: Exception) -> BuildError:
    """The characters the font cannot draw, each with the content file and line it is on."""
    found = _CharPlaces(project, job)
    places = []
    for char in getattr(exc, "chars", ()):
        at = found.of(char)
        where = f"{at.path}:{at.line}" if at.line else f"the template {at.path}"
        places.append(f"'{char}' (U+{ord(char):04X}) at {where}")
    return BuildError(f"{job.label}: the font cannot draw " + ", ".join(places)
                      + "; replace those characters, or use a brand font that has them")


def glyph_problems(project: Project, job: Job, doc: layout.Document) -> list[Problem]:
    """Characters of the job's document that the brand's fonts cannot draw, each located
    in the topic's content file."""
    from handouts.writers.pdf import output as pdf
    fonts = {brand_fonts(project.brand.base_font)[0], brand_fonts(project.brand.heading_font)[0]}
    used = layout.characters(doc)
    missing = sorted({c for family in fonts for c in pdf.unprintable(used, family)})
    if not missing:
        return []
    places = _CharPlaces(project, job)
    return [Problem(places.of(char), f"the brand's font cannot draw '{char}' "
                    f"(U+{ord(char):04X})", "replace the character, or use a brand font that "
                    "has it") for char in missing]


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


def make_pptx(project: Project, job: Job, doc: layout.Document) -> Output:
    """The deck bytes for one job; raises BuildError if a slide's text cannot fit."""
    from handouts.writers.pptx import output as pptx  # python-pptx is only imported when decks are built
    from handouts.writers.pdf import output as pdf

    b = project.brand
    review = job.topic.review
    fonts, font_name = brand_fonts(b.base_font)
    heading_fonts, heading_name = brand_fonts(b.heading_font)
    theme = pptx.DeckTheme(
        fonts=fonts, font_name=font_name, heading_fonts=heading_fonts,
        heading_font_name=heading_name, body_size=job.level.min_slide_pt, palette=b.palette,
        slide_size=b.slide_size, title=job.topic.title(job.level.name), author=b.name,
        date=review.reviewed_on if review else pptx.DeckTheme.date,
        assets_roots=assets_roots(project), template=b.pptx_template)
    try:
        data, warnings = pptx.write(doc, theme)
        return Output(data, tuple(warnings))
    except pptx.DeckOverflow as exc:
        raise BuildError(f"{job.label} ({job.kind}): {exc}") from None
    except ImageProblem as exc:
        raise _picture_error(job, exc) from None
    except pdf.MissingGlyphs as exc:
        raise _glyph_error(project, job, exc) from None


WRITERS: dict[str, Callable[[Project, Job, layout.Document], Output]] = {
    "pdf": make_pdf, "pptx": make_pptx}
"""The function that makes each output format (handouts.FORMATS)."""




PACKAGE_DATA = tuple(Path(__file__).parent.parent / name
                     for name in ("document/templates", "fonts", "check"))
"""The package's own files that outputs are made from."""


def under(tops: Iterable[Path]) -> tuple[list[Path], list[Path]]:
    """The files under each of `tops` that exists, and every folder walked (Python's byte
    caches left out)."""
    files: list[Path] = []
    folders: list[Path] = []
    for top in tops:
        if top.is_dir():
            for folder, subfolders, names in os.walk(top):
                folders.append(Path(folder))
                subfolders[:] = [d for d in subfolders if d != "__pycache__"]
                files += [Path(folder) / n for n in names]
    return files, folders


def inputs(projects: Sequence[Project]) -> tuple[list[Path], list[Path]]:
    """Every file the projects' outputs and reports are made from, and every folder whose
    listing decides which files those are (a topic or template added or removed)."""
    settings = projects[0].settings
    package, walked = under((settings.templates_dir, *PACKAGE_DATA))
    files = [settings.root / SETTINGS_FILE, *(t.path for t in projects[0].topics), *package]
    for project in projects:
        files += project.brand.files
    return [f for f in files if f.is_file()], \
        [settings.root, settings.content_dir, settings.templates_dir, *walked]


def write_report(project: Project, report: Report, thumbnails: bool = True
                 ) -> tuple[Path, tuple[Finding, ...]]:
    """Write the project's build/index.html over the whole matrix; returns its path and
    the health-literacy findings it lists."""
    from handouts.check import literacy as check
    from handouts.build import report as html_report

    result = report.checked if isinstance(report.checked, check.CheckResult) else \
        check.check(project.topics, project.settings.levels)
    items = [html_report.Item(j.topic.slug, j.level.name, j.length.name, j.fmt,
                              j.path(project.out_dir))
             for j in plan(project, formats=tuple(WRITERS))]
    index = html_report.write(project.out_dir, f"{project.brand.name}: handouts", items, result,
                             [*project.warnings, *report.warnings], report.failed, thumbnails,
                             report.facts)
    return index, result.findings
