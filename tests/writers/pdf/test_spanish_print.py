"""A Spanish project's PDFs, end to end: hyphenated by Spanish rules at line ends, each
added hyphen a soft hyphen, so copied text and the structure tree read every word whole;
an English project's unhyphenated unless handouts.toml asks; the setting checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build.settings import Settings, load
from handouts.errors import SettingsError
from handouts.writers.hyphenation import HYPHENATED_BY_DEFAULT
from tests.helpers import GOOD, GOOD_ES, run_tool, write_project

LONG_ES = ("Las recomendaciones internacionales insisten en la importancia de mantenerse "
           "hidratado, especialmente las dirigidas a personas mayores y a quienes practican "
           "ejercicio prolongado; consulte www.ejemplo.org/bebidas-saludables/consejos o "
           "llame al 1-800-662-4357.")
LONG_EN = ("International recommendations emphasise the importance of staying hydrated, "
           "particularly those addressed to older people and to whoever practises "
           "prolonged exercise in uncomfortable environmental temperatures.")
WORD = re.compile(r"[^\W\d_]+")


def _project(root: Path, topic: str, settings: str) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    (root / "handouts.toml").write_text(settings, encoding="utf-8")
    write_project(root, topic)
    return root


def _pdfs(root: Path, cli: Callable[..., Result]) -> list[Path]:
    result = cli("-C", root, "build", "-j", "1", "--format", "pdf", "--level", "standard",
                 "--no-report")
    assert result.exit_code == 0, result.output
    made = sorted(root.glob("build/**/*.pdf"))
    assert made
    return made


def _words(text: str) -> set[str]:
    return set(WORD.findall(text.replace("\u00ad", "")))


def test_a_spanish_project_is_hyphenated_and_reads_whole(tmp_path: Path,
                                                          cli: Callable[..., Result]) -> None:
    topic = GOOD_ES.replace("Los gérmenes pasan de las manos a la comida y a la cara.",
                            LONG_ES)
    root = _project(tmp_path, topic, '[project]\nlanguage = "es-US"\n')
    (root / "_brand.yml").write_text(
        "meta:\n  name: Clínica Comunitaria\ndefaults:\n  handouts:\n    disclaimer: Esta "
        "hoja informativa no reemplaza los consejos de su médico o enfermera.\n",
        encoding="utf-8")
    labels = Path(str(resources.files("handouts") / "locales" / "es" / "LC_MESSAGES" /
                      "handouts.po")).read_text(encoding="utf-8")
    brand = (root / "_brand.yml").read_text(encoding="utf-8")
    written = _words(topic + labels + brand)  # the content, the Spanish labels, the brand
    broken = 0
    for pdf in _pdfs(root, cli):
        text = run_tool("pdftotext", pdf, "-")
        # a line ends with a hard hyphen only inside the web address, which has its own
        assert all(line.endswith("bebidas-") for line in text.splitlines()
                   if line.endswith("-")), pdf
        assert "1-800-662-4357" in text
        struct = run_tool("pdfinfo", "-struct-text", pdf)
        for head, tail in re.findall(r"(\w+)\u00ad\n(\w+)", text):
            broken += 1
            assert head + tail in written, (pdf.name, head, tail)  # at a syllable, by rule
            assert re.search(rf"\b{head + tail}\b", struct), (pdf.name, head + tail)
    assert broken, "no line was hyphenated"


@pytest.mark.parametrize(("hyphenate", "expected"), [("", False), ('["es", "en"]', True)])
def test_english_is_hyphenated_only_when_handouts_toml_asks(
        tmp_path: Path, cli: Callable[..., Result], hyphenate: str, expected: bool) -> None:
    topic = GOOD.replace("Germs spread from hands to food and faces.", LONG_EN)
    setting = f"hyphenate = {hyphenate}\n" if hyphenate else ""
    root = _project(tmp_path, topic, f"[project]\n{setting}")
    found = any("\u00ad" in run_tool("pdftotext", pdf, "-") for pdf in _pdfs(root, cli))
    assert found == expected


def test_the_setting_names_languages_with_rules(tmp_path: Path) -> None:
    (tmp_path / "handouts.toml").write_text('[project]\nhyphenate = ["es", "xx"]\n',
                                            encoding="utf-8")
    with pytest.raises(SettingsError) as caught:
        load(tmp_path)
    assert "[project] hyphenate: no hyphenation rules for 'xx'" in str(caught.value)
    assert ":2:" in str(caught.value)
    (tmp_path / "handouts.toml").write_text("[project]\nhyphenate = []\n", encoding="utf-8")
    assert load(tmp_path).hyphenate == ()
    (tmp_path / "handouts.toml").unlink()
    assert load(tmp_path).hyphenate == HYPHENATED_BY_DEFAULT == ("es",)
    assert Settings.__dataclass_fields__["hyphenate"].default == HYPHENATED_BY_DEFAULT


def test_a_spanish_translation_in_an_english_project_is_hyphenated(
        tmp_path: Path, cli: Callable[..., Result]) -> None:
    """Hyphenation goes by each document's language: the translation's outputs (es-US) are
    hyphenated, the English source's are not."""
    root = _project(tmp_path, GOOD.replace("Germs spread from hands to food and faces.",
                                           LONG_EN), "[project]\n")
    translation = GOOD_ES.replace("Los gérmenes pasan de las manos a la comida y a la cara.",
                                  LONG_ES)
    for extra in ("  - Use agua y jabón.\n", "  - Séquelas con una toalla limpia.\n"):
        translation = translation.replace(extra, "")  # the source's one key point
    write_project(root, translation, "hands.es.yaml")
    made = {pdf.name: "\u00ad" in run_tool("pdftotext", pdf, "-") for pdf in _pdfs(root, cli)}
    assert {name for name, soft in made.items() if soft} == \
        {name for name in made if name.startswith("hands-es-")}, made
    assert len(made) == 6
