"""The clinic's brand as the templates and writers see it. handouts.brand.brandyml reads
it from `_brand.yml` (`load_brand`), reporting every mistake with its place.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from handouts.colours import Palette
from handouts.errors import Diagnostic, Location, Problem


@dataclass(frozen=True)
class PerLanguage:
    """A brand text given per language, as `hours: {en: ..., es: ...}` is written: each
    BCP 47 tag to the text for handouts in that language."""

    texts: Mapping[str, str]
    at: Location
    """Where the mapping is written."""

    def text(self, language: str) -> str | None:
        """The text for `language` (a BCP 47 tag): the one tagged with it, else with its
        language alone ("es" for "es-US"), case ignored; None if neither is given."""
        tags = {tag.lower().replace("_", "-"): text for tag, text in self.texts.items()}
        parts = language.lower().split("-")
        for n in range(len(parts), 0, -1):
            found = tags.get("-".join(parts[:n]))
            if found is not None:
                return found
        return None


BrandText = str | PerLanguage
"""A brand text: one text (in the project's language, or the same in every language, as
an address is) or a text per language."""

TRANSLATED = ("hours", "disclaimer", "qr_url", "help_lines")
"""The brand fields that may be given per language."""

WORDED = ("hours", "disclaimer", "help_lines")
"""Of those, the ones written in words, so that one text serves one language only (a QR
code's address serves all)."""


@dataclass(frozen=True)
class FontFamily:
    """A brand font family's files; bold and italic fall back to regular when absent."""

    name: str
    regular: Path
    bold: Path | None = None
    italic: Path | None = None
    bold_italic: Path | None = None


@dataclass(frozen=True)
class Brand:
    """What the templates and writers need to know about the clinic."""

    name: str
    short_name: str
    url: str | None
    palette: Palette
    phone: str | None = None
    address: str | None = None
    hours: BrandText | None = None
    email: str | None = None
    qr_url: BrandText | None = None
    disclaimer: BrandText | None = None
    """The brand's own disclaimer; None: the catalogue's ("This handout is for general
    information...") in each handout's language."""
    help_lines: tuple[BrandText, ...] = ()
    paper: str = "letter"
    slide_size: str = "16:9"
    logo: Path | None = None
    """The logo for light backgrounds, largest size given (absolute path)."""
    logo_alt: str = ""
    """The logo's alternative text as the brand gives it (brand.yml's `alt`); '' when not
    given, and the templates then say "<name> logo"."""
    base_font: FontFamily | None = None
    heading_font: FontFamily | None = None
    pptx_template: Path | None = None
    source: Path | None = None
    warnings: tuple[Diagnostic, ...] = field(default=(), compare=False)
    """What is worth fixing in the brand but does not stop a build."""
    digest: str = field(default="", compare=False)
    """The SHA-256 of the brand file's bytes as read ('' for the default brand)."""
    places: Mapping[str, Location] = field(default_factory=dict, compare=False)
    """Where each `defaults.handouts` key is written, by field name."""

    @property
    def files(self) -> list[Path]:
        """The brand file and every file it names (logo, PowerPoint template, fonts)."""
        found = [p for p in (self.source, self.logo, self.pptx_template) if p is not None]
        for family in (self.base_font, self.heading_font):
            if family is not None:
                found += [p for p in (family.regular, family.bold, family.italic,
                                      family.bold_italic) if p is not None]
        return found

    def in_language(self, language: str) -> Brand:
        """The brand as handouts in `language` (a BCP 47 tag) show it: each text given per
        language as its text in `language` (None, or left out of the help lines, when it
        has none; `untranslated` says where)."""
        def pick(value: BrandText | None) -> str | None:
            return value.text(language) if isinstance(value, PerLanguage) else value

        lines = tuple(line for line in map(pick, self.help_lines) if line is not None)
        return replace(self, hours=pick(self.hours), qr_url=pick(self.qr_url),
                       disclaimer=pick(self.disclaimer), help_lines=lines)

    def untranslated(self, language: str, project_language: str) -> list[Problem]:
        """Each brand text that handouts in `language` would lack or show in another
        language: a text given per language with no text for it, or (for a language
        other than the project's) a worded text given once. Located where it is
        written."""
        problems: list[Problem] = []
        other = language.lower() != project_language.lower()
        primary = language.split("-")[0]
        for name in TRANSLATED:
            value = getattr(self, name)
            for item in (value if name == "help_lines" else (value,)):
                if isinstance(item, PerLanguage) and item.text(language) is None:
                    problems.append(Problem(item.at, f"defaults.handouts.{name} has no "
                                            f"{language} text, which the {language} handouts "
                                            "need", f"add {primary}: with the text in that "
                                            "language"))
                elif isinstance(item, str) and other and name in WORDED:
                    where = self.places.get(name) or Location(self.source or Path("."))
                    problems.append(Problem(where, f"defaults.handouts.{name} is given in one "
                                            f"language; the {language} handouts need it in "
                                            "theirs", f"write it per language, e.g. {name}: "
                                            f"{{{project_language.split('-')[0]}: ..., "
                                            f"{primary}: ...}}"))
        return problems

    @property
    def slug(self) -> str:
        """A folder name for this brand's outputs: lowercase ASCII letters, digits and
        hyphens, at most 64 characters (never a path: no '/', '.' or '..' can pass)."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower())[:64].strip("-") or "brand"


DEFAULT_BRAND = Brand(
    name="Your Clinic", short_name="Your Clinic", url=None, palette=Palette(),
)
