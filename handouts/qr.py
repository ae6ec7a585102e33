"""QR codes, encoded one way for every reader and writer: the check that an address fits a
QR code at all is the same encoding the writers draw, so an address that passes the brand
and layout readers is always drawn, and one that cannot be encoded is refused where it is
written rather than breaking a writer halfway through a build.
"""

from __future__ import annotations

import functools
from typing import Any

ERROR_LEVEL = "m"
"""segno's error-correction level for every QR code (M: about 15% of a code may be lost)."""

BYTE_CAPACITY = 2331
"""The most bytes a QR code holds at ERROR_LEVEL (version 40, byte mode); for messages."""


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
