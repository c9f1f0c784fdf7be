"""``Record`` builds what ``typing.NamedTuple`` builds, without its run-time checks."""

from __future__ import annotations

import pickle
from typing import NamedTuple

import pytest

from yozuv.records import Record


class Point(Record):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None

    @property
    def norm(self) -> int:
        return abs(self.x) + abs(self.y)

    def moved(self, by: int) -> Point:
        return self._replace(x=self.x + by)


class Reference(NamedTuple):
    """A point."""

    x: int
    y: int = 0
    label: str | None = None


def test_a_record_behaves_as_a_named_tuple() -> None:
    point, reference = Point(3, -4), Reference(3, -4)
    assert tuple(point) == tuple(reference) == (3, -4, None)
    assert Point._fields == Reference._fields
    assert Point._field_defaults == Reference._field_defaults
    assert repr(point) == "Point(x=3, y=-4, label=None)"
    assert point.norm == 7 and point.moved(2) == Point(5, -4)
    assert Point.__doc__ == "A point." and Point.__module__ == __name__
    assert Point.__annotations__ == {"x": "int", "y": "int", "label": "str | None"}
    assert pickle.loads(pickle.dumps(point)) == point
    assert isinstance(point, tuple) and hash(point) == hash((3, -4, None))


def test_what_named_tuples_refuse_records_refuse() -> None:
    with pytest.raises(TypeError, match="without a default"):
        type(
            "Bad",
            (Record,),
            {"__annotations__": {"a": "int", "b": "int"}, "a": 1, "__module__": __name__},
        )
    with pytest.raises(AttributeError, match="_replace"):
        type("Bad", (Record,), {"__annotations__": {}, "_replace": None, "__module__": __name__})
    with pytest.raises(TypeError, match="derives from Record alone"):

        class Twice(Record, Exception):  # type: ignore[misc]  # what the test is about
            x: int
