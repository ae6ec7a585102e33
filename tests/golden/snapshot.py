"""What a golden case is compared on, as text files: each output's layout XML exactly,
each PDF's text lines with their boxes (rst2pdf's approach: positions compared within a
tolerance, see compare.py), and each deck part by part as canonical XML (pandoc's
approach: C14N, docProps timestamps dropped, binary parts by their hash).

The layout XML is rendered through the build's own steps (load the project, plan the
jobs, select each job's view, render its template): the one place here that names the
build's internals, so a change to them is mended in layout_xml alone.

Nothing here depends on where the project lies, the date or the machine: the project's
path is written as {project}, and the decks' dates come from the topics' review dates."""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.dom import minidom

from tests.helpers import run_tool

PROJECT = "{project}"
"""Stands for the project's folder in a rendered layout XML (a logo's path)."""

XHTML = "{http://www.w3.org/1999/xhtml}"

DROPPED = {("http://purl.org/dc/terms/", "created"), ("http://purl.org/dc/terms/", "modified")}
"""docProps/core.xml elements left out of the comparison: when, not what."""


def build(root: Path) -> str:
    """Build every output of the project at `root` into root/build, one process, no report;
    returns the command's output. Fails the test on a non-zero exit."""
    from click.testing import CliRunner

    from handouts.cli import main
    result = CliRunner().invoke(main, ["-C", str(root), "build", "--no-thumbnails",
                                       "--no-report", "-j", "1"], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.output


def layout_xml(root: Path) -> dict[str, str]:
    """The layout XML each output's template writes, by output file name plus
    '.layout.xml', with the project's folder written as {project}."""
    from handouts import FORMATS
    from handouts.build import project as build_project
    from handouts.content.view import select
    from handouts.document import jinja as templates

    project = build_project.load_project(root)
    env = templates.environment(project.settings.templates_dir, root=project.settings.root,
                                catalogue=project.catalogue)
    found = {}
    for job in build_project.plan(project, formats=FORMATS):
        context = select(job.topic, job.level, job.length, project.brand,
                         catalogue=project.catalogue)
        xml = templates.render(env, job.template, context)
        found[job.path(Path()).name + ".layout.xml"] = xml.replace(str(root), PROJECT)
    return found


def pdf_lines(path: Path) -> str:
    """The PDF's text, one line of text a row: page, then the line's box (left, top, right,
    bottom in points from the page's top left, to 0.1 pt), then its words."""
    page_xml = run_tool("pdftotext", "-bbox-layout", path, "-")
    tree = ET.fromstring(page_xml)
    rows = []
    for number, page in enumerate(tree.iter(f"{XHTML}page"), 1):
        rows.append(f"page {number} {float(page.get('width', 0)):.1f} x "
                    f"{float(page.get('height', 0)):.1f}")
        for line in page.iter(f"{XHTML}line"):
            words = " ".join((w.text or "") for w in line.iter(f"{XHTML}word"))
            box = " ".join(f"{float(line.get(k, 0)):.1f}"
                           for k in ("xMin", "yMin", "xMax", "yMax"))
            rows.append(f"{number} {box} {words}")
    return "\n".join(rows) + "\n"


def _tidy(node: minidom.Element, part: str) -> None:
    """Drop whitespace between elements (the writers put none, a template may) and, in
    docProps/core.xml, the timestamps."""
    for child in list(node.childNodes):
        if child.nodeType == child.TEXT_NODE and not child.data.strip() and \
                any(c.nodeType == c.ELEMENT_NODE for c in node.childNodes):
            node.removeChild(child)
        elif child.nodeType == child.ELEMENT_NODE:
            if part == "docProps/core.xml" and (child.namespaceURI, child.localName) in DROPPED:
                node.removeChild(child)
            else:
                _tidy(child, part)


def _canonical(data: bytes, part: str) -> str:
    """A part's XML canonicalised (C14N 2.0: attributes sorted, the part's own namespace
    prefixes kept) and indented one element a line, so a diff reads part by part."""
    text = ET.canonicalize(data.decode("utf-8"))
    root = minidom.parseString(text).documentElement
    _tidy(root, part)
    _declare_once(root)
    return root.toprettyxml(indent=" ")


def _declare_once(root: minidom.Element) -> None:
    """Move the namespace declarations C14N repeats on every element that uses a prefix
    up to the root, when each prefix means one namespace throughout the part (as in every
    OOXML part): the same document, a third of the size to review."""
    declared: dict[str, str] = {}
    elements = root.getElementsByTagName("*")
    for el in [root, *elements]:
        for name, value in el.attributes.items():
            if name.startswith("xmlns") and declared.setdefault(name, value) != value:
                return
    for el in elements:
        for name in [n for n in el.attributes.keys() if n.startswith("xmlns")]:
            el.removeAttribute(name)
    for name, value in sorted(declared.items()):
        root.setAttribute(name, value)


def part_key(text: str) -> str:
    """The name a canonical part is kept under in the shared store (tests/golden/parts/):
    the start of its sha256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Snapshot:
    """What a built project is compared on."""

    files: dict[str, str] = field(default_factory=dict)
    """Expected file name (in the case's expected folder) and its text: layout XML, a PDF's
    text lines, a deck's part list."""
    parts: dict[str, str] = field(default_factory=dict)
    """The canonical XML of every deck part, by part_key; kept once for all decks, since
    most decks share their masters, layouts and themes."""

    def add_deck(self, name: str, data: bytes) -> None:
        """List every part of a deck in name order, one a line: 'NAME xml KEY' (its
        canonical XML kept in `parts`) or 'NAME binary SIZE SHA256'."""
        rows = []
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for part in sorted(z.namelist()):
                body = z.read(part)
                if part.endswith((".xml", ".rels")):
                    text = _canonical(body, part)
                    key = part_key(text)
                    self.parts[key] = text
                    rows.append(f"{part} xml {key}")
                else:
                    rows.append(f"{part} binary {len(body)} {hashlib.sha256(body).hexdigest()}")
        self.files[name] = "\n".join(rows) + "\n"


def snapshot(root: Path) -> Snapshot:
    """What the project at `root`, already built into root/build, is compared on."""
    found = Snapshot(layout_xml(root))
    for path in sorted((root / "build").rglob("*")):
        if path.suffix == ".pdf":
            found.files[path.name + ".txt"] = pdf_lines(path)
        elif path.suffix == ".pptx":
            found.add_deck(path.name + ".txt", path.read_bytes())
    return found
