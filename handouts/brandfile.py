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
fonts that would need a download fall back to the built-in family with a warning.

Where this reading differs from the brand-yml package, on purpose: each `typography.fonts`
entry must name its `source` (brand-yml has no default); bare font paths, `semibold`
without a hyphen and absolute paths inside the project are accepted; every theme colour
must be hex or a palette name (not a CSS name such as `red`); palette names are followed
to the end of any chain whatever order they are written in; and a null value under
`defaults.handouts` counts as absent.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from handouts.brand import DEFAULT_BRAND, Brand, FontFamily
from handouts.config import suggest
from handouts.errors import Location, Problem, SettingsError
from handouts.yamlsource import Map, Node, Scalar, Seq

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
TYPOGRAPHY_KEYS = ("fonts", "base", "headings", "monospace", "monospace-inline",
                   "monospace-block", "link", "monospace_inline", "monospace_block")
FONT_SOURCES = ("file", "google", "bunny", "system")
FONT_KEYS = {
    "file": ("family", "source", "files"),
    "google": ("family", "source", "weight", "style", "display", "version", "url"),
    "bunny": ("family", "source", "weight", "style", "display", "version", "url"),
}
"""The keys a font of each source may have (brand.yml ignores extra keys of system fonts)."""
FONT_FILE_KEYS = ("path", "weight", "style")
FONT_WEIGHTS = {"thin": 100, "extralight": 200, "ultralight": 200, "light": 300,
                "normal": 400, "regular": 400, "medium": 500, "semibold": 600,
                "demibold": 600, "bold": 700, "extrabold": 800, "ultrabold": 800,
                "black": 900}
"""CSS's common weight names, without hyphens: both semi-bold (brand.yml) and semibold."""
PALETTE_NAME_RE = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_-]*$")
"""brand.yml's rule for palette names (they become Sass and CSS variables)."""
NULLS = ("", "~", "null", "Null", "NULL")


@dataclass(frozen=True)
class _Written:
    """A file path as written in the brand, and where."""

    text: str
    at: Location


@dataclass(frozen=True)
class _FontFile:
    path: _Written
    weight: int
    italic: bool


@dataclass(frozen=True)
class _Font:
    """One entry of `typography.fonts`, its shape checked."""

    family: str
    source: str
    files: tuple[_FontFile, ...]


def _hex(color: str) -> str:
    if len(color) == 4:
        color = "#" + "".join(c * 2 for c in color[1:])
    return color.upper()


def _null(node: Node | None) -> bool:
    """Whether a value is absent or YAML's null (`key:` with nothing, `~`, `null`)."""
    return node is None or (isinstance(node, Scalar) and not node.quoted
                            and node.text in NULLS)


def _kind(node: Node) -> str:
    """What a value is, for messages."""
    if _null(node):
        return "left empty"
    if isinstance(node, Map):
        return "a mapping"
    if isinstance(node, Seq):
        return "a list"
    return f"'{node.text}'"


def _is_web_address(text: str) -> bool:
    try:
        parts = urlsplit(text)
        return parts.scheme in ("http", "https") and bool(parts.hostname) \
            and not re.search(r"\s", text)
    except ValueError:  # such as a broken IPv6 address
        return False


def _weight(text: str) -> int | None:
    """A font weight written as a number or a CSS name; None if it is neither."""
    text = text.strip().lower()
    if re.fullmatch(r"[0-9]{1,4}", text):
        return int(text)
    return FONT_WEIGHTS.get(re.sub(r"[-_ ]", "", text))


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


class _BrandReader:
    """One walk over the brand's tree, gathering problems and warnings as it goes."""

    def __init__(self, path: Path, root: Path) -> None:
        self.path, self.root = path, root
        self.problems: list[Problem] = []
        self.warnings: list[str] = []
        self.families: dict[_Font, FontFamily | None] = {}

    def problem(self, at: Location, what: str, todo: str = "") -> None:
        self.problems.append(Problem(at, what, todo))

    # Shapes -----------------------------------------------------------------------------

    def mapping(self, node: Node | None, where: str, todo: str) -> Map | None:
        """`node` as a mapping; None when absent, or (with a problem) something else."""
        if node is None or _null(node):
            return None
        if isinstance(node, Map):
            return node
        self.problem(node.at, f"{where} must be a mapping, not {_kind(node)}", todo)
        return None

    def text(self, node: Node | None, where: str, todo: str = "") -> str | None:
        """A scalar's text, stripped; None when absent, or (with a problem) not a scalar."""
        if node is None or _null(node):
            return None
        if isinstance(node, Scalar):
            return node.text.strip()
        self.problem(node.at, f"{where} must be text, not {_kind(node)}", todo)
        return None

    def only(self, node: Map, where: str, allowed: tuple[str, ...]) -> None:
        """A problem for each key that `where` may not have."""
        for key, key_at in node.key_at.items():
            if key not in allowed:
                self.problem(key_at, f"unknown key '{key}' in {where}", suggest(key, allowed))

    def inside(self, raw: _Written, what: str) -> Path | None:
        """A file path from the brand, resolved against its folder; it must stay inside the
        project and exist."""
        if "://" in raw.text:
            self.problem(raw.at, f"{what} '{raw.text}' is a web address",
                         "download the file into the project and give its path")
            return None
        try:
            candidate = (self.path.parent / raw.text).resolve()
            inside = candidate.is_relative_to(self.root.resolve())
            exists = inside and candidate.is_file()
        except (OSError, ValueError):
            self.problem(raw.at, f"{what} '{raw.text}' is not a usable file path",
                         "give the file's path relative to the brand file")
            return None
        if not inside:
            self.problem(raw.at, f"{what} '{raw.text}' leads outside the project",
                         "keep brand files inside the project folder")
            return None
        if not exists:
            self.problem(raw.at, f"{what} '{raw.text}' does not exist",
                         f"put the file at {candidate} or fix the path")
            return None
        return candidate

    # Sections ---------------------------------------------------------------------------

    def brand(self, tree: Map) -> Brand:
        items = tree.items
        full, short, url = self.meta(items.get("meta"))
        logo = self.logo(items.get("logo"))
        colours = self.colours(items.get("color"))
        base_font, heading_font = self.typography(items.get("typography"))
        extras = self.extras(items.get("defaults"))
        return Brand(
            name=full or short or DEFAULT_BRAND.name,
            short_name=short or full or DEFAULT_BRAND.short_name,
            url=url,
            primary=colours.get("primary", DEFAULT_BRAND.primary),
            secondary=colours.get("secondary", DEFAULT_BRAND.secondary),
            foreground=colours.get("foreground", DEFAULT_BRAND.foreground),
            background=colours.get("background", DEFAULT_BRAND.background),
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

    def meta(self, node: Node | None) -> tuple[str | None, str | None, str | None]:
        """The full name, short name and home link."""
        meta = self.mapping(node, "meta", "put name: and link: under meta:")
        if meta is None:
            return None, None, None
        full = short = url = None
        name = meta.items.get("name")
        if isinstance(name, Map):
            self.only(name, "meta.name", NAME_KEYS)
            full = self.text(name.items.get("full"), "meta.name.full")
            short = self.text(name.items.get("short"), "meta.name.short")
        else:
            full = self.text(name, "meta.name", "write the name, or full: and short: under it")
        link = meta.items.get("link")
        if isinstance(link, Map):
            links = {key: self.url(value, f"meta.link.{key}")
                     for key, value in link.items.items() if key in LINK_KEYS}
            url = links.get("home")
        else:
            url = self.url(link, "meta.link")
        return full or None, short or None, url

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
            if key == "palette" or key not in COLOR_KEYS or _null(value):
                continue
            if isinstance(value, Scalar):
                theme[key] = value
            else:
                self.problem(value.at, f"color.{key} must be a colour, not {_kind(value)}",
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
            if isinstance(value, Scalar) and not _null(value):
                palette[name] = value
            else:
                self.problem(value.at, f"color.palette.{name} must be a colour, not "
                             f"{_kind(value)}", "write it as #RRGGBB")
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
        if node is None or _null(node):
            return None
        chosen: _Written | None = None
        if isinstance(node, Scalar):
            chosen = _Written(node.text.strip(), node.at)
        elif isinstance(node, Map) and "path" in node.items:  # a single image
            chosen = self.image(node, "logo")
        elif isinstance(node, Map):
            self.only(node, "logo", ("images", *LOGO_SIZES))
            images = self.images(node.items.get("images"))
            for size in LOGO_SIZES:  # smallest first: the last one found is the largest
                found = self.logo_size(node.items.get(size), f"logo.{size}", images)
                chosen = found or chosen
        else:
            self.problem(node.at, f"logo must be a path or a mapping, not {_kind(node)}",
                         "write logo: and the file's path, or small:, medium:, large: under it")
        if chosen is None:
            return None
        from handouts import assets

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

    def image(self, node: Map, where: str) -> _Written | None:
        """An image given as a mapping with `path` (and `alt`)."""
        self.only(node, where, IMAGE_KEYS)
        path = node.items.get("path")
        text = self.text(path, f"{where}.path", "write the image file's path")
        if text and path is not None:
            return _Written(text, path.at)
        if not isinstance(path, (Map, Seq)):  # those were reported as not text
            self.problem(node.at, f"{where} has no path", "add path: and the image file's path")
        return None

    def images(self, node: Node | None) -> dict[str, _Written | None]:
        """`logo.images`: names for image files."""
        given = self.mapping(node, "logo.images", "give each image a name, such as "
                             "main: images/logo.png")
        images: dict[str, _Written | None] = {}
        for name, value in (given.items if given else {}).items():
            if isinstance(value, Scalar) and not _null(value):
                images[name] = _Written(value.text.strip(), value.at)
            elif isinstance(value, Map):
                images[name] = self.image(value, f"logo.images.{name}")
            else:
                images[name] = None
                self.problem(value.at, f"logo.images.{name} must be a path or a mapping with "
                             f"path:, not {_kind(value)}",
                             "write the image file's path")
        return images

    def logo_size(self, node: Node | None, where: str,
                  images: dict[str, _Written | None]) -> _Written | None:
        """One logo size: a path, an image name, an image, or light and dark variants."""
        if node is None or _null(node):
            return None
        if isinstance(node, Map) and "path" not in node.items and (
                "light" in node.items or "dark" in node.items):
            self.only(node, where, ("light", "dark"))
            light = self.variant(node.items.get("light"), f"{where}.light", images)
            dark = self.variant(node.items.get("dark"), f"{where}.dark", images)
            return light or dark
        if isinstance(node, Seq) or (isinstance(node, Map) and "path" not in node.items):
            self.problem(node.at, f"{where} must be a path, a name from logo.images, or "
                         f"light: and dark:, not {_kind(node)}",
                         "write the logo file's path after it")
            return None
        return self.variant(node, where, images)

    def variant(self, node: Node | None, where: str,
                images: dict[str, _Written | None]) -> _Written | None:
        """A path, a name from `logo.images`, or an image mapping."""
        if node is None or _null(node):
            return None
        if isinstance(node, Scalar):
            text = node.text.strip()
            return images[text] if text in images else _Written(text, node.at)
        if isinstance(node, Map) and "path" in node.items:
            return self.image(node, where)
        self.problem(node.at, f"{where} must be a path or a name from logo.images, not "
                     f"{_kind(node)}", "write the logo file's path after it")
        return None

    def typography(self, node: Node | None) -> tuple[FontFamily | None, FontFamily | None]:
        """The base and heading font families, from their local files."""
        typography = self.mapping(node, "typography",
                                  "put fonts:, base: and headings: under typography:")
        if typography is None:
            return None, None
        self.only(typography, "typography", TYPOGRAPHY_KEYS)
        fonts = self.fonts(typography.items.get("fonts"))
        chosen = []
        for role in ("base", "headings"):
            family = self.family(typography.items.get(role), f"typography.{role}")
            chosen.append(None if family is None else self.font(fonts, family, role))
        return chosen[0], chosen[1]

    def family(self, node: Node | None, where: str) -> str | None:
        """The family of `base` or `headings`: the text, or `family` in a mapping (the
        other settings there are for web pages, not handouts)."""
        if isinstance(node, Map):
            return self.text(node.items.get("family"), f"{where}.family",
                             "write the font family's name") or None
        return self.text(node, where, "write the font family's name, or family: under it") \
            or None

    def fonts(self, node: Node | None) -> list[_Font]:
        """`typography.fonts`, each entry's shape checked whether it is used or not."""
        if node is None or _null(node):
            return []
        if not isinstance(node, Seq):
            self.problem(node.at, f"typography.fonts must be a list, not {_kind(node)}",
                         "start each font with '- family:'")
            return []
        fonts = []
        for number, item in enumerate(node.items, 1):
            where = f"font {number} in typography.fonts"
            if not isinstance(item, Map):
                self.problem(item.at, f"{where} must be a mapping, not {_kind(item)}",
                             "give it family: and source:")
                continue
            family = self.text(item.items.get("family"), f"{where}: family")
            source = self.text(item.items.get("source"), f"{where}: source")
            if not family:
                self.problem(item.at, f"{where} has no family", "add family: and its name")
            where = f"font '{family}'" if family else where
            if not source:
                self.problem(item.at, f"{where} has no source",
                             "add source: file (your own .ttf files), google, bunny or system")
                continue
            if source not in FONT_SOURCES:
                self.problem(item.items["source"].at, f"the source '{source}' of {where} is "
                             "not a font source", suggest(source, FONT_SOURCES))
                continue
            if source in FONT_KEYS:
                self.only(item, where, FONT_KEYS[source])
            files = self.font_files(item.items.get("files"), where) if source == "file" \
                else ()
            if family:
                fonts.append(_Font(family, source, files))
        return fonts

    def font_files(self, node: Node | None, where: str) -> tuple[_FontFile, ...]:
        if node is None or _null(node):
            return ()
        if not isinstance(node, Seq):
            self.problem(node.at, f"the files of {where} must be a list, not {_kind(node)}",
                         "start each file with '- path:'")
            return ()
        files = []
        for item in node.items:
            if isinstance(item, Scalar) and not _null(item):
                files.append(_FontFile(_Written(item.text.strip(), item.at), 400, False))
                continue
            if not isinstance(item, Map):
                self.problem(item.at, f"a file of {where} must be a path or a mapping with "
                             f"path:, not {_kind(item)}",
                             "write - {path: fonts/Name-Regular.ttf, weight: 400}")
                continue
            self.only(item, f"a file of {where}", FONT_FILE_KEYS)
            path = item.items.get("path")
            text = self.text(path, f"the path of a file of {where}")
            weight = self.weight(item.items.get("weight"), where)
            style = self.text(item.items.get("style"), f"the style of a file of {where}")
            if style is not None and style not in ("normal", "italic"):
                self.problem(item.items["style"].at, f"the style '{style}' of a file of "
                             f"{where} is not a font style", "use normal or italic")
            if text and path is not None and weight is not None:
                files.append(_FontFile(_Written(text, path.at), weight, style == "italic"))
            elif not text and not isinstance(path, (Map, Seq)):  # those were not text
                self.problem(item.at, f"a file of {where} has no path",
                             "add path: and the font file's path")
        return tuple(files)

    def weight(self, node: Node | None, where: str) -> int | None:
        """A font file's weight as a number (a range counts as its lightest weight)."""
        if node is None or _null(node):
            return 400
        parts: list[str] = []
        if isinstance(node, Seq) and len(node.items) == 2:  # a variable font's range
            parts = [p.text if isinstance(p, Scalar) else "" for p in node.items]
        elif isinstance(node, Scalar):
            text = node.text.strip()
            parts = ["normal"] if text == "auto" else text.split("..")
        weights = [_weight(p) or 0 for p in parts]
        if not 1 <= len(weights) <= 2 or not all(
                100 <= w <= 900 and w % 100 == 0 for w in weights):
            written = f" {_kind(node)}" if isinstance(node, Scalar) else ""
            self.problem(node.at, f"the weight{written} of a file of {where} is not a font "
                         "weight", "use 100 to 900 in steps of 100, or a name such as normal, "
                         "semi-bold or bold")
            return None
        return min(weights)

    def font(self, fonts: list[_Font], family: str, role: str) -> FontFamily | None:
        """The family named for `role` (base or headings), from its local files; a family
        that would need a download falls back to the built-in one, with a warning."""
        listed = [f for f in fonts if f.family == family]
        local = next((f for f in listed if f.source == "file"), None)
        if local is None:
            # brand.yml's default for a family not in typography.fonts
            source = listed[0].source if listed else "system"
            self.warnings.append(f"{self.path}: the {role} font '{family}' ({source}) would "
                                 "need to be downloaded or installed; using the built-in Noto "
                                 "Sans instead. Add its .ttf files with 'source: file' to use "
                                 "it.")
            return None
        if local not in self.families:  # base and headings often share a family
            self.families[local] = self.font_family(local)
        return self.families[local]

    def font_family(self, font: _Font) -> FontFamily | None:
        from handouts import assets

        faces: dict[tuple[bool, bool], Path] = {}
        for file in font.files:
            path = self.inside(file.path, f"the font file of '{font.family}'")
            if path is None:
                continue
            try:
                problem = assets.check_font(path)
            except OSError as exc:
                problem = f"cannot be read ({exc.strerror})"
            if problem:
                self.problem(file.path.at, f"the font file '{file.path.text}' {problem}",
                             "use a TrueType (.ttf) file")
                continue
            faces[(file.weight >= 600, file.italic)] = path
        regular = faces.get((False, False)) or next(iter(faces.values()), None)
        if regular is None:
            return None
        return FontFamily(font.family, regular, faces.get((True, False)),
                          faces.get((False, True)), faces.get((True, True)))

    def extras(self, node: Node | None) -> dict[str, Any]:
        """`defaults.handouts`; other keys under `defaults` are for other tools."""
        defaults = self.mapping(node, "defaults", "put handouts: under defaults:")
        raw = defaults.items.get("handouts") if defaults else None
        if raw is None or _null(raw):
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
            elif _null(value):
                continue
            elif key == "help_lines":
                if not isinstance(value, Seq) or not all(
                        isinstance(v, Scalar) and not _null(v) for v in value.items):
                    self.problem(value.at, "defaults.handouts.help_lines must be a list of "
                                 "lines", "start each line with '- '")
                else:
                    out[key] = [v.text for v in value.items if isinstance(v, Scalar)]
            elif not isinstance(value, Scalar):
                self.problem(value.at, f"{where} must be text, not {_kind(value)}")
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
                written = _Written(value.text.strip(), value.at)
                path = self.inside(written, "the PowerPoint template")
                if path is not None and path.suffix.lower() != ".pptx":
                    self.problem(value.at, f"the PowerPoint template '{written.text}' is not "
                                 "a .pptx file", "save the template as .pptx")
                elif path is not None:
                    out[key] = path
            else:
                out[key] = value.text
        return out
