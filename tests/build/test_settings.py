"""handouts.toml: defaults, every problem reported at once, suggestions."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.build.settings import load
from handouts.errors import SettingsError


def test_defaults_without_a_settings_file(tmp_path: Path) -> None:
    settings = load(tmp_path)
    assert settings.level_names == ("easy", "standard", "clinical")
    assert [ln.print_layout for ln in settings.lengths] == ["flyer", "trifold", "booklet"]
    assert settings.level("easy").min_print_pt == 12
    assert settings.level("clinical").max_smog is None


def test_every_problem_at_once(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text(
        "[project]\nbuidl = 'out'\nfold_guides = 'yes'\n\n[levels.easy]\nmin_print_pt = 9\n"
        "\n[lengths.short]\nprint_layout = 'poster'\n")
    with pytest.raises(SettingsError) as err:
        load(tmp_path)
    message = str(err.value)
    assert "4 problems" in message
    assert "handouts.toml:2:1: unknown option 'buidl' in [project]; did you mean 'build'?" \
        in message
    assert ("handouts.toml:3:1: [project] fold_guides (print fold guides on trifolds): expected "
            "true or false, received 'yes'") in message
    assert "min_print_pt must be at least 11" in message
    assert "print_layout 'poster' is not a layout" in message


def test_a_project_can_name_its_own_levels(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text(
        "[levels.plain]\nmax_flesch_kincaid = 7\n[levels.expert]\nshow_references = true\n")
    settings = load(tmp_path)
    assert settings.level_names == ("plain", "expert")
    assert settings.level("plain").max_flesch_kincaid == 7


def test_invalid_toml_is_located(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text("[project\n")
    with pytest.raises(SettingsError, match=r"handouts.toml:1:\d+: invalid TOML"):
        load(tmp_path)


def test_a_key_is_located_in_its_own_table(tmp_path: Path) -> None:
    # the old locator found 'min_print_pt' by its first mention: the easy table's line
    (tmp_path / "handouts.toml").write_text(
        "[levels.easy]\nmin_print_pt = 12\n\n[levels.standard]\nlabel = 'Plain'\n"
        "  min_print_pt = \"nine\"\n")
    with pytest.raises(SettingsError) as err:
        load(tmp_path)
    assert str(err.value) == (
        f"{tmp_path / 'handouts.toml'}:6:3: [levels.standard] min_print_pt (smallest print "
        "body size in points): expected a whole number or a number, received 'nine'")


@pytest.mark.parametrize(("text", "where"), [
    # a dotted key under [levels], an inline table and a quoted key: each at the key itself
    ("[levels]\neasy.min_print_pt = 12\nstandard.min_print_pt = 9\n", "3:10"),
    ("levels.easy = {min_print_pt = 12}\nlevels.standard = { min_print_pt = 9 }\n", "2:21"),
    ("[levels.easy]\nmin_print_pt = 12\n[levels.standard]\n\"min_print_pt\" = 9\n", "4:1"),
])
def test_a_value_check_is_located_at_its_key_however_the_table_is_written(
        tmp_path: Path, text: str, where: str) -> None:
    (tmp_path / "handouts.toml").write_text(text)
    with pytest.raises(SettingsError) as err:
        load(tmp_path)
    assert str(err.value) == (f"{tmp_path / 'handouts.toml'}:{where}: [levels.standard] "
                              "min_print_pt must be at least 11 (print guidance)")


def test_an_unknown_option_after_a_multiline_string_is_located(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text(
        '[lengths.short]\nlabel = """A\n[lengths.full]\nlabel = 1"""\n[lengths.full]\n'
        "labl = 'x'\n")
    with pytest.raises(SettingsError, match=r"handouts.toml:6:1: unknown option 'labl' in "
                       r"\[lengths.full\]; did you mean 'label'\?"):
        load(tmp_path)


def test_a_brand_file_outside_the_project_is_located_at_its_item(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text(
        "[project]\nbrands = [\n  'a.yml',\n  '../b.yml',\n]\n")
    with pytest.raises(SettingsError, match=r"handouts.toml:4:3: \[project\] brands: "
                       r"'../b.yml' is not a brand file inside the project"):
        load(tmp_path)
