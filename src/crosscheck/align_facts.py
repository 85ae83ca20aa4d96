"""Alignment of claims, numbers and dates across sources.

- Numbers conflict only when what they count, where and over which period match and their
  values (with bounds: "at least", "about") cannot both be true. "20 troops killed this
  year" and "14,000 deaths since 2014" measure different things and raise nothing. A bare
  counted noun ("15 points", "eight points") also needs the sentences around the two numbers
  to share distinctive words; one that says what happened ("12 people hospitalised") does not.
- Dates: the story's window is the dense cluster of day-precise dates; a day-precise date
  far outside it ("last Nov. 3" in a story of late March) is a temporal anomaly.
- Claims: sentences sharing most of their rarity-weighted content words across independent
  sources corroborate each other; what only one source states is single-source (numbers and
  quotes first, then remaining check-worthy sentences).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date

from crosscheck.align import fact_origin
from crosscheck.align_quotes import STOCK_STEMS, _short
from crosscheck.extract.numbers_scope import OUTCOMES
from crosscheck.extract.words import content_tokens, rarity, stem
from crosscheck.model import Article, Claim, DateRef, Entity, Finding, Number, Quote, Span
from crosscheck.settings import Settings

# Words of a "measures" phrase that say nothing about what is counted.
_GENERIC = frozenset(
    stem(w) for w in ["number", "total", "some", "other", "another", "more", "people"]
)
# What happened to the counted things ("people hospitalised"): such a measure names one
# quantity of the story on its own.
_OUTCOME_STEMS = frozenset(stem(w) for w in OUTCOMES)
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
CORE_DAYS = 45  # dates within this many days of the median form the story's window
ANOMALY_DAYS = 60  # a date this far from the median and outside the window is an anomaly
CLAIM_SIMILARITY = 0.32  # rarity-weighted cosine, checked on the seed pair and examples/
NUMBER_CONTEXT = 0.15  # rarity-weighted cosine of two numbers' sentences, measure words left out


def _interval(n: Number) -> tuple[float, float]:
    v = n.value
    if n.bound == "~":
        return v * 0.85, v * 1.15
    if n.bound in {">=", ">"}:
        return v, math.inf
    if n.bound in {"<=", "<"}:
        return -math.inf, v
    tol = max(abs(v) * 0.005, 1e-9)
    return v - tol, v + tol


def _stems(text: str | None) -> set[str]:
    return {stem(w) for w in content_tokens(text or "")} - _GENERIC


def _scope_match(a: str | None, b: str | None) -> bool:
    """Periods or places agree when both are unknown, or when they share a content word."""
    if not a or not b:
        return not a and not b
    sa, sb = _stems(a), _stems(b)
    digits_a, digits_b = set(re.findall(r"\d{4}", a)), set(re.findall(r"\d{4}", b))
    if digits_a and digits_b:
        return bool(digits_a & digits_b)
    return bool(sa & sb) or a.strip().lower() == b.strip().lower()


def _context_weights(number: Number, article: Article) -> dict[str, float]:
    """Rarity weights of the words around a number in its sentence, less what it counts."""
    text = article.analysis_text[number.sentence_start : number.sentence_end]
    left_out = _stems(number.measures) | _stems(number.text)
    return {
        k: v
        for k, v in _claim_weights(text).items()
        if k not in left_out and not any(ch.isdigit() for ch in k)
    }


def align_numbers(
    numbers: Sequence[Number],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
    settings: Settings,
) -> list[Finding]:
    """Corroborated and conflicting numbers across articles (see module docstring)."""
    findings: list[Finding] = []
    context = {n.id: _context_weights(n, articles[n.article]) for n in numbers}
    norms = {k: math.sqrt(sum(v * v for v in w.values())) for k, w in context.items()}
    for i, na in enumerate(numbers):
        ma = _stems(na.measures)
        if not ma:
            continue
        for nb in numbers[i + 1 :]:
            if nb.article == na.article:
                continue
            mb = _stems(nb.measures)
            shared = ma & mb
            if not shared or len(shared) / min(len(ma), len(mb)) < 0.67:
                continue
            if (na.unit or "") != (nb.unit or "") and na.unit and nb.unit:
                continue
            if not _scope_match(na.period, nb.period) or not (
                _scope_match(na.place, nb.place) or not na.place or not nb.place
            ):
                continue
            if not shared & _OUTCOME_STEMS:
                # A bare counted noun ("15 points", "eight points") names the same quantity
                # only when the sentences around the two numbers speak of the same thing.
                norm = norms[na.id] * norms[nb.id]
                if not norm or _cosine(context[na.id], context[nb.id], norm)[0] < NUMBER_CONTEXT:
                    continue
            lo_a, hi_a = _interval(na)
            lo_b, hi_b = _interval(nb)
            agree = lo_a <= hi_b and lo_b <= hi_a
            art_a, art_b = articles[na.article], articles[nb.article]
            la, lb = labels[na.article], labels[nb.article]
            evidence = (art_a.span(na.start, na.end), art_b.span(nb.start, nb.end))
            scope = ", ".join(x for x in (na.place, na.period) if x)
            what = f"{na.measures}" + (f" ({scope})" if scope else "")
            msim = len(shared) / len(ma | mb)
            if agree:
                independent = origin[na.article] != origin[nb.article]
                findings.append(
                    Finding(
                        id="",
                        kind="corroborated" if independent else "single_source",
                        summary=f"{la} and {lb} agree on {what}: {na.text} / {nb.text}",
                        confidence=round(0.55 + 0.4 * msim, 2),
                        evidence=evidence,
                        reason="same quantity, same scope, values compatible"
                        + ("" if independent else "; but both rest on one origin"),
                        sources=2 if independent else 1,
                        facts=(na.id, nb.id),
                    )
                )
            else:
                findings.append(
                    Finding(
                        id="",
                        kind="numeric_conflict",
                        summary=f"{what}: {la} says {na.text}, {lb} says {nb.text}",
                        confidence=round(0.45 + 0.45 * msim + (0.05 if na.period else 0), 2),
                        evidence=evidence,
                        reason="same quantity and scope (what is counted, where, when) "
                        "with values that cannot both be true",
                        severity="review",
                        sources=2,
                        facts=(na.id, nb.id),
                    )
                )
    return findings


_YEARLESS = re.compile(r"^--(\d{2})-(\d{2})")
NOMINAL_YEAR = 2000  # year-less dates are placed on a nominal (leap) year for distances


def _day(value: str | None, anchor: str | None = None) -> date | None:
    """A day-precise date; year-less ``--MM-DD`` dates are placed relative to the anchor.

    News convention: with no year written, a month-day later in the calendar than the
    article's anchor (by more than two weeks) lies in the year before it ("last Nov. 3"
    in a story of late March).
    """
    if not value:
        return None
    m = _DAY.match(value)
    try:
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        y = _YEARLESS.match(value)
        if not y:
            return None
        day = date(NOMINAL_YEAR, int(y.group(1)), int(y.group(2)))
        ref = _day(anchor) if anchor and anchor != value else None
        if ref is not None and ref.year == NOMINAL_YEAR and (day - ref).days > 14:
            day = day.replace(year=NOMINAL_YEAR - 1)
        return day
    except ValueError:
        return None


def _show(day: date, value: str | None) -> str:
    if value and value.startswith("--"):
        return day.strftime("%b %d").replace(" 0", " ") + " (year not stated)"
    return day.isoformat()


def align_dates(
    dates: Sequence[DateRef],
    articles: Sequence[Article],
    labels: Mapping[str, str],
    settings: Settings,
) -> list[Finding]:
    """Temporal anomalies: day-precise dates far outside the story's window."""
    by_id = {a.id: a for a in articles}
    anchors = {a.id: a.date_anchor.value for a in articles}
    points = [(d, day) for d in dates if (day := _day(d.value, anchors.get(d.article))) is not None]
    # Year-less and dated points cannot be compared: keep the larger group.
    yearless = [p for p in points if p[1].year in {NOMINAL_YEAR, NOMINAL_YEAR - 1}]
    if yearless and len(yearless) * 2 >= len(points):
        points = yearless
    else:
        points = [p for p in points if p not in yearless]
    for article in articles:
        if article.published and article.date_anchor.basis == "metadata":
            day = _day(article.published)
            if day is not None:
                points.append((None, day))  # type: ignore[arg-type]
    if len(points) < 3:
        return []
    ordinals = sorted(p[1].toordinal() for p in points)
    median = ordinals[len(ordinals) // 2]
    core = [o for o in ordinals if abs(o - median) <= CORE_DAYS]
    if len(core) < 2:
        return []
    lo, hi = min(core), max(core)
    lo_ref = next(r for r, d in points if d.toordinal() == lo)
    hi_ref = next(r for r, d in points if d.toordinal() == hi)
    window = (
        f"{_show(date.fromordinal(lo), lo_ref.value if lo_ref else None)} – "
        f"{_show(date.fromordinal(hi), hi_ref.value if hi_ref else None)}"
    )
    findings = []
    for ref, day in points:
        if ref is None:
            continue
        o = day.toordinal()
        distance = abs(o - median)
        if distance <= ANOMALY_DAYS or lo - 30 <= o <= hi + 30:
            continue
        article = by_id[ref.article]
        months = max(1, round(distance / 30.4))
        side = "before" if o < lo else "after"
        inside = [d for d, dd in points if d is not None and lo <= dd.toordinal() <= hi]
        context = [article.span(ref.start, ref.end)]
        for other in inside[:2]:
            context.append(by_id[other.article].span(other.start, other.end))
        findings.append(
            Finding(
                id="",
                kind="temporal_anomaly",
                summary=f"{labels[ref.article]} dates an event to {_show(day, ref.value)} "
                f"(“{ref.text}”), about {months} month{'s' if months > 1 else ''} {side} "
                f"every other event of the story ({window})",
                confidence=round(min(0.95, 0.5 + distance / 400), 2),
                evidence=tuple(context),
                reason=f"resolved against the {ref.anchor} date anchor; the story's other "
                f"day-precise dates lie within {window}",
                severity="review",
                sources=1,
                facts=(ref.id,),
            )
        )
    return findings


def _claim_weights(text: str) -> dict[str, float]:
    out: dict[str, float] = {}
    for word in content_tokens(text):
        s = stem(word)
        if s in STOCK_STEMS or s in _GENERIC:
            continue
        out[s] = max(out.get(s, 0.0), rarity(word))
    return out


def _cosine(
    wa: Mapping[str, float], wb: Mapping[str, float], norm: float
) -> tuple[float, int, set[str]]:
    """Cosine of two weight maps whose norms multiply to ``norm``; shared count and keys."""
    shared = wa.keys() & wb.keys()
    if not shared:
        return 0.0, 0, shared
    dot = sum(wa[s] * wb[s] for s in shared)
    return dot / norm, len(shared), shared


def _covered(
    findings: Sequence[Finding], *, single: bool = False
) -> dict[str, list[tuple[int, int]]]:
    """Evidence spans per article (of single-source findings too when ``single``)."""
    out: dict[str, list[tuple[int, int]]] = {}
    for finding in findings:
        if finding.kind == "single_source" and not single:
            continue
        for span in finding.evidence:
            out.setdefault(span.article, []).append((span.start, span.end))
    return out


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e in spans)


def align_claims(
    claims: Sequence[Claim],
    quotes: Sequence[Quote],
    numbers: Sequence[Number],
    entities: Sequence[Entity],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    origin: Mapping[str, str],
    earlier: Sequence[Finding],
    settings: Settings,
) -> list[Finding]:
    """Corroborated claims and roles, then single-source numbers, quotes and claims."""
    findings: list[Finding] = []
    findings += _corroborated_roles(entities, articles, labels)
    names = {stem(w) for e in entities for n in (e.name, *e.aliases) for w in n.split()}
    weights = {
        c.id: _claim_weights(articles[c.article].analysis_text[c.start : c.end]) for c in claims
    }
    norms = {cid: math.sqrt(sum(v * v for v in w.values())) for cid, w in weights.items()}
    best: dict[str, float] = {c.id: 0.0 for c in claims}
    partner: dict[tuple[str, str], tuple[float, str]] = {}
    candidates: list[tuple[float, int, Claim, Claim]] = []
    already = _covered(earlier)
    for i, ca in enumerate(claims):
        for cb in claims[i + 1 :]:
            if ca.article == cb.article:
                continue
            sim, n_shared, shared = _cosine(
                weights[ca.id], weights[cb.id], norms[ca.id] * norms[cb.id]
            )
            best[ca.id] = max(best[ca.id], sim)
            best[cb.id] = max(best[cb.id], sim)
            plain = shared - names
            if sim < CLAIM_SIMILARITY or n_shared < 3 or len(plain) < 2:
                continue
            if _overlaps(already.get(ca.article, []), ca.start, ca.end) and _overlaps(
                already.get(cb.article, []), cb.start, cb.end
            ):
                continue  # the same statement is already a quote finding
            for x, y in ((ca, cb), (cb, ca)):
                key = (x.id, y.article)
                if sim > partner.get(key, (0.0, ""))[0]:
                    partner[key] = (sim, y.id)
            candidates.append((sim, n_shared, ca, cb))
    matched: set[str] = set()
    for sim, n_shared, ca, cb in candidates:
        if partner[(ca.id, cb.article)][1] != cb.id and partner[(cb.id, ca.article)][1] != ca.id:
            continue  # neither is the other's best match in its article
        art_a, art_b = articles[ca.article], articles[cb.article]
        oa = fact_origin(origin[ca.article], _cited_agencies(art_a, ca))
        ob = fact_origin(origin[cb.article], _cited_agencies(art_b, cb))
        independent = oa != ob
        matched.update((ca.id, cb.id))
        la, lb = labels[ca.article], labels[cb.article]
        shorter = ca if len(ca.text) <= len(cb.text) else cb
        findings.append(
            Finding(
                id="",
                kind="corroborated" if independent else "single_source",
                summary=f"{la} and {lb} both report: {_short(shorter.text, 110)}",
                confidence=round(min(0.95, 0.35 + sim), 2),
                evidence=(art_a.span(ca.start, ca.end), art_b.span(cb.start, cb.end)),
                reason=f"{n_shared} content words in common (weighted similarity "
                f"{sim:.2f})" + ("" if independent else f"; but both rest on {oa}"),
                sources=2 if independent else 1,
                facts=(ca.id, cb.id),
            )
        )
    covered = _covered([*earlier, *findings])
    findings += _single_numbers(numbers, articles, labels, covered)
    findings += _single_quotes(quotes, articles, labels, covered)
    reported = _covered([*earlier, *findings], single=True)
    for claim in claims:
        if claim.id in matched or claim.score < 0.65:
            continue
        if _overlaps(reported.get(claim.article, []), claim.start, claim.end):
            continue
        findings.append(
            Finding(
                id="",
                kind="single_source",
                summary=f"Only {labels[claim.article]} states: {_short(claim.text, 110)}",
                confidence=round(max(0.3, 1.0 - best[claim.id]), 2),
                evidence=(articles[claim.article].span(claim.start, claim.end),),
                reason=f"no other source has a similar statement (closest similarity "
                f"{best[claim.id]:.2f})",
                sources=1,
                facts=(claim.id,),
            )
        )
    return findings


_ACCORDING = re.compile(r"according to ([A-Z][\w.]*(?: [A-Z][\w.]*)?)")


def _cited_agencies(article: Article, claim: Claim) -> tuple[str, ...]:
    return tuple(_ACCORDING.findall(article.analysis_text[claim.start : claim.end]))


def _single_numbers(
    numbers: Sequence[Number],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    covered: Mapping[str, list[tuple[int, int]]],
) -> list[Finding]:
    by_sentence: dict[tuple[str, int, int], list[Number]] = {}
    for n in numbers:
        if _overlaps(covered.get(n.article, []), n.start, n.end) or not n.measures:
            continue
        by_sentence.setdefault((n.article, n.sentence_start, n.sentence_end), []).append(n)
    findings = []
    for (aid, _s, _e), group in by_sentence.items():
        article = articles[aid]
        parts = []
        for n in group:
            scope = ", ".join(x for x in (n.place, n.period) if x)
            parts.append(f"{n.text} ({n.measures}{'; ' + scope if scope else ''})")
        findings.append(
            Finding(
                id="",
                kind="single_source",
                summary=f"Only {labels[aid]} reports " + "; ".join(parts),
                confidence=0.8,
                evidence=tuple(article.span(n.start, n.end) for n in group),
                reason="no other source gives a number for the same quantity and scope",
                sources=1,
                facts=tuple(n.id for n in group),
            )
        )
    return findings


def _single_quotes(
    quotes: Sequence[Quote],
    articles: Mapping[str, Article],
    labels: Mapping[str, str],
    covered: Mapping[str, list[tuple[int, int]]],
) -> list[Finding]:
    findings = []
    for q in quotes:
        if q.speaker is None or _overlaps(covered.get(q.article, []), q.start, q.end):
            continue
        article = articles[q.article]
        evidence = [article.span(q.start, q.end)]
        if q.speaker.end > q.speaker.start:
            evidence.append(article.span(q.speaker.start, q.speaker.end))
        via = f" (via {' / '.join(q.via)})" if q.via else ""
        findings.append(
            Finding(
                id="",
                kind="single_source",
                summary=f"Only {labels[q.article]} quotes {q.speaker.name}{via}: "
                f"“{_short(q.text, 100)}”",
                confidence=0.75,
                evidence=tuple(evidence),
                reason="no other source quotes these words",
                sources=1,
                facts=(q.id,),
            )
        )
    return findings


def _corroborated_roles(
    entities: Sequence[Entity], articles: Mapping[str, Article], labels: Mapping[str, str]
) -> list[Finding]:
    """People described with the same role by several sources."""
    findings = []
    for entity in entities:
        if entity.type != "PERSON" or len(entity.roles) < 1:
            continue
        spans: dict[str, Span] = {}
        for mention in entity.mentions:
            if mention.article in spans:
                continue
            article = articles[mention.article]
            window = article.text[max(0, mention.start - 80) : mention.start]
            for role in entity.roles:
                at = window.rfind(role)
                if at >= 0:
                    start = max(0, mention.start - 80) + at
                    spans[mention.article] = article.span(start, mention.end)
                    break
        if len(spans) < 2:
            continue
        role_stems = [
            {stem(w) for w in content_tokens(s.text)} - {stem(w) for w in entity.name.split()}
            for s in spans.values()
        ]
        common = set.intersection(*role_stems)
        if not common:
            continue
        which = sorted(labels[a] for a in spans)
        names = f"{', '.join(which[:-1])} and {which[-1]}"
        verb = "both describe" if len(which) == 2 else "all describe"
        findings.append(
            Finding(
                id="",
                kind="corroborated",
                summary=f"{names} {verb} {entity.name} as {min(entity.roles, key=len)}",
                confidence=0.85,
                evidence=tuple(spans.values()),
                reason="the same role is written next to the same person in each source",
                sources=len(spans),
                facts=(entity.id,),
            )
        )
    return findings
