"""Shared fixtures: tool checks, a copy of the sample project, a test clinic brand."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from handouts.cli import main

ROOT = Path(__file__).resolve().parent.parent

DATA = Path(__file__).resolve().parent / "data"

TEST_CLINIC_BRAND = """\
meta:
  name: {full: Harbourside Test Clinic, short: Harbourside}
  link: https://harbourside.example.org
logo:
  medium: brand/harbourside-logo.svg
color:
  primary: "#7A1F3D"
  secondary: "#F6E9EE"
typography:
  fonts:
    - family: Liberation Serif
      source: file
      files:
        - {path: brand/LiberationSerif-Regular.ttf, weight: 400}
        - {path: brand/LiberationSerif-Bold.ttf, weight: 700}
  base: {family: Liberation Serif}
  headings: {family: Liberation Serif, weight: 700}
defaults:
  handouts:
    phone: 020 7946 0000
    paper: a4
    slide_size: "4:3"
"""


def make_test_clinic(dest: Path) -> None:
    """Write the test clinic's brand and its files (font, SVG logo) into a project."""
    (dest / "brand").mkdir(exist_ok=True)
    for name in ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"):
        shutil.copy(DATA / "fonts" / name, dest / "brand" / name)
    shutil.copy(DATA / "harbourside-logo.svg", dest / "brand" / "harbourside-logo.svg")
    (dest / "_brand.yml").write_text(TEST_CLINIC_BRAND, encoding="utf-8")


def need(tool: str) -> str:
    """The path of a command-line tool; skips the test without it (fails in CI)."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install poppler-utils qpdf)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return path


def run_tool(*args: str | Path) -> str:
    """Run a tool and return its standard output; fails the test on a non-zero exit."""
    done = subprocess.run([need(str(args[0])), *map(str, args[1:])], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A fresh copy of the repository's sample project."""
    dest = tmp_path / "sample"
    dest.mkdir()
    for name in ("handouts.toml", "_brand.yml"):
        shutil.copy(ROOT / name, dest / name)
    shutil.copytree(ROOT / "content", dest / "content")
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
        shutil.copytree(ROOT / "content", dest / "content")
        if name == "test-clinic":
            make_test_clinic(dest)
        result = CliRunner().invoke(main, ["-C", str(dest)], catch_exceptions=False)
        assert result.exit_code == 0, result.output
        roots[name] = dest
    return roots
