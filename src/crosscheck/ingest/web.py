"""Polite URL fetching: timeouts, a size cap, re-checked redirects, robots.txt, no private hosts.

Every request goes through ``_send`` (one private function) so tests patch canned
responses in; name resolution goes through ``_resolve``. Each hop of a redirect chain (at
most ``MAX_REDIRECTS``) is checked again: scheme, every address the host resolves to (with
``ipaddress``: anything not globally routable is refused unless ``settings.allow_private``)
and robots.txt (``urllib.robotparser``, cached per scheme and host, RFC 9309 semantics: a
4xx robots.txt allows everything, a 5xx or unreachable one disallows everything).

Not handled: DNS rebinding between our check and httpx's own lookup (the address is
checked, then httpx resolves again); ``Crawl-delay`` (requests are sequential per process,
with no added delay); JavaScript-rendered pages.
"""

from __future__ import annotations

import ipaddress
import logging
import socket
import threading
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

import httpx

from crosscheck.errors import CODES, InputError
from crosscheck.ingest.files import read_bytes
from crosscheck.model import Article, Problem
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

MAX_REDIRECTS = 5
ROBOTS_MAX_BYTES = 512_000  # RFC 9309 asks crawlers to parse at least 500 KiB
REDIRECTS = frozenset({301, 302, 303, 307, 308})
HTML_TYPES = ("text/html", "application/xhtml+xml")
ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,text/plain;q=0.8,*/*;q=0.5"


@dataclass(frozen=True, slots=True)
class Reply:
    """One HTTP response: final URL, status, lower-cased headers and the (capped) body."""

    url: str
    status: int
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""

    @property
    def content_type(self) -> str:
        """The media type without parameters, lower case (``text/html``)."""
        return self.headers.get("content-type", "").split(";", 1)[0].strip().lower()


def _send(url: str, *, headers: dict[str, str], timeout: float, max_bytes: int) -> Reply:
    """Perform one GET without following redirects; the only function that touches the network.

    Raises:
        InputError: CC005 when the body exceeds ``max_bytes``; CC008 on network errors.
    """
    try:
        with (
            httpx.Client(follow_redirects=False, timeout=timeout) as client,
            client.stream("GET", url, headers=headers) as response,
        ):
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise InputError(url, f"{declared} bytes is more than {max_bytes}", code="CC005")
            chunks: list[bytes] = []
            size = 0
            for chunk in response.iter_bytes():
                size += len(chunk)
                if size > max_bytes:
                    raise InputError(url, f"more than {max_bytes} bytes", code="CC005")
                chunks.append(chunk)
            return Reply(
                str(response.url),
                response.status_code,
                {k.lower(): v for k, v in response.headers.items()},
                b"".join(chunks),
            )
    except httpx.HTTPError as exc:
        raise InputError(url, f"{type(exc).__name__}: {exc}", code="CC008") from exc


def _resolve(host: str) -> list[str]:
    """Return every address ``host`` resolves to (IPv4 and IPv6)."""
    infos = socket.getaddrinfo(host, None, proto=socket.IPPROTO_TCP)
    return sorted({str(info[4][0]) for info in infos})


# IPv6 prefixes that carry an IPv4 address in their last 32 bits: NAT64 (well-known and
# local-use) and IPv4-compatible addresses (deprecated, but a stack may still route them).
_EMBEDS_IPV4 = (
    ipaddress.IPv6Network("64:ff9b::/96"),
    ipaddress.IPv6Network("64:ff9b:1::/48"),
    ipaddress.IPv6Network("::/96"),
)


def refused_address(address: str) -> bool:
    """True when ``address`` is not a public unicast address (private, loopback, ...).

    An IPv6 address that carries an IPv4 address (mapped ``::ffff:a.b.c.d``, 6to4
    ``2002:AABB:CCDD::``, Teredo, NAT64 ``64:ff9b::a.b.c.d``, compatible ``::a.b.c.d``) is
    judged by that IPv4 address too, and the deprecated site-local ``fec0::/10`` is refused.
    """
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local:
            return True
        inner = [ip.ipv4_mapped, ip.sixtofour, ip.teredo[1] if ip.teredo else None]
        if any(ip in net for net in _EMBEDS_IPV4):
            inner.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
        embedded = [v4 for v4 in inner if v4 is not None]
        if any(not v4.is_global or v4.is_multicast for v4 in embedded):
            return True
    return not ip.is_global or ip.is_multicast


class Fetcher:
    """Fetches URLs politely for one ingest run (keeps the robots.txt cache).

    Args:
        settings: ``fetch_timeout``, ``max_bytes``, ``user_agent`` and ``allow_private``.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._robots: dict[str, RobotFileParser] = {}
        self._lock = threading.Lock()

    def fetch(self, url: str) -> Reply:
        """GET ``url`` following at most ``MAX_REDIRECTS`` redirects, each hop re-checked.

        Raises:
            InputError: CC008 (bad URL, HTTP error, too many redirects), CC009 (private
                address), CC010 (robots.txt disallows), CC005 (too large).
        """
        return self._get(url, robots=True)

    def _get(self, url: str, *, robots: bool) -> Reply:
        current = url
        for _hop in range(MAX_REDIRECTS + 1):
            self._check_address(current)
            if robots and not self.allowed(current):
                raise InputError(current, "robots.txt disallows this URL", code="CC010")
            reply = _send(
                current,
                headers={"User-Agent": self.settings.user_agent, "Accept": ACCEPT},
                timeout=self.settings.fetch_timeout,
                max_bytes=self.settings.max_bytes,
            )
            if reply.status in REDIRECTS:
                location = reply.headers.get("location")
                if not location:
                    raise InputError(current, f"HTTP {reply.status} without Location", code="CC008")
                current = urljoin(current, location)
                continue
            if reply.status >= 400:
                raise InputError(current, f"HTTP {reply.status}", code="CC008")
            return Reply(current, reply.status, reply.headers, reply.body)
        raise InputError(url, f"more than {MAX_REDIRECTS} redirects", code="CC008")

    def _check_address(self, url: str) -> None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise InputError(url, "only http and https URLs can be fetched", code="CC008")
        if self.settings.allow_private:
            return
        host = parts.hostname
        try:
            addresses = [str(ipaddress.ip_address(host))]
        except ValueError:
            try:
                addresses = _resolve(host)
            except OSError as exc:
                raise InputError(url, f"cannot resolve {host}: {exc}", code="CC008") from exc
        bad = [a for a in addresses if refused_address(a)]
        if bad or not addresses:
            raise InputError(
                url, f"{host} resolves to a non-public address ({', '.join(bad)})", code="CC009"
            )

    def allowed(self, url: str) -> bool:
        """Whether robots.txt of ``url``'s host lets our user agent fetch it (cached per host)."""
        parts = urlsplit(url)
        key = f"{parts.scheme}://{parts.netloc}"
        with self._lock:
            parser = self._robots.get(key)
        if parser is None:
            parser = self._load_robots(key)
            with self._lock:
                self._robots[key] = parser
        return parser.can_fetch(self.settings.user_agent, url)

    def _load_robots(self, key: str) -> RobotFileParser:
        parser = RobotFileParser(key + "/robots.txt")
        small = self.settings.replace(max_bytes=ROBOTS_MAX_BYTES)
        try:
            reply = Fetcher(small)._get(key + "/robots.txt", robots=False)
        except InputError as exc:
            status = _status_of(exc)
            if status is not None and 400 <= status < 500:
                parser.parse([])  # RFC 9309 2.3.1.3: "unavailable" means allowed
            else:
                LOGGER.info("%s/robots.txt unreachable (%s): host treated as disallowed", key, exc)
                parser.parse(["User-agent: *", "Disallow: /"])
            return parser
        parser.parse(reply.body.decode("utf-8", "replace").splitlines())
        return parser


def _status_of(exc: InputError) -> int | None:
    reason = exc.reason
    if exc.code == "CC008" and reason.startswith("HTTP "):
        head = reason[5:8]
        return int(head) if head.isdigit() else None
    return None


def page_article(
    url: str, reply: Reply, settings: Settings, **meta: str | None
) -> Article | Problem:
    """Turn a fetched page into a raw ``Article`` (HTML main text or plain text) or a ``Problem``.

    ``meta`` (``published``, ``title``, ``outlet``, ``author``) comes from a feed or sitemap
    entry and wins over what the page says; the final URL after redirects is the article URL.
    """
    ctype = reply.content_type
    if ctype in HTML_TYPES or not ctype:
        suffix = ".html"
    elif ctype == "text/plain":
        suffix = ".txt"
    else:
        return Problem(url, "CC015", f"{url}: {CODES['CC015']}: content type {ctype!r}")
    flags: dict[str, str | None] = {"url": reply.url, **meta}
    return read_bytes(url, reply.body, settings, suffix=suffix, flags=flags)


def fetch_article(
    url: str, settings: Settings, *, fetcher: Fetcher | None = None, **meta: str | None
) -> Article | Problem:
    """Fetch one URL and return its raw ``Article``, or a ``Problem`` saying why not.

    Args:
        url: an http(s) URL.
        settings: fetch settings (see ``Fetcher``).
        fetcher: a shared ``Fetcher`` (keeps the robots.txt cache); a new one by default.
        meta: metadata from a feed entry (wins over the page's own).
    """
    fetcher = fetcher or Fetcher(settings)
    try:
        reply = fetcher.fetch(url)
    except InputError as exc:
        return Problem(url, exc.code, f"{url}: {CODES[exc.code]}: {exc.reason}")
    return page_article(url, reply, settings, **meta)
