"""The bundled icons: a curated subset of Health Icons (Resolve to Save Lives, MIT licence;
the npm package `healthicons`, version in index.json), for patient education.

index.json maps each icon's stable name (kebab-case, what content and layouts use) to its
SVG file under svg/ and says what it shows; the SVG files are the upstream ones unchanged
(filled style, 48 x 48, drawn in `currentColor`), and LICENSE is the set's licence. An
icon is drawn in one colour: `coloured` writes a colour in place of `currentColor`, and
`icon_colour` chooses one from the brand that contrasts at least 3:1 with what is behind
it (WCAG 1.4.11, non-text contrast). Every SVG still passes the one SVG reader
(handouts.brand.svg) before it is drawn.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

from handouts.colours import Palette, parse_hex
from handouts.contrast import NON_TEXT, alternatives, meeting

CURRENT_COLOUR = b"currentColor"
"""What the icons' shapes are filled with: the colour they are drawn in."""


@dataclass(frozen=True)
class Icon:
    """One bundled icon: its stable name, what it shows (in plain words) and its file
    (relative to the icons folder)."""

    name: str
    shows: str
    file: str


@dataclass(frozen=True)
class IconSet:
    """The bundled icons in the index's order, with where they come from."""

    icons: tuple[Icon, ...]
    title: str
    """The set's name and maker ("Health Icons by Resolve to Save Lives")."""
    version: str
    """The npm package's version the files were taken from."""
    licence: str

    def get(self, name: str) -> Icon | None:
        """The icon called `name`, or None."""
        return next((icon for icon in self.icons if icon.name == name), None)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(icon.name for icon in self.icons)


@functools.lru_cache(maxsize=1)
def bundled() -> IconSet:
    """The bundled icon set, read once from index.json; raises OSError or ValueError only
    if the package is damaged."""
    index = json.loads((resources.files("handouts.icons") / "index.json").read_text("utf-8"))
    icons = tuple(Icon(entry["name"], entry["shows"], f"svg/{entry['name']}.svg")
                  for entry in index["icons"])
    return IconSet(icons, f"{index['set']} by {index['by']}", index["version"],
                   index["licence"])


@functools.lru_cache(maxsize=256)
def icon_svg(name: str) -> bytes:
    """The SVG bytes of the bundled icon `name` (read once per process); raises KeyError
    if there is no such icon."""
    icon = bundled().get(name)
    if icon is None:
        raise KeyError(name)
    return (resources.files("handouts.icons") / icon.file).read_bytes()


def coloured(data: bytes, colour: str) -> bytes:
    """An icon's SVG bytes drawn in `colour` ('#RRGGBB'): every `currentColor` replaced by
    it; raises ValueError if `colour` is not a hex colour."""
    value = parse_hex(colour)
    if value is None:
        raise ValueError(f"'{colour}' is not a hex colour")
    return data.replace(CURRENT_COLOUR, value.encode("ascii"))


def icon_colour(palette: Palette, ground: str | None = None) -> str:
    """The colour icons are drawn in on `ground` (the page's background if None): the
    brand's primary colour if it contrasts at least NON_TEXT (3:1) with the ground, else
    the first of the brand's foreground, background, white and near-black that contrasts
    most, else black or white."""
    behind = ground or palette.background
    return meeting(palette.primary, behind, NON_TEXT, alternatives(palette))[0]
