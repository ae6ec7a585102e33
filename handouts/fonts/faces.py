"""A font file as bytes: its content key and whether it is a TrueType font the writers
can use.

The content key (SHA-256 of the bytes) is what the font service names a registered family
by, so the same bytes are one font however the file is named, and different bytes are
never taken for each other. Checking parses the file with reportlab's TrueType reader but
registers nothing: a brand is checked when it is loaded, long before (and whether or not)
a writer needs its fonts.
"""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from pathlib import Path

_TRUETYPE = (b"\x00\x01\x00\x00", b"true")
"""The first four bytes of a TrueType font (OpenType with glyf outlines, or Apple's)."""


@dataclass(frozen=True)
class Face:
    """One font file's bytes as read once, and where they were read from."""

    path: Path
    data: bytes

    @property
    def digest(self) -> str:
        """The SHA-256 of the bytes, as 64 hex digits."""
        return hashlib.sha256(self.data).hexdigest()

    def stream(self) -> io.BytesIO:
        """The bytes as a file for reportlab, named by the path (reportlab names the
        embedded font file's PDF object after it, as when it reads the path itself)."""
        stream = io.BytesIO(self.data)
        stream.name = str(self.path)
        return stream


def read_face(path: Path) -> Face:
    """The font file at `path`, read once; raises OSError if it cannot be read."""
    return Face(path, path.read_bytes())


def truetype_problem(data: bytes) -> str | None:
    """What is wrong with a font file's bytes, or None if they are a TrueType font whose
    tables reportlab can read (checksums included). The message completes a sentence
    that names the file ("... is not a TrueType font")."""
    if data[:4] == b"OTTO":
        return ("has PostScript (CFF) outlines, which cannot be embedded here; use the "
                "TrueType (.ttf) version of the font")
    if data[:4] not in _TRUETYPE:
        return "is not a TrueType font (or is damaged)"
    from reportlab.pdfbase.ttfonts import TTFError, TTFontFile

    try:
        TTFontFile(io.BytesIO(data), validate=1)
    except (TTFError, OSError, ValueError, IndexError, KeyError) as exc:
        return f"is damaged or truncated ({exc})"
    return None
