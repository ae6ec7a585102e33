"""Branding: brand.yml read with located errors, the brand in every output, contrast,
several clinics, and bad brand files refused before anything is built."""

from __future__ import annotations

import dataclasses
import re
import shutil
import struct
import subprocess
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from click.testing import Result
from hypothesis import given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.util import Emu

from handouts.brand.brandyml import load_brand
from handouts.brand.model import DEFAULT_BRAND, Brand, FontFamily
from handouts.errors import Location, SettingsError
from tests.helpers import (
    DATA,
    ROOT,
    TEST_CLINIC_BRAND,
    make_test_clinic,
    run_tool,
    shows_test_logo,
)


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
    brand = load_brand(ROOT / "_brand.yml")
    assert brand.name == "Riverbend Community Health"
    assert brand.palette.primary == "#1B5E7A" and brand.paper == "letter"


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
    [warning] = [w for w in brand.warnings if w.code != "no-clinic-name"]
    assert "'Open Sans' (google)" in warning.message and "built-in Noto Sans" in warning.message
    assert warning.code == "font-fallback"
    assert warning.location == Location(tmp_path / "_brand.yml", 5, 9)  # base: {family: ...}


def test_unknown_handouts_key_and_paper(tmp_path: Path) -> None:
    fails(tmp_path, "defaults:\n  handouts:\n    phoen: 1\n    paper: legal\n",
          "unknown key 'phoen' in defaults.handouts; did you mean 'phone'?",
          "paper 'legal' is not a paper size")


def test_weak_brand_colour_is_reported_by_build(tmp_path: Path, sample: Path,
                                                cli: Callable[..., Result]) -> None:
    path = sample / "_brand.yml"
    path.write_text(path.read_text().replace('ink: "#1C2326"', 'ink: "#AAAAAA"'))
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf")
    assert result.exit_code == 0
    # reported by the writers for the text they drew, once however many outputs drew it
    found = re.findall(r"warning: .*_brand.yml: #AAAAAA on #FFFFFF has a contrast of "
                       r"2\.32:1, below WCAG AA 4\.5:1 for text; used for body text "
                       r"\(color\.foreground\) on the white paper, drawn in #1A1A1A instead",
                       result.output)
    assert len(found) == 1, result.output


def test_the_brand_shows_in_the_pdfs(built: dict[str, Path]) -> None:
    root = built["test-clinic"]
    for path in sorted((root / "build").rglob("*.pdf")):
        fonts = run_tool("pdffonts", path)
        assert "LiberationSerif" in fonts and "NotoSans" not in fonts, path.name
        assert "Harbourside Test Clinic" in run_tool("pdftotext", path, "-")
        assert "(A4)" in run_tool("pdfinfo", path)
        assert shows_test_logo(path), f"the logo is missing from {path.name}"
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
            assert logos and logos[0]._element.nvPicPr.cNvPr.get("descr") == (
                "Logotipo de Harbourside Test Clinic" if "-es-" in path.name
                else "Harbourside Test Clinic logo")
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
                                  "title: Ketamine and Addiction \u4e2d\u6587"))
    result = cli("-C", sample, "build", "ketamine-and-addiction", "--length", "short")
    assert result.exit_code == 2
    assert re.search(r"ketamine-and-addiction\.yaml:1:31: the brand's font cannot draw '.' "
                     r"\(U\+4E2D\); replace the character", result.output), result.output
    assert "(U+6587)" in result.output
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
    assert "[layout-fallback]" not in result.output  # layouts are found by type, not name
    deck = sample / "build/ketamine-and-addiction/ketamine-and-addiction-standard-talk-45min.pptx"
    prs = Presentation(str(deck))
    assert Emu(prs.slide_width).pt == 720  # the template's own size
    names = [s.slide_layout.name for s in prs.slides]
    assert names[0] == "Title Slide" and "Title and Content" in names
    assert "Clinic Divider" in names  # the section header layout, whatever it is called
    texts = [s.shapes.title.text for s in prs.slides]
    assert "EXAMPLE SLIDE" not in texts and texts[0] == "Ketamine and Addiction"
    run = prs.slides[1].shapes.title.text_frame.paragraphs[0].runs[0]
    assert run.font.name == "Noto Sans"  # the brand's font, which the title was measured in


def test_a_pptx_template_must_be_a_pptx_inside_the_project(tmp_path: Path) -> None:
    (tmp_path / "deck.ppt").write_bytes(b"old")
    fails(tmp_path, "defaults:\n  handouts:\n    pptx_template: deck.ppt\n",
          "the PowerPoint template 'deck.ppt' is not a .pptx file")
    fails(tmp_path, "defaults:\n  handouts:\n    pptx_template: nowhere.pptx\n",
          "the PowerPoint template 'nowhere.pptx' does not exist")


# brand.yml read from the located tree --------------------------------------------------

CONFORMANCE = {
    "short forms": """\
meta:
  name: Short Form Clinic
  link: https://short.example.org/
logo: brand/harbourside-logo.svg
color:
  primary: "#123"
  secondary: "#aBcDeF"
  foreground: "#000000"
typography:
  fonts:
    - family: Liberation Serif
      source: file
      files:
        - {path: brand/LiberationSerif-Regular.ttf}
        - {path: brand/LiberationSerif-Bold.ttf, weight: bold}
  base: Liberation Serif
  headings: Liberation Serif
""",
    "long forms": """\
meta:
  name: {short: Longform}
  link: {home: "https://long.example.org/learn", github: "https://github.com/longform"}
  tagline: Other tools may read this
logo:
  images:
    light-logo: {path: brand/harbourside-logo.svg, alt: Longform logo}
    dark-logo: brand/dark.svg
  small: dark-logo
  medium: {light: light-logo, dark: dark-logo}
color:
  palette:
    deep: "#0B3C5D"
    sea: deep
    sky: "#d9eaf7"
    ink: "#1a1a1a"
  dark: ink
  primary: sea
  secondary: sky
  foreground: dark
  background: "#fff"
  danger: "#B00020"
typography:
  fonts:
    - family: Liberation Serif
      source: file
      files:
        - {path: brand/LiberationSerif-Regular.ttf, weight: normal, style: normal}
        - {path: brand/LiberationSerif-Bold.ttf, weight: semi-bold}
    - family: Open Sans
      source: google
      weight: [400, 700]
  base: {family: Liberation Serif, size: 16px, line-height: 1.4}
  headings: {family: Open Sans, weight: 700}
  monospace: Fira Code
defaults:
  quarto: {format: html}
""",
    "light and dark at the largest size": """\
meta: {name: {full: Image Clinic, short: Images}, link: {home: "https://images.example.org"}}
logo:
  small: brand/dark.svg
  large:
    light: {path: brand/harbourside-logo.svg, alt: Big logo}
    dark: brand/dark.svg
color:
  palette: {rose: "#7A1F3D"}
  primary: rose
  secondary: primary
typography:
  fonts:
    - family: Liberation Serif
      source: file
      files:
        - {path: brand/LiberationSerif-Regular.ttf, weight: 100..900}
        - {path: brand/LiberationSerif-Bold.ttf, weight: 700, style: italic}
  headings: {family: Liberation Serif}
""",
    "dark variant only, system font": """\
logo:
  medium: {dark: brand/dark.svg}
typography:
  fonts:
    - {family: Noto Serif, source: system}
  base: Noto Serif
""",
    "one image with alt text": "logo: {path: brand/harbourside-logo.svg, alt: Our logo}\n",
    "CSS colour names": """\
meta: {name: Named Colours Clinic}
color:
  palette:
    ink: black
    navy: "#14284B"
  primary: navy
  secondary: Lavender
  foreground: ink
  background: white
""",
}


def conformance_project(root: Path, case: str) -> Path:
    """A project with the test clinic's files and the brand of `case`."""
    make_test_clinic(root)
    shutil.copy(root / "brand/harbourside-logo.svg", root / "brand/dark.svg")
    path = root / "_brand.yml"
    if case == "sample":
        shutil.copy(ROOT / "_brand.yml", path)
    elif case == "starter":
        shutil.copy(ROOT / "handouts/scaffold/_brand.yml", path)
    elif case != "test clinic":
        path.write_text(CONFORMANCE[case], encoding="utf-8")
    return path


def what_we_read(brand: Brand) -> dict[str, Any]:
    return {"name": brand.name, "short_name": brand.short_name, "url": brand.url,
            "primary": brand.palette.primary, "secondary": brand.palette.secondary,
            "foreground": brand.palette.foreground, "background": brand.palette.background,
            "logo": brand.logo, "logo_alt": brand.logo_alt, "base_font": brand.base_font,
            "heading_font": brand.heading_font}


def what_brand_yml_reads(path: Path) -> dict[str, Any]:
    """The same values, from brand-yml's models, chosen the way this project does."""
    brand_yml = pytest.importorskip("brand_yml")
    from brand_yml.typography import font_weight_map

    b = brand_yml.Brand.from_yaml_str(path.read_text(encoding="utf-8"), path=path)
    name = b.meta.name if b.meta is not None else None
    full, short = (name.full, name.short) if name is not None else (None, None)
    link = b.meta.link if b.meta is not None else None
    home = str(link.home).rstrip("/") if link is not None and link.home else None

    def colour(key: str) -> str:
        value = getattr(b.color, key, None) if b.color is not None else None
        if value is None:
            return str(getattr(DEFAULT_BRAND.palette, key))
        if not value.startswith("#"):  # a CSS name, as Pillow's own table has it
            from PIL import ImageColor

            return "#{:02X}{:02X}{:02X}".format(*ImageColor.getrgb(value))
        value = "#" + "".join(c * 2 for c in value[1:]) if len(value) == 4 else value
        return str(value).upper()

    resource = b.logo
    if resource is not None and not isinstance(resource, brand_yml.BrandLogoResource):
        sizes = [getattr(resource, s) for s in ("large", "medium", "small")]
        given = next((s for s in sizes if s is not None), None)
        resource = getattr(given, "light", None) or getattr(given, "dark", None) or given
    logo = resource.path.absolute().resolve() if resource is not None else None
    alt = (resource.alt or "") if resource is not None else ""

    def family(role: str) -> FontFamily | None:
        chosen = getattr(b.typography, role, None) if b.typography is not None else None
        if chosen is None or chosen.family is None:
            return None
        local = next((f for f in b.typography.fonts
                      if f.family == chosen.family and f.source == "file"), None)
        if local is None:
            return None
        faces = {}
        for file in local.files:
            weight = file.weight.root
            weight = weight[0] if isinstance(weight, tuple) else weight
            weight = {**font_weight_map, "auto": 400}.get(weight, weight)
            faces[(weight >= 600, file.style == "italic")] = file.path.absolute().resolve()
        return FontFamily(chosen.family, faces.get((False, False)) or next(iter(faces.values())),
                          faces.get((True, False)), faces.get((False, True)),
                          faces.get((True, True)))

    return {"name": full or short or DEFAULT_BRAND.name,
            "short_name": short or full or DEFAULT_BRAND.short_name, "url": home,
            **{key: colour(key) for key in ("primary", "secondary", "foreground",
                                            "background")},
            "logo": logo, "logo_alt": alt, "base_font": family("base"),
            "heading_font": family("headings")}


@pytest.mark.parametrize("case", ["sample", "test clinic", "starter", *CONFORMANCE])
def test_we_read_brands_as_brand_yml_does(tmp_path: Path, case: str) -> None:
    path = conformance_project(tmp_path, case)
    ours = what_we_read(load_brand(path, tmp_path))
    assert ours == what_brand_yml_reads(path)
    if case in CONFORMANCE:  # each case sets something other than the defaults
        assert ours != what_we_read(DEFAULT_BRAND)


def test_loading_a_brand_imports_neither_brand_yml_nor_pydantic(tmp_path: Path) -> None:
    make_test_clinic(tmp_path)
    code = ("import sys; from pathlib import Path; from handouts.brand.brandyml import load_brand; "
            f"b = load_brand(Path({str(tmp_path / '_brand.yml')!r})); "
            f"load_brand(Path({str(ROOT / '_brand.yml')!r})); "
            "print(b.base_font is not None, 'brand_yml' in sys.modules, "
            "'pydantic' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=False, cwd=ROOT)
    assert done.stdout.split() == ["True", "False", "False"], done.stderr


def test_palette_names_are_followed_in_any_order(tmp_path: Path) -> None:
    brand = load_brand(brand_file(tmp_path, "color:\n  palette:\n    a: b\n    b: c\n"
                                  "    c: '#1b5e7a'\n  primary: a\n  tertiary: primary\n"
                                  "  secondary: tertiary\n"), tmp_path)
    assert brand.palette.primary == brand.palette.secondary == "#1B5E7A"


def test_weight_names_bare_font_paths_and_shared_families(tmp_path: Path) -> None:
    """Weights by name count (bold was once read as regular); a font file may be a bare
    path; base and headings sharing a family check its files once."""
    make_test_clinic(tmp_path)
    text = ("typography:\n  fonts:\n    - family: L\n      source: file\n      files:\n"
            "        - brand/LiberationSerif-Regular.ttf\n"
            "        - {{path: brand/{bold}, weight: {weight}}}\n"
            "  base: L\n  headings: {{family: L}}\n")
    for weight in ("bold", "semibold", "Semi-Bold", "extra-bold", "600..900"):
        brand = load_brand(brand_file(tmp_path, text.format(bold="LiberationSerif-Bold.ttf",
                                                            weight=weight)), tmp_path)
        assert brand.base_font is not None and brand.base_font == brand.heading_font
        assert brand.base_font.bold == (tmp_path / "brand/LiberationSerif-Bold.ttf").resolve()
    message = fails(tmp_path, text.format(bold="missing.ttf", weight=700), "missing.ttf")
    assert message.count("missing.ttf' does not exist") == 1


@pytest.mark.parametrize(("text", "expected"), [
    ("meta: 5\n", "_brand.yml:1:7: meta must be a mapping, not '5'; put name: and link:"),
    ("meta:\n  name: {full: A, shorty: B}\n",
     "_brand.yml:2:19: unknown key 'shorty' in meta.name; did you mean 'short'?"),
    ("meta:\n  name: [A, B]\n", "_brand.yml:2:9: meta.name must be text, not a list"),
    ("meta:\n  link: riverbend.org\n",
     "_brand.yml:2:9: meta.link 'riverbend.org' is not a web address; write it in full"),
    ("logo: [a.png]\n", "_brand.yml:1:7: logo must be a path or a mapping, not a list"),
    ("logo:\n  medium: {foo: a.png}\n", "_brand.yml:2:11: logo.medium must be a path, a "
     "name from logo.images, or light: and dark:, not a mapping"),
    ("logo:\n  images:\n    main: [a.png]\n  medium: main\n",
     "_brand.yml:3:11: logo.images.main must be a path or a mapping with path:"),
    ("logo:\n  huge: a.png\n", "_brand.yml:2:3: unknown key 'huge' in logo; use one of: "
     "images, small, medium, large"),
    ("logo:\n  large: {light: {alt: Our logo}}\n", "_brand.yml:2:18: logo.large.light must "
     "be a path or a name from logo.images, not a mapping"),
    ("logo: {path: 'https://example.org/logo.png'}\n",
     "_brand.yml:1:14: the logo 'https://example.org/logo.png' is a web address; download"),
    ("color: '#FFFFFF'\n", "_brand.yml:1:8: color must be a mapping, not '#FFFFFF'"),
    ("color:\n  primery: '#FFFFFF'\n",
     "_brand.yml:2:3: unknown key 'primery' in color; did you mean 'primary'?"),
    ("color:\n  palette:\n    a: b\n    b: a\n  primary: a\n",
     "_brand.yml:3:8: color.palette.a 'b' goes round in a circle (a -> b -> a)"),
    ("color:\n  primary: primary\n",
     "_brand.yml:2:12: color.primary 'primary' goes round in a circle (primary -> primary)"),
    ("color:\n  palette:\n    1st: '#FFFFFF'\n",
     "_brand.yml:3:5: color.palette name '1st' cannot be used"),
    ("color:\n  danger: reddish\n", "_brand.yml:2:11: color.danger 'reddish' is not a colour"),
    ("typography:\n  fonts: {family: X}\n",
     "_brand.yml:2:10: typography.fonts must be a list, not a mapping"),
    ("typography:\n  fonts:\n    - Open Sans\n",
     "_brand.yml:3:7: font 1 in typography.fonts must be a mapping, not 'Open Sans'"),
    ("typography:\n  fonts:\n    - family: X\n      source: gogle\n",
     "_brand.yml:4:15: the source 'gogle' of font 'X' is not a font source; did you mean "
     "'google'?"),
    ("typography:\n  fonts:\n    - family: X\n      files: [{path: x.ttf}]\n",
     "_brand.yml:3:7: font 'X' has no source; add source: file"),
    ("typography:\n  fonts:\n    - family: X\n      source: file\n      files: x.ttf\n",
     "_brand.yml:5:14: the files of font 'X' must be a list, not 'x.ttf'"),
    ("typography:\n  fonts:\n    - family: X\n      source: file\n      files:\n"
     "        - {path: x.ttf, weight: heavy}\n",
     "_brand.yml:6:33: the weight 'heavy' of a file of font 'X' is not a font weight"),
    ("typography:\n  fonts:\n    - family: X\n      source: file\n      files:\n"
     "        - {path: x.ttf, style: oblique}\n",
     "_brand.yml:6:32: the style 'oblique' of a file of font 'X' is not a font style"),
    ("typography:\n  base: [X]\n", "_brand.yml:2:9: typography.base must be text, not a list"),
    ("typography:\n  monospec: X\n", "_brand.yml:2:3: unknown key 'monospec' in typography"),
    ("defaults: 5\n", "_brand.yml:1:11: defaults must be a mapping, not '5'"),
    ("defaults:\n  handouts:\n    phone: {desk: 1}\n",
     "_brand.yml:3:12: defaults.handouts.phone must be text, not a mapping"),
])
def test_wrong_shapes_are_located(tmp_path: Path, text: str, expected: str) -> None:
    fails(tmp_path, text, expected)


def test_every_shape_problem_at_once_in_file_order(sample: Path,
                                                   cli: Callable[..., Result]) -> None:
    brand = sample / "_brand.yml"
    brand.write_text(brand.read_text().replace("  link:\n    home: https://", "  link:\n"
                                               "    home: ") + "logo: [a.png]\n"
                     "typography:\n  fonts: Open Sans\n")
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf")
    assert result.exit_code == 2
    lines = result.output.splitlines()
    assert "3 problems in the input:" in lines[0]
    assert re.search(r"_brand.yml:8:11: meta.link.home 'riverbend-health.example.org' is not "
                     r"a web address", lines[1])
    assert re.search(r"_brand.yml:38:7: logo must be a path or a mapping", lines[2])
    assert re.search(r"_brand.yml:40:10: typography.fonts must be a list", lines[3])
    assert not (sample / "build").exists()


BRAND_WORDS = {
    "meta": ("name", "full", "short", "link", "home"),
    "logo": ("images", "small", "medium", "large", "light", "dark", "path", "alt", "main"),
    "color": ("palette", "primary", "secondary", "foreground", "background", "river", "ink"),
    "typography": ("fonts", "family", "source", "files", "path", "weight", "style", "base",
                   "headings"),
    "defaults": ("handouts", "paper", "help_lines", "phone", "pptx_template"),
}
BRAND_VALUES = st.sampled_from(
    ["#1B5E7A", "#abc", "blurple", "river", "ink", "primary", "main", "logo.svg", "font.ttf",
     "../x.png", "https://example.org", "", "~", "400", "bold", "100..900", "auto", "a4",
     "4:3", "file", "google", "system", "italic", "Liberation Serif"]) \
    | st.text(max_size=6) | st.integers()


def brand_section(words: tuple[str, ...]) -> st.SearchStrategy[Any]:
    return st.recursive(BRAND_VALUES | st.none(), lambda inner: st.lists(inner, max_size=3)
                        | st.dictionaries(st.sampled_from(words), inner, max_size=4),
                        max_leaves=12)


BRAND_DATA = st.fixed_dictionaries({}, optional={
    section: brand_section(words) for section, words in BRAND_WORDS.items()})


@settings(max_examples=250, deadline=None)
@given(BRAND_DATA)
def test_any_brand_shape_gives_a_brand_or_located_problems(
        tmp_path_factory: pytest.TempPathFactory, data: dict[str, Any]) -> None:
    root = tmp_path_factory.mktemp("brand")
    shutil.copy(DATA / "harbourside-logo.svg", root / "logo.svg")
    shutil.copy(DATA / "fonts/LiberationSerif-Regular.ttf", root / "font.ttf")
    path = brand_file(root, yaml.safe_dump(data, allow_unicode=True))
    try:
        load_brand(path, root)
    except SettingsError as err:
        assert err.problems
        for problem in err.problems:
            assert problem.location.path == path and problem.location.line > 0, problem


def test_a_key_is_located_in_its_own_mapping(tmp_path: Path) -> None:
    # the same key, right in the first font file and misspelt in the second font's
    message = fails(tmp_path, "typography:\n  fonts:\n    - family: A\n      source: file\n"
                    "      files:\n        - {path: a.ttf, weight: 400}\n    - family: B\n"
                    "      source: file\n      files:\n        - path: b.ttf\n"
                    "          wieght: 700\n")
    assert message.endswith("_brand.yml:11:11: unknown key 'wieght' in a file of font 'B'; did "
                            "you mean 'weight'?")


HANDOUTS_SNAKE = """\
meta: {name: Keys Clinic}
defaults:
  handouts:
    slide_size: "4:3"
    qr_url: https://keys.example.org/qr
    help_lines: [Call 111]
    pptx_template: null
"""


def test_handouts_keys_in_brand_yml_kebab_case_read_as_snake_case(tmp_path: Path) -> None:
    snake = load_brand(brand_file(tmp_path, HANDOUTS_SNAKE), tmp_path)
    kebab = load_brand(brand_file(tmp_path, HANDOUTS_SNAKE.replace("_", "-")), tmp_path)
    assert (kebab.slide_size, kebab.qr_url, kebab.help_lines) == ("4:3",
                                                                  "https://keys.example.org/qr",
                                                                  ("Call 111",))
    assert dataclasses.replace(kebab, digest="") == dataclasses.replace(snake, digest="")


@pytest.mark.parametrize(("text", "expected"), [
    ("    slide_size: '4:3'\n    slide-size: '16:9'\n",
     "_brand.yml:4:5: defaults.handouts has both 'slide_size' (line 3) and 'slide-size'; "
     "keep one of them"),
    ("    qr: https://x.example.org\n",
     "_brand.yml:3:5: unknown key 'qr' in defaults.handouts; did you mean 'qr_url'?"),
    ("    help-line: [a]\n",
     "_brand.yml:3:5: unknown key 'help-line' in defaults.handouts; did you mean 'help-lines'?"),
    ("    slide-size: '5:4'\n",
     "_brand.yml:3:17: slide-size '5:4' is not a slide size; use \"16:9\" or \"4:3\" (quoted)"),
    ("    help-lines: 3\n",
     "_brand.yml:3:17: defaults.handouts.help-lines must be a list of lines; start each line "
     "with '- '"),
])
def test_handouts_key_mistakes_are_located_in_the_words_written(tmp_path: Path, text: str,
                                                                 expected: str) -> None:
    fails(tmp_path, "defaults:\n  handouts:\n" + text, expected)


@pytest.mark.parametrize(("text", "where"), [
    ("color: {primary: navy}\n", (1, 1)),
    ("# only a comment\n", (1, 1)),
    ("color: {primary: navy}\nmeta:\n  link: https://x.example.org\n", (2, 1)),
])
def test_a_brand_with_no_name_is_a_warning_at_the_file(tmp_path: Path, text: str,
                                                       where: tuple[int, int]) -> None:
    brand = load_brand(brand_file(tmp_path, text), tmp_path)
    assert brand.name == "Your Clinic"
    [warning] = [w for w in brand.warnings if w.code == "no-clinic-name"]
    assert warning.location == Location(tmp_path / "_brand.yml", *where)
    assert warning.message == ("the brand has no meta.name, so the handouts say 'Your Clinic'; "
                               "add meta: with name: and the clinic's name")


def test_a_brand_with_a_name_or_no_brand_file_has_no_such_warning(tmp_path: Path) -> None:
    assert load_brand(tmp_path / "_brand.yml", tmp_path).warnings == ()
    for text in ("meta: {name: A}\n", "meta: {name: {short: A}}\n"):
        assert load_brand(brand_file(tmp_path, text), tmp_path).warnings == ()
