"""Jinja templates that write layout XML, looked up in the project first, then built in.

The environment is sandboxed and immutable, undefined names are errors, and every value
is XML-escaped unless a filter (`markdown`, `inline`) has already turned it into
escaped layout XML. A project template can extend the built-in one it replaces with
``{% extends "builtin/NAME" %}``.

Every word a template prints outside the content goes through the message catalogue of
the project's language (handouts.document.messages), with Jinja's i18n extension:
``{{ _("Key points") }}``, ``{{ _("Reviewed: %(month)s", month=...) }}`` or
``{% trans %}...{% endtrans %}``. A label the catalogue does not translate stops the
render with an error at the template's line naming the label and the language.

Templates are read through `files.read_input`: by their real path, only inside the
project (or, for the built-ins, the package's template folder), only regular UTF-8 files
within the size limit. A render is bounded three ways: every operation that could make a
huge value in one call (padding, repeating, joining, replacing, printf and format
widths, big integers) is sized before it runs; the output is counted as it is written;
and, as a last net, the process may not grow its data by more than MEMORY_MARGIN bytes
while a template runs, so whatever was missed fails at once with a MemoryError instead of
filling the machine.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
import markupsafe
from jinja2.loaders import split_template_path

from handouts import files
from handouts.content import markdown as markup
from handouts.content import punctuation
from handouts.document import limits, messages
from handouts.document.limits import HARD_MARGIN, MEMORY_MARGIN, TIME_LIMIT
from handouts.document.sandbox import SIZE_LIMIT, SIZED_FILTERS, LimitedSandbox, lipsum
from handouts.errors import Location, Problem, TemplateError

__all__ = ["HARD_MARGIN", "TIME_LIMIT", "builtin_dir", "environment", "render"]

BUILTIN_PREFIX = "builtin"
"""The prefix that names a built-in template from a project template that replaces it."""


# Reading templates -------------------------------------------------------------------------

class _GuardedLoader(jinja2.FileSystemLoader):
    """A FileSystemLoader that reads each template with `files.read_input`: by its real path,
    only inside `roots`, only a regular file of at most LIMITS["template"] bytes of UTF-8.
    A name that is not there is TemplateNotFound (the next loader is tried); one that is
    there but refused raises files.Refused, so a refused override never falls back to the
    built-in silently."""

    def __init__(self, folder: Path, roots: Sequence[Path]) -> None:
        super().__init__(str(folder))
        self.roots = tuple(roots)

    def get_source(self, environment: jinja2.Environment,
                   template: str) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)
        for folder in self.searchpath:
            path = Path(folder, *pieces)
            if not os.path.lexists(path):
                continue
            data = files.read_input(path, self.roots, files.LIMITS["template"])
            try:
                source = data.decode("utf-8")
            except UnicodeDecodeError as exc:
                raise files.Refused(path, f"is not UTF-8 text (byte {exc.start + 1} is not)",
                                    "save the template as UTF-8") from None
            return source, os.path.normpath(path), _unchanged(path)
        raise jinja2.TemplateNotFound(template)


def _unchanged(path: Path) -> Callable[[], bool]:
    """A test of whether `path` still has the modification time it has now (jinja asks
    before reusing a compiled template)."""
    def stamp() -> int | None:
        try:
            return os.stat(path).st_mtime_ns
        except OSError:
            return None

    first = stamp()
    return lambda: first is not None and stamp() == first


def builtin_dir() -> Path:
    """The folder of built-in templates inside the installed package."""
    return Path(str(resources.files("handouts.document") / "templates"))


def environment(project_templates: Path | None, *, root: Path | None = None,
                catalogue: messages.Catalogue | None = None) -> jinja2.Environment:
    """A sandboxed environment searching `project_templates`, then the built-ins, whose
    `_()` and `{% trans %}` translate with `catalogue` (default: the package's English).

    Project templates (and the files they link to) must lie inside `root`, the project's
    folder (default: the parent of `project_templates`); built-in ones inside
    builtin_dir()."""
    builtin = _GuardedLoader(builtin_dir(), [builtin_dir()])
    loaders: list[jinja2.BaseLoader] = []
    if project_templates is not None and project_templates.is_dir():
        allowed = root if root is not None else project_templates.parent
        loaders.append(_GuardedLoader(project_templates, [allowed]))
    loaders.append(builtin)
    loader = jinja2.ChoiceLoader([jinja2.PrefixLoader({BUILTIN_PREFIX: builtin}), *loaders])
    env = LimitedSandbox(
        loader=loader,
        undefined=jinja2.StrictUndefined,
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
        extensions=["jinja2.ext.i18n"],
    )
    _install(env, catalogue or messages.load(messages.DEFAULT_LANGUAGE, None))
    env.filters.update(SIZED_FILTERS)
    env.globals["lipsum"] = lipsum
    env.filters["markdown"] = markup.blocks
    env.filters["inline"] = markup.inline
    env.filters["sentence"] = punctuation.sentence
    env.filters["cite"] = punctuation.cite
    env.filters["plain"] = lambda text: " ".join(markup.plain(text).split())
    env.filters["paragraphs"] = lambda text: [p for p in markup.plain(text).split("\n\n") if p]
    return env


def _install(env: jinja2.Environment, catalogue: messages.Catalogue) -> None:
    """Make `_`, `gettext` and `ngettext` of `env` translate with `catalogue`, escaping
    each translation for the layout XML (Jinja's new-style gettext takes a translation as
    markup, and a project's catalogue is not trusted to write layout elements)."""
    def gettext(label: str) -> str:
        return markupsafe.escape(catalogue.label(label))

    def ngettext(singular: str, plural: str, n: int) -> str:
        # English and Spanish have two forms, the first for one alone (gettext's
        # "nplurals=2; plural=(n != 1)").
        return gettext(singular if n == 1 else plural)

    env.install_gettext_callables(gettext, ngettext, newstyle=True)  # type: ignore[attr-defined]


def render(env: jinja2.Environment, name: str, context: Any, time_limit: float = TIME_LIMIT,
           size_limit: int = SIZE_LIMIT, hard_stop: bool = False) -> str:
    """Render template `name` within `time_limit` seconds, `size_limit` characters and
    MEMORY_MARGIN bytes; any template fault, and a template file that may not be read, is a
    TemplateError naming file and line.

    With `hard_stop` (in a build's worker process) a render still running after
    `time_limit` + HARD_MARGIN seconds of processor time ends the process itself, even
    inside C code; the runner reports that as this template's problem."""
    try:
        template = env.get_template(name)
        with limits.time_limit(time_limit), limits.memory_limit(MEMORY_MARGIN), \
                limits.processor_limit(time_limit + HARD_MARGIN if hard_stop else None):
            return limits.limited(template, context, size_limit)
    except limits.TooSlow:
        raise TemplateError([Problem(_running(name), f"the template ran for more than "
                                     f"{time_limit:g} s and was stopped",
                                     "look for a loop that does not end")]) from None
    except files.Refused as exc:
        raise TemplateError([Problem(Location(exc.path), f"template {exc.what}",
                                     exc.todo)]) from None
    except jinja2.TemplateNotFound as exc:
        searched = [p for loader in _filesystem_loaders(env) for p in loader.searchpath]
        raise TemplateError([Problem(
            Location(Path(exc.name or name)), "template not found",
            "looked in " + ", ".join(searched))]) from None
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError([Problem(Location(Path(exc.filename or name), exc.lineno or 0),
                                     f"template syntax error: {exc.message}",
                                     "fix the template")]) from None
    except messages.MissingLabel as exc:
        raise TemplateError([Problem(_running(name), str(exc), exc.todo)]) from None
    except MemoryError:
        raise TemplateError([Problem(_running(name), f"the template needed more than "
                                     f"{MEMORY_MARGIN // 2**20} MiB of memory and was stopped",
                                     "look for a value that grows without end")]) from None
    except Exception as exc:
        kind = "uses an undefined name" if isinstance(exc, jinja2.UndefinedError) else "failed"
        raise TemplateError([Problem(_running(name), f"template {kind}: {exc}",
                                     "fix the template")]) from None


def _running(name: str) -> Location:
    """Where the exception being handled was raised: the innermost template file and line
    of its traceback, else template `name`."""
    frame = limits.template_frame(sys.exc_info()[2])
    return Location(Path(frame[0]), frame[1]) if frame else Location(Path(name))


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
