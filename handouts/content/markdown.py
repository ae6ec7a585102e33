"""Content Markdown to layout XML.

Only paragraphs, bold, italic, bullet and numbered lists and links are interpreted; raw
HTML and every other Markdown construct stay literal text. All text is XML-escaped, so
content can never inject layout markup. Text nested deeper than the parser reads (whose
deepest part it would drop without a word) is refused: `too_deep` tells the content loader,
and every function here raises TooDeep rather than render it short.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from typing import Any, TypeVar, cast
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup

MAX_NESTING = 20
"""The parser's block nesting limit (markdown-it's "zero" preset): each list level takes two
(the list and its item); what lies deeper is skipped by the parser."""
MAX_LIST_DEPTH = (MAX_NESTING - 2) // 2
"""The deepest list nesting read in full (9: a list inside eight others)."""
TOO_DEEP_TODO = f"keep lists at most {MAX_LIST_DEPTH} levels deep"


class TooDeep(ValueError):
    """Markdown nested deeper than the parser reads; the message says where in the text."""


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"typographer": True, "maxNesting": MAX_NESTING})
    return md.enable(["emphasis", "list", "link", "escape", "entity", "newline", "smartquotes",
                      "replacements"])


def _deepest_lost(tokens: Sequence[Token]) -> str | None:
    for tok in tokens:
        # a block opened one level below the limit has its content skipped by the parser
        if tok.nesting == 1 and tok.level >= MAX_NESTING - 1:
            line = f" (line {tok.map[0] + 1} of the text)" if tok.map else ""
            return (f"a list is nested more than {MAX_LIST_DEPTH} levels deep{line}, and what "
                    "lies deeper would be left out")
    return None


def too_deep(text: str) -> str | None:
    """What is wrong if `text` is nested deeper than the parser reads (a sentence naming the
    line within the text), else None."""
    if not _PREFIX.search(text):  # every list level takes two columns: none this deep
        return None
    return _deepest_lost(_parser().parse(text))


_PREFIX = re.compile(r"^(?:[ \t]|[-*+][ \t]|\d{1,9}[.)][ \t]){9}", re.MULTILINE)
"""A line starting with at least nine indents or list markers (each at least two columns
wide): only such a line can open a list nested as deep as the parser's limit."""


def _tokens(text: str) -> list[Token]:
    """The parsed tokens of `text`; raises TooDeep if the parser left part of it out."""
    tokens = _parser().parse(text)
    problem = _deepest_lost(tokens)
    if problem:
        raise TooDeep(f"Markdown text starting {text[:40]!r}: {problem}; {TOO_DEEP_TODO}")
    return tokens


_INLINE_TAGS = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>",
                "em_close": "</i>", "link_close": "</a>"}
_BLOCK_TAGS = {"bullet_list_open": "<ul>", "bullet_list_close": "</ul>",
               "ordered_list_open": "<ol>", "ordered_list_close": "</ol>",
               "list_item_open": "<li>", "list_item_close": "</li>",
               "paragraph_close": "</p>"}


def _inline_xml(children: Sequence[Token]) -> str:
    out = []
    linked: list[bool] = []  # for each open link, whether it was written as <a>
    for tok in children:
        if tok.type == "text":
            out.append(escape(tok.content))
        elif tok.type in ("softbreak",):
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("<br/>")
        elif tok.type == "link_open":
            # `[text]()` is a link with no address: CommonMark allows it, but there is
            # nowhere for a reader to go, so its text is written as plain text.
            href = str(tok.attrs.get("href", ""))
            linked.append(bool(href.strip()))
            if linked[-1]:
                out.append(f"<a href={quoteattr(href)}>")
        elif tok.type == "link_close":
            if linked.pop():
                out.append("</a>")
        elif tok.type in _INLINE_TAGS:
            out.append(_INLINE_TAGS[tok.type])
        else:
            out.append(escape(tok.content))
    return "".join(out)


PARSED = 8192
"""How many texts each of `blocks`, `inline` and `plain` remembers its answer for (a
topic's texts are rendered into each of its layouts, and again on each save in `watch`)."""

_F = TypeVar("_F", bound=Callable[..., Any])


def _per_text(convert: _F) -> _F:
    """`convert`, its answer remembered for each of the last PARSED texts (str) it was
    given; anything else (a template passing a list to a filter) goes to it as it is, for
    the parser's own error."""
    remembered = functools.lru_cache(maxsize=PARSED)(convert)

    @functools.wraps(convert)
    def call(text: object, *args: Any) -> Any:
        return remembered(text, *args) if isinstance(text, str) else convert(text, *args)

    return cast(_F, call)


@_per_text
def blocks(text: str, style: str = "body") -> Markup:
    """Markdown text as layout XML blocks (<p>, <ul>, <ol>); raises TooDeep."""
    out = []
    for tok in _tokens(text):
        if tok.type == "paragraph_open":
            out.append("<p>" if style == "body" else f'<p style="{style}">')
        elif tok.type == "inline":
            out.append(_inline_xml(tok.children or []))
        elif tok.type in _BLOCK_TAGS:
            out.append(_BLOCK_TAGS[tok.type])
    return Markup("".join(out))


_LIST_MARKER = re.compile(r"^([ \t]*)(?:([-*+])|(\d{1,9})([.)]))(?=[ \t]|$)", re.MULTILINE)
"""A list marker at the start of a line ('- ', '* ', '1. ', a lone '*')."""


@_per_text
def inline(text: str) -> Markup:
    """Markdown text as inline layout XML (paragraph breaks become spaces); a list marker
    starting a line is its literal text, since inline text (a heading, a key point) is
    never a list: a heading '*' or '- a' keeps its characters. Raises TooDeep."""
    literal = _LIST_MARKER.sub(lambda m: f"{m[1]}\\{m[2]}" if m[2] else f"{m[1]}{m[3]}\\{m[4]}",
                               text)
    parts = [_inline_xml(tok.children or []) for tok in _tokens(literal)
             if tok.type == "inline"]
    return Markup(" ".join(parts))


@_per_text
def plain(text: str) -> str:
    """Markdown text as the plain words a reader sees, paragraphs separated by blank lines;
    raises TooDeep."""
    paragraphs: list[str] = []
    current: list[str] = []
    for tok in _tokens(text):
        if tok.type == "inline":
            current.append("".join(
                c.content if c.type == "text" else " " if c.type in ("softbreak", "hardbreak")
                else "" for c in tok.children or []))
        elif tok.type in ("paragraph_close",) and current:
            paragraphs.append(" ".join(current))
            current = []
    if current:
        paragraphs.append(" ".join(current))
    return "\n\n".join(paragraphs)
