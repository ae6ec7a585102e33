"""Hypothesis strategies that make whole projects: settings, a brand with its logo and fonts,
topics with Markdown bodies, and sometimes a template override.

Most of what they draw is valid, so the loaders pass and the writers really run; a share is
wrong in one place (a bad name, a missing level, an unknown key, a broken logo, a file that
is not UTF-8), so the located errors are exercised too. A project is a `Project`: file
names and their bytes, written into a folder by `Project.write`.
"""

from __future__ import annotations

import io
import json
import math
import re
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hypothesis import strategies as st
from PIL import Image

import handouts

Draw = Callable[[st.SearchStrategy[Any]], Any]

LEVEL_NAMES = ("easy", "standard", "clinical")
LENGTH_NAMES = ("short", "standard", "full")
BAD_NAMES = ("Easy", "../up", "a b", "x" * 60, "", ".hidden", "ünï", "con/aux")
"""Names that may not become part of a file name."""

FONTS = Path(handouts.__file__).resolve().parent / "fonts"
FONT_POOL: dict[str, dict[int, Path]] = {
    "Noto Sans": {400: FONTS / "NotoSans-Regular.ttf", 700: FONTS / "NotoSans-Bold.ttf"},
    "DejaVu Sans": {400: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
                    700: Path("/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf")},
    "Liberation Serif": {
        400: Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf"),
        700: Path("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf")},
    "Liberation Sans": {
        400: Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf"),
        700: Path("/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf")},
}
"""Font families a brand may name, with their regular and bold TrueType files on this
machine (the bundled Noto Sans, fonts-dejavu-core, fonts-liberation2)."""


@dataclass
class Project:
    """A project's files: path inside the project -> bytes, and files copied in whole
    (fonts) as path inside the project -> source file."""

    files: dict[str, bytes] = field(default_factory=dict)
    copies: dict[str, Path] = field(default_factory=dict)
    levels: tuple[str, ...] = LEVEL_NAMES
    """The level names the settings declare (valid or not)."""
    lengths: tuple[str, ...] = LENGTH_NAMES
    build: str = "build"
    """The build folder as handouts.toml names it."""

    def write(self, root: Path) -> None:
        """Write every file under `root` (which exists)."""
        for name, data in self.files.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        for name, source in self.copies.items():
            path = root / name
            path.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, path)

    def describe(self) -> str:
        """The project as text, for a failing example's report (long files cut short)."""
        parts = []
        for name, data in sorted(self.files.items()):
            text = data[:4000].decode("utf-8", "backslashreplace")
            parts.append(f"--- {name} ({len(data)} bytes)\n{text}")
        parts += [f"--- {name}: copy of {source}" for name, source in sorted(self.copies.items())]
        return "\n".join(parts)


class _NoAliases(yaml.SafeDumper):
    """A dumper that writes a repeated object out again instead of an alias (the readers
    refuse anchors)."""

    def ignore_aliases(self, data: Any) -> bool:
        return True


def dump_yaml(value: Any) -> str:
    """`value` as block-style YAML text, Unicode kept."""
    return yaml.dump(value, Dumper=_NoAliases, allow_unicode=True, sort_keys=False,
                     default_flow_style=False, width=100)


# --- text -------------------------------------------------------------------------------

PLAIN_WORDS = ("wash", "your", "hands", "with", "soap", "and", "water", "the", "clinic",
               "nurse", "call", "us", "if", "you", "feel", "sick", "take", "one", "pill",
               "each", "day", "rest", "drink", "ask", "help", "safe", "care", "doctor")
ODD_WORDS = ("corazón", "niño", "¿Qué?", "¡Sí!", "pingüino", "naïve", "café", "Ærø",
             "☃", "漢字", "😀", "𝔘𝔫𝔦", "שלום", "مرحبا", "e\u0301", "a\u0308\u0323", "\u200b",
             "\u00ad", "\t", "<b>", "&amp;", "]]>", "{{ x }}", "{% if %}",
             "x" * 300, "https://example.org/" + "long/" * 60, "`code`", "# head",
             "> quote", "---", "\\", "*", "_", "[", "](", "1.", "-", "|a|b|", "<!-- c -->",
             "Ⅻ", "ﬁ", "\ufffd", "\u2028", "\r")
"""Words a writer may stumble on: accents, symbols and CJK the fonts lack, right-to-left,
combining marks, markup of every kind the templates or Markdown might read, very long words.
Characters beyond U+FFFF reach the file as YAML escapes ("\\U0001F600")."""

FONT_GAPS = ("☃", "漢字", "😀", "𝔘𝔫𝔦", "שלום", "مرحبا", "Ⅻ", "\ufffd")
"""Words some of the pool's fonts cannot draw."""

CONTROL_WORDS = ("\x07", "\x1b[31m", "\x0c", "\ufffe", "\x7f")
"""Characters no document can hold: a brand or content text holding one is refused where
it is written."""


@st.composite
def words(draw: Draw, min_size: int = 1, max_size: int = 12, controls: bool = False,
          brand: bool = False) -> str:
    """A run of words, mostly plain, sometimes odd; with `controls` (a project drawn with
    flaws), sometimes a control character or a word the fonts may lack (FONT_GAPS), which
    the build refuses where it is written (a brand's texts, `brand`, included)."""
    pool_odd = ODD_WORDS if controls else tuple(w for w in ODD_WORDS if w not in FONT_GAPS)
    odd = st.sampled_from(pool_odd + CONTROL_WORDS if controls else pool_odd)
    pool = st.one_of(st.sampled_from(PLAIN_WORDS), st.sampled_from(PLAIN_WORDS),
                     st.sampled_from(PLAIN_WORDS), odd)
    chosen: list[str] = draw(st.lists(pool, min_size=min_size, max_size=max_size))
    return " ".join(chosen)


def oops(draw: Draw, flaws: bool, one_in: int) -> bool:
    """Whether to make a mistake here: one time in `one_in`, in a project drawn with
    flaws; never in the others, so most projects load and the writers run."""
    return flaws and draw(st.integers(0, one_in - 1)) == 0


def plain_words(min_size: int = 1, max_size: int = 8) -> st.SearchStrategy[str]:
    """A run of plain words only."""
    return st.lists(st.sampled_from(PLAIN_WORDS), min_size=min_size,
                    max_size=max_size).map(" ".join)


@st.composite
def inline(draw: Draw, controls: bool = False) -> str:
    """A line of Markdown text: words, some bold, italic or a link (with `controls`, words
    as words() draws them for a project with flaws)."""
    pieces = []
    for _ in range(draw(st.integers(1, 4))):
        text = draw(words(max_size=6, controls=controls))
        style = draw(st.sampled_from(("", "", "", "**", "*", "_", "link", "code")))
        if style == "link":
            url = draw(st.sampled_from(("https://example.org/a", "http://x.test",
                                        "mailto:a@b.test", "javascript:alert(1)",
                                        "file:///etc/passwd", "", "../../up", "tel:988")))
            text = f"[{text}]({url})"
        elif style == "code":
            text = f"`{text}`"
        elif style:
            text = f"{style}{text}{style}"
        pieces.append(text)
    return " ".join(pieces)


@st.composite
def markdown_list(draw: Draw, depth: int) -> str:
    """A bullet or numbered list, its items nested up to `depth` levels below."""
    ordered = draw(st.booleans())
    lines = []
    for n in range(draw(st.integers(1, 4))):
        marker = f"{n + 1}." if ordered else "-"
        lines.append(f"{marker} {draw(inline())}")
        if depth > 0 and draw(st.integers(0, 3)) == 0:
            nested = draw(markdown_list(depth - 1))
            pad = " " * (len(marker) + 1)
            lines += [pad + line if line else line for line in nested.splitlines()]
    return "\n".join(lines)


@st.composite
def markdown(draw: Draw, empties: bool = False) -> str:
    """A Markdown body: paragraphs and lists (sometimes nested deep); with `empties`,
    sometimes empty or only a marker."""
    if empties and draw(st.integers(0, 7)) == 0:
        empty: str = draw(st.sampled_from(("", " ", "\n\n", "*", "-", "1.")))
        return empty
    blocks = []
    for _ in range(draw(st.integers(1, 3))):
        if draw(st.integers(0, 3)) == 0:
            depth = draw(st.sampled_from((0, 1, 2, 2, 3, 12)))
            blocks.append(draw(markdown_list(depth)))
        else:
            blocks.append(draw(inline(controls=empties)))
    return "\n\n".join(blocks)


# --- settings ---------------------------------------------------------------------------

def toml_value(value: Any) -> str:
    """`value` as a TOML value (strings through JSON's escapes, which TOML shares)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and not math.isfinite(value):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}"
                               for k, v in value.items()) + "}"
    return json.dumps(str(value), ensure_ascii=False)


ANY_VALUE = st.one_of(st.booleans(), st.integers(-10, 10_000), st.floats(-1e6, 1e6),
                      st.sampled_from(("", "x", "flyer", "trifold", "booklet", "nope")),
                      st.just([1, 2]), st.just({"a": 1}))
"""A value of any type, for an option that wants one of them."""


@st.composite
def level_table(draw: Draw, flaws: bool) -> dict[str, Any]:
    """Options of a level: right types mostly, sometimes wrong ones and unknown keys."""
    table: dict[str, Any] = {}
    if draw(st.booleans()):
        table["label"] = draw(words(max_size=3))
    if draw(st.booleans()):
        table["max_flesch_kincaid"] = draw(st.floats(0, 20))
    if draw(st.booleans()):
        table["max_smog"] = draw(st.integers(0, 20))
    if draw(st.booleans()):
        table["min_print_pt"] = draw(st.sampled_from((11, 12, 14, 18)))
    if draw(st.booleans()):
        table["min_slide_pt"] = draw(st.sampled_from((24, 28, 44)))
    if oops(draw, flaws, 4):
        table[draw(st.sampled_from(("min_print_pt", "min_slide_pt")))] = draw(
            st.sampled_from((6, 9, 0, -3, 1e9)))
    if draw(st.booleans()):
        table["show_references"] = draw(st.booleans())
    if oops(draw, flaws, 4):
        key = draw(st.sampled_from(("label", "min_print_pt", "show_references", "lable",
                                    "max_smogg", "colour")))
        table[key] = draw(ANY_VALUE)
    return table


@st.composite
def length_table(draw: Draw, name: str, flaws: bool) -> dict[str, Any]:
    """Options of a length; print_name and talk_minutes sometimes collide with another's."""
    table: dict[str, Any] = {}
    if name not in LENGTH_NAMES or draw(st.integers(0, 3)) == 0:
        table["print_layout"] = draw(st.sampled_from(("flyer", "trifold", "booklet")))
        table["max_priority"] = draw(st.sampled_from((1, 2, 3)))
        table["print_name"] = name
        table["talk_minutes"] = draw(st.sampled_from((7, 10, 30, 60)))
        if oops(draw, flaws, 2):  # a bad value, or one that collides with another length's
            key, value = draw(st.sampled_from((
                ("print_layout", "poster"), ("max_priority", 0), ("max_priority", 4),
                ("print_name", "flyer"), ("print_name", "brochure"), ("print_name", "Bad Name"),
                ("print_name", "x" * 49), ("talk_minutes", 5), ("talk_minutes", 20),
                ("talk_minutes", 0), ("talk_minutes", -1), ("talk_minutes", 601))))
            table[key] = value
    for key in ("agenda", "section_slides", "callout_slides", "appendix"):
        if draw(st.integers(0, 2)) == 0:
            table[key] = draw(st.booleans())
    if draw(st.booleans()):
        table["label"] = draw(words(max_size=3))
    if oops(draw, flaws, 4):
        key = draw(st.sampled_from(("talk_minutes", "max_priority", "agenda", "print_nam")))
        table[key] = draw(ANY_VALUE)
    return table


@st.composite
def settings_file(draw: Draw, project: Project, flaws: bool) -> None:
    """handouts.toml into `project` (or none), recording its levels, lengths and build."""
    if draw(st.integers(0, 5)) == 0:  # no handouts.toml: the defaults
        return
    levels = tuple(draw(st.lists(st.sampled_from(LEVEL_NAMES), max_size=3, unique=True)))
    lengths = tuple(draw(st.lists(st.sampled_from((*LENGTH_NAMES, "talk-10")), max_size=3,
                                  unique=True)))
    if oops(draw, flaws, 3):
        levels += (draw(st.sampled_from(BAD_NAMES)),)
    if oops(draw, flaws, 4):
        lengths += (draw(st.sampled_from(("Long", "a.b", *BAD_NAMES))),)
    lines = ["# drawn by tests/safety/strategies.py"]
    build = "build"
    if draw(st.integers(0, 3)) == 0:
        build = draw(st.sampled_from(("build", "out")))
        if oops(draw, flaws, 2):
            build = draw(st.sampled_from(("../outside", "/tmp/abs-build", ".", "content",
                                          "templates", "", "_brand.yml")))
        fold = draw(st.booleans())
        if oops(draw, flaws, 4):
            fold = "yes"
        lines += ["[project]", f"build = {toml_value(build)}",
                  f"fold_guides = {toml_value(fold)}"]
        if oops(draw, flaws, 4):
            lines.append(f"{draw(st.sampled_from(('colour', 'contnet')))} = 1")
    for level in levels:
        lines.append(f"[levels.{toml_key(level)}]")
        lines += [f"{k} = {toml_value(v)}" for k, v in draw(level_table(flaws)).items()]
    for length in lengths:
        lines.append(f"[lengths.{toml_key(length)}]")
        lines += [f"{k} = {toml_value(v)}" for k, v in draw(length_table(length, flaws)).items()]
    if oops(draw, flaws, 8):
        lines.append("[extras]\nx = 1")
    text = "\n".join(lines) + "\n"
    encoding = "utf-8-sig" if draw(st.integers(0, 9)) == 0 else "utf-8"
    if oops(draw, flaws, 6):
        encoding = draw(st.sampled_from(("utf-16", "latin-1")))
    data = text.encode(encoding, "replace")
    if oops(draw, flaws, 10):
        data = data[: draw(st.integers(0, len(data)))]
    project.files["handouts.toml"] = data
    project.levels = levels or LEVEL_NAMES
    project.lengths = lengths or LENGTH_NAMES
    project.build = build


def toml_key(name: str) -> str:
    """`name` as a TOML key: bare when it may be, else quoted with its characters as they
    are (handouts.toml's locator does not follow escapes in keys yet)."""
    if re.fullmatch(r"[A-Za-z0-9_-]+", name):
        return name
    return json.dumps(name, ensure_ascii=False)


# --- brand ------------------------------------------------------------------------------

COLOURS = ("#1B5E7A", "#fff", "#000000", "#FFFFFF", "#7A1F3D", "#F6E9EE", "#808080",
           "#ffff00", "navy", "white", "black", "rebeccapurple", "lightyellow", "Red",
           "#12", "#GGGGGG", "notacolour", "", "rgb(1,2,3)", "#1B5E7A80", "transparent")


@st.composite
def colours(draw: Draw, flaws: bool) -> dict[str, Any]:
    """`color:`: a palette sometimes, and the roles from hex, names and palette names."""
    colour: dict[str, Any] = {}
    palette = {}
    if draw(st.booleans()):
        palette = {name: draw(st.sampled_from(COLOURS[:8]))
                   for name in draw(st.lists(st.sampled_from(("river", "mist", "ink", "red",
                                                              "blue")),
                                             min_size=1, max_size=3, unique=True))}
        colour["palette"] = palette
    for role in ("primary", "secondary", "foreground", "background"):
        if draw(st.booleans()):
            good = [colour for colour in COLOURS[:8] if colour.startswith("#") and
                    len(colour) in (4, 7)]
            colour[role] = draw(st.sampled_from([*good, *palette]))
            if oops(draw, flaws, 3):
                colour[role] = draw(st.sampled_from([*COLOURS, "missing-name"]))
    if oops(draw, flaws, 6):
        colour[draw(st.sampled_from(("primry", "success", "tertiary")))] = "#123456"
    if oops(draw, flaws, 8):
        colour["primary"] = draw(st.sampled_from((12, True, ["#fff"], {"a": 1})))
    return colour


def png(size: tuple[int, int], fmt: str) -> bytes:
    """A small picture in `fmt` (PNG or JPEG) drawn with Pillow."""
    out = io.BytesIO()
    Image.new("RGB", size, (27, 94, 122)).save(out, fmt)
    return out.getvalue()


SVG = ('<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" '
       'viewBox="0 0 {w} {h}"><rect width="{w}" height="{h}" fill="#1B5E7A"/>{extra}</svg>')


@st.composite
def logo(draw: Draw, project: Project, flaws: bool) -> str:
    """A logo file into `project`, of each format or broken; returns its path as written."""
    kind = draw(st.sampled_from(("png", "jpeg", "svg")))
    if oops(draw, flaws, 2):
        kind = draw(st.sampled_from(("truncated-png", "truncated-jpeg", "png-as-svg",
                                     "svg-as-png", "huge-svg", "external-svg", "empty",
                                     "text-as-png", "missing", "outside")))
    w, h = draw(st.sampled_from(((240, 80), (80, 80), (1, 1), (40, 400))))
    svg = SVG.format(w=w, h=h, extra="")
    data: bytes | None
    name = {"png": "logo.png", "jpeg": "logo.jpg", "svg": "logo.svg", "truncated-png":
            "logo.png", "truncated-jpeg": "logo.jpg", "png-as-svg": "logo.svg",
            "svg-as-png": "logo.png", "huge-svg": "logo.svg", "external-svg": "logo.svg",
            "empty": "logo.png", "text-as-png": "logo.png", "missing": "nothere.png",
            "outside": "../outside.png"}[kind]
    makers: dict[str, Callable[[], bytes | None]] = {
        "png": lambda: png((w, h), "PNG"), "jpeg": lambda: png((w, h), "JPEG"),
        "svg": svg.encode, "truncated-png": lambda: png((w, h), "PNG")[:40],
            "truncated-jpeg": lambda: png((w, h), "JPEG")[:60],
            "png-as-svg": lambda: png((w, h), "PNG"), "svg-as-png": svg.encode,
            "huge-svg": SVG.format(w=10**9, h=10**9, extra="").encode,
            "external-svg": SVG.format(w=w, h=h, extra='<image href="/etc/passwd" '
                                       'width="9" height="9"/>').encode,
            "empty": lambda: b"", "text-as-png": lambda: b"hello",
            "missing": lambda: None, "outside": lambda: None}
    data = makers[kind]()
    if data is not None:
        project.files[f"brand/{name}"] = data
    return f"brand/{name}"


@st.composite
def typography(draw: Draw, project: Project, flaws: bool) -> dict[str, Any]:
    """`typography:` with one or two families from the pool, copied into the project;
    sometimes one that needs a download, a missing file or a file that is not a font."""
    families = draw(st.lists(st.sampled_from(sorted(FONT_POOL)), min_size=1, max_size=2,
                             unique=True))
    fonts = []
    for family in families:
        files = []
        for weight, source in FONT_POOL[family].items():
            name = f"brand/{source.name}"
            project.copies[name] = source
            files.append({"path": name, "weight": weight})
        fonts.append({"family": family, "source": "file", "files": files})
    odd = draw(st.integers(0, 7)) if flaws else 3
    if odd == 0:
        fonts.append({"family": "Roboto", "source": "google"})
        families.append("Roboto")
    elif odd == 1:
        project.files["brand/Fake-Regular.ttf"] = b"not a font at all"
        fonts.append({"family": "Fake", "source": "file",
                      "files": [{"path": "brand/Fake-Regular.ttf", "weight": 400}]})
        families.append("Fake")
    elif odd == 2:
        fonts.append({"family": "Gone", "source": "file", "files": ["brand/gone.ttf"]})
        families.append("Gone")
    base = draw(st.sampled_from(families))
    result: dict[str, Any] = {"fonts": fonts, "base": {"family": base}}
    if draw(st.booleans()):
        result["headings"] = {"family": draw(st.sampled_from(families)),
                              "weight": draw(st.sampled_from((400, 700, "bold")))}
        if oops(draw, flaws, 4):
            result["headings"]["weight"] = draw(st.sampled_from((900, "heavy", -1)))
    return result


@st.composite
def brand_file(draw: Draw, project: Project, flaws: bool) -> None:
    """_brand.yml into `project` (or none), with the files it names."""
    if draw(st.integers(0, 6)) == 0:
        return
    brand: dict[str, Any] = {}
    if draw(st.booleans()):
        home = "https://clinic.example.org"
        if oops(draw, flaws, 3):
            home = draw(st.sampled_from(("not a url", "https://e.org/" + "a" * 3000, "")))
        brand["meta"] = {"name": {"full": draw(words(max_size=5, controls=flaws, brand=True)),
                                  "short": draw(plain_words(max_size=2))},
                         "link": {"home": home}}
    if draw(st.booleans()):
        brand["color"] = draw(colours(flaws))
    if draw(st.booleans()):
        brand["logo"] = draw(logo(project, flaws))
        if draw(st.integers(0, 3)) == 0:
            brand["logo"] = {"medium": {"path": brand["logo"], "alt": draw(words(brand=True))}}
    if draw(st.integers(0, 2)) == 0:
        brand["typography"] = draw(typography(project, flaws))
    extras: dict[str, Any] = {}
    for key in ("phone", "address", "hours", "email", "disclaimer"):
        if draw(st.booleans()):
            extras[key] = draw(words(max_size=8, controls=flaws, brand=True))
    if draw(st.booleans()):
        extras["qr_url"] = "https://clinic.example.org/learn"
        if oops(draw, flaws, 2):
            extras["qr_url"] = draw(st.sampled_from(("", "x" * 5000, "ftp://a.b")))
    if draw(st.booleans()):
        extras["help_lines"] = draw(st.lists(words(max_size=6, controls=flaws, brand=True),
                                             max_size=3))
    if draw(st.booleans()):
        extras["paper"] = draw(st.sampled_from(("letter", "a4", "A4")))
        if oops(draw, flaws, 3):
            extras["paper"] = "legal"
    if draw(st.booleans()):
        extras["slide_size"] = draw(st.sampled_from(("16:9", "4:3")))
        if oops(draw, flaws, 3):
            extras["slide_size"] = draw(st.sampled_from(("1:1", 43)))
    if oops(draw, flaws, 8):
        extras["colour"] = "red"
    if extras:
        brand["defaults"] = {"handouts": extras}
    if oops(draw, flaws, 10):
        brand["metta"] = {}
    text = dump_yaml(brand) if brand else ""
    encoding = "utf-8-sig" if draw(st.integers(0, 9)) == 0 else "utf-8"
    if oops(draw, flaws, 10):
        encoding = "utf-16"
    project.files["_brand.yml"] = text.encode(encoding)


# --- content ----------------------------------------------------------------------------

@st.composite
def by_level(draw: Draw, levels: tuple[str, ...], text: st.SearchStrategy[str],
             flaws: bool = False) -> Any:
    """A text field: one string for every level, or a mapping by level (sometimes one
    level missing)."""
    if draw(st.booleans()):
        return draw(text)
    value = {level: draw(text) for level in levels}
    if value and oops(draw, flaws, 20):
        value.pop(draw(st.sampled_from(sorted(value))))
    return value


@st.composite
def topic(draw: Draw, levels: tuple[str, ...], flaws: bool) -> dict[str, Any]:
    """A topic's structure, valid mostly."""
    # Sometimes a heading or title that is only a list marker: it is its own text.
    short_text = st.one_of(st.tuples(plain_words(max_size=2), words(max_size=4)).map(" ".join),
                           st.sampled_from(("*", "-", "1.", "- a", "2) b")))
    refs = [f"ref-{n}" for n in range(draw(st.integers(1, 3)))]
    item: dict[str, Any] = {"title": draw(short_text)}
    if draw(st.booleans()):
        item["subtitle"] = draw(by_level(levels, short_text))
    item["summary"] = draw(by_level(levels, markdown(flaws), flaws))
    if draw(st.booleans()):
        item["review"] = {"written_by": draw(plain_words()), "reviewed_by": draw(plain_words()),
                          "reviewed_on": "2026-01-01",
                          "next_review": draw(st.sampled_from(("2027-01-01", "2020-01-01")))}
        if oops(draw, flaws, 3):
            item["review"]["reviewed_on"] = draw(st.sampled_from(("2025-02-30", "soon")))
    item["key_points"] = [draw(by_level(levels, inline()))
                          for _ in range(draw(st.integers(1, 6)))]
    item["actions"] = [draw(by_level(levels, inline())) for _ in range(draw(st.integers(0, 3)))]
    if draw(st.booleans()):
        item["resources"] = [{"name": draw(plain_words(max_size=4)),
                              "phone": draw(st.sampled_from(("988", "1-800-662-4357"))),
                              "url": draw(st.sampled_from(("https://988lifeline.org",
                                                           "https://e.org/" + "p/" * 200))),
                              "note": draw(by_level(levels, inline()))}
                             for _ in range(draw(st.integers(1, 2)))]
    sections = []
    for n in range(draw(st.integers(1, 4))):
        section: dict[str, Any] = {"id": f"s{n}", "priority": draw(st.integers(1, 3)),
                                   "heading": draw(by_level(levels, short_text)),
                                   "body": draw(by_level(levels, markdown(flaws), flaws))}
        if draw(st.booleans()):
            section["points"] = {level: [draw(inline()) for _ in range(draw(st.integers(1, 9)))]
                                 for level in levels}
        if draw(st.booleans()):
            section["notes"] = draw(by_level(levels, markdown()))
        if draw(st.booleans()):
            section["callout"] = draw(by_level(levels, inline()))
        section["sources"] = draw(st.lists(st.sampled_from(refs), min_size=1, max_size=2,
                                           unique=True))
        sections.append(section)
    item["sections"] = sections
    if draw(st.booleans()):
        item["glossary"] = [{"term": draw(st.sampled_from(PLAIN_WORDS)),
                             "definition": draw(by_level(levels, inline()))}]
    item["references"] = [{"id": ref, "text": draw(words(max_size=10)),
                           "url": "https://example.org/ref",
                           "short": draw(plain_words(max_size=2))} for ref in refs]
    if oops(draw, flaws, 3):
        item["title"] += " " + draw(st.sampled_from(FONT_GAPS))
    mistake = draw(st.integers(0, 5)) if flaws else -1
    if mistake == 0:
        item["key_pionts"] = item.pop("key_points")
    elif mistake == 1:
        sections[0]["sources"] = ["no-such-ref"]
    elif mistake == 2:
        item.pop("title")
    elif mistake == 3:
        sections[0]["priority"] = draw(st.sampled_from((0, 4, "high", -1)))
    return item


@st.composite
def content(draw: Draw, project: Project, flaws: bool) -> None:
    """content/*.yaml into `project`: one or two topics, sometimes odd files."""
    levels = tuple(level for level in project.levels if level) or LEVEL_NAMES
    for n in range(draw(st.integers(1, 2))):
        name = f"topic-{n}"
        if oops(draw, flaws, 6):
            name = draw(st.sampled_from((f"Topic {n}", f"tópico-{n}", f"t{n}.v2")))
        text = dump_yaml(draw(topic(levels, flaws)))
        project.files[f"content/{name}.yaml"] = text.encode("utf-8")
    odd = draw(st.integers(0, 11)) if flaws else 4
    if odd == 0:
        project.files["content/latin.yaml"] = "title: Niño\n".encode("latin-1")
    elif odd == 1:
        project.files["content/empty.yaml"] = b""
    elif odd == 2:
        project.files["content/list.yaml"] = b"- a\n- b\n"
    elif odd == 3:
        project.files["content/notes.txt"] = b"not a topic"


OVERRIDES = (
    '{% extends "builtin/flyer.xml.j2" %}\n'
    '{% block footer %}<p style="meta">Printed by the clinic.</p>{{ super() }}{% endblock %}\n',
    '{% extends "builtin/trifold.xml.j2" %}\n',
    '{% extends "builtin/flyer.xml.j2" %}\n{% block left %}<h2>Only this</h2>{% endblock %}\n',
    '{% extends "builtin/flyer.xml.j2" %}\n{% block header %}{{ 1/0 }}{% endblock %}\n',
    '{% extends "builtin/flyer.xml.j2" %}\n{% block header %}<band><oops>{% endblock %}\n',
    '{% extends "builtin/nothere.xml.j2" %}\n',
    '{% extends "builtin/flyer.xml.j2" %}\n{% block footer %}{% endblock\n',
)
"""Template overrides that extend a built-in one: good, and broken in each stage."""


@st.composite
def projects(draw: Draw) -> Project:
    """A whole project: settings, brand, content and sometimes a template override."""
    project = Project()
    flaws = draw(st.integers(0, 2)) == 2  # hypothesis leans to 0: most projects are sound
    draw(settings_file(project, flaws))
    draw(brand_file(project, flaws))
    draw(content(project, flaws))
    if draw(st.integers(0, 4)) == 0:
        name = draw(st.sampled_from(("flyer.xml.j2", "flyer.xml.j2", "trifold.xml.j2")))
        override = draw(st.sampled_from(OVERRIDES[:3] if not flaws else OVERRIDES))
        project.files[f"templates/{name}"] = override.encode()
    return project
