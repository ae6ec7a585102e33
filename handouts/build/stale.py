"""Which of a build's outputs are stale: each output's fingerprint (what it is made
from: handouts.build.manifest) against the one its record keeps, and for a stale output
whose file is intact, what it was drawn from, so that an output whose drawing would not
change keeps its file. Used by the runner (`build`) and by `watch` (handouts.build.rebuild).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from handouts.build import manifest
from handouts.build.inputs import under
from handouts.build.manifest import Facts
from handouts.build.project import Job, Project, Report
from handouts.build.workers import TaskKey, task_key
from handouts.document import jinja as templates
from handouts.files import Digests, digest
from handouts.fonts.families import builtin_fonts


def _shared_fingerprint(project: Project, digests: Digests, with_templates: bool = True) -> str:
    """What every output of the project is made from besides its topic: the settings, the
    brand's files, the built-in fonts and (`with_templates`) every template."""
    tops = (project.settings.templates_dir, templates.builtin_dir()) if with_templates else ()
    made_from, _ = under((*tops, builtin_fonts().regular.parent))
    return manifest.shared_inputs(project.settings.source_text, project.brand.files,
                                  made_from, digests)


@dataclass
class Triage:
    """A build's outputs sorted: those up to date (their facts in `report`) and the stale
    ones, with what each is made from."""

    report: Report
    stale: list[Job]
    prints: dict[str, str]
    """By output name (Job.name): each output's fingerprint (manifest.fingerprint)."""
    tasks: dict[str, TaskKey]
    """By output name (Job.name): each stale output's task, with what its output was drawn from when
    that output may be kept as it is."""
    bases: dict[str, str]
    """By language: what every output is drawn from besides its layout document."""


def triage(project: Project, jobs: Sequence[Job], force: bool, digests: Digests,
           intact_later: bool = False) -> Triage:
    """Which of `jobs` are up to date and intact (none with `force`), and what the others
    are made from, each file hashed by `digests` (the build's files.Digests). With
    `intact_later` a stale output's task names what it was drawn from whether or not its
    file is still intact: the caller checks the file before it keeps it (Made.intact)."""
    out = project.out_dir
    records = manifest.load(out)
    shared = _shared_fingerprint(project, digests)
    labels = {c.language: manifest.shared_inputs(shared, (), c.sources, digests)
              for c in project.catalogues}  # an output depends on its own language's labels
    prints = {j.name: manifest.fingerprint(
                  labels[j.topic.language], j.topic.digest or digest(j.topic.path),
                  j.name)
              for j in jobs}

    def current(job: Job) -> Facts | None:
        """The job's facts as recorded, if its output is up to date and intact."""
        made = records.get(job.name)
        fresh = made is not None and made.fingerprint == prints[job.name] \
            and made.pictures_unchanged(digests) and made.intact(job.path(out))
        return made.facts if fresh and made is not None else None

    report = Report()
    for job in jobs:
        facts = None if force else current(job)
        if facts is not None:
            report.facts[job.path(out)] = facts
            report.warnings.extend(w for w in facts.warnings if w not in report.warnings)
    stale = [j for j in jobs if j.path(out) not in report.facts]
    report.unchanged = len(jobs) - len(stale)
    if not stale:
        return Triage(report, stale, prints, {}, {})
    base = _shared_fingerprint(project, digests, with_templates=False)
    bases = {c.language: manifest.shared_inputs(base, (), c.sources, digests)
             for c in project.catalogues}

    def kept(job: Job) -> str:
        """What the job's output was drawn from, if it may be kept when that is unchanged
        (not with `force`; only an intact output with its facts)."""
        made = records.get(job.name)
        usable = not force and made is not None and made.drawn and made.facts is not None \
            and (intact_later or made.intact(job.path(out)))
        return made.drawn if usable and made is not None else ""

    tasks = {j.name: task_key(j, kept(j)) for j in stale}
    return Triage(report, stale, prints, tasks, bases)
