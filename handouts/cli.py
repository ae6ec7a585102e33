"""The `make-handouts` command: parse options, call a plain function, print the result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import click

from handouts import __version__, build
from handouts.errors import BuildError, InputError


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
@click.option("--brand", "brands", multiple=True, type=click.Path(dir_okay=False),
              help="Build for this clinic's brand file; repeat for several clinics, each "
                   "into its own folder under build/.")
@click.pass_obj
def build_command(root: Path, topics: tuple[str, ...] = (), levels: tuple[str, ...] = (),
                  lengths: tuple[str, ...] = (), formats: tuple[str, ...] = (),
                  brands: tuple[str, ...] = ()) -> None:
    """Build every topic x level x length, or the subset named."""
    projects, broken = build.load_projects(root, [Path(b).resolve() for b in brands])
    built = failed = 0
    for project in projects:
        for warning in project.warnings:
            click.echo(f"warning: {warning}", err=True)
        jobs = build.plan(project, topics, levels, lengths, formats or tuple(build.WRITERS))
        report = build.run(project, jobs, _progress(project, len(jobs)))
        for warning in report.warnings:
            click.echo(f"warning: {warning}", err=True)
        for message in report.failed:
            click.echo(f"failed: {message}", err=True)
        click.echo(f"{project.brand.name}: built {len(report.built)}, failed "
                   f"{len(report.failed)}; output in {_shown(project.out_dir)}")
        built, failed = built + len(report.built), failed + len(report.failed)
    if broken:
        raise InputError([p for exc in broken for p in exc.problems])
    if failed:
        raise BuildError(f"{failed} of {built + failed} outputs failed (see above)")


def _progress(project: build.Project, total: int) -> Callable[[build.Job], None]:
    """A progress line per output, on standard error."""
    counter = iter(range(1, total + 1))

    def show(job: build.Job) -> None:
        click.echo(f"[{next(counter)}/{total}] {job.path(project.out_dir).name}", err=True)

    return show


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
        path = _shown(job.path(project.out_dir))
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


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
def init_command(directory: str) -> None:
    """Write a new clinic project into DIRECTORY (never over an existing file)."""
    from handouts import scaffold

    target = Path(directory)
    for path in scaffold.init(target):
        click.echo(f"wrote {path}")
    click.echo(f"next: edit {target / '_brand.yml'}, then run: make-handouts -C {target}")


@main.command("templates")
@click.option("--eject", "name", metavar="NAME",
              help="Copy this built-in template into the project's templates/ to edit.")
@click.pass_obj
def templates_command(root: Path, name: str | None) -> None:
    """List the built-in templates and where an override goes."""
    from handouts import scaffold
    from handouts.config import load as load_settings

    settings = load_settings(root)
    if name:
        click.echo(f"wrote {scaffold.eject(name, settings.templates_dir)}")
        return
    for template in scaffold.builtin_templates():
        override = settings.templates_dir / template
        state = "overridden" if override.exists() else "built in"
        click.echo(f"{template}\t{state}\t{_shown(override)}")


def _shown(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)
