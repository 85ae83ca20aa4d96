"""Stories, findings, copy links, ingest runs, problems and state: the ``Store`` mixin.

Membership is one row per article (an article belongs to at most one story). Whenever a
story's members change it is marked ``stale``; ``set_findings`` stores freshly computed
findings and clears the flag, so a crash between the two only leaves work to redo.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, text, update

from crosscheck.model import Finding, Problem, Story
from crosscheck.settings import Settings
from crosscheck.store.base import SourceStatus
from crosscheck.store.codec import decode, dumps, encode, now
from crosscheck.store.schema import Base

T = Base.metadata.tables
LOGGER = logging.getLogger(__name__)
#: The lease of a run started without one (``Settings.run_lease_s``'s default).
DEFAULT_LEASE_S = Settings().run_lease_s


def problem_row(
    problem: Problem, *, seq: int, article_id: str | None, run_id: int | None
) -> dict[str, Any]:
    """Return the ``problems`` row of a problem."""
    return {
        "run_id": run_id,
        "article_id": article_id,
        "seq": seq,
        "source": problem.source,
        "code": problem.code,
        "message": problem.message,
        "fatal": problem.fatal,
        "created_at": now(),
    }


class StoryMixin:
    """Story, run and state methods of ``SqlStore`` (needs ``self.engine``, ``self.writer``).

    Reads go through ``engine``; every transaction that writes through ``writer`` (on
    SQLite a ``BEGIN IMMEDIATE`` transaction, see ``store.sqlite.configure``).
    """

    engine: Engine
    writer: Engine

    # stories ---------------------------------------------------------------------------
    def put_story(self, story: Story) -> None:
        """Create or replace a story with exactly ``story.articles`` as members (in order).

        Articles that belonged to another story move here; that story is refreshed (and
        deleted when left empty). The story is marked stale.
        """
        s, m = T["stories"], T["story_members"]
        with self.writer.begin() as conn:
            touched = set(
                conn.execute(
                    select(m.c.story_id).where(m.c.article_id.in_(list(story.articles)))
                ).scalars()
            )
            conn.execute(delete(m).where(m.c.story_id == story.id))
            conn.execute(delete(m).where(m.c.article_id.in_(list(story.articles))))
            self._ensure_story(conn, story.id, story.title)
            if story.title:
                conn.execute(update(s).where(s.c.id == story.id).values(title=story.title))
            if story.articles:
                conn.execute(
                    m.insert(),
                    [
                        {"article_id": a, "story_id": story.id, "position": i}
                        for i, a in enumerate(story.articles)
                    ],
                )
            for sid in touched | {story.id}:
                _refresh(conn, sid)

    def add_to_story(self, story_id: str, article_id: str) -> None:
        """Append one article to a story (created if missing, titled after the article)."""
        m, a = T["story_members"], T["articles"]
        with self.writer.begin() as conn:
            old = conn.execute(
                select(m.c.story_id).where(m.c.article_id == article_id)
            ).scalar_one_or_none()
            if old == story_id:
                return
            if old is not None:
                conn.execute(delete(m).where(m.c.article_id == article_id))
            row = conn.execute(
                select(a.c.title, func.substr(a.c.clean_text, 1, 400)).where(a.c.id == article_id)
            ).first()
            self._ensure_story(conn, story_id, _title(row))
            position = conn.execute(
                select(func.coalesce(func.max(m.c.position) + 1, 0)).where(m.c.story_id == story_id)
            ).scalar()
            conn.execute(
                m.insert(), [{"article_id": article_id, "story_id": story_id, "position": position}]
            )
            _refresh(conn, story_id)
            if old is not None:
                _refresh(conn, old)

    def merge_stories(self, into_id: str, merged_ids: Sequence[str]) -> None:
        """Fold ``merged_ids`` into ``into_id``: members move (appended), merges recorded."""
        s, m = T["stories"], T["story_members"]
        others = [x for x in dict.fromkeys(merged_ids) if x != into_id]
        if not others:
            return
        with self.writer.begin() as conn:
            self._ensure_story(conn, into_id, "")
            base = conn.execute(
                select(func.coalesce(func.max(m.c.position) + 1, 0)).where(m.c.story_id == into_id)
            ).scalar_one()
            moving = conn.execute(
                select(m.c.article_id)
                .where(m.c.story_id.in_(others))
                .order_by(m.c.story_id, m.c.position)
            ).scalars()
            for i, aid in enumerate(list(moving)):
                conn.execute(
                    update(m)
                    .where(m.c.article_id == aid)
                    .values(story_id=into_id, position=base + i)
                )
            conn.execute(
                T["story_merges"].insert(),
                [{"merged_id": o, "into_id": into_id, "merged_at": now()} for o in others],
            )
            conn.execute(delete(T["findings"]).where(T["findings"].c.story_id.in_(others)))
            conn.execute(delete(s).where(s.c.id.in_(others)))
            _refresh(conn, into_id)

    def _ensure_story(self, conn: Connection, story_id: str, title: str) -> None:
        s = T["stories"]
        if conn.execute(select(s.c.id).where(s.c.id == story_id)).first() is None:
            conn.execute(
                s.insert(),
                [
                    {
                        "id": story_id,
                        "title": title,
                        "first_seen": None,
                        "last_seen": None,
                        "size": 0,
                        "stale": True,
                        "stats": "{}",
                        "updated_at": now(),
                    }
                ],
            )

    def get_story(self, story_id: str) -> Story | None:
        """Return a story with its members in order, or None."""
        s = T["stories"]
        with self.engine.connect() as conn:
            row = conn.execute(select(s).where(s.c.id == story_id)).mappings().first()
            return _story(conn, row) if row else None

    def story_of(self, article_id: str) -> str | None:
        """Return the id of the story an article belongs to, or None."""
        m = T["story_members"]
        with self.engine.connect() as conn:
            return conn.execute(
                select(m.c.story_id).where(m.c.article_id == article_id)
            ).scalar_one_or_none()

    def list_stories(self, *, limit: int = 50, offset: int = 0) -> list[Story]:
        """Return stories, most recently seen first (undated last), then largest first."""
        s = T["stories"]
        query = (
            select(s)
            .order_by(s.c.last_seen.desc().nulls_last(), s.c.size.desc(), s.c.id)
            .limit(_bounded(limit))
            .offset(_bounded(offset))
        )
        with self.engine.connect() as conn:
            return [_story(conn, row) for row in conn.execute(query).mappings()]

    def delete_story(self, story_id: str) -> bool:
        """Delete a story, its membership and findings (its articles stay)."""
        with self.writer.begin() as conn:
            conn.execute(
                delete(T["story_members"]).where(T["story_members"].c.story_id == story_id)
            )
            conn.execute(delete(T["findings"]).where(T["findings"].c.story_id == story_id))
            done = conn.execute(delete(T["stories"]).where(T["stories"].c.id == story_id))
            return bool(done.rowcount)

    def stale_stories(self) -> list[str]:
        """Return ids of stories whose findings must be recomputed."""
        s = T["stories"]
        with self.engine.connect() as conn:
            return list(conn.execute(select(s.c.id).where(s.c.stale).order_by(s.c.id)).scalars())

    def set_findings(
        self, story_id: str, findings: Sequence[Finding], stats: dict[str, Any] | None = None
    ) -> None:
        """Replace a story's findings and stats, and clear its stale flag."""
        f, s = T["findings"], T["stories"]
        with self.writer.begin() as conn:
            conn.execute(delete(f).where(f.c.story_id == story_id))
            if findings:
                conn.execute(
                    f.insert(),
                    [
                        {
                            "story_id": story_id,
                            "seq": i,
                            "fact_id": x.id,
                            "kind": x.kind,
                            "severity": x.severity,
                            "confidence": x.confidence,
                            "summary": x.summary,
                            "data": encode(x),
                        }
                        for i, x in enumerate(findings)
                    ],
                )
            conn.execute(
                update(s)
                .where(s.c.id == story_id)
                .values(stale=False, stats=dumps(stats or {}), updated_at=now())
            )

    def get_findings(self, story_id: str) -> tuple[tuple[Finding, ...], dict[str, Any]]:
        """Return a story's stored findings (in order) and stats."""
        f, s = T["findings"], T["stories"]
        with self.engine.connect() as conn:
            rows = conn.execute(select(f.c.data).where(f.c.story_id == story_id).order_by(f.c.seq))
            findings = tuple(decode(Finding, r.data) for r in rows)
            stats = conn.execute(select(s.c.stats).where(s.c.id == story_id)).scalar()
        return findings, json.loads(stats or "{}")

    def add_copy_link(self, article_id: str, copy_of: str, score: float) -> None:
        """Record (or update) that ``article_id`` is a (near-)copy of ``copy_of``."""
        c = T["copy_links"]
        with self.writer.begin() as conn:
            conn.execute(delete(c).where(c.c.article_id == article_id, c.c.copy_of == copy_of))
            conn.execute(
                c.insert(), [{"article_id": article_id, "copy_of": copy_of, "score": score}]
            )

    def copy_links(self, article_ids: Sequence[str]) -> list[tuple[str, str, float]]:
        """Return ``(article, copy_of, score)`` links with either end in ``article_ids``."""
        c = T["copy_links"]
        ids = list(article_ids)
        query = select(c).where(c.c.article_id.in_(ids) | c.c.copy_of.in_(ids))
        with self.engine.connect() as conn:
            return [(r.article_id, r.copy_of, r.score) for r in conn.execute(query)]

    # runs, sources, problems, state -------------------------------------------------------
    def start_run(self, sources: Sequence[str], *, lease_s: float | None = None) -> int:
        """Record the start of an ingest run and return its id.

        Until the run finishes, its ``counts`` hold its owner: the host and process id that
        run it, its lease (``lease_s``, default ``Settings.run_lease_s``) and its last
        heartbeat (the database's clock). A daemon thread of this process renews the
        heartbeat every quarter lease until ``finish_run`` (``beat_run`` renews it at once),
        so that ``close_stale_runs`` can tell a run killed with -9, on any host sharing the
        store, from one still going. An in-memory store (one process) has no heartbeat.
        """
        r = T["ingest_runs"]
        lease = float(lease_s) if lease_s is not None else DEFAULT_LEASE_S
        owner: dict[str, Any] = {"host": socket.gethostname(), "pid": os.getpid()}
        owner["lease_s"] = lease
        with self.writer.begin() as conn:
            owner["heartbeat"] = _db_clock(conn)
            result = conn.execute(
                r.insert().values(
                    started_at=now(), status="running", sources=dumps(list(sources)),
                    counts=dumps(owner),
                )
            )  # fmt: skip
            run_id = int(result.inserted_primary_key[0])  # type: ignore[index]
        if not _in_memory(self.engine):
            beat = _Heartbeat(self, run_id, max(lease / 4, 0.05))
            self.__dict__.setdefault("_heartbeats", {})[run_id] = beat
            beat.start()
        return run_id

    def beat_run(self, run_id: int) -> bool:
        """Renew a running run's heartbeat (the database's clock); False when it is no
        longer ``running`` (finished, or closed by another process as interrupted)."""
        r = T["ingest_runs"]
        with self.writer.begin() as conn:
            row = conn.execute(
                select(r.c.counts).where(r.c.id == run_id, r.c.status == "running")
            ).first()
            if row is None:
                return False
            owner = _owner(row.counts)
            owner["heartbeat"] = _db_clock(conn)
            done = conn.execute(
                update(r)
                .where(r.c.id == run_id, r.c.status == "running")
                .values(counts=dumps(owner))
            )
            return bool(done.rowcount)

    def close_stale_runs(self, *, lease_s: float | None = None) -> list[int]:
        """Mark ``interrupted`` the runs still ``running`` whose process is gone; return ids.

        A run is stale when its heartbeat is older than its lease (the lease it recorded;
        ``lease_s``, default ``Settings.run_lease_s``, for runs of older versions, which
        recorded none and are timed from their start), whichever host ran it: killed with
        -9, or its machine lost, no cleanup ran. A run started on this host by a process
        that no longer exists is stale at once. The runs of this very process are never
        stale. The heartbeat is read on the database's clock, so hosts' clocks need not
        agree.
        """
        r = T["ingest_runs"]
        host, pid = socket.gethostname(), os.getpid()
        default = float(lease_s) if lease_s is not None else DEFAULT_LEASE_S
        with self.engine.connect() as conn:
            clock = _db_clock(conn)
            query = select(r.c.id, r.c.counts, r.c.started_at).where(r.c.status == "running")
            rows = list(conn.execute(query))
        stale = []
        for run_id, counts, started_at in rows:
            owner = _owner(counts)
            owned, their_pid = owner.get("host") == host, owner.get("pid")
            if owned and their_pid == pid:
                continue  # this process: alive by definition
            if owned and isinstance(their_pid, int) and not _alive(their_pid):
                stale.append(run_id)
                continue
            lease, beat = owner.get("lease_s"), owner.get("heartbeat")
            if not isinstance(lease, int | float) or isinstance(lease, bool):
                lease = default
            if not isinstance(beat, int | float) or isinstance(beat, bool):
                beat = _epoch(started_at)
            if clock - float(beat) > float(lease):
                stale.append(run_id)
        if stale:
            with self.writer.begin() as conn:
                conn.execute(
                    update(r)
                    .where(r.c.id.in_(stale), r.c.status == "running")
                    .values(finished_at=now(), status="interrupted", counts=dumps({}))
                )
        return stale

    def running_runs(self) -> list[int]:
        """Ids of the runs recorded as ``running`` (call ``close_stale_runs`` first to leave
        out those of dead processes)."""
        r = T["ingest_runs"]
        with self.engine.connect() as conn:
            query = select(r.c.id).where(r.c.status == "running").order_by(r.c.id)
            return [int(x) for x in conn.execute(query).scalars()]

    def finish_run(self, run_id: int, status: str, counts: dict[str, int]) -> None:
        """Record the end of an ingest run with its counts (its heartbeat stops)."""
        beat = self.__dict__.get("_heartbeats", {}).pop(run_id, None)
        if beat is not None:
            beat.stop()
        r = T["ingest_runs"]
        with self.writer.begin() as conn:
            conn.execute(
                update(r)
                .where(r.c.id == run_id)
                .values(finished_at=now(), status=status, counts=dumps(counts))
            )

    def set_source_status(
        self, source: str, status: str, *, run_id: int | None, items: int = 0, detail: str = ""
    ) -> None:
        """Record the status (``started``, ``done``, ``failed``) of one input source."""
        t = T["source_status"]
        with self.writer.begin() as conn:
            conn.execute(delete(t).where(t.c.source == source))
            conn.execute(
                t.insert(),
                [
                    {
                        "source": source,
                        "run_id": run_id,
                        "status": status,
                        "items": items,
                        "detail": detail,
                        "updated_at": now(),
                    }
                ],
            )

    def source_status(self, source: str) -> SourceStatus | None:
        """Return the last recorded status of a source, or None."""
        t = T["source_status"]
        with self.engine.connect() as conn:
            row = conn.execute(select(t).where(t.c.source == source)).first()
        if row is None:
            return None
        return SourceStatus(row.source, row.status, row.items, row.run_id, row.detail)

    def add_problem(self, problem: Problem, *, run_id: int | None = None) -> None:
        """Store the problem of an input that was skipped (not tied to a stored article)."""
        with self.writer.begin() as conn:
            conn.execute(
                T["problems"].insert(),
                [problem_row(problem, seq=0, article_id=None, run_id=run_id)],
            )

    def list_problems(self, *, run_id: int | None = None, limit: int = 1000) -> list[Problem]:
        """Return stored input problems (of one run, or of all runs), oldest first."""
        p = T["problems"]
        query = select(p).where(p.c.article_id.is_(None)).order_by(p.c.id).limit(_bounded(limit))
        if run_id is not None:
            query = query.where(p.c.run_id == run_id)
        with self.engine.connect() as conn:
            return [
                Problem(r.source, r.code, r.message, bool(r.fatal)) for r in conn.execute(query)
            ]

    def get_state(self, key: str) -> str | None:
        """Return a named state blob, or None."""
        t = T["state"]
        with self.engine.connect() as conn:
            return conn.execute(select(t.c.value).where(t.c.key == key)).scalar_one_or_none()

    def put_state(self, key: str, value: str) -> None:
        """Store (replace) a named state blob."""
        t = T["state"]
        with self.writer.begin() as conn:
            conn.execute(delete(t).where(t.c.key == key))
            conn.execute(t.insert(), [{"key": key, "value": value, "updated_at": now()}])


MAX_PAGE = 2**31 - 1  # limits and offsets beyond this are clamped (SQLite: 64-bit integers)


def _bounded(value: int) -> int:
    """A paging number both backends accept: 0 to ``MAX_PAGE``."""
    return max(0, min(int(value), MAX_PAGE))


def _owner(counts: str | None) -> dict[str, Any]:
    """The owner record a running run keeps in ``counts`` (empty when unreadable)."""
    try:
        owner = json.loads(counts or "{}")
    except ValueError:
        return {}
    return owner if isinstance(owner, dict) else {}


def _db_clock(conn: Connection) -> float:
    """Now, in seconds since the epoch, on the database's clock (PostgreSQL's server: every
    host sharing the store reads the same clock; SQLite's is this machine's)."""
    if conn.dialect.name == "postgresql":
        query = text("SELECT extract(epoch FROM clock_timestamp())")
        return float(conn.execute(query).scalar_one())
    return time.time()


def _epoch(value: Any) -> float:
    """A stored timestamp (naive ones are UTC) in seconds since the epoch; 0 when unknown."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value)
        except ValueError:
            return 0.0
    if not isinstance(value, datetime):
        return 0.0
    if value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value.timestamp()


def _in_memory(engine: Engine) -> bool:
    return engine.dialect.name == "sqlite" and engine.url.database in (None, "", ":memory:")


class _Heartbeat(threading.Thread):
    """Renews one run's heartbeat every ``every`` seconds until stopped or the run ends."""

    def __init__(self, store: StoryMixin, run_id: int, every: float) -> None:
        super().__init__(name=f"crosscheck-run-{run_id}-heartbeat", daemon=True)
        self.store, self.run_id, self.every = store, run_id, every
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.wait(self.every):
            try:
                if not self.store.beat_run(self.run_id):
                    LOGGER.warning("run %s is no longer running: heartbeat stops", self.run_id)
                    return
            except Exception as exc:  # a busy or lost database: try again next time
                LOGGER.warning("heartbeat of run %s failed: %s", self.run_id, exc)

    def stop(self) -> None:
        self.stopped.set()
        if self is not threading.current_thread():
            self.join(timeout=30)


def _alive(pid: int) -> bool:
    """Whether a process with this id exists on this host."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _title(row: Any) -> str:
    """A story title from its first article: its title, else its first line of text."""
    if row is None:
        return ""
    if row[0]:
        return str(row[0])[:200]
    first = next((line.strip() for line in (row[1] or "").splitlines() if line.strip()), "")
    return first[:120]


def _refresh(conn: Connection, story_id: str) -> None:
    """Recompute a story's size and date range and mark it stale; delete it when empty."""
    s, m, a = T["stories"], T["story_members"], T["articles"]
    size, first, last = conn.execute(
        select(func.count(m.c.article_id), func.min(a.c.published), func.max(a.c.published))
        .select_from(m.join(a, a.c.id == m.c.article_id))
        .where(m.c.story_id == story_id)
    ).one()
    if not size:
        conn.execute(delete(T["findings"]).where(T["findings"].c.story_id == story_id))
        conn.execute(delete(s).where(s.c.id == story_id))
        return
    conn.execute(
        update(s)
        .where(s.c.id == story_id)
        .values(size=size, first_seen=first, last_seen=last, stale=True, updated_at=now())
    )


def _story(conn: Connection, row: Any) -> Story:
    m = T["story_members"]
    members = conn.execute(
        select(m.c.article_id).where(m.c.story_id == row["id"]).order_by(m.c.position)
    ).scalars()
    return Story(
        id=row["id"],
        articles=tuple(members),
        title=row["title"],
        first_seen=row["first_seen"],
        last_seen=row["last_seen"],
    )
