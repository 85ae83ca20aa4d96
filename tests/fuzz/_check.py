"""Invariants every analysis must keep, whatever its input (issue 18)."""

from __future__ import annotations

from collections import Counter

from crosscheck.model import Analysis


def offset_violations(analysis: Analysis) -> Counter[str]:
    """Count, per kind of span, the spans where ``article.text[start:end] != span.text``."""
    text = analysis.article.text
    bad: Counter[str] = Counter()

    def check(kind: str, start: int | None, end: int | None, value: str | None) -> None:
        if start is None or end is None or value is None:
            return
        if not (0 <= start <= end <= len(text)) or text[start:end] != value:
            bad[kind] += 1

    for removed in analysis.article.removed:
        check("removed", removed.start, removed.end, removed.text)
    for entity in analysis.entities:
        for mention in entity.mentions:
            check("entity mention", mention.start, mention.end, mention.text)
    for quote in analysis.quotes:
        check("quote", quote.start, quote.end, quote.text)
        for span in quote.mentions:
            check("quote mention", span.start, span.end, span.text)
        if quote.speaker is not None and quote.speaker.end > quote.speaker.start:
            check("speaker", quote.speaker.start, quote.speaker.end, quote.speaker.text)
        if quote.cue is not None and quote.cue_start is not None:
            check("cue", quote.cue_start, quote.cue_end, quote.cue)
    for number in analysis.numbers:
        check("number", number.start, number.end, number.text)
    for date in analysis.dates:
        check("date", date.start, date.end, date.text)
    for claim in analysis.claims:
        check("claim", claim.start, claim.end, claim.text)
    return bad


def encodable(*values: str | None) -> bool:
    """True when every value is valid Unicode (no lone surrogate) storable as UTF-8."""
    try:
        for value in values:
            if value is not None:
                value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True
