"""The clinic's brand as the templates and writers see it. handouts.brand.brandyml reads
it from `_brand.yml` (`load_brand`), reporting every mistake with its place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from handouts.colours import Palette
from handouts.errors import Diagnostic


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
    hours: str | None = None
    email: str | None = None
    qr_url: str | None = None
    disclaimer: str | None = None
    help_lines: tuple[str, ...] = ()
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

    @property
    def files(self) -> list[Path]:
        """The brand file and every file it names (logo, PowerPoint template, fonts)."""
        found = [p for p in (self.source, self.logo, self.pptx_template) if p is not None]
        for family in (self.base_font, self.heading_font):
            if family is not None:
                found += [p for p in (family.regular, family.bold, family.italic,
                                      family.bold_italic) if p is not None]
        return found

    @property
    def slug(self) -> str:
        """A folder name for this brand's outputs: lowercase ASCII letters, digits and
        hyphens, at most 64 characters (never a path: no '/', '.' or '..' can pass)."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower())[:64].strip("-") or "brand"


DEFAULT_BRAND = Brand(
    name="Your Clinic", short_name="Your Clinic", url=None, palette=Palette(),
    disclaimer="This handout is for general information. It does not replace advice from "
               "your own health care provider.",
)
