"""The ranked view of a report: what needs a human first, trivia out, filters.

A report's findings are computed elsewhere (``crosscheck.compare``); this module only
chooses which of them a reader sees and in which order:

1. conflicts (every kind ending in ``_conflict``, ``contradiction`` and
   ``temporal_anomaly``), most confident first, then the more central (more sources,
   more evidence);
2. corroborated facts, the ones stated by more sources first;
3. single-source items ranked by check-worthiness (a claim before a quote before a bare
   number);
4. copies.

The default view keeps every conflict, drops bare counts without a claim (a
single-source number such as "Only C reports three (streets)") and corroborations that
repeat a conflict on the same pair of statements, and fills a budget of
:data:`PER_ARTICLE` items per article with the rest in rank order. ``full=True`` keeps
everything (ranked); the JSON report is full unless filters are asked for.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass

from crosscheck.model import FINDING_KINDS, Finding, Report, Span, article_labels, listed

#: Items per article the default view aims at (conflicts are always all shown).
PER_ARTICLE = 3

#: The smallest budget of the default view, whatever the number of articles.
MIN_BUDGET = 6

#: ``--kind`` values that name a group of kinds.
KIND_GROUPS: dict[str, str] = {"conflict": "every conflict kind", "conflicts": "same"}


def is_conflict(kind: str) -> bool:
    """True for the kinds that need a human: ``*_conflict``, contradictions, anomalies."""
    return kind.endswith("_conflict") or kind in ("contradiction", "temporal_anomaly")


def known_kinds() -> tuple[str, ...]:
    """Finding kinds a filter accepts: the model's kinds, ``contradiction`` and groups."""
    kinds = list(FINDING_KINDS)
    if "contradiction" not in kinds:
        kinds.append("contradiction")
    return (*kinds, "conflict")


def tier(finding: Finding) -> int:
    """0 conflicts, 1 corroborated, 2 single source, 3 anything else (copies)."""
    if is_conflict(finding.kind):
        return 0
    return {"corroborated": 1, "single_source": 2}.get(finding.kind, 3)


def _confidence(finding: Finding) -> float:
    try:
        value = float(finding.confidence)
    except (TypeError, ValueError):
        return 0.0
    return value if value == value else 0.0


def _fact_kinds(finding: Finding) -> set[str]:
    """The kinds of extraction a finding rests on: ``c`` claim, ``q`` quote, ``n`` number."""
    out: set[str] = set()
    for fact in finding.facts:
        local = fact.rsplit(":", 1)[-1]
        out.add(local[:1] if local else "")
    return out


def is_bare_count(finding: Finding) -> bool:
    """A single-source number with no claim or quote behind it ("Only C reports three")."""
    if finding.kind != "single_source":
        return False
    kinds = _fact_kinds(finding)
    return bool(kinds) and kinds <= {"n", "d"}


def shows_values(finding: Finding) -> bool:
    """A number or date finding: its short evidence is shown inside its sentence."""
    if finding.kind in ("numeric_conflict", "date_conflict", "temporal_anomaly"):
        return True
    return bool(_fact_kinds(finding) & {"n", "d"})


def worthiness(finding: Finding) -> float:
    """Check-worthiness of a single-source item: claims, then quotes, then numbers."""
    kinds = _fact_kinds(finding)
    base = 0.3 if "c" in kinds else 0.2 if "q" in kinds else 0.0
    words = len(finding.summary.split())
    return base + min(words, 30) / 300 + _confidence(finding) / 10


def rank_key(finding: Finding) -> tuple[float, ...]:
    """Sort key: tier, then confidence and centrality (or worthiness), best first."""
    t = tier(finding)
    central = float(max(finding.sources, len({s.article for s in finding.evidence})))
    if t == 2:
        return (t, -worthiness(finding), -_confidence(finding), 0.0)
    return (t, -_confidence(finding), -central, -float(len(finding.evidence)))


def ranked(findings: Iterable[Finding]) -> list[Finding]:
    """Findings in reading order (stable for equal keys)."""
    return sorted(findings, key=rank_key)


def _wanted(kinds: Iterable[str] | None) -> set[str] | None:
    if kinds is None:
        return None
    wanted: set[str] = set()
    for raw in kinds:
        for kind in str(raw).split(","):
            kind = kind.strip().lower().replace("-", "_")
            if kind:
                wanted.add(kind)
    return wanted or None


def kind_matches(kind: str, wanted: set[str] | None) -> bool:
    """Whether ``kind`` is asked for (``conflict``/``conflicts`` stand for every conflict)."""
    if wanted is None:
        return True
    if kind in wanted:
        return True
    return bool(wanted & {"conflict", "conflicts"}) and is_conflict(kind)


def unknown_kinds(kinds: Iterable[str] | None) -> list[str]:
    """The values of a kind filter that name no kind (for a usage error)."""
    wanted = _wanted(kinds) or set()
    known = set(known_kinds()) | set(KIND_GROUPS)
    return sorted(k for k in wanted if k not in known)


def _spans_by_article(finding: Finding) -> dict[str, list[tuple[int, int]]]:
    out: dict[str, list[tuple[int, int]]] = {}
    for span in finding.evidence:
        out.setdefault(span.article, []).append((span.start, span.end))
    return out


def _repeats_conflict(finding: Finding, conflicts: Sequence[Finding]) -> bool:
    """A corroboration of the same pair of statements as a conflict: the same facts, or
    evidence overlapping the conflict's in each of the same articles."""
    if finding.kind != "corroborated":
        return False
    facts = frozenset(finding.facts)
    mine = _spans_by_article(finding)
    for conflict in conflicts:
        if facts and facts == frozenset(conflict.facts):
            return True
        theirs = _spans_by_article(conflict)
        if (
            len(mine) >= 2
            and set(mine) == set(theirs)
            and all(
                any(s < e2 and s2 < e for s, e in mine[a] for s2, e2 in theirs[a]) for a in mine
            )
        ):
            return True
    return False


def _inside(finding: Finding, other: Finding) -> bool:
    """Whether every evidence span of ``finding`` overlaps a span ``other`` shows in the
    same article (and ``other`` shows at least the same articles)."""
    mine, theirs = _spans_by_article(finding), _spans_by_article(other)
    return set(mine) <= set(theirs) and all(
        any(s < e2 and s2 < e for s2, e2 in theirs[a]) for a in mine for s, e in mine[a]
    )


def without_repeats(order: Sequence[Finding]) -> list[Finding]:
    """Corroborations in reading order less those another corroboration already shows:
    "A and B both quote Sorkin: ..." beside "A, B, C and D all quote Sorkin: ..." of the
    same words, or "A and B agree on movies: three / three" inside those quotes. Of two
    that overlap so, the one naming more sources stays (then the one showing more), unless
    it is less sure: a merged entry is as sure as its weakest pair, and a surer statement
    of fewer sources is not hidden behind it."""
    shown = [f for f in order if f.kind == "corroborated"]
    rank = {id(f): i for i, f in enumerate(order)}

    def reach(f: Finding) -> tuple[int, int, int, int]:
        """More sources, then more spans, then more words shown; then read first."""
        spans = _spans_by_article(f)
        width = sum(e - s for found in spans.values() for s, e in found)
        return len(spans), len(f.evidence), width, -rank[id(f)]

    return [
        f
        for f in order
        if f.kind != "corroborated"
        or not any(
            g is not f
            and _inside(f, g)
            and _confidence(g) >= _confidence(f)  # a surer entry is never hidden
            and reach(g) > reach(f)
            for g in shown
        )
    ]


@dataclass(frozen=True, slots=True)
class View:
    """Which findings a reader sees.

    Attributes:
        kinds: only these kinds (``conflict`` means every conflict kind); None: all.
        min_confidence: only findings at least this confident (0-1).
        limit: at most this many findings (after ranking, so conflicts go first).
        full: every finding (ranked); False: the default view (trivia out, a budget of
            :data:`PER_ARTICLE` items per article beyond the conflicts).
    """

    kinds: tuple[str, ...] | None = None
    min_confidence: float = 0.0
    limit: int | None = None
    full: bool = False

    @property
    def filtered(self) -> bool:
        """True when the user asked for something other than the default."""
        return bool(self.kinds) or self.min_confidence > 0 or self.limit is not None


# "A and B both report: ...", "A and B both quote X: ...", "A and B agree on age of X: ..."
_PAIR = re.compile(r"^[A-Z]+(?:, [A-Z]+)* and [A-Z]+ (?:(both|all) )?(\w+)(.*)$", re.DOTALL)


# A hub statement heads its entry when it reads as a headline: this long at most, after a
# dateline ("MARROWFIELD — "); a longer one leaves the surest pair's shorter side.
_HEADLINE = 150
_DATELINE = re.compile(r"^[A-Z][A-Z .,'-]{2,40}\s*[—–-]+\s*")


def merge_corroborations(
    findings: Sequence[Finding],
    order: Sequence[str],
    statements: Mapping[str, str] | None = None,
) -> list[Finding]:
    """One entry per corroborated fact: pairwise corroborations that share a statement
    (``A–C`` and ``C–D`` about one claim) become one finding naming every source.

    ``order`` is the report's article ids (for the source letters); ``statements`` maps
    claim ids to their text, so that an entry of claims is headed by the statement every
    pair shares (its hub), not by the shorter side of its surest pair. Other findings pass
    through unchanged; the merged entry keeps its most confident finding's id and summary,
    the confidence and reason of its least confident pair, every evidence span once and
    every fact.
    """
    pairs = [f for f in findings if f.kind == "corroborated" and len(f.facts) >= 2]
    # Stars, not chains: a statement and every statement corroborated with it directly. A
    # chain A–C, C–D, D–F drifts from one fact to the next ("the 21-year-old was
    # holidaying in Bali" to "he was on his first trip to Bali" to ...), so a pair joins a
    # group only through the group's hub, the statement with the most partners.
    degree: dict[str, int] = {}
    for f in pairs:
        for fact in f.facts:
            degree[fact] = degree.get(fact, 0) + 1
    groups: dict[str, list[Finding]] = {}
    taken: set[int] = set()
    for hub in sorted(degree, key=lambda x: (-degree[x], x)):
        members = [f for f in pairs if id(f) not in taken and hub in f.facts]
        if members:
            groups[hub] = members
            taken.update(id(f) for f in members)

    def told_by(hub: str, members: list[Finding]) -> tuple[Finding, str | None, str, bool]:
        """The group's surest pair, its verb ("report", "quote"), what it tells and whether
        the verb takes a quantifier ("both report"; "agree on" takes none)."""
        head = max(members, key=lambda f: (_confidence(f), -members.index(f)))
        match = _PAIR.match(head.summary)
        if not match:
            return head, None, head.summary, False
        verb, told = match.group(2), match.group(3)
        said = _DATELINE.sub("", " ".join((statements or {}).get(hub, "").split()))
        if said and len(said) <= _HEADLINE and verb in ("report", "mention"):
            told = f": {said}"  # the statement every pair shares, when short enough
        return head, verb, told, bool(match.group(1))

    # Two stars that read the same ("... all report: Williams died early Thursday in her
    # sleep", headed by A's statement and by one that pairs with it) are one entry.
    by_told: dict[tuple[str | None, str], str] = {}
    for hub in [h for h, m in groups.items() if len(m) >= 2]:
        _, verb, told, _ = told_by(hub, groups[hub])
        if verb is None:
            continue
        if (verb, told) in by_told:
            groups[by_told[(verb, told)]] += groups.pop(hub)
        else:
            by_told[(verb, told)] = hub

    # A star all of whose statements a bigger, as sure star already holds ("C, E, F and G
    # all report" the CCTV operator beside "A, C, E, F and G all report" it, headed by
    # another wording) tells no fact of its own: it joins the bigger one. A surer star stays
    # its own entry: an entry is as sure as its least sure pair, and a star's hub may drift
    # ("have now returned home" beside the "were ordered out" it pairs with). Joining adds
    # no statement to the bigger star nor lowers its least sureness, so both are read once.
    facts_of = {hub: {fact for f in members for fact in f.facts} for hub, members in groups.items()}
    surest = {hub: min(map(_confidence, members)) for hub, members in groups.items()}
    holding: dict[str, list[str]] = {}
    for hub in sorted(groups, key=lambda h: -len(facts_of[h])):
        for fact in facts_of[hub]:
            holding.setdefault(fact, []).append(hub)
    for hub in sorted(groups, key=lambda h: len(facts_of[h])):
        mine = facts_of[hub]
        bigger = next(
            (
                other
                for other in holding[next(iter(mine))]
                if other != hub
                and other in groups
                and len(facts_of[other]) > len(mine)
                and mine <= facts_of[other]
                and surest[other] >= surest[hub]
            ),
            None,
        )
        if bigger is not None:
            groups[bigger] += groups.pop(hub)
    labels = article_labels(list(order))
    merged: dict[int, Finding | None] = {}
    for hub, members in groups.items():
        if len(members) < 2:
            continue
        head, verb, told, quantified = told_by(hub, members)
        weakest = min(members, key=lambda f: (_confidence(f), members.index(f)))
        spans: dict[tuple[str, int, int], Span] = {}
        facts: dict[str, None] = {}
        for f in members:
            for span in f.evidence:
                spans.setdefault((span.article, span.start, span.end), span)
            facts.update(dict.fromkeys(f.facts))
        articles = {span.article for span in spans.values()}
        letters = sorted((labels.get(a, a) for a in articles), key=lambda x: (len(x), x))
        summary = head.summary
        if verb is not None:
            every = f"{'both' if len(letters) == 2 else 'all'} " if quantified else ""
            summary = f"{listed(letters)} {every}{verb}{told}"
        entry = dataclasses.replace(
            head,
            summary=summary,
            evidence=tuple(spans.values()),
            facts=tuple(facts),
            sources=max([len(articles), *(f.sources for f in members)]),
            # A group is as sure as its least sure pair (each pair's confidence is a measured
            # precision; the group is right only if every pair is).
            confidence=_confidence(weakest),
            # the reason of the pair whose confidence the entry states, so the two agree
            reason=f"{len(members)} pairwise matches of one statement in {len(articles)} "
            f"sources; {weakest.reason}".rstrip("; "),
        )
        for f in members:
            merged[id(f)] = None
        merged[id(head)] = entry
    out: list[Finding] = []
    for f in findings:
        if id(f) not in merged:
            out.append(f)
        elif merged[id(f)] is not None:
            out.append(merged[id(f)])  # type: ignore[arg-type]
    return out


def _contested(findings: Sequence[Finding]) -> dict[str, set[str]]:
    """Each statement a contradiction answers (claim id) and the articles that answer it.

    A contradiction's facts follow its evidence, the statements first and the refuting or
    negating statements last, so the article of its last span is the one that answers."""
    out: dict[str, set[str]] = {}
    for f in findings:
        if f.kind != "contradiction" or len(f.facts) != len(f.evidence) or len(f.facts) < 2:
            continue
        denier = f.evidence[-1].article
        for fact, span in zip(f.facts, f.evidence, strict=True):
            if span.article != denier:
                out.setdefault(fact, set()).add(denier)
    return out


def refutations_noted(
    findings: Sequence[Finding], order: Sequence[str], negative: Collection[str] = ()
) -> list[Finding]:
    """Corroborations of a statement another source contradicts, saying so: "D and F both
    report: Rudd was spotted on a flight … — C and E contradict it", so that two believers
    agreeing is not read as the fact holding. Contradicting sources among the corroborating
    ones are left out (that is the contradiction's own entry), and so are corroborations of
    statements that say something is not so (``negative``, claim ids): "C and D both report:
    Islam says he did not make $72 million" sides with the refuter, whatever a refutation
    listed it among."""
    contested = _contested(findings)
    if not contested:
        return list(findings)
    labels = article_labels(list(order))
    out: list[Finding] = []
    for f in findings:
        if f.kind != "corroborated" or any(fact in negative for fact in f.facts):
            out.append(f)
            continue
        mine = {span.article for span in f.evidence}
        against = {a for fact in f.facts for a in contested.get(fact, ())} - mine
        if not against:
            out.append(f)
            continue
        who = sorted((labels.get(a, a) for a in against), key=lambda x: (len(x), x))
        verb = "contradicts" if len(who) == 1 else "contradict"
        out.append(
            dataclasses.replace(
                f,
                summary=f"{f.summary} — {listed(who)} {verb} it",
                reason=f"{f.reason}; {listed(who)} {verb} the statement (see the contradictions)",
            )
        )
    return out


def select_findings(
    findings: Sequence[Finding],
    view: View,
    *,
    articles: int,
    order_ids: Sequence[str] | None = None,
    statements: Mapping[str, str] | None = None,
    negative: Collection[str] = (),
) -> tuple[list[Finding], int]:
    """The findings of ``view`` in reading order, and how many were left out.

    With ``order_ids`` (the report's article ids) pairwise corroborations of one
    statement are first merged into one entry per fact (:func:`merge_corroborations`), and
    those of a statement another source contradicts say so (:func:`refutations_noted`;
    ``negative``: the ids of claims that say something is not so).
    """
    wanted = _wanted(view.kinds)
    if order_ids is not None:
        findings = merge_corroborations(findings, order_ids, statements)
        findings = refutations_noted(findings, order_ids, negative)
    pool = [
        f
        for f in findings
        if kind_matches(f.kind, wanted) and _confidence(f) >= view.min_confidence
    ]
    order = ranked(pool)
    if not view.full:
        conflicts = [f for f in findings if is_conflict(f.kind)]
        order = [f for f in order if not is_bare_count(f) and not _repeats_conflict(f, conflicts)]
        order = without_repeats(order)
        if not view.filtered:
            budget = max(MIN_BUDGET, PER_ARTICLE * max(articles, 1))
            conflicts = [f for f in order if is_conflict(f.kind)]
            rest = [f for f in order if not is_conflict(f.kind)]
            order = conflicts + rest[: max(0, budget - len(conflicts))]
    if view.limit is not None:
        order = order[: max(0, view.limit)]
    return order, len(findings) - len(order)


def apply_view(report: Report, view: View | None = None) -> Report:
    """A copy of ``report`` with only the findings of ``view`` (default view when None),
    pairwise corroborations of one statement merged into one entry per fact.

    ``stats`` gains ``findings_total`` and ``findings_shown``.
    """
    view = view or View()
    shown, _left = select_findings(
        report.findings,
        view,
        articles=len(report.articles),
        order_ids=[a.id for a in report.articles],
        statements={c.id: c.text for c in report.claims},
        negative={c.id for c in report.claims if c.stance == "denies" or c.negated},
    )
    stats = dict(report.stats or {})
    stats["findings_total"] = len(report.findings)
    stats["findings_shown"] = len(shown)
    stats["findings_view"] = "full" if view.full else "filtered" if view.filtered else "short"
    return dataclasses.replace(report, findings=tuple(shown), stats=stats)
