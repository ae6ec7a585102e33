"""Brand files checked before use: logos (PNG, JPEG, SVG) and TrueType fonts.

Images are measured from their headers before anything is decoded, so a decompression
bomb is refused without allocating it. SVG logos are rendered to PNG (resvg), since slide
decks cannot embed SVG and the PDFs then use the same picture.
"""

from __future__ import annotations

import functools
import io
import re
from pathlib import Path

MAX_LOGO_PIXELS = 25_000_000
"""A logo larger than this (width x height) is refused: it is no logo, or a bomb."""
MAX_SVG_BYTES = 2_000_000
LOGO_RENDER_WIDTH = 1200
"""Pixels across an SVG logo is rendered at (about 600 dpi at two inches)."""


def check_image(path: Path) -> str | None:
    """What is wrong with a logo file, or None if it can be used."""
    suffix = path.suffix.lower()
    if suffix == ".svg":
        size = path.stat().st_size
        if size > MAX_SVG_BYTES:
            return f"is {size:,} bytes, too large for a logo"
        text = path.read_text(encoding="utf-8", errors="replace")
        if "<svg" not in text:
            return "is not an SVG image"
        if re.search(r"<!ENTITY|<!DOCTYPE", text):
            return "declares a DOCTYPE or entities, which logos must not"
        try:
            svg_png(path)
        except Exception as exc:
            return f"cannot be drawn ({exc})"
        return None
    if suffix not in (".png", ".jpg", ".jpeg"):
        return "is not a PNG, JPEG or SVG file"
    import warnings

    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(path) as img:  # reads the header only
                width, height = img.size
                kind = img.format
    except Image.DecompressionBombError:
        return "is far too large (refused before decoding)"
    except OSError as exc:
        return f"is not a readable image ({exc})"
    if kind not in ("PNG", "JPEG"):
        return f"is a {kind} image, not PNG or JPEG"
    if width * height > MAX_LOGO_PIXELS:
        return (f"is {width} x {height} pixels ({width * height / 1e6:.0f} megapixels; refused "
                "before decoding)")
    return None


@functools.lru_cache(maxsize=16)
def svg_png(path: Path) -> bytes:
    """An SVG file rendered to PNG bytes, its resources looked up beside it only."""
    import resvg_py

    data = resvg_py.svg_to_bytes(svg_path=str(path), width=LOGO_RENDER_WIDTH,
                                 resources_dir=str(path.parent))
    return bytes(data)


def logo_png(path: Path) -> io.BytesIO:
    """A logo as PNG or JPEG bytes ready for a writer."""
    if path.suffix.lower() == ".svg":
        return io.BytesIO(svg_png(path))
    return io.BytesIO(path.read_bytes())


def check_font(path: Path) -> str | None:
    """What is wrong with a font file, or None if it is a usable TrueType font."""
    head = path.read_bytes()[:4]
    if head == b"OTTO":
        return ("has PostScript (CFF) outlines, which cannot be embedded here; use the "
                "TrueType (.ttf) version of the font")
    if head not in (b"\x00\x01\x00\x00", b"true"):
        return "is not a TrueType font (or is damaged)"
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        TTFontFile(str(path), validate=1)
    except (TTFError, OSError, ValueError, IndexError, KeyError) as exc:
        return f"is damaged or truncated ({exc})"
    return None


class ImageProblem(Exception):
    """A picture a template asked for that cannot be used."""


def load_picture(src: str, assets_root: Path) -> tuple[io.BytesIO, int, int]:
    """A picture from inside the project, checked, as PNG or JPEG bytes with its pixel size."""
    from PIL import Image

    path = Path(src)
    path = path if path.is_absolute() else assets_root / path
    if not path.resolve().is_relative_to(assets_root.resolve()):
        raise ImageProblem(f"the image '{src}' is outside the project")
    problem = check_image(path) if path.is_file() else "does not exist"
    if problem:
        raise ImageProblem(f"the image '{src}' {problem}")
    data = logo_png(path)
    with Image.open(data) as img:
        width, height = img.size
    data.seek(0)
    return data, width, height
