"""Running a build: which outputs are out of date, making them (in worker processes with
-j), writing each atomically, and recording what each was made from.

Everything that can be wrong with the input is found before anything is written: every
stale output's template is rendered and read, and every character checked against the
brand's fonts, first. Then writers run; one output failing does not stop the others.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import fcntl
import multiprocessing
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

from handouts import layout, manifest, templates, uptodate
from handouts.build import (
    WRITERS,
    Job,
    Output,
    Project,
    Report,
    _glyph_problems,
    plan,
    render_layout,
)
from handouts.errors import BuildError, ContentError, Problem, TemplateError
from handouts.files import write_atomic
from handouts.fonts import builtin_fonts

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


def _make(project: Project, job: Job, doc: layout.Document) -> Output | str:
    """One output, in whichever process runs it; a build failure comes back as its message."""
    try:
        return WRITERS[job.fmt](project, job, doc)
    except BuildError as exc:
        return exc.format_message()


def _write(path: Path, data: bytes) -> None:
    try:
        write_atomic(path, data)
    except OSError as exc:
        raise BuildError(f"cannot write {path}: {exc.strerror}; check that the build folder "
                         "is writable and the disk has space") from None


def run(project: Project, jobs: Sequence[Job],
        progress: Callable[[Job], None] = lambda job: None, force: bool = False,
        workers: int = 1, prune: bool = False) -> Report:
    """Make every job's output that is missing or out of date (all with `force`).

    `workers` > 1 makes outputs in that many processes. `prune` removes outputs of topics
    that no longer exist (only sensible when `jobs` is the whole matrix).
    """
    return _run(project, jobs, progress, force, workers, prune)


def _run(project: Project, jobs: Sequence[Job], progress: Callable[[Job], None], force: bool,
         workers: int, prune: bool) -> Report:
    out = project.out_dir
    records = manifest.load(out)
    shared = _shared_fingerprint(project)
    prints = {_key(j, out): manifest.fingerprint(shared, j.topic.path, _key(j, out))
              for j in jobs}
    stale = [j for j in jobs if force or records.get(_key(j, out)) != prints[_key(j, out)]
             or not j.path(out).exists()]
    report = Report(unchanged=len(jobs) - len(stale))
    documents = []
    problems: list[Problem] = []
    env = templates.environment(project.settings.templates_dir)
    for job in stale:
        try:
            documents.append(render_layout(project, job, env))
        except TemplateError as exc:
            problems.extend(p for p in exc.problems if p not in problems)
    if problems:
        raise TemplateError(problems)
    problems = _glyph_problems(project, stale, documents)
    if problems:
        raise ContentError(problems)
    if not stale and not prune:
        return report
    with locked(out):  # the input is sound: only now is anything written
        uptodate.clear(project.settings.build_dir)  # until this build has finished
        records = manifest.load(out)
        return _write_all(project, stale, documents, records, prints, report, progress,
                          workers, prune)


def _write_all(project: Project, stale: Sequence[Job], documents: Sequence[layout.Document],
               records: dict[str, str], prints: dict[str, str], report: Report,
               progress: Callable[[Job], None], workers: int, prune: bool) -> Report:
    out = project.out_dir
    before = dict(records)
    try:
        if prune:
            _prune(project, records)
        for job, result in _results(project, stale, documents, workers):
            progress(job)
            key = _key(job, out)
            records.pop(key, None)
            if isinstance(result, str):
                report.failed.append(result)
                continue
            _write(job.path(out), result.data)
            records[key] = prints[key]
            report.built.append(job.path(out))
            report.warnings.extend(w for w in result.warnings if w not in report.warnings)
    finally:
        if records != before:
            manifest.save(out, records)
    return report


def _results(project: Project, jobs: Sequence[Job], documents: Sequence[layout.Document],
             workers: int) -> Iterator[tuple[Job, Output | str]]:
    """Each job's output, in job order, made here or in `workers` processes."""
    if workers <= 1 or len(jobs) <= 1:
        for job, doc in zip(jobs, documents, strict=True):
            yield job, _make(project, job, doc)
        return
    context = multiprocessing.get_context("fork")
    with cf.ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                initializer=_start_worker, initargs=(project,)) as pool:
        # Each task carries only its job's index and layout document: the project (every
        # topic) reaches each worker once, when it starts.
        futures = [pool.submit(_make_in_worker, job, doc)
                   for job, doc in zip(jobs, documents, strict=True)]
        try:
            for job, future in zip(jobs, futures, strict=True):
                try:
                    yield job, future.result()
                except cf.process.BrokenProcessPool:
                    yield job, f"{job.label}: a worker process stopped unexpectedly"
        except BaseException:
            pool.shutdown(wait=True, cancel_futures=True)
            raise


_worker_project: list[Project] = []
"""In a worker process only: the project it builds for, set once when it starts."""


def _start_worker(project: Project) -> None:
    """In a worker: keep the project, and leave Ctrl-C to the main process."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_project[:] = [project]


def _make_in_worker(job: Job, doc: layout.Document) -> Output | str:
    return _make(_worker_project[0], job, doc)


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
