"""Building a project, as one plain function: `build_all(root, options) -> Summary`.

The command line parses its options into `Options`, calls `build_all` and prints the
`Summary`; `watch` calls it again on every save. The settings are read once, here, and
passed down: the build folder is theirs. A build with nothing to do is answered from the
up-to-date record before the content, Jinja or the writers are imported (build.uptodate),
so this module imports only light ones at its top.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.build import manifest, uptodate
from handouts.build.settings import SETTINGS_FILE
from handouts.build.settings import load as load_settings
from handouts.build.summary import BrandSummary, Summary
from handouts.errors import BuildError, ContentError, Diagnostic, HandoutsError

if TYPE_CHECKING:
    from handouts.build.project import Project
    from handouts.check.literacy import Finding
    from handouts.files import Digests


@dataclass(frozen=True)
class Options:
    """What a build is asked to do: the command line's options, parsed."""

    topics: tuple[str, ...] = ()
    """Only these topics (by slug); all when empty."""
    levels: tuple[str, ...] = ()
    """Only these reading levels; all when empty."""
    lengths: tuple[str, ...] = ()
    """Only these lengths; all when empty."""
    formats: tuple[str, ...] = ()
    """Only these formats (handouts.FORMATS); all when empty."""
    languages: tuple[str, ...] = ()
    """Only topics in these languages (BCP 47 tags; "es" takes every Spanish one); all
    when empty."""
    brands: tuple[Path, ...] = ()
    """Absolute paths of brand files to build for, each clinic into its own folder; the
    settings' brands when empty."""
    force: bool = False
    """Make every output, even those up to date."""
    jobs: int | None = None
    """Worker processes; None for the number of cores."""
    shard: tuple[int, int] | None = None
    """(k, n): only the k-th of n equal shares of the outputs, k from 1."""
    thumbnails: bool = True
    """Draw thumbnails in the build report."""
    report: bool = True
    """Write the build report (index.html)."""
    strict: bool = False
    """Fail (exit 1) when the build has any warning."""

    def record_key(self) -> dict[str, object]:
        """The options a build's result depends on (for the up-to-date record)."""
        shard = f"{self.shard[0]}/{self.shard[1]}" if self.shard else None
        return {"topics": list(self.topics), "levels": list(self.levels),
                "lengths": list(self.lengths), "formats": list(self.formats),
                "languages": list(self.languages),
                "brands": [str(b) for b in self.brands], "shard": shard,
                "thumbnails": self.thumbnails, "report": self.report}


Step = Callable[[Path], None]
"""Called with each output's path as it is finished."""

Progress = Callable[[str, Sequence[Path]], AbstractContextManager[Step]]
"""Given a clinic's name and the paths of the outputs to make for it, a context that gives
the `Step` to call as each is finished (a progress bar, a line per output)."""


@contextlib.contextmanager
def _quiet(name: str, paths: Sequence[Path]) -> Iterator[Step]:
    yield lambda path: None


def build_all(root: Path, options: Options, progress: Progress = _quiet,
              notice: Callable[[str], None] = lambda text: None) -> Summary:
    """Build the project in `root` as `options` ask and say what was done.

    Settings, content and brand mistakes raise InputError before anything is written (a
    broken brand among several is listed in `Summary.broken` and the others are built); an
    error after some clinics were built is `Summary.stopped`; failed outputs are listed per
    clinic. `Summary.failure(options.strict)` is the error to end with. `notice` gets
    one-line notices (a stale lock taken over).
    """
    settings = load_settings(root)
    key = uptodate.key(options.record_key())
    if not options.force:
        answered = Summary.from_json(uptodate.check(settings, key))
        if answered is not None and answered.build_dir == settings.build_dir:
            return answered

    from handouts.build import project as build
    from handouts.build import report as html_report
    from handouts.build import reporting, runner
    from handouts.files import Digests

    digests = Digests()
    projects, broken = build.load_projects(settings, options.brands)
    snapshot = _snapshot(projects, digests)
    whole = not (options.topics or options.levels or options.lengths or options.formats
                 or options.languages or options.shard)
    done: list[BrandSummary] = []
    again: list[BrandSummary] = []  # what a rebuild with nothing to do answers
    outputs: list[Path] = []
    for project in projects:
        try:
            jobs = build.plan(project, options.topics, options.levels, options.lengths,
                              options.formats or project.formats, options.languages)
            if options.shard:
                jobs = runner.shard(jobs, *options.shard)
            paths = [job.path(project.out_dir) for job in jobs]
            out = project.out_dir
            with progress(project.brand.name, paths) as step:
                result = runner.run(project, jobs, lambda job: step(job.path(out)),  # noqa: B023
                                    force=options.force,
                                    workers=options.jobs or runner.default_workers(),
                                    prune=whole, readings=options.report, digests=digests,
                                    notice=notice)
            index, findings = reporting.write_report(project, result, options.thumbnails) \
                if options.report else (None, ())
        except HandoutsError as exc:
            return Summary(tuple(done), settings.build_dir,
                           tuple(p for e in broken for p in e.problems), stopped=exc)
        found = [finding_diagnostic(f) for f in findings]
        done.append(BrandSummary(project.brand.name, len(result.built), result.unchanged,
                                 tuple(result.failed),
                                 (*project.warnings, *result.warnings, *found), index))
        again.append(BrandSummary(project.brand.name, 0, len(jobs), (),
                                  (*project.warnings, *found), index))
        outputs += paths
        if index:  # the report and its thumbnails: one emptied or cut short is drawn again
            outputs += [index, *sorted((index.parent / "_report").glob("*.png"))]
    problems = tuple(p for e in broken for p in e.problems)
    index = None
    try:
        if whole and projects:
            _tidy(settings.build_dir, projects, bool(broken), notice)
        if options.report and projects and projects[0].out_dir != settings.build_dir:
            clinics = [(b.name, b.report, f"{b.built + b.unchanged + len(b.failed)} outputs; "
                        f"{len(b.failed)} failed; {len(b.warnings)} warnings") for b in done]
            index = html_report.write_index(settings.build_dir, clinics,
                                            [str(p) for p in problems])
            outputs.append(index)
    except (HandoutsError, OSError) as exc:
        stopped = exc if isinstance(exc, HandoutsError) else \
            BuildError(f"cannot tidy {settings.build_dir}: {exc}")
        return Summary(tuple(done), settings.build_dir, problems, stopped=stopped)
    summary = Summary(tuple(done), settings.build_dir, problems, index)
    if snapshot is not None and summary.failure() is None:
        files, listings = snapshot
        files = [*files, *(Path(path) for project in projects  # drawn from as recorded
                           for made in manifest.load(project.out_dir).values()
                           for path, _ in made.pictures or ())]
        uptodate.record(settings.build_dir, key, files, digests, listings, outputs,
                        Summary(tuple(again), settings.build_dir, index=index).as_json())
    return summary


def _tidy(build_dir: Path, projects: list[Project], some_broken: bool,
          notice: Callable[[str], None]) -> None:
    """After a whole build, remove what builds laid out otherwise left in `build_dir`: one
    clinic's outputs and report in the build folder itself when each clinic now has a
    folder of its own; the folders of clinics not built now (not when a brand file was
    broken: its clinic's folder is kept); the index of several clinics when one clinic now
    has the build folder. Only files the build recorded writing go (build.runner
    .remove_layout, build.report.remove_written)."""
    from handouts.build import report as html_report
    from handouts.build import runner
    from handouts.build.manifest import MANIFEST

    if not build_dir.is_dir():
        return
    outs = {project.out_dir for project in projects}
    formats = projects[0].formats
    several = build_dir not in outs
    if several:
        runner.remove_layout(build_dir, formats, notice)
    else:
        html_report.remove_written(build_dir, html_report.CLINICS_RECORD)
    if several and some_broken:
        return
    for folder in sorted(build_dir.iterdir()):
        if folder not in outs and not folder.is_symlink() and (folder / MANIFEST).is_file():
            runner.remove_layout(folder, formats, notice)


def refuse_unsettable(project: Project) -> None:
    """Raise ContentError, as the build does, for any text of the project's outputs that
    the writers cannot set or its fonts cannot draw (handouts.build.glyphs: `check` runs
    every template, no writer)."""
    from handouts.build.glyphs import project_glyph_problems

    if refused := project_glyph_problems(project):
        raise ContentError(refused)


def finding_diagnostic(finding: Finding) -> Diagnostic:
    """A health-literacy finding as a warning (or a note): its kind (reading, jargon, structure,
    review) is the code, and the topic and level lead the message."""
    level = f" ({finding.level})" if finding.level else ""
    return Diagnostic(finding.kind, f"{finding.topic}{level}: {finding.message}",
                      finding.location, finding.severity)


def _snapshot(projects: list[Project], digests: Digests
              ) -> tuple[list[Path], dict[str, list[object]]] | None:
    """The inputs of a build and its folders' listings, fingerprinted before any output is
    made: files the loaders read by the digest of the bytes they read, the others (fonts,
    logos, templates) hashed now, before the writers read them. None when there is nothing
    to record, or when the content folder already holds other topic files than were loaded
    (one was saved while loading)."""
    if not projects:
        return None
    from handouts.build import inputs as made_from
    from handouts.content.topic import topic_files

    settings = projects[0].settings
    digests.seen(settings.root / SETTINGS_FILE, settings.digest)
    for project in projects:
        if project.brand.source is not None:
            digests.seen(project.brand.source, project.brand.digest)
    for topic in projects[0].topics:
        digests.seen(topic.path, topic.digest)
    files, folders = made_from.inputs(projects)
    try:
        for path in files:
            digests(path)
    except OSError:
        return None
    listings = uptodate.listings(folders, settings.build_dir)
    if set(topic_files(settings.content_dir)) != {topic.path for topic in projects[0].topics}:
        return None
    return files, listings
