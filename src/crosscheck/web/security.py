"""Security of the web app: headers, body size limit, same-origin writes, token, error bodies.

- ``SecurityMiddleware`` (pure ASGI, so it costs little per request) adds a strict
  Content-Security-Policy to every response (scripts and styles only from ``/static``, no
  inline script, nothing external, ``frame-ancestors 'none'``), ``X-Content-Type-Options:
  nosniff``, ``Referrer-Policy: same-origin`` (not ``no-referrer``: under it browsers send
  ``Origin: null`` with our own form posts) and ``X-Frame-Options: DENY``; answers 413
  (CC005) to a request body over the limit, whether announced by ``Content-Length`` or
  streamed; and refuses (403) a write request whose ``Origin`` header names another site,
  a cheap guard against cross-site form posts to a server on loopback; and refuses (400,
  CC018) a request whose ``Host`` header is not on the allow-list (the bound address, its
  loopback names, and the names given with ``--allowed-host``), which defeats DNS
  rebinding: a page on another site whose name was rebound to 127.0.0.1 sends its own name
  as ``Host``.
- ``check_token`` guards write endpoints when the server is bound to anything but loopback:
  ``Authorization: Bearer <token>`` or a form field ``token``, compared in constant time.
- ``install_error_handlers`` turns every error into ``{"error": {"code", "message"}}``
  (or an HTML page for browser routes) with a 4xx status (a body that cannot be decoded
  is 422, as malformed JSON is: 400 only ever means a Host not served here); an unexpected
  exception is logged here and answered with a bare 500 (CC000), never a traceback.

Not handled: rate limiting, CSRF tokens (writes need the bearer token off loopback, and the
``Origin`` check covers browsers on loopback), TLS (put a reverse proxy in front).
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from typing import Any
from urllib.parse import urlsplit

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from crosscheck.errors import CODES, CrosscheckError

LOGGER = logging.getLogger(__name__)

#: Code of a missing or wrong write token. Not (yet) in ``crosscheck.errors.CODES``.
AUTH_CODE = "CC018"
AUTH_MESSAGE = "a valid token is required for this request (Authorization: Bearer <token>)"

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; font-src 'self'; form-action 'self'; base-uri 'none'; "
    "frame-ancestors 'none'"
)
HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)
WRITE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

#: HTTP status of each error code (any other code: 422). 400 is only the Host refusal of
#: ``SecurityMiddleware``, so that every answer is one the OpenAPI schema documents.
STATUS: dict[str, int] = {
    "CC001": 404,
    "CC005": 413,
    "CC012": 503,
    "CC014": 503,
    "CC021": 413,  # too many articles for one comparison: too much work, as CC005
    AUTH_CODE: 401,
}
for _code in ("CC002", "CC003", "CC004", "CC006", "CC007", "CC009", "CC010", "CC011", "CC013"):
    STATUS[_code] = 422
for _code in ("CC015", "CC016", "CC017", "CC019", "CC020"):
    STATUS[_code] = 422
STATUS["CC008"] = 422
DEFAULT_STATUS = 422


class SecurityMiddleware:
    """Security headers, request body limit and same-origin check for write methods."""

    def __init__(
        self, app: ASGIApp, *, max_body: int, allowed_hosts: frozenset[str] | None = None
    ) -> None:
        self.app = app
        self.max_body = max_body
        self.allowed_hosts = allowed_hosts

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        if self.allowed_hosts is not None and not host_allowed(
            headers.get(b"host", b""), self.allowed_hosts
        ):
            await self._error(scope, send, 400, AUTH_CODE, "this Host is not served here")
            return
        declared = headers.get(b"content-length", b"")
        if declared.isdigit() and int(declared) > self.max_body:
            await self._error(scope, send, 413, "CC005", f"request body over {self.max_body} bytes")
            return
        if scope.get("method") in WRITE_METHODS and not _same_origin(headers):
            await self._error(scope, send, 403, AUTH_CODE, "cross-site write refused")
            return
        started = False
        too_large = False
        seen = 0

        async def limited() -> Message:
            # Past the limit the app is told the client left: whatever it answers to that
            # is dropped below and replaced by the 413 (an exception raised here would be
            # turned into a 400 by the body parsers).
            nonlocal seen, too_large
            if too_large:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    too_large = True
                    return {"type": "http.disconnect"}
            return message

        async def with_headers(message: Message) -> None:
            nonlocal started
            if too_large:
                return
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = [*message.get("headers", []), *extra]
            await send(message)

        try:
            await self.app(scope, limited, with_headers)
        except Exception:
            if not too_large:
                raise
        if too_large and not started:
            await self._error(scope, send, 413, "CC005", f"request body over {self.max_body} bytes")

    async def _error(self, scope: Scope, send: Send, status: int, code: str, message: str) -> None:
        response = JSONResponse(error_body(code, message), status_code=status)
        response.headers.update({k.decode(): v.decode() for k, v in HEADERS})

        async def empty() -> Message:
            return {"type": "http.disconnect"}

        await response(scope, empty, send)


LOOPBACK_HOSTS = frozenset({"localhost", "127.0.0.1", "::1", "localhost.localdomain"})
WILDCARD_HOSTS = frozenset({"0.0.0.0", "::", ""})


def host_name(raw: bytes | str) -> str:
    """The name of a ``Host`` header without its port: ``[::1]:8000`` -> ``::1``."""
    value = raw.decode("latin-1") if isinstance(raw, bytes) else raw
    value = value.strip().lower().rstrip(".")
    if value.startswith("["):
        return value[1:].split("]", 1)[0]
    if value.count(":") == 1:
        value = value.split(":", 1)[0]
    return value.rstrip(".")


def allowed_hosts_for(bind: str, extra: tuple[str, ...] | list[str] = ()) -> frozenset[str] | None:
    """The ``Host`` names a server bound to ``bind`` answers (None: any name).

    Bound to loopback: its loopback names and addresses; bound to one address: that
    address; plus ``extra`` (``--allowed-host``) in every case. Bound to every interface
    (``0.0.0.0``, ``::``) without ``extra``, any name is answered (the token guards writes
    there), with ``extra`` only those names and loopback.
    """
    from crosscheck.web.deps import is_loopback

    names = {host_name(h) for h in extra if h.strip()}
    if "*" in names:
        return None
    bound = host_name(bind) if not bind.startswith("[") else bind.strip("[]").lower()
    if bound in WILDCARD_HOSTS or bind.strip() in ("::", "[::]"):
        return frozenset(names | LOOPBACK_HOSTS) if names else None
    names.add(bound)
    if is_loopback(bound):
        names |= LOOPBACK_HOSTS
    return frozenset(names)


def host_allowed(raw: bytes | str, allowed: frozenset[str]) -> bool:
    """Whether a request's ``Host`` header names this server (HTTP/1.0 without one: yes)."""
    name = host_name(raw)
    return not name or name in allowed


def _same_origin(headers: dict[bytes, bytes]) -> bool:
    """False only when an ``Origin`` header names a different host than ``Host``."""
    origin = headers.get(b"origin", b"").decode("latin-1").strip()
    if not origin:
        return True  # not a browser's cross-origin request (curl, scripts, same-origin GET)
    if origin == "null":
        return False  # sandboxed frames and file:// pages
    host = headers.get(b"host", b"").decode("latin-1").strip().lower()
    return urlsplit(origin).netloc.lower() == host


def error_body(code: str, message: str) -> dict[str, Any]:
    """The JSON error body: ``{"error": {"code": "CCnnn", "message": ...}}``."""
    return {"error": {"code": code, "message": message}}


def check_token(
    expected: str | None, required: bool, request: Request, form_token: str = ""
) -> None:
    """Refuse a write request without the right token when one is required.

    Raises:
        CrosscheckError: AUTH_CODE (401) when the token is missing or wrong.
    """
    if not required:
        return
    given = form_token or ""
    auth = request.headers.get("authorization", "")
    if auth[:7].lower() == "bearer ":
        given = auth[7:].strip()
    if not expected or not given or not secrets.compare_digest(given.encode(), expected.encode()):
        raise CrosscheckError(AUTH_MESSAGE, code=AUTH_CODE)


def wants_json(request: Request) -> bool:
    """Whether the error for this request should be JSON (API paths or a JSON client)."""
    path = request.url.path
    if path.startswith("/api/") or path in ("/api", "/healthz", "/openapi.json"):
        return True
    accept = request.headers.get("accept", "")
    return "text/html" not in accept and "application/json" in accept


HtmlErrorRenderer = Callable[[Request, int, str, str], Response]


def install_error_handlers(app: FastAPI, html: HtmlErrorRenderer) -> None:
    """Answer every error with a coded JSON body (API) or an HTML page (browser routes)."""

    def respond(request: Request, status: int, code: str, message: str) -> Response:
        if wants_json(request):
            return JSONResponse(error_body(code, message), status_code=status)
        return html(request, status, code, message)

    async def crosscheck_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, CrosscheckError)
        status = STATUS.get(exc.code, DEFAULT_STATUS)
        return respond(request, status, exc.code, exc.message)

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, StarletteHTTPException)
        status = exc.status_code
        code = {404: "CC001", 413: "CC005", 401: AUTH_CODE, 403: AUTH_CODE}.get(status, "CC015")
        detail = exc.detail if isinstance(exc.detail, str) else "bad request"
        if status == 400:  # a body FastAPI could not decode: refused as malformed JSON is
            status, detail = 422, f"the request body could not be read ({detail})"
        response = respond(request, status, code, detail)
        for key, value in (exc.headers or {}).items():
            response.headers[key] = value
        return response

    async def validation_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, RequestValidationError)
        parts = []
        for err in exc.errors()[:5]:
            where = ".".join(str(x) for x in err.get("loc", ()) if x != "body")
            parts.append(f"{where}: {err.get('msg', 'invalid')}")
        return respond(request, 422, "CC015", "; ".join(parts) or "invalid request")

    async def unexpected(request: Request, exc: Exception) -> Response:
        LOGGER.exception("unexpected error on %s %s", request.method, request.url.path)
        response = respond(request, 500, "CC000", "internal error (logged on the server)")
        # this handler runs outside SecurityMiddleware (Starlette's outermost layer)
        response.headers.update({k.decode(): v.decode() for k, v in HEADERS})
        return response

    app.add_exception_handler(CrosscheckError, crosscheck_error)
    app.add_exception_handler(StarletteHTTPException, http_error)
    app.add_exception_handler(RequestValidationError, validation_error)
    app.add_exception_handler(Exception, unexpected)


def code_text(code: str) -> str:
    """Plain-language meaning of an error code."""
    if code == AUTH_CODE:
        return "token required"
    return CODES.get(code, "error")
