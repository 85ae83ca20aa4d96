"""Model objects to and from JSON text, exactly.

The store keeps each extracted fact twice: a few columns to query on, and the whole object
as JSON text (``data``) that ``decode`` turns back into the identical frozen dataclass. JSON
*text* is used rather than a JSON column type so SQLite and PostgreSQL behave the same
(PostgreSQL's ``jsonb`` rejects ``NaN`` and ``\\u0000``; ``json.dumps`` escapes both).

Not handled: dataclass fields whose types are not built from dataclasses, ``tuple``,
``dict``, ``Literal``, ``X | None`` and JSON scalars (none exist in ``model`` today).
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from datetime import UTC, datetime
from functools import cache
from typing import Any, TypeVar

from crosscheck.model import to_dict

T = TypeVar("T")


def encode(obj: Any) -> str:
    """Serialise a model object (or tuple of them) as compact, ASCII-only JSON text."""
    return json.dumps(to_dict(obj), separators=(",", ":"), ensure_ascii=True)


def decode(cls: type[T], text: str) -> T:
    """Rebuild an instance of dataclass ``cls`` from ``encode``'s output."""
    return typing.cast(T, _convert(cls, json.loads(text)))


def decode_many(cls: type[T], text: str | None) -> tuple[T, ...]:
    """Rebuild a tuple of ``cls`` instances from a JSON list (``None`` gives ``()``)."""
    if not text:
        return ()
    return tuple(typing.cast(T, _convert(cls, item)) for item in json.loads(text))


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _convert(tp: Any, value: Any) -> Any:
    """Convert a JSON value into the Python value of type ``tp``."""
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if dataclasses.is_dataclass(tp) and isinstance(tp, type):
        hints = _hints(tp)
        kwargs = {
            f.name: _convert(hints[f.name], value[f.name])
            for f in dataclasses.fields(tp)
            if f.name in value
        }
        return tp(**kwargs)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(tp) if a is not type(None)]
        return _convert(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_convert(args[0], v) for v in value)
        return tuple(_convert(a, v) for a, v in zip(args, value, strict=True))
    if origin is dict:
        return dict(value)
    if tp is float and isinstance(value, int):
        return float(value)
    return value


def now() -> datetime:
    """Return the current time in UTC (stored with every row that has a timestamp)."""
    return datetime.now(UTC)


def dumps(value: Any) -> str:
    """JSON text of plain values (stats, counts, source lists)."""
    return json.dumps(value, ensure_ascii=True, default=str)
