"""Running a build: which outputs are out of date, making them (in worker processes with
-j), writing each atomically, and recording what each was made from.

Everything that can be wrong with the input is found before anything is written: every
stale output's template is rendered and read, and every character checked against the
brand's fonts, first (in the workers, which keep the layouts). Then the workers make and
write the files; one output failing does not stop the others. A worker is sent only a
job's names and sends back only what to report, never a document or a file's bytes.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import fcntl
import glob
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handouts import layout, manifest, templates, uptodate
from handouts.build import (
    WRITERS,
    Job,
    Project,
    Report,
    _glyph_problems,
    plan,
    render_layout,
)
from handouts.errors import BuildError, ContentError, Problem, TemplateError
from handouts.files import write_atomic
from handouts.fonts import builtin_fonts

if TYPE_CHECKING:
    import jinja2

LOCK = ".handouts.lock"


def shard(jobs: Sequence[Job], out_dir: Path, k: int, n: int) -> list[Job]:
    """The k-th of n shares of `jobs` (k from 1): every job lands in exactly one share,
    the same one on every machine, whatever order the jobs come in."""
    ordered = sorted(jobs, key=lambda j: _key(j, out_dir))
    return [job for i, job in enumerate(ordered) if i % n == k - 1]


def _key(job: Job, out_dir: Path) -> str:
    return job.path(out_dir).relative_to(out_dir).as_posix()


def _shared_fingerprint(project: Project) -> str:
    b = project.brand
    brand_files = [p for p in (b.source, b.logo, b.pptx_template) if p is not None]
    for family in (b.base_font, b.heading_font):
        if family is not None:
            brand_files += [p for p in (family.regular, family.bold, family.italic,
                                        family.bold_italic) if p is not None]
    return manifest.shared_inputs(project.settings.source_text, brand_files,
                                  [templates.builtin_dir(), project.settings.templates_dir],
                                  builtin_fonts().regular.parent)


@contextlib.contextmanager
def locked(out_dir: Path) -> Iterator[None]:
    """Hold the build folder's lock, or stop with a clear message if another build has it."""
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
        handle = (out_dir / LOCK).open("a+")
    except OSError as exc:
        raise BuildError(f"cannot write to {out_dir}: {exc.strerror}; check that the build "
                         "folder is writable and the disk has space") from None
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise BuildError(f"another make-handouts build is writing to {out_dir}; wait for "
                             "it to finish, then build again") from None
        yield
    finally:
        handle.close()


Facts = tuple[int, str]
"""What the build report says of an output (report.facts)."""

TaskKey = tuple[str, str, str, str]
"""A job as its names (topic, level, length, format): what a worker is sent."""


def _task(job: Job) -> TaskKey:
    return (job.topic.slug, job.level.name, job.length.name, job.fmt)


class _Worker:
    """The work done for each output, in a worker process or in this one.

    First every stale output's layout is rendered and its characters checked (input
    errors, reported before anything is written); the layout is kept for the second step,
    which makes the file and writes it in place.
    """

    def __init__(self, project: Project, for_report: bool = False) -> None:
        self.project = project
        self.for_report = for_report
        """Whether to send back what the build report says of each output."""
        self.topics = {t.slug: t for t in project.topics}
        self.env: jinja2.Environment | None = None
        self.rendered: dict[TaskKey, layout.Document] = {}

    def job(self, key: TaskKey) -> Job:
        s = self.project.settings
        return Job(self.topics[key[0]], s.level(key[1]), s.length(key[2]), key[3])

    def render(self, key: TaskKey) -> layout.Document:
        if self.env is None:
            self.env = templates.environment(self.project.settings.templates_dir)
        return render_layout(self.project, self.job(key), self.env)

    def check(self, key: TaskKey) -> tuple[list[Problem], list[Problem]]:
        """The job's template problems and its undrawable characters (each located)."""
        try:
            doc = self.render(key)
        except TemplateError as exc:
            return list(exc.problems), []
        self.rendered[key] = doc
        return [], _glyph_problems(self.project, [self.job(key)], [doc])

    def make(self, key: TaskKey) -> tuple[str, tuple[str, ...], Facts | None]:
        """Make and write one output: ('built', warnings, what the report says of it),
        ('failed', (message,), None), or ('stop', (message,), None) when the build folder
        cannot be written."""
        job = self.job(key)
        doc = self.rendered.pop(key, None) or self.render(key)
        try:
            result = WRITERS[job.fmt](self.project, job, doc)
        except BuildError as exc:
            return "failed", (exc.format_message(),), None
        path = job.path(self.project.out_dir)
        try:
            write_atomic(path, result.data)
        except OSError as exc:
            return "stop", (f"cannot write {path}: {exc.strerror}; check that the build "
                            "folder is writable and the disk has space",), None
        if not self.for_report:
            return "built", result.warnings, None
        from handouts.report import facts

        return "built", result.warnings, facts(job.fmt, result.data)


_worker: list[_Worker] = []
"""In a worker process only: its state, set once when it starts."""


def _start_worker(project: Project, for_report: bool) -> None:
    """In a worker: keep the project, and leave Ctrl-C to the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker[:] = [_Worker(project, for_report)]


CHECK_CHUNK = 16
"""Layouts checked per task: one task each would spend a third as long again on passing
tasks between processes as on the checks."""


def _check_in_worker(keys: Sequence[TaskKey]) -> tuple[list[Problem], list[Problem]]:
    template_problems: list[Problem] = []
    glyph_problems: list[Problem] = []
    for key in keys:
        found_template, found_glyphs = _worker[0].check(key)
        template_problems += found_template
        glyph_problems += found_glyphs
    return template_problems, glyph_problems


def _make_in_worker(key: TaskKey) -> tuple[str, tuple[str, ...], Facts | None]:
    return _worker[0].make(key)


def _readings_in_worker() -> object:
    from handouts import check

    project = _worker[0].project
    return check.check(project.topics, project.settings.levels)


def run(project: Project, jobs: Sequence[Job],
        progress: Callable[[Job], None] = lambda job: None, force: bool = False,
        workers: int = 1, prune: bool = False, readings: bool = False) -> Report:
    """Make every job's output that is missing or out of date (all with `force`).

    `workers` > 1 makes outputs in that many processes. `prune` removes outputs of topics
    that no longer exist (only sensible when `jobs` is the whole matrix). `readings` asks
    the workers for what the build report needs: the health-literacy check of every topic,
    made alongside the outputs rather than after them, and each output's facts.
    """
    out = project.out_dir
    records = manifest.load(out)
    shared = _shared_fingerprint(project)
    prints = {_key(j, out): manifest.fingerprint(shared, j.topic.path, _key(j, out))
              for j in jobs}
    stale = [j for j in jobs if force or records.get(_key(j, out)) != prints[_key(j, out)]
             or not j.path(out).exists()]
    report = Report(unchanged=len(jobs) - len(stale))
    if not stale and not prune:
        return report
    with _pool(project, workers if len(stale) > 1 else 1, readings) as (pool, later):
        template_problems: list[Problem] = []
        glyph_problems: list[Problem] = []
        keys = [_task(j) for j in stale]
        chunks = [keys[i:i + CHECK_CHUNK] for i in range(0, len(keys), CHECK_CHUNK)]
        for found_template, found_glyphs in pool(_check_in_worker, chunks):
            template_problems.extend(p for p in found_template if p not in template_problems)
            glyph_problems.extend(p for p in found_glyphs if p not in glyph_problems)
        if template_problems:
            raise TemplateError(template_problems)
        if glyph_problems:
            raise ContentError(glyph_problems)
        with locked(out):  # the input is sound: only now is anything written
            uptodate.clear(project.settings.build_dir)  # until this build has finished
            records = manifest.load(out)
            before = dict(records)
            try:
                if prune:
                    _prune(project, records)
                checked = later(_readings_in_worker) if readings else lambda: None
                results = pool(_make_in_worker, [_task(j) for j in stale])
                for job, (state, said, about) in zip(stale, results, strict=True):
                    progress(job)
                    key = _key(job, out)
                    records.pop(key, None)
                    if state == "stop":
                        raise BuildError(said[0])
                    if state == "failed":
                        report.failed.append(said[0])
                        _sweep(job.path(out))
                        continue
                    records[key] = prints[key]
                    report.built.append(job.path(out))
                    if about is not None:
                        report.facts[job.path(out)] = about
                    report.warnings.extend(w for w in said if w not in report.warnings)
                report.checked = checked()
            finally:
                if records != before:
                    manifest.save(out, records)
    return report


Map = Callable[[Callable[[Any], Any], Sequence[Any]], Iterator[Any]]
Later = Callable[[Callable[[], Any]], Callable[[], Any]]


@contextlib.contextmanager
def _pool(project: Project, workers: int, for_report: bool
          ) -> Iterator[tuple[Map, Later]]:
    """Something that maps a worker function over tasks, in task order, and something that
    starts one more piece of work and gives a way to wait for its result: in this process,
    or in `workers` forked processes that receive the project once, when they start. Work
    started in this process is left undone (its result is None), for the caller to do
    when it needs it."""
    if workers <= 1:
        here = _Worker(project, for_report)

        def serially(fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[Any]:
            _worker[:] = [here]
            try:
                for task in tasks:
                    yield fn(task)
            finally:
                _worker.clear()

        yield serially, lambda fn: lambda: None
        return
    context = multiprocessing.get_context("fork")
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                initializer=_start_worker, initargs=(project, for_report)) as pool:

        def parallel(fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[Any]:
            futures = [pool.submit(fn, task) for task in tasks]
            for task, future in zip(tasks, futures, strict=True):
                try:
                    yield future.result()
                except cf.process.BrokenProcessPool:
                    if fn is _check_in_worker:
                        raise BuildError("a worker process stopped unexpectedly while "
                                         "checking the input") from None
                    label = f"{task[0]}, level {task[1]}, length {task[2]}"
                    yield "failed", (f"{label}: a worker process stopped unexpectedly",), None

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


def _sweep(path: Path) -> None:
    """Remove what a stopped writer may have left of `path`: its temporary files."""
    for left in path.parent.glob(f".{glob.escape(path.name)}.*.tmp"):
        left.unlink(missing_ok=True)


def _prune(project: Project, records: dict[str, str]) -> None:
    """Remove outputs of topics that no longer exist, with their records."""
    current = {_key(j, project.out_dir) for j in plan(project, formats=tuple(WRITERS))}
    topics = {t.slug for t in project.topics}
    for key in list(records):
        if key not in current and key.split("/", 1)[0] not in topics:
            (project.out_dir / key).unlink(missing_ok=True)
            with contextlib.suppress(OSError):
                (project.out_dir / key).parent.rmdir()
            del records[key]


def default_workers() -> int:
    """The number of cores this process may use."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else \
        (os.cpu_count() or 1)
