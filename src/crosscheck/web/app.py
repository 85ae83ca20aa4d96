"""The web app factory: ``create_app(settings)`` -> a FastAPI app (REST API + HTML pages).

The app opens the store named by ``settings.db`` exactly as the CLI does
(``crosscheck.store.open_store``), serves the JSON API under ``/api`` (OpenAPI spec at
``/openapi.json``, reference at ``/docs``), the pages (``/stories``, ``/stories/{id}``,
``/speakers/{name}``, ``/search``, ``/compare``), static files under ``/static`` and
``/healthz``. Security (headers, body limit, token, error bodies) is in ``security``.

Example:
    >>> from crosscheck.settings import Settings
    >>> app = create_app(Settings(db="sqlite://"))  # an in-memory store
    >>> sorted(r.path for r in app.routes if r.path.startswith("/api/"))[:2]
    ['/api/articles/{article_id}', '/api/compare']
"""

from __future__ import annotations

import logging
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib.resources import files

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from crosscheck.errors import CrosscheckError
from crosscheck.settings import Settings
from crosscheck.store import Store, open_store
from crosscheck.web import api, pages
from crosscheck.web.deps import WebState, is_loopback
from crosscheck.web.security import (
    SecurityMiddleware,
    allowed_hosts_for,
    install_error_handlers,
)

LOGGER = logging.getLogger(__name__)

MAX_BODY = 10_000_000  # bytes of one request body (a few articles or files)
DESCRIPTION = (
    "crosscheck compares news articles claim by claim and quote by quote. The same data is "
    "served as HTML pages; write and compute routes (ingest, delete, compare) need a bearer "
    "token when the server listens on anything but loopback. Every error is "
    '{"error": {"code": "CCnnn", "message": ...}}.'
)


def create_app(
    settings: Settings | None = None,
    *,
    host: str = "127.0.0.1",
    token: str | None = None,
    store: Store | None = None,
    max_body: int = MAX_BODY,
    allowed_hosts: tuple[str, ...] | list[str] = (),
    isolate: bool = True,
) -> FastAPI:
    """Build the web app over the store at ``settings.db``.

    Args:
        settings: pipeline settings (``Settings.from_env()`` by default); ``db`` names the
            store, opened once for the app.
        host: the address the server will listen on; anything but loopback makes write
            routes require ``token``.
        token: the write token; defaults to ``$CROSSCHECK_TOKEN``.
        store: an open store to use instead of opening ``settings.db`` (tests).
        max_body: request bodies above this many bytes are refused with 413 (CC005).
        allowed_hosts: more names the ``Host`` header may carry (``--allowed-host``); the
            bound address and, on loopback, ``localhost``, ``127.0.0.1`` and ``::1`` are
            always allowed. ``"*"`` allows any name.
        isolate: run compare-now in a worker process with a time budget, so one long
            analysis never holds the server (tests may turn it off).

    Returns:
        The FastAPI app (serve it with uvicorn, one worker).

    Raises:
        CrosscheckError: CC018 when ``host`` is not loopback and no token is set.
        StoreError: the store cannot be opened.
    """
    settings = settings or Settings.from_env()
    token = token or os.environ.get("CROSSCHECK_TOKEN") or None
    if not is_loopback(host) and not token:
        raise CrosscheckError(
            f"refusing to serve on {host} without a token: pass --token or set "
            "CROSSCHECK_TOKEN (write routes need it off loopback)",
            code="CC018",
        )
    own = store is None
    opened = open_store(settings.db) if store is None else store
    state = WebState(settings=settings, store=opened, host=host, token=token, max_body=max_body)
    if isolate:
        from crosscheck.web.worker import CompareWorker

        state.worker = CompareWorker()

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        if state.worker is not None:
            state.worker.close()
        if own:
            opened.close()

    app = FastAPI(
        title="crosscheck",
        version=_version(),
        description=DESCRIPTION,
        docs_url=None,  # the reference at /docs is rendered by pages.docs (no CDN assets)
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.web = state
    app.add_middleware(
        SecurityMiddleware, max_body=max_body, allowed_hosts=allowed_hosts_for(host, allowed_hosts)
    )
    install_error_handlers(app, pages.error_page)

    @app.get(
        "/healthz",
        tags=["health"],
        summary="Health check",
        responses={400: api.COMMON_ERRORS[400]},
    )
    async def healthz() -> dict[str, str]:
        """``{"status": "ok"}`` while the app is up."""
        return {"status": "ok"}

    app.include_router(api.router)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=str(files("crosscheck.web") / "static")), "static")
    return app


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("crosscheck")
    except PackageNotFoundError:
        return "0"
