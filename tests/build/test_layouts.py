"""A build of one clinic into the build folder, then of several into a folder each (or the
reverse) leaves nothing of the other layout but what it cannot tell is its own; a build of
several clinics writes an index linking each clinic's report."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from handouts.build.api import Options, build_all

CLINICS = ("riverbend-community-health", "lakeside-clinic")
TOPIC = "ketamine-and-addiction"
QUICK = Options(thumbnails=False)


class Links(HTMLParser):
    """Every link's target in a page, and its text."""

    def __init__(self) -> None:
        super().__init__()
        self.links: dict[str, str] = {}
        self._open: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self._open = dict(attrs).get("href") or ""
            self.links[self._open] = ""

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self.links[self._open] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "a":
            self._open = None


def links(page: Path) -> dict[str, str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.links


def small(sample: Path) -> Path:
    """The sample with one topic and one length (6 outputs a clinic), and a second clinic's
    brand file beside its own."""
    (sample / "content/ketamine-assisted-therapy.yaml").unlink()
    (sample / "handouts.toml").write_text("[lengths.short]\n", encoding="utf-8")
    (sample / "lakeside.yml").write_text("meta: {name: 'Lakeside Clinic'}\n", encoding="utf-8")
    return sample


def files(folder: Path) -> set[str]:
    return {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}


def outputs(prefix: str = "") -> set[str]:
    return {f"{prefix}{TOPIC}/{TOPIC}-{level}-{kind}"
            for level in ("easy", "standard", "clinical")
            for kind in ("flyer.pdf", "talk-5min.pptx")}


def several(root: Path) -> None:
    settings = root / "handouts.toml"
    settings.write_text('[project]\nbrands = ["_brand.yml", "lakeside.yml"]\n'
                        + settings.read_text(encoding="utf-8"), encoding="utf-8")


def test_one_clinic_then_several_leaves_nothing_of_the_first_and_indexes_the_clinics(
        sample: Path) -> None:
    root = small(sample)
    build = root / "build"
    assert build_all(root, QUICK).failure() is None
    assert outputs() <= files(build) and (build / "index.html").is_file()
    edited = build / f"{TOPIC}/{TOPIC}-easy-flyer.pdf"  # not what the build wrote: kept
    edited.write_bytes(edited.read_bytes() + b"%edited\n")
    (build / TOPIC / "notes.txt").write_text("mine", encoding="utf-8")  # never recorded
    several(root)
    summary = build_all(root, QUICK)
    assert summary.failure() is None and summary.index == build / "index.html"
    left = files(build)
    assert {f"{TOPIC}/{TOPIC}-easy-flyer.pdf", f"{TOPIC}/notes.txt"} == \
        {name for name in left if name.startswith(f"{TOPIC}/")}
    assert not {".handouts-manifest.json", ".handouts-report.json"} & left
    assert not (build / "_report").exists()
    for clinic in CLINICS:
        assert outputs(f"{clinic}/") <= left and f"{clinic}/index.html" in left
    found = links(build / "index.html")
    assert found == {f"{clinic}/index.html": name for clinic, name in
                     zip(CLINICS, ("Riverbend Community Health", "Lakeside Clinic"),
                         strict=True)}
    assert all((build / target).is_file() for target in found)
    assert "Lakeside Clinic: handouts" in (build / "lakeside-clinic/index.html").read_text()


def test_several_clinics_then_one_leaves_nothing_of_the_clinics_folders(
        sample: Path) -> None:
    root = small(sample)
    build = root / "build"
    brands = (root / "_brand.yml", root / "lakeside.yml")
    assert build_all(root, Options(brands=brands, thumbnails=False)).failure() is None
    assert set(links(build / "index.html")) == {f"{c}/index.html" for c in CLINICS}
    summary = build_all(root, QUICK)
    assert summary.failure() is None and summary.index is None
    assert files(build) == outputs() | {"index.html", ".handouts-manifest.json",
                                        ".handouts-report.json", ".handouts-uptodate.json",
                                        ".handouts.lock"}
    assert not any((build / clinic).exists() for clinic in CLINICS)
    page = (build / "index.html").read_text(encoding="utf-8")
    assert "Riverbend Community Health: handouts" in page  # the clinic's own report


def test_a_build_without_a_report_removes_the_index_of_clinics_no_longer_built(
        sample: Path) -> None:
    root = small(sample)
    build = root / "build"
    brands = (root / "_brand.yml", root / "lakeside.yml")
    assert build_all(root, Options(brands=brands, thumbnails=False)).failure() is None
    assert build_all(root, Options(report=False)).failure() is None
    assert files(build) == outputs() | {".handouts-manifest.json",
                                        ".handouts-uptodate.json", ".handouts.lock"}


def test_a_clinic_whose_brand_is_broken_keeps_its_folder(sample: Path) -> None:
    root = small(sample)
    build = root / "build"
    several(root)
    assert build_all(root, QUICK).failure() is None
    (root / "lakeside.yml").write_text("meta: {name: [not, a, name]}\n", encoding="utf-8")
    summary = build_all(root, QUICK)
    assert summary.broken and summary.index is not None
    assert outputs("lakeside-clinic/") <= files(build)
    assert set(links(build / "index.html")) == {"riverbend-community-health/index.html"}
    assert "not built:" in (build / "index.html").read_text(encoding="utf-8")


def test_a_subset_build_changes_no_layout(sample: Path) -> None:
    root = small(sample)
    build = root / "build"
    assert build_all(root, QUICK).failure() is None
    several(root)
    assert build_all(root, Options(levels=("easy",), thumbnails=False)).failure() is None
    assert outputs() <= files(build)  # only a whole build tidies the build folder


def test_only_report_files_as_the_build_wrote_them_are_removed(tmp_path: Path) -> None:
    import json

    from handouts.build.report import REPORT_RECORD, record_written, remove_written
    from handouts.files import digest

    out = tmp_path / "build"
    (out / "_report").mkdir(parents=True)
    secret = tmp_path / "secret.html"
    secret.write_text("not the build's")
    for name in ("index.html", "_report/a.pdf.png", "_report/b.pdf.png", "notes.html"):
        (out / name).write_text(name)
    record_written(out, [out / "index.html", out / "_report/a.pdf.png",
                         out / "_report/b.pdf.png"], REPORT_RECORD)
    (out / "_report/b.pdf.png").write_text("drawn again by hand")  # not what was recorded
    record = json.loads((out / REPORT_RECORD).read_text())
    # a record edited by hand: names out of the folder, or not a report's file, stay
    for name, path in (("../secret.html", secret), ("notes.html", out / "notes.html")):
        record[name] = [path.stat().st_size, digest(path)]
    (out / REPORT_RECORD).write_text(json.dumps(record))
    remove_written(out, REPORT_RECORD)
    assert files(out) == {"_report/b.pdf.png", "notes.html"}
    assert secret.is_file()


def test_a_report_record_replaced_by_a_folder_is_located(sample: Path) -> None:
    root = small(sample)
    assert build_all(root, QUICK).failure() is None
    record = root / "build" / ".handouts-report.json"
    record.unlink()
    record.mkdir()
    failure = build_all(root, Options(thumbnails=False, force=True)).failure()
    assert failure is not None and failure.exit_code == 2
    assert f"{record}: is not the file the build keeps here (a folder or a link); remove " \
        "it; the build writes it again" in failure.format_message()
