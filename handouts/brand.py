"""The clinic's brand: `_brand.yml` in the brand.yml format, read with the `brand-yml`
package, checked with file, line and column, plus the handouts extras under
`defaults.handouts`.

brand-yml normalises the format (the short and long forms of names, logos and fonts);
this module adds what it leaves to the reader: colours must be colours, every file must
exist inside the project, images must be small enough to be logos, fonts must be real
TrueType files, and fonts that would need a download fall back to the built-in family
with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from handouts.config import suggest
from handouts.errors import Location, Problem, SettingsError
from handouts.yamlsource import Map, Node, Seq, read

HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
PAPERS = ("letter", "a4")
SLIDE_SIZES = ("16:9", "4:3")
HANDOUTS_KEYS = ("phone", "address", "hours", "email", "qr_url", "disclaimer", "paper",
                 "slide_size", "help_lines", "pptx_template")
TOP_KEYS = ("meta", "logo", "color", "typography", "defaults")
COLOR_KEYS = ("palette", "foreground", "background", "primary", "secondary", "tertiary",
              "success", "info", "warning", "danger", "light", "dark")
LOGO_SIZES = ("small", "medium", "large")


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
    primary: str
    secondary: str
    foreground: str
    background: str
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
    base_font: FontFamily | None = None
    heading_font: FontFamily | None = None
    pptx_template: Path | None = None
    source: Path | None = None
    warnings: tuple[str, ...] = field(default=(), compare=False)

    @property
    def slug(self) -> str:
        """A folder name for this brand's outputs."""
        return re.sub(r"[^a-z0-9]+", "-", self.name.lower()).strip("-") or "brand"


DEFAULT_BRAND = Brand(
    name="Your Clinic", short_name="Your Clinic", url=None, primary="#1F5C99",
    secondary="#E8F0F7", foreground="#1A1A1A", background="#FFFFFF",
    disclaimer="This handout is for general information. It does not replace advice from "
               "your own health care provider.",
)


def _hex(color: str) -> str:
    if len(color) == 4:
        color = "#" + "".join(c * 2 for c in color[1:])
    return color.upper()


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


class _BrandReader:
    def __init__(self, path: Path, tree: Map, root: Path) -> None:
        self.path, self.tree, self.root = path, tree, root
        self.problems: list[Problem] = []
        self.warnings: list[str] = []

    def at(self, *steps: Any) -> Location:
        return node_at(self.tree, steps) or Location(self.path)

    def problem(self, steps: tuple[Any, ...], what: str, todo: str = "") -> None:
        self.problems.append(Problem(self.at(*steps), what, todo))

    def inside(self, raw: str, steps: tuple[Any, ...], what: str) -> Path | None:
        """A file path from the brand, resolved against its folder; it must stay inside the
        project and exist."""
        base = self.path.parent
        candidate = (base / raw).resolve()
        if not candidate.is_relative_to(self.root.resolve()):
            self.problem(steps, f"{what} '{raw}' leads outside the project",
                         "keep brand files inside the project folder")
            return None
        if not candidate.is_file():
            self.problem(steps, f"{what} '{raw}' does not exist",
                         f"put the file at {candidate} or fix the path")
            return None
        return candidate


def load_brand(path: Path, root: Path | None = None) -> Brand:
    """Read a brand file; a missing file gives the neutral default brand.

    Raises SettingsError listing every problem. `root` is the project folder that brand
    files must stay inside (default: the brand file's folder).
    """
    if not path.exists():
        return DEFAULT_BRAND
    tree, problems = read(path)
    if problems:
        raise SettingsError(problems)
    if tree is None:
        return DEFAULT_BRAND
    if not isinstance(tree, Map):
        raise SettingsError([Problem(tree.at, "the brand file must be a mapping",
                                     "start with 'meta:' (see brand.yml)")])
    import pydantic
    from brand_yml import Brand as BrandYml

    r = _BrandReader(path, tree, root or path.parent)
    for key, key_at in tree.key_at.items():
        if key not in TOP_KEYS:
            r.problems.append(Problem(key_at, f"unknown brand.yml section '{key}'",
                                      suggest(key, TOP_KEYS)))
    try:
        parsed = BrandYml.from_yaml_str(path.read_text(encoding="utf-8"), path=path)
    except pydantic.ValidationError as exc:
        for err in exc.errors():
            loc = tuple(s for s in err["loc"] if isinstance(s, (str, int)))
            r.problems.append(Problem(node_at(tree, loc) or Location(path),
                                      f"brand.yml: {err['msg']}",
                                      f"check '{'.'.join(map(str, loc[:3]))}'"))
        raise SettingsError(r.problems) from None
    except Exception as exc:
        raise SettingsError([*r.problems, Problem(Location(path), f"brand.yml: {exc}")]) \
            from None
    brand = _build(r, parsed)
    if r.problems:
        raise SettingsError(r.problems)
    return brand


def _text(value: Any) -> str | None:
    return None if value is None else str(value)


def _build(r: _BrandReader, b: Any) -> Brand:
    meta = b.meta
    full = short = None
    url = None
    if meta is not None:
        if meta.name is not None:
            full, short = _text(meta.name.full), _text(meta.name.short)
        if meta.link is not None and meta.link.home is not None:
            url = str(meta.link.home).rstrip("/")
    colours = _colours(r, b.color)
    extras = _extras(r, b.defaults or {})
    return Brand(
        name=full or short or DEFAULT_BRAND.name,
        short_name=short or full or DEFAULT_BRAND.short_name,
        url=url,
        primary=colours.get("primary", DEFAULT_BRAND.primary),
        secondary=colours.get("secondary", DEFAULT_BRAND.secondary),
        foreground=colours.get("foreground", DEFAULT_BRAND.foreground),
        background=colours.get("background", DEFAULT_BRAND.background),
        phone=extras.get("phone"), address=extras.get("address"), hours=extras.get("hours"),
        email=extras.get("email"), qr_url=extras.get("qr_url") or url,
        disclaimer=extras.get("disclaimer") or DEFAULT_BRAND.disclaimer,
        help_lines=tuple(extras.get("help_lines", ())),
        paper=extras.get("paper", "letter"), slide_size=extras.get("slide_size", "16:9"),
        logo=_logo(r, b.logo),
        base_font=_font(r, b.typography, "base"),
        heading_font=_font(r, b.typography, "headings"),
        pptx_template=extras.get("pptx_template"),
        source=r.path, warnings=tuple(r.warnings),
    )


def _colours(r: _BrandReader, color: Any) -> dict[str, str]:
    if color is None:
        return {}
    palette = {str(k): str(v) for k, v in (color.palette or {}).items()}
    out: dict[str, str] = {}
    for name, value in palette.items():
        if not HEX_RE.match(value) and value not in palette:
            r.problem(("color", "palette", name), f"color.palette.{name} '{value}' is not a "
                      "colour", "write it as #RRGGBB")
    for key in ("foreground", "background", "primary", "secondary"):
        given = getattr(color, key, None)
        if given is None:
            continue
        value = str(given)
        resolved = palette.get(value, value)
        if not HEX_RE.match(resolved):
            r.problem(("color", key), f"color.{key} '{value}' is not a colour",
                      "write #RRGGBB or a name from color.palette")
            continue
        out[key] = _hex(resolved)
    return out


def _extras(r: _BrandReader, defaults: dict[str, Any]) -> dict[str, Any]:
    raw = defaults.get("handouts") or {}
    if not isinstance(raw, dict):
        r.problem(("defaults", "handouts"), "defaults.handouts must be a mapping")
        return {}
    out: dict[str, Any] = {}
    for key, value in raw.items():
        steps = ("defaults", "handouts", key)
        if key not in HANDOUTS_KEYS:
            r.problem(steps, f"unknown key '{key}' in defaults.handouts",
                      suggest(key, HANDOUTS_KEYS))
        elif key == "help_lines":
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                r.problem(steps, "defaults.handouts.help_lines must be a list of lines",
                          "start each line with '- '")
            else:
                out[key] = value
        elif key == "paper":
            if str(value).lower() not in PAPERS:
                r.problem(steps, f"paper '{value}' is not a paper size", "use letter or a4")
            else:
                out[key] = str(value).lower()
        elif key == "slide_size":
            if str(value) not in SLIDE_SIZES:
                r.problem(steps, f"slide_size '{value}' is not a slide size",
                          "use \"16:9\" or \"4:3\" (quoted)")
            else:
                out[key] = str(value)
        elif key == "pptx_template":
            path = r.inside(str(value), steps, "the PowerPoint template")
            if path is not None and path.suffix.lower() != ".pptx":
                r.problem(steps, f"the PowerPoint template '{value}' is not a .pptx file",
                          "save the template as .pptx")
            elif path is not None:
                out[key] = path
        else:
            out[key] = str(value)
    return out


def _logo(r: _BrandReader, logo: Any) -> Path | None:
    """The largest logo given, light variant preferred, checked as a file in the project."""
    if logo is None:
        return None
    from handouts import assets

    if hasattr(logo, "path"):  # a single image
        chosen: tuple[Any, tuple[Any, ...]] | None = (logo, ("logo",))
    else:
        chosen = None
        for size in reversed(LOGO_SIZES):
            res = getattr(logo, size, None)
            if res is None:
                continue
            res = getattr(res, "light", None) or getattr(res, "dark", None) or res
            chosen = (res, ("logo", size))
            break
    if chosen is None or not hasattr(chosen[0], "path"):
        return None
    raw = str(chosen[0].path.root)
    path = r.inside(raw, chosen[1], "the logo")
    if path is None:
        return None
    problem = assets.check_image(path)
    if problem:
        r.problem(chosen[1], f"the logo '{raw}' {problem}", "use a PNG, JPEG or SVG logo "
                  f"under {assets.MAX_LOGO_PIXELS // 1_000_000} megapixels")
        return None
    return path


def _font(r: _BrandReader, typography: Any, role: str) -> FontFamily | None:
    """The family named for `role` (base or headings), from its local files; a family that
    would need a download falls back to the built-in one, with a warning."""
    if typography is None:
        return None
    from handouts import assets

    chosen = getattr(typography, role, None)
    family = getattr(chosen, "family", None) if chosen is not None else None
    if family is None:
        return None
    fonts = [f for f in (typography.fonts or []) if getattr(f, "family", None) == family]
    local = next((f for f in fonts if getattr(f, "source", None) == "file"), None)
    if local is None:
        source = getattr(fonts[0], "source", "system") if fonts else "system"
        r.warnings.append(f"{r.path}: the {role} font '{family}' ({source}) would need to be "
                          "downloaded or installed; using the built-in Noto Sans instead. Add "
                          "its .ttf files with 'source: file' to use it.")
        return None
    faces: dict[tuple[bool, bool], Path] = {}
    index = typography.fonts.index(local)
    for n, file in enumerate(local.files):
        steps = ("typography", "fonts", index, "files", n, "path")
        path = r.inside(str(file.path.root), steps, f"the font file of '{family}'")
        if path is None:
            continue
        problem = assets.check_font(path)
        if problem:
            r.problem(steps, f"the font file '{file.path.root}' {problem}",
                      "use a TrueType (.ttf) file")
            continue
        raw = getattr(file.weight, "root", file.weight)
        weight = int(raw) if str(raw).isdigit() else 400
        faces[(weight >= 600, file.style == "italic")] = path
    regular = faces.get((False, False)) or next(iter(faces.values()), None)
    if regular is None:
        return None
    return FontFamily(family, regular, faces.get((True, False)), faces.get((False, True)),
                      faces.get((True, True)))

