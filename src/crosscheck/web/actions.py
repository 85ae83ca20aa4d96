"""The write-side views: compare now, ingest and delete (shared by the API and the pages).

Like ``views``, plain functions of the app's ``WebState`` returning a ``Report`` or a plain
dict. Each runs spaCy or writes the store, so each takes the matching lock of the state:
``nlp_lock`` (one analysis at a time in this process) and ``write_lock`` (corpus mode has a
single writer); every write bumps the state's generation, which invalidates cached pages.

Not handled: long-running ingests in the background (the request waits for the result).
"""

from __future__ import annotations

import logging
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosscheck.errors import CrosscheckError
from crosscheck.model import Article, Problem, Report, to_dict
from crosscheck.web.deps import WebState
from crosscheck.web.views import BadRequestError

LOGGER = logging.getLogger(__name__)

MAX_INPUTS = 20  # texts, URLs or files of one compare or ingest request (each)
#: Characters (texts) plus bytes (files) one compare-now or ingest request may bring:
#: about a hundred long articles. Larger sets belong in ``crosscheck ingest``.
MAX_COMPARE_CHARS = 1_000_000


def _count_inputs(**groups: Sequence[object]) -> None:
    for name, group in groups.items():
        if len(group) > MAX_INPUTS:
            raise BadRequestError(f"at most {MAX_INPUTS} {name} per request ({len(group)} given)")


def compare(
    state: WebState,
    *,
    texts: Sequence[str] = (),
    urls: Sequence[str] = (),
    files: Sequence[tuple[str, bytes]] = (),
) -> Report:
    """Compare pasted texts, fetched URLs and uploaded files (the CLI's ``compare``).

    A pasted text that looks like an HTML page is read as one (main text extracted);
    files are read as the CLI reads them (by suffix, else sniffed).

    URLs go through the corpus fetcher (``crosscheck.ingest.web``): no private, loopback or
    link-local addresses unless ``settings.allow_private``, every redirect re-checked,
    robots.txt obeyed, size capped. Inputs that cannot be used are listed in
    ``report.problems``. The analysis runs in the state's worker process when it has one
    (``crosscheck.web.worker``: a time budget, the event loop never starved), else in
    this process; one comparison at a time either way. Texts and files together are
    capped at ``MAX_COMPARE_CHARS`` (CC005); each text, like each file, at
    ``settings.max_chars`` after HTML extraction (a CC005 problem for that input).

    Raises:
        BadRequestError: more than ``MAX_INPUTS`` inputs.
        NothingToCompareError: no input gave a usable article.
    """
    from crosscheck.ingest import read_text
    from crosscheck.ingest.files import read_bytes, too_long
    from crosscheck.ingest.html import looks_like_html
    from crosscheck.ingest.web import Fetcher, fetch_article
    from crosscheck.pipeline import compare_items

    texts = [t for t in texts if t and t.strip()]
    urls = [u.strip() for u in urls if u and u.strip()]
    files = [(n, d) for n, d in files if d]
    _count_inputs(texts=texts, urls=urls, files=files)
    size = sum(len(t) for t in texts) + sum(len(d) for _, d in files)
    if size > MAX_COMPARE_CHARS:
        raise CrosscheckError(
            f"{size:,} characters to compare; one request may bring {MAX_COMPARE_CHARS:,} "
            "(ingest larger sets with `crosscheck ingest`)",
            code="CC005",
        )
    settings = state.settings
    # a pasted page source (doctype, <html>, or many tags) is read as HTML
    # each text is held to ``max_chars`` as every other entry point is (CC005 problem)
    items: list[Article | Problem] = []
    for i, t in enumerate(texts, 1):
        article = read_text(f"text-{i}", t, html=looks_like_html(t))
        items.append(too_long(article.source, article.text, settings) or article)
    fetcher = Fetcher(settings)
    items += [fetch_article(u, settings, fetcher=fetcher) for u in urls]
    items += [
        read_bytes(Path(n).name or "upload", d, settings, suffix=Path(n).suffix.lower())
        for n, d in files
    ]
    if state.worker is not None:
        report: Report = state.worker.run(items, settings)
        return report
    return compare_items(items, settings, lock=state.nlp_lock)


# --- writes ------------------------------------------------------------------------------
def ingest(
    state: WebState, *, texts: Sequence[str] = (), urls: Sequence[str] = ()
) -> dict[str, Any]:
    """Ingest URLs and pasted texts into the store (``crosscheck.corpus.ingest``).

    Pasted texts are written to a temporary folder first, so their ``source`` is that
    temporary path. Runs spaCy in this process; one write at a time. Blank texts and URLs
    are dropped; a request left with none is a run that ingests nothing.

    Returns:
        The ``IngestResult`` as a dict.

    Raises:
        BadRequestError: more than ``MAX_INPUTS`` texts or URLs, or a URL that is not
            http(s).
    """
    from crosscheck.corpus import ingest as corpus_ingest

    texts = [t for t in texts if t and t.strip()]
    urls = [u.strip() for u in urls if u and u.strip()]
    _count_inputs(texts=texts, urls=urls)
    size = sum(len(t) for t in texts)
    if size > MAX_COMPARE_CHARS:
        raise CrosscheckError(
            f"{size:,} characters to ingest; one request may bring {MAX_COMPARE_CHARS:,} "
            "(ingest larger sets with `crosscheck ingest`)",
            code="CC005",
        )
    bad = [u for u in urls if not u.lower().startswith(("http://", "https://"))]
    if bad:
        raise BadRequestError(f"only http(s) URLs can be ingested: {bad[0][:100]!r}")
    with tempfile.TemporaryDirectory(prefix="crosscheck-paste-") as tmp:
        paths = []
        for i, text in enumerate(texts, 1):
            path = Path(tmp) / f"pasted-{i}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(str(path))
        with state.write_lock, state.nlp_lock:
            result = corpus_ingest(
                [*urls, *paths], state.settings, progress=False, store=state.store
            )
            state.bump()
    body: dict[str, Any] = to_dict(result)
    return body


def delete_article(state: WebState, article_id: str) -> dict[str, Any]:
    """Delete one article and everything extracted from it; its story is recomputed.

    Raises:
        CrosscheckError: CC001 when no article has this id.
    """
    from crosscheck.corpus import delete_article as delete

    with state.write_lock:
        existed, story_id = delete(article_id, state.settings, store=state.store)
        if not existed:
            raise CrosscheckError(f"no article with id {article_id!r}", code="CC001")
        state.bump()
    return {"deleted": article_id, "story": story_id}
