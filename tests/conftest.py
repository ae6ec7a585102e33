"""Shared fixtures: tool checks, a copy of the sample project, a test clinic brand."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handouts.cli import main
from tests.helpers import ROOT, copy_content, make_test_clinic


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the repository's sample project."""
    dest = tmp_path / "sample"
    dest.mkdir()
    for name in ("handouts.toml", "_brand.yml"):
        shutil.copy(ROOT / name, dest / name)
    copy_content(dest)
    return dest


@pytest.fixture
def cli() -> Callable[..., Result]:
    """Run make-handouts with arguments; returns click's Result."""
    runner = CliRunner()

    def invoke(*args: str | Path) -> Result:
        return runner.invoke(main, [str(a) for a in args], catch_exceptions=False)

    return invoke


@pytest.fixture(scope="session")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The sample built once with each brand: {'sample': root, 'test-clinic': root}."""
    roots = {}
    for name in ("sample", "test-clinic"):
        dest = tmp_path_factory.mktemp(name)
        for f in ("handouts.toml", "_brand.yml"):
            shutil.copy(ROOT / f, dest / f)
        copy_content(dest, translations=True)
        if name == "test-clinic":
            make_test_clinic(dest)
        result = CliRunner().invoke(main, ["-C", str(dest)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        roots[name] = dest
    return roots
