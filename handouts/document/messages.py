"""Message catalogues: every word the templates and writers print outside the content
(section labels, "Scan for more", "Page 2 of 5", "(continued)", review dates), in the
project's language.

A catalogue is a gettext `.po` file, `locales/<tag>/LC_MESSAGES/handouts.po`, read with
Babel when a project is loaded. The package ships English and Spanish ones
(handouts/locales); a project may add a language or override labels with its own file of
the same name under its folder. The `.po` files are read as they are, not compiled to
`.mo`: a project's own file then needs no compile step, a mistake in it is reported at
its line, and the wheel ships the same text files the repository holds.

For a tag such as "es-US" the files looked for are, most wanted first: the project's
es-US (or es_US), the project's es, the package's es-US, the package's es; a label is
taken from the first file that translates it. A label no file translates (missing, empty
or marked fuzzy) is an error naming the label and the language, never English.

Labels are Python %-format strings whose only placeholders are `%(name)s` (and `%%`); a
translation may use only the placeholders its label has, so formatting it cannot fail
or make a huge string.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from babel import Locale
from babel.dates import format_skeleton
from babel.messages.pofile import PoFileError, read_po

from handouts import files
from handouts.errors import Location, Problem, SettingsError
from handouts.writers.contract import WriterLabels

DEFAULT_LANGUAGE = "en-US"
"""The language of a catalogue asked for without one (handouts.build.languages's default)."""

DOMAIN = "handouts"
"""The catalogues' gettext domain: the name of the .po file."""

PLACEHOLDER_RE = re.compile(r"%(?:\((\w+)\)s|%)|(%)")
"""A placeholder (group 1: its name), an escaped per cent sign, or (group 2) any other
use of '%', which a label may not make."""

WRITER_LABELS = {
    "page": "Page %(number)s of %(count)s",
    "continued": "continued",
    "continued_of": "continued, %(number)s of %(count)s",
    "continued_kicker": "Continued",
    "continued_kicker_of": "Continued, %(number)s of %(count)s",
    "continued_note": "This slide goes on from the last one.",
    "qr_alt": "QR code linking to %(address)s",
    "logo_alt": "Logo",
}
"""The labels the writers draw themselves, by WriterLabels field: each its English label,
the catalogues' message id."""

DISCLAIMER = ("This handout is for general information. It does not replace advice from "
              "your own health care provider.")
"""The disclaimer of a brand that gives none, in each handout's language."""

REQUIRED = (*WRITER_LABELS.values(), "%(name)s logo", DISCLAIMER)
"""The labels every catalogue must translate, checked when it is loaded: the writers'
and those the template context is made with (handouts.content.view)."""


class MissingLabel(Exception):
    """A label the catalogue of a language does not translate."""

    def __init__(self, label: str, catalogue: Catalogue) -> None:
        self.label, self.language = label, catalogue.language
        where = catalogue.sources[0] if catalogue.sources else \
            Path("locales", catalogue.language, "LC_MESSAGES", f"{DOMAIN}.po")
        super().__init__(f"the label {label!r} has no {catalogue.language} translation in "
                         f"the message catalogue ({', '.join(map(str, catalogue.sources))})")
        self.todo = f'add msgid "{label}" with its msgstr in {catalogue.language} to {where}'


@dataclass(frozen=True)
class Catalogue:
    """The labels of one language: each English label (msgid) to its translation."""

    language: str
    """The BCP 47 tag asked for ("es-US")."""
    messages: Mapping[str, str]
    sources: tuple[Path, ...]
    """The .po files read, most wanted first."""

    def label(self, msgid: str) -> str:
        """The translation of `msgid`; raises MissingLabel if there is none."""
        found = self.messages.get(msgid)
        if not found:
            raise MissingLabel(msgid, self)
        return found

    def month(self, day: dt.date) -> str:
        """`day`'s month and year as this language writes them ("November 2026",
        "noviembre de 2026"): CLDR's yMMMM pattern, through Babel."""
        return str(format_skeleton("yMMMM", day, locale=_locale(self.language)))

    def writer_labels(self) -> WriterLabels:
        """The labels the writers draw themselves; raises MissingLabel for one not
        translated."""
        return WriterLabels(**{field: self.label(msgid) for field, msgid in WRITER_LABELS.items()})


def builtin_locales() -> Path:
    """The folder of the package's own catalogues."""
    return Path(str(resources.files("handouts") / "locales"))


def candidates(tag: str) -> list[str]:
    """The folder names a tag's catalogue may have, most wanted first: "es-US", "es_US",
    "es" for "es-US"."""
    parts = tag.split("-")
    names: list[str] = []
    for n in range(len(parts), 0, -1):
        for name in ("-".join(parts[:n]), "_".join(parts[:n])):
            if name not in names:
                names.append(name)
    return names


def load(language: str, project_root: Path | None) -> Catalogue:
    """The catalogue of `language` (a BCP 47 tag) for the project at `project_root` (None:
    the package's alone). Raises SettingsError, each problem at its file and line, for a
    catalogue that cannot be read, a translation whose placeholders differ from its
    label's, a language with no catalogue at all, or a REQUIRED label not translated."""
    found: list[Path] = []
    for root in (project_root, builtin_locales().parent):
        if root is None:
            continue
        for name in candidates(language):
            path = root / "locales" / name / "LC_MESSAGES" / f"{DOMAIN}.po"
            if path.is_file() and path not in found:
                found.append(path)
    problems: list[Problem] = []
    messages: dict[str, str] = {}
    for path in reversed(found):  # the most wanted last, so its labels win
        read(path, project_root, messages, problems)
    catalogue = Catalogue(language, messages, tuple(found))
    if not found:
        at = Location(project_root / "handouts.toml") if project_root else Location(Path("."))
        problems.append(Problem(at, f"there is no message catalogue for the language "
                                f"{language!r}", f"write one as locales/{language}/"
                                f"LC_MESSAGES/{DOMAIN}.po in the project (copy "
                                f"{builtin_locales() / 'en' / 'LC_MESSAGES' / f'{DOMAIN}.po'} "
                                "and translate each msgstr)"))
    else:
        for msgid in REQUIRED:
            if not messages.get(msgid):
                exc = MissingLabel(msgid, catalogue)
                problems.append(Problem(Location(found[0]), str(exc), exc.todo))
    if problems:
        raise SettingsError(problems)
    return catalogue


def read(path: Path, project_root: Path | None, into: dict[str, str],
         problems: list[Problem]) -> None:
    """The translated messages of the .po file at `path` into `into` (fuzzy and empty
    ones left out); each mistake into `problems` at its line."""
    roots = (project_root,) if project_root is not None and path.is_relative_to(project_root) \
        else (builtin_locales(),)
    try:
        data = files.read_input(path, roots, files.LIMITS["template"])
        catalog = read_po(data.decode("utf-8").splitlines(), abort_invalid=True)
    except files.Refused as exc:
        problems.append(Problem(Location(exc.path), f"message catalogue {exc.what}", exc.todo))
        return
    except UnicodeDecodeError as exc:
        problems.append(Problem(Location(path), f"the message catalogue is not UTF-8 text "
                                f"(byte {exc.start + 1} is not)", "save it as UTF-8"))
        return
    except PoFileError as exc:
        problems.append(Problem(Location(path, getattr(exc, "lineno", 0) or 0),
                                f"the message catalogue cannot be read: {exc}",
                                "fix the .po file (msgid \"...\" then msgstr \"...\")"))
        return
    for message in catalog:
        if not message.id or not isinstance(message.id, str) or message.fuzzy:
            continue
        text = message.string if isinstance(message.string, str) else ""
        if not text:
            continue
        wrong = _placeholder_problem(message.id, text)
        if wrong:
            problems.append(Problem(Location(path, message.lineno or 0), wrong,
                                    "use only %(name)s placeholders its msgid has, and %% "
                                    "for a per cent sign"))
            continue
        into[message.id] = text


def _placeholder_problem(msgid: str, text: str) -> str:
    """What is wrong with the placeholders of translation `text` of `msgid`, or ''."""
    wanted = {m.group(1) for m in PLACEHOLDER_RE.finditer(msgid) if m.group(1)}
    for m in PLACEHOLDER_RE.finditer(text):
        if m.group(2):
            return (f"the translation of {msgid!r} uses '%' other than as %(name)s or %%: "
                    f"{text!r}")
        if m.group(1) and m.group(1) not in wanted:
            return (f"the translation of {msgid!r} has the placeholder %({m.group(1)})s, "
                    f"which its label does not have")
    return ""


def _locale(tag: str) -> Locale:
    """Babel's locale of a BCP 47 tag ("es-US")."""
    return Locale.parse(tag, sep="-")
