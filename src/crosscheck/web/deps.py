"""Dependency injection for the web app: one ``WebState`` per app, reached through FastAPI.

``create_app`` stores a ``WebState`` in ``app.state.web``; routes receive it with
``Depends(get_state)``; tests pass an open store to ``create_app`` (or override
``get_state``). The store is opened once per app and each store
call holds a connection only for its own statement(s), so sessions stay short.
"""

from __future__ import annotations

import ipaddress
import logging
import threading
from dataclasses import dataclass, field
from typing import Any

from fastapi import Request

from crosscheck.settings import Settings
from crosscheck.store import Store
from crosscheck.web.cache import MarkedCache

LOGGER = logging.getLogger(__name__)

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


def is_loopback(host: str) -> bool:
    """Whether ``host`` (a bind address or name) only accepts connections from this machine."""
    name = host.strip().strip("[]").lower()
    if name in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(name).is_loopback
    except ValueError:
        return False


@dataclass
class WebState:
    """Everything the routes share: settings, the open store, caches and write locks.

    Attributes:
        settings: pipeline settings (``db`` names the store).
        store: the open store.
        host: the address the server is bound to.
        token: the write token (``--token`` or ``CROSSCHECK_TOKEN``), or None.
        max_body: request bodies above this many bytes get 413.
        reports: computed story reports (``(Story, Report)``), keyed by
            ``("story", story id)``; few, as they are large and only needed to render.
        pages: rendered story pages and JSON bodies (``Body``), keyed by
            ``(what, story id)``.
        lists: rendered story lists (HTML and JSON), keyed by ``(what, query)``.
        write_lock: serialises ingest and delete (corpus mode has a single writer).
        nlp_lock: serialises spaCy use (compare now, ingest) in this process.
        generation: bumped by every write made through the app; part of cache markers.
        worker: the ``CompareWorker`` that runs compare-now in its own process (None: in
            this process, under ``nlp_lock``).
        checked: when each story's marker (and the marker of all stories, key
            ``views.LIST_KEY``) was last read from the store (``-> (monotonic time,
            marker)``); within ``MARKER_TTL`` seconds a cached page is served without
            asking the store again.
    """

    settings: Settings
    store: Store
    host: str = "127.0.0.1"
    token: str | None = None
    max_body: int = 10_000_000
    reports: MarkedCache[Any] = field(default_factory=lambda: MarkedCache(32))
    pages: MarkedCache[Any] = field(default_factory=lambda: MarkedCache(512))
    lists: MarkedCache[Any] = field(default_factory=lambda: MarkedCache(64))
    write_lock: threading.Lock = field(default_factory=threading.Lock)
    nlp_lock: threading.Lock = field(default_factory=threading.Lock)
    generation: int = 0
    checked: dict[str, tuple[float, str]] = field(default_factory=dict)
    worker: Any = None

    @property
    def token_required(self) -> bool:
        """Write endpoints need the token when the server is reachable from elsewhere."""
        return not is_loopback(self.host)

    def bump(self) -> None:
        """Record that the app changed the store (cached pages become invalid)."""
        self.generation += 1


async def get_state(request: Request) -> WebState:
    """The app's ``WebState`` (FastAPI dependency; async, so it never takes a worker thread)."""
    state: WebState = request.app.state.web
    return state
