"""``Record``: :class:`typing.NamedTuple` for type checkers, built cheaply at run time.

Why: the command line's start-up is a budget (issue 9: at most 4x ``python -c pass``), and
the package defines some 35 small immutable records on the filter's path. ``typing``'s
``NamedTuple`` checks every field's annotation as it builds a class; with postponed
annotations each one is a string it compiles into a ``ForwardRef``: about 0.15 ms a class,
5 ms of every start-up, for checks that only a type checker needs (mypy reads the
annotations itself). At run time ``Record`` builds the same class as ``NamedTuple`` (a
:func:`collections.namedtuple` with the class's defaults, methods, properties and
docstring, annotations kept as written) without those checks; type checkers see
``typing.NamedTuple`` itself, so they check fields, defaults and ``_replace`` as usual.

Write records as with ``NamedTuple``::

    class Direction(Record):
        source: str | None
        target: str = "latin"
"""

from __future__ import annotations

import collections
from typing import TYPE_CHECKING, Any

__all__ = ["Record"]

# As in typing.NamedTuple: names a record may not define, and names copied by namedtuple.
_PROHIBITED = frozenset(
    {"__new__", "__init__", "__slots__", "__getnewargs__", "_fields", "_field_defaults"}
    | {"_make", "_replace", "_asdict", "_source"}
)
_SPECIAL = frozenset({"__module__", "__name__", "__annotations__", "__qualname__"})


class _RecordMeta(type):
    """Turns ``class X(Record): ...`` into a named tuple, as ``NamedTupleMeta`` does."""

    def __new__(cls, typename: str, bases: tuple[type, ...], namespace: dict[str, Any]) -> Any:
        if bases == ():  # Record itself
            return super().__new__(cls, typename, bases, namespace)
        if len(bases) != 1 or bases[0].__bases__ != (object,) or type(bases[0]) is not cls:
            raise TypeError("a Record derives from Record alone")
        annotations: dict[str, Any] = namespace.get("__annotations__", {})
        defaults: list[Any] = []
        for name in annotations:
            if name in namespace:
                defaults.append(namespace[name])
            elif defaults:
                raise TypeError(f"{typename}: field {name!r} without a default after one with")
        make: Any = collections.namedtuple  # called with computed fields: untyped here
        record = make(
            typename, list(annotations), defaults=defaults, module=namespace["__module__"]
        )
        record.__annotations__ = dict(annotations)
        record.__qualname__ = namespace.get("__qualname__", typename)
        for key, value in namespace.items():
            if key in _PROHIBITED:
                raise AttributeError(f"{typename}: cannot overwrite {key}")
            if key not in _SPECIAL and key not in annotations:
                setattr(record, key, value)
        return record


if TYPE_CHECKING:
    from typing import NamedTuple as Record
else:

    class _Record(metaclass=_RecordMeta):
        """The base class records name; the metaclass makes each record a named tuple."""

    Record = _Record
