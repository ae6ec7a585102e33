"""Pictures in content: a bundled icon on a key point, an action or a section (`icon:
NAME`), and a section's picture (`image: {src, alt, caption, credit}`), read from a topic
file with their places. A picture is checked as a logo is (handouts.brand.assets: inside
the project, PNG, JPEG or SVG, within the size caps, an SVG through the one SVG reader)
and must have alt text; an icon must be one of the bundled set (handouts.icons).
"""

from __future__ import annotations

from handouts.content.model import Picture, Point
from handouts.content.walk import ContentReader
from handouts.schema.nodes import Map, Node
from handouts.schema.reader import Field, suggest

PICTURE_FIELDS = (
    Field("src", "the picture file (PNG, JPEG or SVG) inside the project", required=True),
    Field("alt", "what the picture shows, for readers who cannot see it", required=True),
    Field("caption", "a line under the picture"), Field("credit", "who made it; its licence"),
)
POINT_KEYS = ("text", "icon")
"""Keys a key point or action written as a mapping may have besides level names: `text`
(the same at every level) and `icon`."""


def points(r: ContentReader, node: Node | None, what: str) -> tuple[Point, ...]:
    """Key points or actions: each a text (one, or one per level), or a mapping of level
    names (or `text`) and an `icon`."""
    out = []
    for item in r.seq(node, what + "s"):
        icon = None
        if isinstance(item, Map) and any(k in item.items for k in POINT_KEYS):
            icon = icon_name(r, item.items.get("icon"), f"{what} icon")
            rest = Map({k: v for k, v in item.items.items() if k != "icon"}, item.at,
                       {k: v for k, v in item.key_at.items() if k != "icon"})
            if "text" in rest.items:
                r.schema.keys(rest, ("text",), f"a {what} with 'text'",
                              unknown="'{key}' beside 'text' in {what}")
            item = rest.items.get("text", rest)
        text = r.text(item, what)
        if text is not None:
            out.append(Point(text.by_level, text.at, text.where, icon))
    return tuple(out)


def icon_name(r: ContentReader, node: Node | None, what: str) -> str | None:
    """A bundled icon's name; a problem naming the nearest names if there is none such."""
    from handouts.icons.catalogue import bundled

    name = r.string(node, what)
    if name is None or node is None:
        return None
    icons = bundled()
    if icons.get(name.strip()) is None:
        r.problem(node.at, f"{what} '{name}' is not a bundled icon",
                  f"{suggest(name.strip(), icons.names)}; make-handouts icons lists them")
        return None
    return name.strip()


def picture(r: ContentReader, node: Node | None, name: str) -> Picture | None:
    """A section's `image`: its file checked as a logo is (inside the project, PNG, JPEG
    or SVG, within the size caps, no outside references), its alt text required."""
    from handouts.brand.assets import check_image

    if node is None:
        return None
    what = f"{name} image"
    f = r.fields(node, PICTURE_FIELDS, what)
    src = r.string(f.get("src"), f"{what} src")
    alt = r.text(f.get("alt"), f"{what} alt")
    caption = r.text(f.get("caption"), f"{what} caption")
    credit = r.string(f.get("credit"), f"{what} credit")
    if src is None or alt is None:
        return None
    path = r.root / src.strip().lstrip("/")
    problem = check_image(path, (r.root,))
    if problem:
        r.problem(f["src"].at, f"{what} '{src}' {problem}",
                  "give a PNG, JPEG or SVG file inside the project, its path relative to the "
                  "project folder")
        return None
    return Picture(src.strip(), path, alt, caption, credit, node.at)
