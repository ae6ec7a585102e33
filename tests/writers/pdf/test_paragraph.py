"""KeptParagraph's making of plain text (handouts/writers/pdf/paragraph.py): the
fragments it makes without reportlab's parser are the parser's, for any plain text."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from handouts.fonts.families import builtin_fonts
from handouts.fonts.registry import register
from handouts.writers.pdf.paragraph import KeptParagraph, plain_frags

PLAIN = st.text(st.characters(blacklist_characters="<&", blacklist_categories=("Cs",)),
                max_size=80)


def _styles() -> list[ParagraphStyle]:
    faces = register(builtin_fonts(), True)
    return [ParagraphStyle("body", fontName=faces.family, fontSize=11, leading=15,
                           textColor=colors.HexColor("#1A2B3C")),
            ParagraphStyle("head", fontName=faces.bold, fontSize=17.5, leading=21,
                           textColor=colors.HexColor("#7A1F3D"))]


@settings(max_examples=150, deadline=None)
@given(text=PLAIN, which=st.integers(0, 1))
def test_plain_text_makes_the_parsers_fragments(text: str, which: int) -> None:
    style = _styles()[which]
    made = plain_frags(text, style)
    parsed = Paragraph(text, style)
    if made is None:  # nothing left once cleaned: the parser makes it
        assert not " ".join(text.split())
        return
    assert [f.__dict__ for f in made] == [f.__dict__ for f in parsed.frags]
    assert made[0].text == parsed.text


def test_markup_and_transformed_text_go_to_the_parser() -> None:
    body = _styles()[0]
    assert plain_frags("Call <b>988</b>", body) is None
    assert plain_frags("Q &amp; A", body) is None
    upper = ParagraphStyle("upper", parent=body, textTransform="uppercase")
    assert plain_frags("quiet", upper) is None
    assert KeptParagraph("Call <b>988</b> now", body).frags[1].bold == 1
