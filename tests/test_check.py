"""`make-handouts check`: reading grades per topic and level, against the targets."""

from __future__ import annotations

from collections.abc import Callable
import re
from pathlib import Path

from click.testing import Result

from .test_content import GOOD, write_project


def test_sample_meets_its_reading_targets(sample: Path, cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, "check", "--strict")
    assert result.exit_code == 0, result.output
    assert "Flesch-Kincaid" in result.output and "SMOG" in result.output
    assert "0 topic-levels miss a reading target" in result.output


def test_a_hard_sentence_in_easy_text_fails_strict(tmp_path: Path,
                                                  cli: Callable[..., Result]) -> None:
    hard = ("Pharmacological management necessitates individualized consideration of comorbid "
            "cardiovascular contraindications and concomitant psychotropic polypharmacy.")
    write_project(tmp_path, GOOD.replace("  easy: Clean hands stop germs.", f"  easy: {hard}"))
    result = cli("-C", tmp_path, "check")
    assert result.exit_code == 0
    result = cli("-C", tmp_path, "check", "--strict")
    assert result.exit_code == 1
    line = next(ln for ln in result.output.splitlines() if ln.startswith("hands ")
                and " easy " in ln)
    assert line.endswith("MISSED")
    assert re.search(r"warning: hands \(easy\): Flesch-Kincaid grade \d+\.\d is above 6",
                     result.output)
