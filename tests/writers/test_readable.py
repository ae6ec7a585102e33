"""Every text the writers draw reads on what is behind it (WCAG AA), for any brand:
measured in the finished PDFs and decks (tests.measure_contrast), not in the writers."""

from __future__ import annotations

import io
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.opc.constants import RELATIONSHIP_TYPE as RT

from handouts.build.project import load_project, plan, render_layout, writer_inputs
from handouts.colours import Palette, contrast, luminance
from handouts.document import model as L
from handouts.errors import Diagnostic
from handouts.writers.contract import WriterInputs
from tests.helpers import first_topic_project
from tests.measure_contrast import Seen, deck_texts, pdf_texts
from tests.writers.pptx.templates import dark_master, filled_body_on_a_gradient, pale_text

Made = tuple[str, bytes, tuple[Diagnostic, ...]]


@pytest.fixture(scope="module")
def jobs(tmp_path_factory: pytest.TempPathFactory
         ) -> dict[str, tuple[L.Document, WriterInputs, Callable[..., object]]]:
    """The sample's first topic at the standard level, as layout documents with their
    writer inputs: flyer, brochure (trifold), booklet and the 5-minute deck."""
    root = first_topic_project(tmp_path_factory.mktemp("readable"))
    project = load_project(root)
    out = {}
    for job in plan(project, levels=["standard"], formats=("pdf", "pptx")):
        if job.fmt == "pptx" and job.length.name != "short":
            continue
        out[job.kind] = (render_layout(project, job), writer_inputs(project, job),
                         job.writer.writer())
    return out


def make(jobs: dict[str, tuple[L.Document, WriterInputs, Callable[..., object]]],
         palette: Palette, kinds: tuple[str, ...], template: Path | None = None
         ) -> list[Made]:
    made = []
    for kind in kinds:
        doc, inputs, writer = jobs[kind]
        inputs = replace(inputs, palette=palette,
                         pptx_template=template if inputs.pptx_template is None else None)
        output = writer(doc, inputs)
        made.append((kind, output.data, output.warnings))  # type: ignore[attr-defined]
    return made


def seen(made: list[Made]) -> list[Seen]:
    return [s for kind, data, _ in made
            for s in (deck_texts(data, kind) if data[:2] == b"PK" else pdf_texts(data, kind))]


def unreadable(made: list[Made]) -> list[str]:
    return [str(s) for s in seen(made) if not s.passes]


def kinds_of(jobs: dict[str, object]) -> dict[str, str]:
    """The job kinds by what they are: flyer, brochure, booklet, deck."""
    out = {}
    for kind in jobs:
        for name in ("flyer", "brochure", "booklet"):
            if name in kind:
                out[name] = kind
        if "talk" in kind or "min" in kind:
            out["deck"] = kind
    assert set(out) == {"flyer", "brochure", "booklet", "deck"}, list(jobs)
    return out


def test_the_sample_brand_reads_everywhere_and_warns_of_nothing(jobs: dict) -> None:  # type: ignore[type-arg]
    k = kinds_of(jobs)
    made = make(jobs, jobs[k["flyer"]][1].palette, tuple(k.values()))
    assert not unreadable(made)
    assert not [w for _, _, ws in made for w in ws if w.severity == "warning"]
    assert len(seen(made)) > 300  # every output's text was measured


def test_a_dark_brand_prints_dark_text_on_white_paper_and_projects_on_its_background(
        jobs: dict) -> None:  # type: ignore[type-arg]
    k = kinds_of(jobs)
    dark = Palette(primary="#7FD1C7", secondary="#2B2B2B", foreground="#F0F0F0",
                   background="#111111")
    printed = make(jobs, dark, (k["flyer"], k["brochure"], k["booklet"]))
    deck = make(jobs, dark, (k["deck"],))
    made = printed + deck
    assert not unreadable(made), unreadable(made)[:10]
    on_paper = {s.colour for s in seen(printed) if s.ground == "#FFFFFF"}
    assert "#111111" in on_paper and "#F0F0F0" not in on_paper
    slides = seen(deck)
    assert any(s.ground == "#111111" and s.colour == "#F0F0F0" for s in slides)
    messages = [w.message for _, _, ws in made for w in ws]
    assert any(m.startswith("#F0F0F0 on #FFFFFF has a contrast of 1.13:1") and
               "body text (color.foreground) on the white paper, drawn in #111111" in m
               for m in messages), messages
    assert all(w.code == "low-contrast" for _, _, ws in made for w in ws
               if w.severity == "warning")


def test_print_callouts_on_a_dark_secondary_read(jobs: dict) -> None:  # type: ignore[type-arg]
    k = kinds_of(jobs)
    navy = Palette(primary="#1B5E7A", secondary="#25406A", foreground="#505050")
    made = make(jobs, navy, (k["booklet"], k["brochure"], k["deck"]))
    assert not unreadable(made), unreadable(made)[:10]
    on_navy = [s for s in seen(made) if s.ground == "#25406A"]
    assert on_navy and {s.colour for s in on_navy} <= {"#FFFFFF"}, on_navy[:5]


def without_icons(doc: L.Document) -> L.Document:
    """`doc` with its lists drawn with bullets instead of icons."""
    def plain(block: L.PanelBlock) -> L.PanelBlock:
        if isinstance(block, L.ListBlock):
            return replace(block, icons=())
        if isinstance(block, L.Callout):
            return replace(block, blocks=tuple(map(plain, block.blocks)))  # type: ignore[arg-type]
        return block

    parts = [replace(p, panels=tuple(replace(pn, blocks=tuple(map(plain, pn.blocks)))
                                     for pn in p.panels)) if isinstance(p, L.Page) else p
             for p in doc.parts]
    return replace(doc, parts=tuple(parts))


def test_headings_and_bullets_in_primary_on_a_secondary_box_read(jobs: dict) -> None:  # type: ignore[type-arg]
    k = kinds_of(jobs)
    apricot = Palette(primary="#00897B", secondary="#F8B88B")
    doc, inputs, writer = jobs[k["booklet"]]
    made = make({k["booklet"]: (without_icons(doc), inputs, writer)}, apricot, (k["booklet"],))
    boxed = [s for s in seen(made) if s.ground == "#F8B88B"]
    assert any(s.text.strip() == "\u2022" for s in boxed), boxed  # bullets in the box
    assert not unreadable(made), unreadable(made)[:10]
    [booklet] = made
    assert any("bullets and list numbers (color.primary) on callout boxes" in w.message
               for w in booklet[2])


def test_a_clinic_template_keeps_callout_text_readable(jobs: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    template = tmp_path / "clinic.pptx"
    Presentation().save(str(template))
    k = kinds_of(jobs)
    made = make(jobs, Palette(primary="#1F5C99", secondary="#E8F0F7"), (k["deck"],),
                template)
    callout = [s for s in seen(made) if s.ground == "#E8F0F7"]
    assert callout, "the deck has no callout box"
    assert not unreadable(made), unreadable(made)[:10]


def test_a_template_with_text_over_a_gradient_is_reported(jobs: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    prs = Presentation()
    prs.slide_master.background.fill.gradient()
    template = tmp_path / "gradient.pptx"
    prs.save(str(template))
    k = kinds_of(jobs)
    [(_, _, warnings)] = make(jobs, Palette(), (k["deck"],), template)
    found = [w for w in warnings if w.code == "unchecked-background"]
    assert found and all("gradient" in w.message for w in found)
    assert found[0].message.startswith("slide 1: the template's layout 'Title Slide'")


def test_own_text_on_a_dark_template_reads(jobs: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    prs = Presentation()
    fill = prs.slide_master.background.fill
    fill.solid()
    fill.fore_color.rgb = RGBColor(0x25, 0x40, 0x6A)
    template = tmp_path / "navy.pptx"
    prs.save(str(template))
    k = kinds_of(jobs)
    made = make(jobs, Palette(), (k["deck"],), template)
    own = [s for s in seen(made) if s.where.endswith(("Slide number", "Presenter and date"))]
    assert len(own) > 5 and {s.ground for s in own} == {"#25406A"}
    assert all(s.passes for s in own), [str(s) for s in own if not s.passes][:5]


light = st.integers(0xC0, 0xFF)
dark = st.integers(0x00, 0x30)


def grey_ish(channel: st.SearchStrategy[int]) -> st.SearchStrategy[str]:
    return st.tuples(channel, channel, channel).map(lambda c: "#{:02X}{:02X}{:02X}".format(*c))


any_colour = st.integers(0, 0xFFFFFF).map(lambda n: f"#{n:06X}")
palettes = st.one_of(
    st.builds(Palette, primary=any_colour, secondary=any_colour, foreground=any_colour,
              background=grey_ish(light)),
    st.builds(Palette, primary=any_colour, secondary=any_colour, foreground=any_colour,
              background=grey_ish(dark)))


@settings(max_examples=6, deadline=None, suppress_health_check=[
    HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(palette=palettes)
def test_every_text_of_any_brand_meets_aa_in_the_outputs(
        jobs: dict, palette: Palette) -> None:  # type: ignore[type-arg]
    k = kinds_of(jobs)
    made = make(jobs, palette, (k["flyer"], k["brochure"], k["deck"]))
    bad = unreadable(made)
    assert not bad, (palette, bad[:10])
    if luminance(palette.background) < 0.05:
        assert any(s.ground == palette.background for s in seen(made[2:]))


def template_texts(made: list[Made], where: str) -> list[Seen]:
    return [s for s in seen(made) if where in s.where]


def test_a_dark_master_keeps_its_own_light_text_measured_as_drawn(
        jobs: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    template = dark_master(tmp_path / "tmava.pptx")
    k = kinds_of(jobs)
    made = make(jobs, Palette(), (k["deck"],), template)
    assert not unreadable(made), unreadable(made)[:10]
    titles = template_texts(made, "Title")
    assert titles and {s.colour for s in titles if s.size > 24} == {"#F5E6A8"}
    assert {s.ground for s in titles} == {"#000000"}
    body = [s for s in template_texts(made, "Content") if s.text != "(bullet)"]
    assert body and {s.colour for s in body} == {"#FFFFFF"}
    [(_, _, warnings)] = made
    mine = [w.message for w in warnings if "used for the template's" in w.message]
    assert not [m for m in mine if "title text" in m or "body text" in m], mine
    # the theme's hyperlink colour is the default blue, which a dark master does not read on
    assert any(m.startswith("slides ") and "#0000FF on #000000" in m and "links" in m
               for m in mine), mine
    # ... and presentation programs colour a link from the theme, not its run: the deck's
    # theme takes the readable link colour
    [(_, data, _)] = made
    master = Presentation(io.BytesIO(data)).slide_master
    theme = master.part.part_related_by(RT.THEME).blob.decode()
    links = re.findall(r'<a:hlink><a:srgbClr val="(\w+)"', theme)
    assert links and all(contrast(f"#{c}", "#000000") >= 4.5 for c in links), links


def test_icons_on_a_dark_master_reach_3_to_1_against_it(
        jobs: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    """WCAG 1.4.11: an icon is coloured against the template's own slide colour, not the
    brand's white page (teal icons were drawn at 2.9:1 on a black master)."""
    from PIL import Image

    template = dark_master(tmp_path / "tmava.pptx")
    k = kinds_of(jobs)
    teal = Palette(primary="#1B5E7A")  # 2.9:1 on black, 7.3:1 on white
    [(_, data, _)] = make(jobs, teal, (k["deck"],), template)
    icons = [shape for slide in Presentation(io.BytesIO(data)).slides
             for shape in slide.shapes if shape.name.startswith("Icon: ")]
    assert icons
    for icon in icons:
        image = Image.open(io.BytesIO(icon.image.blob)).convert("RGBA")
        counts = image.getcolors(maxcolors=1 << 16) or []
        _, ink = max((n, c[:3]) for n, c in counts if c[3] == 255)  # the opaque ink
        colour = "#{:02X}{:02X}{:02X}".format(*ink)
        assert contrast(colour, "#000000") >= 3.0, (icon.name, colour)


def test_pale_template_text_styles_are_replaced_naming_the_slides(
        jobs: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    template = pale_text(tmp_path / "blass.pptx")
    k = kinds_of(jobs)
    made = make(jobs, Palette(), (k["deck"],), template)
    assert not unreadable(made), unreadable(made)[:10]
    [(_, _, warnings)] = made
    found = [w for w in warnings if "the template's" in w.message]
    body = next(w for w in found if "body text" in w.message)
    assert body.message.startswith("slides 2, 4")
    # slide 3, a section's picture beside its text, is on the picture layout (type picTx,
    # named in German), whose text styles are the master's too
    assert any(w.message.startswith("slide 3: #EEECE1") and "body text" in w.message
               and "layout 'Bild mit Überschrift'" in w.message for w in found), found
    assert "#EEECE1 on #FFFFFF" in body.message
    assert "layout 'Titel und Inhalt'" in body.message
    assert body.location is not None and body.location.path == template
    assert any("title text" in w.message and "#D7E4BD" in w.message for w in found), found


def test_text_on_a_filled_placeholder_over_a_gradient_is_measured_on_its_fill(
        jobs: dict, tmp_path: Path) -> None:  # type: ignore[type-arg]
    template = filled_body_on_a_gradient(tmp_path / "filled.pptx")
    k = kinds_of(jobs)
    made = make(jobs, Palette(), (k["deck"],), template)
    on_fill = [s for s in seen(made) if s.ground == "#25406A"]
    assert on_fill and all(s.passes for s in on_fill), [str(s) for s in on_fill][:5]
    [(_, _, warnings)] = made
    assert any(w.code == "unchecked-background" for w in warnings)
    assert any("on the placeholder's own fill" in w.message for w in warnings)


def test_text_in_a_tinted_panel_reads_on_the_tint() -> None:
    """A panel a template tints with the brand's secondary colour inks its text for that
    ground: navy secondary with grey body text and teal headings printed white or
    near-black instead (on white paper the grey and teal would have been kept)."""
    from handouts.document import reader
    from handouts.fonts.families import builtin_fonts
    from handouts.writers.pdf import output as pdf
    from handouts.writers.pdf.flowables import Theme

    xml = ('<document layout="flyer" title="T" lang="en"><page name="flyer">'
           '<panel name="side" tint="true"><h2>Side heading</h2><p>Text on the tint, with '
           '<a href="https://example.org">a link</a>.</p><ul><li>A point</li></ul></panel>'
           '<panel name="main"><h2>Main heading</h2><p>Text on paper.</p></panel>'
           "</page></document>")
    palette = Palette(primary="#1F8A8A", secondary="#25406A", foreground="#6B6B6B",
                      background="#FFFFFF")
    out = pdf.draw(reader.read(xml), Theme(fonts=builtin_fonts(), palette=palette))
    texts = pdf_texts(out.data, "tinted")
    assert not [str(s) for s in texts if not s.passes]
    on_tint = {s.colour for s in texts if s.ground == "#25406A"}
    assert on_tint and not on_tint & {"#6B6B6B", "#1F8A8A"}, on_tint
