"""A live crosscheck web server for end-to-end tests and the load benchmark.

``build_store`` fills a fresh SQLite store from the project's own ``examples/`` plus two
hostile articles written here (a second story whose quotes carry ``<script>`` and
``"><img onerror>`` payloads); ``serve`` runs ``crosscheck.web.app.create_app`` under
uvicorn in a background thread on 127.0.0.1 and a free port, waits for ``GET /healthz`` and
yields the base URL; ``live_site`` does both.

Not handled: PostgreSQL stores (SQLite only), other hosts than loopback.
"""

from __future__ import annotations

import json
import logging
import os
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"
HOST = "127.0.0.1"
STARTUP_TIMEOUT_S = 30.0

SCRIPT_PAYLOAD = "<script>alert(1)</script>"
IMG_PAYLOAD = '"><img src=x onerror=alert(1)>'
HOSTILE_TITLE = f"Library catalogue defaced {SCRIPT_PAYLOAD} as Brindle Hollow closes branch"
HOSTILE_SPEAKER = "Petra Lindqvist-Oyelaran"

# Two invented reports of one invented event, in our own words. The first quotes both
# payloads (curly outer quote marks keep the straight ``"`` inside the quote) and puts one in
# the headline so it also reaches titles and story names.
HOSTILE_ARTICLES: dict[str, tuple[str, dict[str, str]]] = {
    "orchard-gazette.txt": (
        f"{HOSTILE_TITLE}\n\n"
        "BRINDLE HOLLOW, April 7 — The public library of Brindle Hollow shut its online "
        "catalogue on Monday after a visitor typed code into the book review form, the "
        "town's library board said. About 1,800 reviews are being checked by hand.\n\n"
        f"“Somebody pasted {SCRIPT_PAYLOAD} into a review and then {IMG_PAYLOAD} into the "
        "reader name box, "
        f"and the catalogue showed it to everyone,” library systems head {HOSTILE_SPEAKER} "
        "said on Tuesday.\n\n"
        f"{HOSTILE_SPEAKER} said no borrower records had been read and that the catalogue "
        "would be back on Friday.\n\n"
        "The branch lends about 600 books a week, according to the library board.\n",
        {"outlet": "Orchard Gazette", "published": "2026-04-07", "author": "Noor Achterberg"},
    ),
    "valley-ledger.txt": (
        "Brindle Hollow library catalogue offline after review form attack\n\n"
        "BRINDLE HOLLOW, April 8 — Readers in Brindle Hollow are reserving books by phone "
        "again after the library's online catalogue was shut on Monday, when a visitor "
        "typed code into its review form.\n\n"
        f"Library systems head {HOSTILE_SPEAKER} said about 2,100 reviews were being "
        "checked by hand. “No borrower records were read, and the catalogue will be back "
        f"on Friday,” {HOSTILE_SPEAKER} said.\n\n"
        "The branch lends about 600 books a week, the library board said.\n",
        {"outlet": "Valley Ledger", "published": "2026-04-08"},
    ),
}


@dataclass(frozen=True, slots=True)
class LiveStore:
    """A filled store: its settings, every story id, and the hostile story's id."""

    settings: Settings
    db_path: Path
    story_ids: tuple[str, ...]
    hostile_story: str | None
    example_story: str | None


def write_hostile_articles(directory: Path) -> list[Path]:
    """Write the hostile articles (and their sidecars) into ``directory``; return the texts."""
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, (text, meta) in HOSTILE_ARTICLES.items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        (directory / (path.stem + ".meta.json")).write_text(json.dumps(meta), encoding="utf-8")
        paths.append(path)
    return paths


def build_store(directory: Path, *, hostile: bool = True, processes: int = 1) -> LiveStore:
    """Ingest ``examples/`` (and the hostile articles) into ``directory/live.db``.

    Args:
        directory: an empty, writable folder (a pytest tmp dir).
        hostile: also ingest the hostile articles (the XSS story).
        processes: worker processes for the analysis stage.

    Returns:
        A ``LiveStore``; ``hostile_story`` is the story holding the first hostile article
        and ``example_story`` the story holding the examples' Courier report.
    """
    from crosscheck.corpus import ingest, list_stories
    from crosscheck.store import open_store

    db_path = directory / "live.db"
    settings = Settings.from_env(db=f"sqlite:///{db_path}", processes=processes)
    # Relative to the working directory when possible: the stored source names then read
    # ``examples/...`` in pages and screenshots, not this machine's absolute path.
    sources = [os.path.relpath(EXAMPLES)]
    if hostile:
        sources += [str(p) for p in write_hostile_articles(directory / "hostile")]
    result = ingest(sources, settings, progress=False)
    LOGGER.info("live store: %s articles, %s problems", result.added, result.problem_count)
    stories = list_stories(settings, limit=1000)
    hostile_story = example_story = None
    with closing(open_store(settings.db)) as db:
        for story in stories:
            for article_id in story.articles:
                article = db.get_article(article_id)
                if article is None:
                    continue
                if SCRIPT_PAYLOAD in article.text:
                    hostile_story = story.id
                if article.outlet == "The Marrowfield Courier":
                    example_story = story.id
    return LiveStore(
        settings=settings,
        db_path=db_path,
        story_ids=tuple(s.id for s in stories),
        hostile_story=hostile_story,
        example_story=example_story,
    )


def _bound_socket() -> socket.socket:
    """A listening-ready TCP socket on 127.0.0.1 and a free port chosen by the kernel."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((HOST, 0))
    return sock


def wait_healthy(base_url: str, timeout: float = STARTUP_TIMEOUT_S) -> None:
    """Poll ``GET /healthz`` until it answers 200 ``{"status": "ok"}``.

    Raises:
        TimeoutError: no healthy answer within ``timeout`` seconds.
    """
    deadline = time.monotonic() + timeout
    last: object = None
    while time.monotonic() < deadline:
        try:
            reply = httpx.get(f"{base_url}/healthz", timeout=2.0)
            if reply.status_code == 200 and reply.json().get("status") == "ok":
                return
            last = f"HTTP {reply.status_code}"
        except (httpx.HTTPError, ValueError) as exc:
            last = exc
        time.sleep(0.1)
    raise TimeoutError(f"{base_url}/healthz not healthy after {timeout:.0f} s: {last}")


@contextmanager
def serve(settings: Settings) -> Iterator[str]:
    """Run the web app for ``settings`` on 127.0.0.1 in a thread; yield its base URL.

    The socket is bound before uvicorn starts (no race for the port); on exit
    ``should_exit`` is set and the thread joined.
    """
    import uvicorn

    from crosscheck.web.app import create_app

    app = create_app(settings)
    sock = _bound_socket()
    port = sock.getsockname()[1]
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="auto")
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [sock]}, name="crosscheck-live", daemon=True
    )
    thread.start()
    base_url = f"http://{HOST}:{port}"
    try:
        wait_healthy(base_url)
        yield base_url
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        if thread.is_alive():
            LOGGER.warning("live server thread did not stop within 10 s")


@contextmanager
def live_site(directory: Path) -> Iterator[tuple[str, LiveStore]]:
    """Build the store in ``directory`` and serve it; yield ``(base_url, store)``."""
    store = build_store(directory)
    with serve(store.settings) as base_url:
        yield base_url, store
