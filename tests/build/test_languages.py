"""handouts.toml: the project's language (a BCP 47 tag) and [languages.TAG.levels.NAME]
reading targets."""

from __future__ import annotations

from pathlib import Path

import pytest

from handouts.build.languages import LevelTargets
from handouts.build.settings import load
from handouts.errors import SettingsError


def write(root: Path, text: str) -> None:
    (root / "handouts.toml").write_text(text, encoding="utf-8")


def problems(root: Path, text: str) -> str:
    """The message of the SettingsError that handouts.toml `text` raises."""
    write(root, text)
    with pytest.raises(SettingsError) as err:
        load(root)
    return str(err.value)


def test_the_language_is_american_english_by_default(tmp_path: Path) -> None:
    settings = load(tmp_path)
    assert settings.language == "en-US"
    assert set(settings.targets) == {LevelTargets("es", "easy", 65.0),
                                     LevelTargets("es", "standard", 55.0)}


@pytest.mark.parametrize("tag", ["es", "es-US", "es-419", "es-MX", "en-GB", "en"])
def test_a_tag_of_a_measured_language_is_taken(tmp_path: Path, tag: str) -> None:
    write(tmp_path, f'[project]\nlanguage = "{tag}"\n')
    assert load(tmp_path).language == tag


@pytest.mark.parametrize(("tag", "says"), [
    ("spanish", "is not a BCP 47 language tag"),
    ("es_US", "is not a BCP 47 language tag"),
    ("es-", "is not a BCP 47 language tag"),
    ("", "is not a BCP 47 language tag"),
    ("xq-US", "names no language or region known to the locale data"),
])
def test_a_bad_tag_is_located(tmp_path: Path, tag: str, says: str) -> None:
    message = problems(tmp_path, f'[project]\nbuild = "out"\nlanguage = "{tag}"\n')
    assert f"handouts.toml:3:1: [project] language '{tag}' " in message
    assert says in message


def test_targets_are_set_per_language_and_level(tmp_path: Path) -> None:
    write(tmp_path, "[languages.es.levels.easy]\nmin_inflesz = 70\n"
                    "[languages.es.levels.clinical]\nmin_inflesz = 40\n")
    targets = {t.level: t.min_inflesz for t in load(tmp_path).targets}
    assert targets == {"easy": 70.0, "standard": 55.0, "clinical": 40.0}


def test_targets_of_a_level_the_project_drops_are_dropped(tmp_path: Path) -> None:
    write(tmp_path, "[levels.plain]\nmax_flesch_kincaid = 7\n")
    assert load(tmp_path).targets == ()


def test_bad_targets_are_located(tmp_path: Path) -> None:
    message = problems(tmp_path, "[languages.es.levels.easy]\nmin_inflesz = 120\n"
                       "max_inflesz = 3\n[languages.es.levels.simple]\nmin_inflesz = 60\n"
                       "[languages.fr.levels.easy]\nmin_inflesz = 60\n")
    assert "4 problems" in message
    assert "handouts.toml:2:1: [languages.es.levels.easy] min_inflesz must be from 0 to 100" \
        in message
    assert "handouts.toml:3:1: unknown option 'max_inflesz' in [languages.es.levels.easy]; " \
        "did you mean 'min_inflesz'?" in message
    assert "handouts.toml:4:22: [languages.es.levels] names no level 'simple' of [levels]; " \
        "use one of: easy, standard, clinical" in message
    assert "handouts.toml:6:12: [languages.fr]: reading targets are known for es only" \
        in message


def test_a_target_must_be_a_number(tmp_path: Path) -> None:
    write(tmp_path, '[languages.es.levels.easy]\nmin_inflesz = "high"\n')
    with pytest.raises(SettingsError, match=r"handouts.toml:2:\d+: \[languages.es.levels.easy\] "
                       r"min_inflesz .*: expected"):
        load(tmp_path)
