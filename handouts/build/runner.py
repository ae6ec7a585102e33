"""Running a build: making the outputs that are out of date (handouts.build.stale), through
handouts.build.workers (in worker processes with -j), moving them into place and
recording what each was made from.

Nothing is written until the input is known to be sound. Each worker renders a stale
output's template, checks every character against the brand's fonts, makes the file and
puts it in a staging folder inside the build folder; a template or font problem anywhere
stops the build with every such problem listed, the staging folder is removed, and the
build folder is as it was (gone, if this build made it). Otherwise each staged file is
renamed into place, so no reader ever sees half a file. One output failing does not stop
the others. A worker is sent only a job's names and sends back only what to report.

Ctrl-C and SIGTERM keep the outputs finished so far (when no input problem has been seen)
and leave no staged file behind; so does a worker that dies, whose outputs are listed as
failed, and a writer that raises, whose output alone fails. Workers end with the main
process however it ends (they hold no copy of the lock), and a lock whose holder has died
is taken over; what a killed build left in the build folder is cleaned by the next.
"""


from __future__ import annotations

import contextlib
import os
import re
import shutil
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from handouts.build import manifest, processes, uptodate
from handouts.build.project import Job, Project, Report, plan
from handouts.build.stale import triage
from handouts.build.workers import (
    Done,
    TaskKey,
    make_in_worker,
    readings_in_worker,
    validated,
    worker_pool,
)
from handouts.errors import BuildError, ContentError, InputError, Location, Problem, TemplateError
from handouts.files import Digests


def shard(jobs: Sequence[Job], k: int, n: int) -> list[Job]:
    """The k-th of n shares of `jobs` (k from 1): every job lands in exactly one share,
    the same one on every machine, whatever order the jobs come in."""
    ordered = sorted(jobs, key=lambda j: j.name)
    return [job for i, job in enumerate(ordered) if i % n == k - 1]


STAGING = ".handouts-staging"
"""The folder, inside the build folder, where outputs wait until the input is known sound."""


def run(project: Project, jobs: Sequence[Job],
        progress: Callable[[Job], None] = lambda job: None, force: bool = False,
        workers: int = 1, prune: bool = False, readings: bool = False,
        digests: Digests | None = None, notice: Callable[[str], None] = lambda text: None
        ) -> Report:
    """Make every job's output that is missing, out of date or not intact (all with
    `force`).

    `workers` > 1 makes outputs in up to that many processes (never more than the stale
    outputs or the cores). `digests` are the build's file digests (files.Digests), so the
    outputs and the up-to-date record name the same bytes; `notice` gets one-line notices
    (a stale lock taken over). `prune` removes outputs of topics that no longer exist
    (only sensible when `jobs` is the whole matrix). `readings` asks
    the workers for the health-literacy check of every topic the build report shows, made
    alongside the outputs rather than after them. The report's facts of each output come
    from its writer, or from the manifest for an output already up to date.
    """
    t = triage(project, jobs, force, digests or Digests())
    if not t.stale and not prune:
        return t.report
    out, stale = project.out_dir, t.stale
    workers = max(1, min(workers, len(stale), default_workers()))
    check_build_folder(project)
    made = [d for d in (project.settings.build_dir, out) if not d.exists()]
    with processes.terminate_as_interrupt(), processes.locked(out, notice) as lock_fd:
        staging = out / STAGING
        clean_leftovers(out)  # left by a build that was killed
        try:
            return _stage_and_commit(project, stale, t.prints, t.report, progress, workers,
                                     prune, readings, staging, made, lock_fd, t.tasks,
                                     t.bases)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def check_build_folder(project: Project) -> None:
    """Refuse a build folder holding something in place of the build's own records, or a
    link leading out of it where outputs go (each is an InputError at that path: the
    build would otherwise read or write outside the build folder, or fail half-way)."""
    from handouts.build.report import CLINICS_RECORD, REPORT_RECORD

    out = project.out_dir
    problems = []
    if out != project.settings.build_dir and (out.is_symlink() or (os.path.lexists(out)
                                                                   and not out.is_dir())):
        problems.append(Problem(Location(out), "is where the build writes this clinic's "
                                "outputs, but holds a link or a file", "remove it"))
    for path in (out / manifest.MANIFEST, project.settings.build_dir / uptodate.RECORD,
                 out / processes.LOCK, out / REPORT_RECORD,
                 project.settings.build_dir / CLINICS_RECORD):
        if os.path.lexists(path) and (path.is_symlink() or not path.is_file()):
            problems.append(Problem(Location(path), "is not the file the build keeps here "
                                    "(a folder or a link)", "remove it; the build writes it "
                                    "again"))
    for name in {j.topic.slug for j in plan(project)} | {"_report", STAGING}:
        path = out / name
        if path.is_symlink() or (os.path.lexists(path) and not path.is_dir()):
            problems.append(Problem(Location(path), "is where the build writes a folder of "
                                    "outputs, but holds a link or a file", "remove it"))
    if problems:
        raise InputError(problems)


def clean_leftovers(out: Path) -> None:
    """Remove what a killed build can leave in the build folder: the staging folder and
    write_atomic's temporary files (named '.NAME.RANDOM.tmp') beside the files it writes."""
    shutil.rmtree(out / STAGING, ignore_errors=True)
    leftover = re.compile(r"^\..+\.[A-Za-z0-9_]{8}\.tmp$")
    folders = [out, out / "_report", *(p for p in out.iterdir() if p.is_dir()
                                       and not p.is_symlink())]
    for folder in folders:
        with contextlib.suppress(OSError):
            for entry in os.scandir(folder):
                if leftover.match(entry.name) and entry.is_file(follow_symlinks=False):
                    with contextlib.suppress(OSError):
                        os.unlink(entry.path)


def _stage_and_commit(project: Project, stale: Sequence[Job], prints: dict[str, str],
                      report: Report, progress: Callable[[Job], None], workers: int,
                      prune: bool, readings: bool, staging: Path, made: list[Path],
                      lock_fd: int, tasks: dict[str, TaskKey], bases: dict[str, str]
                      ) -> Report:
    template_problems: list[Problem] = []
    glyph_problems: list[Problem] = []
    staged: list[tuple[Job, Done]] = []
    try:
        with worker_pool(project, workers, staging, lock_fd, bases) as (pool, later):
            checked = later(readings_in_worker) if readings else lambda: None
            keys = [tasks[j.name] for j in stale]
            for job, done in zip(stale, pool(make_in_worker, keys), strict=True):
                progress(job)
                template_problems.extend(p for p in done.template_problems
                                         if p not in template_problems)
                glyph_problems.extend(p for p in done.glyph_problems if p not in glyph_problems)
                if done.state == "stop":
                    raise BuildError(done.messages[0])
                if done.state == "failed":
                    report.failed.append(done.messages[0])
                elif done.state == "staged":
                    key = job.name
                    staged.append((job, validated(job, done, staging / key)))
                elif done.state == "same":
                    staged.append((job, done))
            report.checked = checked()
    except KeyboardInterrupt:
        if not (template_problems or glyph_problems):
            _commit(project, stale, staged, prints, report, prune=False)
        raise
    if template_problems or glyph_problems:
        shutil.rmtree(staging, ignore_errors=True)
        for folder in made:  # the build made these folders: leave none behind
            shutil.rmtree(folder, ignore_errors=True)
        raise TemplateError(template_problems) if template_problems \
            else ContentError(glyph_problems)
    _commit(project, stale, staged, prints, report, prune)
    return report


def _commit(project: Project, stale: Sequence[Job], staged: Sequence[tuple[Job, Done]],
            prints: dict[str, str], report: Report, prune: bool) -> None:
    """Move each staged output into place and record what it was made from; the other
    stale outputs lose their records, so the next build makes them."""
    with committing(project, stale, report, prune) as commit:
        for job, done in staged:
            commit(job, done, prints[job.name])


class Commit:
    """Moves staged outputs of the build folder `out` into place and records them in
    `records` (the manifest as it was `before` the build) and `report`."""

    def __init__(self, out: Path, before: dict[str, manifest.Made],
                 records: dict[str, manifest.Made], report: Report) -> None:
        self.out, self.before, self.records, self.report = out, before, records, report

    def __call__(self, job: Job, done: Done, fingerprint: str) -> None:
        """Given a job, what its worker reported ('staged' or 'same') and its output's
        fingerprint: move the staged output into place and record it (raises BuildError if
        it cannot be moved)."""
        _commit_one(self.out, job, done, fingerprint, self.before, self.records, self.report)

    def intact(self, job: Job) -> bool:
        """Whether the output of `job` is still the file its record before the build
        names (manifest.Made.intact)."""
        made = self.before.get(job.name)
        return made is not None and made.intact(job.path(self.out))

    def amend(self, job: Job, done: Done) -> None:
        """Record the facts and warnings of `done` for the output of `job`, moved into
        place before: what checking the moved file found (workers.validated)."""
        key, final = job.name, job.path(self.out)
        made = self.records.get(key)
        if made is not None:
            self.records[key] = replace(made, facts=done.facts)
        if done.facts is not None:
            self.report.facts[final] = done.facts
        self.report.warnings.extend(w for w in done.warnings if w not in self.report.warnings)


@contextlib.contextmanager
def committing(project: Project, stale: Sequence[Job], report: Report,
               prune: bool) -> Iterator[Commit]:
    """The manifest of the project's build folder open for moving outputs into place: the
    `stale` outputs lose their records (so the next build makes any not moved now), with
    `prune` the outputs of topics that no longer exist are removed, and the up-to-date
    record is forgotten; the manifest is saved on the way out, however that is. Each output
    moved is listed in `report`."""
    out = project.out_dir
    uptodate.clear(project.settings.build_dir)  # until this build has finished
    records = manifest.load(out)
    before = dict(records)
    try:
        if prune:
            _prune(project, records)
        for job in stale:
            records.pop(job.name, None)
        yield Commit(out, before, records, report)
    finally:
        if records != before:
            try:
                manifest.save(out, records)
            except OSError as exc:
                raise BuildError(f"cannot write {out / manifest.MANIFEST}: {exc.strerror}; "
                                 "remove whatever is in its place") from None


def _commit_one(out: Path, job: Job, done: Done, fingerprint: str,
               before: dict[str, manifest.Made], records: dict[str, manifest.Made],
               report: Report) -> None:
    """Move the staged output of `job` (`done`: 'staged' or 'same') from the staging folder
    of `out` into place and record it in `records` with its `fingerprint`; an output drawn
    from what it was drawn from keeps its file and the record it had `before`, renewed.
    Raises BuildError if the file cannot be moved."""
    key = job.name
    final = job.path(out)
    kept = before.get(key)
    if done.state == "same" and kept is not None and kept.facts is not None:
        # drawn from what it was drawn from: the file stays, its record is renewed
        records[key] = replace(kept, fingerprint=fingerprint, pictures=done.pictures)
        report.unchanged += 1
        report.facts[final] = kept.facts
        report.warnings.extend(w for w in kept.facts.warnings if w not in report.warnings)
        return
    try:
        final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(out / STAGING / key, final)
    except OSError as exc:
        raise BuildError(f"cannot write {final}: {exc.strerror}; check that the build "
                         "folder is writable and the disk has space") from None
    records[key] = manifest.Made(fingerprint, *done.made, done.facts, done.drawn, done.pictures)
    report.built.append(final)
    if done.facts is not None:
        report.facts[final] = done.facts
    report.warnings.extend(w for w in done.warnings if w not in report.warnings)


def _prune(project: Project, records: dict[str, manifest.Made]) -> None:
    """Remove outputs of topics, and of translations, that no longer exist, with their
    records (each only as `_remove_output` allows). An output of a topic that still
    exists in a level or length the settings no longer build is kept."""
    out = project.out_dir
    current = {j.name for j in plan(project, formats=project.formats)}
    ours = _output_name(project.formats)
    for key in list(records):
        if key in current or _of_a_topic_file(key, project):
            continue
        _remove_output(out, key, records.pop(key), ours)


def _of_a_topic_file(key: str, project: Project) -> bool:
    """Whether the output recorded as `key` ('<slug>/<slug>[-<tag>]-<level>-...') belongs
    to a topic file that exists: its topic's, in its language. A name whose level is
    not one of the settings' cannot show its language, and counts as its topic's."""
    slug, _, name = key.partition("/")
    tags = {t.tag for t in project.topics if t.slug == slug}  # '' is the source file
    if not tags or not name.startswith(f"{slug}-"):
        return bool(tags)
    rest = name[len(slug) + 1:]
    levels = project.settings.level_names
    if any(rest.startswith(f"{level}-") for level in levels):
        return "" in tags
    for level in levels:
        tag, found, _ = rest.partition(f"-{level}-")
        if found and re.fullmatch(r"[A-Za-z]{2,3}(-[A-Za-z0-9]+)*", tag):
            return tag in tags
    return True


def _output_name(formats: Sequence[str]) -> re.Pattern[str]:
    """How the build names an output, relative to its folder:
    '<topic>/<topic>-<level>-<kind>.<format>' (with a translation's tag after the topic),
    plain names, one of `formats`."""
    return re.compile(r"^([a-z0-9][a-z0-9-]*)/\1-[A-Za-z0-9][A-Za-z0-9-]*\.(" +
                      "|".join(map(re.escape, formats)) + ")$")


def _remove_output(out: Path, key: str, made: manifest.Made, ours: re.Pattern[str]) -> None:
    """Delete the output recorded as `key` in the manifest of `out`, and its topic folder if
    that is left empty. Only if the key is named as the build names outputs (`ours`), the
    file lies in `out` once every link is resolved, it is an ordinary file, and its bytes
    are exactly those the build recorded writing: a manifest edited by hand can delete
    nothing else."""
    path = out / key
    if not ours.match(key) or path.parent.is_symlink() \
            or not path.resolve().is_relative_to(out.resolve()) or not made.intact(path):
        return
    path.unlink(missing_ok=True)
    with contextlib.suppress(OSError):
        path.parent.rmdir()


def remove_layout(out: Path, formats: Sequence[str],
                  notice: Callable[[str], None] = lambda text: None) -> None:
    """Remove what a build laid out otherwise left in `out`: the outputs its manifest
    records (each only as `_remove_output` allows) and the build report it recorded writing
    (build.report.remove_written), then the manifest; `out` itself too if that empties it.
    For a build folder that held one clinic's outputs and now holds a folder per clinic,
    or the reverse, or a clinic no longer built. Holds `out`'s lock meanwhile."""
    from handouts.build import report as html_report

    if not (out / manifest.MANIFEST).is_file():
        return
    with processes.locked(out, notice):
        ours = _output_name(formats)
        for key, made in manifest.load(out).items():
            _remove_output(out, key, made, ours)
        html_report.remove_written(out, html_report.REPORT_RECORD)
        (out / manifest.MANIFEST).unlink(missing_ok=True)
        (out / processes.LOCK).unlink(missing_ok=True)  # a build opening it now takes anew
    with contextlib.suppress(OSError):
        out.rmdir()


def default_workers() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
