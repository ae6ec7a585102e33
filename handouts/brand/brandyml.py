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

Beyond the format: colours must be #RGB or #RRGGBB, every file must exist inside the
project, images must be small enough to be logos, fonts must be real TrueType files, and
fonts that would need a download fall back to the built-in family with a warning. A
PowerPoint template must be a plain presentation (no macros, no zip bomb; see
handouts.writers.pptx.template), and its links to outside itself are named in a warning and left out
of the decks. The QR code's address (`qr_url`, else the home link) must be a web address
that fits in a QR code.

Where this reading differs from the brand-yml package, on purpose: each `typography.fonts`
entry must name its `source` (brand-yml has no default); bare font paths, `semibold`
without a hyphen and absolute paths inside the project are accepted; every theme colour
must be hex or a palette name (not a CSS name such as `red`); palette names are followed
to the end of any chain whatever order they are written in; and a null value under
`defaults.handouts` counts as absent.

The reader is split by section: handouts.brand.reader holds the checks every section
shares, handouts.brand.typography the fonts, and this module the rest and `read_brand`.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from handouts import qr
from handouts.brand.model import DEFAULT_BRAND, Brand
from handouts.brand.reader import Written, described, is_null
from handouts.brand.typography import TypographyReader
from handouts.build.settings import suggest
from handouts.colours import Palette
from handouts.errors import Diagnostic, Location, Problem, SettingsError
from handouts.files import Refused
from handouts.schema.yamlsource import Map, Node, Scalar, Seq

HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
PAPERS = ("letter", "a4")
SLIDE_SIZES = ("16:9", "4:3")
HANDOUTS_KEYS = ("phone", "address", "hours", "email", "qr_url", "disclaimer", "paper",
                 "slide_size", "help_lines", "pptx_template")
TOP_KEYS = ("meta", "logo", "color", "typography", "defaults")
COLOR_KEYS = ("palette", "foreground", "background", "primary", "secondary", "tertiary",
              "success", "info", "warning", "danger", "light", "dark")
LOGO_SIZES = ("small", "medium", "large")
NAME_KEYS = ("full", "short")
LINK_KEYS = ("home", "mastodon", "github", "linkedin", "bluesky", "twitter", "facebook")
"""The links brand.yml checks as web addresses; `meta.link` may hold others."""
IMAGE_KEYS = ("path", "alt", "attrs")
PALETTE_NAME_RE = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_-]*$")
"""brand.yml's rule for palette names (they become Sass and CSS variables)."""


def _hex(color: str) -> str:
    if len(color) == 4:
        color = "#" + "".join(c * 2 for c in color[1:])
    return color.upper()


def _is_web_address(text: str) -> bool:
    try:
        parts = urlsplit(text)
        return parts.scheme in ("http", "https") and bool(parts.hostname) \
            and not re.search(r"\s", text)
    except ValueError:  # such as a broken IPv6 address
        return False


def node_at(tree: Node | None, path: tuple[Any, ...]) -> Location | None:
    """The location of the deepest node along `path` (keys and indices)."""
    found = tree.at if tree is not None else None
    node = tree
    for step in path:
        if isinstance(node, Map) and isinstance(step, str) and step in node.items:
            node = node.items[step]
        elif isinstance(node, Seq) and isinstance(step, int) and 0 <= step < len(node.items):
            node = node.items[step]
        else:
            break
        found = node.at
    return found


def read_brand(path: Path, tree: Map, root: Path) -> Brand:
    """The brand in `tree`, read from `path`; raises SettingsError listing every problem,
    in file order. Files the brand names must stay inside `root`."""
    r = _BrandReader(path, root)
    for key, key_at in tree.key_at.items():
        if key not in TOP_KEYS:
            r.problems.append(Problem(key_at, f"unknown brand.yml section '{key}'",
                                      suggest(key, TOP_KEYS)))
    brand = r.brand(tree)
    if r.problems:
        raise SettingsError(sorted(r.problems,
                                   key=lambda p: (p.location.line, p.location.column)))
    return brand


class _BrandReader(TypographyReader):
    """One walk over the brand's tree, gathering problems and warnings as it goes."""

    # Sections ---------------------------------------------------------------------------

    def brand(self, tree: Map) -> Brand:
        items = tree.items
        full, short, url, url_at = self.meta(items.get("meta"))
        logo = self.logo(items.get("logo"))
        colours = self.colours(items.get("color"))
        base_font, heading_font = self.typography(items.get("typography"))
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
            disclaimer=extras.get("disclaimer") or DEFAULT_BRAND.disclaimer,
            help_lines=tuple(extras.get("help_lines", ())),
            paper=extras.get("paper", "letter"), slide_size=extras.get("slide_size", "16:9"),
            logo=logo, base_font=base_font, heading_font=heading_font,
            pptx_template=extras.get("pptx_template"),
            source=self.path, warnings=tuple(self.warnings),
        )

    def meta(self, node: Node | None
             ) -> tuple[str | None, str | None, str | None, Location | None]:
        """The full name, short name, home link and where the home link is written."""
        meta = self.mapping(node, "meta", "put name: and link: under meta:")
        if meta is None:
            return None, None, None, None
        full = short = url = None
        name = meta.items.get("name")
        if isinstance(name, Map):
            self.only(name, "meta.name", NAME_KEYS)
            full = self.text(name.items.get("full"), "meta.name.full")
            short = self.text(name.items.get("short"), "meta.name.short")
        else:
            full = self.text(name, "meta.name", "write the name, or full: and short: under it")
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
            self.problem(at, f"{where} '{qr.shown(url)}' {found}", qr.TOO_LONG_TODO)
        return found is None

    def url(self, node: Node | None, where: str) -> str | None:
        text = self.text(node, where, "write the web address, starting with https://")
        if text is None or node is None:
            return None
        if not _is_web_address(text):
            self.problem(node.at, f"{where} '{text}' is not a web address",
                         "write it in full, starting with https://")
            return None
        return text.rstrip("/")

    def colours(self, node: Node | None) -> dict[str, str]:
        """The theme colours given, as #RRGGBB, palette names followed."""
        color = self.mapping(node, "color", "put palette: and the theme colours under color:")
        if color is None:
            return {}
        self.only(color, "color", COLOR_KEYS)
        palette = self.palette(color.items.get("palette"))
        theme: dict[str, Scalar] = {}
        for key, value in color.items.items():
            if key == "palette" or key not in COLOR_KEYS or is_null(value):
                continue
            if isinstance(value, Scalar):
                theme[key] = value
            else:
                self.problem(value.at, f"color.{key} must be a colour, not {described(value)}",
                             "write #RRGGBB or a name from color.palette")
        circles: set[frozenset[str]] = set()
        for name in palette:
            self.colour(palette, name, f"color.palette.{name}", "write it as #RRGGBB", circles)
        # theme colours may name palette colours and other theme colours (brand.yml)
        names = {**palette, **theme}
        out: dict[str, str] = {}
        for key in theme:
            found = self.colour(names, key, f"color.{key}",
                                "write #RRGGBB or a name from color.palette", circles)
            if found is not None:
                out[key] = found
        return out

    def palette(self, node: Node | None) -> dict[str, Scalar]:
        """`color.palette`: the colours by name, as written."""
        given = self.mapping(node, "color.palette",
                             "give each colour a name, such as river: \"#1B5E7A\"")
        if given is None:
            return {}
        palette: dict[str, Scalar] = {}
        for name, value in given.items.items():
            if not PALETTE_NAME_RE.match(name):
                self.problem(given.key_at[name], f"color.palette name '{name}' cannot be used",
                             "start it with a letter; use only letters, digits, - and _")
            if isinstance(value, Scalar) and not is_null(value):
                palette[name] = value
            else:
                self.problem(value.at, f"color.palette.{name} must be a colour, not "
                             f"{described(value)}", "write it as #RRGGBB")
        return palette

    def colour(self, names: dict[str, Scalar], name: str, where: str, todo: str,
               circles: set[frozenset[str]]) -> str | None:
        """The colour `name` stands for, following names; a problem is reported where the
        wrong value is written (a name leading to a mistake elsewhere is not reported)."""
        chain = [name]
        value = names[name].text.strip()
        while value in names:
            if value in chain:
                circle = chain[chain.index(value):]
                if name in circle and frozenset(circle) not in circles:
                    circles.add(frozenset(circle))
                    self.problem(names[name].at, f"{where} '{names[name].text.strip()}' goes "
                                 f"round in a circle ({' -> '.join([*circle, value])})",
                                 "give one of them a colour, such as #RRGGBB")
                return None
            chain.append(value)
            value = names[value].text.strip()
        if HEX_RE.match(value):
            return _hex(value)
        if len(chain) == 1:
            self.problem(names[name].at, f"{where} '{value}' is not a colour", todo)
        return None

    def logo(self, node: Node | None) -> Path | None:
        """The largest logo given, light variant preferred, checked as a file in the
        project."""
        if node is None or is_null(node):
            return None
        chosen: Written | None = None
        if isinstance(node, Scalar):
            chosen = Written(node.text.strip(), node.at)
        elif isinstance(node, Map) and "path" in node.items:  # a single image
            chosen = self.image(node, "logo")
        elif isinstance(node, Map):
            self.only(node, "logo", ("images", *LOGO_SIZES))
            images = self.images(node.items.get("images"))
            for size in LOGO_SIZES:  # smallest first: the last one found is the largest
                found = self.logo_size(node.items.get(size), f"logo.{size}", images)
                chosen = found or chosen
        else:
            self.problem(node.at, f"logo must be a path or a mapping, not {described(node)}",
                         "write logo: and the file's path, or small:, medium:, large: under it")
        if chosen is None:
            return None
        from handouts.brand import assets

        path = self.inside(chosen, "the logo")
        if path is None:
            return None
        try:
            problem = assets.check_image(path)
        except OSError as exc:
            problem = f"cannot be read ({exc.strerror})"
        if problem:
            self.problem(chosen.at, f"the logo '{chosen.text}' {problem}",
                         "use a PNG, JPEG or SVG logo under "
                         f"{assets.MAX_LOGO_PIXELS // 1_000_000} megapixels")
            return None
        return path

    def image(self, node: Map, where: str) -> Written | None:
        """An image given as a mapping with `path` (and `alt`)."""
        self.only(node, where, IMAGE_KEYS)
        path = node.items.get("path")
        text = self.text(path, f"{where}.path", "write the image file's path")
        if text and path is not None:
            return Written(text, path.at)
        if not isinstance(path, (Map, Seq)):  # those were reported as not text
            self.problem(node.at, f"{where} has no path", "add path: and the image file's path")
        return None

    def images(self, node: Node | None) -> dict[str, Written | None]:
        """`logo.images`: names for image files."""
        given = self.mapping(node, "logo.images", "give each image a name, such as "
                             "main: images/logo.png")
        images: dict[str, Written | None] = {}
        for name, value in (given.items if given else {}).items():
            if isinstance(value, Scalar) and not is_null(value):
                images[name] = Written(value.text.strip(), value.at)
            elif isinstance(value, Map):
                images[name] = self.image(value, f"logo.images.{name}")
            else:
                images[name] = None
                self.problem(value.at, f"logo.images.{name} must be a path or a mapping with "
                             f"path:, not {described(value)}",
                             "write the image file's path")
        return images

    def logo_size(self, node: Node | None, where: str,
                  images: dict[str, Written | None]) -> Written | None:
        """One logo size: a path, an image name, an image, or light and dark variants."""
        if node is None or is_null(node):
            return None
        if isinstance(node, Map) and "path" not in node.items and (
                "light" in node.items or "dark" in node.items):
            self.only(node, where, ("light", "dark"))
            light = self.variant(node.items.get("light"), f"{where}.light", images)
            dark = self.variant(node.items.get("dark"), f"{where}.dark", images)
            return light or dark
        if isinstance(node, Seq) or (isinstance(node, Map) and "path" not in node.items):
            self.problem(node.at, f"{where} must be a path, a name from logo.images, or "
                         f"light: and dark:, not {described(node)}",
                         "write the logo file's path after it")
            return None
        return self.variant(node, where, images)

    def variant(self, node: Node | None, where: str,
                images: dict[str, Written | None]) -> Written | None:
        """A path, a name from `logo.images`, or an image mapping."""
        if node is None or is_null(node):
            return None
        if isinstance(node, Scalar):
            text = node.text.strip()
            return images[text] if text in images else Written(text, node.at)
        if isinstance(node, Map) and "path" in node.items:
            return self.image(node, where)
        self.problem(node.at, f"{where} must be a path or a name from logo.images, not "
                     f"{described(node)}", "write the logo file's path after it")
        return None

    def extras(self, node: Node | None) -> dict[str, Any]:
        """`defaults.handouts`; other keys under `defaults` are for other tools."""
        defaults = self.mapping(node, "defaults", "put handouts: under defaults:")
        raw = defaults.items.get("handouts") if defaults else None
        if raw is None or is_null(raw):
            return {}
        if not isinstance(raw, Map):
            self.problem(raw.at, "defaults.handouts must be a mapping")
            return {}
        out: dict[str, Any] = {}
        for key, value in raw.items.items():
            where = f"defaults.handouts.{key}"
            if key not in HANDOUTS_KEYS:
                self.problem(raw.key_at[key], f"unknown key '{key}' in defaults.handouts",
                             suggest(key, HANDOUTS_KEYS))
            elif is_null(value):
                continue
            elif key == "help_lines":
                if not isinstance(value, Seq) or not all(
                        isinstance(v, Scalar) and not is_null(v) for v in value.items):
                    self.problem(value.at, "defaults.handouts.help_lines must be a list of "
                                 "lines", "start each line with '- '")
                else:
                    out[key] = [v.text for v in value.items if isinstance(v, Scalar)]
            elif not isinstance(value, Scalar):
                self.problem(value.at, f"{where} must be text, not {described(value)}")
            elif key == "paper":
                if value.text.strip().lower() not in PAPERS:
                    self.problem(value.at, f"paper '{value.text}' is not a paper size",
                                 "use letter or a4")
                else:
                    out[key] = value.text.strip().lower()
            elif key == "slide_size":
                if value.text.strip() not in SLIDE_SIZES:
                    self.problem(value.at, f"slide_size '{value.text}' is not a slide size",
                                 "use \"16:9\" or \"4:3\" (quoted)")
                else:
                    out[key] = value.text.strip()
            elif key == "pptx_template":
                path = self.pptx_template(Written(value.text.strip(), value.at))
                if path is not None:
                    out[key] = path
            elif key == "qr_url":
                text = value.text.strip()
                if not _is_web_address(text):
                    self.problem(value.at, f"{where} '{qr.shown(text)}' is not a web address",
                                 "write it in full, starting with https://")
                elif self.fits_qr(text, value.at, where):
                    out[key] = text
            else:
                out[key] = value.text
        return out

    def pptx_template(self, written: Written) -> Path | None:
        """A clinic's .pptx, inside the project, checked by handouts.writers.pptx.template (not
        a zip bomb, no macros); a warning names the links to outside it that decks leave out."""
        # imported only for a brand that names a template
        from handouts.writers.pptx import template as pptxtemplate

        path = self.inside(written, "the PowerPoint template")
        if path is None:
            return None
        if path.suffix.lower() != ".pptx":
            self.problem(written.at, f"the PowerPoint template '{written.text}' is not a .pptx "
                         "file", "save the template as .pptx")
            return None
        try:
            template = pptxtemplate.load(path, (self.root, self.path.parent))
        except Refused as exc:
            self.problem(written.at, f"the PowerPoint template '{written.text}' {exc.what}",
                         exc.todo)
            return None
        if template.removed:
            shown = ", ".join(qr.shown(target) for target in template.removed[:5])
            more = len(template.removed) - 5
            self.warnings.append(Diagnostic(
                "template-links-left-out", f"the PowerPoint template '{written.text}' links "
                f"outside itself ({shown}{f' and {more} more' if more > 0 else ''}); those "
                "links are left out of every deck", written.at))
        return path
