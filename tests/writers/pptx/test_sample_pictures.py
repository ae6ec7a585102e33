"""The sample's 20-minute talks are built around pictures (issue 17): at least half their
slides carry a picture or an icon beyond the clinic's logo, no more than three slides of
text alone follow each other, and the slides with icons keep their text at the level's
smallest size or above, six bullets at most. Counted in the built decks, English and
Spanish, every level, with the sample's brand and the test clinic's (its logo on the
title and closing slides, and the closing slide's QR code, which do not count)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pptx import Presentation
from pptx.util import Pt

NOT_COUNTED = ("Logo", "QR code")
"""The names the deck writer gives the clinic's logo and the closing slide's QR code:
neither is a picture of the talk's content, so neither counts."""


def _pictured(slide: object) -> bool:
    """Whether a slide shows a picture or icon other than the logo and the QR code: a
    section's picture or an icon."""
    return any(shape.shape_type == 13 and shape.name not in NOT_COUNTED  # PICTURE
               for shape in slide.shapes)  # type: ignore[attr-defined]


def _longest_run(flags: list[bool]) -> int:
    """The most `False`s in a row."""
    longest = run = 0
    for flag in flags:
        run = 0 if flag else run + 1
        longest = max(longest, run)
    return longest


@pytest.mark.parametrize("brand", ["sample", "test-clinic"])
def test_twenty_minute_talks_are_half_pictures_and_never_four_text_slides_running(
        built: dict[str, Path], brand: str) -> None:
    decks = sorted((built[brand] / "build").rglob("*-talk-20min.pptx"))
    assert len(decks) == 12, [d.name for d in decks]  # 2 topics x 2 languages x 3 levels
    assert any("-es-" in d.name for d in decks)
    for deck in decks:
        slides = list(Presentation(str(deck)).slides)
        flags = [_pictured(s) for s in slides]
        assert 2 * sum(flags) >= len(slides), (deck.name, flags)
        # the title slide is no slide of bullets; the rest of text alone, at most three
        assert _longest_run(flags[1:]) <= 3, (deck.name, flags)
        least = Pt(28 if "-easy-" in deck.name else 24)
        for slide in slides:
            icons = [s for s in slide.shapes if s.name.startswith("Icon: ")]
            if not icons:
                continue
            # the text beside its icons: each item a text box of its own, or the body
            texts = [s for s in slide.shapes if s.name.startswith("Item ")
                     or (s.is_placeholder and s.placeholder_format.idx == 1)]
            assert len([s for s in texts if not s.is_placeholder]) <= 6, deck.name
            for shape in texts:
                paragraphs = shape.text_frame.paragraphs
                assert len(paragraphs) <= 6, deck.name
                sizes = [r.font.size for p in paragraphs for r in p.runs]
                assert all(size >= least for size in sizes), (deck.name, sizes)
