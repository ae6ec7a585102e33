"""The clinic's brand from _brand.yml (brand.yml format; handouts extras under
`defaults.handouts`).

This reads the parts of brand.yml the print writer uses today: the clinic's name and home
link, the primary, secondary, foreground and background colours (palette names resolve),
and the handouts extras. Unknown brand.yml sections are accepted, since the format has
more than handouts uses.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handouts.config import suggest
from handouts.errors import Location, Problem, SettingsError
from handouts.yamlsource import Map, Node, Scalar, read

HEX_RE = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
PAPERS = ("letter", "a4")
SLIDE_SIZES = ("16:9", "4:3")
HANDOUTS_KEYS = ("phone", "address", "hours", "email", "qr_url", "disclaimer", "paper",
                 "slide_size", "help_lines", "pptx_template")


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
    paper: str = "letter"
    slide_size: str = "16:9"
    source: Path | None = None


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


def load_brand(path: Path) -> Brand:
    """Read a brand file; a missing file gives the neutral default brand."""
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
    found: list[Problem] = []

    def text(node: Node | None, what: str) -> str | None:
        if node is None:
            return None
        if not isinstance(node, Scalar):
            found.append(Problem(node.at, f"{what} must be text"))
            return None
        return node.text

    def section(node: Node | None, what: str) -> dict[str, Node]:
        if node is None:
            return {}
        if not isinstance(node, Map):
            found.append(Problem(node.at, f"{what} must be a mapping"))
            return {}
        return node.items

    meta = section(tree.items.get("meta"), "meta")
    name_node = meta.get("name")
    full = short = None
    if isinstance(name_node, Map):
        full = text(name_node.items.get("full"), "meta.name.full")
        short = text(name_node.items.get("short"), "meta.name.short")
    else:
        full = text(name_node, "meta.name")
    link_node = meta.get("link")
    url = (text(link_node.items.get("home"), "meta.link.home") if isinstance(link_node, Map)
           else text(link_node, "meta.link"))

    color = section(tree.items.get("color"), "color")
    palette = {k: text(v, f"color.palette.{k}") for k, v in
               section(color.get("palette"), "color.palette").items()}

    def colour(key: str, default: str) -> str:
        node = color.get(key)
        value = text(node, f"color.{key}")
        if value is None or node is None:
            return default
        value = palette.get(value) or value
        if not HEX_RE.match(value):
            found.append(Problem(node.at, f"color.{key} '{value}' is not a colour",
                                 "write #RRGGBB or a name from color.palette"))
            return default
        return _hex(value)

    defaults = section(tree.items.get("defaults"), "defaults")
    extras_node = defaults.get("handouts")
    extras = section(extras_node, "defaults.handouts")
    if isinstance(extras_node, Map):
        for key, key_at in extras_node.key_at.items():
            if key not in HANDOUTS_KEYS:
                found.append(Problem(key_at, f"unknown key '{key}' in defaults.handouts",
                                     suggest(key, HANDOUTS_KEYS)))
    paper = (text(extras.get("paper"), "defaults.handouts.paper") or "letter").lower()
    if paper not in PAPERS:
        found.append(Problem(extras["paper"].at, f"paper '{paper}' is not a paper size",
                             "use letter or a4"))
    slide_size = text(extras.get("slide_size"), "defaults.handouts.slide_size") or "16:9"
    if slide_size not in SLIDE_SIZES:
        found.append(Problem(extras["slide_size"].at, f"slide_size '{slide_size}' is not a "
                             "slide size", "use 16:9 or 4:3"))
    brand = Brand(
        name=full or short or DEFAULT_BRAND.name,
        short_name=short or full or DEFAULT_BRAND.short_name,
        url=url,
        primary=colour("primary", DEFAULT_BRAND.primary),
        secondary=colour("secondary", DEFAULT_BRAND.secondary),
        foreground=colour("foreground", DEFAULT_BRAND.foreground),
        background=colour("background", DEFAULT_BRAND.background),
        phone=text(extras.get("phone"), "defaults.handouts.phone"),
        address=text(extras.get("address"), "defaults.handouts.address"),
        hours=text(extras.get("hours"), "defaults.handouts.hours"),
        email=text(extras.get("email"), "defaults.handouts.email"),
        qr_url=text(extras.get("qr_url"), "defaults.handouts.qr_url") or url,
        disclaimer=text(extras.get("disclaimer"), "defaults.handouts.disclaimer")
        or DEFAULT_BRAND.disclaimer,
        paper=paper if paper in PAPERS else "letter",
        slide_size=slide_size if slide_size in SLIDE_SIZES else "16:9",
        source=path,
    )
    if found:
        raise SettingsError(found)
    return brand


def location(brand: Brand) -> Location:
    """Where the brand came from, for messages."""
    return Location(brand.source or Path("_brand.yml"))
