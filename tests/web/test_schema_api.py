"""Schemathesis against the app's own OpenAPI spec, in process: no request gives a 5xx.

Covers every GET route and ``POST /api/compare`` (the write routes are left out: they
would change the store) over the store filled from examples/ and our hostile articles,
with a bounded number of generated examples per route. ``slow``: compare runs spaCy.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
import schemathesis
from _app import filled_store
from hypothesis import HealthCheck, settings
from starlette.testclient import TestClient

from crosscheck.settings import Settings
from crosscheck.web.app import create_app

pytestmark = pytest.mark.slow


# The spec does not depend on the store, so the schema is loaded at import from an app over
# an empty in-memory store; ``filled`` then points that app at the filled store. (The lazy
# ``schemathesis.pytest.from_fixture`` loader needs a pytest attribute pytest 9 removed.)
APP = create_app(Settings(db="sqlite://"), allowed_hosts=("testserver", "localhost"))
schema = schemathesis.openapi.from_asgi("/openapi.json", APP).exclude(
    path_regex="^/api/(ingest|articles)"
)


@pytest.fixture(scope="module", autouse=True)
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    empty = APP.state.web
    store = filled_store(tmp_path_factory.mktemp("schema"))
    filled_app = create_app(store.settings)
    APP.state.web = filled_app.state.web
    yield
    APP.state.web = empty
    filled_app.state.web.store.close()


@schema.parametrize()
@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
def test_schema_no_server_error(case: Any) -> None:
    response = case.call()
    assert response.status_code < 500, f"{case.method} {case.formatted_path}: {response.text}"
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}
        assert body["error"]["code"].startswith("CC")
        assert "Traceback" not in response.text


def test_schema_lists_the_contract_routes() -> None:
    spec = TestClient(APP, base_url="http://127.0.0.1").get("/openapi.json").json()
    routes = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert {
        ("GET", "/api/stories"),
        ("GET", "/api/stories/{story_id}"),
        ("GET", "/api/speakers/{name}"),
        ("GET", "/api/search"),
        ("POST", "/api/compare"),
        ("POST", "/api/ingest"),
        ("DELETE", "/api/articles/{article_id}"),
        ("GET", "/healthz"),
    } <= routes
    assert not any(p.startswith("/stories") for _, p in routes)  # pages stay out of the API
