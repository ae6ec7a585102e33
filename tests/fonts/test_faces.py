"""Font files as bytes: the content digest, and the TrueType check a brand's fonts get."""

from __future__ import annotations

import hashlib
from pathlib import Path

from handouts.fonts.faces import read_face, truetype_problem
from tests.helpers import DATA

LIBERATION = DATA / "fonts" / "LiberationSerif-Regular.ttf"


def test_the_digest_is_the_sha256_of_the_bytes_whatever_the_file_is_called(
        tmp_path: Path) -> None:
    copy = tmp_path / "Body-Regular.ttf"
    copy.write_bytes(LIBERATION.read_bytes())
    digest = hashlib.sha256(LIBERATION.read_bytes()).hexdigest()
    assert read_face(LIBERATION).digest == read_face(copy).digest == digest


def test_the_stream_holds_the_bytes_read_and_is_named_by_the_path() -> None:
    face = read_face(LIBERATION)
    stream = face.stream()
    assert stream.read() == LIBERATION.read_bytes()
    assert stream.name == str(LIBERATION)


def test_a_truetype_font_has_no_problem() -> None:
    assert truetype_problem(LIBERATION.read_bytes()) is None


def test_postscript_outlines_are_refused_with_what_to_use_instead() -> None:
    assert "TrueType (.ttf) version" in (truetype_problem(b"OTTO" + bytes(100)) or "")


def test_something_else_is_not_a_truetype_font() -> None:
    assert truetype_problem(b"%PDF-1.4\n") == "is not a TrueType font (or is damaged)"


def test_a_truncated_font_is_damaged() -> None:
    problem = truetype_problem(LIBERATION.read_bytes()[:5000])
    assert problem is not None and problem.startswith("is damaged or truncated")
