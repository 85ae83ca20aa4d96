"""Canonical URLs: one spelling per page, so the same article fetched twice is stored once."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

# Query parameters that only track the click, never select the content.
TRACKING = frozenset({"fbclid", "gclid", "mc_cid", "mc_eid", "ocid", "cmpid", "smid"})
MAX_URL = 2000  # longer "URLs" are not kept as keys (a btree index entry has a size limit)


def canonical_url(url: str | None) -> str | None:
    """Return the canonical form of an http(s) URL, or None when there is none.

    Lower-cases scheme and host, drops default ports, the fragment, tracking parameters and
    a trailing slash, and sorts the query. Does not follow ``<link rel=canonical>`` (the
    page reader may pass that URL instead) and does not merge ``www.`` with the bare host.
    """
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    if scheme not in ("http", "https") or not parts.hostname:
        return None
    host = parts.hostname.lower().rstrip(".")
    if port and not ((scheme == "http" and port == 80) or (scheme == "https" and port == 443)):
        host = f"{host}:{port}"
    query = sorted(
        (k, v)
        for k, v in parse_qsl(parts.query, keep_blank_values=True)
        if not (k.lower().startswith("utm_") or k.lower() in TRACKING)
    )
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/")
    out = urlunsplit((scheme, host, path, urlencode(query), ""))
    return out if len(out) <= MAX_URL else None
