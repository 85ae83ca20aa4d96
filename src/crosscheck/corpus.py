"""Corpus mode, the Python API: ingest many articles into a store, then browse stories.

``ingest`` streams any mix of sources (files, directories, globs, datasets, WARC, feeds,
sitemaps, URLs) through the per-article stage on N processes (``engine.local``); the parent
process is the writer: it stores each analysis in one transaction, assigns it to a story
with the incremental ``StoryIndex`` as it arrives, at the end of a run that finished merges
the stories it touched with close ones (``StoryIndex.end_run``), then recomputes the
findings of every story that changed. Several ingests may write to one store at once: storing and
assigning one article is done under the store's ``writer_lock`` (see ``_Writer``).

Idempotent and resumable: an article whose id (content hash) or canonical URL is stored is
skipped *before* analysis; a feed entry whose URL is stored is not even fetched; a local
file source finished earlier and unchanged (size and mtime) is not re-read. The story index
is checkpointed with the insertion number of the last article it has seen, and articles
stored after the checkpoint (a run killed midway) are replayed into it on the next run.
"""

from __future__ import annotations

import json
import logging
import secrets
import sys
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from crosscheck.engine.local import run_stage
from crosscheck.engine.stages import (
    Processed,
    compare_story,
    copies_of,
    new_story_index,
    signature_of,
)
from crosscheck.errors import CODES, CrosscheckError, StoreError
from crosscheck.ingest.corpus import is_url, iter_records
from crosscheck.ingest.datasets import ColumnMap
from crosscheck.ingest.web import Fetcher
from crosscheck.model import Article, Problem, Report, Story
from crosscheck.settings import Settings
from crosscheck.store import SearchHit, Store, open_store

LOGGER = logging.getLogger(__name__)

__all__ = [
    "ColumnMap",
    "IngestResult",
    "ingest",
    "list_stories",
    "refresh_findings",
    "search",
    "story_report",
]

STATE_KEY = "story_index"
# Bumped whenever an ingest's end-of-run consolidation merged stories: a concurrent writer
# whose in-memory index predates it reloads the saved index (``_Writer._sync``).
EPOCH_KEY = "story_index_epoch"
CHECKPOINT_EVERY = 200  # articles between story-index checkpoints (replay covers the rest)
MAX_PROBLEMS_KEPT = 10_000  # problems returned in memory; all are stored


@dataclass(frozen=True, slots=True)
class IngestResult:
    """What one ``ingest`` run did.

    Attributes:
        run_id: the run's id in the store (``ingest_runs``).
        added: articles stored by this run.
        skipped: articles already stored, skipped before analysis (id or URL known).
        duplicates: articles analysed but then found stored (same text or canonical URL
            twice within this run).
        problems: inputs that were refused or failed (first ``MAX_PROBLEMS_KEPT``).
        problem_count: all problems of the run (every one is stored).
        stories: ids of the stories this run created or changed.
        sources_skipped: sources finished by an earlier run and unchanged.
        seconds: wall time of the run.
        counts: the store's row counts at the end.
    """

    run_id: int
    added: int
    skipped: int
    duplicates: int
    problems: tuple[Problem, ...]
    problem_count: int
    stories: tuple[str, ...]
    sources_skipped: int
    seconds: float
    counts: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class _SourceDone:
    source: str
    fingerprint: str


def _fingerprint(source: str) -> str:
    """``size:mtime_ns`` of a single local file; empty (never skipped) for anything else."""
    if is_url(source):
        return ""
    path = Path(source)
    try:
        if path.is_file():
            stat = path.stat()
            return f"{stat.st_size}:{stat.st_mtime_ns}"
    except OSError:
        pass
    return ""


@contextmanager
def _opened(store: Store | None, settings: Settings) -> Iterator[Store]:
    if store is not None:
        yield store
        return
    own = open_store(settings.db)
    try:
        yield own
    finally:
        own.close()


class _Writer:
    """The writer: stores results, assigns stories, checkpoints the story index.

    Several writers may run at once (two ``ingest`` processes, ``serve`` and an ingest):
    each article is stored and assigned while holding the store's ``writer_lock``. On taking
    the lock, a writer first replays into its in-memory story index the articles other
    writers stored since it last held it (``_sync``): the index is a deterministic function
    of the stored articles in insertion order, so every writer hands out the same story ids
    for the same stories, and two writers never give one id to two unrelated topics. The
    generation prefix of story ids is saved before the first story is made, so it is shared.
    """

    def __init__(self, store: Store, settings: Settings, run_id: int) -> None:
        self.store, self.settings, self.run_id = store, settings, run_id
        self.gen = ""
        self.seq = 0  # insertion number the saved checkpoint is complete up to
        self.known = -1  # insertion number this writer's index is complete up to (-1: unloaded)
        self.index: Any = None
        self.added = self.duplicates = self.since_checkpoint = self.problem_count = 0
        self.problems: list[Problem] = []
        self.touched: set[str] = set()
        self.touched_index: set[str] = set()  # the same stories, by their index ids
        self.epoch = ""

    def _load(self) -> None:
        """Load the saved story index (lock held); save a new one's generation at once."""
        raw = self.store.get_state(STATE_KEY)
        saved: dict[str, Any] = json.loads(raw) if raw else {}
        self.seq = int(saved.get("seq", 0))
        index_json = json.dumps(saved["index"]) if "index" in saved else None
        self.index = new_story_index(index_json, self.settings)
        self.known = self.seq
        self.epoch = self.store.get_state(EPOCH_KEY) or ""
        self.gen = saved.get("gen") or ""
        if not self.gen:
            self.gen = secrets.token_hex(3)
            self._save(self.seq)

    def _sync(self) -> None:
        """Bring the index up to the store (lock held): replay articles stored since."""
        if self.known >= 0 and (self.store.get_state(EPOCH_KEY) or "") != self.epoch:
            self.known = -1  # another writer merged stories: continue from its index
        if self.known < 0:
            self._load()
        behind = self.store.articles_after(self.known)
        if behind:
            LOGGER.info("replaying %d article(s) stored by other or killed runs", len(behind))
        for seq, article_id in behind:
            analysis = self.store.get_analysis(article_id)
            if analysis is not None:
                sig = signature_of(analysis, self.settings)
                if self.store.story_of(article_id) is None:
                    self._assign(article_id, sig)  # stored by a run killed before assigning
                elif sig is not None:
                    self.index.add(sig)  # assigned by its writer: only our index catches up
            self.known = seq

    def recover(self) -> None:
        """Replay into the story index the articles stored after its last checkpoint."""
        with self.store.writer_lock():
            self._sync()
            if self.known != self.seq:
                self.checkpoint(locked=True)

    def _assign(self, article_id: str, sig: Any) -> None:
        if sig is None:
            story_id = f"{self.gen}-a{article_id}"  # no signature: a story of its own
        else:
            assignment = self.index.add(sig)
            story_id = f"{self.gen}-{assignment.story_id}"
            self.touched_index.add(assignment.story_id)
            merged = [f"{self.gen}-{m}" for m in assignment.merged]
            if merged:
                self.store.merge_stories(story_id, merged)
                self.touched.difference_update(merged)
        self.store.add_to_story(story_id, article_id)
        self.touched.add(story_id)

    def _save(self, seq: int) -> None:
        state = {"gen": self.gen, "seq": seq, "index": self.index.to_state()}
        self.store.put_state(STATE_KEY, json.dumps(state, separators=(",", ":")))
        self.seq = seq

    def consolidate(self) -> list[tuple[str, str]]:
        """End of a run: merge the stories this run touched with close open stories.

        ``StoryIndex.end_run``: average link over story centroids at the index's
        consolidation threshold, merges only, the older story keeps its id. The index with
        the merges is saved first, with a new epoch so that concurrent writers reload it
        (``_sync``), then each merge is applied to the store. Not handled: a process killed
        between the two leaves the absorbed stories in the store, no longer continued.
        Returns ``(absorbed, into)`` store ids.
        """
        with self.store.writer_lock():
            self._sync()
            if not self.touched_index:
                return []
            merges = self.index.end_run(self.touched_index)
            if not merges:
                return []
            self._save(self.known)
            self.since_checkpoint = 0
            self.epoch = secrets.token_hex(4)
            self.store.put_state(EPOCH_KEY, self.epoch)
            done: list[tuple[str, str]] = []
            for absorbed, into in merges:
                gone, kept = f"{self.gen}-{absorbed}", f"{self.gen}-{into}"
                self.store.merge_stories(kept, [gone])
                if gone in self.touched:
                    self.touched.discard(gone)
                    self.touched.add(kept)
                done.append((gone, kept))
            if done:
                LOGGER.info("consolidation merged %d stories", len(done))
            return done

    def checkpoint(self, *, locked: bool = False) -> None:
        """Save the story index with the insertion number it is complete up to."""
        if not locked:
            with self.store.writer_lock():
                self.checkpoint(locked=True)
            return
        self._sync()
        self._save(self.known)
        self.since_checkpoint = 0

    def handle(self, item: Any) -> None:
        """Store one result of the stage (or record a problem, or finish a source)."""
        if isinstance(item, _SourceDone):
            self.store.set_source_status(
                item.source, "done", run_id=self.run_id, detail=item.fingerprint
            )
        elif isinstance(item, Problem):
            self.problem(item)
        elif isinstance(item, Processed):
            with self.store.writer_lock():
                self._sync()
                try:
                    stored = self.store.add_analysis(item.analysis, run_id=self.run_id)
                except StoreError as exc:
                    article = item.analysis.article
                    self.problem(Problem(article.source, exc.code, str(exc)))
                    return
                if not stored:
                    self.duplicates += 1
                    return
                self.added += 1
                self.known = self.store.last_seq()
                self._assign(item.analysis.article.id, item.signature)
                self.since_checkpoint += 1
                if self.since_checkpoint >= CHECKPOINT_EVERY:
                    self.checkpoint(locked=True)

    def problem(self, problem: Problem) -> None:
        """Store a problem and keep it for the result."""
        self.problem_count += 1
        if len(self.problems) < MAX_PROBLEMS_KEPT:
            self.problems.append(problem)
        self.store.add_problem(problem, run_id=self.run_id)


def ingest(
    sources: Sequence[str],
    settings: Settings | None = None,
    *,
    progress: bool | Callable[[], AbstractContextManager[Callable[[int, int, int], None]]] = True,
    columns: ColumnMap | None = None,
    force: bool = False,
    findings: bool = True,
    store: Store | None = None,
    stage: Callable[[Sequence[Article], Settings], list[Any]] | None = None,
) -> IngestResult:
    """Ingest sources into the store at ``settings.db``: analyse, store, group into stories.

    Args:
        sources: paths, directories, globs, ``-``, ``.jsonl/.csv/.tsv/.parquet`` datasets,
            ``.warc(.gz)`` archives, feed or sitemap files, and http(s) URLs (pages, feeds
            or sitemaps), in any mix.
        settings: pipeline settings; ``db`` names the store, ``processes`` the workers.
        progress: show a progress bar on standard error (only when it is a terminal), or
            a factory of the context manager that receives ``tick(added, skipped, problems)``.
        columns: the column mapping for datasets (``--text-col`` and friends).
        force: re-read local files finished by an earlier run even when unchanged (stored
            articles are still skipped: the store never holds an article twice).
        findings: recompute the findings of changed stories at the end (``False`` defers
            it: ``story_report`` and ``refresh_findings`` do it later).
        store: an open store to use instead of opening ``settings.db``.
        stage: a replacement per-article stage (tests, custom pipelines): a module-level
            ``stage(articles, settings) -> [Processed | Problem]``; no spaCy is loaded.

    Returns:
        An ``IngestResult``.

    Raises:
        StoreError: the store cannot be opened or written at all.
    """
    settings = settings or Settings.from_env()
    started = time.perf_counter()
    with _opened(store, settings) as db:
        stale = db.close_stale_runs()
        if stale:
            LOGGER.warning("runs %s were left running by a killed process: interrupted", stale)
        run_id = db.start_run(sources, lease_s=settings.run_lease_s)
        writer = _Writer(db, settings, run_id)
        writer.recover()
        skipped = {"articles": 0, "sources": 0}
        fetcher = Fetcher(settings)

        def feed() -> Iterator[Any]:
            for source in sources:
                fingerprint = _fingerprint(source)
                status = db.source_status(source)
                if (
                    not force
                    and fingerprint
                    and status is not None
                    and status.status == "done"
                    and status.detail == fingerprint
                ):
                    LOGGER.info("%s: finished by run %s and unchanged", source, status.run_id)
                    skipped["sources"] += 1
                    continue
                db.set_source_status(source, "started", run_id=run_id, detail=fingerprint)
                records = iter_records(
                    source, settings, columns=columns, fetcher=fetcher, seen_url=db.has_url
                )
                read = 0
                try:
                    for record in records:
                        read += 1
                        if isinstance(record, Article) and db.has_article(record.id):
                            skipped["articles"] += 1
                            continue
                        yield record
                except StoreError:
                    raise
                except Exception as exc:  # a reader bug costs the rest of its source only
                    LOGGER.exception("reading %s failed", source)
                    yield Problem(
                        source,
                        "CC002",
                        f"{source}: {CODES['CC002']}: reading stopped after {read} item(s) "
                        f"({exc!r})",
                    )
                    continue  # not marked done: a later run reads it again
                yield _SourceDone(source, fingerprint)

        kwargs: dict[str, Any] = {} if stage is None else {"stage": stage, "initializer": None}
        status = "failed"
        with _progress(progress) if isinstance(progress, bool) else progress() as tick:
            try:
                for item in run_stage(feed(), settings, **kwargs):
                    writer.handle(item)
                    tick(writer.added, skipped["articles"], writer.problem_count)
                status = "done"
            except KeyboardInterrupt:
                status = "interrupted"
                raise
            finally:
                if status == "done":
                    writer.consolidate()
                writer.checkpoint()
                counts = {
                    "added": writer.added,
                    "skipped": skipped["articles"],
                    "duplicates": writer.duplicates,
                    "problems": writer.problem_count,
                }
                db.finish_run(run_id, status, counts)
        if findings:
            refresh_findings(
                settings, store=db, budget_s=settings.refresh_budget_s, first=writer.touched
            )
        return IngestResult(
            run_id=run_id,
            added=writer.added,
            skipped=skipped["articles"],
            duplicates=writer.duplicates,
            problems=tuple(writer.problems),
            problem_count=writer.problem_count,
            stories=tuple(sorted(writer.touched)),
            sources_skipped=skipped["sources"],
            seconds=round(time.perf_counter() - started, 3),
            counts=db.counts(),
        )


@contextmanager
def _progress(enabled: bool) -> Iterator[Callable[[int, int, int], None]]:
    """A rich progress line on stderr (a no-op when disabled or not a terminal)."""
    if not enabled or not sys.stderr.isatty():
        yield lambda added, skipped, problems: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    bar = Progress(
        SpinnerColumn(),
        TextColumn(
            "ingesting: {task.fields[added]} stored, {task.fields[skipped]} already "
            "stored, {task.fields[problems]} problems"
        ),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=False,
    )
    with bar:
        task = bar.add_task("ingest", total=None, added=0, skipped=0, problems=0)

        def tick(added: int, skipped: int, problems: int) -> None:
            bar.update(task, added=added, skipped=skipped, problems=problems)

        yield tick


def delete_article(
    article_id: str, settings: Settings | None = None, *, store: Store | None = None
) -> tuple[bool, str | None]:
    """Delete one article and everything extracted from it; its story is recomputed.

    The article also leaves the story index (``StoryIndex.remove``), so a story it was the
    only member of cannot draw later articles to it.

    Returns:
        ``(whether the article existed, the id of its story or None)``.
    """
    settings = settings or Settings.from_env()
    with _opened(store, settings) as db:
        story_id = db.story_of(article_id)
        analysis = db.get_analysis(article_id)
        if analysis is None:
            return False, story_id
        with db.writer_lock():
            _forget(db, analysis, settings)
        if not db.delete_article(article_id):
            return False, story_id
        if story_id is not None:
            story = db.get_story(story_id)
            if story is not None:
                # rewrite membership: refreshes size and dates, marks stale, drops it if empty
                db.put_story(story)
        refresh_findings(settings, store=db)
        return True, story_id


def _forget(db: Store, analysis: Any, settings: Settings) -> None:
    """Take an article out of the saved story index (no-op when there is none)."""
    raw = db.get_state(STATE_KEY)
    saved: dict[str, Any] = json.loads(raw) if raw else {}
    if "index" not in saved:
        return
    sig = signature_of(analysis, settings)
    if sig is None:
        return
    index = new_story_index(json.dumps(saved["index"]), settings)
    if index.remove(sig) is None:
        return
    saved["index"] = index.to_state()
    db.put_state(STATE_KEY, json.dumps(saved, separators=(",", ":")))


# With a time budget (the refresh at the end of an ingest), a stale story is compared only up
# to this many articles: a big story takes seconds to tens of seconds to compare (the
# 84-article story of benchmarks/quote_story.py: 53 s), and no ingest, not even one adding
# an article to it, must wait for it; its report computes it when asked.
DEFER_ARTICLES = 40


def refresh_findings(
    settings: Settings | None = None,
    *,
    store: Store | None = None,
    budget_s: float | None = None,
    first: Collection[str] = (),
) -> int:
    """Recompute the findings (and copy links) of stale stories; return how many.

    The stale stories named in ``first`` come first (an ingest passes the stories it
    changed), then the others, smallest first. With ``budget_s`` (the refresh at the end of
    an ingest), no story of more than ``DEFER_ARTICLES`` articles is compared, not even one
    the ingest changed, and once that many seconds have passed no story outside ``first``
    is started: they stay stale, for a refresh without a budget or for
    ``story_report`` (which computes a story on demand), so no ingest waits on a big
    story. A story whose comparison fails stays stale (logged) and is retried next time.
    """
    settings = settings or Settings.from_env()
    done = 0
    started = time.monotonic()
    deferred: list[str] = []
    with _opened(store, settings) as db:
        stale = []
        for story_id in db.stale_stories():
            story = db.get_story(story_id)
            if story is not None:
                stale.append(story)
        stale.sort(key=lambda s: (s.id not in first, len(s.articles), s.id))
        for number, story in enumerate(stale):
            late = budget_s is not None and time.monotonic() - started >= budget_s
            if late and story.id not in first:
                LOGGER.warning(
                    "findings refresh stopped after %.0f s: %d stale stories left for later",
                    budget_s,
                    len(stale) - number,
                )
                break
            if budget_s is not None and len(story.articles) > DEFER_ARTICLES:
                deferred.append(story.id)  # even one the ingest changed: nobody waits on it
                continue
            try:
                _refresh_story(db, story, settings)
            except Exception:  # one story's comparison must not stop the others
                LOGGER.exception("findings of story %s could not be computed", story.id)
                continue
            done += 1
    if deferred:
        LOGGER.warning(
            "%d stories of more than %d articles left stale (%s): their report computes "
            "their findings when it is asked for",
            len(deferred),
            DEFER_ARTICLES,
            ", ".join(deferred[:5]) + (" ..." if len(deferred) > 5 else ""),
        )
    return done


def _refresh_story(db: Store, story: Story, settings: Settings) -> Report | None:
    analyses = list(db.iter_analyses(story.articles))
    if len(analyses) < 2:
        db.set_findings(story.id, (), {"articles": len(analyses)})
        return None
    report = compare_story(analyses, settings)
    for copy, origin, similarity in copies_of(analyses, settings):
        db.add_copy_link(copy, origin, similarity)
    db.set_findings(story.id, report.findings, report.stats)
    return report


def list_stories(
    settings: Settings | None = None,
    *,
    limit: int = 50,
    offset: int = 0,
    store: Store | None = None,
) -> list[Story]:
    """Return stored stories, most recently seen first (undated last), then largest first."""
    settings = settings or Settings.from_env()
    with _opened(store, settings) as db:
        return db.list_stories(limit=limit, offset=offset)


def story_report(
    story_id: str, settings: Settings | None = None, *, store: Store | None = None
) -> Report:
    """Compare the articles of one stored story and return the full ``Report``.

    The comparison is run on the stored analyses (no re-parsing); when the story was stale
    its stored findings are refreshed too.

    Raises:
        CrosscheckError: CC001 when no story has this id.
    """
    settings = settings or Settings.from_env()
    with _opened(store, settings) as db:
        story = db.get_story(story_id)
        if story is None:
            raise CrosscheckError(f"no story with id {story_id!r}", code="CC001")
        analyses = list(db.iter_analyses(story.articles))
        report = compare_story(analyses, settings)
        if story_id in db.stale_stories():
            db.set_findings(story_id, report.findings, report.stats)
        return report


def search(
    query: str, settings: Settings | None = None, *, limit: int = 20, store: Store | None = None
) -> list[SearchHit]:
    """Full-text search of stored articles and quotes (words ANDed, ``"phrases"`` kept)."""
    settings = settings or Settings.from_env()
    with _opened(store, settings) as db:
        return db.search(query, limit)
