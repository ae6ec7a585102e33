"""Bad input tried systematically: every case gives a result or a located error with its
exit code, never a traceback."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import click
from click.testing import Result

from handouts.cli import build_command, main
from handouts.content.topic import load_topic
from tests.helpers import GOOD, run_tool, write_project

LEVELS = ("easy", "standard", "clinical")


def no_traceback(result: Result) -> None:
    assert "Traceback" not in result.output


def test_an_alias_bomb_is_refused_before_it_expands(tmp_path: Path,
                                                    cli: Callable[..., Result]) -> None:
    bomb = "a: &a [x, x, x, x, x, x, x, x, x]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, "
        f"*{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}, *{chr(97 + i)}]\n"
        for i in range(8))
    write_project(tmp_path, bomb)
    result = cli("-C", tmp_path, "build")
    assert result.exit_code == 2
    assert "hands.yaml:1:4: invalid YAML: anchors (&name) are not allowed" in result.output
    no_traceback(result)


def test_ten_thousand_sections_load_and_the_booklet_says_it_is_too_long(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    section = ("  - id: s{n}\n    priority: 3\n    heading: Part {n} of the topic\n"
               "    body: Wash your hands with soap and water for twenty seconds.\n"
               "    sources: [who]\n")
    text = GOOD.replace("sections:\n", "sections:\n" + "".join(
        section.format(n=n) for n in range(10_000)))
    path = write_project(tmp_path, text)
    topic, problems = load_topic(path, LEVELS)
    assert problems == [] and topic is not None and len(topic.sections) == 10_001
    result = cli("-C", tmp_path, "build", "--length", "full", "--level", "easy", "--format",
                 "pdf", "--no-report")
    assert result.exit_code == 1
    assert "more than 200 pages" in result.output
    no_traceback(result)
    result = cli("-C", tmp_path, "build", "--length", "short", "--level", "easy", "--format",
                 "pdf", "--no-report")
    assert result.exit_code == 0, result.output


def test_a_five_thousand_character_word_in_a_trifold_panel(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("      easy: Germs live on hands.",
                                         "      easy: " + "germ" * 1250))
    result = cli("-C", tmp_path, "build", "--length", "standard", "--level", "easy",
                 "--format", "pdf", "--no-report")
    assert result.exit_code == 1
    assert re.search(r"panel 'inside right' on page 'inside' does not fit by \d+ pt",
                     result.output)
    no_traceback(result)


def test_a_long_url_breaks_across_lines_in_a_narrow_panel(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    url = "https://example.org/" + "a-very-long-path/" * 17 + "end"
    assert len(url) > 300
    write_project(tmp_path, GOOD.replace("      easy: Germs live on hands.",
                                         f"      easy: See [the guide]({url}) or {url}"))
    result = cli("-C", tmp_path, "build", "--length", "standard", "--level", "easy",
                 "--format", "pdf", "--no-report")
    assert result.exit_code == 0, result.output
    text = run_tool("pdftotext", tmp_path / "build/hands/hands-easy-brochure.pdf", "-")
    assert "".join(text.split()).count("a-very-long-path") >= 17  # nothing cut


def test_emoji_the_font_cannot_draw_are_located(tmp_path: Path,
                                                cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("  - Wash for 20 seconds.", "  - Wash \U0001F9FC well."))
    result = cli("-C", tmp_path, "build", "--no-report")
    assert result.exit_code == 2
    assert "hands.yaml:7:10: the brand's font cannot draw '\U0001F9FC' (U+1F9FC)" in result.output
    assert not (tmp_path / "build").exists()


GOOGLE_FONT = ("typography:\n  fonts:\n    - family: Open Sans\n      source: google\n"
               "  base: Open Sans\n")


def use_google_font(project: Path) -> str:
    """Give the project's brand a base font that would need a download; the warning line
    the build and check print for it, with its place and code."""
    brand = project / "_brand.yml"
    text = brand.read_text(encoding="utf-8").rstrip("\n") + "\n"
    brand.write_text(text + GOOGLE_FONT, encoding="utf-8")
    line = len(text.splitlines()) + 5
    return (f"warning: {brand}:{line}:9: the base font 'Open Sans' (google) would need to be "
            "downloaded or installed; using the built-in Noto Sans instead. Add its .ttf "
            "files with 'source: file' to use it. [font-fallback]")


FLYERS = ("build", "--length", "short", "--format", "pdf", "--no-report")


def test_build_prints_each_warning_with_its_place_and_code(
        sample: Path, cli: Callable[..., Result]) -> None:
    warning = use_google_font(sample)
    result = cli("-C", sample, *FLYERS)
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines.count(warning) == 1
    summary = next(n for n, line in enumerate(lines) if line.startswith(
        "Riverbend Community Health: built 6, unchanged 0, failed 0, warnings 1"))
    assert lines.index(warning) < summary
    assert not any(line.startswith("note:") for line in lines)  # notes are only counted
    answered = cli("-C", sample, *FLYERS)  # from the up-to-date record: the same warning
    assert warning in answered.output.splitlines()
    assert "built 0, unchanged 6, failed 0, warnings 1" in answered.output


def test_build_strict_fails_on_a_warning_and_says_why(sample: Path,
                                                       cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, *FLYERS, "--strict").exit_code == 0
    warning = use_google_font(sample)
    for _ in range(2):  # a real build, then one answered from the up-to-date record
        result = cli("-C", sample, *FLYERS, "--strict")
        assert result.exit_code == 1
        assert warning in result.output.splitlines()
        assert "Error: build --strict failed: 1 warning (listed above)" in result.output
    assert cli("-C", sample, *FLYERS).exit_code == 0


def test_check_prints_warnings_as_the_build_does(sample: Path,
                                                 cli: Callable[..., Result]) -> None:
    import json

    warning = use_google_font(sample)
    result = cli("-C", sample, "check")
    assert warning in result.output.splitlines()
    assert cli("-C", sample, "check", "--strict").exit_code == 1
    found = json.loads(cli("-C", sample, "check", "--json").output)["brand_warnings"]
    assert [(w["code"], w["location"]["path"], w["location"]["column"]) for w in found] == \
        [("font-fallback", str(sample / "_brand.yml"), 9)]


def _example_args(param: click.Parameter) -> list[str]:
    """One way of giving `param` on the command line, with a value it accepts."""
    if isinstance(param, click.Argument):
        return ["some-topic"]
    assert isinstance(param, click.Option)
    name = max(param.opts, key=len)
    if param.is_flag:
        return [param.secondary_opts[0] if param.secondary_opts else name]
    if isinstance(param.type, click.Choice):
        return [name, str(param.type.choices[-1])]
    if isinstance(param.type, click.IntRange):
        return [name, "3"]
    return [name, "1/2" if name == "--shard" else "a-value"]


def _parsed(argv: list[str]) -> tuple[str | None, dict[str, object]]:
    """The command `argv` reaches and the parameters it gets, as click parses them."""
    ctx = main.make_context("make-handouts", list(argv))
    name, command, rest = main.resolve_command(ctx, [*ctx._protected_args, *ctx.args])
    assert command is not None
    return name, command.make_context(name or "", rest, parent=ctx).params


def test_every_build_option_means_the_same_on_the_bare_command() -> None:
    params = [p for p in build_command.params if p.name != "help"]
    assert len(params) >= 11  # topics, --level, ..., --strict: every one is tried below
    for param in params:
        argv = _example_args(param)
        assert _parsed(["-C", "somewhere", *argv]) == \
            _parsed(["-C", "somewhere", "build", *argv]), argv
        name, given = _parsed(argv)
        assert name == "build" and given[param.name or ""] not in (None, (), param.default), \
            argv
    everything = [a for p in params for a in _example_args(p)]
    assert _parsed(everything) == _parsed(["build", *everything])


def test_the_bare_command_takes_builds_options_and_topics(sample: Path,
                                                        cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, "--no-thumbnails", "-j", "2", "--length", "short",
                 "--format", "pdf", "ketamine-and-addiction")
    assert result.exit_code == 0, result.output
    # the warnings are the sample's health-literacy findings, which the report lists
    assert re.search(r"Riverbend Community Health: built 3, unchanged 0, failed 0, warnings \d+",
                     result.output)
    assert not list((sample / "build" / "_report").glob("*.png"))  # --no-thumbnails
    bare = cli("-C", sample, "--length", "short", "--format", "pdf", "--no-report")
    assert "built 3, unchanged 3, failed 0, warnings 0" in bare.output.splitlines()[-1]
    wrong = cli("-C", sample, "--no-such-option")
    assert wrong.exit_code == 2
    assert "No such option '--no-such-option'" in wrong.output
    helped = cli("--help")
    assert helped.exit_code == 0
    for command in ("build", "check", "init", "list", "templates", "watch"):
        assert re.search(rf"^  {command} ", helped.output, re.MULTILINE), command


def test_the_group_options_alone_build_everything(tmp_path: Path,
                                                  cli: Callable[..., Result]) -> None:
    result = cli("-C", tmp_path / "nothing-here")
    assert result.exit_code == 2  # build ran, and found no content to build
    assert "the content folder does not exist" in result.output
    assert "Usage" not in result.output
