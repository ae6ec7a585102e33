"""The `make-handouts` command: parse options, call a plain function, print the result."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import click

from handouts import FORMATS, __version__
from handouts.build.api import Options, build_all
from handouts.build.summary import Summary
from handouts.errors import BuildError, Diagnostic, HandoutsError, notes_in
from handouts.icons.commands import icons

if TYPE_CHECKING:
    from handouts.check import literacy

# Only click and the build's light modules are imported here: a build with nothing to do
# answers from the up-to-date record, and each command imports what it needs.


def _root(project: str) -> Path:
    return Path(project).resolve()


class _BuildByDefault(click.Group):
    """A group whose bare command means `build`: `make-handouts --no-thumbnails -j 2 TOPIC`
    is `make-handouts build --no-thumbnails -j 2 TOPIC`, parsed by `build` itself, so its
    options and arguments are declared once, on `build`. Options the group does not know
    are left for the command; the group's own (`-C`, `--help`, `--version`) come first."""

    default = "build"
    ignore_unknown_options = True

    def resolve_command(self, ctx: click.Context, args: list[str]
                        ) -> tuple[str | None, click.Command | None, list[str]]:
        """The command named first; `build`, given every argument, when the first is not a
        command's name (one of build's options, or a topic)."""
        if args and args[0] not in self.commands:
            args = [self.default, *args]
        return super().resolve_command(ctx, args)


@click.group(cls=_BuildByDefault, invoke_without_command=True)
@click.version_option(__version__, prog_name="make-handouts")
@click.option("--project", "-C", default=".", show_default=True,
              type=click.Path(file_okay=False), help="The project folder.")
@click.pass_context
def main(ctx: click.Context, project: str) -> None:
    """Turn structured health-education content into print-ready handouts.

    With no command, builds: `make-handouts [OPTIONS] [TOPICS]...` is `make-handouts build
    [OPTIONS] [TOPICS]...`, with every option of build (see `make-handouts build --help`).
    """
    ctx.obj = _root(project)
    if ctx.invoked_subcommand is None:  # the group's options alone: build with defaults
        ctx.invoke(build_command)


@main.command("build")
@click.argument("topics", nargs=-1)
@click.option("--level", "levels", multiple=True, help="Only this reading level (repeatable).")
@click.option("--length", "lengths", multiple=True, help="Only this length (repeatable).")
@click.option("--format", "formats", multiple=True, type=click.Choice(FORMATS),
              help="Only this format (repeatable).")
@click.option("--lang", "languages", multiple=True,
              help="Only topics in this language, a BCP 47 tag such as es or es-US "
                   "(repeatable).")
@click.option("--brand", "brands", multiple=True, type=click.Path(dir_okay=False),
              help="Build for this clinic's brand file; repeat for several clinics, each "
                   "into its own folder under build/.")
@click.option("--force", is_flag=True, help="Rebuild every output, even those up to date.")
@click.option("-j", "--jobs", "workers", type=click.IntRange(min=1), default=None,
              help="Make outputs in this many processes (default: the number of cores).")
@click.option("--shard", metavar="K/N", default=None,
              help="Build only the K-th of N equal shares of the outputs (for CI matrices "
                   "and batch arrays); every output lands in exactly one share.")
@click.option("--thumbnails/--no-thumbnails", default=True,
              help="Draw thumbnails in build/index.html (decks through LibreOffice).")
@click.option("--report/--no-report", default=True,
              help="Write build/index.html (on by default).")
@click.option("--strict", is_flag=True, help="Exit 1 when the build has any warning.")
@click.pass_obj
def build_command(root: Path, topics: tuple[str, ...] = (), levels: tuple[str, ...] = (),
                  lengths: tuple[str, ...] = (), formats: tuple[str, ...] = (),
                  languages: tuple[str, ...] = (), brands: tuple[str, ...] = (),
                  force: bool = False,
                  workers: int | None = None, shard: str | None = None,
                  thumbnails: bool = True, report: bool = True, strict: bool = False) -> None:
    """Build every topic x level x length, or the subset named."""
    options = Options(topics=topics, levels=levels, lengths=lengths, formats=formats,
                      languages=languages, brands=tuple(Path(b).resolve() for b in brands),
                      force=force, jobs=workers, shard=_parse_shard(shard) if shard else None,
                      thumbnails=thumbnails, report=report, strict=strict)
    summary = build_all(root, options, _progress, lambda text: click.echo(text, err=True))
    _print_summary(summary)
    failure = summary.failure(options.strict)
    if failure is not None:
        raise failure


def _print_summary(summary: Summary) -> None:
    """Each clinic's warnings and failed outputs (on stderr), then its summary line; notes
    are counted there and listed in the report (and by `check`)."""
    for brand in summary.brands:
        for warning in brand.warnings:
            if warning.severity == "warning":
                click.echo(_warning_line(warning), err=True)
        for message in brand.failed:
            click.echo(f"failed: {message}", err=True)
        where = f"; report: {_shown(brand.report)}" if brand.report else ""
        click.echo(f"{brand.name}: {brand.counts}{where}")
    if summary.index is not None:
        click.echo(f"every clinic's report: {_shown(summary.index)}")


def _warning_line(warning: Diagnostic) -> str:
    """'warning: PATH:LINE:COLUMN: MESSAGE [CODE]' (line and column when known; no place
    when the warning has none); a note starts 'note:'."""
    where = f"{warning.location}: " if warning.location is not None else ""
    return f"{warning.severity}: {where}{warning.message} [{warning.code}]"


@main.command("watch")
@click.option("--thumbnails/--no-thumbnails", default=True,
              help="Draw thumbnails in build/index.html.")
@click.pass_obj
def watch_command(root: Path, thumbnails: bool) -> None:
    """Rebuild what changed whenever a content, template, brand or settings file is saved."""
    from watchfiles import watch

    from handouts.build.watch import Session, watched

    session = Session(root, Options(thumbnails=thumbnails), _progress,
                      lambda text: click.echo(text, err=True))
    build_dirs: list[Path] = []  # the build folder of the last build that read the settings

    def once(build: Callable[[], Summary]) -> None:
        try:
            summary = build()
        except HandoutsError as exc:  # nothing was written: settings, content, brand, template
            click.echo(f"Error: {exc.format_message()}", err=True)
            return
        build_dirs[:] = [summary.build_dir.resolve()]
        _print_summary(summary)
        failure = summary.failure()
        if failure is not None:
            click.echo(f"Error: {failure.format_message()}", err=True)

    wanted = watched(build_dirs)  # not the build's outputs, hidden files or our own log
    once(session.start)
    announced = False
    # step: ms of quiet that end a burst of changes (50 by default); a save's writes are closer
    for changes in watch(root, yield_on_timeout=True, rust_timeout=500, step=5,
                         watch_filter=lambda change, path: wanted(path)):
        if not changes:  # the watcher is running: say so once
            if not announced:
                click.echo(f"watching {_shown(root)} for changes (Ctrl-C to stop)", err=True)
                announced = True
            continue
        click.echo(f"changed: {', '.join(sorted({_shown(Path(p)) for _, p in changes}))}", err=True)
        once(lambda: session.rebuild(Path(path) for _, path in changes))  # noqa: B023


def _parse_shard(text: str) -> tuple[int, int]:
    match = re.fullmatch(r"(\d+)/(\d+)", text.strip())
    if not match or not 1 <= int(match[1]) <= int(match[2]):
        raise click.BadParameter(f"'{text}' is not K/N with 1 <= K <= N, e.g. 2/4",
                                 param_hint="--shard")
    return int(match[1]), int(match[2])


@contextlib.contextmanager
def _progress(name: str, outputs: Sequence[Path]) -> Iterator[Callable[[Path], None]]:
    """A progress bar on a terminal; a plain line per output otherwise."""
    if sys.stderr.isatty() and len(outputs) > 1:
        with click.progressbar(length=len(outputs), label=name, file=sys.stderr,
                               item_show_func=lambda shown: shown) as bar:
            def step(path: Path) -> None:
                bar.update(1, path.name)

            yield step
        return
    counter = iter(range(1, len(outputs) + 1))

    def show(path: Path) -> None:
        click.echo(f"[{next(counter)}/{len(outputs)}] {path.name}", err=True)

    yield show


@main.command("list")
@click.argument("topics", nargs=-1)
@click.option("--level", "levels", multiple=True)
@click.option("--length", "lengths", multiple=True)
@click.option("--lang", "languages", multiple=True)
@click.pass_obj
def list_command(root: Path, topics: tuple[str, ...], levels: tuple[str, ...],
                 lengths: tuple[str, ...], languages: tuple[str, ...]) -> None:
    """Print what would be built: topic, level, length, format, path and language."""
    from handouts.build import project as build

    project = build.load_project(root)
    for job in build.plan(project, topics, levels, lengths, FORMATS, languages):
        path = _shown(job.path(project.out_dir))
        click.echo(f"{job.topic.slug}\t{job.level.name}\t{job.length.name}\t{job.fmt}\t"
                   f"{path}\t{job.topic.language}")


@main.command("check")
@click.option("--strict", is_flag=True,
              help="Exit 1 when a reading target is missed or anything is found.")
@click.option("--json", "as_json", is_flag=True, help="Print the results as JSON.")
@click.option("--outputs", is_flag=True,
              help="Check the built outputs instead: every PDF in the build folder against "
                   "PDF/UA-1 (needs pip install 'make-handouts[verify]').")
@click.pass_obj
def check_command(root: Path, strict: bool, as_json: bool, outputs: bool) -> None:
    """Measure reading grades (Flesch-Kincaid, SMOG; in Spanish, Szigriszt-Pazos on the
    INFLESZ scale and Fernández-Huerta), find jargon and check structure; with --outputs,
    check the accessibility of the built PDFs and decks."""
    import json

    from handouts.build import project as build
    from handouts.build.api import finding_diagnostic, refuse_unsettable
    from handouts.build.summary import diagnostic_json
    from handouts.check import spanish
    from handouts.check.literacy import Grade, check

    project = build.load_project(root)
    if outputs:
        return _check_outputs(project.settings.build_dir, as_json)
    refuse_unsettable(project)  # text the writers cannot set or draw, as build refuses
    settings = project.settings
    result = check(project.topics, settings.levels, targets=settings.targets)
    warnings = [*project.warnings, *(finding_diagnostic(f) for f in result.findings)]
    if as_json:
        click.echo(json.dumps({"grades": [g.as_dict() for g in result.grades],
                               "findings": [f.as_dict() for f in result.findings],
                               "brand_warnings": [diagnostic_json(w)
                                                  for w in project.warnings],
                               "passed": not result.failed and not project.warnings},
                              indent=2))
    else:
        english = [g for g in result.grades if isinstance(g, Grade)]
        in_spanish = [g for g in result.grades if isinstance(g, spanish.SpanishGrade)]
        if english:
            for line in _english_table(english):
                click.echo(line)
        if in_spanish:
            if english:
                click.echo()
            for line in spanish.table(in_spanish):
                click.echo(line)
        for warning in warnings:
            click.echo(_warning_line(warning))
        formulas = "; ".join(name for name, grades in (
            ("Flesch-Kincaid grade, SMOG grade", english),
            ("Szigriszt-Pazos perspicuity, INFLESZ scale", in_spanish)) if grades)
        click.echo(_check_summary(len(project.topics),
                                  sum(1 for g in result.grades if g.misses), formulas, warnings))
    if strict and (result.failed or project.warnings):
        raise BuildError("check --strict failed: see the missed targets and warnings above")


def _english_table(grades: list[literacy.Grade]) -> list[str]:
    """check's table of English reading figures, one line per topic and level, with the
    footnotes its figures need."""
    lines = [f"{'topic':30} {'level':9} {'Flesch-Kincaid grade':>21} {'SMOG grade':>12} "
             f"{'sampled SMOG':>12} {'sentences':>9} {'words/sentence':>14} "
             f"{'3+ syllables':>12}"]
    for g in grades:
        r = g.reading
        fk_t, smog_t = g.level.max_flesch_kincaid, g.level.max_smog
        fk = f"{r.flesch_kincaid:.1f}" + (f" (max {fk_t:g})" if fk_t is not None else "")
        smog = f"{r.smog:.1f}" + ("*" if r.smog_is_scaled else "") + \
            (f" (max {smog_t:g})" if smog_t is not None else "")
        sample = f"{r.sample.smog:.1f}" if r.sample else "-"
        verdict = "MISSED" if g.misses else "ok"
        lines.append(f"{g.topic:30} {g.level.name:9} {fk:>21} {smog:>12} {sample:>12} "
                     f"{r.sentences:>9} {r.words_per_sentence:>14.1f} "
                     f"{r.polysyllable_share:>12.0%}  {verdict}")
    if any(g.reading.smog_is_scaled for g in grades):
        lines.append("* SMOG on fewer than 30 sentences, scaled up to the 30 it is defined on: "
                     "a rough figure")
    if any(g.reading.sample for g in grades):
        lines.append("sampled SMOG: McLaughlin's, on 10 sentences each from the start, middle "
                     "and end; targets are compared with the whole-text SMOG")
    return lines


def _check_summary(topics: int, missed: int, formulas: str, warnings: list[Diagnostic]) -> str:
    """check's last line: the topics checked, the topic-levels that miss a target of the
    `formulas`, and the warnings and notes."""
    notes = notes_in(warnings)
    return (f"{topics} topic{'s' * (topics != 1)} checked; {missed} topic-levels miss a "
            f"reading target ({formulas}); {len(warnings) - notes} warnings"
            + (f", {notes} notes" if notes else ""))


def _check_outputs(build_dir: Path, as_json: bool) -> None:
    """Validate every PDF under `build_dir` against PDF/UA-1 and every deck against WCAG
    2.1 AA as PowerPoint's accessibility checker sees it (handouts.check.decks), and print
    each verdict; raises BuildError if any fails, or if page-validation is not installed."""
    import json

    from handouts.check import decks, pdfua

    if not pdfua.available():
        raise BuildError("check --outputs needs page-validation to validate PDFs against "
                         f"PDF/UA-1: {pdfua.INSTALL}")
    found = [(path, verdict) for path, verdict in pdfua.validate_outputs(build_dir)
             if verdict is not None]
    failed = [path for path, verdict in found if not verdict.passed]
    slides = [(path, decks.problems(path)) for path in sorted(build_dir.rglob("*.pptx"))
              if not path.is_symlink()]
    unfit = [path for path, problems in slides if problems]
    if as_json:
        click.echo(json.dumps({"pdf_ua_1": [
            {"path": _shown(path), "rules": verdict.rules, "failed": list(verdict.failed),
             "validator": verdict.validator} for path, verdict in found],
            "decks": [{"path": _shown(path), "problems": problems}
                      for path, problems in slides],
            "passed": not failed and not unfit}, indent=2))
    else:
        for path, verdict in found:
            click.echo(f"{_shown(path)}: {'ok' if verdict.passed else 'FAILED'}: {verdict}")
        for path, problems in slides:
            click.echo(f"{_shown(path)}: {'FAILED' if problems else 'ok'}" +
                       "".join(f"\n  {problem}" for problem in problems))
        click.echo(f"{len(found)} PDFs checked against PDF/UA-1; {len(failed)} failed; "
                   f"{len(slides)} decks checked against WCAG 2.1 AA; {len(unfit)} failed")
    if failed or unfit:
        raise BuildError(f"check --outputs failed: {len(failed)} PDFs are not PDF/UA-1, "
                         f"{len(unfit)} decks have accessibility problems (listed above)")


@main.command("init")
@click.argument("directory", type=click.Path(file_okay=False))
@click.option("--lang", "language", default="en-US", show_default=True,
              help="The project's language, a BCP 47 tag: en-US, es, es-US...")
def init_command(directory: str, language: str) -> None:
    """Write a new clinic project into DIRECTORY (never over an existing file)."""
    from handouts.build import scaffold
    from handouts.build.languages import TAG_RE, TAG_TODO

    if not TAG_RE.fullmatch(language):
        raise click.BadParameter(f"{language!r} is not a BCP 47 language tag; {TAG_TODO}",
                                 param_hint="--lang")
    if language.split("-")[0].lower() not in scaffold.starter_languages():
        raise click.BadParameter(f"there is no starter project in {language!r}; choose "
                                 f"{' or '.join(scaffold.starter_languages())}, then add "
                                 "translations or a catalogue for other languages",
                                 param_hint="--lang")
    target = Path(directory)
    for path in scaffold.init(target, language):
        click.echo(f"wrote {path}")
    click.echo(f"next: edit {target / '_brand.yml'}, then run: make-handouts -C {target}")


@main.command("templates")
@click.option("--eject", "name", metavar="NAME",
              help="Copy this built-in template into the project's templates/ to edit.")
@click.pass_obj
def templates_command(root: Path, name: str | None) -> None:
    """List the built-in templates and where an override goes."""
    from handouts.build import scaffold
    from handouts.build.settings import load as load_settings

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


@main.command("icons", help="List the bundled icons; --sheet writes their contact sheet PDF.")
@click.option("--sheet", metavar="PATH", is_flag=False, flag_value="build/icons.pdf")
@click.pass_obj
def icons_command(root: Path, sheet: str | None) -> None:  # default build/icons.pdf
    click.echo("\n".join(icons(root, sheet)))  # HandoutsError for a sheet outside
