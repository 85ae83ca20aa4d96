"""The ``crosscheck spark`` command group."""

from __future__ import annotations

import click


@click.group()
def spark() -> None:
    """Run the pipeline on Apache Spark (local mode or a cluster)."""
