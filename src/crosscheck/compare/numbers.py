"""Numbers across sources: the same quantity over the same scope, compatible values or not.

Numbers conflict only when what they count, where and over which period match and their
values (with bounds: "at least", "about") cannot both be true. "20 troops killed this
year" and "14,000 deaths since 2014" measure different things and raise nothing. A bare
counted noun ("15 points", "eight points") also needs the sentences around the two numbers
to share distinctive words; one that says what happened ("12 people hospitalised") does not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence

from crosscheck.compare.text import GENERIC, claim_weights, cosine
from crosscheck.extract.numbers_scope import OUTCOMES
from crosscheck.extract.words import content_tokens, stem
from crosscheck.model import Article, Finding, Number
from crosscheck.settings import Settings

# What happened to the counted things ("people hospitalised"): such a measure names one
# quantity of the story on its own.
_OUTCOME_STEMS = frozenset(stem(w) for w in OUTCOMES)
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
    return {stem(w) for w in content_tokens(text or "")} - GENERIC


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
        for k, v in claim_weights(text).items()
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
                if not norm or cosine(context[na.id], context[nb.id], norm)[0] < NUMBER_CONTEXT:
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
