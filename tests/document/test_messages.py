"""Message catalogues: every label of the built-in templates and the writers translated in
each shipped language, a project's own .po over the package's, located errors for a label
no catalogue translates, and months in the language's own words."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from jinja2.ext import babel_extract

from handouts.build import project as build
from handouts.content.view import select
from handouts.document import jinja as templates
from handouts.document import messages
from handouts.document import model as layout
from handouts.errors import SettingsError, TemplateError
from handouts.writers.contract import WriterLabels
from tests.helpers import GOOD_ES, write_project

SHIPPED = ("en", "es")


def template_labels() -> set[str]:
    """Every label the built-in templates pass to _(), as Babel's extractor finds them."""
    found: set[str] = set()
    for path in sorted(templates.builtin_dir().glob("*.j2")):
        with path.open("rb") as f:
            for _line, _func, message, _comments in babel_extract(
                    f, ["_", "gettext", "ngettext"], [],
                    {"extensions": "jinja2.ext.i18n", "trim_blocks": "true",
                     "lstrip_blocks": "true"}):
                found.add(message[0] if isinstance(message, tuple) else message)
    return found


def spanish_project(root: Path, po: str | None = None, tag: str = "es-US") -> build.Project:
    write_project(root, GOOD_ES)
    (root / "handouts.toml").write_text(f'[project]\nlanguage = "{tag}"\n')
    if po is not None:
        folder = root / "locales" / tag / "LC_MESSAGES"
        folder.mkdir(parents=True)
        (folder / "handouts.po").write_text(po)
    return build.load_project(root)


def headings(doc: layout.Document) -> list[str]:
    def walk(blocks: tuple[layout.PanelBlock, ...]) -> list[str]:
        out = []
        for b in blocks:
            if isinstance(b, layout.Heading):
                out.append("".join(r.text for r in b.runs))
            elif isinstance(b, (layout.Callout, layout.Band)):
                out += walk(b.blocks)
            elif isinstance(b, layout.Fit):
                out += walk(b.full)
        return out
    return [h for part in doc.parts if isinstance(part, layout.Page)
            for panel in part.panels for h in walk(panel.blocks)]


def test_the_builtin_templates_send_their_labels_through_the_catalogue() -> None:
    labels = template_labels()
    assert {"Key points", "Scan for more", "Reviewed: %(month)s", "Thank you",
            "Presenter: [your name]", "Part %(number)s of %(count)s"} <= labels
    # No English text is left between the elements of a built-in template: every word
    # outside an expression or a comment is markup (this fails on a label written bare).
    for path in templates.builtin_dir().glob("*.j2"):
        source = re.sub(r"\{#.*?#\}|\{\{.*?\}\}|\{%.*?%\}", "", path.read_text(), flags=re.S)
        words = re.findall(r">\s*([A-Za-z][^<]*?)\s*<", source)
        assert not words, (path.name, words)


@pytest.mark.parametrize("tag", SHIPPED)
def test_every_label_is_translated_in_every_shipped_language(tag: str) -> None:
    catalogue = messages.load(tag, None)
    for label in sorted(template_labels() | set(messages.REQUIRED)):
        assert catalogue.label(label), (tag, label)


def test_the_english_catalogue_says_each_label_as_written() -> None:
    catalogue = messages.load("en-US", None)
    assert all(catalogue.messages[label] == label for label in catalogue.messages)
    assert catalogue.writer_labels() == WriterLabels()


def test_spanish_months_and_labels() -> None:
    es, en = messages.load("es-US", None), messages.load("en-US", None)
    assert es.month(dt.date(2026, 11, 30)) == "noviembre de 2026"
    assert en.month(dt.date(2026, 11, 30)) == "November 2026"
    assert es.label("Page %(number)s of %(count)s") % {"number": 2, "count": 5} == \
        "Página 2 de 5"


def test_a_spanish_project_renders_spanish_labels_and_dates(tmp_path: Path) -> None:
    p = spanish_project(tmp_path)
    booklet = next(j for j in build.plan(p, levels=["easy"]) if j.kind == "booklet")
    text = " ".join(r.text for r in layout.texts(build.render_layout(p, booklet)))
    assert "Lo más importante" in text and "Key points" not in text
    assert "Última revisión: enero de 2026. Próxima revisión: enero de 2099." in text
    view = select(booklet.topic, booklet.level, booklet.length, p.brand, catalogue=p.catalogue)
    assert view["brand"]["logo_alt"].startswith("Logotipo de ")


def test_a_project_catalogue_overrides_a_label_and_keeps_the_rest(tmp_path: Path) -> None:
    p = spanish_project(tmp_path, 'msgid "Key points"\nmsgstr "Ideas clave"\n')
    assert p.catalogue.sources[0] == tmp_path / "locales/es-US/LC_MESSAGES/handouts.po"
    doc = build.render_layout(p, build.plan(p, levels=["easy"], lengths=["short"])[0])
    assert "Ideas clave" in headings(doc)
    assert "Lo que usted puede hacer" in headings(doc)  # from the package's catalogue


def test_an_untranslated_or_fuzzy_project_label_is_not_taken(tmp_path: Path) -> None:
    p = spanish_project(tmp_path, 'msgid "Key points"\nmsgstr ""\n\n'
                                  '#, fuzzy\nmsgid "Remember"\nmsgstr "Remember"\n')
    assert p.catalogue.label("Key points") == "Lo más importante"
    assert p.catalogue.label("Remember") == "Recuerde"


def test_a_label_no_catalogue_has_is_an_error_at_the_template_line(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text(
        '{% extends "builtin/flyer.xml.j2" %}\n{% block right %}\n'
        '<h2>{{ _("Ask our nurses") }}</h2>{% endblock %}\n')
    p = spanish_project(tmp_path)
    with pytest.raises(TemplateError) as caught:
        build.render_layout(p, build.plan(p, levels=["easy"], lengths=["short"])[0])
    (problem,) = caught.value.problems
    assert problem.location.path.name == "flyer.xml.j2" and problem.location.line == 3
    assert "'Ask our nurses'" in problem.what and "es-US" in problem.what
    assert 'msgid "Ask our nurses"' in problem.todo


def test_a_language_of_its_own_must_translate_every_writer_label(tmp_path: Path) -> None:
    folder = tmp_path / "locales" / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    (folder / "handouts.po").write_text('msgid "Key points"\nmsgstr "Points clés"\n')
    with pytest.raises(SettingsError) as caught:
        messages.load("fr", tmp_path)
    missing = [p for p in caught.value.problems if "'Page %(number)s of %(count)s'" in p.what]
    assert missing and missing[0].location.path == folder / "handouts.po"
    assert "fr" in missing[0].what


def test_a_language_with_no_catalogue_is_named(tmp_path: Path) -> None:
    with pytest.raises(SettingsError, match="no message catalogue for the language 'de'"):
        messages.load("de", tmp_path)


@pytest.mark.parametrize("msgstr", ["Puntos %(cuantos)s", "100% claro", "%(x)999999999s"])
def test_a_translation_may_use_only_its_labels_placeholders(tmp_path: Path,
                                                           msgstr: str) -> None:
    po = f'\nmsgid "Key points"\nmsgstr "{msgstr}"\n'
    with pytest.raises(SettingsError) as caught:
        spanish_project(tmp_path, po)
    (problem,) = caught.value.problems
    assert problem.location.line == 2 and "'Key points'" in problem.what  # its msgid


def test_a_broken_catalogue_is_reported_at_its_file(tmp_path: Path) -> None:
    with pytest.raises(SettingsError) as caught:
        spanish_project(tmp_path, 'msgid "Key points"\nmsgstr "a\nmsgid\n')
    assert caught.value.problems[0].location.path.name == "handouts.po"


def test_a_translation_is_escaped_for_the_layout(tmp_path: Path) -> None:
    p = spanish_project(tmp_path, 'msgid "Key points"\nmsgstr "<b>Ideas</b> & más"\n')
    doc = build.render_layout(p, build.plan(p, levels=["easy"], lengths=["short"])[0])
    assert "<b>Ideas</b> & más" in headings(doc)


def test_a_trans_block_translates_as_underscore_does(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text(
        '{% extends "builtin/flyer.xml.j2" %}\n{% block right %}\n'
        "<h2>{% trans %}Key points{% endtrans %}</h2>{% endblock %}\n")
    p = spanish_project(tmp_path)
    doc = build.render_layout(p, build.plan(p, levels=["easy"], lengths=["short"])[0])
    assert headings(doc).count("Lo más importante") == 2
