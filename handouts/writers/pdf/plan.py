"""The pure half of the PDF writer: page geometry and which blocks go in which frame.

Nothing here draws, and nothing needs a canvas. `panel_widths` gives fold-correct trifold
panels; `fill` pours measurable items (anything with reportlab's wrap/split protocol) into
frames, keeping headings with what follows and reporting what is left over; `balance`
does the same with side-by-side columns made to end at about the same height.
`handouts.writers.pdf.pages` uses them to plan whole pages.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from handouts.document.model import Pt
from handouts.writers.geometry import page_size

__all__ = ["EPSILON", "FLAP_INSET", "Box", "Filled", "FrameBreak", "Measurable", "Placed",
           "balance", "fill", "keeps_with_next", "keeps_with_previous", "page_size",
           "panel_widths"]

FLAP_INSET = Pt(4.5)
"""How much narrower a folding-in flap is: 1/16 inch, so it folds without buckling."""

EPSILON = 0.01
NO_CANVAS = None
"""What the plan passes to an item's wrapOn and splitOn: it measures without a canvas
(reportlab's flowables measure with font metrics alone)."""


class Measurable(Protocol):
    """What `fill` needs of an item: reportlab's Flowable protocol."""

    def wrapOn(self, canvas: Any, width: float, height: float) -> tuple[float, float]: ...

    def splitOn(self, canvas: Any, width: float, height: float) -> list[Measurable]: ...

    def getSpaceBefore(self) -> float: ...

    def getSpaceAfter(self) -> float: ...


class FrameBreak:
    """A marker item: continue in the next frame."""

    def wrapOn(self, canvas: Any, width: float, height: float) -> tuple[float, float]:
        return (0.0, 0.0)

    def splitOn(self, canvas: Any, width: float, height: float) -> list[Measurable]:
        return []

    def getSpaceBefore(self) -> float:
        return 0.0

    def getSpaceAfter(self) -> float:
        return 0.0


@dataclass(frozen=True)
class Box:
    """A rectangle on the page; x and y are its lower-left corner, from the page's."""

    x: Pt
    y: Pt
    width: Pt
    height: Pt


@dataclass(frozen=True)
class Placed:
    """An item and the y of its top edge inside its frame (0 at the frame's top)."""

    item: Measurable
    top: float
    height: float


@dataclass(frozen=True)
class Filled:
    """The result of `fill`: each frame's items, and what did not fit."""

    frames: tuple[tuple[Placed, ...], ...]
    leftover: tuple[Measurable, ...]
    leftover_height: float


def panel_widths(total: float, shares: Sequence[float], flaps: Sequence[bool]) -> list[Pt]:
    """Widths of side-by-side panels: by share, each flap FLAP_INSET narrower than its
    share would make it.

    The sheet is divided so that a flap is exactly FLAP_INSET narrower than an equal-share
    full panel; mirrored, a trifold's fold lines fall at the same places on both sides.
    """
    if all(flaps):
        return [Pt(total * s / sum(shares)) for s in shares]
    unit = (total + FLAP_INSET * sum(flaps)) / sum(shares)
    return [Pt(unit * s - (FLAP_INSET if f else 0.0)) for s, f in zip(shares, flaps, strict=True)]


def keeps_with_next(item: Measurable) -> bool:
    """Whether an item must not end a frame (a heading)."""
    return bool(getattr(getattr(item, "style", None), "keepWithNext", False)
                or getattr(item, "keepWithNext", False))


def keeps_with_previous(item: Measurable) -> bool:
    """Whether an item must not start a frame alone (a source line after its section)."""
    return bool(getattr(item, "keepWithPrevious", False))


def _pull_back(placed: list[Placed], queue: deque[Measurable], need: float,
               width: float) -> float | None:
    """Give back the frame's last item (and a heading before it) so that it is placed again
    with `need` points fewer, splitting it or moving it on with the item that keeps with it.

    Returns the frame's new height limit, or None if that would empty the frame.
    """
    moved = [placed[-1]]
    while len(placed) > len(moved) and keeps_with_next(placed[-1 - len(moved)].item):
        moved.append(placed[-1 - len(moved)])
    last = moved[0]
    if len(moved) == len(placed) and len(last.item.splitOn(NO_CANVAS, width,
                                                           last.height - need)) < 2:
        return None  # it would empty the frame and cannot split: the item goes on alone
    del placed[-len(moved):]
    queue.extendleft(m.item for m in moved)
    return last.top + last.height - need


def fill(items: Sequence[Measurable], frames: Sequence[tuple[float, float]],
         min_follow: float = 30.0) -> Filled:
    """Pour `items` into frames of (width, height) in order.

    Items that do not fit are split where they allow it; a heading moves to the next
    frame unless `min_follow` points of what follows fit under it.
    """
    queue: deque[Measurable] = deque(items)
    result: list[tuple[Placed, ...]] = []
    for width, frame_height in frames:
        height = frame_height
        placed: list[Placed] = []
        used = 0.0
        while queue:
            item = queue[0]
            if isinstance(item, FrameBreak):
                queue.popleft()
                if placed:
                    break
                continue
            before = item.getSpaceBefore() if placed else 0.0
            _, h = item.wrapOn(NO_CANVAS, width, height)
            need = before + h
            if keeps_with_next(item) and len(queue) > 1 and not isinstance(queue[1], FrameBreak):
                _, next_h = queue[1].wrapOn(NO_CANVAS, width, height)
                need += min(next_h, min_follow) + queue[1].getSpaceBefore()
            room = height - used
            if need <= room + EPSILON:
                queue.popleft()
                placed.append(Placed(item, used + before, h))
                used += before + h + item.getSpaceAfter()
                continue
            if keeps_with_previous(item) and placed:
                limit = _pull_back(placed, queue, need, width)
                if limit is not None:
                    used = placed[-1].top + placed[-1].height + placed[-1].item.getSpaceAfter() \
                        if placed else 0.0
                    height = min(height, limit)
                    continue
            if not keeps_with_next(item):
                parts = item.splitOn(NO_CANVAS, width, room - before)
                if len(parts) >= 2:
                    _, first_h = parts[0].wrapOn(NO_CANVAS, width, room - before)
                    if before + first_h <= room + EPSILON:
                        queue.popleft()
                        placed.append(Placed(parts[0], used + before, first_h))
                        queue.extendleft(reversed(parts[1:]))
                        break
            if not placed and not keeps_with_next(item):
                break  # taller than a whole frame and cannot split: left over
            if not placed:
                queue.popleft()  # a heading alone in an empty frame: place it anyway
                placed.append(Placed(item, used, h))
                used += h + item.getSpaceAfter()
                continue
            break
        result.append(tuple(placed))
        if not placed and queue:
            break  # stuck: the next item fits no frame
    leftover = tuple(i for i in queue if not isinstance(i, FrameBreak))
    width = frames[-1][0] if frames else 0.0
    overflow = sum(i.getSpaceBefore() + i.wrapOn(NO_CANVAS, width, 1e6)[1] for i in leftover)
    return Filled(tuple(result), leftover, overflow)


def balance(items: Sequence[Measurable], frames: Sequence[tuple[float, float]],
            step: float = 12.0) -> Filled:
    """Like `fill`, but with the frames cut to a common height at which the items still
    fit, so that side-by-side columns end at about the same height (the inside of a
    trifold reads as three even columns, not two full ones and a nearly empty one).

    Columns of a plain fill that already end within a quarter of the frame's height of
    each other are left as they are: some raggedness is normal, a column left nearly empty
    is not. Otherwise the height is found to within `step` points by halving between the
    even share of the content and the tallest column. What is returned is always the last
    fill run: reportlab items keep the measurements of their last run.
    """
    best = fill(items, frames)
    used = [max((p.top + p.height for p in placed), default=0.0) for placed in best.frames]
    tallest = max((h for _, h in frames), default=0.0)
    if best.leftover or len(used) < 2 or max(used) - min(used) <= tallest / 4:
        return best
    low, high = sum(used) / len(used), max(used)
    last_fits = True
    while high - low > step:
        middle = (low + high) / 2
        trial = fill(items, [(w, min(h, middle)) for w, h in frames])
        last_fits = not trial.leftover
        if last_fits:
            best, high = trial, middle
        else:
            low = middle
    return best if last_fits else fill(items, [(w, min(h, high)) for w, h in frames])
