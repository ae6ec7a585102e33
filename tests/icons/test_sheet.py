"""`make-handouts icons`: the list, and the contact sheet as a tagged PDF."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.icons.catalogue import bundled
from tests.helpers import run_tool


def test_icons_lists_every_name_and_what_it_shows(cli: Callable[..., Result],
                                                   tmp_path: Path) -> None:
    result = cli("-C", tmp_path, "icons")
    assert result.exit_code == 0
    lines = result.output.splitlines()
    assert len(lines) == len(bundled().icons)
    assert "heart\ta heart" in lines


def test_the_sheet_is_a_tagged_pdf_with_a_figure_per_icon(cli: Callable[..., Result],
                                                         sample: Path) -> None:
    result = cli("-C", sample, "icons", "--sheet")
    assert result.exit_code == 0, result.output
    sheet = sample / "build" / "icons.pdf"
    assert sheet.is_file()
    run_tool("qpdf", "--check", sheet)
    fonts = run_tool("pdffonts", sheet).splitlines()[2:]
    assert fonts and all(" yes yes " in line for line in fonts), fonts
    assert re.search(r"^Tagged:\s+yes$", run_tool("pdfinfo", sheet), re.MULTILINE)
    structure = run_tool("pdfinfo", "-struct", sheet)
    assert structure.count("Figure") == len(bundled().icons)
    page = pytest.importorskip("page")
    assert not page.validate_pdf(sheet, profile="ua1").failures


def test_the_sheet_goes_only_inside_the_project(cli: Callable[..., Result],
                                                tmp_path: Path) -> None:
    project = tmp_path / "clinic"
    project.mkdir()
    result = cli("-C", project, "icons", "--sheet", "../outside.pdf")
    assert result.exit_code == 2
    assert "inside the project" in result.output
    assert not (tmp_path / "outside.pdf").exists()
    assert cli("-C", project, "icons", "--sheet", "sheets/icons.pdf").exit_code == 0
    assert (project / "sheets" / "icons.pdf").is_file()
