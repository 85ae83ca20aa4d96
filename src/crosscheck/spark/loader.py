"""Load the Parquet tables of a Spark run into the store (SQLite or PostgreSQL).

Reads with pyarrow only (no Spark, no JVM), batch by batch, so memory stays bounded by
the batch size and the largest story. For each article the exact ``Analysis`` JSON is
stored (``Store.add_analysis``); then each story with its members in order
(``Store.put_story``), its findings and stats (``Store.set_findings``, which clears the
stale flag), copy links and problems. ``crosscheck stories``, ``report`` and ``serve`` then
work on the store as after ``crosscheck ingest``.

The story index state is saved too (``index_state_of``): the document frequencies counted
over every loaded article and the stories still open at the end of the Spark run (their
state comes from the block replay, ``stories.state``), under the generation ``st`` whose
story ids are the Spark ids. A later ``crosscheck ingest`` into the same store continues
them: a new article of a loaded event joins its story, as it would after a local ingest of
the same articles in the grouping order. A store that already has a story index keeps it
(the loaded stories are then not continued), and so does a second load into one store.

Not handled: loading the same directory twice adds nothing new but re-writes the stories
and findings; a story whose comparison failed in Spark stays stale and is recomputed by
``crosscheck.corpus.refresh_findings``.
"""

from __future__ import annotations

import json
import logging
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
from crosscheck.spark.grouping import STORY_GEN
from crosscheck.store import Store, open_store
from crosscheck.store.codec import decode

LOGGER = logging.getLogger(__name__)

BATCH = 512
MANIFEST = "_manifest.json"


@dataclass(frozen=True, slots=True)
class LoadResult:
    """What one ``load`` did: rows added per kind, and the seconds it took.

    ``open_stories`` is the number of loaded stories a later ``crosscheck ingest`` can
    continue (0 when the store kept an index of its own).
    """

    articles: int
    already_stored: int
    stories: int
    findings: int
    copies: int
    problems: int
    seconds: float
    open_stories: int = 0


class _Counter:
    """The story index's document frequencies and clock over the loaded articles."""

    def __init__(self) -> None:
        self.df: Any = None
        self.n_docs = 0
        self.latest: int | None = None

    def add(self, signature: bytes | None) -> None:
        """Count one article's signature (``StoryIndex.observe``); None is skipped."""
        if signature is None:
            return
        import numpy as np

        from crosscheck.spark.grouping import feature_slots
        from crosscheck.stories.index import DF_BITS
        from crosscheck.stories.signature import Signature

        if self.df is None:
            self.df = np.zeros(1 << DF_BITS, dtype=np.uint32)
        sig = Signature.from_bytes(bytes(signature))
        self.df[np.asarray(feature_slots(sig), dtype=np.int64)] += 1
        self.n_docs += 1
        if sig.day is not None and (self.latest is None or sig.day > self.latest):
            self.latest = sig.day


def index_state_of(counter: _Counter, states: list[str], settings: Settings) -> dict[str, Any]:
    """The ``StoryIndex.to_state()`` of the whole Spark run, rebuilt from its parts.

    Args:
        counter: document frequencies, document count and latest day of every article.
        states: ``stories.state`` of the stories open at the end (index id = first member).
        settings: ``story_window_days`` of the Spark run.

    Returns:
        A state ``crosscheck.engine.stages.new_story_index`` reads. New stories get ids
        ``s1``, ``s2``... (no article id starts with ``s``). Redirects of merged stories
        are not needed (the stored memberships are already resolved).
    """
    from crosscheck.stories.index import StoryIndex

    index = StoryIndex(settings, keep_closed=False)
    if counter.df is not None:
        index.df = counter.df
    index.n_docs = counter.n_docs
    index.latest = counter.latest
    state = index.to_state()
    state["stories"] = [json.loads(text) for text in states]
    return state


def _batches(root: Path, table: str, columns: list[str]) -> Iterator[list[dict[str, Any]]]:
    """Rows of a table, ``BATCH`` at a time; columns the table lacks (older runs) are left out."""
    import pyarrow.dataset as ds

    path = root / table
    if not path.exists():
        raise CrosscheckError(
            f"{path}: no such table (not a crosscheck spark output?)", code="CC001"
        )
    dataset = ds.dataset(str(path), format="parquet")
    columns = [c for c in columns if c in dataset.schema.names]
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
        return _load(root, db, started, _run_settings(root, settings))
    finally:
        if own:
            db.close()


def _run_settings(root: Path, settings: Settings) -> Settings:
    """``settings`` with the story window the Spark run used (from its manifest)."""
    manifest = root / MANIFEST
    try:
        saved = json.loads(manifest.read_text(encoding="utf-8"))["settings"]
        return settings.replace(story_window_days=int(saved["story_window_days"]))
    except (OSError, ValueError, KeyError, TypeError):
        LOGGER.warning("%s: unreadable; the story window of the settings is used", manifest)
        return settings


def _load(root: Path, db: Store, started: float, settings: Settings) -> LoadResult:
    run_id = db.start_run([str(root)])
    added = known = 0
    titles: dict[str, str] = {}
    counter = _Counter()
    for rows in _batches(root, "articles", ["id", "analysis", "signature"]):
        for row in rows:
            counter.add(row.get("signature"))
            analysis = decode(Analysis, row["analysis"])
            titles[row["id"]] = _title(analysis)
            if db.add_analysis(analysis, run_id=run_id):
                added += 1
            else:
                known += 1
    members: dict[str, list[tuple[int, str]]] = defaultdict(list)
    states: list[str] = []
    for rows in _batches(root, "stories", ["story", "article", "position", "state"]):
        for row in rows:
            members[row["story"]].append((int(row["position"]), row["article"]))
            if row.get("state"):
                states.append(row["state"])
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
    # not replay (and regroup) them; an existing index is kept, else the run's is saved.
    raw = db.get_state(STATE_KEY)
    state: dict[str, Any] = json.loads(raw) if raw else {}
    continued = 0
    if "index" not in state:
        state = {"gen": STORY_GEN, "index": index_state_of(counter, states, settings)}
        continued = len(states)
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
        open_stories=continued,
    )
