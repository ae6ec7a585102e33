"""build_all: the whole build as a plain function, without the command line."""

from __future__ import annotations

import re
from pathlib import Path

from handouts.build import uptodate
from handouts.build.api import Options, build_all
from handouts.errors import BuildError

FLYERS = Options(lengths=("short",), formats=("pdf",), report=False)


def test_build_all_returns_a_summary_without_the_cli(sample: Path) -> None:
    first = build_all(sample, FLYERS)
    assert [(b.name, b.built, b.unchanged, b.failed, b.report)
            for b in first.brands] == [("Riverbend Community Health", 6, 0, (), None)]
    # no warnings; notes of priority-1 sections printed in short form on some flyers
    assert {(w.severity, w.code) for b in first.brands for w in b.warnings} <= \
        {("note", "compact-form"), ("note", "jargon")}
    assert not first.from_record and first.failure() is None
    notes = [w for b in first.brands for w in b.warnings if w.code == "compact-form"]
    assert notes and all(  # each says which output it is about
        re.match(r"ketamine-[a-z-]+, level \w+, length short \(flyer\): '", w.message)
        for w in notes), [w.message for w in notes]
    assert first.build_dir == sample / "build"
    again = build_all(sample, FLYERS)
    assert again.from_record
    assert [(b.built, b.unchanged) for b in again.brands] == [(0, 6)]
    forced = build_all(sample, Options(lengths=("short",), formats=("pdf",), report=False,
                                       force=True))
    assert not forced.from_record and [b.built for b in forced.brands] == [6]


def test_the_build_folder_is_the_one_the_settings_name(sample: Path) -> None:
    settings = sample / "handouts.toml"
    settings.write_text(settings.read_text().replace('build = "build"', 'build = "out"'))
    first = build_all(sample, FLYERS)
    assert first.build_dir == sample / "out"
    assert (sample / "out" / uptodate.RECORD).is_file()
    assert not (sample / "build").exists()
    assert build_all(sample, FLYERS).from_record


def test_a_failed_output_is_summarised_and_ends_the_build(sample: Path) -> None:
    topic = sample / "content/ketamine-and-addiction.yaml"
    long_line = " ".join(["Wash your hands with soap and warm water."] * 200)
    topic.write_text(topic.read_text(encoding="utf-8").replace(
        "title: Ketamine and Addiction", f"title: {long_line}"), encoding="utf-8")
    summary = build_all(sample, FLYERS)
    [brand] = summary.brands
    assert brand.failed and brand.built + len(brand.failed) == 6
    failure = summary.failure()
    assert isinstance(failure, BuildError)
    assert failure.format_message() == f"{len(brand.failed)} of 6 outputs failed (see above)"
    assert not (sample / "build" / uptodate.RECORD).exists()


def test_a_ten_minute_talk_like_short_has_no_more_slides_than_the_twenty_minute_one(
        sample: Path) -> None:
    import pypdfium2
    from pptx import Presentation

    settings = sample / "handouts.toml"
    settings.write_text(settings.read_text()
                        + '\n[lengths.talk10]\nlike = "short"\ntalk_minutes = 10\n')
    summary = build_all(sample, Options(topics=("ketamine-and-addiction",), levels=("easy",),
                                        report=False))
    assert summary.failure() is None
    out = sample / "build/ketamine-and-addiction"
    slides = {minutes: len(Presentation(str(
        out / f"ketamine-and-addiction-easy-talk-{minutes}min.pptx")).slides)
              for minutes in (5, 10, 20, 45)}
    assert slides[5] <= slides[10] <= slides[20] < slides[45], slides
    # its print output is named for the new length, laid out as the flyer is: one page
    assert len(pypdfium2.PdfDocument(out / "ketamine-and-addiction-easy-talk10.pdf")) == 1
