"""The package as a wheel installs it: every data file the code reads (built-in templates,
fonts, the starter project, the jargon list) is in the wheel, and a project is made,
built and checked from the unpacked wheel alone, not from the source tree (which an
editable install would read, so a file left out of the wheel would go unnoticed)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.helpers import ROOT


def wheel(dest: Path) -> Path:
    """A wheel of the package, built by its build backend (hatchling) into `dest`."""
    try:
        import hatchling  # noqa: F401
    except ImportError:
        message = "hatchling is not installed (pip install -e '.[test]')"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    done = subprocess.run([sys.executable, "-m", "hatchling", "build", "-t", "wheel", "-d",
                           str(dest)], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    return next(dest.glob("*.whl"))


def data_files() -> set[str]:
    """The package's files other than Python source, as paths inside a wheel."""
    return {p.relative_to(ROOT).as_posix() for p in (ROOT / "handouts").rglob("*")
            if p.is_file() and p.suffix not in (".py", ".pyc") and "__pycache__" not in p.parts}


def test_the_wheel_holds_the_data_and_builds_a_project_on_its_own(tmp_path: Path) -> None:
    made = wheel(tmp_path / "dist")
    with zipfile.ZipFile(made) as z:
        names = set(z.namelist())
        z.extractall(tmp_path / "site")
    wanted = data_files()
    assert {"handouts/document/templates/flyer.xml.j2", "handouts/fonts/NotoSans-Regular.ttf",
            "handouts/scaffold/handouts.toml", "handouts/check/jargon.csv",
            "handouts/check/everyday.csv", "handouts/check/sources.csv",
            "handouts/icons/index.json", "handouts/icons/LICENSE",
            "handouts/icons/svg/heart.svg"} <= wanted
    assert wanted <= names, f"left out of the wheel: {sorted(wanted - names)}"

    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}

    def run(*args: str) -> str:
        done = subprocess.run([sys.executable, *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stdout + done.stderr
        return done.stdout

    where = run("-c", "import handouts; print(handouts.__file__)")
    assert Path(where.strip()).is_relative_to(tmp_path / "site")
    run("-m", "handouts", "init", "clinic")
    out = run("-m", "handouts", "-C", "clinic", "build", "--level", "standard", "--length",
              "short", "--no-thumbnails", "-j", "1")
    assert "built 2, unchanged 0, failed 0" in out
    built = sorted(p.name for p in (tmp_path / "clinic" / "build").rglob("*.p*"))
    assert [n.rsplit(".", 1)[1] for n in built] == ["pdf", "pptx"]
    assert "Flesch-Kincaid" in run("-m", "handouts", "-C", "clinic", "check")
    assert "heart\ta heart" in run("-m", "handouts", "icons").splitlines()
    run("-m", "handouts", "-C", "clinic", "icons", "--sheet")
    assert (tmp_path / "clinic" / "build" / "icons.pdf").stat().st_size > 10_000
