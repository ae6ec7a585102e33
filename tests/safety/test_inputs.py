"""Broken settings, a build folder with something in place of the build's own files, a
missing --brand and a -j larger than the work get messages (exit 2) or just work, never a
traceback and never a silent wrong result."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from handouts.build.manifest import MANIFEST
from handouts.build.uptodate import RECORD

FLYERS = ("build", "--length", "short", "--format", "pdf", "--no-thumbnails")


def test_settings_that_are_not_utf8_are_located(sample: Path,
                                                cli: Callable[..., Result]) -> None:
    (sample / "handouts.toml").write_bytes(b"[project]\nbuild = \"b\xe9\"\n")
    result = cli("-C", sample, "build")
    assert result.exit_code == 2
    assert f"{sample / 'handouts.toml'}:2:11: the file is not UTF-8 text; save it as UTF-8" \
        in result.output
    assert not (sample / "build").exists()


def test_settings_that_are_a_folder_are_refused(sample: Path,
                                                cli: Callable[..., Result]) -> None:
    (sample / "handouts.toml").unlink()
    (sample / "handouts.toml").mkdir()
    result = cli("-C", sample, "build")
    assert result.exit_code == 2
    assert f"{sample / 'handouts.toml'}: is a folder, not a file; give the path of an " \
        "ordinary file" in result.output
    assert not (sample / "build").exists()


def test_settings_with_a_byte_order_mark_are_read(sample: Path,
                                                  cli: Callable[..., Result]) -> None:
    text = (sample / "handouts.toml").read_text(encoding="utf-8")
    (sample / "handouts.toml").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = cli("-C", sample, *FLYERS)
    assert result.exit_code == 0, result.output
    assert "built 6, unchanged 0" in result.output


def test_settings_linked_from_outside_are_refused(tmp_path: Path, sample: Path,
                                                  cli: Callable[..., Result]) -> None:
    outside = tmp_path / "elsewhere.toml"
    (sample / "handouts.toml").rename(outside)
    (sample / "handouts.toml").symlink_to(outside)
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert f"{sample / 'handouts.toml'}: leads outside the project (to {outside})" \
        in result.output


def test_a_brand_named_on_the_command_line_must_exist(sample: Path,
                                                      cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, "build", "--brand", sample / "missing" / "_brand.yml")
    assert result.exit_code == 2
    assert f"{sample / 'missing' / '_brand.yml'}: the brand file does not exist; check the " \
        "path given with --brand" in result.output
    assert "Your Clinic" not in result.output
    assert not (sample / "build").exists()


def test_a_brand_outside_the_project_may_use_files_beside_it(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (clinic / "logo.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
        '<rect width="40" height="20" fill="#234"/></svg>', encoding="utf-8")
    (clinic / "_brand.yml").write_text("meta: {name: Elsewhere Clinic}\nlogo: logo.svg\n",
                                       encoding="utf-8")
    result = cli("-C", sample, *FLYERS, "--brand", clinic / "_brand.yml")
    assert result.exit_code == 0, result.output
    assert "Elsewhere Clinic: built 6" in result.output


def test_a_brand_outside_the_project_may_not_reach_beyond_its_folder(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    clinic = tmp_path / "clinic"
    clinic.mkdir()
    (tmp_path / "logo.png").write_bytes(b"not read")
    (clinic / "_brand.yml").write_text("meta: {name: Elsewhere Clinic}\nlogo: ../logo.png\n",
                                       encoding="utf-8")
    result = cli("-C", sample, *FLYERS, "--brand", clinic / "_brand.yml")
    assert result.exit_code == 2
    assert f"{clinic / '_brand.yml'}:2:7: the logo '../logo.png' leads outside the project" \
        in result.output


def test_a_manifest_or_record_replaced_by_a_folder_is_located(
        sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, *FLYERS).exit_code == 0
    build = sample / "build"
    for name in (MANIFEST, RECORD):
        (build / name).unlink()
        (build / name).mkdir()
    result = cli("-C", sample, *FLYERS)
    assert result.exit_code == 2
    for name in (MANIFEST, RECORD):
        assert f"{build / name}: is not the file the build keeps here (a folder or a link); " \
            "remove it; the build writes it again" in result.output
    assert "Traceback" not in result.output


def test_an_output_folder_linked_out_of_the_build_folder_is_refused(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (sample / "build").mkdir()
    (sample / "build" / "ketamine-and-addiction").symlink_to(elsewhere)
    result = cli("-C", sample, *FLYERS)
    assert result.exit_code == 2
    assert f"{sample / 'build' / 'ketamine-and-addiction'}: is where the build writes a " \
        "folder of outputs, but holds a link or a file; remove it" in result.output
    assert list(elsewhere.iterdir()) == []


def test_more_workers_than_outputs_is_fine(sample: Path, cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, *FLYERS, "-j", "100000")
    assert result.exit_code == 0, result.output
    assert "built 6, unchanged 0, failed 0" in result.output


def test_a_character_the_font_lacks_in_the_brand_is_located_in_the_brand_file(
        sample: Path, cli: Callable[..., Result]) -> None:
    brand = sample / "_brand.yml"
    text = brand.read_text(encoding="utf-8")
    brand.write_text(text.replace("full: Riverbend Community Health", "full: Riverbend 診療所"),
                     encoding="utf-8")
    line = next(n for n, row in enumerate(brand.read_text(encoding="utf-8").splitlines(), 1)
                if "診" in row)
    result = cli("-C", sample, *FLYERS)
    assert result.exit_code == 2, result.output
    assert f"{brand}:{line}:" in result.output
    assert "the brand's font cannot draw '診' (U+8A3A)" in result.output
    assert "ketamine-and-addiction.yaml: the brand's font" not in result.output


def test_two_brands_that_would_share_a_folder_are_refused_at_the_second(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    other = tmp_path / "other" / "_brand.yml"
    other.parent.mkdir()
    other.write_text("meta: {name: 'Riverbend: Community Health!'}\n", encoding="utf-8")
    result = cli("-C", sample, *FLYERS, "--brand", sample / "_brand.yml", "--brand", other)
    assert result.exit_code == 2
    assert f"{other}: two brands would both build into the folder " \
        "'riverbend-community-health'; give each clinic its own meta.name" in result.output
    assert not (sample / "build").exists()


def test_a_picture_a_template_asks_for_outside_the_project_is_an_input_error(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"not read")
    (sample / "templates").mkdir()
    (sample / "templates" / "flyer.xml.j2").write_text(
        '{% extends "builtin/flyer.xml.j2" %}{% block footer %}'
        '<image src="../secret.png" alt="x" width="72"/>{% endblock %}', encoding="utf-8")
    result = cli("-C", sample, *FLYERS)
    assert result.exit_code == 2, result.output
    assert "flyer.xml.j2: the image '../secret.png' leads outside the project" in result.output
    assert "fix the picture's path or file" in result.output
    assert not (sample / "build").exists()
