"""reportlab paragraph fragments: made without the parser, copied, read back.

A reportlab paragraph holds its text as fragments (reportlab.platypus.paraparser
ParaFrag, an ABag): each a run of text in one font, size and colour, with its link and
underlines. Laying out rewrites them, so every layout works on copies; these are made
often (a paragraph per width it is measured at, a line end per drawn line), and
`copy.copy`, which goes through the pickling protocol, costs several times a plain copy
of the attributes.
"""

from __future__ import annotations

import copy
import functools
import html
import re
from typing import Any, TypeVar

from reportlab import rl_config
from reportlab.lib.colors import toColor
from reportlab.lib.fonts import ps2tt, tt2ps
from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import cleanBlockQuotedText
from reportlab.platypus.paraparser import ParaFrag, known_entities

__all__ = ["clone", "frags_of", "text_of"]

T = TypeVar("T")


def clone(thing: T) -> T:
    """A shallow copy of `thing`, what copy.copy makes of it: for an object keeping its
    state in its `__dict__` alone (a fragment, a laid-out line, a paragraph), a new
    object of its class given a copy of its attributes; for any other (a split's
    fragment, which is a list), copy.copy's."""
    if not _dict_only(type(thing)):  # type: ignore[arg-type]
        return copy.copy(thing)
    made: T = object.__new__(type(thing))
    made.__dict__ = thing.__dict__.copy()
    return made


@functools.cache
def _dict_only(kind: type) -> bool:
    """Whether copy.copy makes an instance of `kind` as a new object given a copy of its
    `__dict__`: made by object.__new__, pickled as object pickles, no slots, no copy
    method of its own."""
    plain: Any = object
    return kind.__new__ is plain.__new__ \
        and kind.__reduce_ex__ is plain.__reduce_ex__ \
        and kind.__reduce__ is plain.__reduce__ \
        and not hasattr(kind, "__copy__") \
        and not any("__slots__" in vars(base) for base in kind.__mro__)


def frags_of(text: str, style: ParagraphStyle) -> tuple[str, list[Any]] | None:
    """The text as reportlab's Paragraph keeps it and the fragments its paragraph parser
    makes of `text` in `style`, made without the parser (an HTML parser, most of a
    paragraph's making) when the text is plain or uses only the markup the PDF writer
    writes (handouts.writers.pdf.flowables): <b>, <i>, <u>, <br/>, <a href=".." color="..">
    and character references. None for any other markup, text that is not well formed,
    a style that transforms its text, or one whose fonts reportlab cannot map: the parser
    then makes them, or raises its own error.

    What the parser does, followed here: the text's whitespace is cleaned
    (cleanBlockQuotedText); each tag pushes a copy of the fragment on top of a stack with
    its change (bold, italic, an underline, a link and its colour) and its end tag pops
    it; each run of text and each character reference becomes a copy of the top
    fragment holding it, in the face of its family, weight and slant (reportlab.lib.fonts.
    tt2ps); a line break is an empty fragment marked `lineBreak`
    (reportlab.platypus.paraparser.ParaParser)."""
    if getattr(style, "textTransform", None):
        return None
    cleaned = cleanBlockQuotedText(text)
    if not cleaned or cleaned.startswith("<para"):
        return None
    try:
        made = _made(cleaned, style)
    except (ValueError, TypeError):  # a font reportlab cannot map, a colour it cannot read
        return None
    return None if made is None else (cleaned, made)


def _made(cleaned: str, style: ParagraphStyle) -> list[Any] | None:
    parts = _TOKEN.split(cleaned)
    if len(parts) == 1 and "<" not in cleaned and "&" not in cleaned:
        frag = clone(_plain_frag(style.fontName, style.fontSize, style.textColor))
        frag.text = cleaned
        return [frag]
    family, bold, italic = ps2tt(style.fontName)
    top = ParaFrag(rise=0, greek=0, link=[], fontName=family, bold=bold, italic=italic,
                   fontSize=style.fontSize, textColor=style.textColor, us_lines=[],
                   __tag__="para")
    stack, out, links, lines = [top], [], 0, 0
    for n, part in enumerate(parts):
        if n % 2 == 0:
            if "<" in part or "&" in part:
                return None
            if part:
                out.append(_data(stack[-1], part))
        elif part[0] == "&":
            out.append(_data(stack[-1], _reference(part)))
        elif part in _PUSH:
            frag = clone(stack[-1])
            tag, change = _PUSH[part]
            frag.__dict__.update(change, __tag__=tag)
            stack.append(frag)
            if tag == "u":
                frag.us_lines = [*frag.us_lines, _line(style, lines)]
                lines += 1
        elif part.startswith("<a "):
            attributes = _link_attributes(part)
            if attributes is None:
                return None
            href, colour = attributes
            frag = clone(stack[-1])
            frag.__tag__ = "a"
            if colour is not None:
                frag.textColor = toColor(colour)
            frag.link = [*frag.link, (links, href.strip())]
            links += 1
            stack.append(frag)
            if getattr(style, "linkUnderline", rl_config.platypus_link_underline):
                frag.us_lines = [*frag.us_lines, _line(style, lines)]
                lines += 1
        elif part == "<br/>":
            frag = clone(stack[-1])
            frag.__dict__.update(__tag__="br", lineBreak=True, text="")
            out.append(_data(frag, ""))
        elif part in _POP:
            if len(stack) < 2 or stack[-1].__tag__ != _POP[part]:
                return None
            stack.pop()
        else:
            return None
    return out if len(stack) == 1 else None


@functools.lru_cache(maxsize=256)
def _plain_frag(font_name: str, size: float, colour: object) -> Any:
    """The parser's fragment of a plain text in `font_name` at `size` points in `colour`:
    what it makes of a paragraph style depends on these alone (reportlab
    ParaParser._initial_frag and handle_data)."""
    return Paragraph("x", ParagraphStyle("plain", fontName=font_name, fontSize=size,
                                         textColor=colour)).frags[0]


def _data(top: Any, text: str) -> Any:
    """The fragment of a run of text drawn in `top`'s state (ParaParser.handle_data)."""
    frag = clone(top)
    frag.fontName = tt2ps(top.fontName, top.bold, top.italic)
    frag.text = text
    return frag


def _reference(part: str) -> str:
    """The character a reference (&amp;, &#233;, &#xE9;) stands for, as the parser reads
    it (an unknown name stays as written)."""
    name = part[1:-1]
    if name[0] != "#":
        return str(known_entities.get(name, part))
    return chr(int(name[2:], 16) if name[1] in "xX" else int(name[1:]))


def _link_attributes(tag: str) -> tuple[str, str | None] | None:
    """The address and colour of an `<a href=".." color="..">` tag, its values unescaped
    as the parser's HTML parser does; None if it holds anything else."""
    found = dict(_ATTRIBUTE.findall(tag[2:-1]))
    if _ATTRIBUTE.sub("", tag[2:-1]).strip() or set(found) - {"href", "color"} \
            or "href" not in found:
        return None
    values = {key: html.unescape(value[1:-1]) for key, value in found.items()}
    return values["href"], values.get("color")


def _line(style: ParagraphStyle, index: int) -> tuple[object, ...]:
    """The parser's record of an underline, numbered `index` in its paragraph, in
    `style` (its colour, width, offset, repeat and gap are the style's)."""
    made = _underline(*(getattr(style, name, "") for name in _UNDERLINE))
    return (index, *made[1:])


@functools.lru_cache(maxsize=64)
def _underline(*values: object) -> tuple[object, ...]:
    """The parser's first underline in a style with these _UNDERLINE values."""
    style = ParagraphStyle("u", **dict(zip(_UNDERLINE, values, strict=True)))
    return tuple(Paragraph("<u>x</u>", style).frags[0].us_lines[0])


_UNDERLINE = ("underlineColor", "underlineWidth", "underlineOffset", "underlineGap")
_TOKEN = re.compile(r"(<[^<>]*>|&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);)")
_ATTRIBUTE = re.compile(r"""\s*([a-z]+)=("[^"]*"|'[^']*')""")
_PUSH = {"<b>": ("b", {"bold": 1}), "<i>": ("i", {"italic": 1}), "<u>": ("u", {})}
_POP = {"</b>": "b", "</i>": "i", "</u>": "u", "</a>": "a"}


def text_of(frags: list[Any]) -> str:
    """The text of reportlab paragraph fragments; a split's parts have words instead: a
    one-font paragraph's a fragment with `words`, another's lists [width, (fragment,
    text), ...]."""
    out: list[str] = []
    for frag in frags:
        if isinstance(frag, list):
            out.extend(str(text) for _, text in frag[1:])
        else:
            out.append(getattr(frag, "text", None) or " ".join(getattr(frag, "words", ())))
    return " ".join(out)
