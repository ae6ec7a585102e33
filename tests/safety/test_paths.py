"""Nothing is written or deleted outside the build folder, and nothing outside the project
is read: names that become paths, pruning, colliding outputs, folders, links, special files.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build.manifest import MANIFEST

TOPIC = """\
title: Hand Washing
summary: Washing your hands stops germs from spreading.
key_points: [Wash for 20 seconds.]
actions: [Use soap and water.]
sections:
  - {id: why, heading: Why it matters, body: Germs spread from hands to food.}
"""


def listing(top: Path) -> dict[str, int]:
    """Every file under `top` (not following links) with its size."""
    found = {}
    for folder, _dirs, files in os.walk(top):
        for name in files:
            path = Path(folder) / name
            found[str(path.relative_to(top))] = path.lstat().st_size
    return found


def flyer_only(sample: Path) -> None:
    """Keep one topic, so each build is quick."""
    (sample / "content" / "ketamine-assisted-therapy.yaml").unlink()


def settings(sample: Path, extra: str) -> None:
    (sample / "handouts.toml").write_text(extra, encoding="utf-8")


# Names that become paths -------------------------------------------------------------------

@pytest.mark.parametrize("bad", ["../../../x/important", "a/b", "a\\\\b", ".hidden", "..",
                                 "Flyer", "x" * 49, ""])
def test_a_print_name_that_is_not_a_plain_name_is_refused_at_its_line(
        sample: Path, cli: Callable[..., Result], bad: str) -> None:
    settings(sample, f'[lengths.short]\nprint_layout = "flyer"\n\n[lengths.full]\n'
                     f'print_layout = "booklet"\nprint_name = "{bad}"\n')
    before = listing(sample.parent)
    result = cli("-C", sample, "build", "--format", "pdf")
    assert result.exit_code == 2
    shown = bad.replace("\\\\", "\\")
    assert f"handouts.toml:6:1: [lengths.full] print_name {shown!r} is not a usable file " \
        "name; use a lowercase letter" in result.output
    assert "Traceback" not in result.output
    assert listing(sample.parent) == before


def test_a_print_name_leading_out_of_the_project_writes_nothing_outside(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    victim = tmp_path / "x" / "important.pdf"
    victim.parent.mkdir()
    victim.write_bytes(b"keep me")
    settings(sample, '[lengths.short]\nprint_name = "../../../x/important"\n')
    result = cli("-C", sample, "build", "--format", "pdf")
    assert result.exit_code == 2
    assert victim.read_bytes() == b"keep me"
    assert not (sample / "build").exists()


@pytest.mark.parametrize(("table", "line"), [("[levels.Easy]", 1), ('[levels."../up"]', 1),
                                             ('[lengths."a.b"]', 1), ("[lengths.-x]", 1)])
def test_level_and_length_names_are_plain_names(sample: Path, cli: Callable[..., Result],
                                                table: str, line: int) -> None:
    settings(sample, f"{table}\nlabel = \"x\"\n")
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert "is not a usable name; use a lowercase letter" in result.output
    assert f"handouts.toml:{line}:" in result.output


def test_talk_minutes_must_be_a_real_length(sample: Path, cli: Callable[..., Result]) -> None:
    settings(sample, "[lengths.short]\ntalk_minutes = -5\n")
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert "handouts.toml:2:1: [lengths.short] talk_minutes must be from 1 to 600, " \
        "received -5" in result.output


# Outputs that would collide ----------------------------------------------------------------

def test_two_lengths_with_one_print_name_are_refused_before_writing(
        sample: Path, cli: Callable[..., Result]) -> None:
    settings(sample, '[lengths.short]\nprint_name = "flyer"\n\n[lengths.full]\n'
                     'print_name = "flyer"\n')
    result = cli("-C", sample, "build")
    assert result.exit_code == 2
    assert "handouts.toml:5:1: two outputs would both be named " \
        "'ketamine-and-addiction-easy-flyer.pdf': ketamine-and-addiction, level easy, length " \
        "short and ketamine-and-addiction, level easy, length full; give each length its own " \
        "print_name and talk_minutes" in result.output
    assert not (sample / "build").exists()


def test_two_lengths_with_one_talk_length_are_refused(sample: Path,
                                                      cli: Callable[..., Result]) -> None:
    settings(sample, "[lengths.short]\ntalk_minutes = 20\n\n[lengths.standard]\n"
                     "talk_minutes = 20\n")
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert "handouts.toml:5:1: two outputs would both be named " \
        "'ketamine-and-addiction-easy-talk-20min.pptx'" in result.output


def test_a_topic_and_a_level_whose_names_run_together_are_refused(
        sample: Path, cli: Callable[..., Result]) -> None:
    settings(sample, '[levels.easy]\n\n[levels.b-easy]\n\n[lengths.short]\n')
    content = sample / "content"
    shutil.rmtree(content)
    content.mkdir()
    for name in ("a", "a-b"):
        (content / f"{name}.yaml").write_text(TOPIC, encoding="utf-8")
    result = cli("-C", sample, "build")
    assert result.exit_code == 2, result.output
    assert f"{content / 'a.yaml'}:1:1: two outputs would both be named 'a-b-easy-flyer.pdf'" \
        in result.output
    assert not (sample / "build").exists()


def test_a_yaml_and_a_yml_file_of_one_topic_are_refused(sample: Path,
                                                        cli: Callable[..., Result]) -> None:
    content = sample / "content"
    shutil.copy(content / "ketamine-and-addiction.yaml", content / "ketamine-and-addiction.yml")
    result = cli("-C", sample, "build")
    assert result.exit_code == 2
    assert f"{content / 'ketamine-and-addiction.yml'}:1:1: this file and " \
        "ketamine-and-addiction.yaml would both make the topic 'ketamine-and-addiction'; " \
        "rename or remove one of them" in result.output
    assert not (sample / "build").exists()


# Pruning -----------------------------------------------------------------------------------

@pytest.mark.parametrize("key", ["_report/../../../victim/keep.txt", "../../victim/keep.txt",
                                 "gone/../../../victim/keep.txt", "/VICTIM/keep.txt"])
def test_a_manifest_edited_by_hand_deletes_nothing_outside_the_build_folder(
        tmp_path: Path, sample: Path, cli: Callable[..., Result], key: str) -> None:
    flyer_only(sample)
    victim = tmp_path / "victim" / "keep.txt"
    victim.parent.mkdir()
    victim.write_text("keep", encoding="utf-8")
    key = key.replace("/VICTIM", str(victim.parent))
    args = ("-C", sample, "build", "--no-thumbnails")
    assert cli(*args, "--length", "short", "--format", "pdf").exit_code == 0
    manifest = sample / "build" / MANIFEST
    records = json.loads(manifest.read_text(encoding="utf-8"))
    records[key] = next(iter(records.values()))
    manifest.write_text(json.dumps(records), encoding="utf-8")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert victim.read_text(encoding="utf-8") == "keep"
    assert key not in json.loads(manifest.read_text(encoding="utf-8"))


def test_pruning_removes_the_outputs_of_a_topic_that_is_gone(
        sample: Path, cli: Callable[..., Result]) -> None:
    args = ("-C", sample, "build", "--no-thumbnails", "--length", "short", "--format", "pdf")
    assert cli(*args).exit_code == 0
    gone = sample / "build" / "ketamine-assisted-therapy"
    assert gone.is_dir()
    flyer_only(sample)
    assert cli("-C", sample, "build", "--no-thumbnails").exit_code == 0
    assert not gone.exists()


# Reading only inside the project -----------------------------------------------------------

@pytest.mark.parametrize("key", ["content", "templates", "brand"])
def test_project_folders_and_files_must_stay_inside_the_project(
        tmp_path: Path, sample: Path, cli: Callable[..., Result], key: str) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(sample / "content", outside)
    settings(sample, f'[project]\n{key} = "../elsewhere"\n')
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert f"handouts.toml:2:1: [project] {key} = '../elsewhere' leads outside the project" \
        in result.output


def test_a_build_folder_outside_the_project_is_allowed(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    flyer_only(sample)
    settings(sample, '[project]\nbuild = "../out"\n')
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf",
                 "--no-thumbnails")
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "ketamine-and-addiction" /
            "ketamine-and-addiction-easy-flyer.pdf").is_file()


@pytest.mark.parametrize("build", [".", "..", "content", "templates/out"])
def test_a_build_folder_over_the_projects_own_files_is_refused(
        sample: Path, cli: Callable[..., Result], build: str) -> None:
    settings(sample, f'[project]\nbuild = "{build}"\n')
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert f"[project] build = '{build}' would put outputs over the project's own files" \
        in result.output


def test_a_topic_linked_from_outside_the_project_is_refused(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    outside = tmp_path / "secret.yaml"
    shutil.copy(sample / "content" / "ketamine-and-addiction.yaml", outside)
    link = sample / "content" / "secret.yaml"
    link.symlink_to(outside)
    result = cli("-C", sample, "build")
    assert result.exit_code == 2
    assert f"{link}: leads outside the project (to {outside})" in result.output
    assert not (sample / "build").exists()


def test_a_topic_linked_inside_the_project_is_read(
        sample: Path, cli: Callable[..., Result]) -> None:
    shared = sample / "shared"
    shared.mkdir()
    content = sample / "content"
    (content / "ketamine-assisted-therapy.yaml").rename(shared / "therapy.yaml")
    (content / "ketamine-assisted-therapy.yaml").symlink_to(shared / "therapy.yaml")
    result = cli("-C", sample, "list")
    assert result.exit_code == 0, result.output
    assert "ketamine-assisted-therapy\teasy" in result.output


def test_a_topic_that_is_a_fifo_is_refused_without_waiting(
        sample: Path, cli: Callable[..., Result]) -> None:
    fifo = sample / "content" / "pipe.yaml"
    os.mkfifo(fifo)
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert f"{fifo}: is a named pipe (FIFO), not a file; give the path of an ordinary file" \
        in result.output


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_topic_linked_to_a_device_is_refused(sample: Path, cli: Callable[..., Result],
                                               device: str) -> None:
    link = sample / "content" / "zero.yaml"
    link.symlink_to(device)
    sample_root = sample.resolve()
    result = cli("-C", sample_root, "list")
    assert result.exit_code == 2
    assert f"{link}: leads outside the project (to {device})" in result.output


def test_a_device_inside_the_project_is_refused_as_not_a_file(
        sample: Path, cli: Callable[..., Result]) -> None:
    # a character device node made in the project stands for any special file met there
    node = sample / "content" / "dev.yaml"
    try:
        os.mknod(node, 0o600 | 0o020000, os.makedev(1, 5))  # /dev/zero's numbers
    except PermissionError:
        pytest.skip("making a device node needs root")
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert f"{node}: is a character device, not a file" in result.output


def test_a_huge_content_file_is_refused_before_it_is_read(
        sample: Path, cli: Callable[..., Result]) -> None:
    big = sample / "content" / "big.yaml"
    with big.open("wb") as handle:
        handle.truncate(6 * 1024**3)  # sparse: costs no disk
    result = cli("-C", sample, "list")
    assert result.exit_code == 2
    assert f"{big}: is 6,442,450,944 bytes, more than the 4,194,304 allowed; use a smaller " \
        "file" in result.output


# init --------------------------------------------------------------------------------------

def test_init_writes_nothing_through_a_link_out_of_the_new_project(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    target, elsewhere = tmp_path / "clinic", tmp_path / "elsewhere"
    target.mkdir()
    elsewhere.mkdir()
    (target / "content").symlink_to(elsewhere)
    result = cli("init", target)
    assert result.exit_code == 1
    assert f"not writing a new project: these folders lead outside it: {target / 'content'}" \
        in result.output
    assert list(elsewhere.iterdir()) == [] and not (target / "handouts.toml").exists()


def test_init_refuses_over_a_dangling_link(tmp_path: Path, cli: Callable[..., Result]) -> None:
    target = tmp_path / "clinic"
    target.mkdir()
    (target / "_brand.yml").symlink_to(tmp_path / "nowhere.yml")
    result = cli("init", target)
    assert result.exit_code == 1
    assert "these files already exist" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "nowhere.yml").exists()


# Found by a review: links and files where the build writes or reads its own -----------------

def test_a_clinic_folder_linked_out_of_the_build_folder_is_refused(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "_brand.yml").write_text("meta: {name: Hill Street Health}\n", encoding="utf-8")
    victim = tmp_path / "victim"
    victim.mkdir()
    (sample / "build").mkdir()
    (sample / "build" / "riverbend-community-health").symlink_to(victim)
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf",
                 "--no-thumbnails", "--brand", sample / "_brand.yml", "--brand",
                 other / "_brand.yml")
    assert result.exit_code == 2, result.output
    assert f"{sample / 'build' / 'riverbend-community-health'}: is where the build writes " \
        "this clinic's outputs, but holds a link or a file; remove it" in result.output
    assert list(victim.iterdir()) == []


@pytest.mark.parametrize("key", ["important/report.pdf", "notes/notes-mine.pdf"])
def test_pruning_deletes_only_the_bytes_the_build_wrote(
        sample: Path, cli: Callable[..., Result], key: str) -> None:
    flyer_only(sample)
    args = ("-C", sample, "build", "--no-thumbnails", "--length", "short", "--format", "pdf")
    assert cli(*args).exit_code == 0
    mine = sample / "build" / key
    mine.parent.mkdir()
    mine.write_bytes(b"%PDF-1.4 the clinic's own notes")
    manifest = sample / "build" / MANIFEST
    records = json.loads(manifest.read_text(encoding="utf-8"))
    import hashlib

    records[key] = ["x", len(mine.read_bytes()), hashlib.sha256(b"other bytes").hexdigest()]
    if key.startswith("important"):  # the right bytes, but not a name the build makes
        records[key][2] = hashlib.sha256(mine.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(records), encoding="utf-8")
    assert cli("-C", sample, "build", "--no-thumbnails").exit_code == 0
    assert mine.read_bytes() == b"%PDF-1.4 the clinic's own notes"


def test_a_build_folder_holding_the_projects_files_is_refused(
        sample: Path, cli: Callable[..., Result]) -> None:
    images = sample / "images"
    images.mkdir()
    shutil.copy(Path(__file__).parent.parent / "data" / "harbourside-logo.svg",
                images / "logo.svg")
    (images / "index.html").write_text("mine", encoding="utf-8")
    brand = (sample / "_brand.yml").read_text(encoding="utf-8")
    (sample / "_brand.yml").write_text(brand + "logo: images/logo.svg\n", encoding="utf-8")
    settings(sample, '[project]\nbuild = "images"\n')
    result = cli("-C", sample, "build")
    assert result.exit_code == 2, result.output
    assert f"handouts.toml:2:1: the build folder {images} holds files the project reads " \
        f"({images / 'logo.svg'}); name a folder of its own" in result.output
    assert (images / "index.html").read_text(encoding="utf-8") == "mine"


def test_a_build_folder_that_is_a_file_is_located(sample: Path,
                                                  cli: Callable[..., Result]) -> None:
    (sample / "notes.txt").write_text("mine", encoding="utf-8")
    settings(sample, '[project]\nbuild = "notes.txt"\n')
    result = cli("-C", sample, "build")
    assert result.exit_code == 2
    assert f"handouts.toml:2:1: the build folder {sample / 'notes.txt'} is a file; name a " \
        "folder for the outputs in [project] build" in result.output


def test_an_editors_hidden_lock_file_in_content_is_ignored(
        sample: Path, cli: Callable[..., Result]) -> None:
    (sample / "content" / ".#ketamine-and-addiction.yaml").symlink_to("root@host.1234:17")
    (sample / "content" / ".ketamine-and-addiction.yaml.swp").write_bytes(b"\x00\x01")
    result = cli("-C", sample, "list")
    assert result.exit_code == 0, result.output
