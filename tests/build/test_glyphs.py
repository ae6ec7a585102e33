"""The one glyph check per output: characters no brand font can draw, located where they
were written, before any writer draws."""

from __future__ import annotations

import functools
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
import regex
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.build.glyphs import _char_location
from handouts.errors import Location
from handouts.fonts.scripts import REFUSED_SCRIPTS, RIGHT_TO_LEFT
from tests.helpers import DATA, GOOD, GOOD_ES, make_test_clinic, write_project

BODY = "      easy: Germs live on hands."
HETA = "\u0370"
"""Greek capital heta: in the built-in Noto Sans, not in Liberation Serif."""


@pytest.mark.parametrize("written", ["\u00e9", "\\u00e9", "\\u00E9", "\\U000000e9",
                                     "\\xE9"])
def test_a_character_is_found_as_itself_or_as_a_yaml_escape(written: str) -> None:
    lines = ["title: Hands", f'body: "Wash {written} well"']
    assert _char_location(Path("t.yaml"), lines, "\u00e9") == Location(Path("t.yaml"), 2, 13)


def test_a_character_not_written_in_the_file_has_no_line() -> None:
    assert _char_location(Path("t.yaml"), ["title: Hands"], HETA).line == 0


def test_the_heading_family_is_checked_as_well_as_the_body_family(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    """The body is the built-in Noto Sans, which has the character; the headings are
    Liberation Serif, which has not."""
    path = write_project(tmp_path, GOOD.replace("    heading: Why it matters",
                                                f"    heading: Why {HETA} matters"))
    (tmp_path / "brand").mkdir()
    shutil.copy(DATA / "fonts" / "LiberationSerif-Bold.ttf", tmp_path / "brand" / "Serif.ttf")
    (tmp_path / "_brand.yml").write_text(
        "meta:\n  name: Clinic\ntypography:\n  fonts:\n    - family: Serif\n"
        "      source: file\n      files: [brand/Serif.ttf]\n  headings: {family: Serif}\n",
        encoding="utf-8")
    for fmt in ("pdf", "pptx"):
        result = cli("-C", tmp_path, "build", "-j", "1", "--level", "easy", "--format", fmt,
                     "--no-report")
        assert result.exit_code == 2, result.output
        assert f"{path}:13:18: the brand's font cannot draw '{HETA}' (U+0370)" \
            in result.output, result.output
        assert not list(tmp_path.glob(f"build/**/*.{fmt}"))


def test_italics_with_a_brand_that_has_no_italic_face_are_a_warning(tmp_path: Path) -> None:
    """The test clinic's Liberation Serif has a regular and a bold face, no italic."""
    from handouts.build.api import Options, build_all
    from tests.helpers import make_test_clinic

    summary_line = "  easy: Clean hands stop germs."
    path = write_project(tmp_path,
                         GOOD.replace(summary_line, "  easy: Clean hands stop *all* germs."))
    make_test_clinic(tmp_path)
    built = build_all(tmp_path, Options(levels=("easy",), lengths=("short",),
                                        formats=("pdf",), report=False))
    warnings = [w for b in built.brands for w in b.warnings if w.code == "no-italic-face"]
    assert len(warnings) == 1
    assert warnings[0].location == Location(path, GOOD.splitlines().index(summary_line) + 1, 26)
    assert "'all'" in warnings[0].message and "Liberation Serif" in warnings[0].message
    upright = build_all(tmp_path, Options(levels=("standard",), lengths=("short",),
                                          formats=("pdf",), report=False))
    assert not [w for b in upright.brands for w in b.warnings if w.code == "no-italic-face"]


def _letter_of(name: str) -> st.SearchStrategy[str]:
    """A letter of one Unicode script."""
    return st.sampled_from(_letters(name))


@functools.cache  # one scan of the code points per script for the whole run
def _letters(name: str) -> tuple[str, ...]:
    return tuple(regex.findall(f"[\\p{{Script={name}}}&&\\p{{L}}]",
                               "".join(map(chr, range(0x110000))), flags=regex.V1))


REFUSED_FIELDS = {"title": ("title: Hand Washing", "Washing"),
                  "heading": ("    heading: Why it matters", "matters"),
                  "body": (BODY, "hands."), "key point": ("  - Wash for 20 seconds.", "seconds"),
                  "action": ("  - {easy: Use soap., standard: Use soap and water., "
                             "clinical: Use soap or alcohol rub.}", "soap., standard"),
                  "reference": ('  - {id: who, text: "WHO guidelines on hand hygiene in '
                                'health care. 2009."}', "hygiene")}
"""Lines of the good topic that print in the easy booklet, each in a different field, and
where in the line a letter is put."""


def _build(root: Path, *lengths: str) -> Result:
    """Build the easy PDFs of these lengths (all lengths when none are given)."""
    from click.testing import CliRunner

    from handouts.cli import main

    return CliRunner().invoke(main, ["-C", str(root), "build", "-j", "1", "--level", "easy",
                                     "--format", "pdf", "--no-report",
                                     *(a for length in lengths for a in ("--length", length))])


def _refused(result: Result, at: str, letter: str, script: str) -> None:
    """The build stopped on the script, located, as an input error, and wrote nothing."""
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "Traceback" not in result.output
    assert f"{at}: '{letter}' (U+{ord(letter):04X}) is {script} text" in result.output, \
        result.output
    assert ("right-to-left text cannot be set yet" in result.output) == (
        script.replace(" ", "_") in RIGHT_TO_LEFT)


@settings(max_examples=30, deadline=None)
@given(st.sampled_from(REFUSED_SCRIPTS), st.sampled_from(sorted(REFUSED_FIELDS)), st.data())
def test_text_in_a_refused_script_anywhere_in_a_topic_is_a_located_error(
        name: str, field: str, data: st.DataObject) -> None:
    """Liberation Serif, the test clinic's font, has Hebrew: the old build drew it left to
    right, mirrored, with exit 0."""
    letter = data.draw(_letter_of(name))
    line, before = REFUSED_FIELDS[field]
    cut = line.index(before)
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        path = write_project(root, GOOD.replace(line, line[:cut] + letter + line[cut:]))
        make_test_clinic(root)
        _refused(_build(root, "full"), f"{path}:{GOOD.splitlines().index(line) + 1}:{cut + 1}",
                 letter, name.replace("_", " "))
        assert not list(root.glob("build/**/*.*"))


@settings(max_examples=6, deadline=None)
@given(st.sampled_from(("Hebrew", "Arabic", "Devanagari", "Thai", "Bengali", "Khmer",
                        "Myanmar", "Tibetan", "Sinhala")), st.booleans(), st.data())
def test_text_in_a_refused_script_in_the_brand_is_located_in_the_brand_file(
        name: str, in_help_line: bool, data: st.DataObject) -> None:
    letter = data.draw(_letter_of(name))
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        write_project(root, GOOD + 'resources:\n  - {name: Crisis line, phone: "988"}\n')
        make_test_clinic(root)  # help lines print with the topic's resources
        brand = root / "_brand.yml"
        text = brand.read_text(encoding="utf-8")
        if in_help_line:
            text = text.replace("    paper: a4\n", f"    paper: a4\n    help_lines:\n"
                                f"      - Call us {letter}\n")
        else:
            text = text.replace("full: Harbourside Test Clinic",
                                f"full: Harbourside {letter} Clinic")
        brand.write_text(text, encoding="utf-8")
        number = next(n for n, line in enumerate(text.splitlines(), 1) if letter in line)
        column = text.splitlines()[number - 1].index(letter) + 1
        _refused(_build(root), f"{brand}:{number}:{column}", letter, name)
        assert not list(root.glob("build/**/*.*"))


def test_decks_refuse_right_to_left_text_as_well(tmp_path: Path,
                                                   cli: Callable[..., Result]) -> None:
    path = write_project(tmp_path, GOOD.replace(BODY, BODY + " שלום"))
    make_test_clinic(tmp_path)
    result = cli("-C", tmp_path, "build", "-j", "1", "--level", "easy", "--format", "pptx",
                 "--no-report")
    _refused(result, f"{path}:{GOOD.splitlines().index(BODY) + 1}:{len(BODY) + 2}", "ש",
             "Hebrew")
    assert result.output.count("is Hebrew text") == 1
    assert not list(tmp_path.glob("build/**/*.*"))


@pytest.mark.parametrize("text", ["Γεια σας, Ωμέγα", "Здравствуйте, Жизнь",
                                  "¿Dónde? ¡Ánimo! Ñandú, ÉXITO, Útil, Ü, Ídolo, Óleo"])
def test_allowed_scripts_and_spanish_text_still_build(tmp_path: Path, text: str) -> None:
    """The built-in Noto Sans and the test clinic's Liberation Serif both have these."""
    write_project(tmp_path, GOOD.replace("Germs live on hands.", text))
    for brand in (False, True):
        if brand:
            make_test_clinic(tmp_path)
        result = _build(tmp_path, "full")
        assert result.exit_code == 0, result.output
        assert list(tmp_path.glob("build/**/*.pdf"))


SPANISH_EASY = "  easy: Las manos limpias frenan los gérmenes."
SPANISH_MARKS = "  easy: ¿Sabía que las manos limpias frenan los gérmenes? ¡Niño o niña, lávese!"


def _spanish_project(root: Path, font: Path | None = None) -> Path:
    """A Spanish project whose easy summary has '¿', '¡', 'ñ' and accents, its brand's
    font `font` (regular and bold) if given; returns the content file."""
    root.mkdir(exist_ok=True)
    (root / "handouts.toml").write_text('[project]\nlanguage = "es-US"\n', encoding="utf-8")
    path = write_project(root, GOOD_ES.replace(SPANISH_EASY, SPANISH_MARKS))
    if font is not None:
        (root / "brand").mkdir()
        shutil.copy(font, root / "brand" / "Cut.ttf")
        (root / "_brand.yml").write_text(
            "meta:\n  name: Clínica\ntypography:\n  fonts:\n    - family: Cut\n"
            "      source: file\n      files: [brand/Cut.ttf]\n  base: {family: Cut}\n"
            "  headings: {family: Cut}\n", encoding="utf-8")
    return path


def _where(path: Path, char: str) -> str:
    """'path:line:column' of the first `char` in the file."""
    lines = path.read_text(encoding="utf-8").splitlines()
    number = next(n for n, line in enumerate(lines, 1) if char in line)
    return f"{path}:{number}:{lines[number - 1].index(char) + 1}"


def test_a_brand_font_without_the_spanish_letters_is_a_located_error_in_build_and_check(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    """A subset of Noto Sans without '¿', '¡', 'ñ' and the accented letters, as a brand's
    font: each missing letter is reported where the content first has it."""
    from handouts.fonts.families import builtin_fonts
    from tests.fonts.test_coverage import SPANISH, subset_without

    font = subset_without(builtin_fonts().regular, tmp_path / "Cut.ttf", SPANISH)
    root = tmp_path / "project"
    path = _spanish_project(root, font)
    for command in (("build", "-j", "1", "--level", "easy", "--format", "pdf", "--no-report"),
                    ("check",)):
        result = cli("-C", root, *command)
        assert result.exit_code == 2, result.output
        for char in "¡¿ñ":
            assert f"{_where(path, char)}: the brand's font cannot draw '{char}' " \
                   f"(U+{ord(char):04X})" in result.output, result.output
    assert not list(root.glob("build/**/*.pdf"))


def test_the_same_spanish_project_builds_and_checks_in_the_built_in_font(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    _spanish_project(tmp_path)
    assert cli("-C", tmp_path, "check").exit_code == 0
    result = cli("-C", tmp_path, "build", "-j", "1", "--level", "easy", "--format", "pdf",
                 "--no-report")
    assert result.exit_code == 0, result.output


def test_check_refuses_right_to_left_text_as_build_does(tmp_path: Path,
                                                         cli: Callable[..., Result]) -> None:
    """`check` measured Hebrew text's reading grade and passed; the build refused it."""
    path = write_project(tmp_path, GOOD.replace(BODY, BODY + " שלום"))
    result = cli("-C", tmp_path, "check")
    _refused(result, f"{path}:{GOOD.splitlines().index(BODY) + 1}:{len(BODY) + 2}", "ש",
             "Hebrew")
