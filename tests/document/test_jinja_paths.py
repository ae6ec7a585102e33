"""Templates are read by their real path, only inside the project (or the package, for the
built-ins), and only as regular UTF-8 files within the size limit."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.document import jinja as templates
from handouts.errors import TemplateError
from tests.helpers import GOOD, write_project

FLYER = '<document layout="flyer"><page><panel><p>{% include "part.xml.j2" %}</p></panel>' \
        "</page></document>\n"


def project_with(tmp_path: Path) -> Path:
    root = tmp_path / "clinic"
    write_project(root, GOOD)
    (root / "templates").mkdir()
    (root / "templates" / "flyer.xml.j2").write_text(FLYER, encoding="utf-8")
    return root


def build_fails(cli: Callable[..., Result], root: Path, expected: str) -> str:
    result = cli("-C", root, "build", "--length", "short", "--format", "pdf")
    assert result.exit_code == 2, result.output
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert not (root / "build").exists()
    return result.output


def test_an_included_link_out_of_the_project_is_refused(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("PATIENT-LIST-SECRET", encoding="utf-8")
    root = project_with(tmp_path)
    (root / "templates" / "part.xml.j2").symlink_to(secret)
    output = build_fails(cli, root, f"Error: {root / 'templates' / 'part.xml.j2'}: template "
                                    f"leads outside the project (to {secret}); keep the file "
                                    f"inside {root}, as a file rather than a link out")
    assert "PATIENT-LIST-SECRET" not in output


def test_a_link_to_etc_passwd_is_refused(tmp_path: Path, cli: Callable[..., Result]) -> None:
    if not Path("/etc/passwd").is_file():
        pytest.skip("no /etc/passwd here")
    root = project_with(tmp_path)
    (root / "templates" / "part.xml.j2").symlink_to("/etc/passwd")
    output = build_fails(cli, root, "part.xml.j2: template leads outside the project")
    assert "root:" not in output


def test_a_refused_override_does_not_fall_back_to_the_builtin(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "elsewhere.xml.j2").write_text(FLYER, encoding="utf-8")
    root = project_with(tmp_path)
    (root / "templates" / "flyer.xml.j2").unlink()
    (root / "templates" / "flyer.xml.j2").symlink_to(tmp_path / "elsewhere.xml.j2")
    build_fails(cli, root, "flyer.xml.j2: template leads outside the project")


def test_a_link_that_stays_in_the_project_works(tmp_path: Path) -> None:
    root = tmp_path / "clinic"
    (root / "shared-templates").mkdir(parents=True)
    (root / "shared-templates" / "flyer.xml.j2").write_text("Hello {{ who }}", encoding="utf-8")
    (root / "templates").mkdir()
    (root / "templates" / "flyer.xml.j2").symlink_to(Path("..", "shared-templates",
                                                           "flyer.xml.j2"))
    for env in (templates.environment(root / "templates"),
                templates.environment(root / "templates", root=root)):
        assert templates.render(env, "flyer.xml.j2", {"who": "you"}) == "Hello you"


def test_the_root_given_bounds_the_links(tmp_path: Path) -> None:
    (tmp_path / "outer.xml.j2").write_text("outer", encoding="utf-8")
    root = tmp_path / "clinic"
    (root / "templates").mkdir(parents=True)
    (root / "templates" / "flyer.xml.j2").symlink_to(tmp_path / "outer.xml.j2")
    assert templates.render(templates.environment(root / "templates", root=tmp_path),
                            "flyer.xml.j2", {}) == "outer"
    with pytest.raises(TemplateError, match="template leads outside the project"):
        templates.render(templates.environment(root / "templates", root=root),
                         "flyer.xml.j2", {})


def test_a_template_that_is_a_fifo_is_refused(tmp_path: Path,
                                              cli: Callable[..., Result]) -> None:
    root = project_with(tmp_path)
    os.mkfifo(root / "templates" / "part.xml.j2")
    build_fails(cli, root, f"Error: {root / 'templates' / 'part.xml.j2'}: template is a named "
                           "pipe (FIFO), not a file; give the path of an ordinary file")


def test_a_fifo_override_does_not_fall_back_to_the_builtin(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = project_with(tmp_path)
    (root / "templates" / "flyer.xml.j2").unlink()
    os.mkfifo(root / "templates" / "flyer.xml.j2")
    build_fails(cli, root, "flyer.xml.j2: template is a named pipe (FIFO), not a file")


def test_a_device_is_refused(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = project_with(tmp_path)
    (root / "templates" / "devices").symlink_to("/dev")
    (root / "templates" / "flyer.xml.j2").write_text('{% include "devices/zero" %}')
    build_fails(cli, root, "devices/zero: template leads outside the project")


def test_a_huge_template_is_refused(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = project_with(tmp_path)
    with (root / "templates" / "part.xml.j2").open("w", encoding="utf-8") as handle:
        handle.write("{# " + "x" * (2 * 1024 * 1024) + " #}")
    build_fails(cli, root, "part.xml.j2: template is 2,097,158 bytes, more than the 1,048,576 "
                           "allowed; use a smaller file")


def test_a_template_that_is_not_utf8_is_refused(tmp_path: Path,
                                                cli: Callable[..., Result]) -> None:
    root = project_with(tmp_path)
    (root / "templates" / "part.xml.j2").write_bytes(b"caf\xe9")
    build_fails(cli, root, f"Error: {root / 'templates' / 'part.xml.j2'}: template is not "
                           "UTF-8 text (byte 4 is not); save the template as UTF-8")


def test_an_edited_template_is_read_again(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    path = tmp_path / "templates" / "t.xml.j2"
    path.write_text("one", encoding="utf-8")
    env = templates.environment(tmp_path / "templates")
    assert templates.render(env, "t.xml.j2", {}) == "one"
    path.write_text("two", encoding="utf-8")
    os.utime(path, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns + 1_000_000_000))
    assert templates.render(env, "t.xml.j2", {}) == "two"
