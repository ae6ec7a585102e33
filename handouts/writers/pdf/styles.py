"""The paragraph styles of a printed output's theme (handouts.writers.pdf.theme): body,
lead, small, meta, caption, centred and headings, in the theme's fonts and in the colour
that reads on each ground the PDF writer draws text on (handouts.writers.pdf.inks.GROUNDS).
"""

from __future__ import annotations

import functools

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.styles import ParagraphStyle

from handouts.colours import Palette
from handouts.contrast import Ink, alternatives
from handouts.fonts.families import Fonts
from handouts.fonts.registry import FaceNames, register
from handouts.writers.hyphenation import dictionary, hyphenator
from handouts.writers.pdf import inks
from handouts.writers.pdf.theme import Theme

__all__ = ["Styles", "Theme", "styles_of"]


class Styles:
    """The paragraph styles of a theme on one ground (handouts.writers.pdf.inks.GROUNDS):
    body, lead, small, meta, caption (a figure's caption and credit), centred and
    headings, each in the colour that reads on it. Text in all but headings is hyphenated
    by the rules of `lang` (the document's BCP 47 tag) when the theme hyphenates that
    language (handouts.writers.pdf.hyphens)."""

    def __init__(self, theme: Theme, italic: bool = True, ground: str = "page",
                 lang: str = "") -> None:
        faces = register(theme.fonts, italic)
        family = faces.family
        self.family = family
        self.bold = faces.bold
        heads = register(theme.heading_fonts, italic) if theme.heading_fonts else faces
        self.heading_family = heads.family
        size = theme.body_size
        self.size = size
        self.leading = size * 1.38
        self.palette, self.ground = theme.palette, ground
        self.others = alternatives(theme.palette)
        hyphenation = dictionary(lang, theme.hyphenate)

        def style(name: str, **kw: object) -> ParagraphStyle:
            base: dict[str, object] = dict(
                fontName=family, fontSize=size, leading=self.leading, spaceAfter=size * 0.55,
                allowWidows=0, allowOrphans=0)
            if hyphenation and _ROLE[name] == "body":  # not headings, nor small print:
                base["hyphenationLang"] = hyphenator(hyphenation)  # names, dates, sources
            base.update(kw)
            role = _ROLE[name]
            base["textColor"] = self.colour(role, float(base["fontSize"]),  # type: ignore[arg-type]
                                            role == "heading")
            return ParagraphStyle(name, **base)

        self.body = style("body")
        self.lead = style("lead", fontSize=size * 1.15, leading=size * 1.15 * 1.38)
        self.small = style("small")
        self.meta = style("meta")
        self.center = style("center", alignment=TA_CENTER)
        self.caption = style("caption", spaceBefore=size * 0.3, spaceAfter=size * 0.1)
        self.headings = [
            style("title", fontName=heads.bold, fontSize=size * 2.2,
                  leading=size * 2.2 * 1.15, spaceAfter=size * 0.4),
            style("h1", fontName=heads.bold, fontSize=size * 1.55,
                  leading=size * 1.55 * 1.2, spaceBefore=size * 1.1,
                  spaceAfter=size * 0.45, keepWithNext=1),
            style("h2", fontName=heads.bold, fontSize=size * 1.3,
                  leading=size * 1.3 * 1.2, spaceBefore=size * 0.9,
                  spaceAfter=size * 0.35, keepWithNext=1),
            style("h3", fontName=heads.bold, fontSize=size * 1.1,
                  leading=size * 1.1 * 1.25, spaceBefore=size * 0.6,
                  spaceAfter=size * 0.25, keepWithNext=1),
        ]

    def ink(self, role: str, size: float, bold: bool = False) -> Ink:
        """The ink of text of `role` (inks.ROLES) at `size` points on this ground; on the
        title band, all text takes the colour its smallest text needs, so the band reads as
        one."""
        if self.ground == "band":
            size, bold = self.size, False
        return inks.ink(self.palette, role, self.ground, size, bold)

    def colour(self, role: str, size: float, bold: bool = False) -> colors.Color:
        """The colour text of `role` at `size` points is drawn in on this ground."""
        return colors.HexColor(self.ink(role, size, bold).resolve(self.others)[0])

    def ink_of(self, style: ParagraphStyle) -> Ink:
        """The ink of a paragraph drawn in `style` (one of these styles or made from one)."""
        base = style  # a style made from one of these has it as parent
        while base.name.removesuffix("-fit") not in _ROLE and base.parent is not None:
            base = base.parent
        role = _ROLE[base.name.removesuffix("-fit")]
        return self.ink(role, style.fontSize, role == "heading")

    def paragraph(self, name: str) -> ParagraphStyle:
        return {"body": self.body, "lead": self.lead, "small": self.small, "meta": self.meta,
                "center": self.center, "source": self.meta}[name]


_ROLE = {"body": "body", "lead": "body", "small": "body", "center": "body", "meta": "meta",
         "caption": "meta",
         "title": "heading", "h1": "heading", "h2": "heading", "h3": "heading"}
"""The kind of text (inks.ROLES) of each paragraph style, by its name."""


def styles_of(theme: Theme, italic: bool = True, ground: str = "page", lang: str = "") -> Styles:
    """The Styles of `theme` on `ground` (as Styles(theme, italic, ground, lang)), made once
    per process for each look: what they are made from (the fonts as registered, which
    names them by their bytes, the size, palette and hyphenation) is a brand's and a
    level's, the same for each of its outputs. Shared: never changed by those who use
    them."""
    faces = register(theme.fonts, italic)
    heads = register(theme.heading_fonts, italic) if theme.heading_fonts else faces
    return _styles(faces, heads, theme.fonts, theme.heading_fonts, theme.body_size,
                   theme.palette, theme.hyphenate, italic, ground, lang)


@functools.lru_cache(maxsize=64)
def _styles(faces: FaceNames, heads: FaceNames, fonts: Fonts, heading_fonts: Fonts | None,
            body_size: float, palette: Palette, hyphenate: tuple[str, ...], italic: bool,
            ground: str, lang: str) -> Styles:
    """Styles made from these fonts registered as `faces` and `heads` (a font file that
    changed is registered anew, under other names: other styles)."""
    return Styles(Theme(fonts=fonts, heading_fonts=heading_fonts, body_size=body_size,
                        palette=palette, hyphenate=hyphenate), italic, ground, lang)
