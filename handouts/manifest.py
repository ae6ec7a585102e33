"""What each output was made from, so a rebuild with nothing changed writes nothing.

An output's fingerprint hashes everything that can change it: the package version, the
job (topic, level, length, format), the topic's file, the settings, the brand file and
every file it names (logo, fonts, PowerPoint template), the built-in fonts, and every
template the project or the package holds.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

from handouts import __version__
from handouts.files import digest, write_atomic

MANIFEST = ".handouts-manifest.json"


def _digest(paths: Iterable[Path]) -> str:
    h = hashlib.sha256()
    for path in sorted(set(paths)):
        h.update(str(path).encode())
        h.update(digest(path).encode() if path.is_file() else b"-")
    return h.hexdigest()


def shared_inputs(settings_text: str, brand_files: Iterable[Path],
                  package_files: Iterable[Path]) -> str:
    """The fingerprint of what every output of a project depends on: its settings, its
    brand's files, and the templates and built-in fonts (`package_files`)."""
    h = hashlib.sha256(__version__.encode())
    h.update(settings_text.encode())
    h.update(_digest(brand_files).encode())
    h.update(_digest(package_files).encode())
    return h.hexdigest()


def fingerprint(shared: str, topic_file: Path, job_key: str) -> str:
    """The fingerprint of one output."""
    return hashlib.sha256(f"{shared}\n{job_key}\n{_digest([topic_file])}".encode()).hexdigest()


def load(out_dir: Path) -> dict[str, str]:
    """The recorded fingerprints (relative output path to fingerprint); empty if none."""
    try:
        data = json.loads((out_dir / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.items()} if isinstance(data, dict) else {}


def save(out_dir: Path, records: dict[str, str]) -> None:
    """Record fingerprints, atomically."""
    write_atomic(out_dir / MANIFEST, json.dumps(records, indent=1, sort_keys=True).encode())
