"""Issue 18 item 5 and the server's bounds: DNS rebinding, compute behind the token off
loopback, bounded paging, a per-request size budget, compare-now off the event loop."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from crosscheck.settings import Settings
from crosscheck.web.actions import MAX_COMPARE_CHARS
from crosscheck.web.app import create_app
from crosscheck.web.security import allowed_hosts_for, host_allowed, host_name
from crosscheck.web.worker import CompareWorker

TEXT = (
    "The harbour authority suspended night shipping at the port of Caldera on Monday after "
    "a container crane collapsed onto berth four, harbour master Elena Vasquez said.\n"
)


@pytest.fixture()
def loopback_app() -> Iterator[Any]:
    app = create_app(Settings(db="sqlite://"), isolate=False)
    yield app
    app.state.web.store.close()


def _client(app: Any, host: str) -> TestClient:
    return TestClient(app, base_url=f"http://{host}", raise_server_exceptions=False)


def test_web_host_names() -> None:
    assert host_name(b"127.0.0.1:8000") == "127.0.0.1"
    assert host_name("[::1]:8000") == "::1"
    assert host_name("LocalHost.:8000") == "localhost"
    loop = allowed_hosts_for("127.0.0.1")
    assert loop is not None and {"localhost", "127.0.0.1", "::1"} <= loop
    assert not host_allowed(b"attacker.example:8000", loop)
    assert allowed_hosts_for("0.0.0.0") is None  # every interface: the token guards writes
    named = allowed_hosts_for("0.0.0.0", ["news.example.org"])
    assert named is not None and "news.example.org" in named
    assert allowed_hosts_for("10.0.0.5") == frozenset({"10.0.0.5"})


def test_web_dns_rebinding_refused(loopback_app: Any) -> None:
    """A foreign page rebound to 127.0.0.1 sends its own name as Host (and as Origin)."""
    rebound = _client(loopback_app, "attacker.example:8000")
    origin = {"origin": "http://attacker.example:8000"}
    for method, path, body in (
        ("GET", "/api/stories", None),
        ("GET", "/stories", None),
        ("DELETE", "/api/articles/3f9a0c2b1d4e5f60", None),
        ("POST", "/api/ingest", {"texts": [TEXT]}),
        ("POST", "/api/compare", {"texts": [TEXT, TEXT]}),
    ):
        reply = rebound.request(method, path, json=body, headers=origin)
        assert reply.status_code == 400, (method, path, reply.status_code)
        assert reply.json()["error"]["code"] == "CC018"
    for host in ("127.0.0.1:8000", "localhost:8000", "[::1]:8000"):
        assert _client(loopback_app, host).get("/api/stories").status_code == 200, host


def test_web_allowed_host_option() -> None:
    app = create_app(Settings(db="sqlite://"), allowed_hosts=("news.internal",), isolate=False)
    try:
        assert _client(app, "news.internal").get("/healthz").status_code == 200
        assert _client(app, "other.internal").get("/healthz").status_code == 400
    finally:
        app.state.web.store.close()


def test_web_compare_needs_token_off_loopback() -> None:
    app = create_app(Settings(db="sqlite://"), host="0.0.0.0", token="s3cret", isolate=False)
    client = _client(app, "news.example.org")
    try:
        # texts only (no URL): still compute-heavy, still behind the token
        reply = client.post("/api/compare", json={"texts": [TEXT, TEXT]})
        assert reply.status_code == 401 and reply.json()["error"]["code"] == "CC018"
        page = client.post("/compare", data={"text": [TEXT, TEXT]})
        assert page.status_code == 401
        # reads stay open
        assert client.get("/api/stories").status_code == 200
    finally:
        app.state.web.store.close()


@pytest.mark.parametrize(
    "path",
    [
        "/stories?offset=9223372036854775808",
        "/api/stories?offset=9223372036854775808",
        "/stories?offset=-1",
        "/stories?limit=0",
        "/stories?limit=1000000",
        "/api/stories?limit=1000000",
        "/search?q=fire&limit=1000000",
        "/api/search?q=fire&limit=1000000",
        "/api/stories/x?limit=0",
        "/api/stories/x?min_confidence=2",
    ],
)
def test_web_paging_bounded(loopback_app: Any, path: str) -> None:
    reply = _client(loopback_app, "127.0.0.1").get(path)
    assert reply.status_code == 422, (path, reply.status_code, reply.text[:200])


def test_web_compare_size_budget(loopback_app: Any) -> None:
    half = "x" * (MAX_COMPARE_CHARS // 2 + 10)
    client = _client(loopback_app, "127.0.0.1")
    for route in ("/api/compare", "/api/ingest"):
        reply = client.post(route, json={"texts": [half, half]})
        assert reply.status_code == 413, route
        assert reply.json()["error"]["code"] == "CC005"


def _sleepy(items: list[Any], settings: Settings) -> tuple[str, Any]:
    """Runs in the worker: a comparison that takes far too long (and holds its process)."""
    time.sleep(30)
    return "ok", None


@pytest.mark.slow
def test_web_health_answers_during_compare_and_budget_stops_it() -> None:
    app = create_app(Settings(db="sqlite://"), isolate=False)
    app.state.web.worker = CompareWorker(timeout=4.0, job=_sleepy)
    client = _client(app, "127.0.0.1")
    answers: dict[str, Any] = {}

    def compare() -> None:
        answers["compare"] = client.post("/api/compare", json={"texts": [TEXT, TEXT + "More."]})

    try:
        worker = threading.Thread(target=compare)
        worker.start()
        time.sleep(0.5)
        for _ in range(5):
            started = time.perf_counter()
            assert client.get("/healthz").status_code == 200
            assert time.perf_counter() - started < 1.0
            time.sleep(0.2)
        assert worker.is_alive()  # the compare is still running meanwhile
        worker.join(timeout=60)
        reply = answers["compare"]
        assert reply.status_code == 413 and reply.json()["error"]["code"] == "CC005"
        assert "stopped" in reply.json()["error"]["message"]
    finally:
        app.state.web.worker.close()
        app.state.web.store.close()


@pytest.mark.slow
def test_web_compare_holds_each_text_to_max_chars() -> None:
    """A pasted text over ``Settings.max_chars`` is a CC005 problem, as from the CLI."""
    from pathlib import Path

    examples = Path(__file__).resolve().parents[2] / "examples"
    lakeshore = (examples / "lakeshore-daily.txt").read_text("utf-8")
    meridian = (examples / "meridian-wire.txt").read_text("utf-8")
    long = (examples / "eastbank-bulletin.txt").read_text("utf-8") * 2  # ~4,900 characters
    settings = Settings(db="sqlite://", max_chars=3_000)
    assert len(long) > settings.max_chars >= max(len(lakeshore), len(meridian))
    assert len(long) < MAX_COMPARE_CHARS  # under the request budget: only max_chars says no
    app = create_app(settings, isolate=False)
    try:
        client = _client(app, "127.0.0.1")
        reply = client.post("/api/compare", json={"texts": [long, lakeshore, meridian]})
        assert reply.status_code == 200, reply.text
        body = reply.json()
        assert [a["source"] for a in body["articles"]] == ["text-2", "text-3"]
        refused = [p for p in body["problems"] if p["source"] == "text-1"]
        assert [p["code"] for p in refused] == ["CC005"]
        assert "max_chars=3000" in refused[0]["message"]
        alone = client.post("/api/compare", json={"texts": [long]})
        assert alone.status_code == 422  # nothing usable left: CC011 naming the CC005 reason
        assert alone.json()["error"]["code"] == "CC011"
        assert "max_chars=3000" in alone.json()["error"]["message"]
    finally:
        app.state.web.store.close()


def test_web_only_the_host_refusal_is_a_400() -> None:
    """Every coded error maps to a status the schema documents; 400 means a foreign Host."""
    from crosscheck.errors import CODES
    from crosscheck.web.security import DEFAULT_STATUS, STATUS

    statuses = {code: STATUS.get(code, DEFAULT_STATUS) for code in (*CODES, "CC000")}
    assert 400 not in statuses.values(), statuses
    assert statuses["CC021"] == 413 and statuses["CC019"] == statuses["CC020"] == 422


@pytest.mark.parametrize(
    "body", [b'\x1a\x13F\xff\xfeD"\xff', b"{not json", b"\xff\xfe\x00", b'{"texts": ["a\xff"]}']
)
def test_web_undecodable_body_is_a_documented_422(loopback_app: Any, body: bytes) -> None:
    """The audit's two undocumented 400s: bodies FastAPI cannot decode (ingest, compare)."""
    client = _client(loopback_app, "127.0.0.1")
    for route in ("/api/ingest", "/api/compare"):
        reply = client.post(route, content=body, headers={"content-type": "application/json"})
        assert reply.status_code == 422, (route, body, reply.text)
        assert reply.json()["error"]["code"] == "CC015"
