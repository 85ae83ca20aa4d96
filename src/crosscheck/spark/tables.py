"""The Parquet tables a Spark run writes, and the Spark schemas they follow.

Every extraction table holds the ``to_dict`` form of its model object (``crosscheck.model``:
``Entity``, ``Quote``, ``Number``, ``DateRef``, ``Claim``, ``Finding``), one row each, with
nested structs and arrays as in the JSON report, plus the ``article`` (or ``story``) it
belongs to. Offsets (``start``/``end``, and those of speakers, mentions, evidence) index the
article's original ``text``: ``articles.text[start:end] == text``. The ``articles`` table
also keeps the whole ``Analysis`` as exact JSON text (``crosscheck.store.codec``), which is
what the loader stores. See docs/spark.md for the table-by-table schema.
"""

from __future__ import annotations

import json
from typing import Any

TABLES: tuple[str, ...] = (
    "articles",
    "entities",
    "quotes",
    "numbers",
    "dates",
    "claims",
    "stories",
    "findings",
    "copies",
    "problems",
)
FACT_TABLES: tuple[str, ...] = ("entities", "quotes", "numbers", "dates", "claims")

RAW_COLUMNS: list[str] = [
    "unit",
    "record",
    "kind",
    "id",
    "source",
    "text",
    "title",
    "outlet",
    "author",
    "url",
    "published",
    "language",
    "format",
    "code",
    "message",
    "fatal",
]
PROCESSED_COLUMNS: list[str] = [
    "unit",
    "record",
    "kind",
    "id",
    "source",
    "analysis",
    *FACT_TABLES,
    "signature",
    "day",
    "slots",
    "code",
    "message",
    "fatal",
]
COMPARE_COLUMNS: list[str] = ["story", "kind", "data"]
REPLAY_COLUMNS: list[str] = ["id", "story", "position", "state"]
REPLAY_SCHEMA = "id string, story string, position long, state string"


def dumps(value: Any) -> str:
    """Compact JSON text (``NaN`` kept as a token, which Spark's ``from_json`` reads)."""
    return json.dumps(value, separators=(",", ":"), ensure_ascii=False, default=str)


def _types() -> Any:
    from pyspark.sql import types as T

    return T


def raw_schema() -> Any:
    """Schema of the reading stage's output (``RAW_COLUMNS``)."""
    T = _types()
    fields = [T.StructField(c, T.StringType()) for c in RAW_COLUMNS]
    fields[0] = T.StructField("unit", T.LongType())
    fields[1] = T.StructField("record", T.LongType())
    fields[-1] = T.StructField("fatal", T.BooleanType())
    return T.StructType(fields)


def processed_schema() -> Any:
    """Schema of the per-article stage's output (``PROCESSED_COLUMNS``)."""
    T = _types()
    types: dict[str, Any] = {
        "unit": T.LongType(),
        "record": T.LongType(),
        "signature": T.BinaryType(),
        "day": T.LongType(),
        "slots": T.ArrayType(T.LongType()),
        "fatal": T.BooleanType(),
    }
    return T.StructType([T.StructField(c, types.get(c, T.StringType())) for c in PROCESSED_COLUMNS])


def compare_schema() -> Any:
    """Schema of the per-story stage's output (``COMPARE_COLUMNS``)."""
    T = _types()
    return T.StructType([T.StructField(c, T.StringType()) for c in COMPARE_COLUMNS])


def _struct(*fields: tuple[str, Any]) -> Any:
    T = _types()
    return T.StructType([T.StructField(name, tp) for name, tp in fields])


def fact_schemas() -> dict[str, Any]:
    """Spark schemas of the ``to_dict`` forms of each fact type (array element types)."""
    T = _types()
    s, i, d = T.StringType(), T.IntegerType(), T.DoubleType()
    strings = T.ArrayType(s)
    span = _struct(("article", s), ("start", i), ("end", i), ("text", s))
    located = (("id", s), ("article", s), ("start", i), ("end", i), ("text", s))
    sentence = (("sentence_start", i), ("sentence_end", i))
    speaker = _struct(
        ("name", s), ("entity", s), ("start", i), ("end", i), ("text", s), ("role", s)
    )
    return {
        "entities": _struct(
            ("id", s),
            ("name", s),
            ("type", s),
            ("aliases", strings),
            ("roles", strings),
            ("mentions", T.ArrayType(span)),
        ),
        "quotes": _struct(
            *located,
            ("kind", s),
            ("speaker", speaker),
            ("cue", s),
            ("cue_start", i),
            ("cue_end", i),
            ("via", strings),
            ("mentions", T.ArrayType(span)),
            *sentence,
        ),
        "numbers": _struct(
            *located,
            ("value", d),
            ("unit", s),
            ("measures", s),
            ("place", s),
            ("period", s),
            ("bound", s),
            *sentence,
        ),
        "dates": _struct(
            *located,
            ("value", s),
            ("type", s),
            ("anchor", s),
            *sentence,
            ("event", s),
            ("who", s),
            ("whom", s),
        ),
        "claims": _struct(*located, ("entities", strings), ("keywords", strings), ("score", d)),
        "findings": _struct(
            ("id", s),
            ("kind", s),
            ("summary", s),
            ("confidence", d),
            ("evidence", T.ArrayType(span)),
            ("reason", s),
            ("severity", s),
            ("sources", i),
            ("facts", strings),
        ),
    }


def article_schema() -> Any:
    """The article part of an ``Analysis`` JSON (for the ``articles`` table's columns)."""
    T = _types()
    s, i = T.StringType(), T.IntegerType()
    removed = _struct(("start", i), ("end", i), ("text", s), ("reason", s))
    anchor = _struct(("value", s), ("basis", s), ("window", T.ArrayType(s)), ("note", s))
    return _struct(
        ("article", _struct(
            ("id", s), ("source", s), ("text", s), ("title", s), ("outlet", s), ("author", s),
            ("url", s), ("published", s), ("language", s), ("format", s), ("clean_text", s),
            ("removed", T.ArrayType(removed)), ("date_anchor", anchor),
        )),
        ("problems", T.ArrayType(_struct(
            ("source", s), ("code", s), ("message", s), ("fatal", T.BooleanType())
        ))),
    )  # fmt: skip
