"""Content Markdown to layout XML.

Only paragraphs, bold, italic, bullet and numbered lists and links are interpreted; raw
HTML and every other Markdown construct stay literal text. All text is XML-escaped, so
content can never inject layout markup.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from xml.sax.saxutils import escape, quoteattr

from markdown_it import MarkdownIt
from markdown_it.token import Token
from markupsafe import Markup


@functools.cache
def _parser() -> MarkdownIt:
    md = MarkdownIt("zero", {"typographer": True})
    return md.enable(["emphasis", "list", "link", "escape", "entity", "newline", "smartquotes",
                      "replacements"])


_INLINE_TAGS = {"strong_open": "<b>", "strong_close": "</b>", "em_open": "<i>",
                "em_close": "</i>", "link_close": "</a>"}
_BLOCK_TAGS = {"bullet_list_open": "<ul>", "bullet_list_close": "</ul>",
               "ordered_list_open": "<ol>", "ordered_list_close": "</ol>",
               "list_item_open": "<li>", "list_item_close": "</li>",
               "paragraph_close": "</p>"}


def _inline_xml(children: Sequence[Token]) -> str:
    out = []
    for tok in children:
        if tok.type == "text":
            out.append(escape(tok.content))
        elif tok.type in ("softbreak",):
            out.append(" ")
        elif tok.type == "hardbreak":
            out.append("<br/>")
        elif tok.type == "link_open":
            out.append(f"<a href={quoteattr(str(tok.attrs.get('href', '')))}>")
        elif tok.type in _INLINE_TAGS:
            out.append(_INLINE_TAGS[tok.type])
        else:
            out.append(escape(tok.content))
    return "".join(out)


def blocks(text: str, style: str = "body") -> Markup:
    """Markdown text as layout XML blocks (<p>, <ul>, <ol>)."""
    out = []
    for tok in _parser().parse(text):
        if tok.type == "paragraph_open":
            out.append("<p>" if style == "body" else f'<p style="{style}">')
        elif tok.type == "inline":
            out.append(_inline_xml(tok.children or []))
        elif tok.type in _BLOCK_TAGS:
            out.append(_BLOCK_TAGS[tok.type])
    return Markup("".join(out))


def inline(text: str) -> Markup:
    """Markdown text as inline layout XML (paragraph breaks become spaces)."""
    parts = [_inline_xml(tok.children or []) for tok in _parser().parse(text)
             if tok.type == "inline"]
    return Markup(" ".join(parts))


def plain(text: str) -> str:
    """Markdown text as the plain words a reader sees, paragraphs separated by blank lines."""
    paragraphs: list[str] = []
    current: list[str] = []
    for tok in _parser().parse(text):
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
