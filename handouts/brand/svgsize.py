"""An SVG's own size, as resvg measures it, from the attributes of its <svg> element:
width and height in any SVG unit or a percentage of the viewBox's, or the viewBox alone.
"""

from __future__ import annotations

import math
import re

from handouts.brand.raster import ImageProblem

_LENGTH_RE = re.compile(r"\s*([+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)\s*([a-z]*|%)\s*",
                        re.IGNORECASE)


def _unit_px(unit: str, dpi: float) -> float | None:
    """Pixels in one `unit` of an SVG length ("" and px are pixels; em is resvg's default
    16 px font), or None for a unit SVG does not have."""
    per_inch = {"in": 1.0, "cm": 2.54, "mm": 25.4, "pt": 72.0, "pc": 6.0}
    if unit in per_inch:
        return dpi / per_inch[unit]
    return {"": 1.0, "px": 1.0, "em": 16.0, "ex": 8.0}.get(unit)


def _length(root: dict[str, str], name: str, dpi: float) -> tuple[float, bool] | None:
    """The root's width or height: (pixels, False), or (percent, True), or None if it is
    not given; raises ImageProblem if it is not a positive length."""
    given = root.get(name)
    if given is None:
        return None
    match = _LENGTH_RE.fullmatch(given)
    unit = match.group(2).lower() if match else ""
    px = 1.0 if unit == "%" else _unit_px(unit, dpi)
    number = float(match.group(1)) * px if match and px is not None else math.nan
    if not (math.isfinite(number) and number > 0):
        raise ImageProblem(f"has {name}=\"{given}\" on its <svg> element, which is not a "
                           "positive length")
    return number, unit == "%"


def _view_box(root: dict[str, str]) -> tuple[float, float] | None:
    """The width and height of the root's viewBox, or None if it has none; raises
    ImageProblem if it is not four numbers with a positive width and height."""
    given = root.get("viewBox")
    if given is None:
        return None
    try:
        numbers = [float(part) for part in re.split(r"[\s,]+", given.strip())]
    except ValueError:
        numbers = []
    if len(numbers) != 4 or not all(math.isfinite(n) for n in numbers) \
            or numbers[2] <= 0 or numbers[3] <= 0:
        raise ImageProblem(f"has viewBox=\"{given}\", which is not four numbers with a "
                           "positive width and height")
    return numbers[2], numbers[3]


def svg_size(root: dict[str, str], dpi: float) -> tuple[float, float]:
    """The size (px) resvg gives an SVG whose <svg> element has these attributes: width and
    height, a percentage of the viewBox's, or (one missing) in the viewBox's proportions;
    raises ImageProblem if that is not a positive finite size."""
    width, height, box = _length(root, "width", dpi), _length(root, "height", dpi), \
        _view_box(root)
    if box is None:
        if width is None or height is None or width[1] or height[1]:
            raise ImageProblem("has no size of its own (give its <svg> element a viewBox, "
                               "or a width and height)")
        return width[0], height[0]
    if width is not None and not width[1] and height is None:
        return width[0], width[0] * box[1] / box[0]
    if height is not None and not height[1] and width is None:
        return height[0] * box[0] / box[1], height[0]
    sizes = [box[i] * (given[0] / 100 if given else 1.0) if given is None or given[1]
             else given[0] for i, given in enumerate((width, height))]
    return sizes[0], sizes[1]
