"""Load the Parquet tables of a Spark run into the store (SQLite or PostgreSQL).

Reads with pyarrow only (no Spark, no JVM), batch by batch, so memory stays bounded by
the batch size and the largest story. For each article the exact ``Analysis`` JSON is
stored (``Store.add_analysis``); then each story with its members in order
(``Store.put_story``), its findings and stats (``Store.set_findings``, which clears the
stale flag), copy links and problems. ``crosscheck stories``, ``report`` and ``serve`` then
work on the store as after ``crosscheck ingest``.

The story index state is saved without an index: a later ``crosscheck ingest`` into the
same store starts a new index, so new articles are grouped among themselves and do not
join the loaded stories (a store that already had an index keeps it).

Not handled: loading the same directory twice adds nothing new but re-writes the stories
and findings; a story whose comparison failed in Spark stays stale and is recomputed by
``crosscheck.corpus.refresh_findings``.
"""

from __future__ import annotations

import json
import logging
import secrets
import time
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.corpus import STATE_KEY
from crosscheck.errors import CrosscheckError
from crosscheck.model import Analysis, Finding, Problem, Story
from crosscheck.settings import Settings
from crosscheck.store import Store, open_store
from crosscheck.store.codec import decode

LOGGER = logging.getLogger(__name__)

BATCH = 512


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one ``load`` did: rows added per kind, and the seconds it took."""

    articles: int
    already_stored: int
    stories: int
    findings: int
    copies: int
    problems: int
    seconds: float


def _batches(root: Path, table: str, columns: list[str]) -> Iterator[list[dict[str, Any]]]:
    import pyarrow.dataset as ds

    path = root / table
    if not path.exists():
        raise CrosscheckError(
            f"{path}: no such table (not a crosscheck spark output?)", code="CC001"
        )
    dataset = ds.dataset(str(path), format="parquet")
    for batch in dataset.to_batches(columns=columns, batch_size=BATCH):
        yield batch.to_pylist()


def _title(analysis: Analysis) -> str:
    """The story title the store gives a story: its first article's title or first line."""
    art = analysis.article
    if art.title:
        return art.title[:200]
    text = art.clean_text[:400] or art.text[:400]
    return next((ln.strip() for ln in text.splitlines() if ln.strip()), "")[:120]


def load(
    out: str | Path, settings: Settings | None = None, *, store: Store | None = None
) -> LoadResult:
    """Load a ``crosscheck spark ingest`` output directory into the store at ``settings.db``.

    Args:
        out: the output directory (local path).
        settings: ``db`` names the store.
        store: an open store to use instead.

    Returns:
        A ``LoadResult``.

    Raises:
        CrosscheckError: CC001 when a table is missing; ``StoreError`` when the store fails.
    """
    settings = settings or Settings.from_env()
    root = Path(out)
    started = time.perf_counter()
    own = store is None
    db = store if store is not None else open_store(settings.db)
    try:
        return _load(root, db, started)
    finally:
        if own:
            db.close()


def _load(root: Path, db: Store, started: float) -> LoadResult:
    run_id = db.start_run([str(root)])
    added = known = 0
    titles: dict[str, str] = {}
    for rows in _batches(root, "articles", ["id", "analysis"]):
        for row in rows:
            analysis = decode(Analysis, row["analysis"])
            titles[row["id"]] = _title(analysis)
            if db.add_analysis(analysis, run_id=run_id):
                added += 1
            else:
                known += 1
    members: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for rows in _batches(root, "stories", ["story", "article", "position"]):
        for row in rows:
            members[row["story"]].append((int(row["position"]), row["article"]))
    for story_id, items in members.items():
        ids = tuple(a for _, a in sorted(items))
        db.put_story(Story(id=story_id, articles=ids, title=titles.get(ids[0], "")))
    findings: dict[str, list[Finding]] = defaultdict(list)
    for rows in _batches(root, "findings", ["story", "data"]):
        for row in rows:
            findings[row["story"]].append(decode(Finding, row["data"]))
    n_findings = sum(len(v) for v in findings.values())
    for rows in _batches(root, "story_stats", ["story", "kind", "stats"]):
        for row in rows:
            if row["kind"] == "stats" and row["story"] in members:
                db.set_findings(
                    row["story"], findings.get(row["story"], []), json.loads(row["stats"])
                )
    copies = 0
    for rows in _batches(root, "copies", ["copy", "origin", "similarity"]):
        for row in rows:
            db.add_copy_link(row["copy"], row["origin"], float(row["similarity"]))
            copies += 1
    problems = 0
    for rows in _batches(root, "problems", ["source", "code", "message", "fatal"]):
        for row in rows:
            db.add_problem(
                Problem(row["source"], row["code"], row["message"], bool(row["fatal"])),
                run_id=run_id,
            )
            problems += 1
    # Mark every loaded article as seen by the index, so a later ``crosscheck ingest`` does
    # not replay (and regroup) them; an existing index is kept.
    raw = db.get_state(STATE_KEY)
    state: dict[str, Any] = json.loads(raw) if raw else {"gen": secrets.token_hex(3)}
    state["seq"] = db.last_seq()
    db.put_state(STATE_KEY, json.dumps(state, separators=(",", ":")))
    counts = {"added": added, "skipped": known, "duplicates": 0, "problems": problems}
    db.finish_run(run_id, "done", counts)
    return LoadResult(
        articles=added,
        already_stored=known,
        stories=len(members),
        findings=n_findings,
        copies=copies,
        problems=problems,
        seconds=round(time.perf_counter() - started, 3),
    )
