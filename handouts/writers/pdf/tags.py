"""Tagging while drawing: marked content and the logical structure it belongs to.

A tagged PDF (ISO 32000-1 14.7-14.8; PDF/UA-1) marks every piece of drawn content either
as real content, belonging to a structure element (a paragraph, a heading, a list label,
a figure), or as an artifact (bands, boxes, rules, fold marks, running footers). reportlab
has no tagging API, so this module writes the marked-content operators into the page
stream as literal code while the writer draws:

- each flowable that draws content carries a `tag`, the `Path` of structure elements it
  belongs to from the top (`Builder` in handouts.writers.pdf.flowables gives it one), and
  draws inside `marked(canvas, tag)`;
- everything else a page draws is an artifact: the `Recorder` keeps an artifact open
  whenever no content is being marked, so no drawing is ever left unmarked.

Structure elements are `Node`s with a key unique within one drawing; parts of one block
drawn in several places (a paragraph split between panels, a list split between pages)
share their nodes, so they become one element. What is recorded is turned into the
structure tree by handouts.writers.pdf.structure.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from reportlab.pdfbase.pdfdoc import PDFDictionary, PDFString
from reportlab.pdfgen.canvas import Canvas

__all__ = ["Kid", "Link", "Node", "Path", "Recorder", "TaggingCanvas", "marked"]


@dataclass(frozen=True)
class Node:
    """A structure element: its standard type (PDF 1.7 14.8.4: P, H1-H6, L, LI, Lbl,
    LBody, Figure, Div), its alternative text (a Figure's), and a key unique in one
    drawing."""

    key: int
    role: str
    alt: str = ""


Path = tuple[Node, ...]
"""The structure elements a piece of content belongs to, outermost first; the last is the
element the content is marked for."""


@dataclass(frozen=True)
class Link:
    """A link annotation inside a structure element: the annotation's dictionary, the
    (0-based) page it is on, and what it says to a listener."""

    annotation: Any
    page: int
    contents: str


Kid = tuple[str, int, int]
"""A kid of a recorded element, in drawing order: ("node", key, 0) a child element,
("mcid", page, mcid) marked content on a page (0-based), ("link", index, 0) the
recorder's links[index]."""


@dataclass
class Element:
    """A structure element as recorded: its node, its parent's key (None: top level),
    its kids, and for a top-level element where it first appeared: (region rank, order)."""

    node: Node
    parent: int | None
    kids: list[Kid] = field(default_factory=list)
    first: tuple[int, int] = (0, 0)


class Recorder:
    """Records, while pages are drawn, which marked content belongs to which structure
    element, in which region (see `region`), and the links inside elements."""

    def __init__(self) -> None:
        self.elements: dict[int, Element] = {}
        self.top: list[int] = []
        """Keys of top-level elements, in the order they were first drawn."""
        self.pages: list[list[int]] = []
        """For each page, the key of the element each MCID (its index) belongs to."""
        self.links: list[Link] = []
        self.rank = 0
        self._artifact: int | None = None
        """Where in the page's code the open artifact began; None: none open."""

    def region(self, rank: int) -> None:
        """Content drawn from now on is in a region that comes `rank`-th in reading order;
        top-level elements read in the order of the region they first appear in."""
        self.rank = rank

    def start_page(self, canvas: Canvas) -> None:
        """Begin a page: everything drawn is an artifact until content is marked."""
        self.pages.append([])
        self._open_artifact(canvas)

    def end_page(self, canvas: Canvas) -> None:
        """End a page (before canvas.showPage)."""
        self._close_artifact(canvas)

    def _open_artifact(self, canvas: Canvas) -> None:
        canvas._code.append("/Artifact BMC")
        self._artifact = len(canvas._code)

    def _close_artifact(self, canvas: Canvas) -> None:
        if self._artifact is None:
            return
        if len(canvas._code) == self._artifact:  # nothing drawn in it
            canvas._code.pop()
        else:
            canvas._code.append("EMC")
        self._artifact = None

    def _element(self, path: Path) -> Element:
        """The element at the end of `path`, recording every element on it not yet seen."""
        parent: int | None = None
        for node in path:
            if node.key not in self.elements:
                self.elements[node.key] = Element(node, parent, first=(self.rank, len(self.top)))
                if parent is None:
                    self.top.append(node.key)
                else:
                    self.elements[parent].kids.append(("node", node.key, 0))
            parent = node.key
        return self.elements[path[-1].key]

    def begin(self, canvas: Canvas, path: Path) -> tuple[Element, int, int, int]:
        """Mark what is drawn from now on, until `end`, as content of the element at the
        end of `path`; returns what `end` is given back."""
        element = self._element(path)
        page = len(self.pages) - 1
        mcid = len(self.pages[page])
        self.pages[page].append(path[-1].key)
        element.kids.append(("mcid", page, mcid))
        self._close_artifact(canvas)
        canvas._code.append(f"/{path[-1].role} <</MCID {mcid}>> BDC")
        return element, page, mcid, len(canvas._annotationrefs)

    def end(self, canvas: Canvas, begun: tuple[Element, int, int, int],
            links: Mapping[str, str]) -> None:
        """End the marked content `begin` began (`begun`: what it returned); the link
        annotations made meanwhile become Link elements inside its element, each saying
        the text `links` gives for its address and the address (the text alone where it
        is part of the address)."""
        element, page, _, annotations = begun
        canvas._code.append("EMC")
        self._open_artifact(canvas)
        for ref in canvas._annotationrefs[annotations:]:
            annotation = canvas._doc.idToObject[ref.name]
            url = _address(annotation)
            text = links.get(url, url)
            contents = text if text in url else f"{text} ({url})"
            annotation["Contents"] = PDFString(contents)
            element.kids.append(("link", len(self.links), 0))
            self.links.append(Link(annotation, page, contents))


def _address(annotation: PDFDictionary) -> str:
    """The URI a reportlab link annotation leads to ('' if it has none)."""
    action = annotation.dict.get("A")
    uri = action.dict.get("URI") if action is not None else None
    return str(uri.s) if uri is not None else ""


class TaggingCanvas(Canvas):  # type: ignore[misc]
    """A reportlab canvas whose drawing is recorded for a structure tree (`tags`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.tags = Recorder()


class marked:  # lower case: used as the function it was, `with marked(canvas, tag):`
    """Draw inside as content of `tag`'s element on a TaggingCanvas (Recorder.begin and
    end); on any other canvas, or with no tag (decoration), draw as it is. A class, not a
    generator: every paragraph drawn enters one."""

    __slots__ = ("begun", "canvas", "links", "tag")

    def __init__(self, canvas: Canvas, tag: Path | None,
                 links: Mapping[str, str] | None = None) -> None:
        self.canvas, self.tag, self.links = canvas, tag, links
        self.begun: tuple[Element, int, int, int] | None = None

    def __enter__(self) -> None:
        if self.tag and isinstance(self.canvas, TaggingCanvas):
            self.begun = self.canvas.tags.begin(self.canvas, self.tag)

    def __exit__(self, *exc: object) -> None:
        if self.begun is not None:
            self.canvas.tags.end(self.canvas, self.begun, self.links or {})
