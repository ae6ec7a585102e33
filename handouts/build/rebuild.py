"""A rebuild for `watch`: each stale output moved into place as soon as it is made, by a
worker that keeps its compiled templates and the layouts it rendered between rebuilds.

`build` stages every output and moves them together (handouts.build.runner); an author
watching one flyer wants that flyer first. So a rebuild goes in two steps. First every
stale output's layout is rendered, read and its characters checked (the worker's
`prepare`): a template or font problem anywhere stops the rebuild before anything moves,
every such problem listed. Then each output is drawn and moved into place at once and
recorded in the manifest; one that fails leaves its old file as it was (and loses its
record, so the next build makes it), and the others are moved all the same.

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
    read_layout,
)
from handouts.build.stale import triage
from handouts.build.workers import (
    Done,
    Worker,
    draw_in_worker,
    output_key,
    prepare_in_worker,
    project_templates,
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
        """By output key: what its template was given, and the layout it wrote."""
        self.views: dict[tuple[str, str, str], tuple[Topic, MappingProxyType[str, Any]]] = {}
        """By topic file name, level and length: the topic and what its templates are
        given (content.view.select of it)."""

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
        """Compile the templates, render every layout and draw one output of each format
        in memory, so the first save is made as fast as the next; nothing is written, and
        nothing when the project has templates of its own (which render only in a worker
        process, handouts.build.workers.project_templates)."""
        if project_templates(self.project):
            return
        drawn: set[str] = set()
        for job in plan(self.project, formats=self.project.formats):
            # a mistake found here is reported by the rebuild that meets it
            with contextlib.suppress(Exception):
                xml = self.layout(job)
                if job.fmt not in drawn:
                    drawn.add(job.fmt)
                    make_output(self.project, job, read_layout(job, xml))

    def layout(self, job: Job) -> str:
        key = output_key(job, self.project.out_dir)
        context = self.context(job)
        kept = self.layouts.get(key)
        if kept is not None and kept[0] == context:
            return kept[1]
        xml = layout_text(self.project, job, self.envs, hard_stop=self.hard_stop)
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
    t = triage(project, jobs, False, digests)
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
                keys = [t.tasks[output_key(j, out)] for j in t.stale]
                ready = list(pool(prepare_in_worker, keys))
                _refuse_input_problems(ready, made)
                with runner.committing(project, t.stale, t.report, prune) as commit:
                    for job, done in zip(t.stale, ready, strict=True):
                        if done.state == "same":
                            commit(job, done, t.prints[output_key(job, out)])
                        elif done.state == "stop":
                            raise BuildError(done.messages[0])
                        elif done.state == "failed":  # its worker process died
                            t.report.failed.append(done.messages[0])
                    todo = [(job, key, done) for job, key, done
                            in zip(t.stale, keys, ready, strict=True) if done.state == "ready"]
                    drawn = pool(draw_in_worker, [(key, done) for _, key, done in todo])
                    for (job, _, _), done in zip(todo, drawn, strict=True):
                        _move(job, done, out, t.report, commit, t.prints)
                        progress(job)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return t.report


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
    key = output_key(job, out)
    if done.state == "stop":
        raise BuildError(done.messages[0])
    if done.state == "staged":
        commit(job, validated(job, done, out / runner.STAGING / key), prints[key])
    elif done.template_problems:
        report.failed.extend(str(p) for p in done.template_problems)
    else:
        report.failed.append(done.messages[0])
