"""Fonts named as Illustrator names them in an SVG, by the PostScript name of one face
(`font-family="'LiberationSerif-Bold'"`, or `.st1{font-family:'LiberationSerif-Bold';}`),
taken to the family, weight and style of that face among the font files an SVG's text
is drawn with. resvg finds fonts by family name only, so without this such a wordmark is
drawn in the fallback font, and never in bold.

Both forms Illustrator writes are covered: CSS declarations (in <style> and style
attributes) are rewritten in the SVG's text; presentation attributes are matched by a
style sheet of attribute selectors, which resvg applies above them.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

_BOLD_FLAG = 1 << 18
"""reportlab's TTFontFile.flags bit for a bold face."""
_ITALIC_FLAG = 1 << 6
"""reportlab's TTFontFile.flags bit for an italic face."""
_CSS_RE = re.compile(r"""font-family\s*:\s*(['"]?)([A-Za-z0-9_.+-]+)\1""")
"""A CSS font-family declaration whose first family is one word (a PostScript name)."""
_PLAIN_FAMILY_RE = re.compile(r"[A-Za-z][A-Za-z0-9]*(?: [A-Za-z][A-Za-z0-9]*)*")


@dataclass(frozen=True)
class Face:
    """The family, weight (400 or 700) and style of one font file's face."""

    family: str
    weight: int
    italic: bool

    def css(self) -> str:
        """CSS declarations that choose this face (the family last, where it was)."""
        # unquoted where CSS allows, else in single quotes: it may sit in a style="..."
        family = self.family if _PLAIN_FAMILY_RE.fullmatch(self.family) else \
            "'" + re.sub(r"['\"\\]", "", self.family) + "'"
        return (f"font-weight:{self.weight};font-style:{'italic' if self.italic else 'normal'};"
                f"font-family:{family}")


@functools.lru_cache(maxsize=8)
def faces(files: tuple[tuple[str, int, int], ...]) -> dict[str, Face]:
    """The faces of these font files ((path, mtime_ns, size), already checked as usable
    TrueType fonts) by PostScript name; a file that cannot be read or parsed names none."""
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    found: dict[str, Face] = {}
    for path, _, _ in files:
        try:
            font = TTFontFile(path)
        except (TTFError, OSError, ValueError, IndexError, KeyError):
            continue
        name, family = _text(font.name), _text(font.familyName)
        if name and family and name != family:
            found.setdefault(name, Face(family, 700 if font.flags & _BOLD_FLAG else 400,
                                        bool(font.flags & _ITALIC_FLAG)))
    return found


def _text(value: bytes | str) -> str:
    return value.decode("latin-1") if isinstance(value, bytes) else value


def renamed(text: str, named: dict[str, Face]) -> str:
    """An SVG's text with every CSS font-family declaration that names a face by its
    PostScript name made to choose that face by family, weight and style."""
    def face(match: re.Match[str]) -> str:
        found = named.get(match.group(2))
        return found.css() if found else match.group(0)

    return _CSS_RE.sub(face, text) if named else text


def style_sheet(named: dict[str, Face]) -> str | None:
    """A style sheet that makes a font-family attribute naming a face by its PostScript
    name (quoted or not) choose that face; None if there are none."""
    rules = [f"""[font-family="'{name}'"], [font-family="{name}"] {{ {face.css()} }}"""
             for name, face in named.items() if re.fullmatch(r"[A-Za-z0-9_.+-]+", name)]
    return "\n".join(rules) or None
