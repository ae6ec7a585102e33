"""Running a build: which outputs are out of date, making them (in worker processes with
-j), and recording what each was made from.

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
import shutil
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handouts.build import manifest, processes, uptodate
from handouts.build.glyphs import glyph_problems
from handouts.build.manifest import Facts
from handouts.build.project import (
    Job,
    Project,
    Report,
    make_output,
    plan,
    render_layout,
    under,
)
from handouts.document import jinja as templates
from handouts.errors import (
    BuildError,
    ContentError,
    InputError,
    Location,
    Problem,
    TemplateError,
)
from handouts.files import Digests, digest
from handouts.fonts.families import builtin_fonts

if TYPE_CHECKING:
    import jinja2

def shard(jobs: Sequence[Job], out_dir: Path, k: int, n: int) -> list[Job]:
    """The k-th of n shares of `jobs` (k from 1): every job lands in exactly one share,
    the same one on every machine, whatever order the jobs come in."""
    ordered = sorted(jobs, key=lambda j: _key(j, out_dir))
    return [job for i, job in enumerate(ordered) if i % n == k - 1]


def _key(job: Job, out_dir: Path) -> str:
    return job.path(out_dir).relative_to(out_dir).as_posix()


def _shared_fingerprint(project: Project, digests: Digests) -> str:
    made_from, _ = under((project.settings.templates_dir, templates.builtin_dir(),
                          builtin_fonts().regular.parent))
    return manifest.shared_inputs(project.settings.source_text, project.brand.files, made_from,
                                  digests)


TaskKey = tuple[str, str, str, str]
"""A job as its names (topic, level, length, format): what a worker is sent."""


def _task(job: Job) -> TaskKey:
    return (job.topic.slug, job.level.name, job.length.name, job.fmt)


RENDERING = ".rendering-"
"""In the staging folder, '.rendering-PID' names the output a worker is rendering: if the
worker is ended by a stuck template, the note says which template it was."""

STAGING = ".handouts-staging"
"""The folder, inside the build folder, where outputs wait until the input is known sound."""


@dataclass(frozen=True)
class _Done:
    """What a worker reports of one output."""

    state: str
    """'staged', 'input' (a template or font problem), 'failed' (the output alone), or
    'stop' (the build folder cannot be written)."""
    messages: tuple[str, ...] = ()
    """Warnings when staged; the message when failed or stopped."""
    template_problems: tuple[Problem, ...] = ()
    glyph_problems: tuple[Problem, ...] = ()
    facts: Facts | None = None
    """What the build report says of the output, from its writer (when staged)."""
    made: tuple[int, str] = (0, "")
    """The staged file's size and SHA-256."""


class _Worker:
    """The work done for each output, in a worker process or in this one."""

    def __init__(self, project: Project, staging: Path, hard_stop: bool = False) -> None:
        self.project = project
        self.staging = staging
        self.hard_stop = hard_stop
        """Whether this worker process renders the project's own templates, so a stuck
        render may end it (with a note in the staging folder saying which output it was
        rendering); built-in templates never need it."""
        self.topics = {t.slug: t for t in project.topics}
        self.env: jinja2.Environment | None = None

    def job(self, key: TaskKey) -> Job:
        s = self.project.settings
        return Job(self.topics[key[0]], s.level(key[1]), s.length(key[2]),
                   self.project.writer(key[3]))

    def make(self, key: TaskKey) -> _Done:
        """Render, check, make and stage one output."""
        job = self.job(key)
        if self.env is None:
            self.env = templates.environment(self.project.settings.templates_dir,
                                             root=self.project.settings.root)
        note = self.staging / f"{RENDERING}{os.getpid()}"
        if self.hard_stop:
            try:
                _stage(note, "\t".join([*key, job.template]).encode())
            except OSError as exc:
                return _Done("stop", (f"cannot write {note}: {exc.strerror}; check that the "
                                      "build folder is writable and the disk has space",))
        try:
            doc = render_layout(self.project, job, self.env, hard_stop=self.hard_stop)
        except TemplateError as exc:
            return _Done("input", template_problems=tuple(exc.problems))
        finally:
            if self.hard_stop:
                note.unlink(missing_ok=True)
        glyphs = glyph_problems(self.project, job, doc)
        if glyphs:
            return _Done("input", glyph_problems=tuple(glyphs))
        try:
            result = make_output(self.project, job, doc)
        except BuildError as exc:
            return _Done("failed", (exc.format_message(),))
        except TemplateError as exc:  # a picture the template asked for cannot be used
            return _Done("input", template_problems=tuple(exc.problems))
        except Exception as exc:  # a writer fault: this output fails, the others go on
            return _Done("failed", (f"{job.label} ({job.kind}): the writer failed "
                                    f"unexpectedly ({type(exc).__name__}: {exc}); please "
                                    "report this",))
        final = job.path(self.project.out_dir)
        try:
            _stage(self.staging / _key(job, self.project.out_dir), result.data)
        except OSError as exc:
            return _Done("stop", (f"cannot write {final}: {exc.strerror}; check that the build "
                                  "folder is writable and the disk has space",))
        import hashlib

        made = (len(result.data), hashlib.sha256(result.data).hexdigest())
        return _Done("staged", result.warnings, facts=Facts(result.count, result.title),
                     made=made)


def _stage(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


_worker: list[_Worker] = []
"""In a worker process only: its state, set once when it starts."""


def _start_worker(project: Project, staging: Path, parent: int, lock_fd: int) -> None:
    """In a worker: keep the project, leave Ctrl-C to the main process, let go of the
    build lock, and end when the main process ends, however it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError):
        os.close(lock_fd)
    processes.die_with_parent(parent)
    _worker[:] = [_Worker(project, staging, hard_stop=_project_templates(project))]


def _stuck(staging: Path, task: TaskKey) -> Problem | None:
    """The template problem of `task` if its worker ended while rendering it, past the
    processor-time limit (the note the worker left in `staging` names the task; a worker
    can only have used that much processor time if at least as much wall time has passed
    since it wrote the note), else None: a worker killed from outside is not a template's
    fault."""
    import time

    from handouts.document.jinja import HARD_MARGIN, TIME_LIMIT

    limit = TIME_LIMIT + HARD_MARGIN
    for note in staging.glob(f"{RENDERING}*"):
        with contextlib.suppress(OSError):
            *names, template = note.read_text(encoding="utf-8").split("\t")
            if tuple(names) == task and time.time() - note.stat().st_mtime >= limit - 1:
                return Problem(Location(Path(template)), f"the template ran for more than "
                               f"{TIME_LIMIT + HARD_MARGIN:g} s of processor time and was "
                               "stopped", "look for a loop or comparison that does not end")
    return None


def _make_in_worker(key: TaskKey) -> _Done:
    return _worker[0].make(key)


def _readings_in_worker() -> object:
    from handouts.check import literacy as check

    project = _worker[0].project
    return check.check(project.topics, project.settings.levels)


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
    out = project.out_dir
    digests = digests or Digests()
    records = manifest.load(out)
    shared = _shared_fingerprint(project, digests)
    prints = {_key(j, out): manifest.fingerprint(shared, j.topic.digest or digest(j.topic.path),
                                                 _key(j, out))
              for j in jobs}

    def current(job: Job) -> Facts | None:
        """The job's facts as recorded, if its output is up to date and intact."""
        made = records.get(_key(job, out))
        fresh = made is not None and made.fingerprint == prints[_key(job, out)] \
            and made.intact(job.path(out))
        return made.facts if fresh and made is not None else None

    report = Report()
    for job in jobs:
        facts = None if force else current(job)
        if facts is not None:
            report.facts[job.path(out)] = facts
    stale = [j for j in jobs if j.path(out) not in report.facts]
    report.unchanged = len(jobs) - len(stale)
    if not stale and not prune:
        return report
    workers = max(1, min(workers, len(stale), default_workers()))
    _check_build_folder(project)
    made = [d for d in (project.settings.build_dir, out) if not d.exists()]
    with processes.terminate_as_interrupt(), processes.locked(out, notice) as lock_fd:
        staging = out / STAGING
        _clean_leftovers(out)  # left by a build that was killed
        try:
            return _stage_and_commit(project, stale, prints, report, progress, workers,
                                     prune, readings, staging, made, lock_fd)
        finally:
            shutil.rmtree(staging, ignore_errors=True)


def _check_build_folder(project: Project) -> None:
    """Refuse a build folder holding something in place of the build's own records, or a
    link leading out of it where outputs go (each is an InputError at that path: the
    build would otherwise read or write outside the build folder, or fail half-way)."""
    out = project.out_dir
    problems = []
    if out != project.settings.build_dir and (out.is_symlink() or (os.path.lexists(out)
                                                                   and not out.is_dir())):
        problems.append(Problem(Location(out), "is where the build writes this clinic's "
                                "outputs, but holds a link or a file", "remove it"))
    for path in (out / manifest.MANIFEST, project.settings.build_dir / uptodate.RECORD,
                 out / processes.LOCK):
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


def _clean_leftovers(out: Path) -> None:
    """Remove what a killed build can leave in the build folder: the staging folder and
    write_atomic's temporary files (named '.NAME.RANDOM.tmp') beside the files it writes."""
    shutil.rmtree(out / STAGING, ignore_errors=True)
    import re

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
                      lock_fd: int) -> Report:
    template_problems: list[Problem] = []
    glyph_problems: list[Problem] = []
    staged: list[tuple[Job, _Done]] = []
    try:
        with _pool(project, workers, staging, lock_fd) as (pool, later):
            checked = later(_readings_in_worker) if readings else lambda: None
            for job, done in zip(stale, pool(_make_in_worker, [_task(j) for j in stale]),
                                 strict=True):
                progress(job)
                template_problems.extend(p for p in done.template_problems
                                         if p not in template_problems)
                glyph_problems.extend(p for p in done.glyph_problems if p not in glyph_problems)
                if done.state == "stop":
                    raise BuildError(done.messages[0])
                if done.state == "failed":
                    report.failed.append(done.messages[0])
                elif done.state == "staged":
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


def _commit(project: Project, stale: Sequence[Job], staged: Sequence[tuple[Job, _Done]],
            prints: dict[str, str], report: Report, prune: bool) -> None:
    """Move each staged output into place and record what it was made from; the other
    stale outputs lose their records, so the next build makes them."""
    out = project.out_dir
    uptodate.clear(project.settings.build_dir)  # until this build has finished
    records = manifest.load(out)
    before = dict(records)
    try:
        if prune:
            _prune(project, records)
        for job in stale:
            records.pop(_key(job, out), None)
        for job, done in staged:
            key = _key(job, out)
            final = job.path(out)
            try:
                final.parent.mkdir(parents=True, exist_ok=True)
                os.replace(out / STAGING / key, final)
            except OSError as exc:
                raise BuildError(f"cannot write {final}: {exc.strerror}; check that the build "
                                 "folder is writable and the disk has space") from None
            records[key] = manifest.Made(prints[key], *done.made, done.facts)
            report.built.append(final)
            if done.facts is not None:
                report.facts[final] = done.facts
            report.warnings.extend(w for w in done.messages if w not in report.warnings)
    finally:
        if records != before:
            try:
                manifest.save(out, records)
            except OSError as exc:
                raise BuildError(f"cannot write {out / manifest.MANIFEST}: {exc.strerror}; "
                                 "remove whatever is in its place") from None


Map = Callable[[Callable[[Any], Any], Sequence[Any]], Iterator[Any]]
Later = Callable[[Callable[[], Any]], Callable[[], Any]]


@contextlib.contextmanager
def _pool(project: Project, workers: int, staging: Path, lock_fd: int
          ) -> Iterator[tuple[Map, Later]]:
    """Something that maps a worker function over tasks, in task order, and something that
    starts one more piece of work and gives a way to wait for its result: in this process,
    or in `workers` forked processes that receive the project once, when they start. Work
    started in this process is left undone (its result is None), for the caller to do
    when it needs it."""
    if workers <= 1 and not _project_templates(project):
        here = _Worker(project, staging)

        def serially(fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[Any]:
            _worker[:] = [here]
            try:
                for task in tasks:
                    yield fn(task)
            finally:
                _worker.clear()

        yield serially, lambda fn: lambda: None
        return
    import concurrent.futures as cf  # a build of one output never starts a worker
    import multiprocessing

    context = multiprocessing.get_context("fork")
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                initializer=_start_worker,
                                initargs=(project, staging, os.getpid(), lock_fd)) as pool:

        def parallel(fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[Any]:
            futures = [pool.submit(fn, task) for task in tasks]
            for task, future in zip(tasks, futures, strict=True):
                try:
                    yield future.result()
                except cf.process.BrokenProcessPool:
                    stuck = _stuck(staging, task)
                    if stuck is not None:
                        yield _Done("input", template_problems=(stuck,))
                        continue
                    label = f"{task[0]}, level {task[1]}, length {task[2]}"
                    yield _Done("failed", (f"{label}: a worker process stopped unexpectedly",))

        def later(fn: Callable[[], Any]) -> Callable[[], Any]:
            future = pool.submit(fn)

            def result() -> Any:
                try:
                    return future.result()
                except cf.process.BrokenProcessPool:
                    return None

            return result

        try:
            yield parallel, later
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


def _project_templates(project: Project) -> bool:
    """Whether the project has templates of its own: code from outside the package, which
    runs in a worker process (even with -j 1) so a render stuck in C can be ended."""
    folder = project.settings.templates_dir
    return folder.is_dir() and any(name.endswith(".j2") for _, _, names in os.walk(folder)
                                   for name in names)


def _prune(project: Project, records: dict[str, manifest.Made]) -> None:
    """Remove outputs of topics that no longer exist, with their records. A file is
    deleted only if its record is named as the build names outputs
    ('<topic>/<topic>-<level>-<kind>.<format>', plain names), it lies in the build folder
    once every link is resolved, it is an ordinary file, and its bytes are exactly those
    the build recorded writing: a manifest edited by hand can delete nothing else."""
    import re

    out = project.out_dir
    current = {_key(j, out) for j in plan(project, formats=project.formats)}
    topics = {t.slug for t in project.topics}
    ours = re.compile(r"^([a-z0-9][a-z0-9-]*)/\1-[a-z0-9][a-z0-9-]*\.(" +
                      "|".join(map(re.escape, project.formats)) + ")$")
    for key in list(records):
        if key in current or key.split("/", 1)[0] in topics:
            continue
        made = records.pop(key)
        path = out / key
        if not ours.match(key) or path.parent.is_symlink() \
                or not path.resolve().is_relative_to(out.resolve()) or not made.intact(path):
            continue
        path.unlink(missing_ok=True)
        with contextlib.suppress(OSError):
            path.parent.rmdir()


def default_workers() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
