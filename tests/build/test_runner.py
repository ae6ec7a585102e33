"""Running builds: parallel workers, shards, the build-folder lock, unwritable folders,
and outputs of removed topics."""

from __future__ import annotations

import fcntl
import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

ARGS = ("--no-thumbnails",)


def outputs(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes()
            for p in sorted((root / "build").rglob("*")) if p.suffix in (".pdf", ".pptx")}


def test_parallel_build_gives_the_same_files(sample: Path, tmp_path: Path,
                                             cli: Callable[..., Result]) -> None:
    other = tmp_path / "other"
    shutil.copytree(sample, other)
    assert cli("-C", sample, "build", "-j", "1", *ARGS).exit_code == 0
    result = cli("-C", other, "build", "-j", "2", *ARGS)
    assert result.exit_code == 0, result.output
    assert "built 60" in result.output  # with the talks printed
    assert outputs(sample) == outputs(other)


def test_shards_split_the_matrix_with_nothing_twice(sample: Path,
                                                    cli: Callable[..., Result]) -> None:
    seen: list[str] = []
    for k in (1, 2, 3):
        before = set(outputs(sample))
        result = cli("-C", sample, "build", "--shard", f"{k}/3", *ARGS)
        assert result.exit_code == 0, result.output
        new = set(outputs(sample)) - before
        assert len(new) == 20
        seen.extend(new)
    assert len(seen) == len(set(seen)) == 60
    assert cli("-C", sample, "build", "--shard", "4/3").exit_code == 2


def test_a_second_build_at_once_is_refused(sample: Path, cli: Callable[..., Result]) -> None:
    (sample / "build").mkdir()
    with (sample / "build" / ".handouts.lock").open("a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        result = cli("-C", sample, "build", "--length", "short", *ARGS)
    assert result.exit_code == 1
    assert "another make-handouts build is writing to" in result.output
    assert not outputs(sample)


def test_an_unwritable_build_folder_is_a_clear_error(sample: Path,
                                                     cli: Callable[..., Result]) -> None:
    settings = sample / "handouts.toml"
    # /sys refuses new folders even to root, so this holds wherever the tests run.
    settings.write_text(settings.read_text().replace('build = "build"',
                                                     'build = "/sys/handouts-test/build"'))
    result = cli("-C", sample, "build", "--length", "short", *ARGS)
    assert result.exit_code == 1
    assert "cannot write to /sys/handouts-test/build" in result.output
    assert "check that the build folder is writable" in result.output
    assert "Traceback" not in result.output


def test_a_full_disk_is_a_clear_error(sample: Path, cli: Callable[..., Result],
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    import errno

    from handouts.build import workers

    def full(path: Path, data: bytes) -> None:
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(workers, "stage", full)
    result = cli("-C", sample, "build", "--length", "short", *ARGS)
    assert result.exit_code == 1
    assert "No space left on device; check that the build folder is writable and the disk " \
        "has space" in result.output


def test_outputs_of_a_removed_topic_are_removed(sample: Path,
                                                cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, "build", "--format", "pdf", *ARGS).exit_code == 0
    (sample / "content/ketamine-assisted-therapy.yaml").unlink()
    assert cli("-C", sample, "build", "--format", "pdf", *ARGS).exit_code == 0
    assert (sample / "build/ketamine-assisted-therapy").exists()  # a subset never prunes
    assert cli("-C", sample, "build", *ARGS).exit_code == 0
    assert not (sample / "build/ketamine-assisted-therapy").exists()
    assert (sample / "build/ketamine-and-addiction").exists()
