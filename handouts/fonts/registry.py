"""Font families registered with reportlab, named by their content.

reportlab keeps one process-wide table of fonts by name, and a build may make outputs
for several brands in one process (`--brand a --brand b -j 1`, a rebuild where some
outputs are up to date, `watch`). A family is therefore registered under a name made from
the SHA-256 of its four files' bytes: the same four files are registered once however
often (or under whatever file names) they are asked for, and a family whose bytes differ
in any face gets a name of its own, so one brand's fonts never stand in for another's.

The name is per family, not per file: reportlab maps each face's name back to one family
to find the bold or italic of a paragraph's <b> and <i>, so a file used by two families
(or in two roles, such as a regular face standing in for a missing italic) is registered
once for each, as a face of that family. The embedded font keeps the PostScript name the
file gives it; the registered name never appears in a PDF.
"""

from __future__ import annotations

import functools
import hashlib
import os
from dataclasses import dataclass
from pathlib import Path

from handouts.fonts.faces import Face, read_face
from handouts.fonts.families import Fonts

PREFIX = "Handouts-"
"""What every registered family name starts with (the rest is 64 hex digits)."""

_SUFFIXES = ("", "-Bold", "-Italic", "-BoldItalic")
"""The faces' names after the family's, in the order of `FaceNames` (reportlab's own
convention)."""


@dataclass(frozen=True)
class FaceNames:
    """reportlab's names for the four faces of one registered family. The regular face's
    name is the family's: a paragraph style names it, and reportlab finds the other faces
    from it."""

    regular: str
    bold: str
    italic: str
    bold_italic: str

    @property
    def family(self) -> str:
        return self.regular


def family_name(digests: tuple[str, str, str, str]) -> str:
    """The registered name of a family whose regular, bold, italic and bold italic files
    have these SHA-256 digests (hex)."""
    return PREFIX + hashlib.sha256(":".join(digests).encode("ascii")).hexdigest()


def names(family: str) -> FaceNames:
    """The faces' names of the family registered as `family`."""
    regular, bold, italic, bold_italic = (family + suffix for suffix in _SUFFIXES)
    return FaceNames(regular, bold, italic, bold_italic)


def register(fonts: Fonts, italic: bool = True) -> FaceNames:
    """Register the family's faces with reportlab (each once per content) and return
    their names. The italic faces are parsed only when `italic` asks for them: parsing a
    face takes about 10 ms, and most handouts have no italics. Raises OSError if a file
    cannot be read, reportlab's TTFError if it is not a font it can use."""
    from reportlab.pdfbase import pdfmetrics

    paths = (fonts.regular, fonts.bold, fonts.italic, fonts.bold_italic)
    wanted = 4 if italic else 2
    family = family_name(_digests(paths))
    registered = set(pdfmetrics.getRegisteredFontNames())
    faces = names(family)
    if all(name in registered for name in _listed(faces)[:wanted]):
        return faces
    # Register what these very bytes are, even if a file changed since it was last hashed.
    read: dict[Path, Face] = {}
    for path in paths:
        if path not in read:
            read[path] = read_face(path)
    files = tuple(read[path] for path in paths)
    family = family_name((files[0].digest, files[1].digest, files[2].digest, files[3].digest))
    faces = names(family)
    from reportlab.pdfbase.ttfonts import TTFont

    for name, face in list(zip(_listed(faces), files, strict=True))[:wanted]:
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, face.stream()))
    pdfmetrics.registerFontFamily(family, normal=faces.regular, bold=faces.bold,
                                  italic=faces.italic, boldItalic=faces.bold_italic)
    return faces


def _listed(faces: FaceNames) -> tuple[str, str, str, str]:
    return (faces.regular, faces.bold, faces.italic, faces.bold_italic)


def _digests(paths: tuple[Path, Path, Path, Path]) -> tuple[str, str, str, str]:
    """The SHA-256 of each file's bytes (hex); raises OSError."""
    regular, bold, italic, bold_italic = (_digest(p, _identity(p)) for p in paths)
    return regular, bold, italic, bold_italic


def _identity(path: Path) -> tuple[int, int, int, int, int]:
    """What changes whenever a file's bytes do: device, inode, size, modification and
    change times (the change time cannot be set back by a user)."""
    st = os.stat(path)
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


@functools.lru_cache(maxsize=64)
def _digest(path: Path, identity: tuple[int, int, int, int, int]) -> str:
    """The SHA-256 of the file's bytes (hex), remembered while `identity` stays the same:
    every output asks for its fonts, and hashing a family's four files each time would
    cost more than a millisecond."""
    return read_face(path).digest
