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
HOSTILE_TITLE = "Quillhaven ferry booking site taken offline after attack"
HOSTILE_SPEAKER = "Ada Brennick"

# Two invented reports of one invented event (our own words). The first carries both
# payloads inside a quotation (curly outer quote marks, so the straight ``"`` of the
# attribute-breaking payload stays inside the quote).
HOSTILE_ARTICLES: dict[str, tuple[str, dict[str, str]]] = {
    "quillhaven-tide.txt": (
        f"{HOSTILE_TITLE}\n\n"
        "By Tomas Ferrand, Quillhaven Tide\n\n"
        "QUILLHAVEN, March 10 — The online booking site of the Quillhaven harbour ferry was "
        "taken offline on Monday after someone typed code into its passenger form, harbour "
        "officials said. About 2,300 bookings had to be checked by hand.\n\n"
        f"“Someone entered {SCRIPT_PAYLOAD} into the comments box and then "
        f"{IMG_PAYLOAD} into the name field, and the page ran it for every clerk who opened "
        f"the booking,” harbour IT manager {HOSTILE_SPEAKER} said on Tuesday.\n\n"
        f"{HOSTILE_SPEAKER} said no card numbers had been taken and that the site would return "
        "on Thursday after an outside review.\n\n"
        "“We should have escaped every field we print, and now we do,” Brennick said.\n\n"
        "The ferry carries about 1,100 passengers a day between Quillhaven and Tarrow Isle. "
        "Harbour master Colin Oduya said the boats themselves ran on time throughout.\n",
        {"outlet": "Quillhaven Tide", "published": "2026-03-10", "author": "Tomas Ferrand"},
    ),
    "harbour-line-weekly.txt": (
        "Ferry bookings back on paper in Quillhaven after website attack\n\n"
        "QUILLHAVEN, March 11 — Passengers of the Quillhaven harbour ferry are booking at "
        "the ticket window again after the booking site was taken offline on Monday, when "
        "someone typed code into its passenger form.\n\n"
        f"Harbour IT manager {HOSTILE_SPEAKER} said about 2,600 bookings were being checked "
        "by hand. “No card numbers were taken, and the site will come back on Thursday,” "
        "Brennick said.\n\n"
        "Harbour master Colin Oduya said the boats had run on time throughout. “Nobody "
        "missed a crossing because of this,” Oduya said.\n\n"
        "The ferry links Quillhaven and Tarrow Isle and carries about 1,100 passengers a "
        "day, according to the harbour authority.\n",
        {"outlet": "Harbour Line Weekly", "published": "2026-03-11"},
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
