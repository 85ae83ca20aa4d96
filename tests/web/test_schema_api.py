"""Schemathesis against the app's own OpenAPI spec, in process, over all 8 operations.

Every built-in check runs (no 5xx, status codes and content types documented, responses
matching their schemas, schema-valid requests accepted and schema-violating ones
rejected, 405 with ``Allow`` for other methods...) on positive and negative data, in the
examples, coverage and fuzzing phases, with a fixed seed and a bounded number of examples
per operation (``CROSSCHECK_SCHEMA_EXAMPLES``, default 20; the big run of the closing
note used the CLI, see ``SCHEMATHESIS_CONFIG``). The write routes (``POST /api/ingest``,
``DELETE /api/articles/{id}``) run on a throwaway copy of the store filled from examples/
and our hostile articles. No request leaves the machine: name resolution is refused, so a
generated URL is a fetch problem (CC008), never a connection.

One documented exception: ``POST /api/compare`` answers 422 CC011 to a schema-valid body
whose inputs give no usable article (too short, binary, unreachable...); whether a text
is an article cannot be said in JSON Schema. Only that code is accepted there: any other
422 of a schema-valid request fails. ``slow``: compare and ingest run spaCy.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from _app import HOSTILE_SPEAKER, Filled, filled_store
from schemathesis import GenerationMode
from schemathesis.config import SchemathesisConfig
from starlette.testclient import TestClient

from crosscheck.settings import Settings
from crosscheck.web.app import create_app

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("CROSSCHECK_SCHEMA_EXAMPLES", "20") or 20)
POSITIVE_OK = ["2xx", "3xx", "401", "403", "404", "409", "429"]
#: The configuration of these tests, also what the big CLI run used (``st run --config``).
SCHEMATHESIS_CONFIG: dict[str, Any] = {
    "seed": 18,
    "suppress-health-check": ["all"],  # a loaded CI machine is slow, not wrong
    "generation": {"mode": "all", "max-examples": EXAMPLES, "database": "none"},
    "phases": {
        "examples": {"enabled": True},
        "coverage": {"enabled": True},
        "fuzzing": {"enabled": True},
    },
    "checks": {"enabled": True},
    "operations": [
        {
            "include-path": "/api/compare",
            "include-method": "POST",
            "checks": {"positive_data_acceptance": {"expected-statuses": [*POSITIVE_OK, "422"]}},
        }
    ],
}

# The spec does not depend on the store, so the schema is loaded at import from an app over
# an empty in-memory store; ``filled`` then points that app at a private filled store.
APP = create_app(Settings(db="sqlite://"), allowed_hosts=("testserver", "localhost"))
schema = schemathesis.openapi.from_asgi(
    "/openapi.json", APP, config=SchemathesisConfig.from_dict(SCHEMATHESIS_CONFIG)
)
SEEN: dict[str, int] = {}


def _no_resolution(*args: Any, **kwargs: Any) -> Any:
    raise socket.gaierror(socket.EAI_NONAME, "name resolution is off in these tests")


@pytest.fixture(scope="module", autouse=True)
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Filled]:
    empty = APP.state.web
    store = filled_store(tmp_path_factory.mktemp("schema"))
    filled_app = create_app(store.settings)
    APP.state.web = filled_app.state.web
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(socket, "getaddrinfo", _no_resolution)
        yield store
    APP.state.web = empty
    if filled_app.state.web.worker is not None:
        filled_app.state.web.worker.close()
    filled_app.state.web.store.close()


@schema.parametrize()
def test_schema_conformance(case: Any) -> None:
    _check(case)


def _check(case: Any) -> int:
    response = case.call_and_validate()
    SEEN[case.operation.label] = SEEN.get(case.operation.label, 0) + 1
    assert response.status_code != 400, response.text  # 400 is only a foreign Host's
    if response.status_code >= 400:
        body = response.json()
        assert set(body) == {"error"}
        assert body["error"]["code"].startswith("CC")
        assert "Traceback" not in response.text
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if positive and response.status_code == 422:  # only compare gets here (config above)
        assert case.operation.label == "POST /api/compare", response.text
        assert response.json()["error"]["code"] == "CC011", response.text
    return int(response.status_code)


@pytest.mark.parametrize(
    ("method", "path", "mode"),
    [
        ("GET", "/api/stories/{story_id}", GenerationMode.POSITIVE),
        ("GET", "/api/stories/{story_id}", GenerationMode.NEGATIVE),  # its query mutated
        ("GET", "/api/speakers/{name}", GenerationMode.POSITIVE),
        ("DELETE", "/api/articles/{article_id}", GenerationMode.POSITIVE),  # last: it deletes
    ],
)
def test_schema_conformance_on_stored_data(
    filled: Filled, method: str, path: str, mode: GenerationMode
) -> None:
    """The routes that take an id, with ids that exist (generated ones are mostly 404)."""
    client = TestClient(APP, base_url="http://testserver")
    report = client.get(f"/api/stories/{filled.hostile_story}").json()
    known = {
        "story_id": filled.example_story,
        "name": HOSTILE_SPEAKER,
        "article_id": report["articles"][-1]["id"],
    }
    name = path.rsplit("{", 1)[1].rstrip("}")
    operation = schema[path][method]
    statuses: list[int] = []

    @hypothesis.given(case=operation.as_strategy(mode, path_parameters={name: known[name]}))
    @hypothesis.settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=list(hypothesis.HealthCheck),
    )
    def run(case: Any) -> None:
        statuses.append(_check(case))

    run()
    assert statuses
    if mode.is_positive:
        assert 200 in statuses, statuses  # the stored thing was found (and deleted: then 404)


def test_schema_lists_the_contract_routes() -> None:
    spec = TestClient(APP, base_url="http://127.0.0.1").get("/openapi.json").json()
    routes = {(m.upper(), p) for p, ops in spec["paths"].items() for m in ops}
    assert routes == {
        ("GET", "/api/stories"),
        ("GET", "/api/stories/{story_id}"),
        ("GET", "/api/speakers/{name}"),
        ("GET", "/api/search"),
        ("POST", "/api/compare"),
        ("POST", "/api/ingest"),
        ("DELETE", "/api/articles/{article_id}"),
        ("GET", "/healthz"),
    }
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            # the Host allow-list answers 400 on every route: documented on every route
            assert "400" in op["responses"], (method, path)
    assert not any(p.startswith("/stories") for _, p in routes)  # pages stay out of the API
