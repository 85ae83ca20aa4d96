"""Report <-> JSON (schema ``crosscheck.report/1``).

The JSON mirrors the data model field by field (``model.to_dict``), so every field of
every type is present; the contract users rely on is the subset listed in the module
``crosscheck.report``. Decoding is generic over the dataclass type hints, so fields added
later with a default decode without changes here, unknown keys are ignored and missing
keys take their defaults.
"""

from __future__ import annotations

import dataclasses
import json
import logging
import math
import types
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

from crosscheck import model
from crosscheck.errors import CrosscheckError
from crosscheck.model import SCHEMA, Problem, Report, to_dict

LOGGER = logging.getLogger(__name__)

T = TypeVar("T")

#: Top-level keys in the order they are written.
TOP_KEYS: tuple[str, ...] = (
    "schema",
    "articles",
    "entities",
    "quotes",
    "numbers",
    "dates",
    "claims",
    "findings",
    "problems",
    "stats",
)

_LIST_KEYS: dict[str, type] = {
    "articles": model.Article,
    "entities": model.Entity,
    "quotes": model.Quote,
    "numbers": model.Number,
    "dates": model.DateRef,
    "claims": model.Claim,
    "findings": model.Finding,
    "problems": model.Problem,
}


def _finite(obj: Any) -> Any:
    """Replace NaN/inf floats (not valid JSON) with ``None``."""
    if isinstance(obj, float) and not math.isfinite(obj):
        return None
    if isinstance(obj, list):
        return [_finite(x) for x in obj]
    if isinstance(obj, dict):
        return {k: _finite(v) for k, v in obj.items()}
    return obj


def report_dict(report: Report) -> dict[str, Any]:
    """The report as JSON-ready plain values, top-level keys in :data:`TOP_KEYS` order."""
    raw = to_dict(report)
    out: dict[str, Any] = {"schema": report.schema or SCHEMA}
    for key in TOP_KEYS[1:]:
        out[key] = _finite(raw.get(key, [] if key != "stats" else {}))
    return out


def to_json(report: Report, *, indent: int | None = 2) -> str:
    """Serialise a report as JSON (schema ``crosscheck.report/1``).

    Every article carries its original ``text`` (and ``clean_text``) so evidence can be shown
    from the JSON alone. Non-finite floats (NaN, inf) become ``null``; they are the only
    values that do not round-trip. Tuples inside ``stats`` come back as lists.

    Args:
        report: the report.
        indent: JSON indentation; ``None`` for one line.

    Returns:
        The JSON text (non-ASCII characters written as is).
    """
    return json.dumps(report_dict(report), ensure_ascii=False, indent=indent)


def from_json(text: str | bytes) -> Report:
    """Read a report written by :func:`to_json`.

    Items that cannot be decoded are skipped, logged and recorded as a non-fatal
    ``Problem`` (code CC015) in the returned report.

    Args:
        text: the JSON text.

    Returns:
        The report.

    Raises:
        CrosscheckError: [CC015] when the text is not JSON, not an object, or declares a
            schema other than ``crosscheck.report/1``.
    """
    try:
        data = json.loads(text)
    except (ValueError, TypeError) as exc:
        raise CrosscheckError(f"report is not valid JSON: {exc}", code="CC015") from exc
    if not isinstance(data, dict):
        raise CrosscheckError("report JSON must be an object", code="CC015")
    schema = data.get("schema", SCHEMA)
    if schema != SCHEMA:
        raise CrosscheckError(f"unsupported report schema {schema!r}; want {SCHEMA}", code="CC015")
    fields: dict[str, Any] = {}
    problems: list[Problem] = []
    for key, cls in _LIST_KEYS.items():
        items = data.get(key) or []
        if not isinstance(items, list):
            problems.append(_bad(key, "not a list"))
            continue
        decoded = []
        for i, item in enumerate(items):
            try:
                decoded.append(_decode(item, cls))
            except (TypeError, ValueError, KeyError) as exc:
                LOGGER.warning("skipping %s[%d]: %s", key, i, exc)
                problems.append(_bad(f"{key}[{i}]", str(exc)))
        fields[key] = tuple(decoded)
    stats = data.get("stats") or {}
    fields["stats"] = stats if isinstance(stats, dict) else {}
    fields["problems"] = fields["problems"] + tuple(problems)
    return Report(schema=SCHEMA, **fields)


def _bad(where: str, why: str) -> Problem:
    return Problem(source=f"report:{where}", code="CC015", message=why, fatal=False)


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = get_type_hints(cls, vars(model))
    return _HINTS[cls]


def _decode(value: Any, tp: Any) -> Any:
    """Convert plain JSON values into ``tp`` (dataclasses, tuples, optionals, literals)."""
    if tp is Any:
        return value
    origin = get_origin(tp)
    if origin in (Union, types.UnionType):
        args = get_args(tp)
        if value is None and type(None) in args:
            return None
        errors: list[str] = []
        for arg in args:
            if arg is type(None):
                continue
            try:
                return _decode(value, arg)
            except (TypeError, ValueError, KeyError) as exc:
                errors.append(str(exc))
        raise ValueError(f"{value!r} matches none of {tp}: {'; '.join(errors)}")
    if origin is Literal:
        if value not in get_args(tp):
            raise ValueError(f"{value!r} is not one of {get_args(tp)}")
        return value
    if origin is tuple:
        args = get_args(tp)
        if not isinstance(value, list | tuple):
            raise TypeError(f"expected a list, got {type(value).__name__}")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_decode(v, args[0]) for v in value)
        if len(args) != len(value):
            raise ValueError(f"expected {len(args)} items, got {len(value)}")
        return tuple(_decode(v, a) for v, a in zip(value, args, strict=True))
    if origin is dict:
        if not isinstance(value, dict):
            raise TypeError(f"expected an object, got {type(value).__name__}")
        return dict(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise TypeError(f"expected an object for {tp.__name__}, got {type(value).__name__}")
        hints = _hints(tp)
        kwargs = {
            f.name: _decode(value[f.name], hints[f.name])
            for f in dataclasses.fields(tp)
            if f.name in value
        }
        return tp(**kwargs)
    if tp is float:
        if value is None:
            return math.nan  # written for a non-finite float
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise TypeError(f"expected a number, got {type(value).__name__}")
        return float(value)
    if tp is int:
        if isinstance(value, bool) or not isinstance(value, int):
            raise TypeError(f"expected an integer, got {type(value).__name__}")
        return value
    if tp in (str, bool):
        if not isinstance(value, tp):
            raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
        return value
    return value
