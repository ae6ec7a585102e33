"""A rebuild for `watch`: each stale output moved into place as soon as it is made, by a
worker that keeps its compiled templates and the layouts it rendered between rebuilds.

`build` stages every output and moves them together (handouts.build.runner); an author
watching one flyer wants that flyer first. So a rebuild goes in two steps. First every
stale output's layout is rendered, read and its characters checked (the worker's
`prepare`): a template or font problem anywhere stops the rebuild before anything moves,
every such problem listed. Then each output is drawn and moved into place at once and
recorded in the manifest; one that fails leaves its old file as it was (and loses its
record, so the next build makes it), and the others are moved all the same. An output
whose layout is one the worker checked before, from what its template is given now
(KeptWorker.settled: usually the other lengths of a level an edit did not touch), cannot
find a problem, so it is looked at after the others have moved.

Small rebuilds are made in this process; larger ones in forked worker processes that
start with this worker's compiled templates. A project with templates of its own renders
them in a worker process whatever the size (handouts.build.workers.project_templates), as
`build` does, so a template stuck in C can be ended.
"""

from __future__ import annotations

import contextlib
import shutil
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from handouts.build import processes, runner
from handouts.build.project import (
    Job,
    Project,
    Report,
    layout_text,
    make_output,
    plan,
)
from handouts.build.stale import triage
from handouts.build.workers import (
    Done,
    Map,
    TaskKey,
    Worker,
    draw_in_worker,
    prepare_in_worker,
    project_templates,
    task_key,
    validated,
    worker_pool,
)
from handouts.content.view import select
from handouts.errors import BuildError, ContentError, Problem, TemplateError
from handouts.files import Digests

if TYPE_CHECKING:
    from types import MappingProxyType
    from typing import Any

    from handouts.content.model import Topic
    from handouts.document.model import Document

IN_PROCESS = 30
"""The most stale outputs made in this process (a topic's worth in the sample): this
process has drawn before, so its writers are warm, and a forked worker is not. Measured on
the sample's 36 outputs redrawn after a brand edit, on two cores shared with other work:
3.1 s here against 3.5 to 3.9 s in two workers; a topic's 18, 1.7 to 2.3 s against 2.6 to 3.7 s."""


class KeptWorker(Worker):
    """A worker whose template environments and rendered layouts outlive one rebuild: a
    layout is rendered again only when what its template is given (content.view.select)
    differs from last time, or after `forget_templates`."""

    def __init__(self, project: Project, staging: Path) -> None:
        super().__init__(project, staging)
        self.layouts: dict[str, tuple[MappingProxyType[str, Any], str]] = {}
        """By output name (Job.name): what its template was given, and the layout it wrote."""
        self.views: dict[tuple[str, str, str], tuple[Topic, MappingProxyType[str, Any]]] = {}
        """By topic file name, level and length: the topic and what its templates are
        given (content.view.select of it)."""
        self.passed: dict[str, str] = {}
        """By output name (Job.name): the last layout `prepare` found no template or font
        problem in."""
        self.documents: dict[str, tuple[str, Document]] = {}
        """By output name (Job.name): the layout last read and the document read from it."""

    def context(self, job: Job) -> MappingProxyType[str, Any]:
        """What the job's template is given: the same for each format of one topic, level
        and length, so made once for them while the topic is the same."""
        key = (job.topic.name, job.level.name, job.length.name)
        kept = self.views.get(key)
        if kept is not None and kept[0] is job.topic:
            return kept[1]
        context = select(job.topic, job.level, job.length, self.project.brand,
                         catalogue=self.project.catalogue_of(job.topic))
        self.views[key] = (job.topic, context)
        return context

    def use(self, project: Project) -> None:
        """Make the outputs of `project` from now on: the same settings, brand and labels
        as before, with topics that may have changed."""
        self.project = project
        self.topics = {t.name: t for t in project.topics}

    def forget_templates(self) -> None:
        """A template changed: compile every template again and render every layout."""
        self.envs.clear()
        self.layouts.clear()

    def warm(self) -> None:
        """Compile the templates, render and check every layout (`prepare`) and draw one
        output of each format in memory, so the first save is made as fast as the next;
        nothing is written, and nothing when the project has templates of its own (which
        render only in a worker process, handouts.build.workers.project_templates)."""
        if project_templates(self.project):
            return
        drawn: set[str] = set()
        for job in plan(self.project, formats=self.project.formats):
            # a mistake found here is reported by the rebuild that meets it
            with contextlib.suppress(Exception):
                done = self.prepare(task_key(job))
                if done.state == "ready" and job.fmt not in drawn:
                    drawn.add(job.fmt)
                    make_output(self.project, job, self.read(job, done.layout))

    def read(self, job: Job, xml: str) -> Document:
        """As Worker.read, the document last read for the job's output kept while its
        layout is the same: `prepare` reads it to check it, and drawing it reads it
        again."""
        key = job.name
        kept = self.documents.get(key)
        if kept is not None and kept[0] == xml:
            return kept[1]
        doc = super().read(job, xml)
        self.documents[key] = (xml, doc)
        return doc

    def prepare(self, key: TaskKey) -> Done:
        done = super().prepare(key)
        if done.state in ("ready", "same"):
            name = self.job(key).name
            self.passed[name] = self.layouts[name][1]
        return done

    def settled(self, key: TaskKey) -> bool:
        """Whether the output's layout is one this worker rendered and checked before
        (`prepare` found no template or font problem in it) and what its template is
        given has not changed since: preparing it again cannot find a problem."""
        job = self.job(key)
        name = job.name
        kept = self.layouts.get(name)
        return kept is not None and self.passed.get(name) is kept[1] \
            and kept[0] == self.context(job)

    def layout(self, job: Job) -> str:
        key = job.name
        context = self.context(job)
        kept = self.layouts.get(key)
        if kept is not None and kept[0] == context:
            return kept[1]
        xml = layout_text(self.project, job, self.envs, self.hard_stop, context)
        self.layouts[key] = (context, xml)
        return xml


def run(project: Project, jobs: Sequence[Job], worker: KeptWorker, digests: Digests,
        progress: Callable[[Job], None] = lambda job: None, prune: bool = False,
        notice: Callable[[str], None] = lambda text: None) -> Report:
    """Make every job's output that is missing, out of date or not intact, moving each
    into place as soon as it is made (`worker`: the project's kept worker; `digests`: the
    session's file digests). `prune` removes the outputs of topics that no longer exist.
    Raises TemplateError or ContentError, with nothing moved, for a template or font
    problem; BuildError if the build folder cannot be written."""
    t = triage(project, jobs, False, digests, intact_later=True)  # checked before kept
    if not t.stale and not prune:
        return t.report
    worker.bases = t.bases
    out = project.out_dir
    runner.check_build_folder(project)
    made = [d for d in (project.settings.build_dir, out) if not d.exists()]
    workers = runner.default_workers() if len(t.stale) > IN_PROCESS else 1
    with processes.terminate_as_interrupt(), processes.locked(out, notice) as lock_fd:
        staging = out / runner.STAGING
        runner.clean_leftovers(out)
        try:
            with worker_pool(project, workers, staging, lock_fd, t.bases, here=worker
                             ) as (pool, _):
                keys = [t.tasks[j.name] for j in t.stale]
                # Outputs whose layouts passed before as they are cannot stop the rebuild:
                # seen to after the others have moved (in this process only).
                settled = [worker.settled(key) for key in keys] \
                    if workers == 1 and not project_templates(project) else [False] * len(keys)
                first = [(j, k) for j, k, s in zip(t.stale, keys, settled, strict=True) if not s]
                ready = list(pool(prepare_in_worker, [k for _, k in first]))
                _refuse_input_problems(ready, made)
                with runner.committing(project, t.stale, t.report, prune) as commit:
                    place = _Placing(pool, out, t.report, commit, t.prints, progress)
                    place(first, ready)
                    after = [(j, k) for j, k, s in zip(t.stale, keys, settled, strict=True) if s]
                    place(after, list(pool(prepare_in_worker, [k for _, k in after])))
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return t.report


class _Placing:
    """Makes and moves into place prepared outputs, one at a time."""

    def __init__(self, pool: Map, out: Path, report: Report, commit: runner.Commit,
                 prints: dict[str, str], progress: Callable[[Job], None]) -> None:
        self.pool, self.out, self.report, self.commit = pool, out, report, commit
        self.prints, self.progress = prints, progress

    def __call__(self, jobs: Sequence[tuple[Job, TaskKey]], ready: Sequence[Done]) -> None:
        """Given each job with its task and what preparing it reported: record those
        drawn from what they were drawn from, draw and move those ready, and list as failed
        those that failed, or that met a template or font problem (only possible once
        others have moved: see `run`). An output drawn from what it was drawn from whose
        file is no longer what the build wrote is prepared and drawn again."""
        ready = [self._afresh(key) if done.state == "same" and not self.commit.intact(job)
                 else done for (job, key), done in zip(jobs, ready, strict=True)]
        for (job, _), done in zip(jobs, ready, strict=True):
            if done.state == "same":
                self.commit(job, done, self.prints[job.name])
            elif done.state == "stop":
                raise BuildError(done.messages[0])
            elif done.state == "failed":  # its worker process died
                self.report.failed.append(done.messages[0])
            elif done.state == "input":
                self.report.failed.extend(str(p) for p in (*done.template_problems,
                                                            *done.glyph_problems))
        todo = [(job, key, done) for (job, key), done in zip(jobs, ready, strict=True)
                if done.state == "ready"]
        drawn = self.pool(draw_in_worker, [(key, done) for _, key, done in todo])
        for (job, _, _), done in zip(todo, drawn, strict=True):
            _move(job, done, self.out, self.report, self.commit, self.prints)
            self.progress(job)

    def _afresh(self, key: TaskKey) -> Done:
        """The output of `key` prepared to be made whatever it was drawn from before."""
        (done,) = self.pool(prepare_in_worker, [(*key[:4], "")])  # all of it: the
        assert isinstance(done, Done)  # worker is let go when the pool's iterator ends
        return done


def _refuse_input_problems(ready: Sequence[Done], made: Sequence[Path]) -> None:
    """Raise TemplateError (else ContentError) listing every template (font) problem the
    prepared outputs found, after removing the folders this rebuild made; nothing has
    moved yet."""
    templates: list[Problem] = []
    glyphs: list[Problem] = []
    for done in ready:
        templates.extend(p for p in done.template_problems if p not in templates)
        glyphs.extend(p for p in done.glyph_problems if p not in glyphs)
    if templates or glyphs:
        for folder in made:
            shutil.rmtree(folder, ignore_errors=True)
        raise TemplateError(templates) if templates else ContentError(glyphs)


def _move(job: Job, done: Done, out: Path, report: Report, commit: runner.Commit,
          prints: dict[str, str]) -> None:
    """Move one drawn output into place, or list it as failed (a picture the template
    asked for that cannot be used fails this output alone: the others have moved)."""
    key = job.name
    if done.state == "stop":
        raise BuildError(done.messages[0])
    if done.state == "staged":  # in place at once; its PDF/UA-1 verdict comes after
        commit(job, done, prints[key])
        commit.amend(job, validated(job, done, job.path(out)))
    elif done.template_problems:
        report.failed.extend(str(p) for p in done.template_problems)
    else:
        report.failed.append(done.messages[0])
