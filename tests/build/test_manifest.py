"""The manifest: what each output was made from, its bytes' size and hash, and what its
writer said of it, for the next build and its report."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from handouts.build import manifest, uptodate
from handouts.errors import Diagnostic

ARGS = ("build", "--length", "short", "--format", "pdf", "--no-thumbnails")


def test_records_keep_each_outputs_facts(tmp_path: Path) -> None:
    records = {"a/a-easy-flyer.pdf": manifest.Made("f", 10, "s", manifest.Facts(2)),
               "a/a-easy-talk-5min.pptx": manifest.Made("g", 20, "t",
                                                        manifest.Facts(7, "Hands")),
               "a/a-standard-flyer.pdf": manifest.Made("h", 30, "u", manifest.Facts(1, "", (
                   Diagnostic("compact-form", "'Steps' is short", severity="note"),
                   Diagnostic("low-contrast", "#FFF on #EEE")))),
               }
    manifest.save(tmp_path, records)
    assert manifest.load(tmp_path) == records


def test_records_keep_a_pdfs_accessibility_and_read_records_without_it(
        tmp_path: Path) -> None:
    records = {"a/a-easy-flyer.pdf": manifest.Made(
        "f", 10, "s", manifest.Facts(1, "", accessible="passed"))}
    manifest.save(tmp_path, records)
    assert manifest.load(tmp_path) == records
    # a record from before the verdict was kept still loads; one from before what the
    # build said was kept does not (its output is made again, once, to say it)
    data = {"before-verdicts": ["f", 1, "s", 2, "", []], "before-warnings": ["f", 1, "s", 2, ""],
            "odd": ["f", 1, "s", 2, "", [], 3]}
    (tmp_path / manifest.MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    assert manifest.load(tmp_path) == {"before-verdicts": manifest.Made(
        "f", 1, "s", manifest.Facts(2, ""), pictures=None)}


def test_records_keep_the_pictures_drawn_from_and_older_ones_count_as_changed(
        tmp_path: Path) -> None:
    picture = tmp_path / "p.svg"
    picture.write_text("<svg/>", encoding="utf-8")
    sha = manifest.digest(picture)
    made = manifest.Made("f", 1, "s", manifest.Facts(1, ""), "d", ((str(picture), sha),))
    manifest.save(tmp_path, {"a": made, "none": manifest.Made("f", 1, "s", manifest.Facts(1))})
    loaded = manifest.load(tmp_path)
    assert loaded["a"] == made and loaded["none"].pictures == ()
    assert made.pictures_unchanged(manifest.digest)
    assert loaded["none"].pictures_unchanged(manifest.digest)
    picture.write_text("<svg><rect/></svg>", encoding="utf-8")
    assert not made.pictures_unchanged(manifest.digest)
    picture.unlink()
    assert not made.pictures_unchanged(manifest.digest)
    older = manifest.Made("f", 1, "s", manifest.Facts(1), "d", None)  # kept no pictures
    assert not older.pictures_unchanged(manifest.digest)


def test_facts_not_of_the_shape_save_writes_are_left_out(tmp_path: Path) -> None:
    data = {"old": ["f", 1, "s"], "bool": ["f", 1, "s", True, "", []],
            "text": ["f", 1, "s", "2", "", []], "short": ["f", 1, "s", 2],
            "said": ["f", 1, "s", 2, "", [{"code": "x"}]]}
    (tmp_path / manifest.MANIFEST).write_text(json.dumps(data), encoding="utf-8")
    assert manifest.load(tmp_path) == {"old": manifest.Made("f", 1, "s")}


def test_an_up_to_date_output_says_again_what_its_build_said(
        sample: Path, cli: Callable[..., Result]) -> None:
    """With the up-to-date record gone, outputs that need no making still report the notes
    (and warnings) their writer gave when it made them."""
    first = cli("-C", sample, *ARGS).output.splitlines()[-1]
    assert "built 6, unchanged 0" in first and "notes" in first
    (sample / "build" / uptodate.RECORD).unlink()
    again = cli("-C", sample, *ARGS).output.splitlines()[-1]
    assert again == first.replace("built 6, unchanged 0", "built 0, unchanged 6")


def test_an_output_recorded_without_its_facts_is_made_again(
        sample: Path, cli: Callable[..., Result]) -> None:
    """A manifest from before facts were kept cannot tell the report an output's pages:
    the output is made again, once."""
    assert "built 6, unchanged 0" in cli("-C", sample, *ARGS).output
    path = sample / "build" / manifest.MANIFEST
    records = json.loads(path.read_text(encoding="utf-8"))
    path.write_text(json.dumps({k: v[:3] for k, v in records.items()}), encoding="utf-8")
    (sample / "build" / uptodate.RECORD).unlink()
    assert "built 6, unchanged 0" in cli("-C", sample, *ARGS).output
    assert json.loads(path.read_text(encoding="utf-8")) == records
    assert "built 0, unchanged 6" in cli("-C", sample, *ARGS).output
