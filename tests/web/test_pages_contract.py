"""The HTML pages in process: status, the DOM contract's ids and classes, filters, errors.

Selectors come from the web UI contract the browser tests rely on; one filled store is
shared by the module (ingesting loads spaCy, hence ``slow``).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest
from _app import EXAMPLES, HOSTILE_SPEAKER, Filled, client_for, filled_store, parse, select
from fastapi.testclient import TestClient

from crosscheck.model import FINDING_KINDS
from crosscheck.report import View, apply_view, from_json, is_conflict

pytestmark = pytest.mark.slow

NAV = {"/stories", "/compare", "/search", "/docs"}


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    return filled_store(tmp_path_factory.mktemp("pages"))


@pytest.fixture(scope="module")
def client(filled: Filled) -> Iterator[TestClient]:
    yield from client_for(filled.settings)


def _page(client: TestClient, path: str, status: int = 200) -> object:
    reply = client.get(path)
    assert reply.status_code == status, reply.text[:500]
    assert reply.headers["content-type"].startswith("text/html")
    root = parse(reply.text)
    nav = select(root, "nav#top")
    assert len(nav) == 1
    assert {a.get("href") for a in select(nav[0], "a")} >= NAV
    return root


def _one(root: object, selector: str) -> object:
    found = select(root, selector)
    assert len(found) == 1, f"{selector}: {len(found)} elements"
    return found[0]


def test_pages_root_redirects_to_stories(client: TestClient) -> None:
    reply = client.get("/", follow_redirects=False)
    assert reply.status_code == 303
    assert reply.headers["location"] == "/stories"


def test_pages_stories_table(client: TestClient, filled: Filled) -> None:
    root = _page(client, "/stories")
    form = _one(root, "form#story-filters")
    assert form.get("method").lower() == "get"  # type: ignore[attr-defined]
    for name in ("since", "until", "outlet", "speaker", "q"):
        assert select(form, f'input[name="{name}"]'), name
    kinds = {o.get("value") for o in select(form, 'select[name="kind"] option')}
    assert set(FINDING_KINDS) <= kinds
    rows = select(root, "table#stories tr.story")
    assert len(rows) >= 2
    links = {_one(r, "a.story-link").get("href") for r in rows}  # type: ignore[attr-defined]
    assert {f"/stories/{filled.example_story}", f"/stories/{filled.hostile_story}"} <= links
    for row in rows:
        for cell in (".story-sources", ".story-span", ".count-corroborated", ".count-single"):
            _one(row, cell)
        _one(row, ".count-conflict")
    example = next(r for r in rows if r.get("data-story") == filled.example_story)
    api = client.get("/api/stories").json()
    row_json = next(s for s in api["stories"] if s["id"] == filled.example_story)
    assert _one(example, ".count-corroborated").text_content().strip() == str(  # type: ignore[attr-defined]
        row_json["corroborated"]
    )
    assert _one(example, ".count-conflict").text_content().strip() == str(  # type: ignore[attr-defined]
        row_json["conflicting"]
    )
    assert "Marrowfield Courier" in _one(example, ".story-sources").text_content()  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("query", "which"),
    [
        ("outlet=orchard", "hostile"),
        ("kind=attribution_conflict", "example"),
        ("since=2026-04-01&until=2026-04-30", "hostile"),
        ("q=evacuated", "example"),
        ("speaker=&kind=&outlet=Marrowfield", "example"),
    ],
)
def test_pages_stories_filters(client: TestClient, filled: Filled, query: str, which: str) -> None:
    expected = filled.example_story if which == "example" else filled.hostile_story
    root = _page(client, f"/stories?{query}")
    ids = {r.get("data-story") for r in select(root, "table#stories tr.story")}
    assert ids == {expected}


def test_pages_stories_bad_filter_shows_error(client: TestClient) -> None:
    root = _page(client, "/stories?since=yesterday", status=422)
    assert "CC015" in _one(root, "p.error").text_content()  # type: ignore[attr-defined]
    _one(root, "form#story-filters")


def test_pages_story_contract(client: TestClient, filled: Filled) -> None:
    root = _page(client, f"/stories/{filled.example_story}")
    assert _one(root, "h1#story-title").text_content().strip()  # type: ignore[attr-defined]
    report = client.get(f"/api/stories/{filled.example_story}").json()
    sources = select(root, "div#sources article.source")
    assert [s.get("data-article") for s in sources] == [a["id"] for a in report["articles"]]
    for source in sources:
        _one(source, "div.source-text")
    findings = select(root, "ol#findings li.finding")
    # the page shows the ranked default view of the same findings the API returns
    shown = apply_view(from_json(json.dumps(report))).findings
    by_id = {f.id: f for f in shown}
    assert [item.get("data-finding-id") for item in findings] == [f.id for f in shown]
    assert len(findings) < len(report["findings"])
    for i, item in enumerate(findings):
        finding = by_id[item.get("data-finding-id")]
        assert item.get("data-finding") == str(i)
        assert item.get("data-kind") == finding.kind
        assert _one(item, ".finding-summary").text_content() == finding.summary  # type: ignore[attr-defined]
        assert _one(item, ".finding-reason").text_content() == finding.reason  # type: ignore[attr-defined]
        assert _one(item, ".finding-confidence").text_content().strip()  # type: ignore[attr-defined]
    _one(root, "button#show-removed")
    assert select(root, "div.source-text del.removed")


def test_pages_story_filters(client: TestClient, filled: Filled) -> None:
    report = client.get(f"/api/stories/{filled.example_story}").json()
    every = select(_page(client, f"/stories/{filled.example_story}?all=1"), "li.finding")
    full = apply_view(from_json(json.dumps(report)), View(full=True)).findings
    assert [f.get("data-finding-id") for f in every] == [f.id for f in full]
    conflicts = select(
        _page(client, f"/stories/{filled.example_story}?kind=conflict&limit=&min_confidence="),
        "li.finding",
    )
    assert conflicts
    assert all(is_conflict(c.get("data-kind") or "") for c in conflicts)
    top = select(_page(client, f"/stories/{filled.example_story}?limit=2"), "li.finding")
    assert len(top) == 2
    _page(client, f"/stories/{filled.example_story}?min_confidence=7", status=422)
    api = client.get(f"/api/stories/{filled.example_story}?kind=corroborated&limit=3").json()
    assert len(api["findings"]) == 3 and {f["kind"] for f in api["findings"]} == {"corroborated"}


def test_pages_story_evidence_marks_match_findings(client: TestClient, filled: Filled) -> None:
    root = _page(client, f"/stories/{filled.example_story}?all=1")
    raw = client.get(f"/api/stories/{filled.example_story}").json()
    full = apply_view(from_json(json.dumps(raw)), View(full=True))  # one entry per fact
    by_id = {f.id: f for f in full.findings}
    order = [item.get("data-finding-id") for item in select(root, "li.finding")]
    report = {
        "findings": [{"summary": by_id[i].summary,
                      "evidence": [{"article": s.article} for s in by_id[i].evidence]}
                     for i in order]
    }  # fmt: skip
    indexes = {item.get("data-finding") for item in select(root, "li.finding")}
    marked: dict[str, set[str]] = {}
    for source in select(root, "article.source"):
        for mark in select(source, "mark.evidence"):
            ids = mark.get("data-findings").split()
            assert ids and set(ids) <= indexes
            for i in ids:
                marked.setdefault(i, set()).add(source.get("data-article"))
    for i, finding in enumerate(report["findings"]):
        articles = {span["article"] for span in finding["evidence"]}
        assert articles <= marked.get(str(i), set()), finding["summary"]


def test_pages_story_unknown_is_404_page(client: TestClient) -> None:
    root = _page(client, "/stories/no-such-story", status=404)
    assert "CC001" in _one(root, "p.error").text_content()  # type: ignore[attr-defined]


def test_pages_speaker(client: TestClient, filled: Filled) -> None:
    root = _page(client, f"/speakers/{HOSTILE_SPEAKER}")
    assert _one(root, "h1#speaker-name").text_content().strip() == HOSTILE_SPEAKER  # type: ignore[attr-defined]
    quotes = select(root, "ul#quotes li.quote")
    assert len(quotes) >= 2
    for quote in quotes:
        assert _one(quote, ".quote-text").text_content().strip()  # type: ignore[attr-defined]
        source = _one(quote, ".quote-source")
        assert select(source, f'a[href="/stories/{filled.hostile_story}"]')
    assert not select(root, "li.quote.conflict")


def test_pages_speaker_marks_conflicts(client: TestClient, filled: Filled) -> None:
    report = client.get(f"/api/stories/{filled.example_story}").json()
    conflict = next(f for f in report["findings"] if f["kind"] == "attribution_conflict")
    spans = {(s["article"], s["start"], s["end"]) for s in conflict["evidence"]}
    name = next(
        q["speaker"]["name"]
        for q in report["quotes"]
        if q["speaker"] and (q["article"], q["start"], q["end"]) in spans
    )
    root = _page(client, f"/speakers/{name}")
    assert select(root, "ul#quotes li.quote.conflict")


def test_pages_speaker_unknown_is_404(client: TestClient) -> None:
    _page(client, "/speakers/Nobody Ever Quoted", status=404)


def test_pages_search(client: TestClient, filled: Filled) -> None:
    root = _page(client, "/search?q=catalogue")
    form = _one(root, "form#search-form")
    assert select(form, 'input[name="q"]')[0].get("value") == "catalogue"
    hits = select(root, "ol#results li.hit")
    assert hits
    for hit in hits:
        assert _one(hit, ".hit-kind").text_content() in {"article", "quote"}  # type: ignore[attr-defined]
        assert _one(hit, "a.hit-link").get("href") == f"/stories/{filled.hostile_story}"  # type: ignore[attr-defined]
        assert "catalogue" in _one(hit, ".hit-snippet").text_content().lower()  # type: ignore[attr-defined]
        # matches highlighted, not shown as literal [word]; a title for people, not an id
        marks = select(hit, ".hit-snippet mark.match")
        assert marks and all("catalogue" in m.text_content().lower() for m in marks)
        assert "[catalogue" not in _one(hit, ".hit-snippet").text_content().lower()  # type: ignore[attr-defined]
        title = _one(hit, "a.hit-link").text_content()  # type: ignore[attr-defined]
        assert title.strip() and not re.fullmatch(r"[0-9a-f]{16}", title.strip())
    empty = _page(client, "/search")
    assert not select(empty, "li.hit")
    _one(empty, "ol#results")


def test_pages_compare_form(client: TestClient) -> None:
    root = _page(client, "/compare")
    form = _one(root, "form#compare-form")
    assert form.get("method").lower() == "post"  # type: ignore[attr-defined]
    assert form.get("action") == "/compare"  # type: ignore[attr-defined]
    assert form.get("enctype") == "multipart/form-data"  # type: ignore[attr-defined]
    texts = select(form, "textarea.compare-text")
    assert [t.get("id") for t in texts] == ["compare-text-1", "compare-text-2"]
    assert {t.get("name") for t in texts} == {"text"}
    _one(form, "button#compare-add")
    assert _one(form, "#compare-urls").get("name") == "urls"  # type: ignore[attr-defined]
    files = _one(form, "input#compare-files")
    assert files.get("type") == "file"  # type: ignore[attr-defined]
    assert files.get("name") == "files"  # type: ignore[attr-defined]
    assert files.get("multiple") is not None  # type: ignore[attr-defined]
    _one(form, "button#compare-submit")
    assert not select(root, "input#compare-token")  # loopback: no token field


def test_pages_compare_submit_texts_and_file(client: TestClient) -> None:
    wire = (EXAMPLES / "meridian-wire.txt").read_text("utf-8")
    courier = (EXAMPLES / "marrowfield-courier.html").read_bytes()
    reply = client.post(
        "/compare",
        data={"text": [wire, ""], "urls": ""},
        files=[("files", ("marrowfield-courier.html", courier, "text/html"))],
    )
    assert reply.status_code == 200, reply.text[:500]
    root = parse(reply.text)
    report = _one(root, "section#report")
    sources = select(report, "div#sources article.source")
    assert len(sources) == 2
    assert select(report, "ol#findings li.finding")
    assert select(report, "mark.evidence")
    assert "The Marrowfield Courier" in report.text_content()  # type: ignore[attr-defined]
    kept = select(root, "textarea#compare-text-1")[0].text_content()
    assert kept.strip() == wire.strip()


def test_pages_compare_nothing_usable_shows_error(client: TestClient) -> None:
    reply = client.post("/compare", data={"text": ["short", "also short"]})
    assert reply.status_code == 422
    root = parse(reply.text)
    assert "CC011" in _one(root, "p.error").text_content()  # type: ignore[attr-defined]
    assert not select(root, "section#report")


def test_pages_docs_lists_every_api_route(client: TestClient) -> None:
    root = _page(client, "/docs")
    text = root.text_content()  # type: ignore[attr-defined]
    for route in ("/api/stories", "/api/stories/{story_id}", "/api/speakers/{name}"):
        assert route in text
    for route in ("/api/search", "/api/compare", "/api/ingest", "/api/articles/{article_id}"):
        assert route in text
    assert [s.get("src") for s in select(root, "script")] == ["/static/app.js"]


def test_pages_static_assets(client: TestClient) -> None:
    for path, kind in (
        ("/static/app.js", "javascript"),
        ("/static/app.css", "text/css"),
        ("/static/report.css", "text/css"),
    ):
        reply = client.get(path)
        assert reply.status_code == 200
        assert kind in reply.headers["content-type"]


def test_pages_story_speaker_links_resolve(client: TestClient, filled: Filled) -> None:
    root = _page(client, f"/stories/{filled.example_story}")
    links = [a.get("href") for a in select(root, "nav.speakers a.speaker-link")]
    assert len(links) >= 3
    for href in links:
        page = _page(client, href)
        assert select(page, "ul#quotes li.quote"), href
