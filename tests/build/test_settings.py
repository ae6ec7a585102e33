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
