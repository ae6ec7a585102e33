"""The font service seen from whole builds: two brands whose font files share a name each
embed their own font, a deck build never loads the PDF writer, and loading a brand
registers no font with reportlab."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.helpers import DATA, ROOT, run_tool

NOTO = ROOT / "handouts" / "fonts" / "NotoSans-Regular.ttf"
LIBERATION = DATA / "fonts" / "LiberationSerif-Regular.ttf"

BRAND = """\
meta:
  name: {full: %(name)s}
typography:
  fonts:
    - family: Body
      source: file
      files:
        - {path: fonts/Body-Regular.ttf, weight: 400}
  base: {family: Body}
  headings: {family: Body}
"""


def two_brands(root: Path) -> tuple[Path, Path]:
    """Brand files a/_brand.yml (Liberation Serif) and b/_brand.yml (Noto Sans) in the
    project, each with its font at fonts/Body-Regular.ttf beside it."""
    made = []
    for name, font in (("a", LIBERATION), ("b", NOTO)):
        folder = root / "brands" / name
        (folder / "fonts").mkdir(parents=True)
        shutil.copy(font, folder / "fonts" / "Body-Regular.ttf")
        (folder / "_brand.yml").write_text(BRAND % {"name": f"Clinic {name.upper()}"},
                                           encoding="utf-8")
        made.append(folder / "_brand.yml")
    return made[0], made[1]


def embedded(pdf: Path) -> str:
    """The names of the fonts a PDF embeds, as pdffonts lists them."""
    return "\n".join(line.split()[0] for line in run_tool("pdffonts", pdf).splitlines()[2:])


def test_two_brands_with_same_font_file_names_each_embed_their_own_font(
        sample: Path, cli: Callable[..., Result]) -> None:
    a, b = two_brands(sample)
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf", "-j", "1",
                 "--no-report", "--brand", a, "--brand", b)
    assert result.exit_code == 0, result.output
    for slug, own, other in (("clinic-a", "LiberationSerif", "NotoSans"),
                             ("clinic-b", "NotoSans", "LiberationSerif")):
        pdfs = sorted((sample / "build" / slug).rglob("*.pdf"))
        assert pdfs, slug
        for pdf in pdfs:
            fonts = embedded(pdf)
            assert own in fonts and other not in fonts, (pdf, fonts)


def test_a_font_file_changed_between_builds_in_one_process_is_embedded_anew(
        sample: Path, cli: Callable[..., Result]) -> None:
    """As in `watch`: brand b's font file gets other bytes under the same name, so only b's
    outputs are stale and are made again in a process that has registered the old bytes."""
    a, b = two_brands(sample)
    args = ("-C", sample, "build", "--length", "short", "--format", "pdf", "-j", "1",
            "--no-report", "--brand", a, "--brand", b)
    assert cli(*args).exit_code == 0
    before = {p: p.read_bytes() for p in (sample / "build" / "clinic-a").rglob("*.pdf")}
    shutil.copy(DATA / "fonts" / "LiberationSerif-Bold.ttf",
                b.parent / "fonts" / "Body-Regular.ttf")
    result = cli(*args)
    assert result.exit_code == 0, result.output
    assert {p: p.read_bytes() for p in before} == before
    pdfs = sorted((sample / "build" / "clinic-b").rglob("*.pdf"))
    assert pdfs
    for pdf in pdfs:
        fonts = embedded(pdf)
        assert "LiberationSerif-Bold" in fonts and "NotoSans" not in fonts, (pdf, fonts)


def _python(code: str, *args: str | Path) -> str:
    done = subprocess.run([sys.executable, "-c", code, *map(str, args)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_deck_build_imports_no_module_of_the_pdf_writer(sample: Path) -> None:
    a, _ = two_brands(sample)
    code = """if True:
        import sys
        from handouts.cli import main
        try:
            main(["-C", sys.argv[1], "build", "--format", "pptx", "--length", "short",
                  "-j", "1", "--no-thumbnails", "--brand", sys.argv[2]])
        except SystemExit as exc:
            assert not exc.code, exc.code
        print(sorted(m for m in sys.modules if m.startswith("handouts.writers.pdf")))
        print(any(m.startswith("handouts.writers.pptx") for m in sys.modules))
    """
    loaded, deck = _python(code, sample, a).splitlines()[-2:]
    assert (loaded, deck) == ("[]", "True")
    assert list((sample / "build").rglob("*.pptx"))


def test_loading_a_brand_with_fonts_registers_no_font(sample: Path) -> None:
    a, _ = two_brands(sample)
    code = """if True:
        import sys
        from pathlib import Path
        from reportlab.pdfbase import pdfmetrics
        from handouts.brand.brandyml import load_brand
        before = set(pdfmetrics.getRegisteredFontNames())
        brand = load_brand(Path(sys.argv[1]), Path(sys.argv[2]))
        assert brand.base_font is not None and brand.base_font.regular.exists()
        print(sorted(set(pdfmetrics.getRegisteredFontNames()) - before))
    """
    assert _python(code, a, sample).splitlines()[-1] == "[]"
