"""A project's build report: every output of its matrix with what its writer said of it
(from this build, or from the manifest of the build that made it), and the
health-literacy findings, written by handouts.build.report.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from handouts.build import manifest
from handouts.build.project import Project, Report, plan

if TYPE_CHECKING:
    from handouts.check.literacy import Finding


def write_report(project: Project, report: Report, thumbnails: bool = True
                 ) -> tuple[Path, tuple[Finding, ...]]:
    """Write the project's build/index.html over the whole matrix; returns its path and
    the health-literacy findings it lists.

    Each output is described by what its writer said of it: in this build (`report.facts`),
    or in the manifest of the build that made it if the file is still exactly what that
    build wrote. No output is opened to count its pages."""
    from handouts.build import report as html_report
    from handouts.build.thumbnails import first_slides
    from handouts.check import literacy as check

    result = report.checked if isinstance(report.checked, check.CheckResult) else \
        check.check(project.topics, project.settings.levels,
                    targets=project.settings.targets)
    out = project.out_dir
    jobs = plan(project, formats=project.formats)
    items = [html_report.Item(j.topic.name, j.level.name, j.length.name, j.fmt, j.path(out),
                              j.writer.unit, j.topic.language) for j in jobs]
    facts = dict(report.facts)
    records = manifest.load(out)
    for job in jobs:
        made = records.get(job.path(out).relative_to(out).as_posix())
        if job.path(out) not in facts and made is not None and made.facts is not None \
                and made.intact(job.path(out)):
            facts[job.path(out)] = made.facts
    index = html_report.write(out, f"{project.brand.name}: handouts", items, result,
                             [*project.warnings, *report.warnings], report.failed, thumbnails,
                             facts, first_slides(project, jobs))
    return index, result.findings
