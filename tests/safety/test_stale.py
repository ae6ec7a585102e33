"""Never a stale handout: an edit that keeps a file's size and time, a file saved during a
build, an output or thumbnail emptied or cut short are all made again."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from tests.helpers import wait_for, watching

FLYERS = ("build", "--length", "short", "--format", "pdf", "--no-thumbnails")


def same_size_edit(path: Path, old: str, new: str) -> None:
    """Replace `old` by `new` (same length) and give the file back its size and times, as
    `touch -r`, `cp -p` or unpacking an archive would."""
    assert len(old) == len(new)
    st = path.stat()
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert path.stat().st_size == st.st_size and path.stat().st_mtime_ns == st.st_mtime_ns


def pdf_text(path: Path) -> str:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return " ".join(page.get_textpage().get_text_range() for page in doc)
    finally:
        doc.close()


def flyer(sample: Path, topic: str = "ketamine-and-addiction") -> Path:
    return sample / "build" / topic / f"{topic}-easy-flyer.pdf"


def test_an_edit_that_keeps_size_and_time_is_rebuilt(sample: Path,
                                                     cli: Callable[..., Result]) -> None:
    assert "built 6," in cli("-C", sample, *FLYERS).output
    time.sleep(2.1)  # older than any file system's clock tick: only the bytes can tell
    same_size_edit(sample / "content" / "ketamine-and-addiction.yaml",
                   "title: Ketamine and Addiction", "title: Ketamine and Addictiom")
    result = cli("-C", sample, *FLYERS)
    assert "built 3, unchanged 3" in result.output
    assert "Addictiom" in pdf_text(flyer(sample))


def test_an_edit_that_keeps_size_and_time_is_rebuilt_by_the_manifest_too(
        sample: Path, cli: Callable[..., Result]) -> None:
    assert "built 6," in cli("-C", sample, *FLYERS).output
    (sample / "build" / ".handouts-uptodate.json").unlink()  # only the manifest decides
    time.sleep(2.1)
    same_size_edit(sample / "content" / "ketamine-and-addiction.yaml",
                   "title: Ketamine and Addiction", "title: Ketamine and Addictiom")
    assert "built 3, unchanged 3" in cli("-C", sample, *FLYERS).output


def test_watch_rebuilds_an_edit_that_keeps_size_and_time(sample: Path) -> None:
    (sample / "content" / "ketamine-assisted-therapy.yaml").unlink()
    (sample / "handouts.toml").write_text("[lengths.short]\n", encoding="utf-8")
    with watching(sample) as out:
        time.sleep(2.1)
        same_size_edit(sample / "content" / "ketamine-and-addiction.yaml",
                       "title: Ketamine and Addiction", "title: Ketamine and Addictiom")
        wait_for(out, "built 6, unchanged 0")
    assert "Addictiom" in pdf_text(flyer(sample))


def test_a_file_saved_during_a_build_is_rebuilt_by_the_next(sample: Path) -> None:
    topic = sample / "content" / "ketamine-and-addiction.yaml"
    staging = sample / "build" / ".handouts-staging"
    process = subprocess.Popen(
        [sys.executable, "-m", "handouts", "-C", str(sample), "build", "-j", "1",
         "--no-report"], stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        end = time.monotonic() + 120
        while not (staging.is_dir() and any(staging.rglob("*.p*"))):
            assert time.monotonic() < end and process.poll() is None, "no output was staged"
            time.sleep(0.01)
        text = topic.read_text(encoding="utf-8")
        topic.write_text(text.replace("title: Ketamine and Addiction",
                                      "title: Ketamine and Addiction Today"), encoding="utf-8")
        out, _ = process.communicate(timeout=300)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0, out
    assert "built 60, unchanged 0" in out
    again = subprocess.run([sys.executable, "-m", "handouts", "-C", str(sample), "build",
                            "-j", "1", "--no-report"], capture_output=True, text=True,
                           check=False)
    assert "built 30, unchanged 30" in again.stdout, again.stdout + again.stderr
    assert "Addiction Today" in pdf_text(flyer(sample))


def test_an_emptied_or_cut_short_output_is_made_again(sample: Path,
                                                      cli: Callable[..., Result]) -> None:
    assert "built 6," in cli("-C", sample, *FLYERS).output
    emptied, cut = flyer(sample), flyer(sample, "ketamine-assisted-therapy")
    whole = emptied.read_bytes()
    for path, keep in ((emptied, 0), (cut, cut.stat().st_size // 2)):
        st = path.stat()
        with path.open("r+b") as handle:
            handle.truncate(keep)
        os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns))
    result = cli("-C", sample, *FLYERS)
    assert "built 2, unchanged 4" in result.output
    assert emptied.read_bytes() == whole
    assert cut.read_bytes()[-6:].strip().endswith(b"%%EOF")


def test_an_emptied_or_cut_short_thumbnail_is_drawn_again(sample: Path,
                                                          cli: Callable[..., Result]) -> None:
    args = ("-C", sample, "build", "--length", "short", "--format", "pdf")
    assert "built 6," in cli(*args).output
    thumbs = sorted((sample / "build" / "_report").glob("*.png"))
    assert len(thumbs) == 6
    whole = thumbs[0].read_bytes()
    thumbs[0].write_bytes(b"")
    thumbs[1].write_bytes(thumbs[1].read_bytes()[:100])
    result = cli(*args)
    assert "built 0, unchanged 6" in result.output
    assert thumbs[0].read_bytes() == whole
    assert thumbs[1].read_bytes().endswith(b"IEND\xaeB`\x82")


def test_a_record_edited_to_name_a_pipe_or_nothing_is_not_trusted(
        tmp_path: Path, sample: Path, cli: Callable[..., Result]) -> None:
    import json

    assert "built 6," in cli("-C", sample, *FLYERS).output
    record = sample / "build" / ".handouts-uptodate.json"
    good = json.loads(record.read_text(encoding="utf-8"))
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    topic = sample / "content" / "ketamine-and-addiction.yaml"
    topic.write_text(topic.read_text(encoding="utf-8").replace(
        "title: Ketamine and Addiction", "title: Ketamine and Addiction Now"), encoding="utf-8")
    for edited in ({**good, "inputs": {**good["inputs"],
                                       str(fifo): [0, fifo.stat().st_mtime_ns, "0" * 64]}},
                   {**good, "inputs": {}, "folders": {}, "outputs": {},
                    "answer": {**good["answer"], "brands": [
                        {**good["answer"]["brands"][0], "name": "ALL GOOD"}]}}):
        record.write_text(json.dumps(edited), encoding="utf-8")
        result = cli("-C", sample, *FLYERS)
        assert "ALL GOOD" not in result.output
        assert "built 3, unchanged 3" in result.output or "built 0, unchanged 6" \
            in result.output
    assert "Addiction Now" in pdf_text(flyer(sample))


def test_a_pipe_or_junk_where_an_output_sits_is_reported_not_waited_on(
        sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, "build", "--length", "short", "--no-thumbnails").exit_code == 0
    deck = sample / "build" / "ketamine-and-addiction" / \
        "ketamine-and-addiction-easy-talk-5min.pptx"
    deck.unlink()
    os.mkfifo(deck)
    result = cli("-C", sample, "build", "--length", "short", "--format", "pdf",
                 "--no-thumbnails")
    assert result.exit_code == 0, result.output
    deck.unlink()
    pdf = flyer(sample)
    pdf.write_bytes(b"junk")
    result = cli("-C", sample, "build", "--length", "short", "--format", "pptx",
                 "--no-thumbnails")
    assert result.exit_code == 0, result.output
    assert "out of date" in (sample / "build" / "index.html").read_text(encoding="utf-8")
