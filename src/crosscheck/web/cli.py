"""The ``crosscheck serve`` command: the web UI and REST API under uvicorn."""

from __future__ import annotations

import logging
import os

import click

from crosscheck.errors import CrosscheckError
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=int, default=8000, show_default=True, help="Port to listen on.")
@click.option("--db", help="Store URL (default sqlite:///crosscheck.db, or $CROSSCHECK_DB).")
@click.option(
    "--token",
    help="Bearer token for write routes (or $CROSSCHECK_TOKEN); required off loopback.",
)
@click.option("--allow-private", is_flag=True, help="Let URL fetching reach private addresses.")
@click.option(
    "--allowed-host",
    "allowed_hosts",
    multiple=True,
    help="Another name clients may use in the Host header (a proxy's name); repeatable.",
)
@click.option("--log-level", default="info", show_default=True, help="uvicorn log level.")
def serve(
    host: str,
    port: int,
    db: str | None,
    token: str | None,
    allow_private: bool,
    allowed_hosts: tuple[str, ...],
    log_level: str,
) -> None:
    """Serve the web UI and the REST API over the store (one worker process).

    Pages: /stories, /stories/ID, /speakers/NAME, /search, /compare; JSON under /api
    (reference at /docs, spec at /openapi.json). On anything but loopback, write and
    compute routes (ingest, delete, compare now) need the token, and the server refuses to
    start without one. Requests whose Host header names neither the bound address (on
    loopback: localhost, 127.0.0.1, ::1) nor an --allowed-host are refused (DNS
    rebinding).

    Example:

    \b
        crosscheck ingest examples/ --db sqlite:///news.db
        crosscheck serve --db sqlite:///news.db
        crosscheck serve --host 0.0.0.0 --port 8080 --token "$(openssl rand -hex 16)"
    """
    import uvicorn

    from crosscheck.web.app import create_app

    overrides: dict[str, object] = {}
    if db:
        overrides["db"] = db
    if allow_private:
        overrides["allow_private"] = True
    from crosscheck.cli import store_url

    settings = Settings.from_env(**overrides)
    store_url(settings)
    try:
        app = create_app(
            settings,
            host=host,
            token=token or os.environ.get("CROSSCHECK_TOKEN"),
            allowed_hosts=allowed_hosts,
        )
    except CrosscheckError as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(f"crosscheck: serving {settings.db} on http://{host}:{port}/", err=True)
    uvicorn.run(app, host=host, port=port, workers=1, log_level=log_level, access_log=False)
