"""Benchmarks: medians and ratios against a floor measured in the same run.

Run from the repository root:  python benchmarks/bench.py [--quick]

Each figure is the median of several runs, with the floor it is compared to (the same
work done by a bare script) and the ratio. The machine is shared and noisy: compare the
ratios, not the absolute times, between runs.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TOPIC = "ketamine-and-addiction"


def median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def command(*args: str | Path) -> Callable[[], None]:
    def run() -> None:
        subprocess.run([str(a) for a in args], check=True, capture_output=True)

    return run


def sample_project(where: Path, copies: int = 1) -> Path:
    """A copy of the sample project, with the sample topics repeated `copies` times each."""
    root = where / f"project-{copies}"
    root.mkdir()
    for name in ("handouts.toml", "_brand.yml"):
        shutil.copy(ROOT / name, root / name)
    (root / "content").mkdir()
    for source in sorted((ROOT / "content").glob("*.yaml")):
        for n in range(copies):
            suffix = f"-{n:02d}" if copies > 1 else ""
            shutil.copy(source, root / "content" / f"{source.stem}{suffix}.yaml")
    return root


BARE_PDF = """
import sys
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate
font = sys.argv[2]
pdfmetrics.registerFont(TTFont("Body", font))
style = ParagraphStyle("b", fontName="Body", fontSize=12, leading=16)
text = open(sys.argv[3], encoding="utf-8").read().split("\\n\\n")
SimpleDocTemplate(sys.argv[1], pagesize=letter).build([Paragraph(t, style) for t in text])
"""


def flyer_text(project: Path) -> Path:
    """The words of the easy flyer, as plain paragraphs, for the bare scripts."""
    from handouts import build

    p = build.load_project(project)
    topic = next(t for t in p.topics if t.slug == TOPIC)
    parts = [topic.summary("easy"), *(k("easy") for k in topic.key_points),
             *(a("easy") for a in topic.actions),
             *(f"{r.name} {r.phone or ''} {r.note('easy') if r.note else ''}"
               for r in topic.resources)]
    out = project / "flyer.txt"
    out.write_text("\n\n".join(parts), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--quick", action="store_true", help="fewer runs, no 1,000 outputs")
    args = parser.parse_args()
    repeat = 3 if args.quick else 7
    py = sys.executable
    from handouts.fonts import builtin_fonts

    font = builtin_fonts().regular
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp)
        one = sample_project(where)
        text = flyer_text(one)

        print("1. cold build of one PDF (a new process each time)")
        ours = median_time(command(py, "-m", "handouts", "-C", one, "build", TOPIC, "--level",
                                   "easy", "--length", "short", "--format", "pdf", "--force",
                                   "--no-report", "-j", "1"), repeat)
        with_report = median_time(command(py, "-m", "handouts", "-C", one, "build", TOPIC,
                                          "--level", "easy", "--length", "short", "--format",
                                          "pdf", "--force", "--no-thumbnails", "-j", "1"),
                                  repeat)
        bare = median_time(command(py, "-c", BARE_PDF, where / "bare.pdf", font, text), repeat)
        print(f"   make-handouts (no report) {ours * 1000:7.0f} ms median")
        print(f"   with the report           {with_report * 1000:7.0f} ms median")
        print(f"   bare reportlab script     {bare * 1000:7.0f} ms median")
        print(f"   ratio {ours / bare:.2f}x (target: at most 200 ms and 1.5x)")

        print("2. warm cost per output (in one process)")
        from handouts import build, runner, templates

        project = build.load_project(one)
        env = templates.environment(project.settings.templates_dir)
        pdf_job = build.plan(project, [TOPIC], ["easy"], ["standard"], ["pdf"])[0]
        deck_job = build.plan(project, [TOPIC], ["easy"], ["standard"], ["pptx"])[0]
        for job in (pdf_job, deck_job):
            runner._make(project, job, build.render_layout(project, job, env))  # warm up
        pdf_each = median_time(lambda: runner._make(
            project, pdf_job, build.render_layout(project, pdf_job, env)), repeat * 3)
        deck_each = median_time(lambda: runner._make(
            project, deck_job, build.render_layout(project, deck_job, env)), repeat * 3)
        floor_pdf = _raw_pdf_cost(font, text, repeat * 3)
        floor_deck = _raw_deck_cost(deck_job, project, repeat * 3)
        print(f"   PDF  {pdf_each * 1000:6.1f} ms; raw reportlab {floor_pdf * 1000:6.1f} ms; "
              f"ratio {pdf_each / floor_pdf:.2f}x (target: 15 ms, 1.5x)")
        print(f"   deck {deck_each * 1000:6.1f} ms; raw python-pptx {floor_deck * 1000:6.1f} ms; "
              f"ratio {deck_each / floor_deck:.2f}x (target: 45 ms, 1.5x)")

        if args.quick:
            return
        print("3. 1,008 outputs (56 topics x 3 levels x 3 lengths x 2 formats)")
        many = sample_project(where, copies=28)
        run1 = median_time(command(py, "-m", "handouts", "-C", many, "build", "--force", "-j",
                                   "1", "--no-thumbnails"), 1)
        run2 = median_time(command(py, "-m", "handouts", "-C", many, "build", "--force", "-j",
                                   "2", "--no-thumbnails"), 1)
        print(f"   -j 1 {run1:6.1f} s; -j 2 {run2:6.1f} s; speed-up {run1 / run2:.2f}x "
              "(target: at most 15 s with -j 2, and at least 1.8x)")
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        print(f"   peak memory of any process so far: {peak:.0f} MiB (target: a worker under "
              "150 MiB)")

        print("4. no-op rebuild of the 1,008 outputs")
        noop = median_time(command(py, "-m", "handouts", "-C", many, "build", "--no-report"),
                           repeat)
        noop_report = median_time(command(py, "-m", "handouts", "-C", many, "build",
                                          "--no-thumbnails"), repeat)
        click = median_time(command(py, "-c", "import click"), repeat)
        print(f"   no-op {noop * 1000:6.0f} ms (with the report {noop_report * 1000:.0f} ms); "
              f"python -c 'import click' {click * 1000:.0f} ms; ratio {noop / click:.2f}x "
              "(target: 75 ms, 2.5x)")


def _raw_pdf_cost(font: Path, text: Path, repeat: int) -> float:
    import io

    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate

    if "BenchBody" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("BenchBody", str(font)))
    style = ParagraphStyle("b", fontName="BenchBody", fontSize=12, leading=16)
    parts = text.read_text(encoding="utf-8").split("\n\n")

    def draw() -> None:
        SimpleDocTemplate(io.BytesIO()).build([Paragraph(t, style) for t in parts * 2])

    return median_time(draw, repeat)


def _raw_deck_cost(job: object, project: object, repeat: int) -> float:
    import io

    from pptx import Presentation

    from handouts import build
    from handouts import layout as L

    doc = build.render_layout(project, job)  # type: ignore[arg-type]
    slides = [(p.title, p.notes) for p in doc.parts if isinstance(p, L.Slide)]

    def draw() -> None:
        prs = Presentation()
        for title, notes in slides:
            slide = prs.slides.add_slide(prs.slide_layouts[1])
            slide.shapes.title.text = "".join(r.text for r in title)
            slide.placeholders[1].text = "point one\npoint two\npoint three"
            slide.notes_slide.notes_text_frame.text = "\n".join(notes)
        prs.save(io.BytesIO())

    return median_time(draw, repeat)


if __name__ == "__main__":
    main()
