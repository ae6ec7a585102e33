"""Where addresses may break: web addresses only after / . - ? &, phone numbers never."""

from __future__ import annotations

import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.writers import addresses as A

texts = st.text(alphabet="abcxyz019/.-?&=_~:", min_size=0, max_size=80)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_an_address_breaks_only_after_its_break_characters(address: str) -> None:
    parts = A.pieces(address)
    assert "".join(parts) == address
    for before, after in itertools.pairwise(parts):
        assert before[-1] in A.BREAK_AFTER
        assert after[0] not in A.BREAK_AFTER  # 'https://' is not cut between its slashes
        assert len(before) >= A.MIN_PIECE and len(after) >= A.MIN_PIECE


def test_a_long_address_breaks_at_its_slashes_dots_and_hyphens() -> None:
    assert A.pieces("www.samhsa.gov/find-help/helplines/national-helpline") == [
        "www.", "samhsa.", "gov/", "find-", "help/", "helplines/", "national-", "helpline"]
    assert A.pieces("988lifeline.org") == ["988lifeline.org"]  # no line of 'org' alone
    assert A.pieces("ex.org/p?a=1&b=22") == ["ex.org/p?", "a=1&", "b=22"]
    assert A.with_breaks("abcd.efgh") == f"abcd.{A.ZERO_WIDTH_SPACE}efgh"


def test_numbers_keep_their_hyphens_whole() -> None:
    h = A.NON_BREAKING_HYPHEN
    assert A.numbers_whole("Call 1-800-662-4357 now") == f"Call 1{h}800{h}662{h}4357 now"
    assert A.numbers_whole("pages 27-38; well-being") == f"pages 27{h}38; well-being"


@pytest.mark.parametrize(("text", "kept"), [
    ("Sat 9 am to 1 pm", "Sat 9\u00a0am to 1\u00a0pm"),
    ("at 10 a.m. or 3 PM.", "at 10\u00a0a.m. or 3\u00a0PM."),
    ("5 amps and 2 pmol", "5 amps and 2 pmol"),  # not times
    ("de 9 a. m. a 1 p. m.", "de 9\u00a0a.\u00a0m. a 1\u00a0p.\u00a0m."),  # Spanish (RAE)
    ("Vea la p. m. 3", "Vea la p. m. 3"),  # not a time
])
def test_a_time_never_leaves_am_or_pm_alone_on_a_line(text: str, kept: str) -> None:
    assert A.times_whole(text) == kept
    assert A.numbers_whole(text) == kept


def test_a_bracketed_area_code_stays_with_its_number() -> None:
    assert A.times_whole("Call (555) 010-2040.") == "Call (555)\u00a0010-2040."
    assert A.numbers_whole("Call (555) 010-2040.") == "Call (555)\u00a0010\u20112040."
    assert A.times_whole("(see 2) 010") == "(see 2) 010"  # not a phone number


def test_a_heading_s_last_word_is_bound_to_the_one_before() -> None:
    from handouts.document import model as L
    from handouts.writers.addresses import NO_BREAK_SPACE, last_words_together

    plain = last_words_together((L.Run("Addiction is an illness, not a weakness"),))
    assert plain == (L.Run(f"Addiction is an illness, not a{NO_BREAK_SPACE}weakness"),)
    split = last_words_together((L.Run("How it "), L.Run("works", bold=True)))
    assert split == (L.Run(f"How it{NO_BREAK_SPACE}"), L.Run("works", bold=True))
    for left in ((L.Run("Hello"),), (L.Run("See "), L.Run("our site", href="https://x.org")),
                 (L.Run("Risks of esketamine-hydrochloride inhalation"),)):
        assert last_words_together(left) == left  # one word; a link; too long to bind


@pytest.mark.parametrize("width", [240.0, 280.0, 320.0])
def test_a_wrapped_pdf_heading_never_ends_with_one_word(width: float) -> None:
    from handouts.document import model as L
    from handouts.fonts.families import builtin_fonts
    from handouts.writers.pdf.flowables import Builder, Theme

    builder = Builder(Theme(fonts=builtin_fonts()))
    heading = L.Heading(1, (L.Run("Addiction is an illness, not a weakness"),))
    (made,) = builder.block(heading, width)
    made.wrapOn(None, width, 1000)
    lines = [" ".join(line[1]) for line in made.blPara.lines]  # (extra space, words)
    assert len(lines) == 2
    assert lines[-1].replace("\u00a0", " ") == "a weakness", lines
