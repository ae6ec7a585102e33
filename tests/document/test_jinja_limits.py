"""Templates cannot make a huge value in one C call: each such operation is sized before
it runs, and a render runs under a memory margin, so a hostile template stops at once with
a located error, within the time limit and without filling the machine."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest
from click.testing import Result

from handouts.document import jinja as templates
from handouts.errors import TemplateError
from tests.helpers import GOOD, write_project

DOUBLING = "{% set ns = namespace(v=V) %}{% for i in range(40) %}{% set ns.v = E %}{% endfor %}"

HOSTILE = {
    "center": "{{ 'x'|center(10**9) }}",
    "format filter": "{{ '%1000000000s'|format('x') }}",
    "indent": "{{ 'x\ny'|indent(10**9, true) }}",
    "wordwrap": "{{ ('x' * 100000)|wordwrap(1, wrapstring='y' * 1000) }}",
    "join filter": "{{ range(100000)|join('y' * 100000) }}",
    "replace filter": "{{ ('x' * 1000)|replace('', 'y' * 100000) }}",
    "batch": "{{ [1]|batch(10**9, 'x')|list|length }}",
    "slice": "{{ []|slice(10**9)|list|length }}",
    "sum of lists": "{{ [[1] * 1000] * 20000|sum(start=[]) }}",
    "tojson": DOUBLING.replace("V", "['x']").replace("E", "[ns.v, ns.v]")
    + "{{ ns.v|tojson|length }}",
    "lipsum": "{{ lipsum(10**6) }}",
    "ljust": "{{ 'x'.ljust(10**9) }}",
    "rjust": "{{ 'x'.rjust(10**9) }}",
    "center method": "{{ 'x'.center(10**9) }}",
    "zfill": "{{ 'x'.zfill(10**9) }}",
    "expandtabs": "{{ '\tx'.expandtabs(10**9) }}",
    "replace method": "{{ ('x' * 1000).replace('', 'y' * 100000) }}",
    "join method": "{{ ('y' * 100000).join(range(100000)|map('string')) }}",
    "translate": "{{ ('x' * 1000).translate({120: 'y' * 100000}) }}",
    "bytes ljust": "{{ 'x'.encode().ljust(10**9)|length }}",
    "to_bytes": "{{ (1).to_bytes(10**9, 'big')|length }}",
    "str.format width": "{{ '{:>1000000000}'.format('x') }}",
    "str.format nested width": "{{ '{0:{1}}'.format('x', 10**9) }}",
    "str.format precision": "{{ '{:.1000000000f}'.format(1.0) }}",
    "format_map": "{{ '{a:>1000000000}'.format_map({'a': 1}) }}",
    "printf star": "{{ '%*s' % (10**9, 'x') }}",
    "printf precision": "{{ '%.1000000000f' % 1.0 }}",
    "printf mapping": "{{ '%(a)1000000000s' % {'a': 1} }}",
    "power then repeat": "{{ 9**64 * 'x' }}",
    "power of a power": "{{ ((9**64)**64)**64 }}",
    "repeated squaring": "{% set ns = namespace(v=9**64) %}{% for i in range(40) %}"
                         "{% set ns.v = ns.v * ns.v %}{% endfor %}{{ ns.v > 0 }}",
    "list repeat": "{{ [1, 2] * 10**8 }}",
    "concatenation": "{{ ('x' * 15000000) + ('y' * 15000000) }}",
    "doubling with ~": DOUBLING.replace("V", "'x'").replace("E", "ns.v ~ ns.v")
    + "{{ ns.v|length }}",
    "doubling a list": DOUBLING.replace("V", "['x']").replace("E", "[ns.v, ns.v]")
    + "{{ ns.v }}",
}
"""Each way a sandboxed template could make a huge value in one call."""

TIME_LIMIT = 2.0


def test_each_hostile_template_stops_quickly_within_the_memory_margin(tmp_path: Path) -> None:
    """In a child process (so its peak memory is its own): each template fails with a
    located TemplateError within the time limit, and peak resident memory grows by less
    than 300 MiB over the whole run."""
    folder = tmp_path / "templates"
    folder.mkdir()
    for i, body in enumerate(HOSTILE.values()):
        (folder / f"h{i}.xml.j2").write_text(body, encoding="utf-8")
    script = f"""
import json, resource, time
from pathlib import Path
from handouts.document import jinja as templates
from handouts.errors import TemplateError
env = templates.environment(Path({str(folder)!r}))
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
limits = resource.getrlimit(resource.RLIMIT_DATA)
results = []
for i in range({len(HOSTILE)}):
    start = time.monotonic()
    try:
        templates.render(env, f"h{{i}}.xml.j2", {{}}, time_limit={TIME_LIMIT})
        message = "rendered"
    except TemplateError as exc:
        message = str(exc)
    results.append([time.monotonic() - start, message])
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({{"grew_kib": after - before, "results": results,
                  "limits_kept": resource.getrlimit(resource.RLIMIT_DATA) == limits}}))
"""
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 0, done.stderr
    report = json.loads(done.stdout)
    for (name, _), (i, (seconds, message)) in zip(HOSTILE.items(), enumerate(report["results"]),
                                                   strict=True):
        assert message.startswith(str(folder / f"h{i}.xml.j2")) \
            or message.startswith(f"h{i}.xml.j2: the template ran for more than"), (name, message)
        assert seconds < TIME_LIMIT + 0.5, (name, seconds, message)
    assert report["grew_kib"] < 300 * 1024, report["grew_kib"]
    assert report["limits_kept"]


@pytest.mark.parametrize(("name", "expected"), [
    ("center", "template failed: the template tried to make a text (with center) of more "
               "than 20,000,000 characters or items"),
    ("format filter", "template failed: the template tried to make a formatted text of more "
                      "than 20,000,000 characters or items"),
    ("str.format width", "template failed: the template tried to make a formatted value of "
                         "more than 20,000,000 characters or items"),
    ("power of a power", "template failed: the template tried to compute a number of more "
                         "than 100,000 bits"),
    ("doubling with ~", "the template needed more than 256 MiB of memory and was stopped; "
                        "look for a value that grows without end"),
])
def test_through_the_cli_exit_2_located_and_nothing_written(
        tmp_path: Path, cli: Callable[..., Result], name: str, expected: str) -> None:
    write_project(tmp_path, GOOD)
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "flyer.xml.j2").write_text(HOSTILE[name], encoding="utf-8")
    result = cli("-C", tmp_path, "build", "--length", "short", "--format", "pdf")
    assert result.exit_code == 2, result.output
    assert f"Error: {tmp_path / 'templates' / 'flyer.xml.j2'}:1: {expected}" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "build").exists()


def test_the_memory_limit_is_restored_after_a_render_and_after_a_failure(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ok.xml.j2").write_text("{{ 'x' * 1000 }}", encoding="utf-8")
    (tmp_path / "templates" / "bad.xml.j2").write_text(
        DOUBLING.replace("V", "'x'").replace("E", "ns.v ~ ns.v"), encoding="utf-8")
    env = templates.environment(tmp_path / "templates")
    before = resource.getrlimit(resource.RLIMIT_DATA)
    assert templates.render(env, "ok.xml.j2", {}) == "x" * 1000
    assert resource.getrlimit(resource.RLIMIT_DATA) == before
    with pytest.raises(TemplateError, match="needed more than 256 MiB"):
        templates.render(env, "bad.xml.j2", {})
    assert resource.getrlimit(resource.RLIMIT_DATA) == before
    assert len(bytearray(400 * 1024 * 1024)) == 400 * 1024 * 1024  # free to grow again


def test_ordinary_uses_of_the_sized_operations_still_work(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates" / "ok.xml.j2").write_text(
        "{{ 'a%sb'|format('<') }}|{{ '{}!'.format('<') }}|{{ ['a', '<']|join('&') }}|"
        "{{ 'a<b'|replace('<', '>') }}|{{ 'x'|center(5) }}|{{ 'a\nb'|indent(2) }}|"
        "{{ [1, 2, 3]|sum }}|{{ [1, 2, 3]|batch(2)|list }}|{{ [1, 2, 3]|slice(2)|list }}|"
        "{{ 'ab'.ljust(4, '-') }}|{{ ','.join(['a', 'b']) }}|{{ '%05d' % 3 }}|"
        "{{ '{:>5}'.format(1) }}|{{ 2**10 }}|{{ 'ab' + 'c' }}|{{ [1] + [2] }}|{{ 7 % 3 }}|"
        "{{ {'k': '<'}|tojson }}|{{ 'long words here'|wordwrap(5) }}",
        encoding="utf-8")
    env = templates.environment(tmp_path / "templates")
    assert templates.render(env, "ok.xml.j2", {}).split("|") == [
        "a&lt;b", "&lt;!", "a&amp;&lt;", "a&gt;b", "  x  ", "a\n  b", "6",
        "[[1, 2], [3]]", "[[1, 2], [3]]", "ab--", "a,b", "00003", "    1", "1024", "abc",
        "[1, 2]", "1", '{"k": "\\u003c"}', "long\nwords\nhere"]
