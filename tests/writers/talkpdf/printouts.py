"""Reading a printed talk back: its structure elements with their alternative text
(through pdfium's structure tree), and the sample's printouts beside their decks."""

from __future__ import annotations

import ctypes
import re
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as raw

from tests.helpers import run_tool

NOTO_HEIGHT = 1.362
"""pdftotext word-box height per point of font size for Noto Sans (ascent + descent)."""
MIN_PRINT = {"easy": 12.0, "standard": 11.0, "clinical": 11.0}


def printouts(root: Path, kind: str) -> list[Path]:
    """The built talk printouts of `kind` ('handout', 'notes') of a project."""
    return sorted((root / "build").rglob(f"*-{kind}.pdf"))


def deck_of(printout: Path) -> Path:
    """The deck a printout was printed from."""
    return printout.with_name(re.sub(r"-(handout|notes)\.pdf$", ".pptx", printout.name))


def _text(get: object, element: object) -> str:
    size = get(element, None, 0)  # type: ignore[operator]
    if not size:
        return ""
    buffer = ctypes.create_string_buffer(size)
    get(element, buffer, size)  # type: ignore[operator]
    return buffer.raw.decode("utf-16-le").rstrip("\x00")


def elements(path: Path) -> list[list[tuple[str, str]]]:
    """Each page's structure elements as (type, alternative text), depth first."""
    doc = pdfium.PdfDocument(str(path))
    pages = []
    try:
        for page in doc:
            tree = raw.FPDF_StructTree_GetForPage(page.raw)
            found: list[tuple[str, str]] = []

            def walk(element: object, found: list[tuple[str, str]]) -> None:
                found.append((_text(raw.FPDF_StructElement_GetType, element),
                              _text(raw.FPDF_StructElement_GetAltText, element)))
                for i in range(raw.FPDF_StructElement_CountChildren(element)):
                    child = raw.FPDF_StructElement_GetChildAtIndex(element, i)
                    if child:
                        walk(child, found)

            for i in range(raw.FPDF_StructTree_CountChildren(tree)):
                walk(raw.FPDF_StructTree_GetChildAtIndex(tree, i), found)
            raw.FPDF_StructTree_Close(tree)
            pages.append(found)
            page.close()
    finally:
        doc.close()
    return pages


def words(path: Path, page: int) -> list[tuple[float, float, float, float, str]]:
    """The words of a page with their boxes (x0, y0 from the top, x1, y1), points."""
    xml = run_tool("pdftotext", "-bbox", "-f", str(page), "-l", str(page), path, "-")
    return [(float(a), float(b), float(c), float(d), w) for a, b, c, d, w in re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>',
        xml)]


def checked(path: Path) -> None:
    """`path` passes qpdf --check and embeds every font it uses."""
    assert "No syntax or stream encoding errors" in run_tool("qpdf", "--check", path)
    fonts = run_tool("pdffonts", path).splitlines()[2:]
    assert fonts and all(line.split()[-5] == "yes" for line in fonts), fonts
