"""Numbers and acronyms as a reader says them."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.check.spoken import read_aloud


@pytest.mark.parametrize(("text", "said"), [
    ("call 988", "call nine eight eight"),
    ("dial 911 now", "dial nine one one now"),
    ("1-800-662-4357", "one eight zero zero six six two four three five seven"),
    ("(800) 273-8255", "eight zero zero two seven three eight two five five"),
    ("1-800-662-HELP", "one eight zero zero six six two HELP"),
    ("1-800-662-HELP (4357)", "one eight zero zero six six two HELP four three five seven"),
    ("Dr. Lee vs. Mr. Li, etc.", "doctor Lee versus mister Li, et cetera"),
    ("in 2022", "in twenty twenty-two"),
    ("in 2005", "in two thousand five"),
    ("in 1999", "in nineteen ninety-nine"),
    ("40-60%", "forty to sixty percent"),
    ("40%\u201360%", "forty to sixty percent"),
    ("2.5 mg", "two point five mg"),
    ("0.25", "zero point two five"),
    ("48.2%", "forty-eight point two percent"),
    ("988 people", "nine eight eight people"),
    ("1,275 men", "one thousand two hundred seventy-five men"),
    ("the 21st day", "the twenty-first day"),
    ("at 7:30 or 9:05 or 10:00", "at seven thirty or nine oh five or ten"),
    ("1/2 or 3/4 or 2/3", "one half or three quarters or two thirds"),
    ("open 24/7", "open twenty-four seven"),
    ("$5", "five dollars"),
    ("5mg", "five mg"),
    ("COVID-19 and DSM-5", "COVID-nineteen and DSM-five"),
    ("a 2-year study", "a two-year study"),
    ("U.S. law at 9 a.m", "US law at nine AM"),
    ("a Schedule III drug, not an IV drip", "a Schedule three drug, not an IV drip"),
])
def test_read_aloud(text: str, said: str) -> None:
    assert read_aloud(text) == said


@settings(max_examples=200, deadline=None)
@given(st.one_of(st.integers(0, 10**9), st.integers(0, 10**400)),
       st.sampled_from(["", "%", ".5", "th", " people", "/3", "-7"]))
def test_every_number_becomes_words(number: int, after: str) -> None:
    said = read_aloud(f"about {number}{after} here")
    assert not re.search(r"\d", said)
    assert said.startswith("about ") and said.endswith(" here")
