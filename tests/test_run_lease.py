"""Issue 18: an ingest run killed on another host is closed once its lease runs out.

A run renews a heartbeat in the store while it runs; ``close_stale_runs`` (called when an
ingest starts) marks ``interrupted`` every ``running`` run whose heartbeat is older than
its lease, whichever host ran it. The "other host" is a child process that reports another
host name, so its process id means nothing here (as on a real second machine sharing a
PostgreSQL store); killing it with SIGKILL is the -9 of the audit.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import text

from _corpus_stage import article_text, fake_stage
from _pg import REASON, fresh_database
from crosscheck import corpus
from crosscheck.settings import Settings
from crosscheck.store import open_store

LEASE = 1.5  # seconds: the child renews every LEASE / 4


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'runs.db'}"
        return
    url = fresh_database()
    if url is None:
        pytest.skip(REASON)
    yield url


def _other_host(db_url: str, *, then: str) -> subprocess.Popen[str]:
    """A child on "another host" that starts a run with a short lease, then ``then``."""
    script = (
        "import os, socket, sys, time\n"
        "socket.gethostname = lambda: 'newsroom-worker-2'\n"
        "from crosscheck.store import open_store\n"
        f"store = open_store({db_url!r})\n"
        f"run = store.start_run(['wire-feed.xml'], lease_s={LEASE})\n"
        "print(run, flush=True)\n"
        f"{then}\n"
    )
    return subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)


def _started(child: subprocess.Popen[str]) -> int:
    assert child.stdout is not None
    return int(child.stdout.readline())


def _statuses(store: Any) -> dict[int, str]:
    with store.engine.connect() as conn:
        return {r[0]: r[1] for r in conn.execute(text("SELECT id, status FROM ingest_runs"))}


def test_run_killed_on_another_host_is_closed_after_its_lease(db_url: str) -> None:
    child = _other_host(db_url, then="time.sleep(120)")
    store = open_store(db_url)
    try:
        run = _started(child)
        time.sleep(2 * LEASE)  # past the lease: only the heartbeat keeps the run alive
        assert child.poll() is None
        assert store.close_stale_runs() == []  # another host, still beating: left alone
        assert _statuses(store) == {run: "running"}
        child.send_signal(signal.SIGKILL)
        child.wait(timeout=30)
        assert store.close_stale_runs() == []  # killed just now: its lease still holds
        time.sleep(LEASE + 0.5)
        assert store.close_stale_runs() == [run]
        assert _statuses(store) == {run: "interrupted"}
        with store.engine.connect() as conn:
            finished = conn.execute(text("SELECT finished_at FROM ingest_runs")).scalar_one()
        assert finished is not None
    finally:
        if child.poll() is None:
            child.kill()
        store.close()


def test_ingest_closes_the_stale_run_and_keeps_its_own(db_url: str, tmp_path: Path) -> None:
    child = _other_host(db_url, then="os._exit(0)  # like kill -9: never finished")
    run = _started(child)
    child.wait(timeout=60)
    store = open_store(db_url)
    try:
        live = store.start_run(["live.jsonl"], lease_s=LEASE)  # this process, still going
        time.sleep(LEASE + 0.5)
        data = tmp_path / "one.jsonl"
        data.write_text(json.dumps({"text": article_text(4)}) + "\n")
        settings = Settings(db=db_url, processes=1, run_lease_s=LEASE)
        result = corpus.ingest([str(data)], settings, progress=False, stage=fake_stage, store=store)
        statuses = _statuses(store)
        assert statuses[run] == "interrupted"
        assert statuses[live] == "running"  # its heartbeat goes on
        assert statuses[result.run_id] == "done"
        assert store.beat_run(live) and not store.beat_run(run)
        store.finish_run(live, "done", {"added": 0})
        assert not store.beat_run(live)
    finally:
        store.close()


def test_a_run_of_an_older_version_is_timed_from_its_start(db_url: str) -> None:
    """Runs recorded before heartbeats (host and pid only) on another host close too."""
    store = open_store(db_url)
    try:
        owner = json.dumps({"host": "newsroom-worker-2", "pid": 4242})
        with store.writer.begin() as conn:
            for hours in (3, 0):
                conn.execute(
                    text(
                        "INSERT INTO ingest_runs (started_at, status, sources, counts) "
                        "VALUES (:t, 'running', '[]', :c)"
                    ),
                    {"t": datetime.now(UTC) - timedelta(hours=hours), "c": owner},
                )
        old, recent = sorted(_statuses(store))
        assert store.close_stale_runs(lease_s=3600) == [old]
        assert _statuses(store) == {old: "interrupted", recent: "running"}
    finally:
        store.close()


def test_heartbeat_renews_and_stops_with_the_run(tmp_path: Path) -> None:
    store = open_store(f"sqlite:///{tmp_path / 'beat.db'}")
    try:
        run = store.start_run(["a.txt"], lease_s=0.4)
        with store.engine.connect() as conn:
            first = json.loads(conn.execute(text("SELECT counts FROM ingest_runs")).scalar_one())
        # the heartbeat thread renews within the lease; a loaded machine may delay it, so
        # wait for the renewal (at most 10 s) rather than a fixed time
        deadline = time.monotonic() + 10
        while True:
            time.sleep(0.1)
            with store.engine.connect() as conn:
                later = json.loads(
                    conn.execute(text("SELECT counts FROM ingest_runs")).scalar_one()
                )
            if later["heartbeat"] > first["heartbeat"] or time.monotonic() > deadline:
                break
        assert later["heartbeat"] > first["heartbeat"]
        assert (later["host"], later["pid"], later["lease_s"]) == (
            first["host"],
            os.getpid(),
            0.4,
        )
        beat = store.__dict__["_heartbeats"][run]
        assert beat.is_alive()
        store.finish_run(run, "done", {"added": 2})
        assert not beat.is_alive() and run not in store.__dict__["_heartbeats"]
        with store.engine.connect() as conn:
            counts = conn.execute(text("SELECT counts FROM ingest_runs")).scalar_one()
        assert json.loads(counts) == {"added": 2}
    finally:
        store.close()
