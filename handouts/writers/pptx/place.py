"""Where each shape of a planned slide goes (handouts.writers.pptx.plan has decided what
text goes on it): the title band or title and rule, the body, callouts, a QR code and its
caption, a logo, small print at the foot, and the pictures that carry a talk:

- an icon in place of each bullet that has one (actions), centred on the item's first
  line; its text stands ICON_INDENT from it, so the bullets keep their size and the "at
  most six" rule; each item of such a list is a text box of its own (`SlideBoxes.cells`),
  with its icon at its top, so the icon stays with its text wherever a presentation
  program sets it in another font (one text box for the list would reflow under the
  icons);
- a grid slide's cells and their icons (handouts.writers.pptx.grid);
- a section header's icon (SECTION_ICON) above the right end of its title band (on the
  built-in design: a clinic template's title may be anywhere);
- a statement, a callout alone on its slide with the slide's icon: the icon
  (STATEMENT_ICON points) left of the callout box, centred on it;
- a slide's icon otherwise at the top of the column a QR code would take, right of its
  text (CORNER_ICON points);
- a section's figure in a column (FIGURE_SHARE of the body's width) left of its text, as
  large as fits at its proportions, with its caption under it at the deck's body size.

The text beside a figure or a statement's icon is measured at the width it is drawn at
(`aside`).
"""

from __future__ import annotations

from dataclasses import replace

from handouts.document import model as L
from handouts.writers.geometry import SLIDE_QR_COLUMN, SLIDE_QR_SIZE
from handouts.writers.pptx.grid import arrange
from handouts.writers.pptx.measure import (
    CALLOUT_CLEAR,
    ICON_SIZE,
    LINE_SPACING,
    Measure,
    SlideGeometry,
    SlideOverflow,
    TitleTooLong,
    icon_inset,
    item_height,
    text,
    title_size,
    wrap_lines,
)
from handouts.writers.pptx.slides import (
    EMU_PER_PT,
    NUMBER_WIDTH,
    QR_CAPTION_TOP,
    QR_PICTURE_TOP,
    Box,
    PictureSize,
    PlacedIcon,
    PlannedSlide,
    SlideBoxes,
)

__all__ = ["ASIDE_GAP", "CAPTION_GAP", "CORNER_ICON", "FIGURE_SHARE", "SECTION_ICON",
           "STATEMENT_ICON", "aside", "beside", "figure_column", "foot_width", "place"]

FIGURE_SHARE = 0.42
"""A figure's column, as a share of the body's width."""
ASIDE_GAP = 24.0
"""The gap between a figure or a statement's icon and the text right of it, in points."""
CAPTION_GAP = 8.0
"""The gap between a figure and its caption, in points."""
STATEMENT_ICON = 120.0
"""The size of a statement's icon, in points."""
CORNER_ICON = 96.0
"""The size of a slide's icon at the top of the column right of its text, in points."""
SECTION_ICON = 120.0
"""The size of a section header's icon, above the right end of its title band, in
points."""


def _titled(slide: PlannedSlide, geo: SlideGeometry, measure: Measure) -> PlannedSlide:
    """`slide` with its title size; a continuation title too long with " (continued)"
    becomes the author's title under its `continued_kicker` (numbered as the title was).
    Raises TitleTooLong for an author's title too long."""
    if slide.continued and not slide.kicker:
        try:
            return replace(slide, title_size=title_size(slide.title, geo, measure))
        except TitleTooLong:  # " (continued, 2 of 3)" becomes "Continued, 2 of 3"
            slide = replace(slide, title=slide.title[:-1], kicker=slide.continued_kicker)
    return replace(slide, title_size=title_size(slide.title, geo, measure,
                                                bool(slide.kicker)))


def foot_width(geo: SlideGeometry) -> float:
    """The width of the small print's line: the body's, less the slide number's box."""
    return geo.body_width - NUMBER_WIDTH - 12


def _on_grid(points: float) -> float:
    """The length PowerPoint stores for `points` (whole EMUs, truncated), in points."""
    return int(points * EMU_PER_PT) / EMU_PER_PT


def _fit(image: L.Image, x: float, y: float, most_w: float, most_h: float,
         sizes: PictureSize) -> Box:
    """The box of `image` at (x, y), as large as fits most_w by most_h at its proportions."""
    w, h = sizes(image)
    scale = min(most_w / w, most_h / h)
    return Box(x, y, w * scale, h * scale)


def place(slide: PlannedSlide, geo: SlideGeometry, body: SlideGeometry,
          title_measure: Measure, measure: Measure, sizes: PictureSize) -> PlannedSlide:
    """`slide` with its title size and the boxes of its shapes; `body` is the geometry
    its items were measured in (narrower by the QR code's column)."""
    m = geo.margin
    # The title band of a title or section slide, in which its title (and a kicker) is set.
    band_top, band_h = geo.height * 0.30, geo.height * 0.34
    banded = slide.kind in ("title", "section") and not geo.template
    slide = _titled(slide, replace(geo, title_height=band_h) if banded else geo, title_measure)
    size = slide.title_size
    number = Box(geo.width - m - NUMBER_WIDTH, geo.height - 36, NUMBER_WIDTH, 24)
    # the foot's line sits in the strip kept free below the text area, as the number does
    foot = Box(m, min(max(geo.height - 36, geo.height - geo.bottom), geo.height - 24),
               foot_width(geo), 24) if slide.foot else None
    if slide.kind in ("title", "section"):
        # The title placeholder itself is the colour band across the slide.
        logo = _fit(slide.images[0], m, 30, 200, 72, sizes) if slide.images else None
        left = m + _on_grid(logo.width) + 16 if logo else m
        boxes = SlideBoxes(
            number,
            title=None if geo.template else Box(0, band_top, geo.width, band_h),
            title_inset=0.0 if geo.template else m,
            subtitle=None if geo.template else Box(m, band_top + band_h + 16,
                                                   geo.body_width, 110),
            fields=Box(m, geo.height - 96, geo.body_width - 80, 48) if slide.fields else None,
            picture=logo,
            clinic=Box(left, 40, geo.width - m - left, 60) if slide.items else None)
        if slide.kind == "section" and slide.icon and not geo.template:
            # the section's icon, large, over the right end of its title band
            top = max(0.0, (band_top - SECTION_ICON) / 2)
            boxes = replace(boxes, icons=(PlacedIcon(slide.icon, Box(
                geo.width - m - SECTION_ICON, top, SECTION_ICON, SECTION_ICON)),))
        return replace(slide, title_size=size, boxes=boxes)
    callouts = [i for i in slide.items if i.style == "callout"]
    texts = len(callouts) < len(slide.items)
    qr_w = beside(slide)
    left = aside(slide, geo)  # a figure's or a statement's icon's column, left of the text
    body_w = geo.body_width - qr_w - left
    gap = geo.body_size * slide.gap
    heights = [item_height(i, body, measure) for i in callouts]
    callout_h = sum(heights)
    # Callouts sit at the foot of the text area, or in its middle on a slide of their own.
    top = geo.body_top + (geo.body_height - callout_h) / (1 if texts else 2)
    boxes_of_callouts = []
    clear = geo.body_size * CALLOUT_CLEAR
    for h in heights:
        boxes_of_callouts.append(Box(m + left, top + clear, body_w, h - gap - clear))
        top += h
    side = geo.width - m - SLIDE_QR_SIZE
    boxes = SlideBoxes(
        number,
        # on a template's picture layout, the title goes where its content layout puts it
        title=None if geo.template and slide.figure is None else
        Box(m, geo.title_top, geo.title_box_width if geo.template else geo.body_width,
            geo.title_height),
        rule=None if geo.template else Box(m, geo.title_top + geo.title_height + 6, 96, 4),
        body=Box(m + left, geo.body_top, body_w, geo.body_height - callout_h) if texts
        else None,
        callouts=tuple(boxes_of_callouts),
        qr=Box(side, geo.body_top, SLIDE_QR_SIZE, SLIDE_QR_SIZE) if slide.qr else None,
        qr_caption=Box(side, geo.body_top + QR_CAPTION_TOP, SLIDE_QR_SIZE, 30)
        if slide.qr and slide.qr_caption else None,
        picture=_fit(slide.images[0], side, geo.body_top + (QR_PICTURE_TOP if slide.qr else 0),
                     SLIDE_QR_SIZE, 80, sizes) if slide.images else None,
        foot=foot)
    if slide.kind == "grid":  # each item a cell, its icon over it
        grid = arrange(slide.items, body, measure)
        if grid is None:  # plan split the items into grids that fit
            raise SlideOverflow(text(slide.title), 0.0)
        boxes = replace(boxes, body=None, cells=grid.cells, icons=grid.icons)
    elif texts and any(i.icon for i in slide.items):
        # an icon in place of each bullet that has one, on its first line, and each item
        # a shape of its own, so its icon stays with it
        cells, icons = _apart(slide, body, measure, boxes.body)
        boxes = replace(boxes, body=None, cells=cells, icons=icons)
    if slide.statement and boxes_of_callouts:
        first, last = boxes_of_callouts[0], boxes_of_callouts[-1]
        middle = (first.y + last.y + last.height) / 2
        boxes = replace(boxes, icons=(PlacedIcon(slide.icon, Box(
            m, middle - STATEMENT_ICON / 2, STATEMENT_ICON, STATEMENT_ICON)),))
    if slide.corner_icon:
        boxes = replace(boxes, icons=(*boxes.icons, PlacedIcon(slide.icon, Box(
            geo.width - m - CORNER_ICON, geo.body_top, CORNER_ICON, CORNER_ICON))))
    if slide.figure is not None:
        picture, caption = _figure(slide.figure, geo, measure, sizes)
        boxes = replace(boxes, figure=picture, caption=caption)
    return replace(slide, title_size=size, boxes=boxes)


def beside(slide: PlannedSlide) -> float:
    """How much narrower a slide's text is for the column right of it: a QR code's or a
    picture's (SLIDE_QR_COLUMN), or a slide's icon with its gap (0: none)."""
    if slide.qr or slide.images:
        return SLIDE_QR_COLUMN
    return CORNER_ICON + ASIDE_GAP if slide.corner_icon else 0.0


def aside(slide: PlannedSlide, geo: SlideGeometry) -> float:
    """How much narrower a slide's text is for what stands left of it: a figure's column,
    or a statement's icon, each with its gap (0: nothing)."""
    if slide.figure is not None:
        return figure_column(geo) + ASIDE_GAP
    if slide.statement:
        return STATEMENT_ICON + ASIDE_GAP
    return 0.0


def figure_column(geo: SlideGeometry) -> float:
    """The width of a figure's column, left of the slide's text."""
    return round(geo.body_width * FIGURE_SHARE)


def _apart(slide: PlannedSlide, body: SlideGeometry, measure: Measure,
           box: Box | None) -> tuple[tuple[Box, ...], tuple[PlacedIcon, ...]]:
    """Each text item's own box, and an icon for each that has one, centred on its first
    line where the bullet would be: the items stack from the top of the body box `box`,
    each as high as `item_height` measures it (its space after between the boxes); an
    item with an icon has its text box `icon_inset` right of the icon."""
    if box is None:
        return (), ()
    size = body.body_size
    icon = size * ICON_SIZE
    line = size * LINE_SPACING
    top = box.y
    cells, icons = [], []
    for item in slide.items:
        if item.style == "callout":
            continue
        inset = icon_inset(item, size)
        height = item_height(item, body, measure)
        cells.append(Box(box.x + inset, top, box.width - inset, height - size * body.gap))
        if item.icon:
            icons.append(PlacedIcon(item.icon, Box(box.x, top + (line - icon) / 2, icon, icon)))
        top += height
    return tuple(cells), tuple(icons)


def _figure(figure: L.Figure, geo: SlideGeometry, measure: Measure,
            sizes: PictureSize) -> tuple[Box, Box | None]:
    """The boxes of a section's figure and its caption: the picture as large as its column
    allows at its proportions, top-aligned with the text, and its caption under it at the
    deck's body size (never smaller: it is text to read)."""
    column = figure_column(geo)
    size = geo.body_size
    caption_h = wrap_lines(figure.caption, column, size, measure) * size * LINE_SPACING \
        if figure.caption else 0.0
    room = geo.body_height - (caption_h + CAPTION_GAP if caption_h else 0.0)
    picture = _fit(L.Image(figure.src, figure.alt, L.Pt(0)), geo.margin, geo.body_top,
                   column, max(room, geo.body_height / 3), sizes)
    caption = Box(geo.margin, picture.y + picture.height + CAPTION_GAP, column, caption_h) \
        if caption_h else None
    return picture, caption


