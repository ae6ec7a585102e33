"""An address too long for a QR code is refused where it is written (the brand's qr_url or
home link, or a template's <qr href> or <contact qr>), with its location and exit 2,
before anything is written; no writer ever meets one."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result
from PIL import Image

from handouts import qr
from handouts.brand.brandyml import load_brand
from handouts.document import reader as layoutxml
from handouts.errors import SettingsError

SITE = "https://riverbend-health.example.org/"
CAPACITY = 2331
"""The most bytes segno fits in a QR code at error level M (version 40, byte mode)."""
TODO = "use a shorter address, such as the clinic's home page or a short link to it"


def address(size: int) -> str:
    """A web address of `size` bytes, in byte mode (lower case) as real addresses are."""
    return SITE + "a" * (size - len(SITE))


def edit_brand(project: Path, old: str, new: str) -> str:
    """Replace `old` with `new` in the project's brand; returns 'file:line:column' of where
    `new` starts."""
    brand = project / "_brand.yml"
    text = brand.read_text(encoding="utf-8")
    assert old in text
    text = text.replace(old, new)
    brand.write_text(text, encoding="utf-8")
    start = text.index(new)
    line = text.count("\n", 0, start) + 1
    return f"{brand}:{line}:{start - text.rfind(chr(10), 0, start)}"


def build(cli: Callable[..., Result], project: Path, fmt: str = "pdf") -> Result:
    return cli("-C", project, "build", "ketamine-and-addiction", "--level", "easy",
               "--length", "short", "--format", fmt, "--no-report")


def refused(result: Result, project: Path, message: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.output == f"Error: {message}\n"
    assert not (project / "build").exists()


def shown(url: str) -> str:
    return url[:60] + "…"


@pytest.mark.parametrize("fmt", ["pdf", "pptx"])
def test_a_qr_url_too_long_for_a_qr_code_is_refused_at_its_line(
        sample: Path, cli: Callable[..., Result], fmt: str) -> None:
    long = address(CAPACITY + 1)
    at = edit_brand(sample, "https://riverbend-health.example.org/learn", long)
    refused(build(cli, sample, fmt), sample,
            f"{at}: defaults.handouts.qr_url '{shown(long)}' is too long for a QR code "
            f"(2,332 bytes; a QR code holds at most 2,331); {TODO}")


def test_a_home_link_too_long_is_refused_when_the_qr_code_uses_it(
        sample: Path, cli: Callable[..., Result]) -> None:
    edit_brand(sample, "    qr_url: https://riverbend-health.example.org/learn\n", "")
    long = address(3000)
    at = edit_brand(sample, "https://riverbend-health.example.org\n", long + "\n")
    refused(build(cli, sample), sample,
            f"{at}: meta.link.home '{shown(long)}' is too long for a QR code (3,000 bytes; a QR "
            f"code holds at most 2,331); {TODO}")


def test_a_qr_url_must_be_a_web_address(sample: Path, cli: Callable[..., Result]) -> None:
    at = edit_brand(sample, "https://riverbend-health.example.org/learn", "javascript:alert(1)")
    refused(build(cli, sample), sample,
            f"{at}: defaults.handouts.qr_url 'javascript:alert(1)' is not a web address; write "
            "it in full, starting with https://")


def brand_with(tmp_path: Path, home: str, qr_url: str | None) -> Path:
    path = tmp_path / "_brand.yml"
    extras = f"defaults:\n  handouts:\n    qr_url: {qr_url}\n" if qr_url else ""
    path.write_text(f"meta:\n  name: Clinic\n  link: {home}\n{extras}", encoding="utf-8")
    return path


def test_the_limit_is_what_a_qr_code_holds(tmp_path: Path) -> None:
    fits = address(CAPACITY)
    assert load_brand(brand_with(tmp_path, SITE, fits), tmp_path).qr_url == fits
    qr.make(fits)  # the writers' own encoding takes it
    with pytest.raises(SettingsError, match=r"_brand.yml:6:13: defaults.handouts.qr_url .* is "
                       r"too long for a QR code \(2,332 bytes"):
        load_brand(brand_with(tmp_path, SITE, address(CAPACITY + 1)), tmp_path)
    with pytest.raises(ValueError):
        qr.make(address(CAPACITY + 1))
    # a home link the QR code does not use may be long
    brand = load_brand(brand_with(tmp_path, address(3000), SITE), tmp_path)
    assert brand.qr_url == SITE and brand.url == address(3000)


@pytest.mark.parametrize(("element", "shown_as"), [
    ('<qr href="{url}" caption="Scan"/>', "qr href"),
    ('<contact qr="{url}"><line>Call us</line></contact>', "contact qr"),
])
def test_a_layout_qr_address_too_long_is_a_layout_error(element: str, shown_as: str) -> None:
    url = address(CAPACITY + 1)
    xml = ('<document layout="flyer" title="t">\n<page name="p">\n<panel name="a">\n'
           f'{element.format(url=url)}\n</panel>\n</page>\n</document>')
    with pytest.raises(layoutxml.LayoutError) as err:
        layoutxml.read(xml)
    assert err.value.line == 4
    assert err.value.message == (f"<{shown_as}='{shown(url)}'> is too long for a QR code "
                                 f"(2,332 bytes; a QR code holds at most 2,331); {TODO}")
    assert layoutxml.read(xml.replace(url, SITE))  # a short address reads


def test_a_template_writing_a_qr_address_too_long_is_refused(
        sample: Path, cli: Callable[..., Result]) -> None:
    (sample / "templates").mkdir()
    (sample / "templates" / "flyer.xml.j2").write_text(
        '<document layout="flyer" title="{{ topic.title }}" lang="en">\n<page name="flyer">\n'
        '<panel name="all">\n<title>{{ topic.title }}</title>\n'
        f'<qr href="{SITE}{{{{ "a" * 2400 }}}}" caption="Scan"/>\n'
        "</panel>\n</page>\n</document>\n", encoding="utf-8")
    url = SITE + "a" * 2400
    result = build(cli, sample)
    assert result.exit_code == 2, result.output
    assert result.output == (
        "[1/1] ketamine-and-addiction-easy-flyer.pdf\n"
        "Error: flyer.xml.j2: the template wrote an invalid layout document (line 5 of its "
        f"output): <qr href='{shown(url)}'> is too long for a QR code (2,437 bytes; a QR "
        f"code holds at most 2,331); {TODO}; fix the template\n")
    assert list((sample / "build").rglob("*.pdf")) == []


def test_a_printed_code_keeps_its_quiet_zone_and_covers_the_modules_in_rows() -> None:
    matrix = qr.make(SITE).matrix
    size = 72.0
    unit = size / (len(matrix) + 2 * qr.QUIET_ZONE)
    rects = qr.dark_rects(SITE, size)
    edge = qr.QUIET_ZONE * unit
    for x, y, w, h in rects:
        assert x >= edge - 1e-9 and x + w <= size - edge + 1e-9
        assert y >= edge - 1e-9 and y + h <= size - edge + 1e-9
        assert h == pytest.approx(unit)
    dark = sum(sum(1 for m in row if m) for row in matrix)
    assert sum(w for _, _, w, _ in rects) == pytest.approx(dark * unit)


def test_a_deck_picture_is_its_modules_and_quiet_zone_in_pixels() -> None:
    side = (len(qr.make(SITE).matrix) + 2 * qr.PNG_QUIET_ZONE) * qr.PNG_MODULE_PX
    with Image.open(io.BytesIO(qr.png(SITE))) as picture:
        assert picture.size == (side, side)
