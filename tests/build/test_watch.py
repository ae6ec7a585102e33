"""The watch session (handouts/build/watch.py, handouts/build/rebuild.py), driven in this
process on a real copy of the sample: a save makes again only the outputs whose inputs
changed, each moved into place as it is made; a template or font problem moves nothing;
a fix recovers; nothing is written outside the build folder. And the real `watch`
command, as a subprocess, seeing a saved file's output change."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.build import manifest
from handouts.build.api import Options
from handouts.build.processes import LOCK
from handouts.build.watch import Session
from handouts.errors import ContentError, SettingsError, TemplateError
from tests.helpers import lines_of, wait_for

TOPIC = "ketamine-and-addiction"
OTHER = "ketamine-assisted-therapy"
EASY_POINT = "Most doctors see addiction as a brain illness that can be treated."
STANDARD_POINT = ("Most experts see addiction as an illness that changes the brain and can be "
                  "treated, not a moral failing.")


@pytest.fixture
def short(sample: Path) -> Path:
    """The sample's two topics at the short length only: 12 outputs, a flyer and a
    5-minute deck for each topic and level."""
    (sample / "handouts.toml").write_text("[lengths.short]\n", encoding="utf-8")
    return sample


def files(root: Path) -> dict[str, tuple[int, str]]:
    """Each file under `root` (relative path) with its modification time and SHA-256; not
    the build folder's lock, which every build takes (handouts.build.processes)."""
    return {p.relative_to(root).as_posix(): (p.stat().st_mtime_ns,
                                             hashlib.sha256(p.read_bytes()).hexdigest())
            for p in sorted(root.rglob("*")) if p.is_file() and p.name != LOCK}


def outputs(root: Path) -> dict[str, tuple[int, str]]:
    return {k: v for k, v in files(root / "build").items() if k.endswith((".pdf", ".pptx"))}


def changed(before: dict[str, tuple[int, str]], after: dict[str, tuple[int, str]]) -> set[str]:
    return {k for k in before.keys() | after.keys() if before.get(k) != after.get(k)}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def started(root: Path) -> Session:
    session = Session(root, Options(thumbnails=False))
    summary = session.start()
    assert summary.failure() is None
    return session


def test_a_saved_topic_remakes_only_its_outputs_that_show_the_change(short: Path) -> None:
    session = started(short)
    before, around = outputs(short), files(short)
    records = manifest.load(short / "build")
    topic = short / "content" / f"{TOPIC}.yaml"
    edit(topic, EASY_POINT, "Most doctors see addiction as a brain illness that can be helped.")
    summary = session.rebuild([topic])
    assert summary.failure() is None
    assert summary.brands[0].counts.startswith("built 2, unchanged 10, failed 0")
    assert changed(before, outputs(short)) == {f"{TOPIC}/{TOPIC}-easy-flyer.pdf",
                                               f"{TOPIC}/{TOPIC}-easy-talk-5min.pptx"}
    after = manifest.load(short / "build")
    assert {k for k in records if records[k] != after[k]} == {
        f"{TOPIC}/{TOPIC}-easy-flyer.pdf", f"{TOPIC}/{TOPIC}-easy-talk-5min.pptx",
        *(f"{TOPIC}/{TOPIC}-{level}-{kind}" for level in ("standard", "clinical")
          for kind in ("flyer.pdf", "talk-5min.pptx"))}  # renewed: drawn as before
    assert all(after[k] == records[k] for k in records if k.startswith(OTHER))
    flyer = after[f"{TOPIC}/{TOPIC}-easy-flyer.pdf"].facts  # checked after it moved
    assert flyer is not None and flyer.accessible == "passed"
    outside = changed(around, files(short))
    assert {k for k in outside if not k.startswith("build/")} == {f"content/{TOPIC}.yaml"}
    assert not (short / "build" / ".handouts-staging").exists()


def test_outputs_whose_layouts_were_checked_as_they_are_are_settled(short: Path) -> None:
    from dataclasses import replace

    from handouts.build.project import plan
    from handouts.build.workers import task_key
    from handouts.content.topic import load_topic

    session = started(short)
    worker, project = session.workers[0], session.projects[0]
    jobs = [j for j in plan(project, formats=project.formats) if j.topic.slug == TOPIC]
    assert all(worker.settled(task_key(j)) for j in jobs)  # checked when the session began
    topic = short / "content" / f"{TOPIC}.yaml"
    edit(topic, EASY_POINT, "Most doctors see addiction as a brain illness that can be helped.")
    edited, _ = load_topic(topic, project.settings.level_names, short,
                           project.settings.language)
    assert edited is not None
    worker.use(replace(project, topics=tuple(edited if t.path == topic else t
                                             for t in project.topics)))
    assert {j.level.name for j in jobs if not worker.settled(task_key(j))} == {"easy"}
    worker.forget_templates()
    assert not any(worker.settled(task_key(j)) for j in jobs)


def test_a_template_syntax_error_moves_nothing_and_the_fix_recovers(short: Path) -> None:
    session = started(short)
    before, made = files(short / "build"), outputs(short)
    topic = short / "content" / f"{TOPIC}.yaml"
    edit(topic, EASY_POINT, "Most doctors see addiction as a brain illness that can be helped.")
    template = short / "templates" / "flyer.xml.j2"
    template.parent.mkdir()
    template.write_text('{% extends "builtin/flyer.xml.j2" %}\n{% block nothing %\n',
                        encoding="utf-8")
    with pytest.raises(TemplateError) as raised:
        session.rebuild([topic, template])
    assert f"{template}:2: template syntax error" in raised.value.format_message()
    assert files(short / "build") == before  # not one output, record or report moved
    template.write_text('{% extends "builtin/flyer.xml.j2" %}\n', encoding="utf-8")
    summary = session.rebuild([template])
    assert summary.failure() is None
    assert changed(made, outputs(short)) == {f"{TOPIC}/{TOPIC}-easy-flyer.pdf",
                                             f"{TOPIC}/{TOPIC}-easy-talk-5min.pptx"}


def test_a_character_the_fonts_lack_moves_nothing_and_a_bad_file_recovers(
        short: Path) -> None:
    session = started(short)
    before, made = files(short / "build"), outputs(short)
    topic = short / "content" / f"{TOPIC}.yaml"
    good = topic.read_text(encoding="utf-8")
    edit(topic, EASY_POINT, "Most doctors see addiction as a brain illness \U0001f9e0.")
    with pytest.raises(ContentError):
        session.rebuild([topic])
    assert files(short / "build") == before
    topic.write_text(good.replace("title: Ketamine and Addiction", "title: [broken"),
                     encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        session.rebuild([topic])
    assert f"{topic}:" in raised.value.format_message()
    other = short / "notes.txt"
    other.write_text("a file the project does not read", encoding="utf-8")
    with pytest.raises(ContentError) as again:  # another file saved: the topic is still
        session.rebuild([other])                  # broken, so that is what is said
    assert again.value.format_message() == raised.value.format_message()
    assert files(short / "build") == before
    topic.write_text(good.replace(EASY_POINT, "Addiction is a brain illness."),
                     encoding="utf-8")
    summary = session.rebuild([topic])
    assert summary.failure() is None
    assert len(changed(made, outputs(short))) == 2


def test_a_broken_settings_file_stops_every_save_until_it_is_fixed(short: Path) -> None:
    session = started(short)
    made = outputs(short)
    settings = short / "handouts.toml"
    settings.write_text("[lengths.short\n", encoding="utf-8")
    with pytest.raises(SettingsError):
        session.rebuild([settings])
    topic = short / "content" / f"{TOPIC}.yaml"
    edit(topic, EASY_POINT, "Addiction can be treated.")
    with pytest.raises(SettingsError):
        session.rebuild([topic])
    assert outputs(short) == made
    settings.write_text("[lengths.short]\n", encoding="utf-8")
    assert session.rebuild([settings]).failure() is None
    assert changed(made, outputs(short)) == {f"{TOPIC}/{TOPIC}-easy-flyer.pdf",
                                             f"{TOPIC}/{TOPIC}-easy-talk-5min.pptx"}


def test_an_output_that_fails_keeps_its_old_file_and_the_others_move(short: Path) -> None:
    session = started(short)
    before = outputs(short)
    topic = short / "content" / f"{TOPIC}.yaml"
    edit(topic, EASY_POINT, " ".join(["Most doctors see addiction as a brain illness."] * 25))
    edit(topic, STANDARD_POINT, "Most experts see addiction as a treatable brain illness.")
    summary = session.rebuild([topic])
    assert summary.brands[0].counts.startswith("built 2, unchanged 8, failed 2")
    flyer = f"{TOPIC}/{TOPIC}-easy-flyer.pdf"
    assert outputs(short)[flyer] == before[flyer]  # the failed output's old file, untouched
    assert changed(before, outputs(short)) == {f"{TOPIC}/{TOPIC}-standard-flyer.pdf",
                                               f"{TOPIC}/{TOPIC}-standard-talk-5min.pptx"}
    records = manifest.load(short / "build")
    assert flyer not in records  # so the next build makes it again
    assert records[f"{TOPIC}/{TOPIC}-standard-flyer.pdf"].intact(
        short / "build" / TOPIC / f"{TOPIC}-standard-flyer.pdf")


def test_an_output_changed_by_hand_is_made_again_though_its_layout_is_the_same(
        short: Path) -> None:
    session = started(short)
    clinical = short / "build" / TOPIC / f"{TOPIC}-clinical-flyer.pdf"
    original = clinical.read_bytes()
    clinical.write_bytes(original + b"% changed by hand\n")
    topic = short / "content" / f"{TOPIC}.yaml"
    edit(topic, EASY_POINT, "Most doctors see addiction as a brain illness that can be helped.")
    summary = session.rebuild([topic])
    assert summary.brands[0].counts.startswith("built 3, unchanged 9, failed 0")
    assert clinical.read_bytes() == original
    assert manifest.load(short / "build")[f"{TOPIC}/{TOPIC}-clinical-flyer.pdf"].intact(clinical)


def test_a_deleted_topic_loses_its_outputs_and_a_new_one_is_built(short: Path) -> None:
    session = started(short)
    other = short / "content" / f"{OTHER}.yaml"
    text = other.read_text(encoding="utf-8")
    other.unlink()
    summary = session.rebuild([other])
    assert summary.brands[0].counts.startswith("built 0, unchanged 6")
    assert not (short / "build" / OTHER).exists()
    assert all(not k.startswith(OTHER) for k in manifest.load(short / "build"))
    other.write_text(text, encoding="utf-8")
    summary = session.rebuild([other])
    assert summary.brands[0].counts.startswith("built 6, unchanged 6")


def test_what_is_watched_leaves_out_builds_hidden_files_and_this_processs_log(
        tmp_path: Path) -> None:
    import os

    from handouts.build.watch import watched

    log, topic, build = tmp_path / "watch.log", tmp_path / "topic.yaml", tmp_path / "build"
    topic.write_text("title: x\n", encoding="utf-8")
    build.mkdir()
    saved = os.dup(1)
    try:
        with log.open("w") as out:
            os.dup2(out.fileno(), 1)  # `make-handouts watch > watch.log`, inside the project
            wanted = watched([build.resolve()])
    finally:
        os.dup2(saved, 1)
        os.close(saved)
    assert not wanted(str(log))
    assert wanted(str(topic)) and wanted(str(tmp_path / "deleted.yaml"))
    assert not wanted(str(build / "flyer.pdf")) and not wanted(str(tmp_path / ".topic.swp"))


def test_the_watch_command_does_not_answer_its_own_log(short: Path) -> None:
    log = short / "watch.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "handouts", "-C", str(short), "watch", "--no-thumbnails"],
            stdout=out, stderr=subprocess.STDOUT, text=True)
    try:
        end = time.monotonic() + 180
        while "watching" not in log.read_text(encoding="utf-8"):
            assert time.monotonic() < end and process.poll() is None, log.read_text("utf-8")
            time.sleep(0.2)
        time.sleep(3)  # a rebuild for each line it writes would have started by now
        assert "changed:" not in log.read_text(encoding="utf-8")
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_watch_command_remakes_the_saved_topics_flyer(short: Path) -> None:
    flyer = short / "build" / TOPIC / f"{TOPIC}-easy-flyer.pdf"
    process = subprocess.Popen(
        [sys.executable, "-m", "handouts", "-C", str(short), "watch", "--no-thumbnails"],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        out = lines_of(process)
        wait_for(out, "watching", 180)
        before = outputs(short)
        edit(short / "content" / f"{TOPIC}.yaml", EASY_POINT, "Addiction can be treated.")
        end = time.monotonic() + 60
        while outputs(short)[flyer.relative_to(short / "build").as_posix()] == \
                before[flyer.relative_to(short / "build").as_posix()]:
            assert time.monotonic() < end, "the flyer was not made again"
            time.sleep(0.05)
        assert "built 2, unchanged 10, failed 0" in wait_for(out, "built ", 60)
        assert changed(before, outputs(short)) == {
            f"{TOPIC}/{TOPIC}-easy-flyer.pdf", f"{TOPIC}/{TOPIC}-easy-talk-5min.pptx"}
    finally:
        process.terminate()
        process.wait(timeout=30)
        if process.stdout is not None:
            process.stdout.close()


def test_what_watch_makes_is_what_build_makes(short: Path, tmp_path: Path,
                                              cli: Callable[..., Result]) -> None:
    session = started(short)
    topic = short / "content" / f"{TOPIC}.yaml"
    edit(topic, EASY_POINT, "Addiction can be treated.")
    assert session.rebuild([topic]).failure() is None
    again = tmp_path / "again"
    shutil.copytree(short, again, ignore=shutil.ignore_patterns("build"))
    assert cli("-C", again, "build", "--no-thumbnails").exit_code == 0
    assert {k: v[1] for k, v in outputs(short).items()} == \
        {k: v[1] for k, v in outputs(again).items()}


def test_a_saved_picture_remakes_the_outputs_that_show_it(sample: Path) -> None:
    (sample / "handouts.toml").write_text("[lengths.standard]\n", encoding="utf-8")
    session = started(sample)
    picture = sample / "pictures" / "ketamine-heavy-use.svg"
    showing = {k for k, made in manifest.load(sample / "build").items()
               if any(path == str(picture) for path, _ in made.pictures)}
    assert showing
    before = outputs(sample)
    edit(picture, 'fill="#1B5E7A"', 'fill="#7A1F3D"')
    summary = session.rebuild([picture])
    assert summary.failure() is None
    assert changed(before, outputs(sample)) == showing
