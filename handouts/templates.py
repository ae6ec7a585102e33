"""Jinja templates that write layout XML, looked up in the project first, then built in.

The environment is sandboxed and immutable, undefined names are errors, and every value
is XML-escaped unless a filter (`markdown`, `inline`) has already turned it into
escaped layout XML. A project template can extend the built-in one it replaces with
``{% extends "builtin/NAME" %}``.
"""

from __future__ import annotations

import sys
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment

from handouts import markup
from handouts.errors import Location, Problem, TemplateError

BUILTIN_PREFIX = "builtin"


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
    env = ImmutableSandboxedEnvironment(
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


def render(env: jinja2.Environment, name: str, context: Any) -> str:
    """Render template `name`; any template fault is a TemplateError naming file and line."""
    try:
        template = env.get_template(name)
        return template.render(context)
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
