"""Clinic .pptx templates made for the tests with python-pptx, shaped like real ones: layouts
named as Czech, Spanish and German PowerPoint names them, custom layouts with no type, a
template with no notes master, a 4:3 template with example slides in sections, and
templates whose own text colours must be worked out (a dark master, pale text styles, a
filled body over a gradient)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path
from typing import Any

from lxml import etree
from pptx import Presentation
from pptx.dml.color import RGBColor
from pptx.util import Emu

P = "http://schemas.openxmlformats.org/presentationml/2006/main"
P14 = "http://schemas.microsoft.com/office/powerpoint/2010/main"
SECTIONS_URI = "{521415D9-36F7-43E2-AB2F-B90AF26B5E84}"
"""The extension PowerPoint 2010 and later keep a presentation's sections in."""

CZECH = {"Title Slide": "Úvodní snímek", "Title and Content": "Nadpis a obsah",
         "Section Header": "Záhlaví oddílu", "Two Content": "Dva obsahy",
         "Comparison": "Porovnání", "Title Only": "Pouze nadpis", "Blank": "Prázdný",
         "Content with Caption": "Obsah s titulkem", "Picture with Caption": "Obrázek s titulkem",
         "Title and Vertical Text": "Nadpis a svislý text",
         "Vertical Title and Text": "Svislý nadpis a text"}
SPANISH = {"Title Slide": "Diapositiva de título", "Title and Content": "Título y objetos",
           "Section Header": "Encabezado de sección", "Two Content": "Dos objetos",
           "Comparison": "Comparación", "Title Only": "Solo el título", "Blank": "En blanco",
           "Content with Caption": "Contenido con título",
           "Picture with Caption": "Imagen con título",
           "Title and Vertical Text": "Título y texto vertical",
           "Vertical Title and Text": "Título vertical y texto"}
GERMAN = {"Title Slide": "Titelfolie", "Title and Content": "Titel und Inhalt",
          "Section Header": "Abschnittsüberschrift", "Two Content": "Zwei Inhalte",
          "Comparison": "Vergleich", "Title Only": "Nur Titel", "Blank": "Leer",
          "Content with Caption": "Inhalt mit Überschrift",
          "Picture with Caption": "Bild mit Überschrift",
          "Title and Vertical Text": "Titel und vertikaler Text",
          "Vertical Title and Text": "Vertikaler Titel und Text"}


def opened(data: bytes) -> Any:
    return Presentation(io.BytesIO(data))


def layout_types(prs: Any) -> set[str]:
    """The `type` attributes of a presentation's layouts."""
    return {t for lay in prs.slide_layouts if (t := lay._element.get("type")) is not None}


def localized_template(path: Path, names: dict[str, str]) -> Path:
    """PowerPoint's default template (4:3), its layouts named by `names` (English ones
    keep their names), with a notes master as PowerPoint saves one."""
    prs = Presentation()
    for layout in prs.slide_layouts:
        layout.name = names.get(layout.name, layout.name)
    prs.notes_master  # noqa: B018 - python-pptx makes the notes master when first asked
    prs.save(str(path))
    return path


def custom_template(path: Path) -> Path:
    """A German template whose layouts a designer made: no `type` on half of them,
    `type="cust"` on the rest, so only their placeholders say what they are."""
    localized_template(path, GERMAN)
    prs = Presentation(str(path))
    for n, layout in enumerate(prs.slide_layouts):
        if n % 2:
            layout._element.set("type", "cust")
        else:
            layout._element.attrib.pop("type", None)
    prs.save(str(path))
    return path


def without_notes_master(path: Path) -> Path:
    """A template with no notes master at all (python-pptx's default, as many templates
    made outside PowerPoint are)."""
    Presentation().save(str(path))
    with zipfile.ZipFile(path) as z:
        assert not any(name.startswith("ppt/notesMasters/") for name in z.namelist())
    return path


def four_by_three_with_examples(path: Path) -> Path:
    """A 4:3 template with three example slides, each with speaker notes, kept in two
    PowerPoint sections, and a custom show of them."""
    prs = Presentation()
    assert (Emu(prs.slide_width).pt, Emu(prs.slide_height).pt) == (720, 540)
    for n, layout in enumerate([prs.slide_layouts[0], prs.slide_layouts[1],
                                prs.slide_layouts[1]], 1):
        slide = prs.slides.add_slide(layout)
        slide.shapes.title.text = f"EXAMPLE SLIDE {n}"
        slide.notes_slide.notes_text_frame.text = f"EXAMPLE NOTES {n}"
    root = prs.part._element
    ids = [s.get("id") for s in prs.slides._sldIdLst]
    sections = (f'<p:extLst xmlns:p="{P}"><p:ext uri="{SECTIONS_URI}">'
                f'<p14:sectionLst xmlns:p14="{P14}">'
                '<p14:section name="Cover" id="{A1B2C3D4-0000-4000-8000-000000000001}">'
                f'<p14:sldIdLst><p14:sldId id="{ids[0]}"/></p14:sldIdLst></p14:section>'
                '<p14:section name="Examples" id="{A1B2C3D4-0000-4000-8000-000000000002}">'
                f'<p14:sldIdLst><p14:sldId id="{ids[1]}"/><p14:sldId id="{ids[2]}"/>'
                "</p14:sldIdLst></p14:section></p14:sectionLst></p:ext></p:extLst>")
    shows = (f'<p:custShowLst xmlns:p="{P}" xmlns:r="http://schemas.openxmlformats.org/'
             'officeDocument/2006/relationships"><p:custShow name="Short" id="0"><p:sldLst>'
             f'<p:sld r:id="{prs.slides._sldIdLst[1].rId}"/></p:sldLst></p:custShow>'
             "</p:custShowLst>")
    # custShowLst comes after notesSz and before the extensions, as the schema orders them
    root.find(f"{{{P}}}notesSz").addnext(etree.fromstring(shows))
    root.append(etree.fromstring(sections))
    prs.save(str(path))
    return path


A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def _text_colour(props: Any, colour: str) -> None:
    """Set the text colour of run properties `props` (an `a:defRPr`): `colour` is an
    srgbClr or schemeClr element as XML."""
    for old in props.findall(f"{{{A}}}solidFill"):
        props.remove(old)
    fill = etree.fromstring(f'<a:solidFill xmlns:a="{A}">{colour}</a:solidFill>')
    props.insert(0, fill)


def _list_style(shape: Any, colour: str) -> None:
    """Give a placeholder's list style a first-level text colour (`colour` as XML)."""
    body = shape._element.find(f"{{{P}}}txBody")
    style = body.find(f"{{{A}}}lstStyle")
    level = style.find(f"{{{A}}}lvl1pPr")
    if level is None:
        level = etree.SubElement(style, f"{{{A}}}lvl1pPr")
    props = level.find(f"{{{A}}}defRPr")
    if props is None:
        props = etree.SubElement(level, f"{{{A}}}defRPr")
    _text_colour(props, colour)


def _text_style(master: Any, style: str, colour: str) -> None:
    """Set the master's `style` ('titleStyle', 'bodyStyle') first-level text colour."""
    props = master._element.find(f"{{{P}}}txStyles/{{{P}}}{style}/{{{A}}}lvl1pPr/{{{A}}}defRPr")
    _text_colour(props, colour)


def dark_master(path: Path) -> Path:
    """A Czech template whose master is dark with light text, as a designer makes one: its
    colour map swaps the theme's light and dark (text colour 1 is the theme's white, the
    background colour 1 its black), its background is background colour 1, and its title
    placeholder's own list style sets titles in a pale yellow."""
    localized_template(path, CZECH)
    prs = Presentation(str(path))
    master = prs.slide_master
    mapping = master._element.find(f"{{{P}}}clrMap")
    mapping.set("bg1", "dk1")
    mapping.set("tx1", "lt1")
    mapping.set("bg2", "dk2")
    mapping.set("tx2", "lt2")
    bg = master._element.find(f"{{{P}}}cSld/{{{P}}}bg")
    bg.getparent().replace(bg, etree.fromstring(
        f'<p:bg xmlns:p="{P}" xmlns:a="{A}"><p:bgPr><a:solidFill><a:schemeClr val="bg1"/>'
        '</a:solidFill><a:effectLst/></p:bgPr></p:bg>'))
    title = next(ph for ph in master.placeholders if ph.placeholder_format.idx == 0)
    _list_style(title, '<a:srgbClr val="F5E6A8"/>')
    prs.save(str(path))
    return path


def pale_text(path: Path) -> Path:
    """A German template on white slides whose text styles a designer chose for a dark
    background they later took out: body text in the theme's light 2 (#EEECE1, through the
    colour map's background 2) and titles in accent 3 lightened 40% (lumMod, lumOff)."""
    localized_template(path, GERMAN)
    prs = Presentation(str(path))
    master = prs.slide_master
    _text_style(master, "bodyStyle", '<a:schemeClr val="bg2"/>')
    _text_style(master, "titleStyle", '<a:schemeClr val="accent3"><a:lumMod val="40000"/>'
                                      '<a:lumOff val="60000"/></a:schemeClr>')
    prs.save(str(path))
    return path


def filled_body_on_a_gradient(path: Path) -> Path:
    """A template whose master background is a gradient and whose content layout's body
    placeholder has a navy fill of its own, its text left in the theme's black."""
    prs = Presentation()
    prs.slide_master.background.fill.gradient()
    content = prs.slide_layouts[1]
    body = next(ph for ph in content.placeholders if ph.placeholder_format.idx == 1)
    body.fill.solid()
    body.fill.fore_color.rgb = RGBColor(0x25, 0x40, 0x6A)
    prs.save(str(path))
    return path
