"""Load test of the web UI: N concurrent clients reading story pages for a bounded time.

Builds a store from ``examples/`` (or uses ``--db``), starts ``crosscheck serve`` in a
separate process on 127.0.0.1 (loopback only: any other host is refused), then runs
``--clients`` concurrent HTTP clients (one keep-alive HTTP/1.1 connection each) that GET
``/stories`` and every ``/stories/{id}`` in turn until ``--seconds`` have passed. Every
request's latency (send to last body byte, measured by the client) and status are recorded.
Pages are asked for with ``Accept-Encoding: gzip`` as a browser does (``--identity``:
without) and read but not decompressed. A non-200 answer, a timeout or a connection error
counts as an error. One untimed warm-up pass over the URLs runs first. Requests still in
flight when the time is up are awaited (at most ``REQUEST_TIMEOUT_S``) and counted.

The client shares the machine with the server, so the figures include client-side queueing.

Example:
    python benchmarks/load_serve.py --clients 50 --seconds 30 --json
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ipaddress
import json
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = ROOT / "examples"
MAX_CLIENTS = 200
MAX_SECONDS = 120.0
REQUEST_TIMEOUT_S = 10.0
STARTUP_TIMEOUT_S = 90.0
STOP_TIMEOUT_S = 10.0


@dataclass
class Tally:
    """Every request's latency (seconds), status (0: exception) and path."""

    latencies: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    errors: dict[str, int] = field(default_factory=dict)

    def add(self, path: str, seconds: float, status: int, error: str | None = None) -> None:
        self.latencies.append(seconds)
        self.statuses.append(status)
        self.paths.append(path)
        if error is not None:
            self.errors[error] = self.errors.get(error, 0) + 1


def percentile(values: list[float], q: float) -> float:
    """Nearest-rank percentile (``q`` in 0-100) of ``values``; 0.0 when empty."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, min(len(ordered), int(-(-q * len(ordered) // 100))))
    return ordered[rank - 1]


def check_host(host: str) -> str:
    """Return ``host`` when it is a loopback address; raise ``ValueError`` otherwise."""
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        raise ValueError(f"refusing host {host!r}: give a loopback IP such as 127.0.0.1") from None
    if not address.is_loopback:
        raise ValueError(f"refusing host {host!r}: the load test runs on loopback only")
    return host


def free_port(host: str) -> int:
    """A port the kernel reports free on ``host`` (released again before the server binds)."""
    with socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def build_store(directory: Path) -> str:
    """Ingest ``examples/`` into a fresh SQLite store in ``directory``; return its URL."""
    from crosscheck.corpus import ingest
    from crosscheck.settings import Settings

    url = f"sqlite:///{directory / 'load.db'}"
    result = ingest([str(EXAMPLES)], Settings.from_env(db=url), progress=False)
    print(f"store: {result.added} articles from {EXAMPLES}", file=sys.stderr)
    return url


def store_url(db: str) -> str:
    """A store URL from a ``--db`` value (a URL, or a path to an SQLite file)."""
    if "://" in db:
        return db
    path = Path(db)
    if not path.is_file():
        raise SystemExit(f"load_serve: no SQLite file at {path}")
    return f"sqlite:///{path.resolve()}"


def story_ids(url: str) -> list[str]:
    """The ids of every stored story."""
    from crosscheck.corpus import list_stories
    from crosscheck.settings import Settings

    return [s.id for s in list_stories(Settings.from_env(db=url), limit=100_000)]


@contextmanager
def server(url: str, host: str, port: int, log: Path) -> Iterator[tuple[str, int]]:
    """Run ``crosscheck serve`` in its own process; yield its base URL and pid once healthy."""
    command = [
        sys.executable,
        "-m",
        "crosscheck",
        "serve",
        "--host",
        host,
        "--port",
        str(port),
        "--db",
        url,
        "--log-level",
        "warning",
    ]
    base = f"http://[{host}]:{port}" if ":" in host else f"http://{host}:{port}"
    with log.open("wb") as sink:
        process = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, cwd=ROOT)
        try:
            _wait_healthy(base, process, log)
            yield base, process.pid
        finally:
            process.terminate()
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def cpu_seconds(pid: int) -> float:
    """User plus system CPU seconds of process ``pid`` (Linux ``/proc``; 0.0 elsewhere)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _wait_healthy(base: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            tail = log.read_text(errors="replace")[-2000:]
            raise SystemExit(f"load_serve: server exited with {process.returncode}:\n{tail}")
        try:
            reply = httpx.get(f"{base}/healthz", timeout=2.0)
            if reply.status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit(f"load_serve: {base}/healthz not healthy after {STARTUP_TIMEOUT_S:.0f} s")


class Connection:
    """One keep-alive HTTP/1.1 connection with a minimal GET (no TLS, no redirects).

    A load generator must cost less CPU than the server it measures: on 2 shared cores
    httpx spent about twice the server's CPU per request, so this client reads the status
    line, the headers and a ``Content-Length`` or chunked body and nothing more.
    """

    def __init__(self, host: str, port: int, *, gzip: bool = True) -> None:
        self.host, self.port = host, port
        self.extra = "Accept-Encoding: gzip\r\n" if gzip else ""
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> tuple[int, int]:
        """GET ``path``; return ``(status, body bytes)``. Reconnects when the server closed."""
        if self.reader is None or self.writer is None or self.reader.at_eof():
            await self.close()
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        request = f"GET {path} HTTP/1.1\r\nHost: {self.host}:{self.port}\r\n{self.extra}\r\n"
        self.writer.write(request.encode("ascii"))
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip().lower()
        if "chunked" in headers.get("transfer-encoding", ""):
            size = 0
            while True:
                chunk = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(chunk + 2)
                size += chunk
                if chunk == 0:
                    break
        else:
            size = int(headers.get("content-length", "0"))
            await self.reader.readexactly(size)
        if headers.get("connection") == "close":
            await self.close()
        return status, size

    async def close(self) -> None:
        """Close the connection (if open)."""
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def _client(
    number: int, connection: Connection, paths: list[str], deadline: float, tally: Tally
) -> None:
    """One client: GET the paths in turn (starting at its own offset) until the deadline."""
    step = number
    try:
        while time.perf_counter() < deadline:
            path = paths[step % len(paths)]
            step += 1
            started = time.perf_counter()
            try:
                status, _size = await asyncio.wait_for(connection.get(path), REQUEST_TIMEOUT_S)
            except (OSError, ValueError, IndexError, asyncio.IncompleteReadError) as exc:
                tally.add(path, time.perf_counter() - started, 0, type(exc).__name__)
                await connection.close()
                continue
            except TimeoutError:
                tally.add(path, time.perf_counter() - started, 0, "timeout")
                await connection.close()
                continue
            error = None if status == 200 else f"HTTP {status}"
            tally.add(path, time.perf_counter() - started, status, error)
    finally:
        await connection.close()


async def run_load(
    host: str,
    port: int,
    paths: list[str],
    clients: int,
    seconds: float,
    server_pid: int,
    *,
    gzip: bool = True,
) -> dict[str, Any]:
    """Warm up once over ``paths``, then load for ``seconds``; return the figures."""
    warm = Connection(host, port, gzip=gzip)
    for path in paths:
        status, size = await warm.get(path)
        print(f"warm-up: GET {path} -> {status}, {size} bytes", file=sys.stderr)
    await warm.close()
    tally = Tally()
    load_before = os.getloadavg()
    server_cpu = cpu_seconds(server_pid)
    client_cpu = time.process_time()
    started = time.perf_counter()
    deadline = started + seconds
    workers = [
        _client(n, Connection(host, port, gzip=gzip), paths, deadline, tally)
        for n in range(clients)
    ]
    await asyncio.wait_for(asyncio.gather(*workers), timeout=seconds + REQUEST_TIMEOUT_S + 5)
    elapsed = time.perf_counter() - started
    result = figures(tally, clients, seconds, elapsed, paths, load_before)
    result["server_cpu_s"] = round(cpu_seconds(server_pid) - server_cpu, 2)
    result["client_cpu_s"] = round(time.process_time() - client_cpu, 2)
    return result


def figures(
    tally: Tally,
    clients: int,
    seconds: float,
    elapsed: float,
    paths: list[str],
    load_before: tuple[float, float, float],
) -> dict[str, Any]:
    """Summarise a tally: latency percentiles in ms, throughput and errors."""

    def ms(values: list[float]) -> dict[str, float]:
        return {
            "p50_ms": round(percentile(values, 50) * 1000, 1),
            "p95_ms": round(percentile(values, 95) * 1000, 1),
            "p99_ms": round(percentile(values, 99) * 1000, 1),
            "max_ms": round(max(values, default=0.0) * 1000, 1),
        }

    lists = [
        lat for lat, path in zip(tally.latencies, tally.paths, strict=True) if path == "/stories"
    ]
    pages = [
        lat for lat, path in zip(tally.latencies, tally.paths, strict=True) if path != "/stories"
    ]
    return {
        "clients": clients,
        "seconds": seconds,
        "elapsed_s": round(elapsed, 2),
        "urls": len(paths),
        "requests": len(tally.latencies),
        "requests_per_s": round(len(tally.latencies) / elapsed, 1) if elapsed else 0.0,
        **ms(tally.latencies),
        "errors": sum(tally.errors.values()),
        "error_kinds": tally.errors,
        "story_list": {"requests": len(lists), **ms(lists)},
        "story_pages": {"requests": len(pages), **ms(pages)},
        "cpus": os.cpu_count(),
        "loadavg_before": [round(x, 2) for x in load_before],
        "loadavg_after": [round(x, 2) for x in os.getloadavg()],
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse and bound the command line (at most 200 clients and 120 s; loopback only)."""
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--clients", type=int, default=50, help=f"1-{MAX_CLIENTS}")
    parser.add_argument("--seconds", type=float, default=30.0, help=f"0-{MAX_SECONDS:.0f}")
    parser.add_argument(
        "--db", help="SQLite file or store URL (default: a fresh store of examples/)"
    )
    parser.add_argument("--host", default="127.0.0.1", help="loopback address to bind")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    parser.add_argument(
        "--identity",
        action="store_true",
        help="ask for uncompressed pages (default: Accept-Encoding: gzip, as browsers do)",
    )
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if not 1 <= args.clients <= MAX_CLIENTS:
        parser.error(f"--clients must be between 1 and {MAX_CLIENTS}")
    if not 0 < args.seconds <= MAX_SECONDS:
        parser.error(f"--seconds must be more than 0 and at most {MAX_SECONDS:.0f}")
    try:
        check_host(args.host)
    except ValueError as exc:
        parser.error(str(exc))
    return args


def main(argv: list[str] | None = None) -> None:
    """Build or open the store, serve it in a subprocess, load it, print the figures."""
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="crosscheck-load-") as tmp:
        url = store_url(args.db) if args.db else build_store(Path(tmp))
        ids = story_ids(url)
        if not ids:
            raise SystemExit("load_serve: the store holds no stories")
        paths = ["/stories", *(f"/stories/{story_id}" for story_id in ids)]
        port = args.port or free_port(args.host)
        with server(url, args.host, port, Path(tmp) / "server.log") as (_base, pid):
            load = run_load(
                args.host, port, paths, args.clients, args.seconds, pid, gzip=not args.identity
            )
            result = asyncio.run(load)
    result["encoding"] = "identity" if args.identity else "gzip"
    result["command"] = " ".join(["python", "benchmarks/load_serve.py", *(argv or sys.argv[1:])])
    if args.json:
        print(json.dumps(result))
        return
    print(
        f"{result['clients']} clients, {result['elapsed_s']} s over {result['urls']} URLs: "
        f"{result['requests']} requests, {result['requests_per_s']} req/s, "
        f"{result['errors']} errors {result['error_kinds'] or ''}"
    )
    print(
        f"latency ms: p50 {result['p50_ms']}, p95 {result['p95_ms']}, "
        f"p99 {result['p99_ms']}, max {result['max_ms']}"
    )
    for key in ("story_list", "story_pages"):
        part = result[key]
        print(
            f"  {key}: {part['requests']} requests, "
            f"p99 {part['p99_ms']} ms, max {part['max_ms']} ms"
        )
    print(
        f"CPU s: server {result['server_cpu_s']}, client {result['client_cpu_s']}; load average "
        f"before {result['loadavg_before']}, after {result['loadavg_after']} "
        f"({result['cpus']} CPUs)"
    )


if __name__ == "__main__":
    main()
