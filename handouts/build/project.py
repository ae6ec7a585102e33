"""Build: load and validate a project, plan the topic x level x length matrix, and the
steps of one output (render its layout, check its characters, make its bytes) and of the
build report. handouts.build.runner runs these steps and writes the files.

Content, settings and brand mistakes stop the run before anything is written; template
and font problems stop it before any output moves into place (see handouts.build.runner)."""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.brand.brandyml import load_brand
from handouts.brand.model import Brand, FontFamily
from handouts.build.manifest import Facts
from handouts.build.settings import SETTINGS_FILE, Length, Level, Settings
from handouts.build.settings import load as load_settings
from handouts.content.model import Topic
from handouts.content.topic import load_topics
from handouts.content.view import select
from handouts.contrast import placed
from handouts.document import jinja as templates
from handouts.document import messages
from handouts.document import model as layout
from handouts.document import reader as layoutxml
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
from handouts.schema.reader import suggest
from handouts.schema.tomlsource import locate
from handouts.writers.contract import DoesNotFit, Output, UnusablePicture, WriterError, WriterInputs
from handouts.writers.table import WRITERS, Format

if TYPE_CHECKING:
    import jinja2


@dataclass(frozen=True)
class Job:
    """One output to make."""

    topic: Topic
    level: Level
    length: Length
    writer: Format
    """The output's format and its writer (an entry of the project's writer table)."""

    @property
    def fmt(self) -> str:
        """The format's name, as --format names it (its file's suffix is `writer.suffix`)."""
        return self.writer.name

    @property
    def label(self) -> str:
        language = f", {self.topic.language}" if self.topic.tag else ""
        return f"{self.topic.slug}{language}, level {self.level.name}, length {self.length.name}"

    @property
    def kind(self) -> str:
        """The word in the file name: the print name, or the talk's length."""
        talk = self.writer.medium == "talk"
        return f"talk-{self.length.talk_minutes}min" if talk else self.length.print_name

    @property
    def template(self) -> str:
        """The template that writes this output's layout document."""
        layout = "deck" if self.writer.medium == "talk" else self.length.print_layout
        return f"{layout}.xml.j2"

    def path(self, build_dir: Path) -> Path:
        """Where the output goes in `build_dir`: its `name`."""
        return build_dir / self.name

    @property
    def name(self) -> str:
        """The output's path in the build folder, `<topic>/<topic>[-<tag>]-<level>-<kind>
        <tail>.<suffix>` (a translation's tag as its file name writes it; the format's tail
        and suffix, handouts.writers.table): `x/x-es-easy-talk-20min-notes.pdf`."""
        tag = f"-{self.topic.tag}" if self.topic.tag else ""
        stem = f"{self.topic.slug}{tag}-{self.level.name}-{self.kind}{self.writer.tail}"
        return f"{self.topic.slug}/{stem}.{self.writer.suffix}"


@dataclass(frozen=True)
class Project:
    """A project's settings, brand and topics, all validated."""

    settings: Settings
    brand: Brand
    topics: tuple[Topic, ...]
    out_dir: Path
    """Where this brand's outputs go: the settings' build folder, or a folder in it named
    for the brand when there are several."""
    catalogues: tuple[messages.Catalogue, ...]
    """The labels of each language the topics are written in, the project's language
    first: its own .po over the package's (messages.load)."""
    writers: tuple[Format, ...] = tuple(WRITERS.values())
    """The formats this project can make, each with its writer: the writer table."""

    @property
    def catalogue(self) -> messages.Catalogue:
        """The labels of the project's language."""
        return self.catalogues[0]

    def catalogue_of(self, topic: Topic) -> messages.Catalogue:
        """The labels of the language `topic` is written in."""
        return next(c for c in self.catalogues if c.language == topic.language)

    @property
    def languages(self) -> tuple[str, ...]:
        """The BCP 47 tags of the languages the topics are written in, the project's first."""
        return tuple(c.language for c in self.catalogues)

    def writer(self, name: str) -> Format:
        """The format called `name`; raises KeyError if the table has none."""
        return {entry.name: entry for entry in self.writers}[name]

    @property
    def formats(self) -> tuple[str, ...]:
        """The names of the formats this project can make, in the table's order."""
        return tuple(f.name for f in self.writers)

    @property
    def warnings(self) -> list[Diagnostic]:
        """Things worth fixing in the brand that do not stop the build, such as font
        fallbacks (the writers report weak contrast, handouts.contrast)."""
        return list(self.brand.warnings)


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
    facts: dict[Path, Facts] = field(default_factory=dict)
    """What the build report says of each output made or found up to date, as its writer
    said when it made it."""


def brand_fonts(family: FontFamily | None) -> tuple[Fonts, str]:
    """The four faces of a brand family (missing ones stand in from the others), and its
    name; the built-in family when the brand names none."""
    if family is None:
        return builtin_fonts(), BUILTIN_FONT_NAME
    regular = family.regular
    return Fonts(regular, family.bold or regular, family.italic or regular,
                 family.bold_italic or family.bold or family.italic or regular), family.name


def load_project(root: Path) -> Project:
    """Load settings, brand and every topic; raises InputError listing every mistake."""
    settings = load_settings(root)
    brand = load_brand(settings.brand_file, settings.root)
    topics = load_topics(settings.content_dir, settings.level_names, settings.root,
                         settings.language)
    project = Project(settings, brand, topics, settings.build_dir, catalogues(settings, topics))
    check_brand_languages(brand, project.languages)
    check_output_names(project)
    check_build_folder_apart([project])
    return project


def load_projects(settings: Settings, brand_files: Sequence[Path] = (),
                  topics: tuple[Topic, ...] | None = None
                  ) -> tuple[list[Project], list[SettingsError]]:
    """One project per brand (from `brand_files`, else the settings), sharing the content
    of the project whose `settings` (build.settings.load) are given (`topics`, if loaded).

    Settings and content mistakes raise; a broken brand is returned with its error so the
    other clinics can still be built. A brand file named in `brand_files` (the command
    line) may lie anywhere, and its files inside its own folder; it must exist.
    """
    topics = topics if topics is not None else load_topics(
        settings.content_dir, settings.level_names, settings.root, settings.language)
    files = list(brand_files) or list(settings.brand_files) or [settings.brand_file]
    catalogue = catalogues(settings, topics)
    projects: list[Project] = []
    broken: list[SettingsError] = []
    for path in files:
        try:
            brand = load_brand(path, None if brand_files else settings.root,
                               required=bool(brand_files))
            check_brand_languages(brand, tuple(c.language for c in catalogue))
        except SettingsError as exc:
            broken.append(exc)
            continue
        out = settings.build_dir / brand.slug if len(files) > 1 else settings.build_dir
        projects.append(Project(settings, brand, topics, out, catalogue))
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


def catalogues(settings: Settings, topics: Sequence[Topic]) -> tuple[messages.Catalogue, ...]:
    """The catalogue of the project's language and of each language a topic is written
    in (messages.load); raises SettingsError for a language with no catalogue or a label
    missing from one."""
    tags = dict.fromkeys([settings.language, *(t.language for t in topics)])
    return tuple(messages.load(tag, settings.root) for tag in tags)


def check_brand_languages(brand: Brand, languages: Sequence[str]) -> None:
    """Refuse a brand whose texts the handouts of one of `languages` (BCP 47 tags, the
    project's first) would lack or show in another language (Brand.untranslated): raises
    SettingsError, each problem where the text is written."""
    problems = [p for tag in languages for p in brand.untranslated(tag, languages[0])]
    if problems:
        raise SettingsError(problems)


def check_build_folder_apart(projects: Sequence[Project]) -> None:
    """Refuse a build folder that is a file, or that holds a file the project reads (a
    brand file, a logo, a font, a topic): the build writes and prunes there. Raises
    InputError located at the build setting in handouts.toml."""
    if not projects:
        return
    settings = projects[0].settings
    build = settings.build_dir
    where = functools.partial(locate, settings.root / SETTINGS_FILE,  # only if it is wrong
                              settings.source_text.splitlines(), "build", "project")
    if os.path.lexists(build) and not build.is_dir():
        raise InputError([Problem(where(), f"the build folder {build} is a file",
                                  "name a folder for the outputs in [project] build")])
    real = build.resolve()
    read = [*(t.path for t in projects[0].topics), *(f for p in projects for f in p.brand.files)]
    inside = sorted({str(f) for f in read if f.resolve().is_relative_to(real)})
    if inside:
        raise InputError([Problem(where(), f"the build folder {build} holds files the project "
                                  f"reads ({', '.join(inside)})", "name a folder of its own "
                                  "for the outputs in [project] build, such as 'build'")])


def check_output_names(project: Project) -> None:
    """Refuse a matrix giving two outputs one file name (two lengths with one print_name or
    talk_minutes; topic 'a' at level 'b-easy' beside topic 'a-b' at level 'easy'): one would
    be written over the other. Raises InputError naming both, located in handouts.toml."""
    seen: dict[str, Job] = {}
    problems: list[Problem] = []
    settings_file = project.settings.root / SETTINGS_FILE
    for job in plan(project, formats=project.formats):
        name = job.path(project.out_dir).name
        other = seen.setdefault(name, job)
        if other is not job:
            same_topic = other.topic is job.topic
            key = "print_name" if job.writer.medium == "print" else "talk_minutes"
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
         lengths: Sequence[str] = (), formats: Sequence[str] = ("pdf",),
         languages: Sequence[str] = ()) -> list[Job]:
    """The outputs to make, filtered (`languages`: BCP 47 tags, "es" taking every Spanish
    one, or a topic file's own tag); unknown filter names are input errors."""
    s = project.settings
    known = {"topic": list(dict.fromkeys(t.slug for t in project.topics)),
             "level": list(s.level_names),
             "length": [length.name for length in s.lengths], "format": list(project.formats),
             "language": list(dict.fromkeys(
                 tag for t in project.topics for tag in t.language_names))}
    problems = []
    for kind, asked in (("topic", topics), ("level", levels), ("length", lengths),
                        ("format", formats), ("language", languages)):
        for name in asked:
            if name.lower() not in (k.lower() for k in known[kind]):
                problems.append(Problem(Location(s.root / "handouts.toml"),
                                        f"there is no {kind} '{name}'",
                                        suggest(name, known[kind])))
    if problems:
        raise InputError(problems)
    wanted = {name.lower() for name in languages}
    return [Job(t, lv, ln, writer)
            for t in project.topics if not topics or t.slug in topics
            if not wanted or wanted & {n.lower() for n in t.language_names}
            for lv in s.levels if not levels or lv.name in levels
            for ln in s.lengths if not lengths or ln.name in lengths
            for writer in project.writers if writer.name in formats
            if ln.talk_prints or not writer.talk_print]


def render_layout(project: Project, job: Job,
                  envs: dict[str, jinja2.Environment] | None = None,
                  hard_stop: bool = False) -> layout.Document:
    """Run the job's template and read its layout document. `envs`: template environments
    by language, kept by a caller of many jobs so each template compiles once (one made
    here with the job's catalogue if missing); `hard_stop`: see templates.render."""
    return read_layout(job, layout_text(project, job, envs, hard_stop))


def layout_text(project: Project, job: Job, envs: dict[str, jinja2.Environment] | None = None,
                hard_stop: bool = False, context: object = None) -> str:
    """The layout document (XML) the job's template writes given `context` (None: content.
    view.select of the job's topic, level and length; render_layout); raises TemplateError."""
    catalogue = project.catalogue_of(job.topic)
    envs = {} if envs is None else envs
    if catalogue.language not in envs:
        envs[catalogue.language] = templates.environment(
            project.settings.templates_dir, root=project.settings.root, catalogue=catalogue)
    if context is None:
        context = select(job.topic, job.level, job.length, project.brand, catalogue=catalogue)
    return templates.render(envs[catalogue.language], job.template, context,
                            hard_stop=hard_stop)


def read_layout(job: Job, xml: str) -> layout.Document:
    """The layout document `xml` of `job` read; raises TemplateError naming the template
    when it is not a valid layout document."""
    try:
        return layoutxml.read(xml)
    except layoutxml.LayoutError as exc:
        raise TemplateError([Problem(Location(Path(job.template)),
                                     f"the template wrote an invalid layout document "
                                     f"(line {exc.line} of its output): {exc.message}",
                                     "fix the template")]) from None


def assets_roots(project: Project) -> tuple[Path, ...]:
    """The folders pictures may be read from: the project, and the brand file's own folder
    (a brand named with --brand may lie outside the project, its files beside it)."""
    source = project.brand.source
    return (project.settings.root, *((source.parent,) if source is not None else ()))


def writer_inputs(project: Project, job: Job) -> WriterInputs:
    """What the job's writer needs besides the document: the brand's families, colours,
    paper, slide size and template, the level's smallest size for the job's medium, the
    topic's title and review date."""
    b = project.brand
    fonts, font_name = brand_fonts(b.base_font)
    heading_fonts, heading_name = brand_fonts(b.heading_font)
    review = job.topic.review
    size = job.level.min_slide_pt if job.writer.medium == "talk" else job.level.min_print_pt
    return WriterInputs(
        fonts=fonts, font_name=font_name, heading_fonts=heading_fonts,
        heading_font_name=heading_name, body_size=size, print_size=job.level.min_print_pt,
        palette=b.palette, paper=b.paper,
        slide_size=b.slide_size, title=job.topic.title(job.level.name), author=b.name,
        date=review.reviewed_on if review else None,
        fold_guides=project.settings.fold_guides, assets_roots=assets_roots(project),
        pptx_template=b.pptx_template,
        labels=project.catalogue_of(job.topic).writer_labels(),
        hyphenate=project.settings.hyphenate)


def make_output(project: Project, job: Job, doc: layout.Document) -> Output:
    """The job's output, by its format's writer; raises BuildError if text does not fit
    or it cannot be made, TemplateError for a picture the template asked for but unusable."""
    try:
        made = job.writer.writer()(doc, writer_inputs(project, job))
    except WriterError as exc:
        raise _writer_error(job, exc) from None
    return replace(made, warnings=placed(made.warnings, project.brand.source,
                                         f"{job.label} ({job.kind})"))


def _writer_error(job: Job, exc: WriterError) -> BuildError | TemplateError:
    """A writer's error as the build reports it, naming the output."""
    if isinstance(exc, UnusablePicture):
        return _picture_error(job, exc)
    todo = f"; {exc.todo}" if isinstance(exc, DoesNotFit) and exc.todo else ""
    return BuildError(f"{job.label} ({job.kind}): {exc}{todo}")


def _picture_error(job: Job, exc: UnusablePicture) -> TemplateError:
    """A picture the job's template asked for that cannot be used: an input mistake, named
    with the template that asked for it."""
    return TemplateError([Problem(Location(Path(job.template)), f"{exc} (asked for by the "
                                  f"template, for {job.label})", "fix the picture's path or "
                                  "file; pictures must be PNG, JPEG or SVG inside the project")])
