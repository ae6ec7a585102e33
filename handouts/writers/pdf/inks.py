"""The text colours of a printed output: every kind of text the PDF writer draws, on every
ground it draws text on, as a handouts.contrast.Ink.

Print keeps white paper whatever the brand's background (a page-sized block of ink is
costly, smudges and hides folds), so text on the page is read against white: a dark brand's
light foreground is replaced by the brand's background colour or near-black, whichever
contrasts more. The other grounds are the callout and tinted boxes (the brand's secondary
colour) and the title band (its primary colour).
"""

from __future__ import annotations

from handouts.colours import WHITE, Palette, text_on
from handouts.contrast import Ink

__all__ = ["GREY", "GROUNDS", "PAPER", "ink"]

PAPER = WHITE
"""The paper every PDF is printed on."""
GREY = "#4D4D4D"
"""The grey of meta lines, sources, captions and the running footer (8.45:1 on white)."""

GROUNDS = ("page", "box", "band")
"""Where print draws text: on the paper, in a callout or tinted box, in the title band."""

ROLES = ("body", "meta", "heading", "link", "bullet")
"""The kinds of text print draws: body text, small grey lines, headings, links, and the
bullets and numbers of lists."""


def ground(palette: Palette, name: str) -> tuple[str, str]:
    """The colour of ground `name` (one of GROUNDS) and the words that name it."""
    return {"page": (PAPER, "the white paper"),
            "box": (palette.secondary, "callout boxes (color.secondary)"),
            "band": (palette.primary, "the title band (color.primary)")}[name]


def ink(palette: Palette, role: str, ground_name: str, size: float, bold: bool) -> Ink:
    """The ink of text of `role` (one of ROLES) on ground `ground_name` at `size` points.
    On the title band every text is wanted in white or near-black, whichever reads better
    on the primary colour."""
    colour, on = ground(palette, ground_name)
    if ground_name == "band":
        what = {"body": "body text", "meta": "small print", "heading": "headings",
                "link": "links", "bullet": "bullets and list numbers"}[role]
        return Ink(f"{what} (white or near-black)", text_on(palette.primary), on, colour,
                   size, bold)
    wanted, what = {
        "body": (palette.foreground, "body text (color.foreground)"),
        "meta": (GREY, "small print (grey)"),
        "heading": (palette.primary, "headings (color.primary)"),
        "link": (palette.primary, "links (color.primary)"),
        "bullet": (palette.primary, "bullets and list numbers (color.primary)"),
    }[role]
    return Ink(what, wanted, on, colour, size, bold)
