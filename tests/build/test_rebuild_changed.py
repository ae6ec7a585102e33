"""Rebuild only what changed: an output is made again when what it is drawn from changes
(its layout document, the writer's inputs, the pictures it names), not whenever its topic
file or a template changes. The topic is still loaded and validated; each stale
candidate's layout is rendered and compared with what its output was drawn from."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from click.testing import Result

from handouts.build.manifest import MANIFEST


def made(root: Path) -> dict[str, int]:
    """Each output's modification time (ns), by name."""
    return {p.name: p.stat().st_mtime_ns for p in (root / "build").rglob("*.p*")
            if p.suffix in (".pdf", ".pptx")}


def changed(before: dict[str, int], after: dict[str, int]) -> list[str]:
    return sorted(name for name in after if before.get(name) != after[name])


def test_one_sentence_of_a_level_remakes_only_the_outputs_that_show_it(
        sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, "build", "--no-thumbnails").exit_code == 0
    before = made(sample)
    topic = sample / "content" / "ketamine-and-addiction.yaml"
    text = topic.read_text(encoding="utf-8")
    sentence = "It wears off fast, often in less than an hour."
    assert text.count(sentence) == 1  # the easy body of a priority-3 section
    topic.write_text(text.replace(sentence, "It wears off fast, most often within an hour."),
                     encoding="utf-8")
    result = cli("-C", sample, "build", "--no-thumbnails")
    assert result.exit_code == 0, result.output
    # the section has its own speaker notes: its body is printed in the booklet alone
    assert "built 1, unchanged 59" in result.output, result.output[-400:]
    assert changed(before, made(sample)) == ["ketamine-and-addiction-easy-booklet.pdf"]
    before = made(sample)
    bullet = "        - It wears off fast.\n"
    assert topic.read_text(encoding="utf-8").count(bullet) == 1  # its easy slide bullets
    topic.write_text(topic.read_text(encoding="utf-8").replace(
        bullet, "        - It wears off within an hour.\n"), encoding="utf-8")
    result = cli("-C", sample, "build", "--no-thumbnails")
    # the deck and the talk printed from it (its handout and notes)
    assert "built 3, unchanged 57" in result.output, result.output[-400:]
    assert changed(before, made(sample)) == [
        "ketamine-and-addiction-easy-talk-45min-handout.pdf",
        "ketamine-and-addiction-easy-talk-45min-notes.pdf",
        "ketamine-and-addiction-easy-talk-45min.pptx"]
    records = json.loads((sample / "build" / MANIFEST).read_text())
    again = cli("-C", sample, "build", "--no-thumbnails")
    assert "built 0, unchanged 60" in again.output
    assert json.loads((sample / "build" / MANIFEST).read_text()) == records


def test_a_template_change_remakes_only_the_outputs_it_changes(
        sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, "build", "--format", "pdf", "--no-report").exit_code == 0
    before = made(sample)
    (sample / "templates").mkdir()
    (sample / "templates" / "booklet.xml.j2").write_text(
        '{% extends "builtin/booklet.xml.j2" %}\n', encoding="utf-8")  # the same layout
    same = cli("-C", sample, "build", "--format", "pdf", "--no-report")
    assert "built 0, unchanged 18" in same.output, same.output
    (sample / "templates" / "flyer.xml.j2").write_text(  # the short name above the title
        '{% extends "builtin/flyer.xml.j2" %}\n{% block header %}<band><p style="meta">'
        '{{ brand.short_name }}</p><title>{{ topic.title }}</title>{% if topic.subtitle %}'
        '<subtitle>{{ topic.subtitle | inline }}</subtitle>{% endif %}</band>{% endblock %}\n',
        encoding="utf-8")
    result = cli("-C", sample, "build", "--format", "pdf", "--no-report")
    assert result.exit_code == 0, result.output
    assert "built 6, unchanged 12" in result.output
    assert all(name.endswith("-flyer.pdf") for name in changed(before, made(sample)))


def test_force_and_a_damaged_output_still_remake(sample: Path,
                                                 cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, "build", "--format", "pdf", "--length", "short",
               "--no-report").exit_code == 0
    flyer = sample / "build/ketamine-and-addiction/ketamine-and-addiction-easy-flyer.pdf"
    flyer.write_bytes(flyer.read_bytes()[:-10])
    result = cli("-C", sample, "build", "--format", "pdf", "--length", "short", "--no-report")
    assert "built 1, unchanged 5" in result.output
    forced = cli("-C", sample, "build", "--format", "pdf", "--length", "short", "--no-report",
                 "--force")
    assert "built 6, unchanged 0" in forced.output


def test_a_changed_picture_remakes_only_the_outputs_that_show_it(
        sample: Path, cli: Callable[..., Result]) -> None:
    assert cli("-C", sample, "build", "--no-thumbnails").exit_code == 0
    picture = sample / "pictures" / "ketamine-heavy-use.svg"
    records = json.loads((sample / "build" / MANIFEST).read_text(encoding="utf-8"))
    showing = {Path(key).name for key, record in records.items()
               if any(path == str(picture) for path, _ in record[8])}
    assert showing and len(showing) < len(records)  # the brochures, booklets and decks
    before = made(sample)
    picture.write_text(picture.read_text(encoding="utf-8").replace(
        'fill="#1B5E7A"', 'fill="#7A1F3D"'), encoding="utf-8")
    result = cli("-C", sample, "build", "--no-thumbnails")
    assert result.exit_code == 0, result.output
    assert set(changed(before, made(sample))) == showing
    again = cli("-C", sample, "build", "--no-thumbnails")  # the no-op record knows it
    assert again.exit_code == 0 and "built 0" in again.output, again.output[-300:]
    picture.write_text(picture.read_text(encoding="utf-8").replace(
        'fill="#7A1F3D"', 'fill="#2E7D32"'), encoding="utf-8")
    later = made(sample)
    assert cli("-C", sample, "build", "--no-thumbnails").exit_code == 0
    assert set(changed(later, made(sample))) == showing
