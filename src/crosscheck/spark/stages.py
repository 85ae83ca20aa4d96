"""What the Spark executors run: the local engine's functions inside ``mapInPandas``.

Nothing here re-implements a stage. ``read_units`` calls ``crosscheck.ingest.corpus.
iter_records`` (the same readers as ``crosscheck ingest``), ``process_rows`` calls
``crosscheck.engine.stages.process_chunk`` (clean -> analyse -> sign, one ``nlp.pipe``
batch per chunk), ``compare_rows`` calls ``engine.stages.compare_story`` and ``copies_of``.
The spaCy pipeline is loaded once per Python worker (``engine.stages.init_worker``; Spark
reuses its Python workers between tasks, and ``extract.nlp.load_nlp`` caches per process).

Every function takes and yields pandas DataFrames in the column layout of
``crosscheck.spark.tables`` and turns any failure of one item into a ``problem`` row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from typing import Any

import pandas as pd  # type: ignore[import-untyped]  # no pandas-stubs in the venv

from crosscheck.engine.stages import Processed, compare_story, copies_of, init_worker, process_chunk
from crosscheck.errors import CODES
from crosscheck.model import Analysis, Article, Problem, to_dict
from crosscheck.settings import Settings
from crosscheck.spark.grouping import BlockArticle, KeyScratch, feature_slots, replay_block
from crosscheck.spark.tables import (
    COMPARE_COLUMNS,
    PROCESSED_COLUMNS,
    RAW_COLUMNS,
    REPLAY_COLUMNS,
    dumps,
)
from crosscheck.store.codec import decode, encode

LOGGER = logging.getLogger(__name__)

_READY: set[str] = set()
_SCRATCH: dict[int, KeyScratch] = {}
OUT_BATCH = 64  # rows per pandas frame handed back to Spark from the reading stage


def _ensure_worker(settings: Settings) -> None:
    """Load the spaCy pipeline once in this Python worker (``init_worker``)."""
    key = settings.model or "<default>"
    if key not in _READY:
        init_worker(settings)
        _READY.add(key)


def per_group(
    fn: Callable[[pd.DataFrame, Settings], pd.DataFrame], settings: Settings
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """Bind ``settings`` to an ``applyInPandas`` function (a plain, typed function)."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        return fn(frame, settings)

    return run


def _problem_row(unit: int, record: int, problem: Problem) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(RAW_COLUMNS)
    row.update(
        unit=unit,
        record=record,
        kind="problem",
        source=problem.source,
        code=problem.code,
        message=problem.message,
        fatal=problem.fatal,
    )
    return row


def _article_row(unit: int, record: int, article: Article) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(RAW_COLUMNS)
    row.update(
        unit=unit,
        record=record,
        kind="article",
        id=article.id,
        source=article.source,
        text=article.text,
        title=article.title,
        outlet=article.outlet,
        author=article.author,
        url=article.url,
        published=article.published,
        language=article.language,
        format=article.format,
        fatal=False,
    )
    return row


def read_units(frames: Iterator[pd.DataFrame], settings: Settings) -> Iterator[pd.DataFrame]:
    """``mapInPandas`` stage: each ``(unit, path)`` row -> raw article and problem rows.

    A unit is one file (a WARC, a dataset, or one text/HTML file of a directory); its
    records are numbered from 1 in reading order. A reader that raises is reported as one
    CC002 problem for the unit and the other units go on.
    """
    from crosscheck.ingest.corpus import iter_records

    for frame in frames:
        for unit, path in zip(frame["unit"].tolist(), frame["path"].tolist(), strict=True):
            rows: list[dict[str, Any]] = []
            record = 0
            try:
                for item in iter_records(str(path), settings):
                    record += 1
                    if isinstance(item, Problem):
                        rows.append(_problem_row(unit, record, item))
                    else:
                        rows.append(_article_row(unit, record, item))
                    if len(rows) >= OUT_BATCH:
                        yield pd.DataFrame(rows, columns=RAW_COLUMNS)
                        rows = []
            except Exception as exc:  # a reader bug on one file must not stop the job
                LOGGER.exception("reading %s failed", path)
                message = f"{path}: {CODES['CC002']}: reading failed ({exc!r})"
                rows.append(_problem_row(unit, record + 1, Problem(str(path), "CC002", message)))
            if rows:
                yield pd.DataFrame(rows, columns=RAW_COLUMNS)


def _raw_article(row: Any) -> Article:
    def opt(value: Any) -> str | None:
        return None if value is None or (isinstance(value, float) and pd.isna(value)) else value

    return Article(
        id=row.id,
        source=row.source,
        text=row.text,
        title=opt(row.title),
        outlet=opt(row.outlet),
        author=opt(row.author),
        url=opt(row.url),
        published=opt(row.published),
        language=opt(row.language) or "en",
        format="html" if row.format == "html" else "text",
    )


def _processed_row(unit: int, record: int, item: Processed | Problem) -> dict[str, Any]:
    row: dict[str, Any] = dict.fromkeys(PROCESSED_COLUMNS)
    row.update(unit=unit, record=record)
    if isinstance(item, Problem):
        row.update(
            kind="problem",
            source=item.source,
            code=item.code,
            message=item.message,
            fatal=item.fatal,
        )
        return row
    analysis, sig = item.analysis, item.signature
    art = analysis.article
    row.update(
        kind="article",
        id=art.id,
        source=art.source,
        analysis=encode(analysis),
        entities=dumps(to_dict(analysis.entities)),
        quotes=dumps(to_dict(analysis.quotes)),
        numbers=dumps(to_dict(analysis.numbers)),
        dates=dumps(to_dict(analysis.dates)),
        claims=dumps(to_dict(analysis.claims)),
        signature=None if sig is None else sig.to_bytes(),
        day=None if sig is None else sig.day,
        slots=None if sig is None else feature_slots(sig),
        fatal=False,
    )
    return row


def process_rows(frames: Iterator[pd.DataFrame], settings: Settings) -> Iterator[pd.DataFrame]:
    """``mapInPandas`` stage: raw article rows -> analysed rows (``process_chunk``)."""
    _ensure_worker(settings)
    size = max(1, settings.batch_size)
    for frame in frames:
        rows = list(frame.itertuples(index=False))
        for start in range(0, len(rows), size):
            chunk = rows[start : start + size]
            out: list[dict[str, Any]] = []
            try:
                results = process_chunk([_raw_article(r) for r in chunk], settings)
            except Exception as exc:  # process_chunk isolates articles; this is a last resort
                LOGGER.exception("a chunk failed")
                results = [
                    Problem(r.source, "CC002", f"{r.source}: {CODES['CC002']}: {exc!r}")
                    for r in chunk
                ]
            for row, item in zip(chunk, results, strict=True):
                out.append(_processed_row(int(row.unit), int(row.record), item))
            yield pd.DataFrame(out, columns=PROCESSED_COLUMNS)


def key_rows(frames: Iterator[pd.DataFrame], settings: Settings) -> Iterator[pd.DataFrame]:
    """``mapInPandas`` stage: ``(id, rank, signature, slots, dfs)`` -> ``(id, rank, keys)``."""
    from crosscheck.stories.signature import Signature

    scratch = _SCRATCH.get(settings.story_window_days)
    if scratch is None:
        scratch = _SCRATCH[settings.story_window_days] = KeyScratch(settings)
    for frame in frames:
        keys = [
            scratch.posting_keys(Signature.from_bytes(bytes(b)), int(r), list(s), list(d))
            for b, r, s, d in zip(
                frame["signature"], frame["rank"], frame["slots"], frame["dfs"], strict=True
            )
        ]
        yield pd.DataFrame({"id": frame["id"], "rank": frame["rank"], "keys": keys})


def replay_rows(frame: pd.DataFrame, settings: Settings, horizon: int | None) -> pd.DataFrame:
    """``applyInPandas`` stage: one block's articles -> ``(id, story, position, state)``.

    ``horizon`` is passed to ``replay_block`` (which open stories carry their state).
    """
    from crosscheck.stories.signature import Signature

    items = [
        BlockArticle(int(r), Signature.from_bytes(bytes(b)), list(s), list(d))
        for b, r, s, d in zip(
            frame["signature"], frame["rank"], frame["slots"], frame["dfs"], strict=True
        )
    ]
    members = replay_block(items, settings, horizon)
    return pd.DataFrame(
        {
            "id": [m.article for m in members],
            "story": [m.story for m in members],
            "position": [m.position for m in members],
            "state": [m.state for m in members],
        },
        columns=REPLAY_COLUMNS,
    )


def compare_rows(frame: pd.DataFrame, settings: Settings) -> pd.DataFrame:
    """``applyInPandas`` stage: one story's analyses -> findings, copy links and stats rows.

    The same calls as ``crosscheck.corpus`` makes when it refreshes a story: a story of one
    article gets stats only; otherwise ``compare_story`` and ``copies_of``. A failure is one
    ``error`` row (the story keeps no findings; the loader leaves it stale).
    """
    frame = frame.sort_values("position")
    story = str(frame["story"].iloc[0])
    rows: list[dict[str, Any]] = []
    try:
        analyses = [decode(Analysis, text) for text in frame["analysis"]]
        if len(analyses) < 2:
            rows.append({"story": story, "kind": "stats", "data": dumps({"articles": 1})})
        else:
            report = compare_story(analyses, settings)
            for copy, origin, similarity in copies_of(analyses, settings):
                rows.append(
                    {
                        "story": story,
                        "kind": "copy",
                        "data": dumps({"copy": copy, "origin": origin, "similarity": similarity}),
                    }
                )
            rows.extend(
                {"story": story, "kind": "finding", "data": encode(f)} for f in report.findings
            )
            rows.append({"story": story, "kind": "stats", "data": dumps(report.stats)})
    except Exception as exc:  # one story's comparison must not stop the others
        LOGGER.exception("findings of story %s could not be computed", story)
        rows.append({"story": story, "kind": "error", "data": dumps({"error": repr(exc)})})
    return pd.DataFrame(rows, columns=COMPARE_COLUMNS)
