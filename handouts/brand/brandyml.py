"""Reading `_brand.yml`: the brand.yml format (https://posit-dev.github.io/brand-yml/)
and the handouts extras under `defaults.handouts`, straight from the located YAML tree.

What is read is the part of brand.yml the handouts use, in the short and long forms the
format allows: the name and home link (`meta`); one logo (a path, an image with `path` and
`alt`, or `small`/`medium`/`large`, each a path, a name from `logo.images` or a
light/dark pair: the largest size given, light preferred); the palette and theme colours,
names followed through the palette; and the families of `typography.base` and
`typography.headings` with their files from `typography.fonts`. Where brand.yml allows no
other keys, unknown keys are refused, so a misspelt key is caught rather than ignored; the
other brand.yml settings are accepted and not read.

The `brand-yml` package used to read the file. Importing it and pydantic cost about 107 ms
on every build, and it accepted any colour string and let unknown keys pass in places, so
the tree was walked again for the checks anyway; now the tree is the only reading, and
every mistake, wrong shapes included, is reported with its file, line and column.

Beyond the format: colours must be #RGB, #RRGGBB or a CSS colour name (`navy`), every file
must exist inside the project (a path starting with '/' is read from the project root, as
Quarto reads it), images must be small enough to be logos, fonts must be real TrueType
files, and fonts that would need a download fall back to the built-in family with a
warning. A PowerPoint template must be a plain presentation (no macros, no zip bomb; see
handouts.writers.pptx.template), and its links to outside itself are named in a warning and
left out of the decks. The QR code's address (`qr_url`, else the home link) must be a web
address that fits in a QR code. The keys under `defaults.handouts` may be written in
brand.yml's kebab-case (`slide-size`) or in snake_case (`slide_size`), not both. A brand
with no `meta.name` and theme colours written inside `color.palette` are warnings.

Where this reading differs from the brand-yml package, on purpose: each `typography.fonts`
entry must name its `source` (brand-yml has no default); bare font paths, `semibold`
without a hyphen and absolute paths inside the project are accepted; every theme colour
must be hex, a CSS colour name or a palette name (brand-yml passes any text on to CSS);
palette names are followed to the end of any chain whatever order they are written in; and
a null value under `defaults.handouts` counts as absent.

The reader is split by section, each section's reader holding the one walk over the file
(handouts.brand.reader: the schema reader, the warnings, the checks every section shares):
handouts.brand.typography the fonts, handouts.brand.palette the colours,
handouts.brand.logo the logo, and this module the rest, `read_brand` and `load_brand`.
"""

from __future__ import annotations

import dataclasses
import os
import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from handouts import qr
from handouts.brand.logo import LogoReader
from handouts.brand.model import DEFAULT_BRAND, TRANSLATED, Brand
from handouts.brand.palette import ColourReader
from handouts.brand.perlanguage import per_language
from handouts.brand.reader import BrandWalk, Written
from handouts.brand.typography import TypographyReader
from handouts.colours import Palette
from handouts.errors import Diagnostic, Location, Problem, SettingsError
from handouts.files import Refused
from handouts.schema.nodes import Map, Node, Scalar, Seq, described, is_null
from handouts.schema.yamlsource import read
from handouts.writers import geometry

PAPERS = tuple(geometry.PAPER_SIZES)
SLIDE_SIZES = tuple(geometry.SLIDE_SIZES)
HANDOUTS_KEYS = ("phone", "address", "hours", "email", "qr_url", "disclaimer", "paper",
                 "slide_size", "help_lines", "pptx_template")
TOP_KEYS = ("meta", "logo", "color", "typography", "defaults")
NAME_KEYS = ("full", "short")
LINK_KEYS = ("home", "mastodon", "github", "linkedin", "bluesky", "twitter", "facebook")
"""The links brand.yml checks as web addresses; `meta.link` may hold others."""


def _is_web_address(text: str) -> bool:
    try:
        parts = urlsplit(text)
        return parts.scheme in ("http", "https") and bool(parts.hostname) \
            and not re.search(r"\s", text)
    except ValueError:  # such as a broken IPv6 address
        return False


def load_brand(path: Path, root: Path | None = None, required: bool = False) -> Brand:
    """Read a brand file; a missing file gives the neutral default brand, unless
    `required` (a brand file the user named on the command line).

    Raises SettingsError listing every problem. The brand file and the files it names must
    stay inside `root` (the project folder; default: the brand file's folder) or inside the
    brand file's own folder, by their real paths.
    """
    if not os.path.lexists(path):
        if not required:
            return DEFAULT_BRAND
        raise SettingsError([Problem(Location(path), "the brand file does not exist",
                                     "check the path given with --brand")])
    from handouts.files import LIMITS

    if required or root is None:
        root = path.parent.resolve()
    source = read(path, (root, path.parent), LIMITS["brand"])
    tree, problems = source.tree, source.problems
    if problems:
        raise SettingsError(problems)
    if tree is None:
        return dataclasses.replace(DEFAULT_BRAND, warnings=(_no_name(Location(path, 1, 1)),))
    if not isinstance(tree, Map):
        raise SettingsError([Problem(tree.at, "the brand file must be a mapping",
                                     "start with 'meta:' (see brand.yml)")])
    return dataclasses.replace(read_brand(path, tree, root), digest=source.digest)


def read_brand(path: Path, tree: Map, root: Path) -> Brand:
    """The brand in `tree`, read from `path`; raises SettingsError listing every problem,
    in file order. Files the brand names must stay inside `root`."""
    walk = BrandWalk(path, root)
    walk.schema.keys(tree, TOP_KEYS, "", unknown="unknown brand.yml section '{key}'")
    r = _BrandReader(walk)
    brand = r.brand(tree)
    if walk.problems:
        raise SettingsError(sorted(walk.problems,
                                   key=lambda p: (p.location.line, p.location.column)))
    return brand


def _no_name(at: Location) -> Diagnostic:
    """The warning for a brand file that names no clinic."""
    return Diagnostic("no-clinic-name", f"the brand has no meta.name, so the handouts say "
                      f"'{DEFAULT_BRAND.name}'; add meta: with name: and the clinic's name", at)


def _snake(key: str) -> str:
    """A `defaults.handouts` key as the handouts name it: brand.yml's kebab-case
    (`slide-size`) read as snake_case (`slide_size`)."""
    return key.replace("-", "_")


class _BrandReader:
    """The sections of a walk over the brand's tree not read elsewhere (meta, the handouts
    extras) and the brand made of them all."""

    def __init__(self, walk: BrandWalk) -> None:
        self.walk = walk
        self.path, self.root = walk.path, walk.root
        self.warnings = walk.warnings  # the walk's own list: warnings are the brand's
        self.template: tuple[str, Any] | None = None  # as written, and as checked
        self.size_at: Location | None = None  # where slide_size is written
        self.places: dict[str, Location] = {}  # where each defaults.handouts key is written

    def brand(self, tree: Map) -> Brand:
        items = tree.items
        full, short, url, url_at = self.meta(items.get("meta"))
        if not (full or short):
            meta = items.get("meta")
            self.warnings.append(_no_name(
                tree.key_at["meta"] if meta is not None else Location(self.path, 1, 1)))
        logo = LogoReader(self.walk).logo(items.get("logo"))
        colours = ColourReader(self.walk).colours(items.get("color"))
        base_font, heading_font = TypographyReader(self.walk).typography(
            items.get("typography"))
        extras = self.extras(items.get("defaults"))
        if url and url_at and "qr_url" not in extras:  # the home link is the QR code's
            self.fits_qr(url, url_at, "meta.link.home")
        default = DEFAULT_BRAND.palette
        return Brand(
            name=full or short or DEFAULT_BRAND.name,
            short_name=short or full or DEFAULT_BRAND.short_name,
            url=url,
            palette=Palette(colours.get("primary", default.primary),
                            colours.get("secondary", default.secondary),
                            colours.get("foreground", default.foreground),
                            colours.get("background", default.background)),
            phone=extras.get("phone"), address=extras.get("address"),
            hours=extras.get("hours"), email=extras.get("email"),
            qr_url=extras.get("qr_url") or url,
            disclaimer=extras.get("disclaimer"),
            help_lines=tuple(extras.get("help_lines", ())),
            paper=extras.get("paper", "letter"), slide_size=extras.get("slide_size", "16:9"),
            logo=logo[0] if logo else None, logo_alt=logo[1] if logo else "",
            base_font=base_font, heading_font=heading_font,
            pptx_template=extras.get("pptx_template"),
            source=self.path, warnings=tuple(self.warnings), places=self.places,
        )

    def meta(self, node: Node | None
             ) -> tuple[str | None, str | None, str | None, Location | None]:
        """The full name, short name, home link and where the home link is written."""
        meta = self.walk.mapping(node, "meta", "put name: and link: under meta:")
        if meta is None:
            return None, None, None, None
        full = short = url = None
        name = meta.items.get("name")
        if isinstance(name, Map):
            self.walk.only(name, "meta.name", NAME_KEYS)
            full = self.walk.text(name.items.get("full"), "meta.name.full")
            short = self.walk.text(name.items.get("short"), "meta.name.short")
        else:
            full = self.walk.text(name, "meta.name", "write the name, or full: and short: under it")
        link = meta.items.get("link")
        home = link.items.get("home") if isinstance(link, Map) else link
        if isinstance(link, Map):
            links = {key: self.url(value, f"meta.link.{key}")
                     for key, value in link.items.items() if key in LINK_KEYS}
            url = links.get("home")
        else:
            url = self.url(link, "meta.link")
        return full or None, short or None, url, home.at if home is not None else None

    def fits_qr(self, url: str, at: Location, where: str) -> bool:
        """Whether `url` fits in a QR code as the writers encode it; a problem at `at`
        if not."""
        found = qr.problem(url)
        if found:
            self.walk.problem(at, f"{where} '{qr.shown(url)}' {found}", qr.TOO_LONG_TODO)
        return found is None

    def web_address(self, text: str, at: Location, where: str) -> bool:
        """Whether `text` is a web address that fits in a QR code (the QR code's address);
        a problem at `at` if not."""
        if not _is_web_address(text):
            self.walk.problem(at, f"{where} '{qr.shown(text)}' is not a web address",
                              "write it in full, starting with https://")
            return False
        return self.fits_qr(text, at, where)

    def url(self, node: Node | None, where: str) -> str | None:
        text = self.walk.text(node, where, "write the web address, starting with https://")
        if text is None or node is None:
            return None
        if not _is_web_address(text):
            self.walk.problem(node.at, f"{where} '{text}' is not a web address",
                              "write it in full, starting with https://")
            return None
        return text.rstrip("/")

    def extras(self, node: Node | None) -> dict[str, Any]:
        """`defaults.handouts`; other keys under `defaults` are for other tools."""
        defaults = self.walk.mapping(node, "defaults", "put handouts: under defaults:")
        raw = defaults.items.get("handouts") if defaults else None
        if raw is None or is_null(raw):
            return {}
        if not isinstance(raw, Map):
            self.walk.problem(raw.at, "defaults.handouts must be a mapping")
            return {}
        out: dict[str, Any] = {}
        written: dict[str, str] = {}  # each handouts key as it was first written
        for given, value in raw.items.items():
            key, where = _snake(given), f"defaults.handouts.{given}"
            if key not in HANDOUTS_KEYS:
                kebab = "-" in given  # suggest the names in the style the user writes
                self.walk.schema.known(given, raw.key_at[given], tuple(
                    k.replace("_", "-") if kebab else k for k in HANDOUTS_KEYS),
                    "defaults.handouts")
                continue
            if key in written:
                first = raw.key_at[written[key]]
                self.walk.problem(raw.key_at[given], f"defaults.handouts has both "
                                  f"'{written[key]}' (line {first.line}) and '{given}'",
                                  "keep one of them")
                continue
            written[key] = given
            self.places[key] = raw.key_at[given]
            if is_null(value):
                continue
            elif key == "help_lines":
                if not isinstance(value, Seq) or not all(
                        isinstance(v, (Scalar, Map)) and not is_null(v) for v in value.items):
                    self.walk.problem(value.at, f"{where} must be a list of lines",
                                      "start each line with '- '; a line may be given per "
                                      "language as {en: ..., es: ...}")
                else:
                    lines = [per_language(self.walk, v, f"{where} line {i}")
                             if isinstance(v, Map) else v.text
                             for i, v in enumerate(value.items, 1) if isinstance(v, (Map, Scalar))]
                    out[key] = [line for line in lines if line is not None]
            elif key in TRANSLATED and isinstance(value, Map):
                texts = per_language(self.walk, value, where,
                                     self.web_address if key == "qr_url" else None)
                if texts is not None:
                    out[key] = texts
            elif not isinstance(value, Scalar):
                self.walk.problem(value.at, f"{where} must be text, not {described(value)}")
            elif key == "paper":
                if value.text.strip().lower() not in PAPERS:
                    self.walk.problem(value.at, f"paper '{value.text}' is not a paper size",
                                      "use letter or a4")
                else:
                    out[key] = value.text.strip().lower()
            elif key == "slide_size":
                self.size_at = value.at
                if value.text.strip() not in SLIDE_SIZES:
                    self.walk.problem(value.at, f"{given} '{value.text}' is not a slide size",
                                      "use \"16:9\" or \"4:3\" (quoted)")
                else:
                    out[key] = value.text.strip()
            elif key == "pptx_template":
                path = self.pptx_template(Written(value.text.strip(), value.at))
                if path is not None:
                    out[key] = path
            elif key == "qr_url":
                text = value.text.strip()
                if self.web_address(text, value.at, where):
                    out[key] = text
            else:
                out[key] = value.text
        if "slide_size" in out and self.template is not None:
            self.same_size(out["slide_size"])
        return out

    def same_size(self, slide_size: str) -> None:
        """A warning at the brand's slide_size when the PowerPoint template's slides are
        of another shape (the decks take the template's)."""
        from handouts.writers.pptx import template as pptxtemplate

        assert self.template is not None and self.size_at is not None
        written, template = self.template
        shape = pptxtemplate.size_contradicts(template, slide_size)
        if shape is not None:
            self.warnings.append(Diagnostic(
                "slide-size-mismatch", f"slide_size \"{slide_size}\" is not the shape of the "
                f"PowerPoint template '{written}', which is {shape}; the decks take the "
                f"template's size (set slide_size to match it, or leave it out)", self.size_at))

    def pptx_template(self, written: Written) -> Path | None:
        """A clinic's .pptx, inside the project, checked by handouts.writers.pptx.template (not
        a zip bomb, no macros); a warning names the links to outside it that decks leave out."""
        # imported only for a brand that names a template
        from handouts.writers.pptx import template as pptxtemplate

        path = self.walk.inside(written, "the PowerPoint template")
        if path is None:
            return None
        if path.suffix.lower() != ".pptx":
            self.walk.problem(written.at, f"the PowerPoint template '{written.text}' is not a "
                              ".pptx file", "save the template as .pptx")
            return None
        try:
            template = pptxtemplate.load(path, (self.root, self.path.parent))
        except Refused as exc:
            self.walk.problem(written.at, f"the PowerPoint template '{written.text}' {exc.what}",
                              exc.todo)
            return None
        self.template = (written.text, template)
        if template.removed:
            shown = ", ".join(qr.shown(target) for target in template.removed[:5])
            more = len(template.removed) - 5
            self.warnings.append(Diagnostic(
                "template-links-left-out", f"the PowerPoint template '{written.text}' links "
                f"outside itself ({shown}{f' and {more} more' if more > 0 else ''}); those "
                "links are left out of every deck", written.at))
        return path
