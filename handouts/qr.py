"""QR codes, encoded one way for every reader and writer: the check that an address fits a
QR code at all is the same encoding the writers draw, so an address that passes the brand
and layout readers is always drawn, and one that cannot be encoded is refused where it is
written rather than breaking a writer halfway through a build. The geometry of a code (its
quiet zone, its modules as rectangles, its PNG for a deck) is defined here too, once.
"""

from __future__ import annotations

import functools
import io
from typing import Any

ERROR_LEVEL = "m"
"""segno's error-correction level for every QR code (M: about 15% of a code may be lost)."""

BYTE_CAPACITY = 2331
"""The most bytes a QR code holds at ERROR_LEVEL (version 40, byte mode); for messages."""

QUIET_ZONE = 4
"""The white border around a printed QR code, in modules (the standard's minimum)."""
PNG_QUIET_ZONE = 2
"""The white border of a deck's QR picture, in modules; the slide's own margin around the
picture makes up the rest of the standard's four."""
PNG_MODULE_PX = 10
"""Pixels per module of a deck's QR picture (sharp when projected at its 150 pt)."""


def make(url: str) -> Any:
    """The QR code (a segno.QRCode) for `url`; raises ValueError (segno's DataOverflowError)
    when `url` is too long for any QR code."""
    import segno  # only when a code is made or checked: most commands never need one

    return segno.make(url, error=ERROR_LEVEL)


@functools.lru_cache(maxsize=64)
def problem(url: str) -> str | None:
    """What stops `url` being drawn as a QR code, completing a sentence about the address
    ("... is too long for a QR code (...)"), or None if it can be drawn. Cached: a build
    checks the same few addresses on every page, and encoding one costs milliseconds."""
    try:
        make(url)
    except ValueError:
        size = len(url.encode("utf-8"))
        return (f"is too long for a QR code ({size:,} bytes; a QR code holds at most "
                f"{BYTE_CAPACITY:,})")
    return None


TOO_LONG_TODO = "use a shorter address, such as the clinic's home page or a short link to it"
"""What to do about an address `problem` refused."""


def shown(url: str, limit: int = 60) -> str:
    """`url` for a message: cut to `limit` characters, with an ellipsis when cut."""
    return url if len(url) <= limit else url[:limit] + "…"


@functools.lru_cache(maxsize=32)
def dark_rects(url: str, size: float) -> tuple[tuple[float, float, float, float], ...]:
    """The dark parts of the QR code for `url`, drawn `size` points across with a quiet zone
    of QUIET_ZONE modules, as rectangles (x, y, width, height) in points from the code's
    lower-left corner: each row's runs of dark modules as one. Cached: encoding is slow, and
    every page of a build links to the same few addresses."""
    matrix = make(url).matrix
    unit = size / (len(matrix) + 2 * QUIET_ZONE)
    rects = []
    for row, modules in enumerate(matrix):
        y = size - (row + 1 + QUIET_ZONE) * unit
        col = 0
        while col < len(modules):
            if not modules[col]:
                col += 1
                continue
            start = col
            while col < len(modules) and modules[col]:
                col += 1
            rects.append(((start + QUIET_ZONE) * unit, y, (col - start) * unit, unit))
    return tuple(rects)


@functools.lru_cache(maxsize=32)
def png(url: str) -> bytes:
    """The QR code for `url` as PNG bytes, PNG_MODULE_PX pixels a module with a quiet zone
    of PNG_QUIET_ZONE modules. Cached: encoding is slow, and a build links to few addresses."""
    out = io.BytesIO()
    make(url).save(out, kind="png", scale=PNG_MODULE_PX, border=PNG_QUIET_ZONE)
    return out.getvalue()
