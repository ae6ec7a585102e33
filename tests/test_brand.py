"""Branding: brand.yml read with located errors, the brand in every output, contrast,
several clinics, and bad brand files refused before anything is built."""

from __future__ import annotations

import re
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from pptx import Presentation
from pptx.util import Emu

from handouts.brand import load_brand
from handouts.colours import contrast, contrast_warnings, text_on
from handouts.errors import SettingsError

from .conftest import DATA, TEST_CLINIC_BRAND, make_test_clinic, run_tool


def brand_file(root: Path, text: str) -> Path:
    path = root / "_brand.yml"
    path.write_text(text, encoding="utf-8")
    return path


def fails(root: Path, text: str, *expected: str) -> str:
    with pytest.raises(SettingsError) as err:
        load_brand(brand_file(root, text), root)
    message = str(err.value)
    for part in expected:
        assert part in message, message
    return message


def test_sample_brand_reads(tmp_path: Path) -> None:
    brand = load_brand(Path(__file__).parent.parent / "_brand.yml")
    assert brand.name == "Riverbend Community Health"
    assert brand.primary == "#1B5E7A" and brand.paper == "letter"


def test_test_clinic_brand_reads_with_font_logo_and_sizes(tmp_path: Path) -> None:
    make_test_clinic(tmp_path)
    brand = load_brand(tmp_path / "_brand.yml", tmp_path)
    assert brand.base_font is not None and brand.base_font.name == "Liberation Serif"
    assert brand.logo == (tmp_path / "brand/harbourside-logo.svg").resolve()
    assert (brand.paper, brand.slide_size) == ("a4", "4:3")


def test_colour_that_is_not_a_colour(tmp_path: Path) -> None:
    fails(tmp_path, "color:\n  primary: blurple\n",
          "_brand.yml:2:12: color.primary 'blurple' is not a colour")


def test_missing_logo(tmp_path: Path) -> None:
    fails(tmp_path, "logo: images/none.png\n", "_brand.yml:1:7:",
          "the logo 'images/none.png' does not exist")


def test_paths_outside_the_project(tmp_path: Path) -> None:
    root = tmp_path / "project"
    root.mkdir()
    (tmp_path / "secret.png").write_bytes(b"x")
    fails(root, "logo: ../secret.png\n", "the logo '../secret.png' leads outside the project")
    fails(root, "typography:\n  fonts:\n    - family: X\n      source: file\n      files:\n"
          "        - {path: ../secret.ttf}\n  base: {family: X}\n", "leads outside the project")


def png_header(width: int, height: int) -> bytes:
    """A PNG that claims a size in its header (enough for a reader that checks first)."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(b"")) \
        + chunk(b"IEND", b"")


@pytest.mark.parametrize(("size", "message"), [((10_000, 10_000), "100 megapixels"),
                                                ((60_000, 60_000), "far too large")])
def test_huge_images_are_refused_before_decoding(tmp_path: Path, size: tuple[int, int],
                                                 message: str) -> None:
    (tmp_path / "big.png").write_bytes(png_header(*size))
    fails(tmp_path, "logo: big.png\n", "the logo 'big.png' is", message)


def test_font_that_is_not_a_font_or_truncated(tmp_path: Path) -> None:
    (tmp_path / "fake.ttf").write_text("this is a text file")
    real = (DATA / "fonts/LiberationSerif-Regular.ttf").read_bytes()
    (tmp_path / "cut.ttf").write_bytes(real[:4000])
    text = ("typography:\n  fonts:\n    - family: X\n      source: file\n      files:\n"
            "        - {{path: {name}, weight: 400}}\n  base: {{family: X}}\n")
    fails(tmp_path, text.format(name="fake.ttf"), "_brand.yml:6:", "is not a TrueType font")
    fails(tmp_path, text.format(name="cut.ttf"), "is damaged or truncated")


def test_download_only_font_falls_back_with_a_warning(tmp_path: Path) -> None:
    brand = load_brand(brand_file(tmp_path, "typography:\n  fonts:\n    - family: Open Sans\n"
                                  "      source: google\n  base: {family: Open Sans}\n"),
                       tmp_path)
    assert brand.base_font is None
    assert any("'Open Sans' (google)" in w and "built-in Noto Sans" in w for w in brand.warnings)


def test_unknown_handouts_key_and_paper(tmp_path: Path) -> None:
    fails(tmp_path, "defaults:\n  handouts:\n    phoen: 1\n    paper: legal\n",
          "unknown key 'phoen' in defaults.handouts; did you mean 'phone'?",
          "paper 'legal' is not a paper size")


def test_contrast_ratio_and_readable_text_on_colour() -> None:
    assert contrast("#FFFFFF", "#000000") == pytest.approx(21.0)
    assert contrast("#777777", "#FFFFFF") == pytest.approx(4.48, abs=0.01)
    assert text_on("#1B5E7A") == "#FFFFFF" and text_on("#F6E9EE") != "#FFFFFF"
    warnings = contrast_warnings("#999999", "#FFFFFF", "#FFCC00", "#FFFFFF", "_brand.yml")
    assert any("#999999 on #FFFFFF has a contrast of 2.85:1" in w and "body text" in w
               for w in warnings)
    assert any("#FFCC00 on #FFFFFF" in w and "headings" in w for w in warnings)
    assert not contrast_warnings("#1C2326", "#FFFFFF", "#1B5E7A", "#E6F1F5", "x")


def test_weak_brand_colour_is_reported_by_build(tmp_path: Path, sample: Path,
                                                cli: Callable[..., Result]) -> None:
    path = sample / "_brand.yml"
    path.write_text(path.read_text().replace('ink: "#1C2326"', 'ink: "#AAAAAA"'))
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf")
    assert result.exit_code == 0
    assert re.search(r"warning: .*_brand.yml: #AAAAAA on #FFFFFF has a contrast of 2\.\d\d:1, "
                     r"below WCAG AA 4\.5:1 for body text", result.output)


def test_the_brand_shows_in_the_pdfs(built: dict[str, Path]) -> None:
    root = built["test-clinic"]
    for path in sorted((root / "build").rglob("*.pdf")):
        fonts = run_tool("pdffonts", path)
        assert "LiberationSerif" in fonts and "NotoSans" not in fonts, path.name
        assert "Harbourside Test Clinic" in run_tool("pdftotext", path, "-")
        assert "(A4)" in run_tool("pdfinfo", path)
        assert run_tool("pdfimages", "-list", path).count("\n") > 2, "the logo is missing"
    sample = built["sample"]
    for path in sorted((sample / "build").rglob("*-flyer.pdf")):
        assert "Riverbend Community Health" in run_tool("pdftotext", path, "-")


def test_the_brand_shows_in_the_decks(built: dict[str, Path]) -> None:
    for path in sorted((built["test-clinic"] / "build").rglob("*.pptx")):
        prs = Presentation(str(path))
        assert Emu(prs.slide_width).pt == 720
        first, last = prs.slides[0], prs.slides[-1]
        for slide in (first, last):
            logos = [s for s in slide.shapes if s.name == "Logo"]
            assert logos and logos[0]._element.nvPicPr.cNvPr.get("descr") == \
                "Harbourside Test Clinic logo"
        title = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0].font
        assert str(title.color.rgb) == "7A1F3D"
        assert title.name == "Liberation Serif"


def test_several_clinics_each_in_their_own_folder(sample: Path,
                                                  cli: Callable[..., Result]) -> None:
    other = sample / "clinics" / "harbourside"
    other.mkdir(parents=True)
    make_test_clinic(other)
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf",
                 "--brand", sample / "_brand.yml", "--brand", other / "_brand.yml")
    assert result.exit_code == 0, result.output
    assert (sample / "build/riverbend-community-health/ketamine-and-addiction/"
            "ketamine-and-addiction-easy-flyer.pdf").exists()
    assert (sample / "build/harbourside-test-clinic/ketamine-and-addiction/"
            "ketamine-and-addiction-easy-flyer.pdf").exists()


def test_a_broken_brand_leaves_the_other_clinic_built(sample: Path,
                                                      cli: Callable[..., Result]) -> None:
    broken = sample / "broken.yml"
    broken.write_text(TEST_CLINIC_BRAND.replace('"#7A1F3D"', "not-a-colour"))
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf",
                 "--brand", sample / "_brand.yml", "--brand", broken)
    assert result.exit_code == 2
    assert "broken.yml:7:12: color.primary 'not-a-colour' is not a colour" in result.output
    assert len(list((sample / "build/riverbend-community-health").rglob("*.pdf"))) == 6
    assert not (sample / "build/harbourside-test-clinic").exists()


def test_characters_the_font_cannot_draw_are_listed_with_their_line(
        sample: Path, cli: Callable[..., Result]) -> None:
    topic = sample / "content/ketamine-and-addiction.yaml"
    text = topic.read_text()
    topic.write_text(text.replace("title: Ketamine and Addiction",
                                  "title: Ketamine and Addiction \u0e01\u0e02"))
    result = cli("-C", sample, "build", "ketamine-and-addiction", "--length", "short")
    assert result.exit_code == 2
    assert re.search(r"ketamine-and-addiction\.yaml:1:31: the brand's font cannot draw '.' "
                     r"\(U\+0E01\); replace the character", result.output), result.output
    assert "(U+0E02)" in result.output
    assert not (sample / "build").exists()


def test_init_builds_at_once_and_never_overwrites(tmp_path: Path,
                                                  cli: Callable[..., Result]) -> None:
    target = tmp_path / "clinic"
    result = cli("init", target)
    assert result.exit_code == 0
    assert (target / "_brand.yml").exists() and (target / "templates/README.md").exists()
    result = cli("-C", target, "build", "--format", "pdf")
    assert result.exit_code == 0, result.output
    before = (target / "handouts.toml").read_bytes()
    (target / "handouts.toml").write_text("# mine\n")
    result = cli("init", target)
    assert result.exit_code == 1
    assert "already exist" in result.output
    assert (target / "handouts.toml").read_text() == "# mine\n" != before.decode()


def test_templates_lists_and_ejects(sample: Path, cli: Callable[..., Result]) -> None:
    result = cli("-C", sample, "templates")
    assert "flyer.xml.j2\tbuilt in" in result.output
    result = cli("-C", sample, "templates", "--eject", "flyer.xml.j2")
    assert result.exit_code == 0
    assert (sample / "templates/flyer.xml.j2").exists()
    assert "flyer.xml.j2\toverridden" in cli("-C", sample, "templates").output
    assert cli("-C", sample, "templates", "--eject", "flyer.xml.j2").exit_code == 1


def clinic_template(path: Path) -> None:
    """A clinic's own template: PowerPoint's default with 'Section Header' renamed and one
    example slide that must not reach the deck."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        if layout.name == "Section Header":
            layout.name = "Clinic Divider"
    example = prs.slides.add_slide(prs.slide_layouts[0])
    example.shapes.title.text = "EXAMPLE SLIDE"
    prs.save(str(path))


def test_a_clinic_powerpoint_template(sample: Path, cli: Callable[..., Result]) -> None:
    clinic_template(sample / "clinic.pptx")
    brand = sample / "_brand.yml"
    brand.write_text(brand.read_text().replace("    paper: letter",
                                               "    paper: letter\n    pptx_template: clinic.pptx"))
    result = cli("-C", sample, "build", "ketamine-and-addiction", "--level", "standard",
                 "--length", "full", "--format", "pptx")
    assert result.exit_code == 0, result.output
    assert "no slide layout named 'Section Header' with a title; using 'Title and Content'" \
        in result.output
    deck = sample / "build/ketamine-and-addiction/ketamine-and-addiction-standard-talk-45min.pptx"
    prs = Presentation(str(deck))
    assert Emu(prs.slide_width).pt == 720  # the template's own size
    names = [s.slide_layout.name for s in prs.slides]
    assert names[0] == "Title Slide" and "Title and Content" in names
    assert "Clinic Divider" not in names
    texts = [s.shapes.title.text for s in prs.slides]
    assert "EXAMPLE SLIDE" not in texts and texts[0] == "Ketamine and Addiction"
    run = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert run.font.name is None  # the template's theme font is kept


def test_a_pptx_template_must_be_a_pptx_inside_the_project(tmp_path: Path) -> None:
    (tmp_path / "deck.ppt").write_bytes(b"old")
    fails(tmp_path, "defaults:\n  handouts:\n    pptx_template: deck.ppt\n",
          "the PowerPoint template 'deck.ppt' is not a .pptx file")
    fails(tmp_path, "defaults:\n  handouts:\n    pptx_template: nowhere.pptx\n",
          "the PowerPoint template 'nowhere.pptx' does not exist")
