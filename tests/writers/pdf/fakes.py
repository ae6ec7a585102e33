"""A fake measured item for the print plan's tests: no reportlab, no canvas."""

from __future__ import annotations

from typing import Any


class Block:
    """A fake flowable of fixed height that splits into `lines` lines of 10 pt."""

    def __init__(self, name: str, lines: int, heading: bool = False, before: float = 0) -> None:
        self.name, self.lines, self.keepWithNext, self.before = name, lines, heading, before

    def wrapOn(self, canvas: Any, width: float, height: float) -> tuple[float, float]:
        return (width, self.lines * 10.0)

    def splitOn(self, canvas: Any, width: float, height: float) -> list[Block]:
        fits = int(height // 10)
        if self.keepWithNext or fits < 1 or fits >= self.lines:
            return []
        return [Block(self.name, fits), Block(self.name, self.lines - fits)]

    def getSpaceBefore(self) -> float:
        return self.before

    def getSpaceAfter(self) -> float:
        return 0.0
