"""Sizes every stage agrees on, defined once: the paper a handout is printed on, the slide
sizes a deck is drawn at, and the room a QR code takes beside text in each writer.

The brand reader accepts exactly the names of PAPER_SIZES and SLIDE_SIZES; the planners
take their sizes from here. All lengths are points (1/72 inch). Imports nothing but the
document model, so reading a brand loads no writer.
"""

from __future__ import annotations

from handouts.document.model import Pt

PAPER_SIZES: dict[str, tuple[Pt, Pt]] = {
    "letter": (Pt(612.0), Pt(792.0)),
    "a4": (Pt(595.2756), Pt(841.8898)),
}
"""Sheet width and height, portrait, by the name a brand gives the paper."""

SLIDE_SIZES: dict[str, tuple[Pt, Pt]] = {
    "16:9": (Pt(960.0), Pt(540.0)),
    "4:3": (Pt(720.0), Pt(540.0)),
}
"""Slide width and height by the aspect a brand names (13.33 in or 10 in by 7.5 in)."""

SLIDE_QR_SIZE = Pt(150.0)
"""The side of a slide's QR code, quiet zone included."""
SLIDE_QR_COLUMN = Pt(170.0)
"""The width a slide's QR code takes from the body text: the code and a 20 pt gap."""

PRINT_QR_SIZE = Pt(72.0)
"""The side of the QR code of a printed contact block (1 in, quiet zone included)."""
PRINT_QR_GAP = Pt(12.0)
"""The gap between a contact block's lines and its QR code beside them."""


def page_size(paper: str, landscape: bool) -> tuple[Pt, Pt]:
    """Width and height of the sheet named `paper`, in points; raises KeyError for a paper
    not in PAPER_SIZES."""
    width, height = PAPER_SIZES[paper]
    return (height, width) if landscape else (width, height)
