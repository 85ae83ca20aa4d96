"""The JSON API in process: every route, filters, errors, and the same report as the CLI.

One store filled from examples/ and two hostile articles of our own is shared by the module
(ingesting loads spaCy, hence ``slow``); write tests work on their own copy.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from _app import EXAMPLES, HOSTILE_SPEAKER, Filled, client_for, filled_store
from fastapi.testclient import TestClient

from crosscheck.corpus import story_report
from crosscheck.report import report_dict

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    return filled_store(tmp_path_factory.mktemp("api"))


@pytest.fixture(scope="module")
def client(filled: Filled) -> Iterator[TestClient]:
    yield from client_for(filled.settings)


def _ids(reply: dict[str, object]) -> set[str]:
    return {s["id"] for s in reply["stories"]}  # type: ignore[attr-defined, index]


def test_api_healthz(client: TestClient) -> None:
    reply = client.get("/healthz")
    assert reply.status_code == 200
    assert reply.json() == {"status": "ok"}


def test_api_stories_lists_both_stories_with_counts(client: TestClient, filled: Filled) -> None:
    reply = client.get("/api/stories")
    assert reply.status_code == 200
    body = reply.json()
    assert body["total"] == len(body["stories"]) >= 2
    assert {filled.example_story, filled.hostile_story} <= _ids(body)
    example = next(s for s in body["stories"] if s["id"] == filled.example_story)
    assert example["href"] == f"/stories/{filled.example_story}"
    assert "The Marrowfield Courier" in example["sources"]
    assert example["first_seen"] <= example["last_seen"]
    counts = example["counts"]
    assert example["corroborated"] == counts["corroborated"] > 0
    assert example["single_source"] == counts["single_source"] > 0
    assert example["conflicting"] == (
        counts["attribution_conflict"] + counts["numeric_conflict"] + counts["date_conflict"]
    )
    assert counts["date_conflict"] == 1  # the examples' Monday / March 3 start of the fire
    assert example["conflicting"] >= 2


@pytest.mark.parametrize(
    ("params", "which"),
    [
        ({"outlet": "marrowfield courier"}, {"example"}),
        ({"outlet": "valley ledger"}, {"hostile"}),
        ({"speaker": HOSTILE_SPEAKER.split()[0].lower()}, {"hostile"}),
        ({"kind": "numeric_conflict"}, {"example"}),
        ({"since": "2026-04-01"}, {"hostile"}),
        ({"until": "2026-03-31"}, {"example"}),
        ({"since": "2026-03-01", "until": "2026-04-30"}, {"example", "hostile"}),
        ({"q": "catalogue"}, {"hostile"}),
        ({"q": "solvent"}, {"example"}),
        ({"outlet": "no such outlet anywhere"}, set()),
        ({"kind": ""}, {"example", "hostile"}),
    ],
)
def test_api_stories_filters(
    client: TestClient, filled: Filled, params: dict[str, str], which: set[str]
) -> None:
    names = {"example": filled.example_story, "hostile": filled.hostile_story}
    reply = client.get("/api/stories", params=params)
    assert reply.status_code == 200, reply.text
    found = _ids(reply.json()) & set(names.values())
    assert found == {names[w] for w in which}
    assert reply.json()["total"] == len(reply.json()["stories"])


def test_api_stories_paging(client: TestClient) -> None:
    first = client.get("/api/stories", params={"limit": 1}).json()
    second = client.get("/api/stories", params={"limit": 1, "offset": 1}).json()
    assert len(first["stories"]) == len(second["stories"]) == 1
    assert first["total"] == second["total"] >= 2
    assert first["stories"][0]["id"] != second["stories"][0]["id"]


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "rumour"},
        {"kind": " copy"},  # the schema's enum: no spaces, no case variants
        {"since": "last tuesday"},
        {"since": "2026-02-30"},  # the pattern's shape, not a day
        {"since": "0"},  # pydantic alone reads this as the Unix epoch
        {"until": "2026-03-17T09:30"},  # a date-time is not format: date
        {"outlet": "x" * 501},
        {"q": "fire " * 101},
        {"limit": 0},
        {"limit": 10_000},
        {"offset": -1},
    ],
)
def test_api_stories_bad_filters_are_422(client: TestClient, params: dict[str, object]) -> None:
    reply = client.get("/api/stories", params=params)
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "CC015"


def test_api_story_is_the_cli_report(client: TestClient, filled: Filled) -> None:
    reply = client.get(f"/api/stories/{filled.example_story}")
    assert reply.status_code == 200
    assert reply.headers["content-type"].startswith("application/json")
    body = reply.json()
    assert body["schema"] == "crosscheck.report/1"
    expected = json.loads(
        json.dumps(report_dict(story_report(filled.example_story, filled.settings)))
    )
    assert body == expected
    kinds = {f["kind"] for f in body["findings"]}
    assert {"attribution_conflict", "numeric_conflict", "corroborated", "copy"} <= kinds
    for finding in body["findings"]:
        texts = {a["id"]: a["text"] for a in body["articles"]}
        for span in finding["evidence"]:
            assert texts[span["article"]][span["start"] : span["end"]] == span["text"]


def test_api_story_second_read_is_identical(client: TestClient, filled: Filled) -> None:
    first = client.get(f"/api/stories/{filled.hostile_story}")
    second = client.get(f"/api/stories/{filled.hostile_story}")
    assert first.status_code == second.status_code == 200
    assert first.content == second.content


def test_api_story_unknown_is_404_json(client: TestClient) -> None:
    reply = client.get("/api/stories/no-such-story")
    assert reply.status_code == 404
    assert reply.json() == {
        "error": {"code": "CC001", "message": "no story with id 'no-such-story'"}
    }


def _speaker_of_conflict(client: TestClient, story: str) -> str:
    report = client.get(f"/api/stories/{story}").json()
    conflict = next(f for f in report["findings"] if f["kind"] == "attribution_conflict")
    spans = {(s["article"], s["start"], s["end"]) for s in conflict["evidence"]}
    for quote in report["quotes"]:
        if quote["speaker"] and (quote["article"], quote["start"], quote["end"]) in spans:
            return str(quote["speaker"]["name"])
    raise AssertionError("no quote is evidence of the attribution conflict")


def test_api_speaker_quotes_with_conflicts(client: TestClient, filled: Filled) -> None:
    name = _speaker_of_conflict(client, filled.example_story)
    reply = client.get(f"/api/speakers/{name}")
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["speaker"] == name
    assert body["quotes"]
    assert any(q["conflict"] and q["conflicts"] for q in body["quotes"])
    for quote in body["quotes"]:
        assert quote["story"] == filled.example_story
        assert quote["href"] == f"/stories/{filled.example_story}"
        assert quote["text"]


def test_api_speaker_any_case(client: TestClient) -> None:
    reply = client.get(f"/api/speakers/{HOSTILE_SPEAKER.upper()}")
    assert reply.status_code == 200
    assert reply.json()["speaker"] == HOSTILE_SPEAKER
    assert not any(q["conflict"] for q in reply.json()["quotes"])


def test_api_speaker_unknown_is_404_json(client: TestClient) -> None:
    reply = client.get("/api/speakers/Nobody Ever Quoted")
    assert reply.status_code == 404
    assert reply.json()["error"]["code"] == "CC001"


def test_api_search_hits_link_to_stories(client: TestClient, filled: Filled) -> None:
    reply = client.get("/api/search", params={"q": "solvent tanks", "limit": 5})
    assert reply.status_code == 200
    hits = reply.json()["hits"]
    assert 0 < len(hits) <= 5
    assert {h["kind"] for h in hits} <= {"article", "quote"}
    assert all(h["story"] == filled.example_story for h in hits)
    assert all(h["href"] == f"/stories/{filled.example_story}" for h in hits)
    assert client.get("/api/search", params={"q": ""}).json() == {"query": "", "hits": []}


def test_api_compare_texts(client: TestClient) -> None:
    texts = [
        (EXAMPLES / "meridian-wire.txt").read_text("utf-8"),
        (EXAMPLES / "eastbank-bulletin.txt").read_text("utf-8"),
    ]
    reply = client.post("/api/compare", json={"texts": texts})
    assert reply.status_code == 200, reply.text
    body = reply.json()
    assert body["schema"] == "crosscheck.report/1"
    assert [a["source"] for a in body["articles"]] == ["text-1", "text-2"]
    assert body["findings"]


def test_api_compare_nothing_usable_is_422(client: TestClient) -> None:
    reply = client.post("/api/compare", json={"texts": ["too short"]})
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "CC011"


def test_api_compare_refuses_loopback_urls(client: TestClient) -> None:
    reply = client.post(
        "/api/compare", json={"urls": ["http://127.0.0.1:9/a", "http://169.254.169.254/latest"]}
    )
    assert reply.status_code == 422
    message = reply.json()["error"]["message"]
    assert message.count("address refused") == 2


def test_api_compare_too_many_inputs_is_422(client: TestClient) -> None:
    reply = client.post("/api/compare", json={"texts": ["x"] * 21})
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "CC015"
    # 20 of each is what the schema allows: past the count, refused for content (CC011)
    reply = client.post("/api/compare", json={"texts": ["x"] * 20, "urls": ["x"] * 20})
    assert reply.status_code == 422
    assert reply.json()["error"]["code"] == "CC011"


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/stories/{story}", {"kind": "numeric-conflict, corroborated"}),
        ("/api/stories/{story}", {"kind": ["conflict", ""]}),
        ("/api/stories", {"since": "2026-03-01", "until": "2026-04-30", "kind": ""}),
        ("/api/speakers/{speaker}", {}),
    ],
)
def test_api_schema_valid_requests_accepted(
    client: TestClient, filled: Filled, path: str, params: dict[str, object]
) -> None:
    url = path.format(story=filled.example_story, speaker=HOSTILE_SPEAKER)
    reply = client.get(url, params=params)  # type: ignore[arg-type]
    assert reply.status_code == 200, reply.text


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/stories/{story}", {"kind": "numeric conflict"}),  # a comma separates kinds
        ("/api/stories/{story}", {"kind": "Copy"}),
        ("/api/speakers/" + "n" * 501, {}),
    ],
)
def test_api_schema_violations_refused(
    client: TestClient, filled: Filled, path: str, params: dict[str, object]
) -> None:
    url = path.format(story=filled.example_story)
    reply = client.get(url, params=params)  # type: ignore[arg-type]
    assert reply.status_code == 422, reply.text
    assert reply.json()["error"]["code"] == "CC015"


@pytest.fixture
def writable(tmp_path: Path) -> Iterator[tuple[TestClient, Filled]]:
    filled = filled_store(tmp_path)
    for client in client_for(filled.settings):
        yield client, filled


def test_api_ingest_then_delete(writable: tuple[TestClient, Filled]) -> None:
    client, filled = writable
    before = client.get(f"/stories/{filled.hostile_story}").text
    text = (
        "Brindle Hollow library catalogue returns\n\n"
        "BRINDLE HOLLOW, April 10 — The online catalogue of the Brindle Hollow library came "
        "back on Friday, three days after a visitor typed code into its review form. "
        f"“Every review was read by a person before it went back up,” {HOSTILE_SPEAKER} said.\n"
    )
    reply = client.post("/api/ingest", json={"texts": [text]})
    assert reply.status_code == 200, reply.text
    result = reply.json()
    assert result["added"] == 1
    assert result["problem_count"] == 0
    total = client.get("/api/stories").json()["total"]
    new = client.get("/api/search", params={"q": '"came back on Friday"'}).json()["hits"]
    assert new
    article = new[0]["article"]
    story = new[0]["story"]
    if story == filled.hostile_story:  # grouped with its story: the cached page was replaced
        assert client.get(f"/stories/{story}").text != before
    reply = client.delete(f"/api/articles/{article}")
    assert reply.status_code == 200
    assert reply.json() == {"deleted": article, "story": story}
    assert not client.get("/api/search", params={"q": '"came back on Friday"'}).json()["hits"]
    assert client.get("/api/stories").json()["total"] <= total
    again = client.delete(f"/api/articles/{article}")
    assert again.status_code == 404
    assert again.json()["error"]["code"] == "CC001"


def test_api_ingest_of_nothing_and_bad_urls(writable: tuple[TestClient, Filled]) -> None:
    client, _ = writable
    total = client.get("/api/stories").json()["total"]
    for body in ({}, {"texts": ["", "  \n"]}):  # schema-valid: a run that ingests nothing
        reply = client.post("/api/ingest", json=body)
        assert reply.status_code == 200, reply.text
        assert reply.json()["added"] == 0 and reply.json()["problem_count"] == 0
    assert client.get("/api/stories").json()["total"] == total
    for url in ("file:///etc/passwd", "  ftp://example.org/a", "example.org/a"):
        reply = client.post("/api/ingest", json={"urls": [url]})
        assert reply.status_code == 422, url  # the schema's pattern: http(s) only
        assert reply.json()["error"]["code"] == "CC015"


def test_api_delete_last_article_removes_story(writable: tuple[TestClient, Filled]) -> None:
    client, filled = writable
    report = client.get(f"/api/stories/{filled.hostile_story}").json()
    for article in report["articles"]:
        assert client.delete(f"/api/articles/{article['id']}").status_code == 200
    assert client.get(f"/api/stories/{filled.hostile_story}").status_code == 404
    assert filled.hostile_story not in _ids(client.get("/api/stories").json())
    assert filled.example_story in _ids(client.get("/api/stories").json())


def test_api_sees_writes_of_another_process(
    writable: tuple[TestClient, Filled], monkeypatch: pytest.MonkeyPatch
) -> None:
    from crosscheck.store import open_store
    from crosscheck.web import views

    client, filled = writable
    monkeypatch.setattr(views, "MARKER_TTL", 3600.0)
    assert filled.hostile_story in _ids(client.get("/api/stories").json())
    page = client.get(f"/stories/{filled.hostile_story}")
    assert page.status_code == 200
    other = open_store(filled.settings.db)  # another writer on the same store
    try:
        assert other.delete_story(filled.hostile_story)
    finally:
        other.close()
    # within the marker's lifetime the cached list and page are still served ...
    assert filled.hostile_story in _ids(client.get("/api/stories").json())
    assert client.get(f"/stories/{filled.hostile_story}").status_code == 200
    # ... and once it has expired the store is asked again
    monkeypatch.setattr(views, "MARKER_TTL", 0.0)
    assert client.get("/api/stories").status_code == 200  # this request re-reads the marker
    assert filled.hostile_story not in _ids(client.get("/api/stories").json())
    client.get(f"/stories/{filled.hostile_story}")
    assert client.get(f"/stories/{filled.hostile_story}").status_code == 404


def test_api_compare_pasted_html_page(client: TestClient) -> None:
    texts = [
        (EXAMPLES / "marrowfield-courier.html").read_text("utf-8"),
        (EXAMPLES / "tri-county-herald.html").read_text("utf-8"),
    ]
    reply = client.post("/api/compare", json={"texts": texts})
    assert reply.status_code == 200, reply.text
    articles = reply.json()["articles"]
    assert [a["format"] for a in articles] == ["html", "html"]
    assert articles[0]["outlet"] == "The Marrowfield Courier"
    assert "<p" not in articles[0]["text"]
