"""The layout reader: the XML vocabulary and its located errors."""

from __future__ import annotations

import collections
import re
import xml.etree.ElementTree as ET

import pytest
from hypothesis import HealthCheck, given, settings
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


@pytest.mark.parametrize(("xml", "runs"), [
    # a space at the edge of an inline element parts two words, as in a browser
    ("Call<b> now</b> please", [L.Run("Call"), L.Run(" now", bold=True), L.Run(" please")]),
    ("Call <b>now </b>please", [L.Run("Call "), L.Run("now ", bold=True), L.Run("please")]),
    ("x<i>a<b> b</b></i>", [L.Run("x"), L.Run("a", italic=True),
                            L.Run(" b", bold=True, italic=True)]),
    # a template's own line ends are spaces: only <br/> breaks a line
    ("\n<b>Call</b> us", [L.Run("Call", bold=True), L.Run(" us")]),
    ("<b>Call</b> us\n", [L.Run("Call", bold=True), L.Run(" us")]),
    ("a<br/>b", [L.Run("a"), L.Run("\n"), L.Run("b")]),
    ("  a \t b <b> </b> ", [L.Run("a b")]),
    # no-break spaces a writer typed stay; any other space is joined (a line separator)
    ("room\u202f4 at 1\u00a0pm\u2028now", [L.Run("room\u202f4 at 1\u00a0pm now")]),
])
def test_whitespace_is_joined_once_over_the_whole_text(xml: str, runs: list[L.Run]) -> None:
    (para,) = doc(f'<flow><p>{xml}</p></flow>').parts[0].blocks
    assert para == L.Paragraph(tuple(runs))


def test_a_fit_in_a_panel_reads_its_full_and_compact_forms() -> None:
    (page,) = doc('<page><panel><p>Lead</p><fit name="Steps"><full><h2>Steps</h2><p>Long'
                  '</p></full><compact><h2>Steps</h2><ul><li>Short</li></ul></compact></fit>'
                  '</panel></page>').parts
    assert isinstance(page, L.Page)
    lead, fit = page.panels[0].blocks
    assert lead == L.Paragraph((L.Run("Lead"),))
    assert isinstance(fit, L.Fit) and fit.name == "Steps"
    assert fit.full[1] == L.Paragraph((L.Run("Long"),))
    assert fit.compact[1] == L.ListBlock(((L.Paragraph((L.Run("Short"),)),),))
    assert {"Long", "Short"} <= {r.text for r in L.texts(L.Document("flyer", "T", "en",
                                                                     (page,)))}


def test_icons_beside_list_items_and_headings_and_a_figure_with_its_caption() -> None:
    d = doc('<page><panel><h2 icon="pill">Medicines</h2>'
            '<ul><li icon="phone">Call</li><li>Rest</li></ul><ol><li>One</li></ol>'
            '<figure src="pictures/steps.svg" alt=" Four steps " width="200">'
            '<caption>How a <b>visit</b> goes</caption><credit>Drawn by us</credit></figure>'
            '<figure src="b.png" alt="B"/></panel></page>')
    page = d.parts[0]
    assert isinstance(page, L.Page)
    heading, icons, plain, figure, bare = page.panels[0].blocks
    assert heading == L.Heading(2, (L.Run("Medicines"),), "pill")
    assert isinstance(icons, L.ListBlock) and icons.icons == ("phone", "")
    assert isinstance(plain, L.ListBlock) and plain.icons == ()  # no item has one
    assert figure == L.Figure("pictures/steps.svg", "Four steps",
                              (L.Run("How a "), L.Run("visit", bold=True), L.Run(" goes")),
                              (L.Run("Drawn by us"),), L.Pt(200.0))
    assert bare == L.Figure("b.png", "B")
    # a figure's caption and credit are text the fonts must cover
    assert {"How a ", "Drawn by us"} <= {r.text for r in L.texts(d)}


def test_a_slide_reads_its_kicker_apart_from_its_title() -> None:
    (s,) = doc('<slide><title>Dose day</title><kicker> Remember </kicker>'
               '<callout><p>Eat lightly.</p></callout></slide>', "deck").parts
    assert isinstance(s, L.Slide)
    assert s.title == (L.Run("Dose day"),) and s.kicker == "Remember"
    assert L.Run("Remember") in set(L.texts(L.Document("deck", "T", "en", (s,))))


@pytest.mark.parametrize(("body", "message", "line"), [
    ("<page><panel><blink/></panel></page>", "unknown element <blink>", 2),
    ("<page>\n<panel><p style='huge'>x</p></panel></page>", "is not one of", 3),
    ("<page><panel><qr/></panel></page>", "<qr> needs a href= attribute", 2),
    ("<page><panel><spacer height='tall'/></panel></page>", "must be a number", 2),
    ("<page><panel>loose text</panel></page>", "must be in a <p>", 2),
    ("<page><panel></page>", "not well-formed", 2),
    ("<page></page>", "needs at least one <panel>", 2),
    ("<page><panel><callout>\n<fit name='x'><full/><compact/></fit></callout></panel></page>",
     "<fit> belongs directly in a <panel>", 3),
    ("<flow>\n<fit name='x'><full/><compact/></fit></flow>", "<fit> belongs directly", 3),
    ("<page><panel>\n<fit name='x'><compact/><full/></fit></panel></page>",
     "holds a <full> and then a <compact>", 3),
    ("<page><panel>\n<fit><full/><compact/></fit></panel></page>", "needs a name=", 3),
    ("<page><panel>\n<ul><li icon='pil'>x</li></ul></panel></page>",
     "<li icon='pil'> is not a bundled icon", 3),
    ("<page><panel>\n<h2 icon='no-such'>x</h2></panel></page>", "is not a bundled icon", 3),
    ("<page><panel>\n<figure src='a.svg'/></panel></page>", "<figure> needs a alt=", 3),
    ("<page><panel>\n<figure src='a.svg' alt=' '/></panel></page>", "needs a alt=", 3),
    ("<page><panel>\n<figure src='a.svg' alt='A'><credit>c</credit><caption>c</caption>"
     "</figure></panel></page>", "a <caption> and then a <credit>", 3),
    ("<page><panel>\n<figure src='a.svg' alt='A'><p>c</p></figure></panel></page>",
     "a <caption> and then a <credit>", 3),
    ("<page><panel>\n<figure src='a.svg' alt='A' width='10'/></panel></page>",
     "too narrow to see", 3),
])
def test_errors_are_located(body: str, message: str, line: int) -> None:
    with pytest.raises(layoutxml.LayoutError) as err:
        doc(body)
    assert message in err.value.message
    assert err.value.line == line


def test_doctype_and_entities_are_refused() -> None:
    with pytest.raises(layoutxml.LayoutError, match="DOCTYPE"):
        layoutxml.read('<!DOCTYPE d [<!ENTITY a "aaaa">]><document layout="flyer"/>')


# Fuzzing with well-formed XML ---------------------------------------------------------------
# Random text almost never gets past "not well-formed". These documents are well-formed and
# drawn from the reader's own vocabulary (module docstring of handouts.document.reader),
# mostly nested as templates nest them and sometimes not, with attribute values both valid
# and not, so each of the reader's checks is reached.

BLOCKS = ("title", "h1", "h2", "h3", "subtitle", "p", "ul", "ol", "callout", "band", "contact",
          "dl", "qr", "image", "rule", "spacer", "pagebreak")
INLINE = ("b", "i", "strong", "em", "a", "br")
CHILDREN: dict[str, tuple[str, ...]] = {
    "document": ("page", "flow", "slide"),
    "page": ("header", "panel", "panel", "footer"),
    "slide": ("title", "subtitle", "kicker", "field", "notes", *BLOCKS),
    "notes": ("p",), "ul": ("li",), "ol": ("li",), "contact": ("line",), "dl": ("dt", "dd"),
    **{tag: BLOCKS for tag in ("header", "footer", "panel", "flow", "callout", "band")},
    **{tag: INLINE for tag in ("title", "subtitle", "h1", "h2", "h3", "p", "line", "dt", "dd",
                               "field", "kicker", *INLINE)},
    "li": (*INLINE, *BLOCKS),
}
TAGS = (*CHILDREN, "rule", "spacer", "pagebreak", "qr", "image", "blink")

NUMBERS = ("0", "12.5", "72", "300", "2000", "2001", "-1", "1e3", "nan", "inf", "tall", "")
URLS = ("https://example.org/a", "tel:988", "https://example.org/" + "x" * 3000, "", " ")
TEXT = st.text(st.sampled_from("ab Zé—½😍&<>'\"\n\t"), max_size=10)


def mostly(valid: tuple[str, ...], wrong: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A valid value, or about one time in five a wrong one."""
    return st.sampled_from((*valid * 4, *wrong) if len(wrong) <= len(valid) else
                           (*valid * (4 * len(wrong)), *wrong * len(valid)))


ATTRIBUTES: dict[str, st.SearchStrategy[str]] = {
    "layout": mostly(L.LAYOUTS, ("", "poster")), "style": mostly(L.PARAGRAPH_STYLES, ("huge",)),
    "kind": mostly(L.SLIDE_KINDS, ("", "video")), "flap": mostly(("true", "false"), ("yes",)),
    "tint": mostly(("true",), ("no",)), "overflow": mostly(("next",), ("",)),
    "orientation": mostly(("portrait", "landscape"), ("diagonal",)),
    **{name: mostly(NUMBERS[:5], NUMBERS[5:]) for name in ("share", "size", "width", "height",
                                                           "logo-width")},
    "href": mostly(URLS[:2], URLS[2:]), "qr": mostly(URLS[:2], URLS[2:]),
    "src": mostly(("logo.svg", "../x.png"), ("",)), "logo": mostly(("logo.svg",), ("",)),
    **{name: TEXT for name in ("alt", "logo-alt", "caption", "title", "name", "footer")},
    "lang": st.sampled_from(["en", "es"]),
}

USES = {
    "document": ("layout", "title", "lang"), "page": ("name", "orientation"),
    "panel": ("name", "flap", "share", "tint", "overflow"), "flow": ("name", "footer"),
    "slide": ("kind",), "p": ("style",), "band": ("logo", "logo-alt", "logo-width"),
    "contact": ("qr", "caption"), "qr": ("href", "caption", "size"),
    "image": ("src", "alt", "width"), "spacer": ("height",), "a": ("href",),
}
"""The attributes the reader looks at on each element."""


HOLDS_TEXT = {tag for tag, children in CHILDREN.items() if children == INLINE} | {"li"}


def rarely(draw: st.DrawFn) -> bool:
    """True about one time in ten (hypothesis favours the first choice and small numbers)."""
    return draw(st.sampled_from((*[False] * 9, True)))


REQUIRED = {"a": "href", "qr": "href", "image": "src"}


def children(draw: st.DrawFn, tag: str) -> list[str]:
    """The tags of an element's children: in the order the reader wants, but rarely not."""
    valid = CHILDREN.get(tag, INLINE)
    if tag == "page":
        found = [*(["header"] if rarely(draw) else []), *["panel"] * draw(st.integers(1, 3)),
                 *(["footer"] if rarely(draw) else [])]
    elif tag == "slide":
        found = ["title", *draw(st.lists(st.sampled_from(valid[1:]), max_size=2))]
    elif tag == "dl":
        found = ["dt", "dd"] * draw(st.integers(1, 2))
    else:
        found = draw(st.lists(st.sampled_from(valid), min_size=tag == "document", max_size=2))
    return [draw(st.sampled_from(TAGS)) if rarely(draw) else t for t in found]


@st.composite
def element(draw: st.DrawFn, tag: str, depth: int) -> ET.Element:
    """An element `tag` with some of the vocabulary's attributes and, above depth 0,
    children that are mostly valid for it; text where text belongs, and rarely elsewhere."""
    el = ET.Element(tag)
    names = [n for n in USES.get(tag, ()) if draw(st.booleans())]
    if rarely(draw):
        names.append(draw(st.sampled_from(sorted(ATTRIBUTES))))
    for name in names:
        el.set(name, draw(ATTRIBUTES[name]))
    if tag in REQUIRED and not rarely(draw):
        el.set(REQUIRED[tag], draw(ATTRIBUTES[REQUIRED[tag]]))
    text = tag in HOLDS_TEXT or rarely(draw)
    el.text = draw(TEXT) if text else None
    if depth > 0:
        for child in children(draw, tag):
            el.append(draw(element(child, depth - 1)))
            el[-1].tail = draw(TEXT) if text or rarely(draw) else None
    return el


@st.composite
def layouts(draw: st.DrawFn) -> str:
    """A well-formed layout document, usually rooted in <document layout=...>."""
    root = draw(element("page" if rarely(draw) else "document", 4))
    if not rarely(draw):
        root.set("layout", draw(st.sampled_from(L.LAYOUTS)))
    return ET.tostring(root, encoding="unicode").replace("><", ">\n<")


def test_generated_layouts_reach_the_readers_checks() -> None:
    """Any well-formed layout document gives a Document or a LayoutError located on a line
    of it, never another exception; and the generated documents both pass and reach many
    different checks (so the fuzzing is not stopped at the parser)."""
    outcomes: collections.Counter[str] = collections.Counter()

    @settings(max_examples=150, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(layouts())
    def read_one(xml: str) -> None:
        try:
            layoutxml.read(xml)
        except layoutxml.LayoutError as exc:
            assert 1 <= exc.line <= xml.count("\n") + 1, (exc.line, exc.message)
            outcomes[re.sub(r"<[^>]*>|'[^']*'|\(.*", "", exc.message)[:40]] += 1
        else:
            outcomes["a document"] += 1

    read_one()
    assert outcomes["a document"] >= 20, outcomes
    assert "the layout XML is not well-formed " not in outcomes, outcomes
    assert len(outcomes) >= 7, outcomes
