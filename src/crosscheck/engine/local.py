"""The local engine: the per-article stage in this process or on a process pool.

Input is streamed: articles are pulled from the iterator only as capacity frees up, in
chunks of ``chunk_size``, with at most ``max_in_flight`` chunks submitted at once, so memory
stays bounded however long the input. Results come back in input order (the oldest chunk is
awaited first), which keeps story assignment deterministic for a given input order.

Workers are started with ``spawn`` (no state inherited from the parent) and load the spaCy
pipeline once each (``init_worker``). Anything that is not an ``Article`` in the input (a
``Problem``, a marker object) is passed through in order without going to a worker.

A script that calls this with ``processes > 1`` must guard its entry point with
``if __name__ == "__main__":`` (``spawn`` re-imports the main module in each worker; without
the guard every worker dies at start and every article comes back as a CC002 problem). The
``crosscheck`` command and ``python -m crosscheck`` are guarded.

A worker that dies (killed, out of memory) breaks the pool and every chunk in flight with it.
The pool is restarted, the first broken chunk is run again alone, and only when it breaks a
pool by itself do its articles come back as CC002 problems; the other unfinished chunks are
resubmitted. Not handled: a chunk that kills its worker only some of the time is retried
once, then counted as failed.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any

from crosscheck.engine.stages import Processed, init_worker, process_chunk
from crosscheck.errors import CODES
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

Stage = Callable[[Sequence[Article], Settings], list[Any]]


def default_chunk(settings: Settings) -> int:
    """Articles per task when the caller does not say."""
    # Half an nlp.pipe batch per chunk: big enough to amortise pickling and keep the
    # parser's batches full (measured: 40 articles parse as fast in calls of 16 as in one
    # call), small enough that workers stay evenly loaded to the end of a run and a slow
    # chunk does not hold the writer back. Whole batches (32) split an 80-article run into
    # 32 + 32 + 16, leaving one worker idle in the last round.
    return max(1, settings.batch_size // 2)


def chunk_chars(settings: Settings) -> int:
    """Characters of article text after which a chunk is closed early (four parser
    batches' worth: ordinary articles fill a chunk by count long before)."""
    return max(1, 4 * settings.batch_chars)


def run_stage(
    items: Iterable[Any],
    settings: Settings,
    *,
    stage: Stage = process_chunk,
    initializer: Callable[[Settings], None] | None = init_worker,
    processes: int | None = None,
    chunk_size: int | None = None,
    max_in_flight: int | None = None,
) -> Iterator[Processed | Problem | Any]:
    """Run ``stage`` over the articles of ``items``; yield its results in input order.

    Args:
        items: raw ``Article`` objects, with any other objects passed through untouched.
        settings: pipeline settings (``processes`` and ``batch_size`` are the defaults of
            the next two arguments).
        stage: ``stage(chunk, settings) -> results`` (default: clean, analyse, sign).
            Must be a module-level function (it is pickled for the workers).
        initializer: run once per worker with ``settings`` (default: load spaCy).
        processes: worker processes; 1 runs everything in this process.
        chunk_size: articles per task.
        max_in_flight: chunks submitted and not yet collected (default ``2 * processes``).

    Yields:
        Whatever ``stage`` returns per article (``Processed`` or ``Problem`` by default),
        and the pass-through items, in input order.
    """
    processes = max(1, processes if processes is not None else settings.processes)
    size = chunk_size or default_chunk(settings)
    if processes == 1:
        yield from _serial(items, settings, stage, size)
        return
    limit = max_in_flight or 2 * processes
    yield from _parallel(items, settings, stage, initializer, processes, size, limit)


def _chunks(
    items: Iterable[Any], size: int, max_chars: int | None = None
) -> Iterator[list[Any] | Any]:
    """Group consecutive articles into lists of ``size``, or fewer once they hold
    ``max_chars`` characters of text (long articles make short chunks, so one worker's
    chunk stays bounded); other items come alone."""
    chunk: list[Article] = []
    chars = 0
    for item in items:
        if isinstance(item, Article):
            chunk.append(item)
            chars += len(item.text)
            if len(chunk) >= size or (max_chars is not None and chars >= max_chars):
                yield chunk
                chunk = []
                chars = 0
        else:
            if chunk:
                yield chunk
                chunk = []
            chars = 0
            yield _Pass(item)
    if chunk:
        yield chunk


class _Pass:
    """An input item that bypasses the stage."""

    __slots__ = ("item",)

    def __init__(self, item: Any) -> None:
        self.item = item


def _serial(items: Iterable[Any], settings: Settings, stage: Stage, size: int) -> Iterator[Any]:
    for chunk in _chunks(items, size, chunk_chars(settings)):
        if isinstance(chunk, _Pass):
            yield chunk.item
        else:
            yield from stage(chunk, settings)


def _watch_parent(parent: int) -> None:
    """Exit this worker when its parent is gone (killed with -9: no cleanup ran)."""
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _start_worker(
    parent: int, initializer: Callable[[Settings], None] | None, settings: Settings
) -> None:
    """Worker start-up: watch the parent, then run the real initializer."""
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()
    if initializer is not None:
        initializer(settings)


def _crashed(chunk: Sequence[Article], exc: BaseException) -> list[Problem]:
    why = "worker process died" if isinstance(exc, BrokenProcessPool) else "worker failed"
    return [
        Problem(a.source, "CC002", f"{a.source}: {CODES['CC002']}: {why} ({exc!r})") for a in chunk
    ]


def _resubmitted(
    pending: Iterable[tuple[list[Article] | None, Any]],
    pool: ProcessPoolExecutor,
    stage: Stage,
    settings: Settings,
) -> Iterator[tuple[list[Article] | None, Any]]:
    """Pending entries with every chunk that did not finish well submitted to ``pool``."""
    for chunk, value in pending:
        if chunk is None or (value.done() and not value.cancelled() and not value.exception()):
            yield chunk, value
        else:
            yield chunk, pool.submit(stage, chunk, settings)


def _parallel(
    items: Iterable[Any],
    settings: Settings,
    stage: Stage,
    initializer: Callable[[Settings], None] | None,
    processes: int,
    size: int,
    limit: int,
) -> Iterator[Any]:
    context = multiprocessing.get_context("spawn")

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=processes,
            mp_context=context,
            initializer=_start_worker,
            initargs=(os.getpid(), initializer, settings),
        )

    pool = new_pool()
    # Each entry: (chunk, future) for submitted work, or (None, item) for a pass-through.
    pending: deque[tuple[list[Article] | None, Any]] = deque()
    in_flight = 0
    source = _chunks(items, size, chunk_chars(settings))
    exhausted = False
    try:
        while True:
            while not exhausted and in_flight < limit:
                chunk = next(source, None)
                if chunk is None:
                    exhausted = True
                elif isinstance(chunk, _Pass):
                    pending.append((None, chunk.item))
                else:
                    pending.append((chunk, pool.submit(stage, chunk, settings)))
                    in_flight += 1
            if not pending:
                break
            chunk, value = pending.popleft()
            if chunk is None:
                yield value
                continue
            in_flight -= 1
            future: Future[list[Any]] = value
            try:
                results = future.result()
            except BrokenProcessPool:
                # Every chunk in flight fails with the pool, whichever one killed it: run this
                # one alone in a fresh pool, so only the chunk that kills a worker by itself
                # is lost; then resubmit the others that had not finished.
                LOGGER.error("a worker process died; restarting the pool")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = new_pool()
                try:
                    results = pool.submit(stage, chunk, settings).result()
                except BrokenProcessPool as exc:
                    yield from _crashed(chunk, exc)
                    pool.shutdown(wait=False, cancel_futures=True)
                    pool = new_pool()
                    results = []
                except Exception as exc:  # a stage bug on one chunk must not stop the run
                    LOGGER.exception("a chunk failed in a worker")
                    yield from _crashed(chunk, exc)
                    results = []
                pending = deque(_resubmitted(pending, pool, stage, settings))
                yield from results
                continue
            except Exception as exc:  # a stage bug on one chunk must not stop the run
                LOGGER.exception("a chunk failed in a worker")
                yield from _crashed(chunk, exc)
                continue
            yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
