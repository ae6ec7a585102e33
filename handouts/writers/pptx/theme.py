"""What a deck looks like, shared by the deck writer's modules: the DeckTheme (and how a
job's writer inputs make one), the slide sizes (defined in handouts.writers.geometry), the
muted grey of small text, and DeckOverflow for text that cannot fit a slide.

Imports nothing from python-pptx.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from handouts.colours import WHITE, Palette, text_on
from handouts.contrast import Ink
from handouts.fonts.families import Fonts
from handouts.writers.contract import DoesNotFit, WriterInputs, WriterLabels
from handouts.writers.geometry import SLIDE_SIZES

__all__ = ["MUTED", "SLIDE_SIZES", "DeckOverflow", "DeckTheme", "deck_ink", "deck_theme"]

MUTED = "#595959"
"""The grey of presenter fields, captions and slide numbers (AA on white)."""


@dataclass(frozen=True)
class DeckTheme:
    """How a deck looks: slide size, body size, font and colours."""

    fonts: Fonts
    font_name: str
    """The family name written into the deck (PowerPoint substitutes if not installed)."""
    heading_fonts: Fonts | None = None
    heading_font_name: str | None = None
    body_size: float = 24.0
    palette: Palette = field(default_factory=Palette)
    slide_size: str = "16:9"
    title: str = ""
    author: str = ""
    date: dt.date = dt.date(2000, 1, 1)
    assets_roots: tuple[Path, ...] = (Path("."),)
    """Where pictures may be read from: the project, and a --brand file's folder."""
    template: Path | None = None
    """A clinic's own .pptx: its layouts are used by type, its theme fonts and colours kept."""
    labels: WriterLabels = field(default_factory=WriterLabels)
    """The words the writer draws itself (continuations, alternative text)."""

    @property
    def styled(self) -> bool:
        """Whether this writer sets fonts and colours itself (no clinic template)."""
        return self.template is None

    @property
    def ground(self) -> str:
        """The colour of the slides: the brand's background, which this writer paints on
        every slide unless it is white (a dark brand projects on its dark background); a
        clinic template's slides are taken to be white where the writer is not told their
        colour (handouts.writers.pptx.backgrounds.solid)."""
        return self.palette.background if self.styled else WHITE


def deck_ink(theme: DeckTheme, role: str, ground: str, size: float, bold: bool = False,
             slide: str | None = None) -> Ink:
    """The ink of text of `role` on `ground` at `size` points. Roles: 'title' (content
    slide titles), 'clinic' (the clinic's name), 'body', 'link', 'bullet', 'muted' (presenter,
    date, captions, slide numbers), 'band' (the title on the colour band), 'callout' (text
    in a callout box). Grounds: 'slide' (`slide`, else the theme's ground), 'band' (the
    primary colour), 'box' (the secondary colour)."""
    palette = theme.palette
    colour, on = {"slide": (slide or theme.ground, "the slides (color.background)"
                            if slide is None else "the template's slides"),
                  "band": (palette.primary, "the title band (color.primary)"),
                  "box": (palette.secondary, "callout boxes (color.secondary)")}[ground]
    wanted, what = {"title": (palette.primary, "headings (color.primary)"),
                    "clinic": (palette.primary, "the clinic's name (color.primary)"),
                    "body": (palette.foreground, "body text (color.foreground)"),
                    "link": (palette.primary, "links (color.primary)"),
                    "bullet": (palette.primary, "bullets and list numbers (color.primary)"),
                    "muted": (MUTED, "small print (grey)"),
                    "band": (text_on(palette.primary), "titles on the title band"),
                    "callout": (text_on(palette.secondary), "callout text")}[role]
    return Ink(what, wanted, on, colour, size, bold)


def deck_theme(inputs: WriterInputs) -> DeckTheme:
    """The deck theme of a job: the brand's families, colours, slide size and template at
    the level's slide size; a content never reviewed is dated DeckTheme's fixed day."""
    return DeckTheme(
        fonts=inputs.fonts, font_name=inputs.font_name, heading_fonts=inputs.heading_fonts,
        heading_font_name=inputs.heading_font_name, body_size=inputs.body_size,
        palette=inputs.palette, slide_size=inputs.slide_size, title=inputs.title,
        author=inputs.author, date=inputs.date or DeckTheme.date,
        assets_roots=inputs.assets_roots, template=inputs.pptx_template,
        labels=inputs.labels)


class DeckOverflow(DoesNotFit):
    """Text that does not fit a slide even after splitting."""
