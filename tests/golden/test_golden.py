"""Golden cases: small projects built with each brand and compared with the expected
files kept beside them (layout XML exactly, PDF text lines within a point, deck parts as
canonical XML). After an intended change to the outputs, run `python -m tests.golden.regen`
and review the diff of tests/golden/ in the commit."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.golden.cases import BRANDS, CASES
from tests.golden.compare import compare
from tests.golden.regen import expected_files, expected_parts, run_case


@pytest.mark.parametrize("brand", BRANDS)
@pytest.mark.parametrize("case", CASES)
def test_outputs_match_the_golden_files(case: str, brand: str, tmp_path: Path) -> None:
    expected = expected_files(case, brand)
    assert expected, f"no golden files for {case} with {brand}: run python -m tests.golden.regen"
    found = run_case(case, brand, tmp_path)
    problems = compare(expected, found.files, expected_parts(expected), found.parts)
    if problems:
        pytest.fail(f"{case} built with the {brand} brand differs from its golden files (if "
                    "intended, run python -m tests.golden.regen and review the diff):\n"
                    + "\n".join(problems), pytrace=False)
