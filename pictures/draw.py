"""Draws the sample's explanatory pictures: four-step diagrams, in English and Spanish.

Run from the repository root:  python pictures/draw.py

Each diagram is four numbered boxes read clockwise, joined by arrows. Its words are drawn
as outlines of the bundled Noto Sans (fontTools), not as SVG text: the picture looks the
same in every brand and on every machine, and needs no font in the PDF. A screen reader
reads the picture's alt text in the topic file, which says everything the picture says.
Made for this project by its authors; the same licence as the rest of the repository.
"""

from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import escape

from fontTools.pens.svgPathPen import SVGPathPen
from fontTools.pens.transformPen import TransformPen
from fontTools.ttLib import TTFont

HERE = Path(__file__).resolve().parent
FONTS = HERE.parent / "handouts" / "fonts"
TEAL, TINT, INK, WHITE = "#1B5E7A", "#EAF3F6", "#1A1A1A", "#FFFFFF"
CELL_W, CELL_H, GAP = 150, 96, 30
"""A box's size and the room between boxes for an arrow, in the picture's units; drawn
in a brochure's 3.1-inch panel, the words are 12 pt or more."""

STEPS = {
    "ketamine-session": (
        "How a supervised ketamine session runs",
        [("Check in", "Staff check", "blood pressure"), ("Dose", "Given at", "the clinic"),
         ("Rest", "Staff stay close", "1 to 2 hours"), ("Go home", "Get a ride; no",
                                                         "driving that day")]),
    "ketamine-session.es": (
        "Cómo es una sesión de ketamina supervisada",
        [("Llegada", "Le toman la", "presión arterial"), ("Dosis", "Se la dan en", "la clínica"),
         ("Descanso", "Lo acompañan", "de 1 a 2 horas"), ("A casa", "Otra persona",
                                                          "debe manejar")]),
    "ketamine-heavy-use": (
        "How heavy use of ketamine can lead to harm",
        [("Heavy use", "Often, and", "with no doctor"), ("Tolerance", "Needing more",
                                                         "to feel it"),
         ("Cravings", "Wanting more,", "hard to stop"), ("Harm", "To memory", "and bladder")]),
    "ketamine-heavy-use.es": (
        "Cómo el uso intenso de ketamina puede causar daño",
        [("Mucho uso", "A menudo y", "sin médico"), ("Tolerancia", "Necesita más",
                                                     "para sentirla"),
         ("Ansias", "Quiere más,", "cuesta dejarla"), ("Daño", "A la memoria", "y la vejiga")]),
}


def words(text: str, x: float, y: float, size: float, font: TTFont, fill: str,
          middle: bool = False) -> str:
    """`text` as one SVG path of glyph outlines, its baseline at `y`, starting at `x` (or
    centred on it)."""
    cmap, glyphs = font.getBestCmap(), font.getGlyphSet()
    scale = size / font["head"].unitsPerEm
    names = [cmap[ord(c)] for c in text]
    advances = [font["hmtx"][name][0] for name in names]
    if middle:
        x -= sum(advances) * scale / 2
    pen = SVGPathPen(glyphs, ntos=lambda v: f"{v:.1f}".rstrip("0").rstrip("."))
    cursor = 0
    for name, advance in zip(names, advances, strict=True):
        glyphs[name].draw(TransformPen(pen, (scale, 0, 0, -scale, x + cursor * scale, y)))
        cursor += advance
    return f'<path d="{pen.getCommands()}" fill="{fill}"/>'


def diagram(title: str, cells: list[tuple[str, str, str]], regular: TTFont,
            bold: TTFont) -> str:
    width, height = 2 * CELL_W + GAP, 2 * CELL_H + 28
    corners = [(0, 0), (CELL_W + GAP, 0), (CELL_W + GAP, CELL_H + 28), (0, CELL_H + 28)]
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'viewBox="0 0 {width} {height}">', f"<title>{escape(title)}</title>"]
    for n, ((head, *lines), (x, y)) in enumerate(zip(cells, corners, strict=True)):
        out.append(f'<rect x="{x + 1}" y="{y + 1}" width="{CELL_W - 2}" height="{CELL_H - 2}" '
                   f'rx="10" fill="{TINT}" stroke="{TEAL}" stroke-width="2"/>')
        out.append(f'<circle cx="{x + 21}" cy="{y + 23}" r="14" fill="{TEAL}"/>')
        out.append(words(str(n + 1), x + 21, y + 30, 19, bold, WHITE, middle=True))
        out.append(words(head, x + 41, y + 30, 19, bold, INK))
        for row, line in enumerate(lines):
            out.append(words(line, x + 9, y + 60 + 24 * row, 18, regular, INK))
    row2, middle_y, right_x = CELL_H + 28, CELL_H / 2, CELL_W + GAP + CELL_W / 2
    for line, tip in (
            (f"M{CELL_W + 2} {middle_y} L{CELL_W + GAP - 10} {middle_y}",
             f"M{CELL_W + GAP - 12} {middle_y - 8} L{CELL_W + GAP - 1} {middle_y} "
             f"L{CELL_W + GAP - 12} {middle_y + 8} Z"),
            (f"M{right_x} {CELL_H + 2} L{right_x} {row2 - 10}",
             f"M{right_x - 8} {row2 - 12} L{right_x} {row2 - 1} L{right_x + 8} {row2 - 12} Z"),
            (f"M{CELL_W + GAP - 2} {row2 + middle_y} L{CELL_W + 10} {row2 + middle_y}",
             f"M{CELL_W + 12} {row2 + middle_y - 8} L{CELL_W + 1} {row2 + middle_y} "
             f"L{CELL_W + 12} {row2 + middle_y + 8} Z")):
        out.append(f'<path d="{line}" stroke="{TEAL}" stroke-width="4" fill="none"/>')
        out.append(f'<path d="{tip}" fill="{TEAL}"/>')
    out.append("</svg>")
    return "\n".join(out) + "\n"


def main() -> None:
    regular = TTFont(str(FONTS / "NotoSans-Regular.ttf"))
    bold = TTFont(str(FONTS / "NotoSans-Bold.ttf"))
    for name, (title, cells) in STEPS.items():
        (HERE / f"{name}.svg").write_text(diagram(title, cells, regular, bold),
                                          encoding="utf-8")


if __name__ == "__main__":
    main()
