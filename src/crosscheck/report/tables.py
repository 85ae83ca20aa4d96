"""Report -> flat tables (CSV and Parquet), one table per kind of thing.

Tables: ``articles``, ``removed``, ``entities``, ``mentions``, ``quotes``, ``numbers``,
``dates``, ``claims``, ``findings``, ``evidence`` (one row per evidence span, keyed by
``finding``), ``problems``. Every table has a fixed pyarrow schema, so an empty table still
has its columns. Parquet keeps list columns as lists; CSV joins them with `` | ``.
"""

from __future__ import annotations

import csv
import logging
import math
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa

from crosscheck.model import Report

LOGGER = logging.getLogger(__name__)

_S = pa.string()
_I = pa.int64()
_F = pa.float64()
_B = pa.bool_()
_L = pa.list_(pa.string())

# fmt: off
SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("id", _S),
            ("source", _S),
            ("title", _S),
            ("outlet", _S),
            ("author", _S),
            ("url", _S),
            ("published", _S),
            ("language", _S),
            ("format", _S),
            ("anchor_value", _S),
            ("anchor_basis", _S),
            ("anchor_window_start", _S),
            ("anchor_window_end", _S),
            ("anchor_note", _S),
            ("chars", _I),
            ("removed", _I),
            ("text", _S),
        ]
    ),
    "removed": pa.schema(
        [("article", _S), ("start", _I), ("end", _I), ("text", _S), ("reason", _S)]
    ),
    "entities": pa.schema(
        [("id", _S), ("name", _S), ("type", _S), ("aliases", _L), ("roles", _L), ("mentions", _I)]
    ),
    "mentions": pa.schema(
        [("entity", _S), ("article", _S), ("start", _I), ("end", _I), ("text", _S)]
    ),
    "quotes": pa.schema(
        [
            ("id", _S),
            ("article", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("kind", _S),
            ("speaker", _S),
            ("speaker_entity", _S),
            ("speaker_start", _I),
            ("speaker_end", _I),
            ("speaker_text", _S),
            ("speaker_role", _S),
            ("cue", _S),
            ("via", _L),
            ("repeats", _I),
        ]
    ),
    "numbers": pa.schema(
        [
            ("id", _S),
            ("article", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("value", _F),
            ("unit", _S),
            ("measures", _S),
            ("place", _S),
            ("period", _S),
            ("bound", _S),
        ]
    ),
    "dates": pa.schema(
        [
            ("id", _S),
            ("article", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("value", _S),
            ("type", _S),
            ("anchor", _S),
        ]
    ),
    "claims": pa.schema(
        [
            ("id", _S),
            ("article", _S),
            ("start", _I),
            ("end", _I),
            ("text", _S),
            ("entities", _L),
            ("keywords", _L),
            ("score", _F),
        ]
    ),
    "findings": pa.schema(
        [
            ("id", _S),
            ("kind", _S),
            ("summary", _S),
            ("confidence", _F),
            ("severity", _S),
            ("reason", _S),
            ("sources", _I),
            ("evidence", _I),
            ("facts", _L),
        ]
    ),
    "evidence": pa.schema(
        [("finding", _S), ("kind", _S), ("article", _S), ("start", _I), ("end", _I), ("text", _S)]
    ),
    "problems": pa.schema([("source", _S), ("code", _S), ("message", _S), ("fatal", _B)]),
}
# fmt: on


def _rows(report: Report) -> dict[str, list[dict[str, Any]]]:
    """Plain rows per table (values in the types of :data:`SCHEMAS`)."""
    t: dict[str, list[dict[str, Any]]] = {name: [] for name in SCHEMAS}
    for a in report.articles:
        anc = a.date_anchor
        window = anc.window or (None, None)
        t["articles"].append(
            {
                "id": a.id, "source": a.source, "title": a.title, "outlet": a.outlet,
                "author": a.author, "url": a.url, "published": a.published,
                "language": a.language, "format": a.format, "anchor_value": anc.value,
                "anchor_basis": anc.basis, "anchor_window_start": window[0],
                "anchor_window_end": window[1], "anchor_note": anc.note, "chars": len(a.text),
                "removed": len(a.removed), "text": a.text,
            }
        )  # fmt: skip
        for r in a.removed:
            t["removed"].append(
                {
                    "article": a.id,
                    "start": r.start,
                    "end": r.end,
                    "text": r.text,
                    "reason": r.reason,
                }
            )
    for e in report.entities:
        t["entities"].append(
            {
                "id": e.id, "name": e.name, "type": e.type, "aliases": list(e.aliases),
                "roles": list(e.roles), "mentions": len(e.mentions),
            }
        )  # fmt: skip
        for m in e.mentions:
            t["mentions"].append(
                {
                    "entity": e.id,
                    "article": m.article,
                    "start": m.start,
                    "end": m.end,
                    "text": m.text,
                }
            )
    for q in report.quotes:
        sp = q.speaker
        t["quotes"].append(
            {
                "id": q.id, "article": q.article, "start": q.start, "end": q.end, "text": q.text,
                "kind": q.kind, "speaker": sp.name if sp else None,
                "speaker_entity": sp.entity if sp else None,
                "speaker_start": sp.start if sp else None, "speaker_end": sp.end if sp else None,
                "speaker_text": sp.text if sp else None, "speaker_role": sp.role if sp else None,
                "cue": q.cue, "via": list(q.via), "repeats": len(q.mentions),
            }
        )  # fmt: skip
    for n in report.numbers:
        value = n.value if isinstance(n.value, int | float) and math.isfinite(n.value) else None
        t["numbers"].append(
            {
                "id": n.id, "article": n.article, "start": n.start, "end": n.end, "text": n.text,
                "value": value, "unit": n.unit, "measures": n.measures, "place": n.place,
                "period": n.period, "bound": n.bound,
            }
        )  # fmt: skip
    for d in report.dates:
        t["dates"].append(
            {
                "id": d.id, "article": d.article, "start": d.start, "end": d.end, "text": d.text,
                "value": d.value, "type": d.type, "anchor": d.anchor,
            }
        )  # fmt: skip
    for c in report.claims:
        t["claims"].append(
            {
                "id": c.id, "article": c.article, "start": c.start, "end": c.end, "text": c.text,
                "entities": list(c.entities), "keywords": list(c.keywords), "score": c.score,
            }
        )  # fmt: skip
    for f in report.findings:
        t["findings"].append(
            {
                "id": f.id, "kind": f.kind, "summary": f.summary, "confidence": f.confidence,
                "severity": f.severity, "reason": f.reason, "sources": f.sources,
                "evidence": len(f.evidence), "facts": list(f.facts),
            }
        )  # fmt: skip
        for s in f.evidence:
            t["evidence"].append(
                {
                    "finding": f.id, "kind": f.kind, "article": s.article, "start": s.start,
                    "end": s.end, "text": s.text,
                }
            )  # fmt: skip
    for p in report.problems:
        t["problems"].append(
            {"source": p.source, "code": p.code, "message": p.message, "fatal": p.fatal}
        )
    return t


def to_arrow(report: Report) -> dict[str, pa.Table]:
    """The report as pyarrow tables, one per kind (see :data:`SCHEMAS`).

    A row whose values do not fit the schema is skipped and logged.
    """
    out: dict[str, pa.Table] = {}
    for name, rows in _rows(report).items():
        schema = SCHEMAS[name]
        try:
            out[name] = pa.Table.from_pylist(rows, schema=schema)
        except (pa.ArrowException, TypeError, ValueError) as exc:
            LOGGER.warning("table %s: %s; building it row by row", name, exc)
            good = []
            for i, row in enumerate(rows):
                try:
                    pa.Table.from_pylist([row], schema=schema)
                except (pa.ArrowException, TypeError, ValueError) as err:
                    LOGGER.warning("table %s: skipping row %d: %s", name, i, err)
                else:
                    good.append(row)
            out[name] = pa.Table.from_pylist(good, schema=schema)
    return out


def _write(folder: str | Path, suffix: str, write: Callable[[pa.Table, Path], None],
           report: Report) -> dict[str, Path]:  # fmt: skip
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, table in to_arrow(report).items():
        path = root / f"{name}.{suffix}"
        write(table, path)
        paths[name] = path
    return paths


def _csv_cell(value: Any) -> Any:
    if isinstance(value, list):
        return " | ".join("" if v is None else str(v) for v in value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return value


def _write_csv(table: pa.Table, path: Path) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(table.column_names)
        for row in table.to_pylist():
            writer.writerow([_csv_cell(row[c]) for c in table.column_names])


def _write_parquet(table: pa.Table, path: Path) -> None:
    import pyarrow.parquet as pq

    pq.write_table(table, path)


def export_csv(report: Report, folder: str | Path) -> dict[str, Path]:
    """Write one CSV file per table (``articles.csv``, ``findings.csv``, ...) into ``folder``.

    UTF-8, a header row, RFC 4180 quoting; list values joined with `` | ``; missing values
    empty. Cells are written as they are: a spreadsheet may interpret a cell that starts
    with ``=`` as a formula, so open untrusted exports as text.

    Args:
        report: the report.
        folder: output folder, created if missing; existing files are overwritten.

    Returns:
        The path of each table's file, keyed by table name.
    """
    return _write(folder, "csv", _write_csv, report)


def export_parquet(report: Report, folder: str | Path) -> dict[str, Path]:
    """Write one Parquet file per table (``articles.parquet``, ...) into ``folder``.

    Args:
        report: the report.
        folder: output folder, created if missing; existing files are overwritten.

    Returns:
        The path of each table's file, keyed by table name.
    """
    return _write(folder, "parquet", _write_parquet, report)


def _write_jsonl(table: pa.Table, path: Path) -> None:
    import json

    with path.open("w", encoding="utf-8") as fh:
        for row in table.to_pylist():
            fh.write(json.dumps(row, ensure_ascii=False, default=str) + "\n")


def export_jsonl(report: Report, folder: str | Path) -> dict[str, Path]:
    """Write one JSON Lines file per table (``articles.jsonl``, ...) into ``folder``."""
    return _write(folder, "jsonl", _write_jsonl, report)


#: ``crosscheck export --format``: file suffix and writer of each format.
EXPORT_FORMATS: dict[str, Callable[[pa.Table, Path], None]] = {
    "csv": _write_csv,
    "parquet": _write_parquet,
    "jsonl": _write_jsonl,
}


def export_reports(reports: Iterable[Report], folder: str | Path, fmt: str) -> dict[str, Path]:
    """Write the tables of several reports (one per story) into ``folder``, one file per
    table in ``fmt`` (``csv``, ``parquet`` or ``jsonl``); an empty table still gets a file
    with its columns.

    Returns:
        The path of each table's file, keyed by table name.
    """
    write = EXPORT_FORMATS[fmt]
    parts: dict[str, list[pa.Table]] = {name: [] for name in SCHEMAS}
    for report in reports:
        for name, table in to_arrow(report).items():
            parts.setdefault(name, []).append(table)
    root = Path(folder)
    root.mkdir(parents=True, exist_ok=True)
    paths: dict[str, Path] = {}
    for name, tables in parts.items():
        table = pa.concat_tables(tables) if tables else SCHEMAS[name].empty_table()
        path = root / f"{name}.{fmt}"
        write(table, path)
        paths[name] = path
    return paths
