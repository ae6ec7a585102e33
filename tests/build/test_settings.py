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


def test_a_length_like_another_takes_its_layout_and_slides_but_not_its_names(
        tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text(
        "[lengths.short]\nlabel = 'One page'\n[lengths.standard]\n"
        "[lengths.talk10]\nlike = 'short'\ntalk_minutes = 10\nagenda = true\n"
        "[lengths.poster]\nlike = 'talk10'\nlabel = 'Poster'\n[lengths.guide]\nlike = 'full'\n")
    settings = load(tmp_path)
    short, talk10, poster = (settings.length(n) for n in ("short", "talk10", "poster"))
    assert (talk10.label, talk10.print_name, talk10.talk_minutes) == ("Talk10", "talk10", 10)
    assert (talk10.max_priority, talk10.print_layout, talk10.section_slides, talk10.appendix,
            talk10.callout_slides) == (short.max_priority, short.print_layout, False, False,
                                       False)
    assert talk10.agenda and not short.agenda  # its own settings over the like's
    # a like of a like: talk10's settings as written, its own names
    assert (poster.label, poster.print_name, poster.talk_minutes, poster.agenda,
            poster.print_layout) == ("Poster", "poster", 20, True, "flyer")
    guide = settings.length("guide")  # a built-in length not declared in the file
    assert (guide.print_layout, guide.appendix, guide.print_name) == ("booklet", True, "guide")


def test_a_new_length_without_like_still_starts_from_full(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text("[lengths.talk10]\ntalk_minutes = 10\n")
    talk10 = load(tmp_path).length("talk10")
    assert (talk10.print_layout, talk10.max_priority, talk10.appendix) == ("booklet", 3, True)


def test_a_like_that_names_no_length_or_goes_round_is_located(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text(
        "[lengths.a]\nlike = 'b'\n[lengths.b]\nlike = 'a'\n[lengths.c]\n  like = 'c'\n"
        "[lengths.d]\nlike = 'shrt'\n[lengths.e]\nlike = 3\n")
    with pytest.raises(SettingsError) as err:
        load(tmp_path)
    path = tmp_path / "handouts.toml"
    assert str(err.value).splitlines()[1:] == [  # each option's type, then what it names
        f"{path}:10:1: [lengths.e] like (the length whose layout and slide settings this "
        "one starts from): expected text, received 3",
        f"{path}:4:1: [lengths.b] like = 'a' goes round in a circle: b is like a is like b; "
        "make one of them like a built-in length, or like none",
        f"{path}:6:3: [lengths.c] like = 'c' goes round in a circle: c is like c; make one "
        "of them like a built-in length, or like none",
        f"{path}:8:1: [lengths.d] like = 'shrt' is not a length; did you mean 'short'?"]
