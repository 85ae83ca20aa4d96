"""A small thread-safe LRU cache keyed by ``(key, marker)`` with one builder per key at a time.

The web app keeps computed story reports and rendered story pages here. An entry is valid
while the ``marker`` it was stored with equals the caller's current marker (the story's
``updated_at`` and stale flag, plus the app's own write generation), so a change to the
store makes the next request rebuild it. Concurrent requests for the same missing key wait
for the first builder instead of all computing it (no thundering herd under load).

``Body`` keeps a cached response body in plain and gzip form, so a busy page is compressed
once rather than per request.

Not handled: invalidation across processes other than through the marker (each worker
process has its own cache).
"""

from __future__ import annotations

import gzip
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

from starlette.responses import Response

V = TypeVar("V")


class MarkedCache(Generic[V]):
    """LRU of at most ``size`` values, each valid for one marker.

    Example:
        >>> cache: MarkedCache[str] = MarkedCache(2)
        >>> cache.get_or_build("s1", "m1", lambda: "page")
        'page'
        >>> cache.get_or_build("s1", "m1", lambda: "other")
        'page'
    """

    def __init__(self, size: int = 128) -> None:
        self.size = max(1, size)
        self._items: OrderedDict[Hashable, tuple[Hashable, V]] = OrderedDict()
        self._lock = threading.Lock()
        self._building: dict[Hashable, threading.Lock] = {}
        self.hits = self.misses = 0

    def get(self, key: Hashable, marker: Hashable) -> V | None:
        """The value stored for ``key`` if it was stored with ``marker``, else None."""
        with self._lock:
            item = self._items.get(key)
            if item is None or item[0] != marker:
                return None
            self._items.move_to_end(key)
            self.hits += 1
            return item[1]

    def put(self, key: Hashable, marker: Hashable, value: V) -> None:
        """Store ``value`` for ``key`` under ``marker``, evicting the least recently used."""
        with self._lock:
            self._items[key] = (marker, value)
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_build(
        self,
        key: Hashable,
        marker: Hashable,
        build: Callable[[], V],
        *,
        marker_after: Callable[[], Hashable] | None = None,
    ) -> V:
        """Return the cached value or build it (one builder per key; others wait).

        Args:
            key: what is cached (a story id and a format).
            marker: the current marker of ``key``.
            build: computes the value.
            marker_after: re-reads the marker after building (building may itself change
                the store, e.g. refresh a stale story's findings); the value is stored under
                that marker.
        """
        found = self.get(key, marker)
        if found is not None:
            return found
        with self._lock:
            gate = self._building.setdefault(key, threading.Lock())
        with gate:
            # a builder before us may have changed the marker (stale findings refreshed)
            found = self.get(key, marker_after() if marker_after else marker)
            if found is not None:
                return found
            with self._lock:
                self.misses += 1
            value = build()
            self.put(key, marker_after() if marker_after else marker, value)
            return value

    def clear(self) -> None:
        """Drop every entry."""
        with self._lock:
            self._items.clear()


@dataclass(frozen=True, slots=True)
class Body:
    """A response body kept ready in both plain and gzip form (compressed once, sent often)."""

    raw: bytes
    gz: bytes

    @classmethod
    def of(cls, raw: bytes) -> Body:
        """Compress ``raw`` (gzip level 6, no timestamp, so equal input gives equal bytes)."""
        return cls(raw, gzip.compress(raw, compresslevel=6, mtime=0))

    def response(self, accept_encoding: str, media_type: str) -> Response:
        """The gzip body when the client accepts it, else the plain one."""
        vary = {"vary": "Accept-Encoding"}
        if "gzip" in accept_encoding.lower():
            return Response(
                self.gz, media_type=media_type, headers={**vary, "content-encoding": "gzip"}
            )
        return Response(self.raw, media_type=media_type, headers=vary)
