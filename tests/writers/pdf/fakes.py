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


class Callout(Block):
    """A fake callout box: never split between frames unless taller than a frame."""

    keepWhole = True


class Items(Block):
    """A fake list of `count` items of `each` lines; it splits into one block per item,
    named `name0`, `name1`, ..., as reportlab's list does."""

    def __init__(self, name: str, count: int, each: int = 1) -> None:
        super().__init__(name, count * each)
        self.listItems, self.each = count, each

    def splitOn(self, canvas: Any, width: float, height: float) -> list[Block]:
        return [Block(f"{self.name}{n}", self.each) for n in range(self.listItems)]


class Figure(Callout):
    """A fake figure with its caption: kept whole, and floating to the next frame's head
    rather than leave a large gap."""

    floats = True
