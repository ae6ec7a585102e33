"""Hyphenated print: Spanish body text is hyphenated by Spanish rules, English is not
unless asked; never inside a phone number, a web address or an e-mail address; and every
hyphen the layout adds is drawn as a soft hyphen with no space after it, so the word
reads whole."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from handouts.document import model as L
from handouts.fonts.families import builtin_fonts
from handouts.writers.hyphenation import MIN_PIECE, dictionary, hyphenator, known
from handouts.writers.pdf.flowables import Builder, Theme
from handouts.writers.pdf.hyphens import SOFT_HYPHEN, added, bare
from handouts.writers.pdf.paragraph import KeptParagraph, with_line_ends

SPANISH = ("La mayoría de las personas adultas necesitan aproximadamente dos litros de "
           "agua al día; las recomendaciones internacionales insisten en mantenerse "
           "hidratado, especialmente durante el ejercicio prolongado.")
ENGLISH = ("Most adults need approximately two litres of water every day; international "
           "recommendations emphasise staying hydrated, particularly during prolonged "
           "exercise and unaccustomed environmental temperatures.")
URL = "www.ejemplo.org/bebidas-saludables/consejos-practicos-temporada-calurosa"
EMAIL = "informacion@clinicacomunitaria.org"
PHONE = "1-800-662-4357"


def texts(layout: Paragraph) -> list[str]:
    """The text of each line of a laid-out paragraph, as drawn."""
    return [" ".join(line[1]) if isinstance(line, tuple)
            else "".join(getattr(w, "text", "") for w in line.words)
            for line in layout.blPara.lines]


def drawn_lines(p: KeptParagraph, width: float) -> list[str]:
    """The lines `p` draws at `width`, each as drawn (line-end spaces, soft hyphens)."""
    p.wrap(width, 10_000)
    assert p._shown is not None
    return texts(with_line_ends(p._shown, p.source))


def spanish(text: str, lang: str = "es-US", hyphenate: tuple[str, ...] = ("es",),
            links: bool = False) -> KeptParagraph:
    builder = Builder(Theme(fonts=builtin_fonts(), hyphenate=hyphenate), lang=lang)
    runs = (L.Run(text),)
    if links:
        runs = (L.Run(text + " Visite "), L.Run(URL, href="https://" + URL),
                L.Run(" o escriba a "), L.Run(EMAIL, href="mailto:" + EMAIL),
                L.Run(f" o llame al {PHONE}."))
    made = builder.para(runs, builder.st.body)
    assert isinstance(made, KeptParagraph)
    return made


def test_the_hyphens_a_layout_added_are_told_from_written_ones() -> None:
    assert added("necesitan", ["necesi-", "tan"]) == [(6, True), (9, False)]
    assert added("anti-inflamatorio", ["anti-", "inflamatorio"]) == [(5, False), (17, False)]
    # a split's part keeps its inner lines' hyphens as text: only its last one counts
    assert added("recomendaciones", ["reco- menda-", "ciones"]) == [(9, True), (15, False)]
    assert added("agua", ["otra"]) is None


def test_a_document_is_hyphenated_by_its_own_language() -> None:
    assert dictionary("es-US", ("es",)) == "es"
    assert dictionary("es", ("es",)) == "es"
    assert dictionary("en-US", ("es",)) == ""
    assert dictionary("en-US", ("es", "en")) == "en_US"
    assert dictionary("es-MX", ()) == ""
    assert known("es") and known("en") and not known("xx")


def test_spanish_is_hyphenated_with_soft_hyphens_and_reads_whole() -> None:
    lines = drawn_lines(spanish(SPANISH), 150)
    ends = [line for line in lines if line.endswith(SOFT_HYPHEN)]
    assert ends, lines
    assert not any(line.endswith("-") for line in lines)
    # no space after a soft hyphen; with them gone, the text is the text as written
    assert bare("".join(lines).replace(SOFT_HYPHEN, "")) == bare(SPANISH)
    # split by Spanish rules: a syllable boundary of the word broken
    words = SPANISH.split()
    for n, line in enumerate(lines[:-1]):
        if line.endswith(SOFT_HYPHEN):
            head, tail = line.split()[-1][:-1], lines[n + 1].split()[0]
            assert head + tail in words, (head, tail)


def test_english_is_not_hyphenated_unless_asked() -> None:
    for width in range(90, 330, 7):
        lines = drawn_lines(spanish(ENGLISH, lang="en-US"), width)
        assert not any(line.endswith((SOFT_HYPHEN, "-")) for line in lines), lines
    asked = drawn_lines(spanish(ENGLISH, lang="en-US", hyphenate=("es", "en")), 150)
    assert any(line.endswith(SOFT_HYPHEN) for line in asked)


def test_a_spanish_translation_is_hyphenated_whatever_the_project_language() -> None:
    """The language is the document's (its `lang`), not the project's."""
    assert any(line.endswith(SOFT_HYPHEN) for line in drawn_lines(spanish(SPANISH), 150))
    plain = drawn_lines(spanish(SPANISH, hyphenate=()), 150)
    assert not any(line.endswith((SOFT_HYPHEN, "-")) for line in plain)


def test_headings_and_small_print_are_not_hyphenated() -> None:
    """Only body text is: not headings, nor small print (names, dates, English reference
    titles, which Spanish rules broke as 'Oka-for', 'no-viembre', 'Ketami-ne')."""
    builder = Builder(Theme(fonts=builtin_fonts()), lang="es-US")
    assert all(not getattr(style, "hyphenationLang", "") for style in builder.st.headings)
    assert not getattr(builder.st.meta, "hyphenationLang", "")
    assert not getattr(builder.st.caption, "hyphenationLang", "")
    assert builder.st.body.hyphenationLang is hyphenator("es")


def test_hyphenation_leaves_three_letters_either_side() -> None:
    """No 'ca.' alone at a line's start, nor 'no-' at its end (pyphen's default is two)."""
    assert list(hyphenator("es")("clínica")) == [("clí", "nica")]  # not "clíni-ca"
    assert list(hyphenator("es")("noviembre")) == [("noviem", "bre")]  # not "no-viembre"
    for word in ("tiempo", "cuánto", "respiración", "parecer", "medicamentos"):
        assert all(len(a) >= MIN_PIECE and len(b) >= MIN_PIECE
                   for a, b in hyphenator("es")(word)), word


def test_a_word_with_a_capital_is_not_hyphenated() -> None:
    """Names and titles in another language ('Strassman', 'Behavior', 'Cooperative', a
    help line's 'Suicidio') are not broken by Spanish rules; the same words in lower
    case are."""
    split = hyphenator("es")
    for word in ("Strassman", "Behavior", "Evaluation", "Cooperative", "Suicidio"):
        assert not list(split(word)), word
    assert list(split("suicidio")) and list(split("hipertensión"))


def test_the_booklet_s_references_are_small_print_never_hyphenated(sample: Path) -> None:
    """Each reference is a meta paragraph (small print), which is not hyphenated (English titles on
    a Spanish page broke as 'Keta-mine', 'esketa-mine')."""
    from handouts.build import project as build

    project = build.load_project(sample)
    job = build.plan(project, levels=["easy"], lengths=["full"], formats=["pdf"])[0]
    doc = build.render_layout(project, job)
    lists = [b for part in doc.parts if isinstance(part, L.Flow) for b in part.blocks
             if isinstance(b, L.ListBlock) and b.ordered]
    references = lists[-1]
    assert len(references.items) > 3
    assert all(isinstance(item[0], L.Paragraph) and item[0].style == "meta"
               for item in references.items)
    builder = Builder(Theme(fonts=builtin_fonts()), lang="es-US")
    assert not getattr(builder.st.paragraph("meta"), "hyphenationLang", "")


def _soft_places(lines: list[str]) -> list[int]:
    """Where in the text as written (whitespace dropped) each soft hyphen falls: the
    number of written characters before it."""
    places, count = [], 0
    for char in "".join(lines):
        if char == SOFT_HYPHEN:
            places.append(count)
        elif not char.isspace():
            count += 1
    return places


@settings(max_examples=60, deadline=None)
@given(width=st.floats(110, 330))
def test_no_hyphen_inside_a_web_address_an_email_address_or_a_phone_number(
        width: float) -> None:
    p = spanish(SPANISH, links=True)
    lines = drawn_lines(p, width)
    written = bare("".join(lines).replace(SOFT_HYPHEN, ""))
    assert written == p.source  # every hyphen the layout added is soft
    for kept in (URL, EMAIL, PHONE):
        start = written.index(bare(kept))
        inside = [at for at in _soft_places(lines) if start < at < start + len(kept)]
        assert not inside, (kept, lines)
    assert any(PHONE in line for line in lines)  # a phone number never breaks


def test_a_long_address_that_wraps_breaks_only_at_its_own_break_characters() -> None:
    p = spanish(SPANISH, links=True)
    lines = drawn_lines(p, 120)
    pieces = [line for line in lines if any(part in line for part in (
        "ejemplo", "bebidas", "saludables", "consejos", "practicos", "temporada", "calurosa"))]
    assert len(pieces) > 1, lines  # it wraps
    for line in pieces:
        assert not line.endswith(SOFT_HYPHEN), lines


@pytest.mark.parametrize("kind", ["one font", "several fonts"])
def test_a_part_of_a_split_ends_with_a_soft_hyphen_too(kind: str) -> None:
    """A split that falls after a hyphenated line: reportlab puts the hyphen into the
    first part's text, and it is still drawn as a soft hyphen."""
    text = "La mayoría de los adultos necesitan entre ocho y doce tazas de agua al día."
    if kind == "several fonts":
        text = text.replace("mayoría", "<b>mayoría</b>")
    style = ParagraphStyle("loose", parent=Builder(Theme(fonts=builtin_fonts()),
                                                   lang="es-US").st.body,
                           allowOrphans=1, allowWidows=1)
    whole = KeptParagraph(text, style)
    for width in range(150, 260, 3):
        first, *rest = whole.split(width, style.leading * 1.1) or [whole]
        if rest and texts(first._shown)[-1].endswith("-"):
            break
    else:
        pytest.fail("no split after a hyphenated line")
    assert first._shown is not None
    drawn = texts(with_line_ends(first._shown, first.source))
    assert drawn[-1].endswith(SOFT_HYPHEN)
    after = texts(with_line_ends(rest[0]._shown, rest[0].source))
    assert bare("".join(drawn + after).replace(SOFT_HYPHEN, "")) == \
        bare(text.replace("<b>", "").replace("</b>", ""))


@settings(max_examples=40, deadline=None)
@given(width=st.floats(120, 260), lines=st.integers(3, 6))
def test_a_word_is_never_broken_across_a_split(width: float, lines: int) -> None:
    """Where a paragraph is cut (a fold, a page), its first part never ends in a hyphen
    hyphenation added ('peque-' ending one panel, 'ños.' starting the next), while the
    first part keeps more than two lines."""
    p = spanish(SPANISH + " " + SPANISH)
    parts = p.split(width, p.style.leading * lines + 1)
    if len(parts) < 2:
        return
    first = parts[0]
    assert isinstance(first, KeptParagraph)
    ends = added(first.source + parts[1].source,  # type: ignore[attr-defined]
                 [" ".join(texts(first)), " ".join(texts(parts[1]))])  # type: ignore[arg-type]
    assert ends is not None
    assert not ends[0][1] or len(first.blPara.lines) <= 2
