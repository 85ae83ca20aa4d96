"""Compare-now in a worker process, with a time budget.

spaCy's tokenizer and parser run in compiled code that holds the GIL for long stretches,
so an analysis run in one of the server's threads can starve the event loop: health
checks and page requests wait behind it. ``CompareWorker`` runs each comparison in one
child process (spawned on first use and kept, so the model loads once); the server's
threads only wait on a pipe. A comparison over ``timeout`` seconds is stopped by killing
the child (a fresh one is spawned for the next request) and answered with CC005.

One comparison at a time: a second request waits for the first (the lock), as it did
under the in-process ``nlp_lock``.
"""

from __future__ import annotations

import concurrent.futures as cf
import contextlib
import logging
import multiprocessing
import threading
from collections.abc import Callable, Iterable
from typing import Any

from crosscheck.errors import CrosscheckError, NothingToCompareError
from crosscheck.model import Article, Problem, Report
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

#: Seconds one compare-now may run before it is stopped.
COMPARE_SECONDS = 120.0


def _job(items: list[Article | Problem], settings: Settings) -> tuple[str, Any]:
    """Runs in the child: the comparison, or the error's class name, code and message."""
    from crosscheck.pipeline import compare_items

    try:
        return "ok", compare_items(items, settings)
    except CrosscheckError as exc:  # exceptions with keyword-only args do not unpickle
        return "error", (type(exc).__name__, exc.code, exc.message)


class CompareWorker:
    """One child process that runs compare-now; killed and replaced past its time budget."""

    def __init__(
        self,
        timeout: float = COMPARE_SECONDS,
        job: Callable[[list[Article | Problem], Settings], tuple[str, Any]] = _job,
    ) -> None:
        """``job`` runs in the child (module-level, so it pickles); tests swap it."""
        self.timeout = timeout
        self.job = job
        self._lock = threading.Lock()
        self._pool: cf.ProcessPoolExecutor | None = None

    def _get(self) -> cf.ProcessPoolExecutor:
        if self._pool is None:
            context = multiprocessing.get_context("spawn")
            self._pool = cf.ProcessPoolExecutor(max_workers=1, mp_context=context)
        return self._pool

    def run(self, items: Iterable[Article | Problem], settings: Settings) -> Report:
        """Compare ``items`` in the child process and return the report.

        Raises:
            NothingToCompareError: no item gave a usable article.
            CrosscheckError: CC005 when the comparison ran past ``timeout`` or the child
                died (out of memory); any other coded error of the comparison.
        """
        with self._lock:
            future = self._get().submit(self.job, list(items), settings)
            try:
                status, value = future.result(timeout=self.timeout)
            except cf.TimeoutError:
                self._kill()
                raise CrosscheckError(
                    f"the comparison ran past {self.timeout:.0f} s and was stopped; "
                    "ingest large sets with `crosscheck ingest` instead",
                    code="CC005",
                ) from None
            except cf.process.BrokenProcessPool:
                self._kill()
                raise CrosscheckError(
                    "the comparison stopped (its worker process died, out of memory?)",
                    code="CC005",
                ) from None
        if status == "ok":
            report: Report = value
            return report
        name, code, message = value
        if name == NothingToCompareError.__name__:
            raise NothingToCompareError(message)
        raise CrosscheckError(message, code=code)

    def _kill(self) -> None:
        pool, self._pool = self._pool, None
        if pool is None:
            return
        processes = dict(getattr(pool, "_processes", None) or {})
        for process in processes.values():
            with contextlib.suppress(OSError, AttributeError):  # already gone
                process.kill()
        pool.shutdown(wait=False, cancel_futures=True)

    def close(self) -> None:
        """Stop the child process (the app's shutdown): a graceful stop when it is idle,
        killed when a comparison is still running."""
        if self._lock.acquire(blocking=False):
            try:
                pool, self._pool = self._pool, None
                if pool is not None:
                    pool.shutdown(wait=True, cancel_futures=True)
            finally:
                self._lock.release()
        else:
            self._kill()
