"""Brand files and pictures checked before use: logos and pictures (PNG, JPEG, SVG) and
TrueType fonts.

Every file is read once, through files.read_input (a regular file inside its folders,
within its size limit, checked before reading), and what is checked is the very bytes a
writer gets. PNG and JPEG pictures are checked by handouts.brand.raster; SVG logos are
checked and drawn to PNG by handouts.brand.svg.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path

from handouts import files
from handouts.brand.raster import MAX_LOGO_PIXELS as MAX_LOGO_PIXELS
from handouts.brand.raster import ImageProblem as ImageProblem
from handouts.brand.raster import raster_problem as raster_problem
from handouts.brand.svg import svg_png as svg_png
from handouts.fonts.faces import truetype_problem

MAX_SVG_BYTES = 2_000_000
"""The largest SVG file (bytes) read."""

RASTER_SUFFIXES = (".png", ".jpg", ".jpeg")


def check_image(path: Path, roots: Sequence[Path] | None = None,
                fonts: Sequence[Path] = ()) -> str | None:
    """What is wrong with a logo or picture file, or None if it can be used.

    `roots` are the folders the file must lie in (by default the folder `path` names, for
    a caller that has already checked that): the file is read only if it is a regular
    file of at most files.LIMITS["image"] bytes (MAX_SVG_BYTES for SVG). `fonts` are the
    font files an SVG's text may be drawn in besides the bundled ones (svg.svg_png)."""
    try:
        picture_bytes(path, roots, fonts)
    except ImageProblem as exc:
        return str(exc)
    return None


def picture_bytes(path: Path, roots: Sequence[Path] | None = None,
                  fonts: Sequence[Path] = ()) -> bytes:
    """A picture file's PNG or JPEG bytes (an SVG drawn to PNG, its text in the bundled
    fonts or `fonts`) after every check check_image makes; raises ImageProblem."""
    data = read_picture(path, roots)
    if path.suffix.lower() == ".svg":
        return svg_png(data, fonts)
    problem = raster_problem(data)
    if problem:
        raise ImageProblem(problem)
    return data


def read_picture(path: Path, roots: Sequence[Path] | None = None) -> bytes:
    """A PNG, JPEG or SVG file's bytes, unchecked but for its name, its place inside
    `roots` (by default its own folder) and its size; raises ImageProblem."""
    suffix = path.suffix.lower()
    if suffix not in (".svg", *RASTER_SUFFIXES):
        raise ImageProblem("is not a PNG, JPEG or SVG file")
    limit = MAX_SVG_BYTES if suffix == ".svg" else files.LIMITS["image"]
    try:
        return files.read_input(path, roots or (path.parent,), limit)
    except files.Refused as exc:
        raise ImageProblem(exc.what) from None


def located(src: str, assets_roots: Sequence[Path]) -> Path:
    """Where a picture's `src` (relative to the first of `assets_roots`, or absolute)
    is."""
    path = Path(src)
    return path if path.is_absolute() else assets_roots[0] / path


def load_picture(src: str, assets_roots: Sequence[Path],
                 fonts: Sequence[Path] = ()) -> tuple[io.BytesIO, int, int]:
    """A picture from inside one of `assets_roots` (the project, and the folder of a brand
    file named on the command line; `src` relative to the first, or absolute), checked as a
    logo is, as PNG or JPEG bytes with its pixel size. An SVG's text is drawn in the
    bundled fonts or `fonts` (the brand's files). Raises ImageProblem."""
    from PIL import Image

    try:
        data = io.BytesIO(picture_bytes(located(src, assets_roots), assets_roots, fonts))
    except ImageProblem as exc:
        raise ImageProblem(f"the image '{src}' {exc}") from None
    with Image.open(data) as img:  # checked and decoded already: only its size is read
        width, height = img.size
    data.seek(0)
    return data, width, height


def check_font(path: Path, roots: Sequence[Path] | None = None) -> str | None:
    """What is wrong with a font file, or None if it is a usable TrueType font
    (handouts.fonts.faces.truetype_problem; nothing is registered with reportlab).

    `roots` are the folders the file must lie in (by default the folder `path` names); it
    is read only if it is a regular file of at most files.LIMITS["font"] bytes."""
    try:
        data = files.read_input(path, roots or (path.parent,), files.LIMITS["font"])
    except files.Refused as exc:
        return exc.what
    return truetype_problem(data)
