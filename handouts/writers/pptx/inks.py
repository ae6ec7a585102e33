"""The colours of one deck's text, each chosen against the colour behind it
(handouts.contrast): the brand's inks for the deck's own text, and on a clinic template the
template's own colours for its placeholders' text, checked where they are drawn.

A template's placeholder text keeps the colour the template gives it (its list styles,
the master's text styles, its theme; handouts.writers.pptx.inherited) when that reads on
what is behind it: the placeholder's own fill, else the slide's one colour. Where it
does not meet WCAG AA the deck writes the readable alternative on the run, and the build
warns (`low-contrast`), naming the slides, located at the template. Over a picture or a
gradient with no fill of its own, no colour can be checked: the deck's
`unchecked-background` warning names those slides (handouts.writers.pptx.backgrounds).
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from handouts.colours import WHITE
from handouts.contrast import Ink, Inks
from handouts.errors import Diagnostic, Location
from handouts.writers.pptx import inherited
from handouts.writers.pptx.backgrounds import not_solid, solid
from handouts.writers.pptx.theme import DeckTheme, deck_ink


class DeckInks:
    """The inks of one deck, with a warning for every colour replaced."""

    def __init__(self, theme: DeckTheme) -> None:
        self.theme = theme
        self.inks = Inks(theme.palette)
        self.slide: str | None = None
        """The colour of the slide being drawn where a clinic template gives it; None:
        the theme's ground."""
        self.number = 0
        self.layout: Any = None
        self._pictured = False
        self._template: dict[Ink, list[int]] = {}
        """Each template colour replaced, with the slides it was replaced on."""
        self.links: list[str] = []
        """The colour of every link run on a template whose own link colour was
        replaced ('#RRGGBB'), so the theme's hyperlink colour can follow."""

    def __call__(self, role: str, ground: str, size: float, bold: bool = False) -> str:
        """The colour of text of `role` on `ground` at `size` points (theme.deck_ink),
        noted as drawn."""
        return self.inks.colour(deck_ink(self.theme, role, ground, size, bold, self.slide))

    def on_slide(self, number: int, layout: Any) -> None:
        """Slide `number` (from 1), on a template's `layout`, is being drawn."""
        self.number, self.layout = number, layout
        self.slide = solid(layout)
        self._pictured = not_solid(layout) is not None

    def ground_of(self, shape: Any) -> str | None:
        """The colour behind the text of a template's placeholder `shape`: its own fill,
        else the slide's; None when that is a picture or gradient (not checked)."""
        if not self._is_placeholder(shape):
            return None if self._pictured else self.slide or WHITE
        own = inherited.fill(shape, self.layout.slide_master)
        if own is False:
            return None if self._pictured else self.slide or WHITE
        return own if isinstance(own, str) else None

    def placeholder(self, shape: Any, role: str, size: float, bold: bool = False,
                    link: bool = False) -> str | None:
        """The colour to write on text of `role` ('title', 'subtitle', 'body') at `size`
        points in the template's placeholder `shape` (a linked run when `link`): None
        keeps the template's own colour, which reads on what is behind it or cannot be
        checked; else the readable alternative, with the replacement noted."""
        master = self.layout.slide_master
        on = "the placeholder's own fill" if isinstance(inherited.fill(shape, master), str) \
            else "the template's slides"
        own, chosen = self._checked(shape, self.ground_of(shape), on, role, size, bold, link)
        return None if chosen == own else chosen

    def boxed(self, shape: Any, role: str, size: float, bold: bool = False,
              link: bool = False) -> str | None:
        """The colour to write on text of `role` that the template's placeholder `shape`
        would hold, drawn in a text box of its own on the slide (an item a shape of its
        own): the template's own colour where it reads on the slide, else the readable
        alternative, with the replacement noted; None where the template's colour cannot
        be worked out or checked."""
        ground = None if self._pictured else self.slide or WHITE
        return self._checked(shape, ground, "the template's slides", role, size, bold,
                             link)[1]

    def _checked(self, shape: Any, ground: str | None, on: str, role: str, size: float,
                 bold: bool, link: bool) -> tuple[str | None, str | None]:
        """The template's own colour for text of `role` in placeholder `shape`, and the
        colour to draw it in on `ground` (described as `on`): its own where it reads, else
        the readable alternative, noted for the warnings; None where either colour is
        unknown."""
        own = inherited.text_colour(shape, self.layout.slide_master, link)
        if ground is None or own is None:
            return own, None
        what = "links" if link else f"{role} text"
        ink = Ink(f"the template's {what} (its colour in layout '{self.layout.name}')",
                  own, on, ground, size, bold)
        chosen, _ = ink.resolve(self.inks.others)
        if chosen == own:
            return own, own
        if link:
            self.links.append(chosen)
        slides = self._template.setdefault(ink, [])
        if self.number not in slides:
            slides.append(self.number)
        return own, chosen

    @staticmethod
    def _is_placeholder(shape: Any) -> bool:
        return bool(getattr(shape, "is_placeholder", False))

    def warnings(self, template: Path | None) -> tuple[Diagnostic, ...]:
        """A `low-contrast` warning for each colour replaced: the brand's (once each),
        then the template's, naming the slides and located at `template`."""
        out = list(self.inks.warnings)
        for ink, slides in self._template.items():
            warning = ink.warning(self.inks.others)
            if warning is None:
                continue
            which = ", ".join(map(str, slides))
            out.append(replace(
                warning, message=f"slide{'s' if len(slides) > 1 else ''} {which}: "
                f"{warning.message}",
                location=Location(template) if template is not None else None))
        return tuple(out)
