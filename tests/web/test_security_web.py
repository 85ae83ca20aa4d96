"""Web security: escaping of hostile article text, headers, body limits, token, error bodies.

The escaping tests read a store holding our own hostile articles (``slow``: ingesting loads
spaCy); everything else runs on an empty in-memory store and is fast.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from _app import HOSTILE_SPEAKER, IMG, SCRIPT, Filled, client_for, filled_store, parse, select
from click.testing import CliRunner
from fastapi.testclient import TestClient

from crosscheck.cli import main
from crosscheck.errors import CrosscheckError
from crosscheck.settings import Settings
from crosscheck.store import open_store
from crosscheck.web.app import create_app
from crosscheck.web.security import CSP

TOKEN = "t0ken-for-tests"
PAGES = ("/stories", "/compare", "/search?q=fire", "/docs", "/stories/missing", "/nope")
ESCAPED_SCRIPT = "&lt;script&gt;alert(1)&lt;/script&gt;"
ESCAPED_IMG = "&lt;img src=x onerror=alert(1)&gt;"


def _empty_client(**kwargs: object) -> Iterator[TestClient]:
    yield from client_for(Settings(db="sqlite://"), **kwargs)


@pytest.fixture
def client() -> Iterator[TestClient]:
    yield from _empty_client()


@pytest.fixture
def remote() -> Iterator[TestClient]:
    """The app as if bound to all interfaces, with a token."""
    yield from _empty_client(host="0.0.0.0", token=TOKEN)


# --- escaping ----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Filled]]:
    filled = filled_store(tmp_path_factory.mktemp("hostile"))
    for client in client_for(filled.settings):
        yield client, filled


def _assert_inert(page: str) -> None:
    assert SCRIPT not in page
    assert "<img" not in page
    assert "onerror=alert(1)>" not in page
    assert page.count("<script") == 1  # only <script src="/static/app.js">
    root = parse(page)
    assert [s.get("src") for s in select(root, "script")] == ["/static/app.js"]
    assert not select(root, "img")
    assert not root.xpath("//@*[starts-with(name(), 'on')]")


@pytest.mark.slow
def test_security_story_page_escapes_article_text(hostile: tuple[TestClient, Filled]) -> None:
    client, filled = hostile
    page = client.get(f"/stories/{filled.hostile_story}").text
    _assert_inert(page)
    # escaped in the text itself (highlight marks may fall inside the payload)
    bare = re.sub(r"<[^>]+>", "", page)
    assert ESCAPED_SCRIPT in bare
    assert ESCAPED_IMG in bare
    root = parse(page)
    texts = " ".join(t.text_content() for t in select(root, "div.source-text"))
    assert SCRIPT in texts and IMG in texts  # shown to the reader as text


@pytest.mark.slow
@pytest.mark.parametrize(
    "path",
    ["/stories", "/search?q=alert", "/search?q=catalogue", f"/speakers/{HOSTILE_SPEAKER}"],
)
def test_security_other_pages_escape(hostile: tuple[TestClient, Filled], path: str) -> None:
    client, _ = hostile
    reply = client.get(path)
    assert reply.status_code == 200
    _assert_inert(reply.text)


@pytest.mark.slow
def test_security_stories_and_search_show_the_payload_escaped(
    hostile: tuple[TestClient, Filled],
) -> None:
    client, filled = hostile
    assert ESCAPED_SCRIPT in client.get("/stories").text  # the story title carries it
    report = client.get(f"/api/stories/{filled.hostile_story}").json()
    speakers = {
        q["speaker"]["name"] for q in report["quotes"] if q["speaker"] and "onerror" in q["text"]
    }
    assert speakers  # whoever the extractor credits with the payload quote
    for name in speakers:
        page = client.get(f"/speakers/{name}").text
        _assert_inert(page)
        assert ESCAPED_IMG in page


@pytest.mark.slow
def test_security_compare_page_escapes_pasted_text(hostile: tuple[TestClient, Filled]) -> None:
    client, _ = hostile
    base = (
        "Harbour crane toppled in storm at Quay Nine\n\n"
        "PORT ELLERY, May 2 — A harbour crane toppled at Quay Nine on Saturday during a storm, "
        "the port authority said. Nobody was hurt, and about 40 containers were damaged.\n\n"
    )
    texts = [
        base + f"“The alarm showed {SCRIPT} and then {IMG} on every screen,” said Ivo Marsh.\n",
        base + "“The crane was tied down as the rules require,” said Ivo Marsh on Sunday.\n",
    ]
    reply = client.post("/compare", data={"text": texts})
    assert reply.status_code == 200, reply.text[:300]
    _assert_inert(reply.text)  # the form keeps the pasted texts, escaped, in its textareas
    report = re.sub(r"<[^>]+>", "", reply.text.split('id="report"', 1)[1])
    assert ESCAPED_SCRIPT in report
    assert ESCAPED_IMG in report


@pytest.mark.slow
def test_security_json_keeps_text_verbatim(hostile: tuple[TestClient, Filled]) -> None:
    client, filled = hostile
    reply = client.get(f"/api/stories/{filled.hostile_story}")
    assert reply.headers["content-type"].startswith("application/json")
    assert any(SCRIPT in a["text"] for a in reply.json()["articles"])


# --- headers -----------------------------------------------------------------------------
@pytest.mark.parametrize("path", [*PAGES, "/api/stories", "/healthz", "/static/app.js"])
def test_security_headers_on_every_response(client: TestClient, path: str) -> None:
    reply = client.get(path)
    assert reply.headers["content-security-policy"] == CSP
    assert reply.headers["x-content-type-options"] == "nosniff"
    assert reply.headers["referrer-policy"] == "same-origin"
    assert reply.headers["x-frame-options"] == "DENY"


def test_security_csp_allows_no_inline_script() -> None:
    assert "unsafe-inline" not in CSP
    assert "unsafe-eval" not in CSP
    assert "script-src 'self'" in CSP
    assert "frame-ancestors 'none'" in CSP
    assert "default-src 'none'" in CSP


def test_security_pages_have_no_inline_script_or_style(client: TestClient) -> None:
    for path in PAGES:
        page = client.get(path).text
        root = parse(page)
        assert all(s.get("src") for s in select(root, "script")), path
        assert not select(root, "style"), path
        assert not root.xpath("//@style"), path


# --- request size ------------------------------------------------------------------------
def test_security_oversized_body_is_413() -> None:
    for client in _empty_client(max_body=2_000):
        reply = client.post("/api/compare", json={"texts": ["word " * 1_000]})
        assert reply.status_code == 413
        assert reply.json()["error"]["code"] == "CC005"


def test_security_oversized_streamed_body_is_413() -> None:
    def chunks() -> Iterator[bytes]:
        yield b'{"texts": ["'
        for _ in range(10):
            yield b"x" * 1_000
        yield b'"]}'

    for client in _empty_client(max_body=2_000):
        reply = client.post(
            "/api/compare", content=chunks(), headers={"content-type": "application/json"}
        )
        assert reply.status_code == 413
        assert reply.json()["error"]["code"] == "CC005"


def test_security_oversized_form_is_413() -> None:
    for client in _empty_client(max_body=2_000):
        reply = client.post("/compare", data={"text": ["y" * 5_000, "z"]})
        assert reply.status_code == 413


# --- token -------------------------------------------------------------------------------
def test_security_off_loopback_needs_a_token_to_start() -> None:
    with pytest.raises(CrosscheckError, match="CC018"):
        create_app(Settings(db="sqlite://"), host="0.0.0.0")


@pytest.mark.parametrize(
    ("method", "path", "body"),
    [
        ("POST", "/api/ingest", {"texts": ["anything"]}),
        ("POST", "/api/compare", {"urls": ["https://example.org/a"]}),
        ("DELETE", "/api/articles/abc", None),
    ],
)
@pytest.mark.parametrize("auth", [None, "Bearer wrong", "Basic " + TOKEN, TOKEN])
def test_security_writes_need_the_token_off_loopback(
    remote: TestClient, method: str, path: str, body: object, auth: str | None
) -> None:
    headers = {"authorization": auth} if auth else {}
    reply = remote.request(method, path, json=body, headers=headers)
    assert reply.status_code == 401
    assert reply.json()["error"]["code"] == "CC018"


def test_security_right_token_passes(remote: TestClient) -> None:
    reply = remote.delete("/api/articles/abc", headers={"authorization": f"Bearer {TOKEN}"})
    assert reply.status_code == 404  # past the token check: no such article


def test_security_reads_need_no_token_compare_does(remote: TestClient) -> None:
    assert remote.get("/api/stories").status_code == 200
    assert remote.get("/stories").status_code == 200
    reply = remote.post("/api/compare", json={"texts": ["short"]})
    assert reply.status_code == 401  # compare-now is compute-heavy: behind the token too
    authorised = remote.post(
        "/api/compare", json={"texts": ["short"]}, headers={"authorization": f"Bearer {TOKEN}"}
    )
    assert authorised.status_code == 422  # past the token: too short to compare


def test_security_compare_form_with_urls_needs_token(remote: TestClient) -> None:
    page = remote.get("/compare").text
    assert 'id="compare-token"' in page
    reply = remote.post("/compare", data={"urls": "https://example.org/a"})
    assert reply.status_code == 401
    assert "CC018" in reply.text


def test_security_loopback_needs_no_token(client: TestClient) -> None:
    assert client.delete("/api/articles/abc").status_code == 404


def test_security_cross_site_write_is_refused(client: TestClient) -> None:
    reply = client.post(
        "/compare", data={"text": ["a", "b"]}, headers={"origin": "https://evil.example"}
    )
    assert reply.status_code == 403
    same = client.post(
        "/compare", data={"text": ["a", "b"]}, headers={"origin": "http://127.0.0.1"}
    )
    assert same.status_code == 422


def test_security_serve_refuses_off_loopback_without_token(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CROSSCHECK_TOKEN", raising=False)
    result = CliRunner().invoke(main, ["serve", "--host", "0.0.0.0", "--db", "sqlite://"])
    assert result.exit_code != 0
    assert "CC018" in result.output
    assert "--token" in result.output


def test_security_serve_help_has_example() -> None:
    result = CliRunner().invoke(main, ["serve", "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert "crosscheck serve --db sqlite:///news.db" in result.output


# --- errors ------------------------------------------------------------------------------
def test_security_errors_are_coded_json(client: TestClient) -> None:
    assert client.get("/api/nope").json()["error"]["code"] == "CC001"
    reply = client.put("/api/stories")
    assert reply.status_code == 405
    assert reply.json()["error"]["code"] == "CC015"
    reply = client.post(
        "/api/compare", content=b"{not json", headers={"content-type": "application/json"}
    )
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "CC015"


def test_security_unexpected_error_has_no_traceback() -> None:
    store = open_store("sqlite://")

    def broken(query: str, limit: int = 20) -> list[object]:
        raise RuntimeError("secret internal detail")

    store.search = broken  # type: ignore[method-assign]
    app = create_app(Settings(db="sqlite://"), store=store)
    with TestClient(app, base_url="http://127.0.0.1", raise_server_exceptions=False) as client:
        for path in ("/api/search?q=x", "/search?q=x"):
            reply = client.get(path)
            assert reply.status_code == 500
            assert "secret internal detail" not in reply.text
            assert "Traceback" not in reply.text
            assert "CC000" in reply.text
            assert reply.headers["content-security-policy"] == CSP
