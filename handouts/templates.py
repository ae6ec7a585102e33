"""Jinja templates that write layout XML, looked up in the project first, then built in.

The environment is sandboxed and immutable, undefined names are errors, and every value
is XML-escaped unless a filter (`markdown`, `inline`) has already turned it into
escaped layout XML. A project template can extend the built-in one it replaces with
``{% extends "builtin/NAME" %}``.
"""

from __future__ import annotations

import contextlib
import signal
import sys
import threading
from collections.abc import Iterator
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.exceptions import SecurityError
from jinja2.sandbox import ImmutableSandboxedEnvironment

from handouts import markup
from handouts.errors import Location, Problem, TemplateError

BUILTIN_PREFIX = "builtin"
TIME_LIMIT = 10.0
"""Seconds one template may run before it is stopped."""
SIZE_LIMIT = 20_000_000
"""Characters one template may write (a layout document is far smaller)."""


class _LimitedSandbox(ImmutableSandboxedEnvironment):
    """The immutable sandbox, also refusing to build huge strings or numbers."""

    intercepted_binops = frozenset(["*", "**"])

    def call_binop(self, context: Any, operator: str, left: Any, right: Any) -> Any:
        if operator == "**" and isinstance(right, int) and abs(right) > 64:
            raise SecurityError("a power above 64 is not allowed in templates")
        if operator == "*":
            for seq, times in ((left, right), (right, left)):
                if isinstance(seq, (str, list, tuple)) and isinstance(times, int) \
                        and len(seq) * times > SIZE_LIMIT:
                    raise SecurityError(f"the template tried to build a value of more than "
                                        f"{SIZE_LIMIT:,} items")
        return super().call_binop(context, operator, left, right)


def builtin_dir() -> Path:
    """The folder of built-in templates inside the installed package."""
    return Path(str(resources.files("handouts") / "templates"))


def environment(project_templates: Path | None) -> jinja2.Environment:
    """A sandboxed environment searching `project_templates`, then the built-ins."""
    builtin = jinja2.FileSystemLoader(str(builtin_dir()))
    loaders: list[jinja2.BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        loaders.append(jinja2.FileSystemLoader(str(project_templates)))
    loaders.append(builtin)
    loader = jinja2.ChoiceLoader([jinja2.PrefixLoader({BUILTIN_PREFIX: builtin}), *loaders])
    env = _LimitedSandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["markdown"] = markup.blocks
    env.filters["inline"] = markup.inline
    env.filters["plain"] = lambda text: " ".join(markup.plain(text).split())
    env.filters["paragraphs"] = lambda text: [p for p in markup.plain(text).split("\n\n") if p]
    return env


def _template_frame(tb: TracebackType | None) -> tuple[str, int] | None:
    """The innermost traceback frame that is in a template file."""
    found = None
    while tb is not None:
        filename = tb.tb_frame.f_code.co_filename
        if filename.endswith(".j2"):
            found = (filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


class _TooSlow(Exception):
    pass


@contextlib.contextmanager
def _time_limit(seconds: float) -> Iterator[None]:
    """Stop the code inside after `seconds` (main thread only; elsewhere no limit)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum: int, frame: object) -> None:
        raise _TooSlow

    previous = signal.signal(signal.SIGALRM, stop)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _limited(template: jinja2.Template, context: Any, size_limit: int) -> str:
    parts: list[str] = []
    size = 0
    for piece in template.generate(context):
        size += len(piece)
        if size > size_limit:
            raise SecurityError(f"the template wrote more than {size_limit:,} characters")
        parts.append(piece)
    return "".join(parts)


def render(env: jinja2.Environment, name: str, context: Any, time_limit: float = TIME_LIMIT,
           size_limit: int = SIZE_LIMIT) -> str:
    """Render template `name` within the time and size limits; any template fault is a
    TemplateError naming file and line."""
    try:
        template = env.get_template(name)
        with _time_limit(time_limit):
            return _limited(template, context, size_limit)
    except _TooSlow:
        raise TemplateError([Problem(Location(Path(name)),
                                     f"the template ran for more than {time_limit:g} s and was "
                                     "stopped", "look for a loop that does not end")]) from None
    except jinja2.TemplateNotFound as exc:
        searched = [p for loader in _filesystem_loaders(env) for p in loader.searchpath]
        raise TemplateError([Problem(
            Location(Path(exc.name or name)), "template not found",
            "looked in " + ", ".join(searched))]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError([Problem(Location(Path(exc.filename or name), exc.lineno or 0),
                                     f"template syntax error: {exc.message}",
                                     "fix the template")]) from None
    except Exception as exc:
        frame = _template_frame(sys.exc_info()[2])
        where = Location(Path(frame[0]), frame[1]) if frame else Location(Path(name))
        kind = "uses an undefined name" if isinstance(exc, jinja2.UndefinedError) else "failed"
        raise TemplateError([Problem(where, f"template {kind}: {exc}",
                                     "fix the template")]) from None


def _filesystem_loaders(env: jinja2.Environment) -> list[jinja2.FileSystemLoader]:
    found: list[jinja2.FileSystemLoader] = []

    def walk(loader: jinja2.BaseLoader | None) -> None:
        if isinstance(loader, jinja2.FileSystemLoader):
            if loader not in found:
                found.append(loader)
        elif isinstance(loader, jinja2.ChoiceLoader):
            for child in loader.loaders:
                walk(child)

    walk(env.loader)
    return found
