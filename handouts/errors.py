"""One error tree: every failure the user should see, with its exit code and location."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, Protocol

import click

EXIT_FAILED = 1
"""The build or check failed (for example, text that does not fit its panel)."""

EXIT_BAD_INPUT = 2
"""The input is wrong: content, settings, brand or templates."""


@dataclass(frozen=True)
class Location:
    """A place in an input file; line and column count from 1 (0: unknown)."""

    path: Path
    line: int = 0
    column: int = 0

    def __str__(self) -> str:
        text = str(self.path)
        if self.line:
            text += f":{self.line}"
            if self.column:
                text += f":{self.column}"
        return text


@dataclass(frozen=True)
class Problem:
    """One mistake: where it is, what is wrong, and what to do."""

    location: Location
    what: str
    todo: str = ""

    def __str__(self) -> str:
        text = f"{self.location}: {self.what}"
        return f"{text}; {self.todo}" if self.todo else text


@dataclass(frozen=True)
class Diagnostic:
    """A warning: something a build or check did that the user should know of, kept as data
    so that it can be printed with its place, counted, shown in the report and turned into a
    failure by `--strict`.

    `code` is a short kebab-case name of the kind of warning (for example `font-fallback`,
    `layout-fallback`, `low-contrast`), stable across releases so that tools can filter on
    it; `message` says what happened and what was done instead; `location` is where the
    cause was written, when there is one place. A `note` (`severity`) is something done as
    designed that the user may still want to know of (a section shown in its short form);
    it is printed and reported but never counted as a warning or failed by `--strict`.
    """

    code: str
    message: str
    location: Location | None = None
    severity: Literal["warning", "note"] = "warning"

    def __str__(self) -> str:
        return f"{self.location}: {self.message}" if self.location else self.message


class Said(Protocol):
    """Anything reported with a severity: a Diagnostic, or a check's finding."""

    @property
    def severity(self) -> Literal["warning", "note"]: ...


def notes_in(said: Iterable[Said]) -> int:
    """How many of `said` are notes (the rest are warnings)."""
    return sum(1 for s in said if s.severity == "note")


class HandoutsError(click.ClickException):
    """Base of every error shown to the user; `cli` is the only place that exits."""

    exit_code = EXIT_FAILED

    def format_message(self) -> str:
        return self.message

    def show(self, file: object = None) -> None:
        click.echo(f"Error: {self.format_message()}", err=True)


class InputError(HandoutsError):
    """One or more located mistakes in the user's files (exit 2)."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [str(p) for p in self.problems]
        header = f"{count} problem{'s' if count != 1 else ''} in the input:" if count > 1 else ""
        super().__init__("\n".join([header, *lines]) if header else lines[0])


class ContentError(InputError):
    """Mistakes in content files."""


class SettingsError(InputError):
    """Mistakes in handouts.toml or the brand file."""


class TemplateError(InputError):
    """A template that fails to compile or render, or writes an invalid layout document."""


class BuildError(HandoutsError):
    """An output could not be made (exit 1), such as text that does not fit its panel."""

    exit_code = EXIT_FAILED
