"""The order a listener hears a printed document in, which is not always the paper's.

A trifold's outside sheet is printed, left to right, inside flap, back panel, front
cover; folded, a reader meets the cover first, opens it onto the inside flap, opens that
onto the three inside panels, and turns it over to the back last. Everything else reads
in paper order: pages in turn, on a page its header, its panels left to right (a flyer's
left column, then its right), then its footer.
"""

from __future__ import annotations

from collections.abc import Sequence

from handouts.document import model as L
from handouts.writers.pdf.pages import PagePlan

__all__ = ["ranks"]


def ranks(layout: str, plans: Sequence[PagePlan]) -> list[list[int]]:
    """For each page of `plans`, the place in reading order (0 first) of each of its
    regions; `layout` is the document's (model.LAYOUTS)."""
    places = [(page, region) for page, plan in enumerate(plans)
              for region in range(len(plan.regions))]
    if layout == "trifold":
        places = _trifold(plans, places)
    out = [[0] * len(plan.regions) for plan in plans]
    for rank, (page, region) in enumerate(places):
        out[page][region] = rank
    return out


def _trifold(plans: Sequence[PagePlan],
             places: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Paper-order `places` of a trifold in reading order: the panel holding the title
    (the cover), the flaps of its sheet side, the other sides' regions, then the rest of
    the cover's side (the back)."""
    cover = next(((p, r) for p, r in places if _holds_title(plans[p].regions[r].panel)),
                 None)
    if cover is None:
        return places
    side = cover[0]
    flaps = [(p, r) for p, r in places if p == side and (p, r) != cover
             and (panel := plans[p].regions[r].panel) is not None and panel.flap]
    others = [place for place in places if place[0] != side]
    rest = [place for place in places
            if place[0] == side and place != cover and place not in flaps]
    return [cover, *flaps, *others, *rest]


def _holds_title(panel: L.Panel | None) -> bool:
    """Whether `panel` holds the document's title (a level-0 heading, perhaps in a band
    or a compact form)."""
    return panel is not None and _has_title(panel.blocks)


def _has_title(blocks: Sequence[L.PanelBlock]) -> bool:
    for block in blocks:
        if isinstance(block, L.Heading) and block.level == 0:
            return True
        if isinstance(block, (L.Band, L.Callout)) and _has_title(block.blocks):
            return True
        if isinstance(block, L.Fit) and _has_title((*block.full, *block.compact)):
            return True
    return False
