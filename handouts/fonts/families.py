"""Font families as files: the bundled Noto Sans, or a brand's TrueType files."""

from __future__ import annotations

import functools
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

BUILTIN_FONT_NAME = "Noto Sans"


@dataclass(frozen=True)
class Fonts:
    """The four TrueType files of one family."""

    regular: Path
    bold: Path
    italic: Path
    bold_italic: Path

    @property
    def files(self) -> tuple[Path, ...]:
        """The family's files, each once (a face may stand in for another)."""
        return tuple(dict.fromkeys((self.regular, self.bold, self.italic, self.bold_italic)))


@functools.cache
def builtin_fonts() -> Fonts:
    """The bundled Noto Sans family (found in the installed package once per process)."""
    root = Path(str(resources.files("handouts") / "fonts"))
    return Fonts(root / "NotoSans-Regular.ttf", root / "NotoSans-Bold.ttf",
                 root / "NotoSans-Italic.ttf", root / "NotoSans-BoldItalic.ttf")
