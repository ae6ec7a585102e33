"""A reportlab Paragraph that keeps its line breaks for each width it is measured at."""

from __future__ import annotations

from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph

from handouts.writers.pdf import hyphens
from handouts.writers.pdf.fragments import clone, frags_of, text_of
from handouts.writers.pdf.tags import Path, marked
from handouts.writers.pdf.urlbreaks import drawn_words, with_url_breaks


class KeptParagraph(Paragraph):  # type: ignore[misc]
    """A paragraph that keeps its line breaks for each width it has been measured at.

    Planning a panel measures a heading's next paragraph as well as the heading, balancing
    a trifold fills its panels several times, and a table measures its cells when it is
    planned and again when it is drawn: each of those would break the lines afresh.

    reportlab's Paragraph is made to be wrapped once and then split or drawn at that width:
    wrapping rewrites its fragments (long words cut at that width's limit), a split that
    gives up deletes the lines, and a split uses the lines of the last wrap whatever width
    it is asked for. So this paragraph never lays itself out: each width gets a fresh
    reportlab Paragraph made from a copy of the fragments and wrapped once (a layout), and
    each split is done on another fresh one, whose parts become paragraphs of this kind that
    share nothing with this one. `wrap(w, h)` shows the layout of `w`; `split(w, h)` shows
    the layout of `w` too (as a frame wraps before it splits) and returns parts laid out at
    `w`; drawing draws the layout shown. The text, style and attributes are fixed once the
    paragraph is made.

    `tag` is the structure element the paragraph's text belongs to (handouts.writers.pdf.
    tags; None: none) and `links` what each link address it holds says, for its
    annotation; the parts of a split keep both, so they stay one element. `source` is the
    paragraph's text as written, whitespace dropped (a part's, its share of the whole's),
    against which drawing tells the hyphens hyphenation added (handouts.writers.pdf.hyphens).
    """

    def __init__(self, text: str | None, style: ParagraphStyle, bulletText: str | None = None,
                 frags: list[object] | None = None, caseSensitive: int = 1,
                 encoding: str = "utf8") -> None:
        made = frags_of(text, style) if frags is None and text is not None else None
        if made is not None:
            text, frags = made
        super().__init__(text, style, bulletText, frags, caseSensitive, encoding)
        if text is not None:  # parts of a split come with their fragments already broken
            self.frags: list[Any] = with_url_breaks(self.frags)
        self._layouts: dict[tuple[object, ...], tuple[Paragraph, tuple[float, float]]] = {}
        """Layouts and the sizes their wrap gave, by `_key`."""
        self._shown: Paragraph | None = None
        """The layout that drawing draws; None before the first wrap or split."""
        self.tag: Path | None = None
        self.links: dict[str, str] = {}
        self.source = hyphens.bare(text_of(self.frags))

    def _key(self, width: float) -> tuple[object, ...]:
        return (width, *(getattr(self, name, None) for name in _PER_PARAGRAPH))

    def _fresh(self) -> Paragraph:
        """A reportlab Paragraph with a copy of this one's fragments, never laid out (each
        fragment copied, as wrapping rewrites fragments; what they hold, such as colours,
        is never changed and is shared)."""
        fresh = Paragraph(None, self.style, self.bulletText, [clone(f) for f in self.frags],
                          self.caseSensitive, self.encoding)
        for name in _PER_PARAGRAPH:
            if hasattr(self, name):
                setattr(fresh, name, getattr(self, name))
        return fresh

    def _show(self, layout: Paragraph) -> None:
        """Draw `layout` from now on; its measurements are this paragraph's."""
        self._shown = layout
        for name in ("width", "height", "blPara", "_wrapWidths"):
            if hasattr(layout, name):
                setattr(self, name, getattr(layout, name))
            elif hasattr(self, name):
                delattr(self, name)

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        key = self._key(available_width)
        if key not in self._layouts:  # the lines depend on the width, not the height
            layout = self._fresh()
            self._layouts[key] = (layout, layout.wrap(available_width, available_height))
        layout, size = self._layouts[key]
        self._show(layout)
        return size

    def split(self, available_width: float, available_height: float) -> list[Paragraph]:
        """The paragraph cut to fit `available_height` points, as reportlab cuts it, but
        never after a line that ends in a hyphen hyphenation added: a word is not broken
        across a fold or a page ('peque-' | 'ños.'); the cut moves up a line at a time
        while the first part keeps two lines (reportlab's orphan rule), else stays."""
        made, hyphenated = self._split_at(available_width, available_height)
        height = available_height
        while hyphenated and len(made) == 2 \
                and len(getattr(made[0].blPara, "lines", ())) > 2:
            height -= self.style.leading
            shorter, hyphenated = self._split_at(available_width, height, available_height)
            if len(shorter) != 2:
                break
            made = shorter
        return made

    def _split_at(self, available_width: float, available_height: float,
                  laid_out: float | None = None) -> tuple[list[Paragraph], bool]:
        """reportlab's split at this height, each part a KeptParagraph laid out in
        `laid_out` points of height (default: the same), and whether the first part ends
        in a hyphen hyphenation added."""
        laid_out = available_height if laid_out is None else laid_out
        self.wrap(available_width, laid_out)
        whole = self._fresh()  # split cuts up and deletes what it splits: not a kept layout
        whole.wrap(available_width, available_height)
        parts: list[Paragraph] = whole.split(available_width, available_height)
        if len(parts) == 1 and parts[0] is whole:
            return [self], False
        made = [self._part(p) for p in parts]
        # A part's text holds the hyphens its lines were broken with: its source is its
        # share of the whole's, so that drawing still tells them from the written ones.
        ends = hyphens.added(self.source, [text_of(p.frags) for p in made])
        start = 0
        for n, part in enumerate(made):
            part.tag, part.links = self.tag, self.links
            if ends is not None:
                part.source, start = self.source[start:ends[n][0]], ends[n][0]
            part.wrap(available_width, laid_out)
        return made, ends is not None and len(made) > 1 and ends[0][1]

    @staticmethod
    def _part(part: Paragraph) -> KeptParagraph:
        """A part of reportlab's split as a paragraph of this kind. reportlab's first part
        carries lines cut from the whole, not always in the form drawing expects (a one-font
        paragraph's), so it is laid out afresh like any other."""
        made = KeptParagraph(None, part.style, part.bulletText, part.frags, part.caseSensitive,
                          part.encoding)
        for name in _PER_PARAGRAPH:
            if hasattr(part, name):
                setattr(made, name, getattr(part, name))
        return made

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:
        with marked(canvas, self.tag, self.links):
            super().drawOn(canvas, x, y, _sW)

    def draw(self) -> None:
        layout = self._shown
        if layout is None:
            raise AttributeError("a paragraph is drawn before it is wrapped")
        layout = with_line_ends(layout, self.source)
        layout.canv = self.canv
        try:
            layout.draw()
        finally:
            del layout.canv


def with_line_ends(layout: Paragraph, source: str = "") -> Paragraph:
    """A copy of laid-out `layout` to draw, each line but its last ending with the space it
    was broken at (an invisible glyph), so that text read from the page or its structure
    tree has a word break there ('surgery and pain', not 'andpain'); not where a web
    address was broken between its pieces. A line ending in a hyphen that hyphenation
    added (one that `source`, the text as written without whitespace, does not have)
    ends in a soft hyphen instead, and no space, so the word reads whole
    (handouts.writers.pdf.hyphens). The break opportunities of web addresses are left out
    (handouts.writers.pdf.urlbreaks). `layout` itself is left as it is."""
    lines: list[Any] = [line if isinstance(line, tuple) else _without_breaks(line)
                        for line in layout.blPara.lines]
    texts = [" ".join(line[1]) if isinstance(line, tuple)
             else "".join(getattr(w, "text", "") for w in line.words) for line in lines]
    ends = hyphens.added(source, texts) \
        if source and any(text.rstrip().endswith("-") for text in texts) else None
    for n, line in enumerate(lines):
        if ends is not None and ends[n][1]:
            lines[n] = _softened(line, layout)
            continue
        if n == len(lines) - 1:
            break
        if isinstance(line, tuple):  # one font: (extra space, words)
            lines[n] = (line[0], [*line[1], ""])
            continue
        if not line.words:
            continue
        last, following = line.words[-1], lines[n + 1].words
        link = getattr(last, "link", None)
        if link and following and getattr(following[0], "link", None) == link:
            continue  # inside one web address
        lines[n] = clone(line)
        if link or getattr(last, "us_lines", None) or hasattr(last, "cbDefn") \
                or not getattr(last, "text", ""):
            space = clone(last)
            space.text, space.link, space.us_lines = " ", [], []  # no link, no underline
            if hasattr(space, "cbDefn"):
                del space.cbDefn
            lines[n].words = [*line.words, space]
        else:  # plain text: the space drawn at its end, in one piece
            spaced = clone(last)
            spaced.text += " "
            lines[n].words = [*line.words[:-1], spaced]
    drawn = clone(layout)
    drawn.blPara = clone(layout.blPara)
    drawn.blPara.lines = lines
    return drawn


def _without_breaks(line: Any) -> Any:
    """A line of several fragments without the break opportunities of web addresses
    (handouts.writers.pdf.urlbreaks): `line` itself when it has none."""
    words = drawn_words(line.words)
    if len(words) == len(line.words):
        return line
    made = clone(line)
    made.words = words
    return made


def _softened(line: Any, layout: Paragraph) -> Any:
    """`line` of `layout` (one ending in a hyphen hyphenation added) with that hyphen a
    soft hyphen, where its font draws one as wide; else `line` itself."""
    if isinstance(line, tuple):
        words = list(line[1])
        font, size = layout.blPara.fontName, layout.blPara.fontSize
        if words and words[-1].endswith("-") and hyphens.soft_hyphen_fits(font, size):
            words[-1] = words[-1][:-1] + hyphens.SOFT_HYPHEN
            return (line[0], words)
        return line
    for n in range(len(line.words) - 1, -1, -1):
        word = line.words[n]
        text = getattr(word, "text", "")
        if not text:
            continue
        if not text.endswith("-") or not hyphens.soft_hyphen_fits(word.fontName,
                                                                  word.fontSize):
            return line
        soft = clone(word)
        soft.text = text[:-1] + hyphens.SOFT_HYPHEN
        made = clone(line)
        made.words = [*line.words[:n], soft, *line.words[n + 1:]]
        return made
    return line


_PER_PARAGRAPH = ("autoLeading", "allowWidows", "allowOrphans", "_JustifyLast")
"""Attributes that reportlab reads from a paragraph itself before its style (a split sets
the last on its first part)."""
