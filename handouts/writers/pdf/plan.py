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

__all__ = ["EPSILON", "FLAP_INSET", "FLOAT_GAP", "MAX_WHOLE_LIST", "MIN_LIST_SIDE", "Box",
           "Filled", "FrameBreak", "Group", "Measurable", "Placed", "balance", "fill",
           "floats", "keeps_whole", "keeps_with_next", "keeps_with_previous", "page_size",
           "panel_widths"]

FLAP_INSET = Pt(4.5)
"""How much narrower a folding-in flap is: 1/16 inch, so it folds without buckling."""

EPSILON = 0.01
MAX_WHOLE_LIST = 6
"""The most items a list may have and still never be split between frames."""
MIN_LIST_SIDE = 2
"""The fewest items a longer list leaves on either side of a frame break."""
FLOAT_GAP = 0.2
"""The largest share of a frame a floating item (a figure) leaves blank by moving on to
the next frame whole; where it would leave more, the text after it fills the gap and the
figure heads the next frame, as a typesetter floats a figure to the next page."""
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


class Group:
    """Items of one list kept together as one measurable item: a part of a longer list
    split between list items. `listItems` is how many list items it holds."""

    def __init__(self, items: Sequence[Measurable], list_items: int) -> None:
        self.items, self.listItems = tuple(items), list_items
        self.heights: tuple[float, ...] = ()

    def wrapOn(self, canvas: Any, width: float, height: float) -> tuple[float, float]:
        self.heights = tuple(i.wrapOn(canvas, width, height)[1] for i in self.items)
        gaps = sum(a.getSpaceAfter() + b.getSpaceBefore()
                   for a, b in zip(self.items, self.items[1:], strict=False))
        return (width, sum(self.heights) + gaps)

    def splitOn(self, canvas: Any, width: float, height: float) -> list[Measurable]:
        return list(self.items) if len(self.items) > 1 else []

    def getSpaceBefore(self) -> float:
        return self.items[0].getSpaceBefore()

    def getSpaceAfter(self) -> float:
        return self.items[-1].getSpaceAfter()

    def drawOn(self, canvas: Any, x: float, y: float) -> None:
        """Draw each item under the one before, the group's lower-left at (x, y)."""
        top = y + sum(self.heights) + sum(
            a.getSpaceAfter() + b.getSpaceBefore()
            for a, b in zip(self.items, self.items[1:], strict=False))
        for n, (item, height) in enumerate(zip(self.items, self.heights, strict=True)):
            top -= (item.getSpaceBefore() if n else 0.0) + height
            item.drawOn(canvas, x, top)  # type: ignore[attr-defined]
            top -= item.getSpaceAfter()


def keeps_whole(item: Measurable, whole_list: int = MAX_WHOLE_LIST) -> bool:
    """Whether an item must not be split between frames: a callout (`keepWhole`), or a
    list (`listItems`, its number of items) of up to `whole_list` items."""
    return bool(getattr(item, "keepWhole", False)) or \
        0 < getattr(item, "listItems", 0) <= whole_list


def _split(item: Measurable, width: float, room: float, whole_frame: bool,
           whole_list: int) -> list[Measurable]:
    """The parts of `item` split to fit `room` points, or [] where it must not split.

    An item that fits no whole frame may split anywhere (it could not be kept whole),
    a list into its items, each then kept whole; otherwise a callout or a list of up to
    `whole_list` items does not split, and a longer list splits only between its items,
    leaving MIN_LIST_SIDE of them or more on either side.
    """
    if whole_frame:
        parts = item.splitOn(NO_CANVAS, width, room)
        # a list (or a group of its items) taller than a frame: into its items, each kept
        # whole unless it is itself taller than a frame
        if getattr(item, "listItems", 0):
            for part in parts:
                part.keepWhole = True  # type: ignore[attr-defined]
        return parts
    if keeps_whole(item, whole_list):
        return []
    count = getattr(item, "listItems", 0)
    if not count:
        return item.splitOn(NO_CANVAS, width, room)
    parts = item.splitOn(NO_CANVAS, width, room)
    if len(parts) != count:
        return []  # not one part per list item: do not guess where the items end
    used, fits = 0.0, 0
    for n, part in enumerate(parts):
        used += (part.getSpaceBefore() if n else 0.0) + part.wrapOn(NO_CANVAS, width, room)[1]
        if used > room + EPSILON:
            break
        fits, used = n + 1, used + part.getSpaceAfter()
    fits = min(fits, count - MIN_LIST_SIDE)
    if fits < MIN_LIST_SIDE:
        return []
    return [Group(parts[:fits], fits), Group(parts[fits:], count - fits)]


def keeps_with_next(item: Measurable) -> bool:
    """Whether an item must not end a frame (a heading)."""
    return bool(getattr(getattr(item, "style", None), "keepWithNext", False)
                or getattr(item, "keepWithNext", False))


def floats(item: Measurable) -> bool:
    """Whether an item may be placed after the text that follows it, at the head of the
    next frame, rather than leave a gap (`floats`: a figure with its caption)."""
    return bool(getattr(item, "floats", False))


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


def _space_before(item: Measurable, placed: Sequence[Placed]) -> float:
    """The space above `item` under the frame's last placed item: its own space before,
    or more where it asks for `clearAbove` points in all (a callout box clear of the
    text above); none at the top of a frame."""
    if not placed:
        return 0.0
    clear = getattr(item, "clearAbove", 0.0) - placed[-1].item.getSpaceAfter()
    return max(item.getSpaceBefore(), clear)


def _drop_trailing_headings(placed: list[Placed], queue: deque[Measurable]) -> None:
    """Give back headings that would end a frame with more to follow (what they head went
    on to the next frame), unless they are all the frame holds."""
    if not any(not isinstance(i, FrameBreak) for i in queue):
        return
    keep = len(placed)
    while keep > 1 and keeps_with_next(placed[keep - 1].item):
        keep -= 1
    if keep == 1 and keeps_with_next(placed[0].item):
        return
    queue.extendleft(p.item for p in reversed(placed[keep:]))
    del placed[keep:]


def fill(items: Sequence[Measurable], frames: Sequence[tuple[float, float]],
         min_follow: float = 30.0, whole: Sequence[float] | None = None,
         whole_list: int = MAX_WHOLE_LIST) -> Filled:
    """Pour `items` into frames of (width, height) in order.

    Items that do not fit are split where they allow it and `_split` permits (a callout
    or a short list only if it is taller than the frame's `whole` height: its height
    before `balance` cut it; default: `frames`' heights; a list of up to `whole_list`
    items counts as short); a heading moves to the next
    frame unless `min_follow` points of what follows fit under it, and never ends a frame
    that more follows. A floating item (`floats`) that would move on and leave more than
    FLOAT_GAP of its frame blank lets what follows it fill the frame first, and heads the
    next frame, after the rest of an item split at the frame's foot (a figure never cuts
    a paragraph in two).
    """
    queue: deque[Measurable] = deque(items)
    result: list[tuple[Placed, ...]] = []
    wholes = list(whole) if whole is not None else [h for _, h in frames]
    deferred: Measurable | None = None
    rests: set[int] = set()  # the ids of the later parts of split items
    for (width, frame_height), whole_height in zip(frames, wholes, strict=True):
        if deferred is not None:
            ahead = 0
            while ahead < len(queue) and id(queue[ahead]) in rests:
                ahead += 1
            queue.insert(ahead, deferred)
            deferred = None
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
            before = _space_before(item, placed)
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
            if floats(item) and deferred is None and placed and len(queue) > 1 \
                    and not isinstance(queue[1], FrameBreak) \
                    and room > FLOAT_GAP * frame_height and h <= whole_height + EPSILON:
                deferred = queue.popleft()
                continue
            if keeps_with_previous(item) and placed:
                limit = _pull_back(placed, queue, need, width)
                if limit is not None:
                    used = placed[-1].top + placed[-1].height + placed[-1].item.getSpaceAfter() \
                        if placed else 0.0
                    height = min(height, limit)
                    continue
            if not keeps_with_next(item):
                parts = _split(item, width, room - before, h > whole_height + EPSILON,
                               whole_list)
                if len(parts) >= 2:
                    _, first_h = parts[0].wrapOn(NO_CANVAS, width, room - before)
                    if before + first_h <= room + EPSILON:
                        queue.popleft()
                        placed.append(Placed(parts[0], used + before, first_h))
                        used += before + first_h + parts[0].getSpaceAfter()
                        queue.extendleft(reversed(parts[1:]))
                        rests.update(id(part) for part in parts[1:])
                        continue  # a list splits into its items: more of them may fit
            if not placed and not keeps_with_next(item):
                break  # taller than a whole frame and cannot split: left over
            if not placed:
                queue.popleft()  # a heading alone in an empty frame: place it anyway
                placed.append(Placed(item, used, h))
                used += h + item.getSpaceAfter()
                continue
            break
        _drop_trailing_headings(placed, queue)
        result.append(tuple(placed))
        if not placed and queue:
            break  # stuck: the next item fits no frame
    if deferred is not None:
        queue.appendleft(deferred)
    leftover = tuple(i for i in queue if not isinstance(i, FrameBreak))
    width = frames[-1][0] if frames else 0.0
    overflow = sum(i.getSpaceBefore() + i.wrapOn(NO_CANVAS, width, 1e6)[1] for i in leftover)
    return Filled(tuple(result), leftover, overflow)


def balance(items: Sequence[Measurable], frames: Sequence[tuple[float, float]],
            step: float = 12.0, whole_list: int = MAX_WHOLE_LIST) -> Filled:
    """Like `fill`, but with the frames cut to a common height at which the items still
    fit, so that side-by-side columns end at about the same height (the inside of a
    trifold reads as three even columns, not two full ones and a nearly empty one).

    Columns of a plain fill that already end within a quarter of the frame's height of
    each other are left as they are: some raggedness is normal, a column left nearly empty
    is not. Otherwise the height is found to within `step` points by halving between the
    even share of the content and the tallest column. What is returned is always the last
    fill run: reportlab items keep the measurements of their last run. A list of up to
    `whole_list` items is never split between frames (see `fill`): across a fold, six;
    between a flyer's columns, three (a longer list leaves two items or more a side).
    """
    best = fill(items, frames, whole_list=whole_list)
    whole = [h for _, h in frames]
    used = [max((p.top + p.height for p in placed), default=0.0) for placed in best.frames]
    tallest = max((h for _, h in frames), default=0.0)
    if best.leftover or len(used) < 2 or max(used) - min(used) <= tallest / 4:
        return best
    low, high = sum(used) / len(used), max(used)
    last_fits = True
    while high - low > step:
        middle = (low + high) / 2
        trial = fill(items, [(w, min(h, middle)) for w, h in frames], whole=whole,
                     whole_list=whole_list)
        last_fits = not trial.leftover
        if last_fits:
            best, high = trial, middle
        else:
            low = middle
    return best if last_fits else fill(items, [(w, min(h, high)) for w, h in frames],
                                       whole=whole, whole_list=whole_list)
