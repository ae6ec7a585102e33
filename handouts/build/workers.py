"""The work done for each output of a build: render its layout, check its characters,
make its bytes and put them in the staging folder, in this process or in forked worker
processes (handouts.build.runner decides what is stale and moves staged files into place).

A worker is sent only a job's names and sends back only what to report. Workers that
render the project's own templates (code from outside the package) leave a note in the
staging folder naming the output they are rendering, so a worker ended by a stuck template
can be reported as that template's problem.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from handouts.build import manifest, processes
from handouts.build.glyphs import glyph_problems, italic_warning
from handouts.build.manifest import Facts
from handouts.build.project import (
    Job,
    Project,
    layout_text,
    make_output,
    read_layout,
    writer_inputs,
)
from handouts.errors import BuildError, Diagnostic, Location, Problem, TemplateError

if TYPE_CHECKING:
    import jinja2

    from handouts.document.model import Document


TaskKey = tuple[str, str, str, str, str]
"""A job as its names (topic file name as Topic.name, level, length, format) and the
fingerprint of what its output was last drawn from ('' if it must be made whatever it is
drawn from now): what a worker is sent."""


def task_key(job: Job, drawn: str = "") -> TaskKey:
    """The task of `job`, whose intact output was drawn from `drawn` (manifest.drawn;
    '' when there is none to keep)."""
    return (job.topic.name, job.level.name, job.length.name, job.fmt, drawn)


RENDERING = ".rendering-"
"""In the staging folder, '.rendering-PID' names the output a worker is rendering: if the
worker is ended by a stuck template, the note says which template it was."""


@dataclass(frozen=True)
class Done:
    """What a worker reports of one output."""

    state: str
    """'staged', 'same' (drawn from what its output was drawn from: kept as it is),
    'ready' (rendered and checked, to be made), 'input' (a template or font problem),
    'failed' (the output alone), or 'stop' (the build folder cannot be written)."""
    messages: tuple[str, ...] = ()
    """The message when failed or stopped."""
    warnings: tuple[Diagnostic, ...] = ()
    """What the writer warned of, when staged."""
    template_problems: tuple[Problem, ...] = ()
    glyph_problems: tuple[Problem, ...] = ()
    facts: Facts | None = None
    """What the build report says of the output, when asked for."""
    made: tuple[int, str] = (0, "")
    """The staged file's size and SHA-256."""
    drawn: str = ""
    """The fingerprint of what the output is drawn from (manifest.drawn), when rendered."""
    layout: str = ""
    """Its layout document, when 'ready' (rendered and checked, not yet made)."""
    pictures: tuple[tuple[str, str], ...] = ()
    """The picture files its layout names, each with the SHA-256 it is drawn from, when
    rendered (manifest.Made.pictures)."""


class Worker:
    """The work done for each output, in a worker process or in this one."""

    def __init__(self, project: Project, staging: Path, hard_stop: bool = False,
                 bases: dict[str, str] | None = None) -> None:
        self.project = project
        self.bases = bases or {}
        """By language: the fingerprint of what every output in it is drawn from besides
        its layout document (manifest.shared_inputs without the templates)."""
        self.staging = staging
        self.hard_stop = hard_stop
        """Whether this worker process renders the project's own templates, so a stuck
        render may end it (with a note in the staging folder saying which output it was
        rendering); built-in templates never need it."""
        self.topics = {t.name: t for t in project.topics}
        self.envs: dict[str, jinja2.Environment] = {}
        """One template environment per language, made when first needed."""

    def job(self, key: TaskKey) -> Job:
        s = self.project.settings
        return Job(self.topics[key[0]], s.level(key[1]), s.length(key[2]),
                   self.project.writer(key[3]))

    def layout(self, job: Job) -> str:
        """The layout document (XML) the job's template writes; raises TemplateError."""
        return layout_text(self.project, job, self.envs, hard_stop=self.hard_stop)

    def read(self, job: Job, xml: str) -> Document:
        """The job's layout document `xml` read (build.project.read_layout); raises
        TemplateError."""
        return read_layout(job, xml)

    def make(self, key: TaskKey) -> Done:
        """Render, check, make and stage one output."""
        ready = self.prepare(key)
        return self.draw(key, ready) if ready.state == "ready" else ready

    def prepare(self, key: TaskKey) -> Done:
        """Render and check one output without making it: 'ready' with its layout
        document, 'same' when it is drawn from what its output was drawn from, or 'input'
        with its template or font problems."""
        job = self.job(key)
        note = self.staging / f"{RENDERING}{os.getpid()}"
        if self.hard_stop:
            try:
                stage(note, "\t".join([*key, job.template]).encode())
            except OSError as exc:
                return Done("stop", (f"cannot write {note}: {exc.strerror}; check that the "
                                     "build folder is writable and the disk has space",))
        try:
            xml = self.layout(job)
        except TemplateError as exc:
            return Done("input", template_problems=tuple(exc.problems))
        finally:
            if self.hard_stop:
                note.unlink(missing_ok=True)
        used = tuple((str(path), _sha(path)) for path in pictures(xml, self.project))
        hashes = dict(used)
        drawn = manifest.drawn(self.bases.get(job.topic.language, ""),
                               job.name, xml,
                               repr(writer_inputs(self.project, job)),
                               [Path(path) for path, _ in used], lambda p: hashes[str(p)])
        if key[4] and drawn == key[4]:  # drawn, so read, from this very document before
            return Done("same", drawn=drawn, pictures=used)
        try:
            doc = self.read(job, xml)
        except TemplateError as exc:
            return Done("input", template_problems=tuple(exc.problems))
        glyphs = glyph_problems(self.project, job, doc)
        if glyphs:
            return Done("input", glyph_problems=tuple(glyphs))
        return Done("ready", drawn=drawn, layout=xml, pictures=used)

    def draw(self, key: TaskKey, ready: Done) -> Done:
        """Make one output from what `prepare` rendered and checked (`ready`) and stage
        it."""
        job = self.job(key)
        doc = self.read(job, ready.layout)
        try:
            result = make_output(self.project, job, doc)
        except BuildError as exc:
            return Done("failed", (exc.format_message(),))
        except TemplateError as exc:  # a picture the template asked for cannot be used
            return Done("input", template_problems=tuple(exc.problems))
        except Exception as exc:  # a writer fault: this output fails, the others go on
            return Done("failed", (f"{job.label} ({job.kind}): the writer failed "
                                   f"unexpectedly ({type(exc).__name__}: {exc}); please "
                                   "report this",))
        final = job.path(self.project.out_dir)
        try:
            stage(self.staging / job.name, result.data)
        except OSError as exc:
            return Done("stop", (f"cannot write {final}: {exc.strerror}; check that the build "
                                 "folder is writable and the disk has space",))
        import hashlib

        made = (len(result.data), hashlib.sha256(result.data).hexdigest())
        italics = italic_warning(self.project, job, doc) if job.fmt == "pdf" else None
        warnings = (*([italics] if italics else []), *result.warnings)
        return Done("staged", warnings=warnings,
                    facts=Facts(result.count, result.title, warnings), made=made,
                    drawn=ready.drawn, pictures=ready.pictures)


def validated(job: Job, done: Done, staged: Path) -> Done:
    """`done` with a staged PDF's PDF/UA-1 validation (handouts.check.pdfua) in its facts
    and a `pdf-ua` warning if it failed; other formats as they are.

    Called in the main process, never in a worker: page-validation runs on a thread pool
    that a forked process inherits without its threads, so a worker forked after the main
    process validated anything would wait for them for ever."""
    from handouts.check import pdfua

    if job.writer.suffix != "pdf" or done.facts is None:
        return done
    verdict = pdfua.validate(staged.read_bytes())
    if verdict is None:
        return replace(done, facts=replace(done.facts, accessible=pdfua.NOT_RUN))
    failing = () if verdict.passed else (Diagnostic(
        "pdf-ua", f"{job.label} ({job.kind}) is not accessible: {verdict}; please report "
        "this"),)
    return replace(done, facts=replace(done.facts, accessible=verdict.short),
                   warnings=(*done.warnings, *failing))


def _sha(path: Path) -> str:
    """A picture file's SHA-256 read now; '-' if it cannot be read (it went away)."""
    from handouts.files import digest

    try:
        return digest(path)
    except OSError:
        return "-"


def stage(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


_worker: list[Worker] = []
"""In a worker process only: its state, set once when it starts."""


def pictures(xml: str, project: Project) -> list[Path]:
    """The picture files a layout document names (its `src` attributes), where the
    writers would look for them."""
    import re

    from handouts.build.project import assets_roots

    # A search from the literal 'src="' is many times faster than one from a word
    # boundary (a layout is read this way at every rebuild); an attribute follows a space.
    named = (m[1] for m in re.finditer(r'src="([^"]*)"', xml)
             if m.start() > 0 and xml[m.start() - 1].isspace())
    found = []
    for src in dict.fromkeys(named):
        for root in assets_roots(project):
            if (root / src).is_file():
                found.append(root / src)
                break
    return found


def start_worker(project: Project, staging: Path, parent: int, lock_fd: int,
                 bases: dict[str, str] | None = None, here: Worker | None = None) -> None:
    """In a worker: keep the project (as the main process's worker `here` left it, when
    given: its compiled templates come with the fork), leave Ctrl-C to the main process,
    let go of the build lock, and end when the main process ends, however it ends."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    with contextlib.suppress(OSError):
        os.close(lock_fd)
    processes.die_with_parent(parent)
    worker = here or Worker(project, staging, bases=bases)
    worker.hard_stop = project_templates(project)
    _worker[:] = [worker]


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


def make_in_worker(key: TaskKey) -> Done:
    return _worker[0].make(key)


def prepare_in_worker(key: TaskKey) -> Done:
    return _worker[0].prepare(key)


def draw_in_worker(task: tuple[TaskKey, Done]) -> Done:
    return _worker[0].draw(*task)


def readings_in_worker() -> object:
    from handouts.check import literacy as check

    project = _worker[0].project
    return check.check(project.topics, project.settings.levels,
                       targets=project.settings.targets)


Map = Callable[[Callable[[Any], Any], Sequence[Any]], Iterator[Any]]
Later = Callable[[Callable[[], Any]], Callable[[], Any]]


@contextlib.contextmanager
def worker_pool(project: Project, workers: int, staging: Path, lock_fd: int,
                bases: dict[str, str] | None = None, here: Worker | None = None
                ) -> Iterator[tuple[Map, Later]]:
    """Something that maps a worker function over tasks, in task order, and something that
    starts one more piece of work and gives a way to wait for its result: in this process
    (by `here`, if given, else a new Worker), or in `workers` forked processes that receive
    the project once, when they start. Work started in this process is left undone (its
    result is None), for the caller to do when it needs it."""
    if workers <= 1 and not project_templates(project):
        here = here or Worker(project, staging, bases=bases)

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
                                initializer=start_worker,
                                initargs=(project, staging, os.getpid(), lock_fd,
                                          bases, here)) as pool:

        def parallel(fn: Callable[[Any], Any], tasks: Sequence[Any]) -> Iterator[Any]:
            futures = [pool.submit(fn, task) for task in tasks]
            for task, future in zip(tasks, futures, strict=True):
                try:
                    yield future.result()
                except cf.process.BrokenProcessPool:
                    key = task[0] if isinstance(task[0], tuple) else task  # (key, ready)
                    stuck = _stuck(staging, key)
                    if stuck is not None:
                        yield Done("input", template_problems=(stuck,))
                        continue
                    label = f"{key[0]}, level {key[1]}, length {key[2]}"
                    yield Done("failed", (f"{label}: a worker process stopped unexpectedly",))

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


def project_templates(project: Project) -> bool:
    """Whether the project has templates of its own: code from outside the package, which
    runs in a worker process (even with -j 1) so a render stuck in C can be ended."""
    folder = project.settings.templates_dir
    return folder.is_dir() and any(name.endswith(".j2") for _, _, names in os.walk(folder)
                                   for name in names)

