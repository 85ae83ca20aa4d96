"""Starting a Spark session for crosscheck (local mode or a cluster).

The environment a PySpark driver reads at JVM start-up is set first: ``PYSPARK_PYTHON`` (the
Python that runs the workers: this interpreter unless the user set one, e.g. a packed
environment on a cluster) and ``SPARK_LOCAL_IP`` (``127.0.0.1`` in local mode, so Spark never
resolves the host name or binds a public address). The UI is off, Arrow is on (``mapInPandas``
batches cross the JVM boundary as Arrow), and the JVM logs at WARN.

Not handled: attaching to an already running Spark Connect server (pass ``SPARK_REMOTE``
and call ``SparkSession.builder.getOrCreate()`` yourself; every stage uses the DataFrame API
only, so the rest works unchanged).
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

DEFAULT_MASTER = "local[*]"
DRIVER_MEMORY = "1g"


def java_available() -> bool:
    """True when a ``java`` executable is found (``JAVA_HOME`` or ``PATH``)."""
    home = os.environ.get("JAVA_HOME")
    if home and (Path(home) / "bin" / "java").is_file():
        return True
    return shutil.which("java") is not None


def _local_cores(master: str) -> int | None:
    """Cores of a ``local[N]`` / ``local[*]`` / ``local`` master; None for a cluster."""
    if master == "local":
        return 1
    if master.startswith("local["):
        inner = master[6:].split("]", 1)[0].split(",", 1)[0]
        return os.cpu_count() or 1 if inner == "*" else max(1, int(inner))
    return None


def start_session(
    master: str = DEFAULT_MASTER,
    *,
    app_name: str = "crosscheck",
    conf: dict[str, str] | None = None,
) -> Any:
    """Start (or reuse) a ``SparkSession`` configured for crosscheck.

    Args:
        master: ``local[*]``, ``local[2]``, ``yarn``, ``spark://host:7077``, ``k8s://...``.
            Under ``spark-submit`` the master given there wins.
        app_name: the application name shown by the cluster manager.
        conf: extra Spark settings (``spark.executor.memory`` and friends).

    Returns:
        A ``pyspark.sql.SparkSession``.

    Raises:
        ImportError: PySpark is not installed (``pip install crosscheck[spark]``).
    """
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    os.environ.setdefault("PYSPARK_DRIVER_PYTHON", sys.executable)
    cores = _local_cores(master)
    if cores is not None:
        os.environ.setdefault("SPARK_LOCAL_IP", "127.0.0.1")
    from pyspark.sql import SparkSession

    builder = (
        SparkSession.builder.master(master)
        .appName(app_name)
        .config("spark.ui.enabled", "false")
        .config("spark.ui.showConsoleProgress", "false")
        .config("spark.sql.execution.arrow.pyspark.enabled", "true")
        .config("spark.driver.memory", DRIVER_MEMORY)
        .config("spark.python.worker.reuse", "true")
    )
    builder = builder.config("spark.sql.adaptive.enabled", "true")
    if cores is not None:
        # Small local jobs: two shuffle partitions a core, not the cluster default of 200.
        builder = builder.config("spark.sql.shuffle.partitions", str(2 * cores))
        builder = builder.config("spark.driver.host", "127.0.0.1")
        builder = builder.config("spark.driver.bindAddress", "127.0.0.1")
    for key, value in (conf or {}).items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    try:
        session.sparkContext.setLogLevel("WARN")
    except Exception:  # Spark Connect has no SparkContext; its server sets its own level
        LOGGER.debug("log level not set (no SparkContext)")
    LOGGER.info("Spark %s session on %s", session.version, master)
    return session
