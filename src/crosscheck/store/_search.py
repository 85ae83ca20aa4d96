"""What both search backends share: the documents indexed for an article, query parsing."""

from __future__ import annotations

import re

from crosscheck.model import Analysis

_TERM = re.compile(r'"([^"]+)"|(\w+)', re.UNICODE)


def documents(analysis: Analysis) -> list[dict[str, str]]:
    """Return the search documents of an article: itself, then each quote with its speaker."""
    article = analysis.article
    body = "\n".join(x for x in (article.title, article.analysis_text) if x)
    docs = [{"article_id": article.id, "kind": "article", "ref": article.id, "body": body}]
    for quote in analysis.quotes:
        who = quote.speaker.name if quote.speaker else ""
        via = " ".join(quote.via)
        text = " — ".join(x for x in (quote.text, who, via) if x)
        docs.append({"article_id": article.id, "kind": "quote", "ref": quote.id, "body": text})
    return docs


def terms(query: str) -> list[tuple[str, bool]]:
    """Split a query into ``(term, is_phrase)`` pairs: quoted phrases and bare words."""
    out: list[tuple[str, bool]] = []
    for match in _TERM.finditer(query):
        if match.group(1):
            words = re.findall(r"\w+", match.group(1))
            if words:
                out.append((" ".join(words), True))
        else:
            out.append((match.group(2), False))
    return out
