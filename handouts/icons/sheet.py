"""The bundled icons' contact sheet: every icon drawn as vectors in the brand's icon colour
(catalogue.icon_colour, at least 3:1 against the page) in a grid, each with its name, as
a tagged PDF like the handouts (each icon a Figure whose alternative text says what it
shows, each name a paragraph; handouts.writers.pdf.tags and .structure).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from itertools import count

from reportlab.lib import colors
from reportlab.lib.pagesizes import letter

from handouts.brand.svgdraw import svg_fonts
from handouts.colours import Palette, text_on
from handouts.fonts.families import builtin_fonts
from handouts.icons.catalogue import IconSet, bundled, icon_colour
from handouts.writers.pdf import figures, structure
from handouts.writers.pdf.tags import Node, TaggingCanvas, marked


@dataclass(frozen=True)
class Grid:
    """How the sheet is laid out, in points: page margin, columns, the icon's size and the
    height of one cell (icon and name)."""

    margin: float = 40.0
    columns: int = 6
    icon: float = 40.0
    cell: float = 72.0
    name_size: float = 9.0
    title_size: float = 16.0


def sheet_pdf(palette: Palette | None = None, icons: IconSet | None = None,
              grid: Grid | None = None) -> bytes:
    """The contact sheet of `icons` (the bundled set) in `palette`'s icon colour (the
    default brand's if None) as tagged PDF bytes, US letter."""
    palette, icons, grid = palette or Palette(), icons or bundled(), grid or Grid()
    fonts = svg_fonts([builtin_fonts()])
    colour = icon_colour(palette)
    ink = colors.HexColor(text_on(palette.background) if palette.background else "#1A1A1A")
    out = io.BytesIO()
    canvas = TaggingCanvas(out, pagesize=letter, invariant=1, pageCompression=1,
                           initialFontName=fonts.regular, initialFontSize=grid.name_size)
    title = "Bundled icons"
    canvas.setTitle(title)
    canvas.setCreator("make-handouts")
    keys = count()
    width, height = letter
    column = (width - 2 * grid.margin) / grid.columns
    per_page = int((height - 2 * grid.margin - 3 * grid.title_size) // grid.cell) * grid.columns
    for start in range(0, len(icons.icons), per_page):
        canvas.tags.start_page(canvas)
        canvas.tags.region(0)
        canvas.setFillColor(colors.HexColor(palette.background))
        canvas.rect(0, 0, width, height, stroke=0, fill=1)  # an artifact: the ground
        top = height - grid.margin
        if start == 0:
            with marked(canvas, (Node(next(keys), "H1"),)):
                canvas.setFillColor(ink)
                canvas.setFont(fonts.bold, grid.title_size)
                canvas.drawString(grid.margin, top - grid.title_size, title)
            with marked(canvas, (Node(next(keys), "P"),)):
                canvas.setFont(fonts.regular, grid.name_size)
                canvas.drawString(grid.margin, top - grid.title_size - 1.6 * grid.name_size,
                                  f"{len(icons.icons)} icons from {icons.title}, version "
                                  f"{icons.version} ({icons.licence} licence), drawn in "
                                  f"{colour} on {palette.background}")
        top -= 3 * grid.title_size if start == 0 else 0
        for n, icon in enumerate(icons.icons[start:start + per_page]):
            row, col = divmod(n, grid.columns)
            x = grid.margin + col * column
            y = top - row * grid.cell
            picture = figures.icon(icon.name, grid.icon, colour, fonts)
            picture.tag = (Node(next(keys), "Figure", icon.shows),)
            picture.drawOn(canvas, x + (column - grid.icon) / 2, y - grid.icon)
            with marked(canvas, (Node(next(keys), "P"),)):
                canvas.setFillColor(ink)
                canvas.setFont(fonts.regular, grid.name_size)
                canvas.drawCentredString(x + column / 2, y - grid.icon - 1.3 * grid.name_size,
                                         icon.name)
        canvas.tags.end_page(canvas)
        canvas.showPage()
    structure.finish(canvas, title, "en-US")
    canvas.save()
    return out.getvalue()


def listing(icons: IconSet | None = None) -> list[tuple[str, str]]:
    """Each bundled icon's name and what it shows, in the index's order."""
    return [(icon.name, icon.shows) for icon in (icons or bundled()).icons]
