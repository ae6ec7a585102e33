"""Readable text by construction: every text colour a writer draws is chosen against the
colour behind it, with WCAG AA as the floor.

A writer names each text it draws as an `Ink`: the colour the brand wants for it, the
ground it sits on, its size and weight, and words that say what it is and where. `readable`
keeps the wanted colour when it meets AA (4.5:1; 3:1 for large text: 18 pt, or 14 pt
bold, and larger) and otherwise takes the alternative that contrasts most (the brand's
foreground or background, white or near-black; pure black as a last resort, which always
meets AA where white does not). `Inks` is one output's record of the inks it drew: it
resolves each and keeps a `low-contrast` warning for every substitution, once per pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from handouts.colours import NEAR_BLACK, WHITE, Palette, contrast, ratio_text
from handouts.errors import Diagnostic, Location

AA_BODY = 4.5
"""WCAG 2.x level AA minimum contrast for text."""
AA_LARGE = 3.0
"""WCAG 2.x level AA minimum contrast for large text (see `is_large`)."""
NON_TEXT = 3.0
"""WCAG 2.x level AA minimum contrast for graphics such as icons (1.4.11, non-text)."""
BLACK = "#000000"


def is_large(size_pt: float, bold: bool) -> bool:
    """Whether text of `size_pt` points is large text in WCAG's sense: 18 pt and larger, or
    14 pt and larger when bold."""
    return size_pt >= 18 or (bold and size_pt >= 14)


def required(size_pt: float, bold: bool) -> float:
    """The least contrast ratio WCAG AA asks of text of this size and weight."""
    return AA_LARGE if is_large(size_pt, bold) else AA_BODY


def alternatives(palette: Palette) -> tuple[str, ...]:
    """The colours a brand's text may fall back on, in order of preference for ties: its
    foreground, its background, white, near-black."""
    return (palette.foreground, palette.background, WHITE, NEAR_BLACK)


def readable(text: str, ground: str, size_pt: float, bold: bool,
             others: Sequence[str] = (WHITE, NEAR_BLACK)) -> tuple[str, float]:
    """The colour to draw `text` ('#RRGGBB') in on `ground` at `size_pt` points, and its
    contrast ratio: `text` itself when it meets WCAG AA, else whichever of `others`
    contrasts most with `ground` (the first of equals), else black or white if even that
    falls short."""
    return meeting(text, ground, required(size_pt, bold), others)


def meeting(colour: str, ground: str, need: float,
            others: Sequence[str] = (WHITE, NEAR_BLACK)) -> tuple[str, float]:
    """The colour to draw `colour` ('#RRGGBB') in on `ground` so that it contrasts at least
    `need` with it (NON_TEXT for an icon), and its contrast ratio, chosen as `readable`
    chooses."""
    text = colour
    ratio = contrast(text, ground)
    if ratio >= need:
        return text, ratio
    best = max(others or (WHITE,), key=lambda c: contrast(c, ground))
    if contrast(best, ground) < need:
        best = max((best, BLACK, WHITE), key=lambda c: contrast(c, ground))
    return best, contrast(best, ground)


@dataclass(frozen=True)
class Ink:
    """One kind of text a writer draws: the colour wanted for it on a ground.

    `colour` and `ground` are '#RRGGBB'; `size` is in points (the smallest the text is
    drawn at); `what` names the text and where the colour comes from ("headings
    (color.primary)"), `on` names the ground ("callout boxes (color.secondary)")."""

    what: str
    colour: str
    on: str
    ground: str
    size: float
    bold: bool = False

    def resolve(self, others: Sequence[str]) -> tuple[str, float]:
        """The colour this text is drawn in and its contrast ratio (see `readable`)."""
        return readable(self.colour, self.ground, self.size, self.bold, others)

    def warning(self, others: Sequence[str]) -> Diagnostic | None:
        """The `low-contrast` warning of this ink if its colour had to be replaced."""
        chosen, ratio = self.resolve(others)
        if chosen == self.colour:
            return None
        weak = contrast(self.colour, self.ground)
        size = "large text" if is_large(self.size, self.bold) else "text"
        need = required(self.size, self.bold)
        return Diagnostic("low-contrast", (
            f"{self.colour} on {self.ground} has a contrast of {ratio_text(weak)}, below WCAG AA "
            f"{need:g}:1 for {size}; used for {self.what} on {self.on}, drawn in {chosen} "
            f"instead ({ratio:.2f}:1)"))


class Inks:
    """The inks of one output: each resolved against the brand's alternatives, with a
    warning kept for every colour replaced, in the order first drawn, each once."""

    def __init__(self, palette: Palette) -> None:
        self.others = alternatives(palette)
        self._warnings: dict[Ink, Diagnostic | None] = {}

    def colour(self, ink: Ink) -> str:
        """The colour to draw `ink` in ('#RRGGBB'); a replaced colour is remembered."""
        if ink not in self._warnings:
            self._warnings[ink] = ink.warning(self.others)
        return ink.resolve(self.others)[0]

    @property
    def warnings(self) -> tuple[Diagnostic, ...]:
        """A `low-contrast` warning for each colour replaced so far, without repeats."""
        out: list[Diagnostic] = []
        for w in self._warnings.values():
            if w is not None and w not in out:
                out.append(w)
        return tuple(out)


def placed(warnings: Sequence[Diagnostic], brand_file: Path | None,
           output: str) -> tuple[Diagnostic, ...]:
    """A writer's `warnings` as the build reports them: each `low-contrast` one that has
    no place placed in `brand_file`, where the colour replaced was written (writers do
    not know the brand's file); every other one with no place named with the `output`
    it is about ('x, level easy, length short (flyer): ...'), so a report listing the
    warnings of many outputs says which each is."""
    out = []
    for w in warnings:
        if w.location is None and w.code == "low-contrast" and brand_file is not None:
            w = replace(w, location=Location(brand_file))
        elif w.location is None:
            w = replace(w, message=f"{output}: {w.message}")
        out.append(w)
    return tuple(out)
