"""`make-handouts watch`: a project kept loaded between saves, rebuilt from the files that
changed.

A `Session` builds once as `build` does (build.api.build_all), then keeps what that build
loaded: the settings, each clinic's brand and fonts, the label catalogues, every topic as
read from its file, and (in each clinic's handouts.build.rebuild.KeptWorker) the compiled
templates and the layouts they wrote. Given the files a save changed, it reads again only
what they affect:

- a topic file: that topic alone (and the checks over all topics: two files making one
  topic, a translation against its source), and only that topic's outputs are looked at;
  a topic file added or removed lists the content folder again, and the outputs of a
  topic that no longer exists are removed as `build` removes them;
- a template: every template is compiled again and every layout rendered again;
- the brand file or a file it names (logo, font, PowerPoint template), or a label
  catalogue: the brands and catalogues are loaded again (topics as kept);
- handouts.toml: everything, by a whole build;
- anything else (a picture): nothing is read; its digest is taken again, so the outputs
  that show it are made again.

The outputs whose inputs changed are then made again (handouts.build.rebuild), each moved
into place as soon as it is made, and each clinic's report written again after them. A
mistake in what was read raises the usual located error and keeps the project as it was
loaded before; the save that fixes it rebuilds.
"""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from handouts.build import api, manifest, reporting
from handouts.build import project as build
from handouts.build import report as html_report
from handouts.build.api import Options, Progress, finding_diagnostic
from handouts.build.project import Job, Project, Report
from handouts.build.rebuild import KeptWorker, run
from handouts.build.runner import STAGING
from handouts.build.settings import SETTINGS_FILE, Settings
from handouts.build.settings import load as load_settings
from handouts.build.summary import BrandSummary, Summary
from handouts.content.model import Topic
from handouts.content.topic import load_topic, load_topics, topic_files
from handouts.document.jinja import builtin_dir
from handouts.errors import HandoutsError, InputError, Problem, SettingsError
from handouts.files import Digests


class KeptDigests(Digests):
    """A build's file digests kept between rebuilds: those of changed files are forgotten
    and taken again when next asked for."""

    def forget(self, paths: Iterable[Path]) -> None:
        for path in paths:
            self._known.pop(path, None)


@contextlib.contextmanager
def _quiet(name: str, paths: Sequence[Path]) -> Iterator[Callable[[Path], None]]:
    yield lambda path: None


class Session:
    """A project in `root` kept loaded for `watch`, built as `options` ask (`progress` and
    `notice` as for build.api.build_all)."""

    def __init__(self, root: Path, options: Options | None = None,
                 progress: Progress = _quiet,
                 notice: Callable[[str], None] = lambda text: None) -> None:
        self.root = root
        self.options = options or Options()
        self.progress = progress
        self.notice = notice
        self.settings: Settings | None = None
        """The settings the kept projects were loaded with; None until a load succeeds."""
        self.projects: list[Project] = []
        self.broken: list[SettingsError] = []
        """Brands that could not be loaded (the other clinics are built)."""
        self.workers: list[KeptWorker] = []
        """Each project's worker, in the order of `projects`."""
        self.topics: dict[Path, tuple[Topic | None, list[Problem]]] = {}
        """Each topic file as last read (content.topic.load_topic)."""
        self.digests = KeptDigests()
        self.unloaded = False
        """Whether the last save's files could not be loaded (the projects are as they
        were before it)."""

    def start(self) -> Summary:
        """Build as `build` does (answered by the up-to-date record when nothing changed),
        then load the project to keep. Raises HandoutsError as build.api.build_all does."""
        summary = api.build_all(self.root, self.options, self.progress, self.notice)
        self._load_quietly()
        for worker in self.workers:
            worker.warm()
        return summary

    def rebuild(self, changed: Iterable[Path]) -> Summary:
        """Read again what the files `changed` (absolute paths) affect and make again the
        outputs whose inputs changed. Raises HandoutsError, nothing written, for a mistake in
        what was read, a template or a font."""
        paths = {Path(p) for p in changed}
        settings = self.settings
        if settings is None or settings.root / SETTINGS_FILE in paths:
            self.settings = None  # until they load: every save builds as `build` does
            summary = api.build_all(self.root, self.options, self.progress, self.notice)
            self._load_quietly()
            return summary
        self.digests.forget(paths)
        for path in paths:
            self.topics.pop(path, None)
        if any(p.is_relative_to(t) for p in paths
               for t in (settings.templates_dir, builtin_dir())):
            for worker in self.workers:
                worker.forget_templates()
        loaded = {t.path for t in self.projects[0].topics} if self.projects else set()
        locales = settings.root / "locales"
        whole = self.unloaded or set(topic_files(settings.content_dir)) != loaded or any(
            p in self._brand_files(settings) or p.is_relative_to(locales) for p in paths)
        edited = {p for p in paths if p in loaded}
        try:
            if whole:
                self._load(settings)
            elif edited:
                self._reload_topics(settings)
        except HandoutsError:
            self.unloaded = True  # the next save loads again, and says so again if still wrong
            raise
        self.unloaded = False
        if whole or not edited:
            return self._build(None, prune=whole)
        return self._build({t.slug for t in self.projects[0].topics if t.path in edited})

    # Loading ----------------------------------------------------------------------------

    def _read(self, path: Path, levels: tuple[str, ...], root: Path, language: str
              ) -> tuple[Topic | None, list[Problem]]:
        """A topic file as kept, read when it changed or was never read."""
        if path not in self.topics:
            self.topics[path] = load_topic(path, levels, root, language)
            topic = self.topics[path][0]
            if topic is not None:
                self.digests.seen(path, topic.digest)
        return self.topics[path]

    def _load_quietly(self) -> None:
        """Load the project to keep after a whole build, or keep none (the next save
        builds as `build` does) if it cannot be loaded."""
        self.settings = None
        self.topics.clear()
        self.digests = KeptDigests()
        with contextlib.suppress(HandoutsError):
            self._load(load_settings(self.root))

    def _load(self, settings: Settings) -> None:
        """Load every clinic's project with the kept topics; raises HandoutsError and keeps
        what was loaded before."""
        topics = load_topics(settings.content_dir, settings.level_names, settings.root,
                             settings.language, reader=self._read)
        projects, broken = build.load_projects(settings, self.options.brands, topics)
        self.settings, self.projects, self.broken = settings, projects, broken
        self.workers = [KeptWorker(p, p.out_dir / STAGING) for p in projects]
        for project in projects:
            if project.brand.source is not None:
                self.digests.seen(project.brand.source, project.brand.digest)
        self.digests.seen(settings.root / SETTINGS_FILE, settings.digest)

    def _reload_topics(self, settings: Settings) -> None:
        """The kept projects with their topics read again where their files changed;
        raises HandoutsError and keeps them as they were."""
        topics = load_topics(settings.content_dir, settings.level_names, settings.root,
                             settings.language, reader=self._read)
        languages = {t.language for t in topics} | {settings.language}
        if languages != set(self.projects[0].languages):
            self._load(settings)  # a topic in another language: its labels too
            return
        projects = [replace(p, topics=topics) for p in self.projects]
        build.check_output_names(projects[0])
        build.check_build_folder_apart(projects)
        self.projects = projects
        for project, worker in zip(projects, self.workers, strict=True):
            worker.use(project)

    def _brand_files(self, settings: Settings) -> set[Path]:
        """Every brand file the settings or options name, and every file the loaded brands
        name."""
        named = {*self.options.brands, *settings.brand_files, settings.brand_file}
        return named | {f for p in self.projects for f in p.brand.files}

    # Building ---------------------------------------------------------------------------

    def _build(self, slugs: set[str] | None, prune: bool = False) -> Summary:
        """Make again the stale outputs of the topics `slugs` (of every topic when None) of
        each clinic, then write each clinic's report; as build.api.build_all answers."""
        assert self.settings is not None
        settings = self.settings
        done: list[BrandSummary] = []
        problems = tuple(p for e in self.broken for p in e.problems)
        for project, worker in zip(self.projects, self.workers, strict=True):
            every = build.plan(project, formats=project.formats)
            jobs = [j for j in every if slugs is None or j.topic.slug in slugs]
            paths = [j.path(project.out_dir) for j in jobs]
            try:
                with self.progress(project.brand.name, paths) as step:
                    result = run(project, jobs, worker, self.digests,
                                 lambda job: step(job.path(project.out_dir)),  # noqa: B023
                                 prune=prune, notice=self.notice)
                _untouched(project, [j for j in every if slugs is not None
                                     and j.topic.slug not in slugs], result)
                index, findings = reporting.write_report(project, result,
                                                         self.options.thumbnails) \
                    if self.options.report else (None, ())
            except HandoutsError as exc:  # an input mistake before any clinic: nothing written
                if not done and isinstance(exc, InputError):
                    raise
                return Summary(tuple(done), settings.build_dir, problems, stopped=exc)
            found = [finding_diagnostic(f) for f in findings]
            done.append(BrandSummary(project.brand.name, len(result.built), result.unchanged,
                                     tuple(result.failed),
                                     (*project.warnings, *result.warnings, *found), index))
        index = None
        if self.options.report and self.projects \
                and self.projects[0].out_dir != settings.build_dir:
            clinics = [(b.name, b.report, f"{b.built + b.unchanged + len(b.failed)} outputs; "
                        f"{len(b.failed)} failed; {len(b.warnings)} warnings") for b in done]
            index = html_report.write_index(settings.build_dir, clinics,
                                            [str(p) for p in problems])
        return Summary(tuple(done), settings.build_dir, problems, index)



def _untouched(project: Project, jobs: Sequence[Job], report: Report) -> None:
    """Count the outputs of `jobs`, whose inputs did not change, as unchanged in `report`,
    with what their writers said of them as the manifest records it (the build report
    checks that each is still intact before it describes it)."""
    out = project.out_dir
    records = manifest.load(out) if jobs else {}
    report.unchanged += len(jobs)
    for job in jobs:
        made = records.get(job.name)
        if made is not None and made.facts is not None:
            report.warnings.extend(w for w in made.facts.warnings if w not in report.warnings)


def watched(build_dirs: Sequence[Path]) -> Callable[[str], bool]:
    """Whether a changed path is a save `watch` answers: not in one of `build_dirs` (the
    build's own outputs, wherever the settings put them; the list may change after this
    is called), not a hidden file, and not a file this process writes its standard output
    or error to (`make-handouts watch > watch.log` run inside the project: each rebuild's
    summary would be another change, for ever). Those files are told by device and inode,
    as they were when this was called."""
    own: set[tuple[int, int]] = set()
    for fd in (1, 2):
        with contextlib.suppress(OSError):
            status = os.fstat(fd)
            if stat.S_ISREG(status.st_mode):
                own.add((status.st_dev, status.st_ino))

    def wanted(path: str) -> bool:
        if Path(path).name.startswith(".") or \
                any(Path(path).resolve().is_relative_to(d) for d in build_dirs):
            return False
        try:
            status = os.stat(path)
        except OSError:  # deleted: a topic removed is a save too
            return True
        return (status.st_dev, status.st_ino) not in own

    return wanted
