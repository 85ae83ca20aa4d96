"""The JSON API (``/api/...``): thin routes over ``crosscheck.web.views``.

Every route returns what a view returns, serialised by the view's ``*_json`` helper, so
the API and the HTML pages show the same data. Errors are ``{"error": {"code": "CCnnn",
"message": ...}}`` with a 4xx status (see ``security``), every one documented in the
OpenAPI schema with that body. Write and compute routes (ingest, delete, compare) need the
token when the server is bound off loopback. The schema states what each route accepts:
``tests/web/test_schema_api.py`` runs schemathesis with every check over all operations.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import date
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Path, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import Response
from pydantic import BaseModel, BeforeValidator, Field

from crosscheck.model import FINDING_KINDS
from crosscheck.report import report_dict
from crosscheck.report.rank import KIND_GROUPS, known_kinds
from crosscheck.web import actions, views
from crosscheck.web.cache import Body
from crosscheck.web.deps import WebState, get_state
from crosscheck.web.security import check_token, error_body

LOGGER = logging.getLogger(__name__)

router = APIRouter(prefix="/api", tags=["api"])

State = Annotated[WebState, Depends(get_state)]

ERROR_BODY: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "additionalProperties": False,
    "properties": {
        "error": {
            "type": "object",
            "required": ["code", "message"],
            "additionalProperties": False,
            "properties": {
                "code": {"type": "string", "pattern": "^CC[0-9]{3}$"},
                "message": {"type": "string"},
            },
        }
    },
}
_ERROR_SCHEMA = {
    "content": {
        "application/json": {
            "schema": ERROR_BODY,
            "example": error_body("CC001", "no story with id 'x'"),
        }
    }
}
#: Answers every route may give, whatever its parameters (``security``, ``views``).
COMMON_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"description": "Host header not served here (CC018: DNS rebinding)", **_ERROR_SCHEMA},
    422: {
        "description": "A parameter or body outside this schema, or not JSON (CC015)",
        **_ERROR_SCHEMA,
    },
    503: {"description": "Store unavailable (CC014)", **_ERROR_SCHEMA},
}
ERRORS: dict[int | str, dict[str, Any]] = {
    **COMMON_ERRORS,
    404: {"description": "Not found (CC001)", **_ERROR_SCHEMA},
}
WRITE_ERRORS: dict[int | str, dict[str, Any]] = {
    **COMMON_ERRORS,
    401: {"description": "Token required off loopback (CC018)", **_ERROR_SCHEMA},
    403: {"description": "Cross-site write refused (CC018: a foreign Origin)", **_ERROR_SCHEMA},
    413: {
        "description": "Body, texts or the analysis over their budget (CC005)",
        **_ERROR_SCHEMA,
    },
}
COMPARE_ERRORS: dict[int | str, dict[str, Any]] = {
    **WRITE_ERRORS,
    413: {
        "description": (
            "Body, texts or the analysis over their budget (CC005), or more articles than "
            "one comparison takes (CC021)"
        ),
        **_ERROR_SCHEMA,
    },
    422: {
        "description": (
            "A body outside this schema (CC015), or no usable article among the inputs "
            "(CC011: too short, binary, not in a supported language, over max_chars, "
            "unreachable or refused URLs, or none given); the message lists each input's "
            "problem"
        ),
        **_ERROR_SCHEMA,
    },
    503: {
        "description": "Store unavailable (CC014) or no English pipeline (CC012)",
        **_ERROR_SCHEMA,
    },
}
KIND_HELP = "Only stories with a finding of this kind (empty: any): " + ", ".join(FINDING_KINDS)
FILTER_KIND_HELP = (
    "Only findings of these kinds (repeat or comma-separate, '-' or '_'; 'conflict' = every "
    "conflict kind): " + ", ".join(FINDING_KINDS)
)
TEXT = Field(max_length=5_000_000)

#: What ``views.list_stories`` accepts as ``kind``: a finding kind, or empty for any.
KIND_PATTERN = "^(?:" + "|".join(re.escape(k) for k in ("", *FINDING_KINDS)) + ")$"
_BLANK = r"[ \t\n\v\f\r]*"  # the spaces ``str.strip`` removes that ECMA and Rust \s share
_ONE_KIND = (
    "(?:"
    + "|".join(
        re.escape(k).replace("_", "[-_]") for k in dict.fromkeys((*known_kinds(), *KIND_GROUPS))
    )
    + ")"
)
#: What ``report.rank`` accepts in one ``kind`` value: known kinds, comma-separated.
KINDS_PATTERN = f"^{_BLANK}(?:{_ONE_KIND})?{_BLANK}(?:,{_BLANK}(?:{_ONE_KIND})?{_BLANK})*$"
Kinds = list[Annotated[str, Field(pattern=KINDS_PATTERN, max_length=views.MAX_QUERY)]]
_DAY = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD`` (pydantic alone would also take date-times and Unix times)."""
    if isinstance(value, str) and not _DAY.fullmatch(value):
        raise ValueError("not a date (YYYY-MM-DD)")
    return value


Day = Annotated[date, BeforeValidator(_iso_day)]
MAX_QUERY = views.MAX_QUERY


def require_token(state: State, request: Request) -> None:
    """Dependency of write routes: runs before the body is read and validated."""
    check_token(state.token, state.token_required, request)


Writer = Depends(require_token)


#: What ``actions.ingest`` fetches: an http(s) URL (spaces around it are dropped).
URL_PATTERN = f"^{_BLANK}[Hh][Tt][Tt][Pp][Ss]?://"


class CompareRequest(BaseModel):
    """Texts and/or URLs to compare: at most 20 of each, 1,000,000 characters of text in all
    (413, CC005) and ``max_chars`` (500,000) per text (that text a CC005 problem)."""

    texts: list[Annotated[str, TEXT]] = Field(default_factory=list, max_length=20)
    urls: list[Annotated[str, Field(max_length=2000)]] = Field(default_factory=list, max_length=20)


class IngestRequest(BaseModel):
    """http(s) URLs and/or texts to ingest into the store: at most 20 of each, 1,000,000
    characters of text in all (413, CC005). Blank texts are skipped; an empty request
    ingests nothing."""

    urls: list[Annotated[str, Field(max_length=2000, pattern=URL_PATTERN)]] = Field(
        default_factory=list, max_length=20
    )
    texts: list[Annotated[str, TEXT]] = Field(default_factory=list, max_length=20)


@router.get(
    "/stories",
    responses={200: {"content": {"application/json": {}}}, **ERRORS},
    response_class=Response,
    summary="List stories",
)
async def list_stories(
    state: State,
    request: Request,
    since: Annotated[Day | None, Query(description="YYYY-MM-DD: last seen on or after")] = None,
    until: Annotated[Day | None, Query(description="YYYY-MM-DD: first seen on or before")] = None,
    outlet: Annotated[
        str | None, Query(max_length=MAX_QUERY, description="Outlet contains (any case)")
    ] = None,
    speaker: Annotated[
        str | None, Query(max_length=MAX_QUERY, description="A quote's speaker contains")
    ] = None,
    kind: Annotated[str | None, Query(pattern=KIND_PATTERN, description=KIND_HELP)] = None,
    q: Annotated[
        str | None, Query(max_length=MAX_QUERY, description="Full-text query over articles/quotes")
    ] = None,
    limit: Annotated[int, Query(ge=1, le=views.MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=views.MAX_OFFSET)] = 0,
) -> Response:
    """Stories with their sources, time span and finding counts: ``{"stories", "total"}``."""
    given = {"since": _iso(since), "until": _iso(until)}
    given.update(outlet=outlet, speaker=speaker, kind=kind, q=q)
    key = urlencode(sorted({**given, "limit": limit, "offset": offset}.items()))

    def build() -> Body:
        result = views.list_stories(state, limit=limit, offset=offset, **given)
        return Body.of(json.dumps(views.stories_json(result), ensure_ascii=False).encode("utf-8"))

    body = views.cached_list(state, "json", key)
    if body is None:
        body = await run_in_threadpool(views.list_body, state, "json", key, build)
    return body.response(request.headers.get("accept-encoding", ""), "application/json")


@router.get(
    "/stories/{story_id}",
    responses={200: {"content": {"application/json": {}}}, **ERRORS},
    response_class=Response,
    summary="One story's report",
)
async def get_story(
    state: State,
    request: Request,
    story_id: str,
    kind: Annotated[Kinds | None, Query(description=FILTER_KIND_HELP)] = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
) -> Response:
    """The story's full report, schema ``crosscheck.report/1`` (as ``crosscheck report``).

    ``kind``, ``min_confidence`` and ``limit`` filter the findings (ranked: conflicts
    first, then corroborated, then single-source); without them every finding is returned.
    """
    if kind or min_confidence or limit is not None:

        def filtered() -> bytes:
            result = views.get_story(state, story_id)
            report = _filtered(result.report, kind, min_confidence, limit)
            return json.dumps(report_dict(report), ensure_ascii=False).encode("utf-8")

        raw = await run_in_threadpool(filtered)
        return Response(raw, media_type="application/json")
    body = views.cached_story(state, "json", story_id)
    if body is None:
        body = await run_in_threadpool(_story_json, state, story_id)
    return body.response(request.headers.get("accept-encoding", ""), "application/json")


def _iso(day: date | None) -> str | None:
    return None if day is None else day.isoformat()


def _story_json(state: WebState, story_id: str) -> Body:
    return views.story_body(state, "json", story_id, views.story_json)


@router.get("/speakers/{name:path}", responses=ERRORS, summary="A speaker's quotes")
def get_speaker(state: State, name: Annotated[str, Path(max_length=MAX_QUERY)]) -> dict[str, Any]:
    """Every quote attributed to ``name`` across sources, conflicts marked."""
    return views.speaker_json(views.get_speaker(state, name))


@router.get("/search", responses=COMMON_ERRORS, summary="Full-text search")
def search(
    state: State,
    q: Annotated[str, Query(max_length=views.MAX_QUERY)] = "",
    limit: Annotated[int, Query(ge=1, le=views.MAX_LIMIT)] = 20,
) -> dict[str, Any]:
    """Articles and quotes matching ``q`` (words ANDed, ``"phrases"`` kept): ``{"hits"}``."""
    return views.search_json(views.search(state, q, limit=limit))


@router.post(
    "/compare",
    responses=COMPARE_ERRORS,
    dependencies=[Writer],
    summary="Compare texts and URLs now",
)
def compare(
    state: State,
    body: CompareRequest,
    kind: Annotated[Kinds | None, Query(description=FILTER_KIND_HELP)] = None,
    min_confidence: Annotated[float, Query(ge=0.0, le=1.0)] = 0.0,
    limit: Annotated[int | None, Query(ge=1, le=100_000)] = None,
) -> dict[str, Any]:
    """Compare the texts and fetched URLs; returns the report (``crosscheck.report/1``).

    Off loopback the token is needed (compare-now is compute-heavy); private, loopback and
    link-local addresses are refused (CC009); the texts of one request share a size
    budget (CC005). ``kind``, ``min_confidence`` and ``limit`` filter the findings
    (ranked: conflicts first); without them every finding is returned.
    """
    report = actions.compare(state, texts=body.texts, urls=body.urls)
    return report_dict(_filtered(report, kind, min_confidence, limit))


def _filtered(report: Any, kind: list[str] | None, min_confidence: float, limit: int | None) -> Any:
    from crosscheck.report.rank import View, apply_view, unknown_kinds

    if not kind and not min_confidence and limit is None:
        return report
    bad = unknown_kinds(kind)
    if bad:
        raise views.BadRequestError(f"unknown finding kind {', '.join(bad)}")
    return apply_view(report, View(kinds=tuple(kind or ()), min_confidence=min_confidence,
                                   limit=limit))  # fmt: skip


@router.post(
    "/ingest", responses=WRITE_ERRORS, dependencies=[Writer], summary="Ingest URLs or texts"
)
def ingest(state: State, body: IngestRequest) -> dict[str, Any]:
    """Analyse and store the inputs, grouping them into stories; returns the ingest result."""
    return actions.ingest(state, texts=body.texts, urls=body.urls)


@router.delete(
    "/articles/{article_id}",
    responses={**WRITE_ERRORS, **ERRORS},
    dependencies=[Writer],
    summary="Delete an article",
)
def delete_article(state: State, article_id: str) -> dict[str, Any]:
    """Delete an article and its extractions; its story's findings are recomputed."""
    return actions.delete_article(state, article_id)
