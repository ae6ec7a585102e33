"""Templates: lookup order, extending a built-in, located errors, sandbox and escaping."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build import project as build
from handouts.content import markdown as markup
from handouts.document import jinja as templates
from handouts.document import model as layout
from handouts.errors import TemplateError
from tests.helpers import GOOD, write_project


def project(root: Path) -> build.Project:
    write_project(root, GOOD)
    return build.load_project(root)


def flyer_job(p: build.Project) -> build.Job:
    return build.plan(p, levels=["easy"], lengths=["short"])[0]


def test_project_template_overrides_and_extends_the_builtin(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text(
        '{% extends "builtin/flyer.xml.j2" %}\n'
        "{% block right %}<h2>Ask our nurses</h2>{{ super() }}{% endblock %}\n")
    p = project(tmp_path)
    doc = build.render_layout(p, flyer_job(p))
    panel = doc.parts[0].panels[1]  # type: ignore[union-attr]
    first = panel.blocks[0]
    assert isinstance(first, layout.Heading)
    assert first.runs[0].text == "Ask our nurses"
    assert any(isinstance(b, layout.Heading) and b.runs[0].text == "What you can do"
               for b in panel.blocks)


def test_template_error_names_file_and_line(tmp_path: Path, cli: Callable[..., Result]) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text(
        "<document layout='flyer'>\n<page><panel>\n<p>{{ topic.nonexistent }}</p>\n"
        "</panel></page></document>\n")
    write_project(tmp_path, GOOD)
    result = cli("-C", tmp_path, "build", "--length", "short")
    assert result.exit_code == 2
    assert "templates/flyer.xml.j2:3: template uses an undefined name" in result.output
    assert "nonexistent" in result.output
    assert not (tmp_path / "build").exists()


def test_template_syntax_error_is_located(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text("<document>\n{% if %}\n")
    p = project(tmp_path)
    with pytest.raises(TemplateError, match=r"flyer.xml.j2:2: template syntax error"):
        build.render_layout(p, flyer_job(p))


def test_invalid_layout_document_is_reported(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text(
        "<document layout='flyer'>\n<page><panel><blink/></panel></page></document>\n")
    p = project(tmp_path)
    with pytest.raises(TemplateError, match=r"line 2 of its output\): unknown element <blink>"):
        build.render_layout(p, flyer_job(p))


def test_sandbox_refuses_python_internals(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text(
        "{{ topic.__class__.__mro__[1].__subclasses__() }}")
    p = project(tmp_path)
    with pytest.raises(TemplateError, match=r"unsafe|not safely|access"):
        build.render_layout(p, flyer_job(p))


def test_missing_template_names_every_place_searched(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    env = templates.environment(tmp_path / "templates")
    with pytest.raises(TemplateError) as err:
        templates.render(env, "poster.xml.j2", {})
    message = str(err.value)
    assert "template not found" in message
    assert str(tmp_path / "templates") in message
    assert str(templates.builtin_dir()) in message


def test_content_cannot_inject_layout_markup(tmp_path: Path) -> None:
    text = GOOD.replace("  easy: Clean hands stop germs.",
                        "  easy: \"Clean </p><qr href=x/><p> & <b>germs</b>\"")
    write_project(tmp_path, text)
    p = build.load_project(tmp_path)
    doc = build.render_layout(p, flyer_job(p))
    column = doc.parts[0].panels[0].blocks  # type: ignore[union-attr]
    lead = next(b for b in column if isinstance(b, layout.Paragraph) and b.style == "lead")
    assert "".join(r.text for r in lead.runs) == "Clean </p><qr href=x/><p> & <b>germs</b>"


def test_markdown_subset() -> None:
    xml = markup.blocks("Some **bold** and *it* [link](https://a.org).\n\n- one\n- two\n\n"
                        "# not a heading <script>")
    assert xml == ('<p>Some <b>bold</b> and <i>it</i> <a href="https://a.org">link</a>.</p>'
                   "<ul><li><p>one</p></li><li><p>two</p></li></ul>"
                   "<p># not a heading &lt;script&gt;</p>")
    assert markup.inline('He said "hi" -- twice') == "He said \u201chi\u201d \u2013 twice"


def test_a_template_that_runs_forever_is_stopped(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "slow.xml.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}")
    env = templates.environment(tmp_path / "templates")
    with pytest.raises(TemplateError, match=r"templates/slow.xml.j2:1: the template ran for "
                                            r"more than 0.5 s and was stopped"):
        templates.render(env, "slow.xml.j2", {}, time_limit=0.5)


@pytest.mark.parametrize("body", ["{{ 'x' * 100000000 }}", "{{ 10 ** 100000 }}",
                                  "{% for i in range(90000) %}{{ 'y' * 1000 }}{% endfor %}"])
def test_a_template_that_builds_a_huge_value_is_stopped(tmp_path: Path, body: str) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "big.xml.j2").write_text(body)
    env = templates.environment(tmp_path / "templates")
    with pytest.raises(TemplateError, match=r"more than|power above"):
        templates.render(env, "big.xml.j2", {}, size_limit=10_000_000)


def test_includes_cannot_leave_the_template_folders(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("secret")
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "sneaky.xml.j2").write_text('{% include "../secret.txt" %}')
    env = templates.environment(tmp_path / "templates")
    with pytest.raises(TemplateError, match="template not found"):
        templates.render(env, "sneaky.xml.j2", {})
