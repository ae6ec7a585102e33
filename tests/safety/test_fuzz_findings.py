"""What the project fuzz net (test_fuzz_projects.py) found, each as its smallest case.

Fixed ones assert the right outcome. The others are in files this round's fuzzing could not
change: each is marked xfail(strict=True) with the file that must change, so it turns into
a failure (to unmark) the day it is fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.content.markdown import blocks, inline
from tests.helpers import GOOD, run_tool, write_project

BODY = "      easy: Germs live on hands."


def build(cli: Callable[..., Result], root: Path, *args: str) -> Result:
    return cli("-C", root, "build", "-j", "1", "--level", "easy", "--length", "short",
               "--no-report", *args)


def nothing_built(root: Path) -> None:
    made = sorted(p.name for p in (root / "build").rglob("*") if p.suffix in (".pdf", ".pptx")) \
        if (root / "build").exists() else []
    assert made == []


# Fixed ----------------------------------------------------------------------------------

@pytest.mark.parametrize(("brand", "at", "code"), [
    ('defaults:\n  handouts:\n    disclaimer: "Ask \\a your doctor"\n', "3:17", "U+0007"),
    ('meta:\n  name: "Riverbend \\e[31m Health"\n', "2:9", "U+001B"),
    ('defaults:\n  handouts:\n    help_lines: [Call us, "Text \\uFFFE"]\n', "3:27", "U+FFFE"),
])
def test_a_control_character_in_a_brand_text_is_refused_where_it_is_written(
        tmp_path: Path, cli: Callable[..., Result], brand: str, at: str, code: str) -> None:
    # Found: the text went into the layout XML, which cannot hold it, and the build blamed
    # the built-in templates ("flyer.xml.j2: the template wrote an invalid layout
    # document") with no place in the brand file.
    write_project(tmp_path, GOOD)
    (tmp_path / "_brand.yml").write_text(brand, encoding="utf-8")
    result = build(cli, tmp_path)
    assert result.exit_code == 2
    assert result.output == (f"Error: {tmp_path / '_brand.yml'}:{at}: the text holds the "
                             f"character {code}, which cannot be printed; remove it (it may "
                             "be written as an escape such as \\a)\n")
    nothing_built(tmp_path)


def test_a_markdown_link_with_no_address_is_its_text(tmp_path: Path,
                                                     cli: Callable[..., Result]) -> None:
    # Found: `[text]()` became <a href="">, which the layout reader refuses, so every output
    # of the topic failed with "the template wrote an invalid layout document".
    assert blocks("See [the nurse]() or [us](https://e.org).") == (
        '<p>See the nurse or <a href="https://e.org">us</a>.</p>')
    assert inline("[**b**]( )") == "<b>b</b>"
    write_project(tmp_path, GOOD.replace("  - Wash for 20 seconds.",
                                         "  - Ask [the nurse]() about germs."))
    result = build(cli, tmp_path, "--format", "pdf")
    assert result.exit_code == 0, result.output
    text = run_tool("pdftotext", tmp_path / "build/hands/hands-easy-flyer.pdf", "-")
    assert "Ask the nurse about germs." in " ".join(text.split())


# Not fixed here: in content.py / yamlsource.py, build.py and config.py ------------------

def test_a_control_character_in_a_content_text_is_refused_where_it_is_written(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = write_project(tmp_path, GOOD.replace(BODY, '      easy: "Germs \\a live on hands."'))
    result = build(cli, tmp_path)
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {path}:15:13: ")
    assert "U+0007" in result.output
    assert "template" not in result.output
    nothing_built(tmp_path)


def test_a_missing_glyph_written_as_an_escape_is_located_on_its_line(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    path = write_project(tmp_path, GOOD.replace(BODY, '      easy: "Germs \\U0001F600 live."'))
    result = build(cli, tmp_path)
    assert result.exit_code == 2
    assert f"{path}:15:" in result.output, result.output
    assert "(U+1F600)" in result.output


def test_a_settings_file_cut_short_is_located_at_its_end(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD)
    (tmp_path / "handouts.toml").write_text('[levels.easy]\nlabel = "Easy', encoding="utf-8")
    result = cli("-C", tmp_path, "list")
    assert result.exit_code == 2
    assert result.output.startswith(f"Error: {tmp_path / 'handouts.toml'}:2:"), result.output


def test_an_option_under_a_quoted_table_header_is_located_in_that_table(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD)
    (tmp_path / "handouts.toml").write_text(
        '[lengths.short]\nlabel = 1\n[levels."easy"]\nlabel = 2\n', encoding="utf-8")
    result = cli("-C", tmp_path, "list")
    assert result.exit_code == 2
    assert f"{tmp_path / 'handouts.toml'}:4:1: [levels.easy] label" in result.output, \
        result.output


def test_a_bad_name_written_with_an_escape_is_located(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD)
    (tmp_path / "handouts.toml").write_text('[levels."\\u00fcn"]\nlabel = "x"\n',
                                            encoding="utf-8")
    result = cli("-C", tmp_path, "list")
    assert result.exit_code == 2
    # at the name itself inside the header (column 9), not the header's '['
    assert f"{tmp_path / 'handouts.toml'}:1:9: level name 'ün'" in result.output, result.output


def test_a_missing_glyph_in_a_brand_text_is_located_in_the_brand_file(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD)
    (tmp_path / "_brand.yml").write_text("meta:\n  name: Clinic ☃\n", encoding="utf-8")
    result = build(cli, tmp_path)
    assert result.exit_code == 2
    assert f"{tmp_path / '_brand.yml'}:2:" in result.output, result.output
    assert "(U+2603)" in result.output


def test_a_heading_that_looks_like_a_list_marker_is_its_text(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD.replace("    heading: Why it matters", "    heading: '*'"))
    result = cli("-C", tmp_path, "build", "-j", "1", "--level", "easy", "--format", "pptx",
                 "--no-report")
    assert result.exit_code == 0, result.output
