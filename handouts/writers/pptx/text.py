"""The deck writer's low-level text: runs, paragraph spacing and bullets, emptied text
frames and the slide-number field, written as DrawingML directly onto python-pptx shapes.
"""

from __future__ import annotations

from typing import Any

from lxml import etree
from pptx.dml.color import RGBColor
from pptx.enum.text import MSO_AUTO_SIZE, PP_ALIGN
from pptx.oxml.ns import qn
from pptx.text.text import _Run
from pptx.util import Pt

from handouts.colours import channels
from handouts.document import model as L
from handouts.writers.addresses import ZERO_WIDTH_SPACE, numbers_whole, pieces
from handouts.writers.pptx import plan as slideplan
from handouts.writers.pptx.measure import icon_inset, indent
from handouts.writers.pptx.theme import MUTED, DeckTheme

WORD_JOINER = "\u2060"


def rgb(hex_colour: str) -> RGBColor:
    """The python-pptx colour of a '#RRGGBB' string."""
    return RGBColor(*channels(hex_colour))  # type: ignore[no-untyped-call]


def add_runs(paragraph: Any, runs: L.Inline, size: float, theme: DeckTheme,
             colour: str | None = None, bold: bool = False, heading: bool = False,
             link: str | None = None) -> None:
    """Append `runs` to the paragraph, written as DrawingML directly (python-pptx's run
    properties cost a search of the XML per attribute; a deck has hundreds of runs), in
    the brand's font (its heading font when `heading`): the font the text was measured in,
    on a clinic template too. Each run is in `colour` ('#RRGGBB'), a linked run in `link`
    (None: as the rest); with neither, the brand's foreground when this writer styles the
    deck, else no colour: the run keeps the clinic template's own."""
    p = paragraph._p
    end = p.find(qn("a:endParaRPr"))
    name = (theme.heading_font_name or theme.font_name) if heading else theme.font_name
    fill = colour or (theme.palette.foreground if theme.styled else None)
    for r in runs:
        ink = link if r.href and link else fill
        if not r.href:  # a phone number never breaks at its hyphens
            _run(p, numbers_whole(r.text), size, r.bold or bold, r.italic, ink, name)
            continue
        # An address breaks only after / . - ? &: each piece is a linked run of its own,
        # with a zero-width space between them outside the link (LibreOffice draws a link
        # as one field, which it breaks at any character and never at a space inside it).
        # The link target is the address itself, never with the spaces.
        for n, piece in enumerate(pieces(r.text)):
            if n:
                _run(p, ZERO_WIDTH_SPACE, size, r.bold or bold, r.italic, ink, name)
            run = _run(p, piece, size, r.bold or bold, r.italic, ink, name)
            _Run(run, paragraph).hyperlink.address = r.href
        # LibreOffice draws the last field of a split link in the colour of the text that
        # follows it, unless a run of the link's own colour does: a word joiner, which
        # neither shows nor lets a line break before the text after the link.
        _run(p, WORD_JOINER, size, r.bold or bold, r.italic, ink, name)
    if end is not None:
        p.append(end)  # the paragraph's end properties stay last


def _run(p: Any, text: str, size: float, bold: bool, italic: bool, colour: str | None,
         font: str) -> Any:
    """A run of `text` appended to paragraph element `p`, at `size` points, in `colour`
    ('#RRGGBB'; None: none written) and `font`."""
    run = etree.SubElement(p, qn("a:r"))
    props = etree.SubElement(run, qn("a:rPr"), sz=str(round(size * 100)))
    if bold:
        props.set("b", "1")
    if italic:
        props.set("i", "1")
    props.set("cap", "none")  # some layouts set titles in capitals
    if colour is not None:
        solid = etree.SubElement(props, qn("a:solidFill"))
        etree.SubElement(solid, qn("a:srgbClr"), val=colour.lstrip("#").upper())
    etree.SubElement(props, qn("a:latin"), typeface=font)
    etree.SubElement(run, qn("a:t")).text = text
    return run


_SPACING_AND_BULLET = frozenset(qn(tag) for tag in (
    "a:lnSpc", "a:spcAft", "a:buClr", "a:buNone", "a:buChar", "a:buAutoNum"))


def format_paragraph(paragraph: Any, item: slideplan.Item | None, theme: DeckTheme,
                     line: float, after: float = 0.0, bullet: str | None = None) -> None:
    """A paragraph's exact line spacing, space after and bullet (none for `item` None or
    not a bullet) in colour `bullet` ('#RRGGBB'; the brand's primary if None), written as
    DrawingML directly, in the order the schema wants."""
    p_pr = paragraph._p.get_or_add_pPr()
    for old in [child for child in p_pr if child.tag in _SPACING_AND_BULLET]:
        p_pr.remove(old)
    new = []
    for tag, points in (("a:lnSpc", line), ("a:spcAft", after)):
        spacing = etree.SubElement(p_pr, qn(tag))
        etree.SubElement(spacing, qn("a:spcPts"), val=str(round(points * 100)))
        new.append(spacing)
    if item is not None and item.style == "bullet" and item.icon and not item.ordinal:
        # an icon (drawn by itself, handouts.writers.pptx.icons, left of the item's own
        # text box) stands in for the bullet
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        new.append(etree.SubElement(p_pr, qn("a:buNone")))
    elif item is not None and item.style == "bullet":
        # in an item's own box, right of its icon, a number hangs as in a list
        size = theme.body_size
        inset = int(Pt(indent(item, size) - icon_inset(item, size)))
        p_pr.set("marL", str(inset))
        p_pr.set("indent", str(-inset))
        colour = etree.SubElement(p_pr, qn("a:buClr"))
        etree.SubElement(colour, qn("a:srgbClr"),
                         val=(bullet or theme.palette.primary).lstrip("#").upper())
        new.append(colour)
        if item.ordinal:
            new.append(etree.SubElement(p_pr, qn("a:buAutoNum"), type="arabicPeriod",
                                        startAt=str(item.ordinal)))
        else:
            new.append(etree.SubElement(p_pr, qn("a:buChar"), char="\u2022"))
    elif item is not None:
        p_pr.set("marL", "0")
        p_pr.set("indent", "0")
        new.append(etree.SubElement(p_pr, qn("a:buNone")))
    for index, element in enumerate(new):
        p_pr.insert(index, element)


def text_frame(shape: Any, box: slideplan.Box | None) -> Any:
    """The shape's emptied text frame, placed at `box` (None: left where its layout puts
    it); it wraps, never resizes, and has no insets (the plan measured the box edge to
    edge)."""
    if box is not None:
        xfrm = shape._element.get_or_add_xfrm()
        off, ext = xfrm.get_or_add_off(), xfrm.get_or_add_ext()
        off.set("x", str(int(Pt(box.x))))
        off.set("y", str(int(Pt(box.y))))
        ext.set("cx", str(int(Pt(box.width))))
        ext.set("cy", str(int(Pt(box.height))))
    tf = shape.text_frame
    tf.clear()
    tf.auto_size = MSO_AUTO_SIZE.NONE
    body = tf._bodyPr
    body.set("wrap", "square")
    for inset in ("lIns", "tIns", "rIns", "bIns"):
        body.set(inset, "0")
    return tf


def add_slide_number(slide: Any, box: slideplan.Box, number: int, colour: str = MUTED) -> None:
    """A text box at `box` holding a slide-number field, right-aligned, in `colour`."""
    box_shape = slide.shapes.add_textbox(Pt(box.x), Pt(box.y), Pt(box.width), Pt(box.height))
    box_shape.name = "Slide number"
    p = box_shape.text_frame.paragraphs[0]
    p.alignment = PP_ALIGN.RIGHT
    field = etree.SubElement(p._p, qn("a:fld"), id="{B6F15528-21DE-4FAA-801E-634DDDAF4B2B}",
                             type="slidenum")
    r_pr = etree.SubElement(field, qn("a:rPr"), lang="en-US",
                            sz=str(round(slideplan.NUMBER_SIZE * 100)))
    fill = etree.SubElement(r_pr, qn("a:solidFill"))
    etree.SubElement(fill, qn("a:srgbClr"), val=colour.lstrip("#").upper())
    etree.SubElement(field, qn("a:t")).text = str(number)
