"""Compare: align the facts of several articles and label each finding.

``compare(analyses, settings) -> Report`` is the cross-article stage. It

1. merges entities across articles (one entity for "Marrowfeld"/"Marowfeld", for
   "RWA"/"Regional Water Authority", for "Okafor"/"Maria Okafor") and rewrites quote speakers
   to the merged canonical names;
2. works out, for every article, its independent origin (a copy or reprint counts with its
   original; a fact passed on "according to Reuters" rests on Reuters);
3. aligns quotes (``align_quotes``): the same words under the same speaker corroborate; the
   same distinctive words under different speakers are an attribution conflict, severe
   when the speakers belong to different camps;
4. aligns claims, numbers and dates (``align_facts``): matching statements corroborate,
   numbers that measure the same thing over the same scope with different values conflict,
   one event dated to different days by two sources is a date conflict, dates far
   outside the story's window are temporal anomalies; what no other independent
   source states is single-source.

Each finding carries evidence spans into the original texts, a confidence and a reason.
Conflicts are found from structure (speakers, quotes, numbers with their scope, dates);
no entailment model is used.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace

from crosscheck.compare.calibration import calibrated
from crosscheck.compare.entities import merge_entities, rewrite_quotes
from crosscheck.compare.origins import detect_copies, origins
from crosscheck.model import (
    FINDING_KINDS,
    Analysis,
    Claim,
    DateRef,
    Finding,
    Number,
    Report,
    Span,
    article_labels,
)
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

SEVERITY_ORDER = {"severe": 0, "review": 1, "info": 2}
# Findings a story keeps per article (at least MIN_FINDINGS): a story of 84 quote-heavy
# articles (issue 18) found tens of thousands of "A and B both quote X" pairs, more than a
# reader or the store can use. The most severe and confident are kept, conflicts first;
# the crossnews stories have about 6.5 findings per article and never reach the cap.
MAX_FINDINGS_PER_ARTICLE = 25
MIN_FINDINGS = 200


def _rank(finding: Finding) -> tuple[int, int, float]:
    return FINDING_KINDS.index(finding.kind), SEVERITY_ORDER[finding.severity], -finding.confidence


def capped(findings: list[Finding], cap: int, what: str) -> list[Finding]:
    """At most ``cap`` findings, the first by kind, severity and confidence; order kept."""
    if len(findings) <= cap:
        return findings
    keep = {id(f) for f in sorted(findings, key=_rank)[:cap]}
    LOGGER.warning(
        "%d %s findings: the %d most severe and confident kept", len(findings), what, cap
    )
    return [f for f in findings if id(f) in keep]


def compare(
    analyses: Sequence[Analysis],
    settings: Settings | None = None,
    *,
    problems: Sequence[object] = (),
) -> Report:
    """Compare analysed articles and return the report with every finding.

    Args:
        analyses: one ``Analysis`` per article (see ``crosscheck.extract.analyze``).
        settings: thresholds (``min_distinctive``, ``fuzzy_quote``).
        problems: inputs that were skipped, carried into the report.

    Returns:
        A ``Report`` (schema ``crosscheck.report/1``).
    """
    from crosscheck.compare.claims import align_claims, consistent, quotes_told_on_two_days
    from crosscheck.compare.dates import align_dates, event_dates
    from crosscheck.compare.facts import (
        corroborated_roles,
        single_sources,
        without_details_of_contradictions,
    )
    from crosscheck.compare.numbers import align_numbers
    from crosscheck.compare.quotes import align_quotes
    from crosscheck.compare.slots import hometown_conflicts, namesake_conflicts, street_conflicts

    settings = settings or Settings()
    entities, id_map = merge_entities(analyses)
    quotes = rewrite_quotes((q for a in analyses for q in a.quotes), entities, id_map)
    copy_links = detect_copies(analyses)
    origin = origins(analyses, {c: o for c, o, _ in copy_links})
    texts = {a.article.id: a.article for a in analyses}
    labels = article_labels([a.article.id for a in analyses])

    findings: list[Finding] = []
    for copy_id, origin_id, similarity in copy_links:
        copy_a, orig_a = texts[copy_id], texts[origin_id]
        findings.append(
            Finding(
                id="",
                kind="copy",
                summary=f"{labels[copy_id]} is a copy of {labels[origin_id]}: "
                "they count as one source",
                confidence=round(min(1.0, similarity), 2),
                evidence=(_opening(copy_a), _opening(orig_a)),
                reason=f"{similarity:.0%} of their wording is shared (near-duplicate "
                "detection on word shingles)",
                severity="info",
                sources=1,
            )
        )
    entity_by_id = {e.id: e for e in entities}
    numbers = [n for a in analyses for n in a.numbers]
    dates = [d for a in analyses for d in a.dates]
    claims = [c for a in analyses for c in a.claims]
    # A copy's facts are its original's: only originals are aligned, so a reprint adds
    # neither corroboration nor findings of its own (the copy finding names it).
    copies = {aid for aid, o in origin.items() if o != aid}
    # A deed told of someone ("is asked to call police on ...", "agreed to a deal") is no
    # words of theirs: its sentence is compared as a claim, not as a quote.
    own_quotes = [q for q in quotes if q.article not in copies and q.mode != "act"]
    own_numbers = [n for n in numbers if n.article not in copies]
    own_claims = [c for c in claims if c.article not in copies]
    cap = max(MIN_FINDINGS, MAX_FINDINGS_PER_ARTICLE * len(analyses))
    # Findings past the cap leave the report but still tell the claims and the single-source
    # search that their statements are told elsewhere.
    dropped: list[Finding] = []
    told_against = _told_against(own_numbers, own_claims)
    for what, found in (
        ("quote", align_quotes(own_quotes, entity_by_id, texts, labels, origin, settings)),
        (
            "number",
            [
                f
                for f in align_numbers(own_numbers, texts, labels, origin, settings)
                if f.kind != "corroborated" or not told_against(f)
            ],
        ),
    ):
        if what == "quote":
            found = quotes_told_on_two_days(found, own_quotes, texts, labels)
        kept = capped(found, cap, what)
        if len(kept) < len(found):
            ids = {id(f) for f in kept}
            dropped += [f for f in found if id(f) not in ids]
        findings += kept
    findings += align_dates(
        [d for d in dates if d.article not in copies],
        [a.article for a in analyses if a.article.id not in copies],
        labels,
        settings,
    )
    own_entities = tuple(
        replace(e, mentions=tuple(m for m in e.mentions if m.article not in copies))
        for e in entities
    )
    findings += corroborated_roles(own_entities, texts, labels)
    findings += hometown_conflicts(own_entities, texts, labels)
    findings += namesake_conflicts(own_entities, texts, labels)
    findings += street_conflicts({k: v for k, v in texts.items() if k not in copies}, labels)
    findings = without_details_of_contradictions(findings)
    claim_findings, stated_elsewhere, best = align_claims(
        own_claims,
        own_numbers,
        [d for d in dates if d.article not in copies],
        own_entities,
        texts,
        labels,
        origin,
        [*findings, *dropped],
    )
    findings += claim_findings
    # after the claims: a date conflict lists the sources that agree too, and those may
    # still corroborate each other
    findings += event_dates(
        [d for d in dates if d.article not in copies], texts, labels, origin, own_numbers
    )
    dates_by_article: dict[str, list[DateRef]] = {}
    for d in dates:
        dates_by_article.setdefault(d.article, []).append(d)

    def dates_of(finding: Finding) -> list[DateRef]:
        """The dates of the finding's articles (``consistent`` looks at no others)."""
        arts = dict.fromkeys(s.article for s in finding.evidence)
        return [d for a in arts for d in dates_by_article.get(a, [])]

    findings = [f for f in findings if f.kind != "corroborated" or consistent(f, dates_of(f))]
    findings += single_sources(
        own_claims,
        own_quotes,
        own_numbers,
        texts,
        labels,
        [*findings, *dropped],
        stated_elsewhere,
        best,
        entity_by_id,
    )
    if settings.calibrate:
        findings = [calibrated(f) for f in findings]
    findings = _repeats_merged(findings)
    findings.sort(
        key=lambda f: (
            FINDING_KINDS.index(f.kind),
            SEVERITY_ORDER[f.severity],
            -f.confidence,
            f.evidence[0].article if f.evidence else "",
            f.evidence[0].start if f.evidence else 0,
        )
    )
    if len(findings) > cap:
        LOGGER.warning("%d findings: the %d most severe and confident kept", len(findings), cap)
        findings = findings[:cap]  # sorted: conflicts first, then by severity and confidence
    findings = [replace(f, id=f"F{n}") for n, f in enumerate(findings, 1)]
    counts = Counter(f.kind for f in findings)
    stats = {
        "articles": len(analyses),
        "independent_sources": len(set(origin.values())),
        "findings": dict(sorted(counts.items())),
        "labels": labels,
    }
    all_problems = list(problems) + [p for a in analyses for p in a.problems]
    return Report(
        articles=tuple(a.article for a in analyses),
        entities=entities,
        quotes=tuple(quotes),
        numbers=tuple(numbers),
        dates=tuple(dates),
        claims=tuple(claims),
        findings=tuple(findings),
        problems=tuple(all_problems),  # type: ignore[arg-type]
        stats=stats,
    )


def _told_against(numbers: Sequence[Number], claims: Sequence[Claim]) -> Callable[[Finding], bool]:
    """Whether an agreement of numbers sets a figure told as so against the same figure
    told as not so: "is rumored to have made $72 million" and "he didn't actually make $72
    million" name one figure but do not corroborate it (see ``claims.negative``). Two
    denials of one figure agree."""
    from crosscheck.compare.claims import negative

    by_article: dict[str, list[Claim]] = {}
    for c in claims:
        by_article.setdefault(c.article, []).append(c)
    denied: dict[str, bool] = {}
    for n in numbers:
        denied[n.id] = any(
            c.start <= n.start and n.end <= c.end and negative(c)
            for c in by_article.get(n.article, [])
        )

    def against(finding: Finding) -> bool:
        told = {denied[x] for x in finding.facts if x in denied}
        return len(told) > 1

    return against


def _repeats_merged(findings: list[Finding]) -> list[Finding]:
    """One finding where several say the same of the same articles ("B and D both report:
    And the late drummer's son was to play drums" twice, for a sentence D repeats): the
    first, with the others' evidence and facts added."""
    first: dict[tuple[str, str, frozenset[str]], int] = {}
    out: list[Finding] = []
    for f in findings:
        key = (f.kind, f.summary, frozenset(s.article for s in f.evidence))
        if key not in first:
            first[key] = len(out)
            out.append(f)
            continue
        kept = out[first[key]]
        out[first[key]] = replace(
            kept,
            evidence=tuple(dict.fromkeys((*kept.evidence, *f.evidence))),
            facts=tuple(dict.fromkeys((*kept.facts, *f.facts))),
            confidence=max(kept.confidence, f.confidence),
        )
    return out


def _opening(article: object) -> Span:
    """The first sentence-ish stretch of an article's kept text, as evidence."""
    text = article.text  # type: ignore[attr-defined]
    clean = article.analysis_text  # type: ignore[attr-defined]
    start = len(clean) - len(clean.lstrip())
    end = min(len(text), start + 160)
    stop = clean.find(". ", start, end)
    if stop > start:
        end = stop + 1
    return article.span(start, end)  # type: ignore[attr-defined]
