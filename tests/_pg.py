"""A throwaway PostgreSQL cluster for the tests marked ``postgres``.

``postgres_url()`` starts one private cluster per test session (``initdb`` + ``pg_ctl`` on
a temporary directory, listening on a unix socket only) and stops and removes it at exit.
As root, the server runs as the ``postgres`` system user (``initdb`` refuses root).
Set ``CROSSCHECK_TEST_PG`` to a URL to use an existing server instead.
Returns None, with the reason in ``REASON``, when no PostgreSQL binaries are found.
"""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

REASON = ""
_STATE: dict[str, object] = {}


def _bindir() -> Path | None:
    for candidate in sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True):
        if Path(candidate, "initdb").exists() and Path(candidate, "pg_ctl").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_server_user(cmd: list[str]) -> list[str]:
    if os.geteuid() != 0:
        return cmd
    return ["runuser", "-u", "postgres", "--", *cmd]


def _reap_stale(bindir: Path) -> None:
    """Stop clusters left by test sessions that died without cleaning up (owner pid gone)."""
    for root in Path(tempfile.gettempdir()).glob("crosscheck-pg-*"):
        try:
            owner = int((root / "owner").read_text())
        except (OSError, ValueError):
            continue
        if Path(f"/proc/{owner}").exists():
            continue
        subprocess.run(
            _as_server_user(
                [str(bindir / "pg_ctl"), "-D", str(root / "data"), "-m", "immediate", "stop"]
            ),
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def postgres_url() -> str | None:
    """Return the URL of a running throwaway PostgreSQL (started once), or None."""
    global REASON
    if "url" in _STATE:
        return _STATE["url"]  # type: ignore[return-value]
    if os.environ.get("CROSSCHECK_TEST_PG"):
        _STATE["url"] = os.environ["CROSSCHECK_TEST_PG"]
        return _STATE["url"]  # type: ignore[return-value]
    bindir = _bindir()
    if bindir is None:
        REASON = "PostgreSQL binaries (initdb, pg_ctl) not found; run .ci/pg.sh"
        _STATE["url"] = None
        return None
    _reap_stale(bindir)
    root = Path(tempfile.mkdtemp(prefix="crosscheck-pg-"))
    (root / "owner").write_text(str(os.getpid()))
    data, sock = root / "data", root / "sock"
    sock.mkdir()
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(sock, "postgres")
    root.chmod(0o755)
    try:
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "initdb"),
                    "-D",
                    str(data),
                    "-A",
                    "trust",
                    "-U",
                    "postgres",
                    "--no-sync",
                    "-E",
                    "UTF8",
                    "--locale=C",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=120,
        )
        options = (
            f"-k {sock} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=40 -c shared_buffers=32MB"
        )
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-o",
                    options,
                    "-l",
                    str(root / "log"),
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            timeout=90,
        )
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired, OSError) as exc:
        detail = getattr(exc, "stderr", b"") or b""
        REASON = f"could not start PostgreSQL: {exc} {detail.decode(errors='replace')[-300:]}"
        shutil.rmtree(root, ignore_errors=True)
        _STATE["url"] = None
        return None

    def _stop() -> None:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "stop"]),
            capture_output=True,
            timeout=60,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)

    atexit.register(_stop)
    _STATE["url"] = f"postgresql+psycopg://postgres@/postgres?host={sock}"
    return _STATE["url"]  # type: ignore[return-value]


def fresh_database() -> str | None:
    """Create an empty database on the throwaway server and return its URL (or None)."""
    base = postgres_url()
    if base is None:
        return None
    import psycopg

    name = "t_" + uuid.uuid4().hex[:12]
    conninfo = base.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(conninfo, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return base.replace("/postgres?", f"/{name}?")
