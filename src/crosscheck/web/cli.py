"""The ``crosscheck serve`` command."""

from __future__ import annotations

import click


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
@click.option("--db", help="Store URL or SQLite path (default: the CLI's store).")
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the web UI and the REST API over the store."""
    raise click.ClickException("the web UI is not built yet")
