"""Text the deck template generates fits by construction: the sample's decks build with a
brand whose font is wide (DejaVu Serif), on A4 paper with 4:3 slides."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result
from pptx import Presentation

from tests.helpers import copy_content
from tests.writers.wide_brand import build_wide


def test_every_deck_of_the_sample_fits_with_a_wide_font_on_4_3_slides(
        sample: Path, cli: Callable[..., Result]) -> None:
    copy_content(sample, translations=True)  # Spanish runs about a fifth longer
    decks = build_wide(sample, cli, "pptx")
    assert len(decks) == 36, [d.name for d in decks]
    for deck in decks:  # the contact slide never splits
        last = Presentation(str(deck)).slides[-1]
        thanks = "Gracias" if "-es-" in deck.name else "Thank you"
        assert last.shapes.title.text_frame.text == thanks, deck.name
        # nor shrinks below the level's smallest body size; its small print is at the foot
        least = 28.0 if "-easy-" in deck.name else 24.0
        body = next(s for s in last.placeholders if s.placeholder_format.idx == 1)
        sizes = {r.font.size.pt for p in body.text_frame.paragraphs for r in p.runs}
        assert sizes and min(sizes) >= least, (deck.name, sizes)
        # (or, where the slide has no room for it clear of the text, the notes' last line)
        foot = [s for s in last.shapes if s.name == "Small print"]
        said = foot[0].text_frame.text if foot else \
            last.notes_slide.notes_text_frame.paragraphs[-1].text
        assert said.startswith("Última revisión: " if "-es-" in deck.name else "Reviewed: "), \
            deck.name
