"""A net for the next kind of defect: whole projects drawn at random (tests/safety/
strategies.py) are loaded and built end to end. Every one gives outputs or located errors,
never a traceback, and nothing is written outside the project's build folder.

The runs are derandomized, so CI sees the same examples each time. To look for new bugs
with fresh examples, set HANDOUTS_FUZZ_EXAMPLES (for example 300).
"""

from __future__ import annotations

import contextlib
import os
import re
import tempfile
import zipfile
from pathlib import Path

from click.testing import CliRunner, Result
from hypothesis import HealthCheck, given, note, settings
from hypothesis import strategies as st

from handouts.cli import main

from .strategies import Project, projects

EXPLORE = int(os.environ.get("HANDOUTS_FUZZ_EXAMPLES", "0"))
"""Examples per property when exploring (0: the small fixed run of the normal suite)."""


def fuzz_settings(examples: int) -> settings:
    """`examples` derandomized examples, or HANDOUTS_FUZZ_EXAMPLES fresh ones."""
    return settings(max_examples=EXPLORE or examples, derandomize=not EXPLORE, deadline=None,
                    database=None, print_blob=True,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example])


LOCATED = re.compile(r"(?P<path>/[^:\n]+):(?P<line>\d+)(?::\d+)?: \S")
"""A located problem as the CLI prints it: absolute path, line, optional column, what."""

WHOLE_FILE = re.compile(r"(?P<path>/[^:\n]+): (the file name '|the brand file does not exist)")
"""A problem with a file as a whole, which has no line to name."""

Listing = dict[str, tuple[str, int, int]]


def listing(top: Path, skip: Path) -> Listing:
    """Every entry under `top` except those under `skip`: relative path -> (kind, size,
    modification time in ns)."""
    found: Listing = {}
    for folder, dirs, files in os.walk(top):
        here = Path(folder)
        dirs[:] = [d for d in dirs if here / d != skip]
        for name in [*dirs, *files]:
            path = here / name
            info = path.lstat()
            kind = "dir" if path.is_dir() and not path.is_symlink() else "file"
            found[str(path.relative_to(top))] = (kind, 0 if kind == "dir" else info.st_size,
                                                 0 if kind == "dir" else info.st_mtime_ns)
    return found


def lay_out(top: Path, project: Project) -> Path:
    """The project written to `top`/project, beside a sentinel folder of a few files; the
    project's folder."""
    root = top / "project"
    root.mkdir()
    project.write(root)
    sentinel = top / "sentinel"
    (sentinel / "inner").mkdir(parents=True)
    (sentinel / "notes.txt").write_text("leave me alone\n", encoding="utf-8")
    (sentinel / "inner" / "outside.png").write_bytes(b"\x89PNG not really")
    (top / "outside.png").write_bytes(b"sentinel")
    (top / "cwd").mkdir()
    return root


def build_folder(root: Path, project: Project) -> Path:
    """Where the build may write: the build folder handouts.toml names, when it is a
    plain name inside the project, else the default."""
    name = project.build
    plain = name and "/" not in name and name not in (".", "..")
    return root / (name if plain else "build")


def invoke(top: Path, *args: str) -> Result:
    """Run the CLI in-process with `top`/cwd as the working folder, so that a write to a
    relative path lands where the listing sees it; an escaped exception is kept in the
    result, not raised."""
    with contextlib.chdir(top / "cwd"):
        return CliRunner().invoke(main, list(args), catch_exceptions=True)


def no_crash(result: Result) -> None:
    """Exit 0, 1 or 2, no traceback, no exception other than the exit."""
    assert result.exception is None or isinstance(result.exception, SystemExit), (
        f"{type(result.exception).__name__}: {result.exception}\n{result.output}")
    assert result.exit_code in (0, 1, 2), result.output
    assert "Traceback" not in result.output, result.output


def located(result: Result, root: Path) -> None:
    """On exit 2, every problem after 'Error:' is located in a file inside the project."""
    if result.exit_code != 2:
        return
    assert "Error: " in result.output, result.output
    block = result.output[result.output.index("Error: ") + len("Error: "):]
    lines = [line for line in block.splitlines() if line.strip()]
    if re.fullmatch(r"\d+ problems in the input:", lines[0]):
        lines = lines[1:]
    for line in lines:
        match = LOCATED.match(line) or WHOLE_FILE.match(line)
        assert match, f"not located: {line!r}\n{result.output}"
        assert Path(match["path"]).is_relative_to(root), line


def outputs_whole(top: Path, root: Path, fmt: str | None, length: str | None) -> None:
    """Every output `make-handouts list` names (in the subset built) exists and is whole."""
    args = ["-C", str(root), "list"] + (["--length", length] if length else [])
    listed = invoke(top, *args)
    assert listed.exit_code == 0, listed.output
    for row in listed.output.splitlines():
        if "\t" not in row:
            continue
        kind, path = row.split("\t")[3:5]
        if fmt and kind != fmt:
            continue
        data = Path(path).read_bytes()
        if path.endswith(".pdf"):  # a printed handout, or a talk's handout or notes
            assert data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF"), path
        else:
            with zipfile.ZipFile(path) as deck:
                assert deck.testzip() is None, path
                assert "ppt/presentation.xml" in deck.namelist(), path


@given(project=projects(), fmt=st.sampled_from((None, "pdf", "pptx")),
       length=st.sampled_from((None, None, "short", "standard")))
@fuzz_settings(20)
def test_a_drawn_project_builds_or_says_where_it_is_wrong(project: Project, fmt: str | None,
                                                          length: str | None) -> None:
    note(project.describe())
    length = length if length in project.lengths else None  # a length the settings have
    with tempfile.TemporaryDirectory() as temp:
        top = Path(temp)
        root = lay_out(top, project)
        build = build_folder(root, project)
        before = listing(top, skip=build)
        args = ["-C", str(root), "build", "-j", "1", "--no-thumbnails"]
        args += ["--format", fmt] if fmt else []
        args += ["--length", length] if length else []
        result = invoke(top, *args)
        note(result.output)
        no_crash(result)
        located(result, root)
        after = listing(top, skip=build)
        assert after == before, {k: (before.get(k), after.get(k))
                                 for k in before.keys() ^ after.keys()
                                 | {k for k in before if before[k] != after.get(k)}}
        if result.exit_code == 0:
            outputs_whole(top, root, fmt, length)
        if result.exit_code == 2:
            assert not build.exists() or not any(build.rglob("*.pdf")), (
                "nothing is written on bad input")


@given(project=projects(), command=st.sampled_from(("list", "check")))
@fuzz_settings(40)
def test_a_drawn_project_loads_or_says_where_it_is_wrong(project: Project,
                                                         command: str) -> None:
    note(project.describe())
    with tempfile.TemporaryDirectory() as temp:
        top = Path(temp)
        root = lay_out(top, project)
        before = listing(top, skip=top / "no-such-folder")
        result = invoke(top, "-C", str(root), command)
        note(result.output)
        no_crash(result)
        located(result, root)
        assert listing(top, skip=top / "no-such-folder") == before, "load-only wrote a file"
