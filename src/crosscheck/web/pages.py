"""The HTML pages: server-rendered Jinja2 templates over the same views as the JSON API.

Templates live in ``web/templates`` (autoescape on for every template: article text,
titles and metadata are escaped by Jinja; the marked-up article bodies are escaped by the
report package and passed as ``Markup``). Scripts and styles come from ``/static`` only.
A rendered story page is cached with its story's change marker, so a busy story page costs
one small query per request.

Not handled: pagination of the speaker page (the first 500 quotes are shown).
"""

from __future__ import annotations

import json
import logging
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, File, Form, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
from jinja2 import Environment, PackageLoader, StrictUndefined

from crosscheck.errors import CrosscheckError
from crosscheck.model import FINDING_KINDS, quote_words
from crosscheck.report import REPORT_CSS
from crosscheck.report._common import kind_label
from crosscheck.web import actions, views
from crosscheck.web.cache import Body
from crosscheck.web.deps import WebState, get_state
from crosscheck.web.render import report_view
from crosscheck.web.security import STATUS, check_token, code_text

LOGGER = logging.getLogger(__name__)

router = APIRouter(include_in_schema=False)
State = Annotated[WebState, Depends(get_state)]

ENV = Environment(
    loader=PackageLoader("crosscheck.web", "templates"),
    autoescape=True,
    undefined=StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
)
ENV.filters["segment"] = lambda value: quote(str(value), safe="")
ENV.filters["words"] = quote_words  # a quote's words without the attribution inside
KINDS = tuple((k, kind_label(k)) for k in FINDING_KINDS)
#: The story page's kind filter: every kind, every conflict kind, or one kind.
FILTER_KINDS = (("", "every kind"), ("conflict", "conflicts"), *KINDS)
HTML = "text/html; charset=utf-8"


def render(name: str, **context: Any) -> str:
    """Render one template (autoescaped) to a string."""
    return ENV.get_template(name).render(**context)


def page(name: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render one template as an HTML response."""
    return HTMLResponse(render(name, **context), status_code=status)


def error_page(request: Request, status: int, code: str, message: str) -> Response:
    """The HTML error page (used by the app's error handlers for browser routes)."""
    return page(
        "error.html",
        status,
        title=f"{status} {code_text(code)}",
        page="error",
        status_code=status,
        code=code,
        code_text=code_text(code),
        message=message,
    )


def _error(exc: CrosscheckError) -> dict[str, str]:
    return {"code": exc.code, "message": exc.message}


@router.get("/")
def home() -> RedirectResponse:
    """The start page is the story list."""
    return RedirectResponse("/stories", status_code=303)


@router.get("/favicon.ico")
def favicon() -> RedirectResponse:
    """Browsers ask for /favicon.ico on their own: point them at the SVG icon."""
    return RedirectResponse("/static/favicon.svg", status_code=301)


@router.get("/static/report.css")
def report_css() -> PlainTextResponse:
    """The report package's stylesheet, served as a file (no inline styles on pages)."""
    return PlainTextResponse(
        REPORT_CSS, media_type="text/css", headers={"cache-control": "public, max-age=3600"}
    )


@router.get("/stories", response_class=HTMLResponse)
async def stories(
    request: Request,
    state: State,
    since: str | None = None,
    until: str | None = None,
    outlet: str | None = None,
    speaker: str | None = None,
    kind: str | None = None,
    q: str | None = None,
    limit: Annotated[int, Query(ge=1, le=views.MAX_LIMIT)] = 50,
    offset: Annotated[int, Query(ge=0, le=views.MAX_OFFSET)] = 0,
) -> Response:
    """The story list with its filter form (cached until any story changes)."""
    given = {"since": since, "until": until, "outlet": outlet, "speaker": speaker, "kind": kind}
    given["q"] = q
    key = urlencode(sorted({**given, "limit": limit, "offset": offset}.items()))
    body = views.cached_list(state, "html", key)
    if body is None:
        try:
            body = await run_in_threadpool(
                views.list_body,
                state,
                "html",
                key,
                lambda: _stories_page(state, given, limit, offset),
            )
        except views.BadRequestError as exc:
            shown = {k: v for k, v in given.items() if v}
            return page(
                "stories.html",
                422,
                title="Stories",
                page="stories",
                filters=shown,
                kinds=KINDS,
                rows=[],
                total=0,
                error=_error(exc),
                prev_href=None,
                next_href=None,
            )
    return body.response(request.headers.get("accept-encoding", ""), HTML)


def _stories_page(state: WebState, given: dict[str, str | None], limit: int, offset: int) -> Body:
    result = views.list_stories(state, limit=limit, offset=offset, **given)
    rows = [
        {
            "id": r.id,
            "title": r.title,
            "articles": r.articles,
            "sources": r.sources,
            "first_seen": r.first_seen,
            "last_seen": r.last_seen,
            "stale": r.stale,
            "counts_view": views.story_counts(r),
        }
        for r in result.stories
    ]

    def href(offset: int) -> str:
        return "/stories?" + urlencode({**result.filters, "limit": result.limit, "offset": offset})

    prev_href = href(max(0, result.offset - result.limit)) if result.offset > 0 else None
    more = result.offset + result.limit < result.total
    html = render(
        "stories.html",
        title="Stories",
        page="stories",
        filters=result.filters,
        kinds=KINDS,
        rows=rows,
        total=result.total,
        error=None,
        prev_href=prev_href,
        next_href=href(result.offset + result.limit) if more else None,
    )
    return Body.of(html.encode("utf-8"))


@router.get("/stories/{story_id}", response_class=HTMLResponse)
async def story(
    state: State,
    request: Request,
    story_id: str,
    kind: Annotated[list[str] | None, Query(max_length=50)] = None,
    min_confidence: Annotated[str, Query(max_length=20)] = "",
    limit: Annotated[str, Query(max_length=20)] = "",
    all: Annotated[str, Query(max_length=10)] = "",
) -> Response:
    """One story: findings and sources side by side (cached until the story changes).

    The findings are the ranked default view (conflicts first, about three items per
    article); ``kind``, ``min_confidence``, ``limit`` and ``all`` change it (not cached).
    A page whose marker was checked within ``views.MARKER_TTL`` is answered from memory on
    the event loop; anything else is built in the thread pool.
    """
    kinds = [k for k in (kind or []) if k]
    if kinds or min_confidence.strip() or limit.strip() or all.strip():
        chosen, filters = _finding_filters(kinds, min_confidence, limit, all)

        def build() -> bytes:
            result = views.get_story(state, story_id)
            return _render_story(result, chosen, filters).raw

        try:
            raw = await run_in_threadpool(build)
        except views.StoryMovedError as exc:
            return RedirectResponse(f"/stories/{exc.new_id}", status_code=307)
        return HTMLResponse(raw)
    body = views.cached_story(state, "html", story_id)
    if body is None:
        try:
            body = await run_in_threadpool(_story_page, state, story_id)
        except views.StoryMovedError as exc:
            return RedirectResponse(f"/stories/{exc.new_id}", status_code=307)
    return body.response(request.headers.get("accept-encoding", ""), HTML)


def _story_page(state: WebState, story_id: str) -> Body:
    return views.story_body(state, "html", story_id, _render_story)


def _finding_filters(
    kinds: list[str], min_confidence: str, limit: str, show_all: str
) -> tuple[Any, dict[str, Any]]:
    """The story page's finding filters, read leniently (an empty field is no filter).

    Raises:
        BadRequestError: an unknown kind, a confidence outside 0-1 or a limit outside
            1-100000.
    """
    from crosscheck.report.rank import View, unknown_kinds

    bad = unknown_kinds(kinds)
    if bad:
        raise views.BadRequestError(f"unknown finding kind {', '.join(bad)}")
    try:
        confidence = float(min_confidence) if min_confidence.strip() else 0.0
        most = int(limit) if limit.strip() else None
    except ValueError:
        raise views.BadRequestError(
            "min_confidence must be a number, limit a whole number"
        ) from None
    if not 0.0 <= confidence <= 1.0:
        raise views.BadRequestError("min_confidence must be between 0 and 1")
    if most is not None and not 1 <= most <= 100_000:
        raise views.BadRequestError("limit must be between 1 and 100000")
    full = show_all.strip().lower() in ("1", "true", "yes", "on")
    chosen = View(kinds=tuple(kinds) or None, min_confidence=confidence, limit=most, full=full)
    filters = {"kind": kinds[0] if kinds else "", "min_confidence": min_confidence.strip(),
               "limit": limit.strip(), "all": full}  # fmt: skip
    return chosen, filters


def _render_story(
    result: views.StoryResult, chosen: Any = None, filters: dict[str, Any] | None = None
) -> Body:
    first, last = result.story.first_seen, result.story.last_seen
    span = f"{first} – {last}" if first and last and first != last else (first or "")
    html = render(
        "story.html",
        title=result.story.title or result.story.id,
        page="story",
        story=result.story,
        story_title=result.story.title or result.story.id,
        span=span,
        view=report_view(result.report, chosen),
        filters=filters or {"kind": "", "min_confidence": "", "limit": "", "all": False},
        kinds=FILTER_KINDS,
    )
    return Body.of(html.encode("utf-8"))


@router.get("/speakers/{name:path}", response_class=HTMLResponse)
def speaker(state: State, name: str) -> HTMLResponse:
    """Every quote attributed to one speaker across sources, conflicts marked."""
    result = views.get_speaker(state, name)
    return page("speaker.html", title=result.speaker, page="speaker", result=result)


@router.get("/search", response_class=HTMLResponse)
def search(
    state: State,
    q: Annotated[str, Query(max_length=views.MAX_QUERY)] = "",
    limit: Annotated[int, Query(ge=1, le=views.MAX_LIMIT)] = 50,
) -> HTMLResponse:
    """Full-text search over articles and quotes."""
    try:
        result = views.search(state, q, limit=limit)
    except views.BadRequestError as exc:
        return page(
            "search.html",
            422,
            title="Search",
            page="search",
            result=views.SearchResult("", []),
            error=_error(exc),
        )
    return page("search.html", title="Search", page="search", result=result, error=None)


def _compare_page(
    state: WebState,
    *,
    status: int = 200,
    texts: list[str] | None = None,
    urls: str = "",
    view: object = None,
    error: dict[str, str] | None = None,
) -> HTMLResponse:
    shown = list(texts or [])
    shown += [""] * max(0, 2 - len(shown))
    return page(
        "compare.html",
        status,
        title="Compare now",
        page="compare",
        texts=shown,
        urls=urls,
        token_required=state.token_required,
        view=view,
        error=error,
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_form(state: State) -> HTMLResponse:
    """The compare form: two text boxes (more on demand), URLs and files."""
    return _compare_page(state)


@router.post("/compare", response_class=HTMLResponse)
async def compare_submit(
    request: Request,
    state: State,
    text: Annotated[list[str] | None, Form()] = None,
    urls: Annotated[str, Form()] = "",
    files: Annotated[list[UploadFile] | None, File()] = None,
    token: Annotated[str, Form()] = "",
) -> HTMLResponse:
    """Compare what was pasted, linked or dropped; the report is shown below the form."""
    texts = [t for t in (text or []) if t.strip()]
    url_list = [u.strip() for u in urls.splitlines() if u.strip()]
    uploads: list[tuple[str, bytes]] = []
    for upload in files or []:
        data = await upload.read()
        if upload.filename and data:
            uploads.append((upload.filename, data))
    try:
        # compare-now is compute-heavy: off loopback it needs the token, URLs or not
        check_token(state.token, state.token_required, request, token)
        report = await run_in_threadpool(
            actions.compare, state, texts=texts, urls=url_list, files=uploads
        )
    except CrosscheckError as exc:
        status = STATUS.get(exc.code, 422)
        return _compare_page(state, status=status, texts=texts, urls=urls, error=_error(exc))
    view = await run_in_threadpool(report_view, report)
    return _compare_page(state, texts=texts, urls=urls, view=view)


@router.get("/docs", response_class=HTMLResponse)
def docs(request: Request) -> HTMLResponse:
    """The API reference, rendered on the server from the OpenAPI spec (no CDN, no script)."""
    spec = request.app.openapi()
    return page("docs.html", title="API", page="docs", spec=spec, ops=_operations(spec))


def _type(schema: dict[str, Any]) -> str:
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " | ".join(_type(s) for s in schema["anyOf"])
    if schema.get("type") == "array":
        return f"list[{_type(schema.get('items', {}))}]"
    return str(schema.get("type", "any"))


def _operations(spec: dict[str, Any]) -> list[dict[str, Any]]:
    ops = []
    schemas = spec.get("components", {}).get("schemas", {})
    for path, methods in spec.get("paths", {}).items():
        for method, op in methods.items():
            body = op.get("requestBody", {}).get("content", {}).get("application/json", {})
            body_type = _type(body["schema"]) if body.get("schema") else ""
            ops.append(
                {
                    "method": method.upper(),
                    "path": path,
                    "anchor": f"{method}-{path}".replace("/", "-")
                    .replace("{", "")
                    .replace("}", ""),
                    "summary": op.get("summary", ""),
                    "description": op.get("description", ""),
                    "params": [
                        {
                            "name": p.get("name", ""),
                            "where": p.get("in", ""),
                            "type": _type(p.get("schema", {})),
                            "required": p.get("required", False),
                            "description": p.get("description", "")
                            or p.get("schema", {}).get("description", ""),
                        }
                        for p in op.get("parameters", [])
                    ],
                    "body": body_type,
                    "body_schema": json.dumps(schemas.get(body_type, {}), indent=1)
                    if body_type
                    else "",
                    "responses": [
                        (code, r.get("description", ""))
                        for code, r in op.get("responses", {}).items()
                    ],
                }
            )
    return ops
