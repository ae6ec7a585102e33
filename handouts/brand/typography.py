"""Reading `typography` in `_brand.yml`: the entries of `typography.fonts` (their
sources, files, weights and styles, each checked whether it is used or not) and the base
and heading families, made from their local TrueType files; a family that would need a
download falls back to the built-in one with a warning.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from handouts.brand.model import FontFamily
from handouts.brand.reader import BrandWalk, Written
from handouts.errors import Diagnostic, Location
from handouts.schema.nodes import Map, Node, Scalar, Seq, described, is_null
from handouts.schema.reader import suggest

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


@dataclass(frozen=True)
class _FontFile:
    path: Written
    weight: int
    italic: bool


@dataclass(frozen=True)
class _Font:
    """One entry of `typography.fonts`, its shape checked."""

    family: str
    source: str
    files: tuple[_FontFile, ...]


def _weight(text: str) -> int | None:
    """A font weight written as a number or a CSS name; None if it is neither."""
    text = text.strip().lower()
    if re.fullmatch(r"[0-9]{1,4}", text):
        return int(text)
    return FONT_WEIGHTS.get(re.sub(r"[-_ ]", "", text))


class TypographyReader:
    """The typography section of a walk over the brand's tree."""

    def __init__(self, walk: BrandWalk) -> None:
        self.walk = walk
        self.path = walk.path
        self.warnings = walk.warnings  # the walk's own list: warnings are the brand's
        self.families: dict[_Font, FontFamily | None] = {}

    def problem(self, at: Location, what: str, todo: str = "") -> None:
        self.walk.problem(at, what, todo)

    def inside(self, raw: Written, what: str) -> Path | None:
        return self.walk.inside(raw, what)

    def typography(self, node: Node | None) -> tuple[FontFamily | None, FontFamily | None]:
        """The base and heading font families, from their local files."""
        typography = self.walk.mapping(node, "typography",
                                       "put fonts:, base: and headings: under typography:")
        if typography is None:
            return None, None
        self.walk.only(typography, "typography", TYPOGRAPHY_KEYS)
        fonts = self.fonts(typography.items.get("fonts"))
        chosen = []
        for role in ("base", "headings"):
            family = self.family(typography.items.get(role), f"typography.{role}")
            chosen.append(None if family is None else
                          self.font(fonts, family, role, typography.items[role].at))
        return chosen[0], chosen[1]

    def family(self, node: Node | None, where: str) -> str | None:
        """The family of `base` or `headings`: the text, or `family` in a mapping (the
        other settings there are for web pages, not handouts)."""
        if isinstance(node, Map):
            return self.walk.text(node.items.get("family"), f"{where}.family",
                                  "write the font family's name") or None
        return self.walk.text(node, where, "write the font family's name, or family: under it") \
            or None

    def fonts(self, node: Node | None) -> list[_Font]:
        """`typography.fonts`, each entry's shape checked whether it is used or not."""
        if node is None or is_null(node):
            return []
        if not isinstance(node, Seq):
            self.problem(node.at, f"typography.fonts must be a list, not {described(node)}",
                         "start each font with '- family:'")
            return []
        fonts = []
        for number, item in enumerate(node.items, 1):
            where = f"font {number} in typography.fonts"
            if not isinstance(item, Map):
                self.problem(item.at, f"{where} must be a mapping, not {described(item)}",
                             "give it family: and source:")
                continue
            family = self.walk.text(item.items.get("family"), f"{where}: family")
            source = self.walk.text(item.items.get("source"), f"{where}: source")
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
                self.walk.only(item, where, FONT_KEYS[source])
            files = self.font_files(item.items.get("files"), where) if source == "file" \
                else ()
            if family:
                fonts.append(_Font(family, source, files))
        return fonts

    def font_files(self, node: Node | None, where: str) -> tuple[_FontFile, ...]:
        if node is None or is_null(node):
            return ()
        if not isinstance(node, Seq):
            self.problem(node.at, f"the files of {where} must be a list, not {described(node)}",
                         "start each file with '- path:'")
            return ()
        files = []
        for item in node.items:
            if isinstance(item, Scalar) and not is_null(item):
                files.append(_FontFile(Written(item.text.strip(), item.at), 400, False))
                continue
            if not isinstance(item, Map):
                self.problem(item.at, f"a file of {where} must be a path or a mapping with "
                             f"path:, not {described(item)}",
                             "write - {path: fonts/Name-Regular.ttf, weight: 400}")
                continue
            self.walk.only(item, f"a file of {where}", FONT_FILE_KEYS)
            path = item.items.get("path")
            text = self.walk.text(path, f"the path of a file of {where}")
            weight = self.weight(item.items.get("weight"), where)
            style = self.walk.text(item.items.get("style"), f"the style of a file of {where}")
            if style is not None and style not in ("normal", "italic"):
                self.problem(item.items["style"].at, f"the style '{style}' of a file of "
                             f"{where} is not a font style", "use normal or italic")
            if text and path is not None and weight is not None:
                files.append(_FontFile(Written(text, path.at), weight, style == "italic"))
            elif not text and not isinstance(path, (Map, Seq)):  # those were not text
                self.problem(item.at, f"a file of {where} has no path",
                             "add path: and the font file's path")
        return tuple(files)

    def weight(self, node: Node | None, where: str) -> int | None:
        """A font file's weight as a number (a range counts as its lightest weight)."""
        if node is None or is_null(node):
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
            written = f" {described(node)}" if isinstance(node, Scalar) else ""
            self.problem(node.at, f"the weight{written} of a file of {where} is not a font "
                         "weight", "use 100 to 900 in steps of 100, or a name such as normal, "
                         "semi-bold or bold")
            return None
        return min(weights)

    def font(self, fonts: list[_Font], family: str, role: str, at: Location
             ) -> FontFamily | None:
        """The family named for `role` (base or headings), from its local files; a family
        that would need a download falls back to the built-in one, with a warning
        (`font-fallback`) located at `at`, where the family was named for the role."""
        listed = [f for f in fonts if f.family == family]
        local = next((f for f in listed if f.source == "file"), None)
        if local is None:
            # brand.yml's default for a family not in typography.fonts
            source = listed[0].source if listed else "system"
            self.warnings.append(Diagnostic(
                "font-fallback", f"the {role} font '{family}' ({source}) would need to be "
                "downloaded or installed; using the built-in Noto Sans instead. Add its .ttf "
                "files with 'source: file' to use it.", at))
            return None
        if local not in self.families:  # base and headings often share a family
            self.families[local] = self.font_family(local)
        return self.families[local]

    def font_family(self, font: _Font) -> FontFamily | None:
        from handouts.brand import assets

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
