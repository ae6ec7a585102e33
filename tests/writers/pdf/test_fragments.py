"""Paragraph fragments made without reportlab's parser (handouts/writers/pdf/fragments.py):
for plain text, for any text the PDF writer marks up, and for markup in general, they are
the parser's fragments, or the parser is left to make them."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText

from handouts.document import model as L
from handouts.fonts.families import builtin_fonts
from handouts.fonts.registry import register
from handouts.writers.pdf.flowables import _markup
from handouts.writers.pdf.fragments import clone, frags_of
from handouts.writers.pdf.paragraph import KeptParagraph

PLAIN = st.text(st.characters(blacklist_characters="<&", blacklist_categories=("Cs",)),
                max_size=80)
TEXT = st.lists(st.sampled_from([*"ab ¿ñé-.:/()&<>\"'", "\n", "\t", "\u00a0", "1 pm",
                                 "988", "&amp;"]), max_size=8).map("".join)
"""Run texts: letters, punctuation the markup escapes, every kind of space."""
RUNS = st.lists(st.one_of(
    st.builds(L.Run, TEXT, st.booleans(), st.booleans(),
              st.one_of(st.none(), st.sampled_from(["https://988lifeline.org",
                                                    "tel:+18006624357", "a&b?x='1'"]))),
    st.just(L.Run("\n"))), max_size=6)
TAGS = ["<b>", "</b>", "<i>", "</i>", "<u>", "</u>", "<br/>", "</a>", "<a href=\"x\">",
        "<a href='y' color='#123'>", "<a name=\"n\"/>", "<font color=\"red\">", "</font>",
        "<B>", "<para>", "&amp;", "&lt;", "&#233;", "&#xE9;", "&nbsp;", "&bogus;", "&", "<",
        ">", " ", "\n", "word", "é"]


def _styles() -> list[ParagraphStyle]:
    faces = register(builtin_fonts(), True)
    return [ParagraphStyle("body", fontName=faces.family, fontSize=11, leading=15,
                           textColor=colors.HexColor("#1A2B3C")),
            ParagraphStyle("head", fontName=faces.bold, fontSize=17.5, leading=21,
                           textColor=colors.HexColor("#7A1F3D"), linkUnderline=1,
                           underlineColor=colors.HexColor("#004488"))]


def _same_as_parser(text: str, style: ParagraphStyle) -> bool:
    """Whether frags_of makes what the parser makes of `text` (True when it leaves `text`
    to the parser); raises if frags_of makes fragments of text the parser refuses."""
    made = frags_of(text, style)
    try:
        parsed = Paragraph(text, style)
    except ValueError:
        assert made is None, f"{text!r} is refused by the parser"
        return True
    if made is None:
        return True
    cleaned, frags = made
    return cleaned == parsed.text \
        and [f.__dict__ for f in frags] == [f.__dict__ for f in parsed.frags]


@settings(max_examples=150, deadline=None)
@given(text=PLAIN, which=st.integers(0, 1))
def test_plain_text_makes_the_parsers_fragments(text: str, which: int) -> None:
    style = _styles()[which]
    made = frags_of(text, style)
    if made is None:  # nothing left once cleaned: the parser makes it
        assert not cleanBlockQuotedText(text)
        return
    assert _same_as_parser(text, style)


@settings(max_examples=300, deadline=None)
@given(runs=RUNS, which=st.integers(0, 1), definition=st.booleans())
def test_the_writers_markup_makes_the_parsers_fragments(runs: list[L.Run], which: int,
                                                        definition: bool) -> None:
    text = _markup(tuple(runs), "#0055AA")
    text = f"<b>{text}</b>: {text}" if definition else text  # a glossary entry's form
    style = _styles()[which]
    if " ".join(text.split()):
        assert frags_of(text, style) is not None, text  # never left to the parser
    assert _same_as_parser(text, style)


@settings(max_examples=300, deadline=None)
@given(parts=st.lists(st.sampled_from(TAGS), max_size=10), which=st.integers(0, 1))
def test_any_markup_makes_the_parsers_fragments_or_goes_to_the_parser(parts: list[str],
                                                                      which: int) -> None:
    assert _same_as_parser("".join(parts), _styles()[which])


def test_other_markup_and_transformed_text_go_to_the_parser() -> None:
    body = _styles()[0]
    assert frags_of('Call <font color="red">988</font>', body) is None
    assert frags_of("Call <b>988", body) is None
    upper = ParagraphStyle("upper", parent=body, textTransform="uppercase")
    assert frags_of("quiet", upper) is None
    made = KeptParagraph("Call <b>988</b> now", body)
    assert [f.__dict__ for f in made.frags] == \
        [f.__dict__ for f in Paragraph("Call <b>988</b> now", body).frags]


def test_a_clone_is_a_shallow_copy() -> None:
    frag = Paragraph("x", _styles()[0]).frags[0]
    made = clone(frag)
    assert made is not frag and type(made) is type(frag)
    assert made.__dict__ == frag.__dict__
    made.text = "y"
    assert frag.text == "x" and made.textColor is frag.textColor


def test_a_clone_of_a_split_fragment_is_copy_copys() -> None:
    """A split's parts hold fragments that are lists (reportlab's _SplitFrag), which
    object.__new__ cannot make: they are copied as copy.copy copies them."""
    style = _styles()[0]
    whole = Paragraph("water <i>water water</i> water water water water", style)
    whole.wrap(60, 100)
    parts = whole.split(60, 35)
    listed = [f for part in parts for f in part.frags if isinstance(f, list)]
    assert listed
    made = clone(listed[0])
    assert type(made) is type(listed[0]) and made == listed[0] and made is not listed[0]


def test_a_web_addresss_break_opportunities_are_laid_out_but_not_drawn() -> None:
    """The transparent pictures that let an address break after '/' (handouts.writers.
    pdf.urlbreaks) are in the laid-out lines, and with_line_ends leaves them out: the page
    holds no picture, and the address's pieces are drawn in order."""
    import io

    from reportlab.pdfgen.canvas import Canvas

    from handouts.writers.pdf.paragraph import with_line_ends

    url = "https://example.org/" + "a-long-path/" * 6 + "end"
    para = KeptParagraph(f'See <a href="{url}" color="#0055AA"><u>{url}</u></a> now.',
                         _styles()[0])
    para.wrap(90, 1000)
    laid = para._shown.blPara.lines
    assert any(getattr(w, "url_break", False) for line in laid for w in line.words)
    drawn = with_line_ends(para._shown, para.source).blPara.lines
    assert not any(getattr(w, "url_break", False) for line in drawn for w in line.words)
    out = io.BytesIO()
    canvas = Canvas(out, pageCompression=0)
    para.drawOn(canvas, 72, 72)
    canvas.save()
    assert b"/Subtype /Image" not in out.getvalue()
    pieces = "".join(getattr(w, "text", "") for line in drawn for w in line.words)
    assert url in pieces.replace(" ", "")
