"""The layout reader: the XML vocabulary and its located errors."""

from __future__ import annotations

import contextlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from handouts.document import model as L
from handouts.document import reader as layoutxml


def doc(body: str, kind: str = "flyer") -> L.Document:
    return layoutxml.read(f'<document layout="{kind}" title="T">\n{body}\n</document>')


def test_reads_pages_panels_and_blocks() -> None:
    d = doc('<page name="front"><header><title>Hi</title></header>'
            '<panel name="a" flap="true" overflow="next"><p style="lead">A <b>b</b> '
            '<i>c</i> <a href="https://x.org">d</a></p><ol><li>one</li></ol></panel>'
            '<panel name="b" share="2" tint="true"><contact qr="https://x.org" caption="Scan">'
            '<line>Phone</line></contact></panel><footer><rule/></footer></page>'
            '<flow footer="F"><h1>H</h1><pagebreak/><dl><dt>t</dt><dd>d</dd></dl></flow>')
    page, flow = d.parts
    assert isinstance(page, L.Page) and isinstance(flow, L.Flow)
    assert page.header == (L.Heading(0, (L.Run("Hi"),)),)
    a, b = page.panels
    assert a.flap and a.overflow_next and not b.flap and b.share == 2 and b.tint
    lead = a.blocks[0]
    assert lead == L.Paragraph((L.Run("A "), L.Run("b", bold=True), L.Run(" "),
                                L.Run("c", italic=True), L.Run(" "),
                                L.Run("d", href="https://x.org")), "lead")
    assert b.blocks[0] == L.Contact(((L.Run("Phone"),),), "https://x.org", "Scan")
    assert page.footer == (L.Rule(),)
    assert flow.footer == "F"
    assert flow.blocks[1] == L.PageBreak()


@pytest.mark.parametrize(("body", "message", "line"), [
    ("<page><panel><blink/></panel></page>", "unknown element <blink>", 2),
    ("<page>\n<panel><p style='huge'>x</p></panel></page>", "is not one of", 3),
    ("<page><panel><qr/></panel></page>", "<qr> needs a href= attribute", 2),
    ("<page><panel><spacer height='tall'/></panel></page>", "must be a number", 2),
    ("<page><panel>loose text</panel></page>", "must be in a <p>", 2),
    ("<page><panel></page>", "not well-formed", 2),
    ("<page></page>", "needs at least one <panel>", 2),
])
def test_errors_are_located(body: str, message: str, line: int) -> None:
    with pytest.raises(layoutxml.LayoutError) as err:
        doc(body)
    assert message in err.value.message
    assert err.value.line == line


def test_doctype_and_entities_are_refused() -> None:
    with pytest.raises(layoutxml.LayoutError, match="DOCTYPE"):
        layoutxml.read('<!DOCTYPE d [<!ENTITY a "aaaa">]><document layout="flyer"/>')


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_gives_a_document_or_a_layout_error(text: str) -> None:
    with contextlib.suppress(layoutxml.LayoutError):
        layoutxml.read(text)
