"""Reading `color` in `_brand.yml`: the palette (colours by name) and the theme colours,
each #RGB, #RRGGBB or a CSS colour name such as `navy` (read by
handouts.colours.parse_colour), or a name followed through the palette and the other theme
colours, to the end of any chain whatever order it is written in; a chain that goes round in
a circle is reported once, where it starts. A palette name is followed before a CSS name, as
brand.yml replaces palette names first. A theme colour the handouts use that is written only
inside the palette (`palette: {primary: ...}`) is a warning: brand.yml reads it as a palette
colour that happens to be called `primary`, so it would be dropped silently.
"""

from __future__ import annotations

import re

from handouts.brand.reader import BrandWalk
from handouts.colours import Palette, parse_colour
from handouts.errors import Diagnostic
from handouts.schema.nodes import Map, Node, Scalar, described, is_null

COLOR_KEYS = ("palette", "foreground", "background", "primary", "secondary", "tertiary",
              "success", "info", "warning", "danger", "light", "dark")
USED_ROLES = ("primary", "secondary", "foreground", "background")
"""The theme colours the handouts draw with (handouts.colours.Palette)."""
COLOUR_TODO = "write #RRGGBB, a CSS colour name such as navy, or a name from color.palette"
PALETTE_NAME_RE = re.compile(r"^[a-zA-Z_][a-zA-Z0-9_-]*$")
"""brand.yml's rule for palette names (they become Sass and CSS variables)."""


class ColourReader:
    """The colour section of a walk over the brand's tree."""

    def __init__(self, walk: BrandWalk) -> None:
        self.walk = walk

    def colours(self, node: Node | None) -> dict[str, str]:
        """The theme colours given, as #RRGGBB, palette names followed."""
        color = self.walk.mapping(node, "color", "put palette: and the theme colours under color:")
        if color is None:
            return {}
        self.walk.only(color, "color", COLOR_KEYS)
        palette = self.palette(color.items.get("palette"))
        theme: dict[str, Scalar] = {}
        for key, value in color.items.items():
            if key == "palette" or key not in COLOR_KEYS or is_null(value):
                continue
            if isinstance(value, Scalar):
                theme[key] = value
            else:
                self.walk.problem(value.at, f"color.{key} must be a colour, not {described(value)}",
                                  COLOUR_TODO)
        circles: set[frozenset[str]] = set()
        for name in palette:
            self.colour(palette, name, f"color.palette.{name}",
                        "write it as #RRGGBB or a CSS colour name such as navy", circles)
        self.roles_in_palette(color.items.get("palette"), theme)
        # theme colours may name palette colours and other theme colours (brand.yml)
        names = {**palette, **theme}
        out: dict[str, str] = {}
        for key in theme:
            found = self.colour(names, key, f"color.{key}", COLOUR_TODO, circles)
            if found is not None:
                out[key] = found
        return out

    def palette(self, node: Node | None) -> dict[str, Scalar]:
        """`color.palette`: the colours by name, as written."""
        given = self.walk.mapping(node, "color.palette",
                                  "give each colour a name, such as river: \"#1B5E7A\"")
        if given is None:
            return {}
        palette: dict[str, Scalar] = {}
        for name, value in given.items.items():
            if not PALETTE_NAME_RE.match(name):
                self.walk.problem(given.key_at[name], f"color.palette name '{name}' cannot be used",
                                  "start it with a letter; use only letters, digits, - and _")
            if isinstance(value, Scalar) and not is_null(value):
                palette[name] = value
            else:
                self.walk.problem(value.at, f"color.palette.{name} must be a colour, not "
                                  f"{described(value)}",
                                  "write it as #RRGGBB or a CSS colour name such as navy")
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
                    self.walk.problem(names[name].at, f"{where} '{names[name].text.strip()}' goes "
                                      f"round in a circle ({' -> '.join([*circle, value])})",
                                      "give one of them a colour, such as #RRGGBB")
                return None
            chain.append(value)
            value = names[value].text.strip()
        colour = parse_colour(value)
        if colour is not None:
            return colour
        if len(chain) == 1:
            self.walk.problem(names[name].at, f"{where} '{value}' is not a colour", todo)
        return None

    def roles_in_palette(self, node: Node | None, theme: dict[str, Scalar]) -> None:
        """A warning for each theme colour the handouts use that is written inside
        `color.palette` and not beside it, where brand.yml looks for it."""
        if not isinstance(node, Map):
            return
        default = Palette()
        for role in USED_ROLES:
            if role in node.items and role not in theme:
                self.walk.warnings.append(Diagnostic(
                    "role-in-palette", f"color.palette.{role} names a palette colour, not the "
                    f"theme's {role} colour, so the handouts use the default {role} "
                    f"{getattr(default, role)}; move {role}: up one level, beside palette:, or "
                    f"rename the palette colour (such as brand-{role}) and add '{role}: "
                    f"brand-{role}' under color:",
                    node.key_at[role]))
