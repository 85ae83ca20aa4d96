"""The web app over PostgreSQL: the list filters, a story, a speaker and search.

The web queries are SQLAlchemy Core over the shared schema; this runs them on a throwaway
PostgreSQL cluster (``tests/_pg.py``) filled from examples/. Skipped without PostgreSQL.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from _app import EXAMPLES, client_for
from fastapi.testclient import TestClient

from crosscheck.settings import Settings

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # tests/_pg.py
from _pg import REASON, fresh_database

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


@pytest.fixture(scope="module")
def client() -> Iterator[TestClient]:
    url = fresh_database()
    if url is None:
        pytest.skip(f"no PostgreSQL: {REASON}")
    from crosscheck.corpus import ingest

    settings = Settings.from_env(db=url, processes=1)
    ingest([str(EXAMPLES)], settings, progress=False)
    yield from client_for(settings)


def test_api_postgres_lists_and_filters(client: TestClient) -> None:
    body = client.get("/api/stories").json()
    assert body["total"] == 1
    story = body["stories"][0]
    assert story["corroborated"] > 0 and story["conflicting"] >= 2
    assert client.get("/api/stories", params={"outlet": "COURIER"}).json()["total"] == 1
    assert client.get("/api/stories", params={"outlet": "100%_"}).json()["total"] == 0
    assert client.get("/api/stories", params={"kind": "copy"}).json()["total"] == 1
    assert client.get("/api/stories", params={"since": "2026-03-06"}).json()["total"] == 0
    assert client.get("/api/stories", params={"until": "2026-03-04"}).json()["total"] == 1
    assert client.get("/api/stories", params={"q": "evacuated"}).json()["total"] == 1
    assert client.get("/stories").status_code == 200


def test_api_postgres_story_speaker_search(client: TestClient) -> None:
    story = client.get("/api/stories").json()["stories"][0]["id"]
    report = client.get(f"/api/stories/{story}").json()
    assert report["schema"] == "crosscheck.report/1"
    assert client.get(f"/stories/{story}").status_code == 200
    name = next(q["speaker"]["name"] for q in report["quotes"] if q["speaker"])
    assert client.get(f"/api/speakers/{name}").json()["quotes"]
    hits = client.get("/api/search", params={"q": "solvent"}).json()["hits"]
    assert hits and all(h["story"] == story for h in hits)
