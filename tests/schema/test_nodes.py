"""What a located value is, for messages, and its plain data."""

from __future__ import annotations

from pathlib import Path

from handouts.errors import Location
from handouts.schema.nodes import Map, Scalar, Seq, Value, data, described, is_null

AT = Location(Path("f"), 1, 1)


def test_null_and_described() -> None:
    assert is_null(None) and is_null(Scalar("~", AT)) and not is_null(Scalar("~", AT, True))
    assert [described(n) for n in (Scalar("", AT), Scalar("x", AT), Value(9, AT),
                                   Seq((), AT), Map({}, AT))] == \
        ["left empty", "'x'", "9", "a list", "a mapping"]


def test_data_is_the_plain_value() -> None:
    tree = Map({"a": Seq((Value(1, AT), Scalar("b", AT)), AT)}, AT)
    assert data(tree) == {"a": [1, "b"]}
