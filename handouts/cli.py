"""The `make-handouts` command: parse options, call a plain function, print the result."""

from __future__ import annotations

from pathlib import Path

import click

from handouts import __version__, build
from handouts.errors import BuildError


def _root(project: str) -> Path:
    return Path(project).resolve()


@click.group(invoke_without_command=True)
@click.version_option(__version__, prog_name="make-handouts")
@click.option("--project", "-C", default=".", show_default=True,
              type=click.Path(file_okay=False), help="The project folder.")
@click.pass_context
def main(ctx: click.Context, project: str) -> None:
    """Turn structured health-education content into print-ready handouts.

    With no command, builds everything (the same as `make-handouts build`).
    """
    ctx.obj = _root(project)
    if ctx.invoked_subcommand is None:
        ctx.invoke(build_command)


@main.command("build")
@click.argument("topics", nargs=-1)
@click.option("--level", "levels", multiple=True, help="Only this reading level (repeatable).")
@click.option("--length", "lengths", multiple=True, help="Only this length (repeatable).")
@click.option("--format", "formats", multiple=True, type=click.Choice(sorted(build.WRITERS)),
              help="Only this format (repeatable).")
@click.pass_obj
def build_command(root: Path, topics: tuple[str, ...] = (), levels: tuple[str, ...] = (),
                  lengths: tuple[str, ...] = (), formats: tuple[str, ...] = ()) -> None:
    """Build every topic x level x length, or the subset named."""
    project = build.load_project(root)
    jobs = build.plan(project, topics, levels, lengths, formats or tuple(build.WRITERS))
    total = len(jobs)
    counter = iter(range(1, total + 1))

    def progress(job: build.Job) -> None:
        click.echo(f"[{next(counter)}/{total}] {job.path(project.settings.build_dir).name}",
                   err=True)

    report = build.run(project, jobs, progress)
    for message in report.failed:
        click.echo(f"failed: {message}", err=True)
    out = project.settings.build_dir
    click.echo(f"built {len(report.built)}, failed {len(report.failed)}; output in "
               f"{_shown(out)}")
    if report.failed:
        raise BuildError(f"{len(report.failed)} of {total} outputs failed (see above)")


@main.command("list")
@click.argument("topics", nargs=-1)
@click.option("--level", "levels", multiple=True)
@click.option("--length", "lengths", multiple=True)
@click.pass_obj
def list_command(root: Path, topics: tuple[str, ...], levels: tuple[str, ...],
                 lengths: tuple[str, ...]) -> None:
    """Print what would be built: topic, level, length, format and path."""
    project = build.load_project(root)
    for job in build.plan(project, topics, levels, lengths, tuple(build.WRITERS)):
        path = _shown(job.path(project.settings.build_dir))
        click.echo(f"{job.topic.slug}\t{job.level.name}\t{job.length.name}\t{job.fmt}\t{path}")


@main.command("check")
@click.option("--strict", is_flag=True, help="Exit 1 when any target is missed.")
@click.pass_obj
def check_command(root: Path, strict: bool) -> None:
    """Validate content and measure each topic's reading grade per level."""
    from handouts.check import grades

    project = build.load_project(root)
    results = grades(project.topics, project.settings.levels)
    click.echo(f"{'topic':32} {'level':10} {'Flesch-Kincaid':>15} {'SMOG':>6} "
               f"{'words/sent.':>11} {'3+ syll.':>8}  result")
    for g in results:
        r = g.reading
        fk_target = g.level.max_flesch_kincaid
        smog_target = g.level.max_smog
        fk = f"{r.flesch_kincaid:.1f}" + (f"/{fk_target:g}" if fk_target is not None else "")
        smog = f"{r.smog:.1f}" + (f"/{smog_target:g}" if smog_target is not None else "")
        verdict = "; ".join(g.misses) or "ok"
        click.echo(f"{g.topic:32} {g.level.name:10} {fk:>15} {smog:>6} "
                   f"{r.words_per_sentence:>11.1f} {r.polysyllable_share:>8.0%}  {verdict}")
    missed = [g for g in results if g.misses]
    click.echo(f"{len(project.topics)} topics checked; {len(missed)} topic-levels miss a "
               "reading target (Flesch-Kincaid grade and SMOG grade)")
    if strict and missed:
        raise BuildError(f"{len(missed)} topic-levels miss their reading targets")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
