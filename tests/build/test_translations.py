"""Building translations: a topic's translation makes its own outputs, named with its tag,
tagged with its language, labelled from its language's catalogue, with the brand's texts
in that language; `--lang` builds or lists a subset; `check` measures each language with
its own formulas and says when a translation may be out of date."""

from __future__ import annotations

import json
import re
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from tests.content.test_translations import ES
from tests.helpers import GOOD, run_tool, write_project

REVIEW = ("review: {written_by: Team, reviewed_by: Dr Lee, reviewed_on: %s, "
          "next_review: 2099-01-01}\n")


def two_languages(root: Path, brand: str = "") -> Path:
    write_project(root, GOOD)
    write_project(root, ES, "hands.es.yaml")
    if brand:
        (root / "_brand.yml").write_text(brand, encoding="utf-8")
    return root


def languages_in(path: Path) -> set[str]:
    """The language tags a PDF's catalogue or a deck's runs carry."""
    if path.suffix == ".pdf":
        data = path.read_bytes()
    else:
        with zipfile.ZipFile(path) as deck:
            data = b"".join(deck.read(n) for n in deck.namelist()
                            if n.startswith("ppt/slides/slide"))
    return {a.decode() or b.decode()
            for a, b in re.findall(rb'/Lang \(([\w-]+)\)|lang="([\w-]+)"', data)}


def test_a_translation_is_built_beside_its_source_named_and_tagged_with_its_language(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = two_languages(tmp_path, BRAND % "{en: Mon to Fri 9 to 5, es: lunes a viernes de 9 a 5}")
    result = cli("-C", root, "build", "--length", "short", "--level", "easy")
    assert result.exit_code == 0, result.output
    folder = root / "build" / "hands"
    assert sorted(p.name for p in folder.iterdir()) == [
        "hands-easy-flyer.pdf", "hands-easy-talk-5min.pptx",
        "hands-es-easy-flyer.pdf", "hands-es-easy-talk-5min.pptx"]
    assert languages_in(folder / "hands-easy-flyer.pdf") == {"en-US"}
    assert languages_in(folder / "hands-es-easy-flyer.pdf") == {"es-US"}
    assert languages_in(folder / "hands-es-easy-talk-5min.pptx") == {"es-US"}
    spanish = run_tool("pdftotext", folder / "hands-es-easy-flyer.pdf", "-")
    assert "Las manos limpias frenan los gérmenes." in spanish
    assert "Más información" in spanish and "Scan for more" not in spanish


def test_adding_a_translation_leaves_the_other_outputs_up_to_date(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD)
    assert cli("-C", tmp_path, "build", "--length", "short").exit_code == 0
    write_project(tmp_path, ES, "hands.es.yaml")
    result = cli("-C", tmp_path, "build", "--length", "short")
    assert result.exit_code == 0, result.output
    assert "built 6, unchanged 6" in result.output


def test_lang_builds_and_lists_one_language(tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = two_languages(tmp_path)
    listed = cli("-C", root, "list", "--lang", "es", "--length", "short", "--level", "easy")
    assert listed.exit_code == 0, listed.output
    rows = [line.split("\t") for line in listed.output.splitlines()]
    assert [(row[:4], Path(row[4]).name, row[5]) for row in rows] == [
        (["hands", "easy", "short", "pdf"], "hands-es-easy-flyer.pdf", "es-US"),
        (["hands", "easy", "short", "pptx"], "hands-es-easy-talk-5min.pptx", "es-US")]
    result = cli("-C", root, "build", "--lang", "es-US", "--length", "short", "--format", "pdf")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (root / "build" / "hands").iterdir()) == [
        "hands-es-clinical-flyer.pdf", "hands-es-easy-flyer.pdf",
        "hands-es-standard-flyer.pdf"]
    wrong = cli("-C", root, "build", "--lang", "fr")
    assert wrong.exit_code == 2
    assert "there is no language 'fr'" in wrong.output


BRAND = """\
meta: {name: Harbourside Clinic}
defaults:
  handouts:
    hours: %s
    qr_url:
      en: https://harbourside.example.org/learn
      es: https://harbourside.example.org/aprenda
"""


def test_brand_texts_given_per_language_are_shown_in_each_language(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = two_languages(tmp_path, BRAND % "{en: Mon to Fri 9 to 5, es: lunes a viernes de 9 a 5}")
    result = cli("-C", root, "build", "--length", "standard", "--level", "easy",
                 "--format", "pdf")
    assert result.exit_code == 0, result.output
    english = " ".join(run_tool("pdftotext", root / "build/hands/hands-easy-brochure.pdf",
                                "-").split())
    spanish = " ".join(run_tool("pdftotext", root / "build/hands/hands-es-easy-brochure.pdf",
                                "-").split())
    assert "Mon to Fri 9 to 5" in english and "lunes a viernes de 9 a 5" in spanish
    assert "lunes" not in english and "Mon to Fri" not in spanish
    for name, url in (("hands-easy-brochure.pdf", b"harbourside.example.org/learn"),
                      ("hands-es-easy-brochure.pdf", b"harbourside.example.org/aprenda")):
        data = (root / "build/hands" / name).read_bytes()
        assert url in data  # the QR code's link
        assert (b"/learn" in data) != (b"/aprenda" in data)
    # the brand gives no disclaimer: each handout has the catalogue's, in its language
    assert "It does not replace advice from your own health care provider." in english
    assert "No reemplaza los consejos de su propio médico" in spanish


@pytest.mark.parametrize(("hours", "expected"), [
    ("Mon to Fri 9 to 5", "_brand.yml:4:5: defaults.handouts.hours is given in one language; "
     "the es-US handouts need it in theirs; write it per language, e.g. hours: {en: ..., "
     "es: ...}"),
    ("{en: Mon to Fri 9 to 5}", "_brand.yml:4:12: defaults.handouts.hours has no es-US text, "
     "which the es-US handouts need; add es: with the text in that language"),
    ("{en: Mon to Fri, english: x}", "_brand.yml:4:29: defaults.handouts.hours: 'english' is "
     "not a language tag"),
])
def test_a_brand_text_the_translation_would_lack_is_located(
        tmp_path: Path, cli: Callable[..., Result], hours: str, expected: str) -> None:
    root = two_languages(tmp_path, BRAND % hours)
    result = cli("-C", root, "build")
    assert result.exit_code == 2
    assert expected in result.output, result.output
    assert "Traceback" not in result.output
    assert not (root / "build").exists()


def test_check_measures_each_language_and_warns_of_an_older_translation(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD + REVIEW % "2026-05-01")
    write_project(tmp_path, ES.replace("reviewed_on: 2026-01-10", "reviewed_on: 2026-02-01"),
                  "hands.es.yaml")
    result = cli("-C", tmp_path, "check")
    assert "Flesch-Kincaid grade" in result.output
    assert "Szigriszt-Pazos" in result.output and "INFLESZ" in result.output
    assert re.search(r"hands\.es\.yaml:\d+:\d+: hands\.es: the translation may be out of "
                     r"date: hands\.yaml was reviewed on 2026-05-01, after this translation "
                     r"\(2026-02-01\) \[translation\]", result.output), result.output
    data = json.loads(cli("-C", tmp_path, "check", "--json").output)
    assert {g["topic"] for g in data["grades"]} == {"hands", "hands.es"}
    fresh = cli("-C", tmp_path, "check")
    assert fresh.exit_code == 0
    write_project(tmp_path, ES.replace("reviewed_on: 2026-01-10", "reviewed_on: 2026-06-01"),
                  "hands.es.yaml")
    assert "out of date" not in cli("-C", tmp_path, "check").output


def test_init_lang_es_writes_a_spanish_project_that_passes_its_checks_and_builds(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    target = tmp_path / "clinica"
    result = cli("init", target, "--lang", "es-US")
    assert result.exit_code == 0, result.output
    assert re.search(r'(?m)^language = "es-US"', (target / "handouts.toml").read_text())
    assert sorted(p.name for p in (target / "content").iterdir()) == ["beber-agua.yaml"]
    checked = cli("-C", target, "check", "--strict")
    assert checked.exit_code == 0, checked.output
    assert "Szigriszt-Pazos" in checked.output and "Flesch-Kincaid" not in checked.output
    built = cli("-C", target, "build", "--length", "standard", "--format", "pdf")
    assert built.exit_code == 0, built.output
    text = run_tool("pdftotext", target / "build/beber-agua/beber-agua-easy-brochure.pdf", "-")
    assert "lunes a viernes" in text and "Esta hoja da información general" in text
    assert "Calle y número" in text and "Street" not in text
    brand = (target / "_brand.yml").read_text(encoding="utf-8")  # its notes are Spanish too
    assert not re.search(r"#.*\b(your|the|and|or|used|printed)\b", brand)
    assert languages_in(target / "build/beber-agua/beber-agua-easy-brochure.pdf") == {"es-US"}


@pytest.mark.parametrize(("tag", "expected"), [
    ("fr", "there is no starter project in 'fr'; choose en or es"),
    ("spanish!", "'spanish!' is not a BCP 47 language tag"),
])
def test_init_refuses_a_language_it_has_no_start_for(tmp_path: Path, cli: Callable[..., Result],
                                                     tag: str, expected: str) -> None:
    result = cli("init", tmp_path / "x", "--lang", tag)
    assert result.exit_code == 2
    assert expected in result.output
    assert not (tmp_path / "x").exists()


def test_the_report_groups_outputs_by_language(tmp_path: Path,
                                              cli: Callable[..., Result]) -> None:
    root = two_languages(tmp_path)
    result = cli("-C", root, "build", "--length", "short", "--format", "pdf",
                 "--no-thumbnails")
    assert result.exit_code == 0, result.output
    page = (root / "build" / "index.html").read_text()
    english = page.index('<h2 id="en-US">English (United States)</h2>')
    spanish = page.index('<h2 id="es-US">Spanish (United States) / español (Estados Unidos)</h2>')
    assert english < page.index('<h3 id="hands">') < spanish < page.index('<h3 id="hands.es">')
    assert page.index("hands-es-easy-flyer.pdf") > spanish
    # the summary names both languages' formulas, each with its language
    assert "Flesch-Kincaid grade and SMOG grade (English); Szigriszt-Pazos perspicuity on " \
        "the INFLESZ scale, and Fernández-Huerta (Spanish)" in page


FR = ES.replace("title: Lavarse las manos", "title: Se laver les mains")


def test_a_third_language_is_a_catalogue_away(tmp_path: Path, cli: Callable[..., Result]) -> None:
    write_project(tmp_path, GOOD)
    write_project(tmp_path, FR, "hands.fr.yaml")
    result = cli("-C", tmp_path, "build", "--lang", "fr")
    assert result.exit_code == 2
    assert "there is no message catalogue for the language 'fr'" in result.output
    assert "locales/fr/LC_MESSAGES/handouts.po" in result.output
    assert not (tmp_path / "build").exists()
    ours = tmp_path / "locales" / "fr" / "LC_MESSAGES" / "handouts.po"
    ours.parent.mkdir(parents=True)
    spanish = (Path(__file__).parents[2] / "handouts/locales/es/LC_MESSAGES/handouts.po")
    ours.write_text(spanish.read_text(encoding="utf-8").replace(
        'msgstr "Más información"', 'msgstr "En savoir plus"'), encoding="utf-8")
    built = cli("-C", tmp_path, "build", "--lang", "fr", "--length", "short", "--level", "easy",
                "--format", "pdf")
    assert built.exit_code == 0, built.output
    assert languages_in(tmp_path / "build/hands/hands-fr-easy-flyer.pdf") == {"fr"}
    checked = cli("-C", tmp_path, "check")
    assert "hands.fr: reading is not measured in fr: the check measures English and " \
        "Spanish [reading]" in checked.output


def test_outputs_of_a_removed_translation_are_removed_and_the_source_s_kept(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    root = two_languages(tmp_path)
    assert cli("-C", root, "build").exit_code == 0
    folder = root / "build" / "hands"
    source = sorted(p.name for p in folder.iterdir() if not p.name.startswith("hands-es-"))
    assert len(source) < len(list(folder.iterdir()))
    (root / "content" / "hands.es.yaml").unlink()
    result = cli("-C", root, "build")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in folder.iterdir()) == source
