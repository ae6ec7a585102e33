"""What several test modules share: the repository's paths, a test clinic brand, a good
topic, running command-line tools, and watching a `make-handouts watch` process.
Fixtures built on these live in conftest.py."""

from __future__ import annotations

import contextlib
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

DATA = Path(__file__).resolve().parent / "data"

TEST_CLINIC_BRAND = """\
meta:
  name: {full: Harbourside Test Clinic, short: Harbourside}
  link: https://harbourside.example.org
logo:
  medium: brand/harbourside-logo.svg
color:
  primary: "#7A1F3D"
  secondary: "#F6E9EE"
typography:
  fonts:
    - family: Liberation Serif
      source: file
      files:
        - {path: brand/LiberationSerif-Regular.ttf, weight: 400}
        - {path: brand/LiberationSerif-Bold.ttf, weight: 700}
  base: {family: Liberation Serif}
  headings: {family: Liberation Serif, weight: 700}
defaults:
  handouts:
    phone: 020 7946 0000
    paper: a4
    slide_size: "4:3"
"""


LOGO_PINK = bytes.fromhex("C7A3B0")
"""A colour of the test logo (data/harbourside-logo.svg, a vector drawing) that no brand
of the tests draws anywhere else."""


def shows_test_logo(pdf: Path) -> bool:
    """Whether a page of `pdf` draws the test logo: some of its pixels, at 144 dpi, are
    exactly LOGO_PINK (pdfimages cannot tell: the logo is no image)."""
    import pypdfium2 as pdfium

    return any(page.render(scale=2).to_pil().convert("RGB").tobytes().count(LOGO_PINK) > 20
               for page in pdfium.PdfDocument(str(pdf)))


def make_test_clinic(dest: Path) -> None:
    """Write the test clinic's brand and its files (font, SVG logo) into a project."""
    (dest / "brand").mkdir(exist_ok=True)
    for name in ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf"):
        shutil.copy(DATA / "fonts" / name, dest / "brand" / name)
    shutil.copy(DATA / "harbourside-logo.svg", dest / "brand" / "harbourside-logo.svg")
    (dest / "_brand.yml").write_text(TEST_CLINIC_BRAND, encoding="utf-8")


def first_topic_project(root: Path, clinic: bool = False) -> Path:
    """`root` made a project of the sample's settings and brand (or, with `clinic`, the
    test clinic's) and the sample's first topic alone, with the sample's pictures; returns
    `root`."""
    for name in ("handouts.toml", "_brand.yml"):
        shutil.copy(ROOT / name, root / name)
    (root / "content").mkdir()
    first = sorted(p for p in (ROOT / "content").glob("*.yaml") if "." not in p.stem)[0]
    shutil.copy(first, root / "content" / first.name)
    shutil.copytree(ROOT / "pictures", root / "pictures")
    if clinic:
        make_test_clinic(root)
    return root


def need(tool: str) -> str:
    """The path of a command-line tool; skips the test without it (fails in CI)."""
    path = shutil.which(tool)
    if path is None:
        message = f"{tool} is not installed (apt-get install poppler-utils qpdf)"
        if os.environ.get("CI"):
            pytest.fail(message + "; CI must install it")
        pytest.skip(message)
    return path


def run_tool(*args: str | Path) -> str:
    """Run a tool and return its standard output; fails the test on a non-zero exit."""
    done = subprocess.run([need(str(args[0])), *map(str, args[1:])], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0, done.stderr
    return done.stdout


GOOD = """\
title: Hand Washing
summary:
  easy: Clean hands stop germs.
  standard: Washing your hands stops the spread of germs.
  clinical: Hand hygiene interrupts transmission of pathogens.
key_points:
  - Wash for 20 seconds.
actions:
  - {easy: Use soap., standard: Use soap and water., clinical: Use soap or alcohol rub.}
sections:
  - id: why
    priority: 1
    heading: Why it matters
    body:
      easy: Germs live on hands.
      standard: Germs spread from hands to food and faces.
      clinical: Hands are the main route of transmission in clinics.
    sources: [who]
references:
  - {id: who, text: "WHO guidelines on hand hygiene in health care. 2009."}
"""


GOOD_ES = """\
title: Lavarse las manos
summary:
  easy: Las manos limpias frenan los gérmenes.
  standard: Lavarse las manos con agua y jabón frena la propagación de los gérmenes.
  clinical: La higiene de manos interrumpe la transmisión de microorganismos patógenos.
key_points:
  - Lávese las manos por 20 segundos.
  - Use agua y jabón.
  - Séquelas con una toalla limpia.
actions:
  - {easy: Use jabón., standard: Use agua y jabón antes de comer., clinical: Use jabón.}
sections:
  - id: why
    priority: 1
    heading: Por qué importa lavarse
    body:
      easy: Los gérmenes viven en las manos. Si tiene dudas, llame al 988.
      standard: Los gérmenes pasan de las manos a la comida y a la cara.
      clinical: Las manos son la principal vía de transmisión de infecciones asociadas a la
        atención sanitaria.
    sources: [who]
references:
  - {id: who, text: "OMS. Directrices sobre higiene de manos. 2009."}
review: {written_by: Equipo de educación, reviewed_by: "Dra. Ana Ruiz", reviewed_on: 2026-01-10,
         next_review: 2099-01-10}
"""
"""A good topic in Spanish (for a project whose language is Spanish)."""


def copy_content(dest: Path, translations: bool = False) -> Path:
    """The sample's topic files copied into `dest`/content: those in the project's language
    (untagged), and with `translations` their translations too; and the pictures they
    show, into `dest`/pictures. Most tests build the English matrix; the translations have
    tests of their own."""
    content = dest / "content"
    content.mkdir(parents=True, exist_ok=True)
    for path in sorted((ROOT / "content").glob("*.yaml")):
        if translations or "." not in path.stem:
            shutil.copy(path, content / path.name)
    shutil.copytree(ROOT / "pictures", dest / "pictures", dirs_exist_ok=True)
    return content


def write_project(root: Path, topic: str, name: str = "hands.yaml") -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    path = root / "content" / name
    path.write_text(topic, encoding="utf-8")
    return path


def children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found.extend(int(t) for t in text)
    return found


def lines_of(process: subprocess.Popen[str]) -> queue.Queue[str]:
    out: queue.Queue[str] = queue.Queue()

    def pump() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            out.put(line)

    threading.Thread(target=pump, daemon=True).start()
    return out


def wait_for(out: queue.Queue[str], text: str, seconds: float = 60) -> str:
    end = time.monotonic() + seconds
    seen = []
    while time.monotonic() < end:
        try:
            line = out.get(timeout=0.5)
        except queue.Empty:
            continue
        seen.append(line)
        if text in line:
            return line
    raise AssertionError(f"{text!r} not seen; got:\n{''.join(seen)}")


@contextlib.contextmanager
def watching(sample: Path) -> Iterator[queue.Queue[str]]:
    """`make-handouts watch` running on `sample`: its output lines, once it says it is
    watching; it is stopped on the way out."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "handouts", "-C", str(sample), "watch", "--no-thumbnails"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env)
    try:
        out = lines_of(process)
        wait_for(out, "watching", 180)
        yield out
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()
