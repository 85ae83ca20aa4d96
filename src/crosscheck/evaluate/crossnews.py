"""Scoring a comparison report against a crossnews gold set (the benchmark's own definitions).

``../shared/data/crossnews/README.md`` defines the measures; this module implements them on
the JSON form of a report (``model.to_dict(report)``), so that a report written by
``crosscheck compare --format json`` and one made in process score alike, and the figures
agree with the reference scorer shipped beside the data.

* A conflict finding (``*_conflict``, ``temporal_anomaly``, ``contradiction``) is true when its
  evidence overlaps both sides of some gold conflict, each in its own article; a finding with
  evidence in one article only matches a gold ``date`` conflict on either side.
* A corroboration is judged pair by pair on the gold facts its spans hit in both articles:
  the same fact with compatible stances is correct; one side ``denies`` (or the two spans are
  the two sides of a gold conflict) is *inverted*; different facts only is wrong; no fact on
  both sides is unjudged. The finding takes its worst pair.
* Fact recall: facts asserted by two or more articles that some corroboration links.
* A single-source finding whose evidence hits a fact another article asserts is wrong.
* Publication dates: the report's ``published`` (first 10 characters) against the gold one.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any

Spans = list[tuple[int, int]]

CONFLICT_KINDS = frozenset(
    {
        "attribution_conflict",
        "numeric_conflict",
        "date_conflict",
        "temporal_anomaly",
        "contradiction",
    }
)
GOLD_TYPES = ("numeric", "contradiction", "attribution", "date")


def is_conflict(kind: str) -> bool:
    """Whether a finding kind flags a conflict."""
    return kind in CONFLICT_KINDS or kind.endswith(("_conflict", "contradiction"))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return max(a[0], b[0]) < min(a[1], b[1])


def _any_overlap(spans: Iterable[tuple[int, int]], target: tuple[int, int]) -> bool:
    return any(_overlaps(s, target) for s in spans)


def locate(text: str, needle: str) -> tuple[int, int] | None:
    """The span of a gold text in an article (exact match; ``None`` when it is not found)."""
    at = text.find(needle)
    return None if at < 0 else (at, at + len(needle))


@dataclass
class Judged:
    """One finding with a verdict: for the error listing and the reliability table."""

    set: str
    kind: str
    verdict: str  # true/false (conflicts), correct/wrong/inverted (corroborations, singles)
    confidence: float
    summary: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    gold: list[str] = field(default_factory=list)


@dataclass
class SetScore:
    """Counts of one set and its judged findings."""

    counts: Counter[str]
    judged: list[Judged]
    missed: list[dict[str, Any]]


def score_set(name: str, gold: Mapping[str, Any], report: Mapping[str, Any]) -> SetScore:
    """Score one report (JSON form) against one set's gold (``gold.json``)."""
    by_doc: dict[str, tuple[str, str]] = {}
    for art in report.get("articles", []):
        by_doc[PurePath(art.get("source") or "").name] = (art["id"], art.get("text") or "")
    doc_of = {aid: doc for doc, (aid, _) in by_doc.items()}

    def gspan(ref: Mapping[str, str]) -> tuple[int, int] | None:
        if ref["doc"] not in by_doc:
            return None
        return locate(by_doc[ref["doc"]][1], ref["text"])

    conflicts = [(c, gspan(c["a"]), gspan(c["b"])) for c in gold.get("conflicts", [])]
    facts: list[tuple[dict[str, Any], list[tuple[str, tuple[int, int], str]]]] = []
    for fact in gold.get("facts", []):
        located = []
        for st in fact["statements"]:
            sp = gspan(st)
            if sp is not None:
                located.append((st["doc"], sp, st["stance"]))
        facts.append((fact, located))

    counts: Counter[str] = Counter()
    judged: list[Judged] = []
    matched: set[str] = set()
    corroboration_evidence: list[dict[str, Spans]] = []

    def evidence_of(finding: Mapping[str, Any]) -> dict[str, Spans]:
        ev: dict[str, Spans] = defaultdict(list)
        for e in finding.get("evidence", []):
            doc = doc_of.get(e.get("article"))
            if doc is not None:
                ev[doc].append((e["start"], e["end"]))
        return ev

    def show(finding: Mapping[str, Any]) -> list[dict[str, Any]]:
        return [
            {"doc": doc_of.get(e.get("article"), "?"), "text": (e.get("text") or "")[:400]}
            for e in finding.get("evidence", [])
        ]

    for finding in report.get("findings", []):
        kind = str(finding.get("kind", ""))
        confidence = float(finding.get("confidence") or 0.0)
        ev = evidence_of(finding)
        counts[f"n_{kind}"] += 1
        if is_conflict(kind):
            hit = []
            for c, sa, sb in conflicts:
                if sa is None or sb is None:
                    continue
                on_a = _any_overlap(ev.get(c["a"]["doc"], []), sa)
                on_b = _any_overlap(ev.get(c["b"]["doc"], []), sb)
                single = len(ev) == 1 and (on_a or on_b) and c["type"] == "date"
                if (on_a and on_b) or single:
                    hit.append(c["id"])
            counts["conflict_findings"] += 1
            # Not a reference figure: a finding with evidence in three or more articles (one
            # refuting article against the statements it answers) is also judged per pair,
            # each other article against the article of its last span.
            docs = list(dict.fromkeys(doc_of.get(e.get("article")) for e in finding["evidence"]))
            docs = [d for d in docs if d is not None]
            partners = [(d, docs[-1]) for d in docs[:-1]] if len(docs) > 2 else [tuple(docs)]
            for pair in partners:
                counts["conflict_pairs"] += 1
                counts["conflict_pairs_true"] += any(
                    sa is not None
                    and sb is not None
                    and {c["a"]["doc"], c["b"]["doc"]} == set(pair)
                    and _any_overlap(ev.get(c["a"]["doc"], []), sa)
                    and _any_overlap(ev.get(c["b"]["doc"], []), sb)
                    for c, sa, sb in conflicts
                )
            if hit:
                counts["conflict_findings_true"] += 1
                counts[f"true_{kind}"] += 1
                matched.update(hit)
            judged.append(
                Judged(
                    name,
                    kind,
                    "true" if hit else "false",
                    confidence,
                    str(finding.get("summary", "")),
                    show(finding),
                    hit,
                )
            )
        elif kind == "corroborated":
            corroboration_evidence.append(ev)
            worst = _judge_corroboration(ev, conflicts, facts)
            counts[f"corroborated_{worst}"] += 1
            if worst != "unjudged":
                judged.append(
                    Judged(
                        name,
                        kind,
                        worst,
                        confidence,
                        str(finding.get("summary", "")),
                        show(finding),
                    )
                )
        elif kind == "single_source" and len(ev) == 1:
            (doc, spans), *_ = ev.items()
            hit_facts = [
                f
                for f, st in facts
                for d, sp, stance in st
                if d == doc and stance != "denies" and _any_overlap(spans, sp)
            ]
            if not hit_facts:
                counts["single_unjudged"] += 1
                continue
            others = any(
                d != doc and stance == "asserts"
                for f in hit_facts
                for ff, st in facts
                if ff is f
                for d, _sp, stance in st
            )
            verdict = "wrong" if others else "correct"
            counts[f"single_{verdict}"] += 1
            judged.append(
                Judged(
                    name, kind, verdict, confidence, str(finding.get("summary", "")), show(finding)
                )
            )

    missed = []
    for c, sa, sb in conflicts:
        counts["gold_conflicts"] += 1
        counts[f"gold_{c['type']}"] += 1
        if c["id"] in matched:
            counts["gold_conflicts_found"] += 1
            counts[f"found_{c['type']}"] += 1
        else:
            missed.append({"set": name, "id": c["id"], "type": c["type"], "a": c["a"], "b": c["b"]})
        if sa is None or sb is None:
            counts["gold_conflicts_unlocatable"] += 1

    for _fact, st in facts:
        asserting: dict[str, Spans] = defaultdict(list)
        for d, sp, stance in st:
            if stance == "asserts":
                asserting[d].append(sp)
        if len(asserting) < 2:
            continue
        counts["facts_multi"] += 1
        for ev in corroboration_evidence:
            docs_hit = [
                d
                for d, sps in asserting.items()
                if any(_overlaps(s, sp) for s in ev.get(d, []) for sp in sps)
            ]
            if len(docs_hit) >= 2:
                counts["facts_multi_linked"] += 1
                break

    published = {a["id"]: a.get("published") for a in report.get("articles", [])}
    for art in gold.get("articles", []):
        if art.get("published") and art["doc"] in by_doc:
            counts["dates_gold"] += 1
            got = published.get(by_doc[art["doc"]][0]) or ""
            if got[:10] == art["published"]:
                counts["dates_right"] += 1
    counts["articles"] += len(report.get("articles", []))
    counts["findings"] += len(report.get("findings", []))
    return SetScore(counts, judged, missed)


def _judge_corroboration(
    ev: Mapping[str, Spans],
    conflicts: Sequence[tuple[dict[str, Any], tuple[int, int] | None, tuple[int, int] | None]],
    facts: Sequence[tuple[dict[str, Any], list[tuple[str, tuple[int, int], str]]]],
) -> str:
    docs = sorted(ev)
    verdicts = []
    for i, x in enumerate(docs):
        for y in docs[i + 1 :]:
            inverted = any(
                sa is not None
                and sb is not None
                and (c["a"]["doc"], c["b"]["doc"]) in ((x, y), (y, x))
                and _any_overlap(ev[c["a"]["doc"]], sa)
                and _any_overlap(ev[c["b"]["doc"]], sb)
                for c, sa, sb in conflicts
            )
            if inverted:
                verdicts.append("inverted")
                continue
            fx = {
                f["id"]: stance
                for f, st in facts
                for d, sp, stance in st
                if d == x and _any_overlap(ev[x], sp)
            }
            fy = {
                f["id"]: stance
                for f, st in facts
                for d, sp, stance in st
                if d == y and _any_overlap(ev[y], sp)
            }
            common = fx.keys() & fy.keys()
            if common:
                flips = [(fx[k] == "denies") != (fy[k] == "denies") for k in common]
                verdicts.append("inverted" if all(flips) else "correct")
            elif fx and fy:
                verdicts.append("wrong")
            else:
                verdicts.append("unjudged")
    for verdict in ("inverted", "wrong", "correct"):
        if verdict in verdicts:
            return verdict
    return "unjudged"


def _ratio(a: float, b: float) -> float | None:
    return round(a / b, 3) if b else None


def figures(total: Counter[str]) -> dict[str, Any]:
    """The benchmark's figures from summed counts (the reference scorer's names)."""
    judged = total["corroborated_correct"] + total["corroborated_wrong"]
    judged += total["corroborated_inverted"]
    single = total["single_correct"] + total["single_wrong"]
    out: dict[str, Any] = {
        "articles": total["articles"],
        "findings_per_article": _ratio(total["findings"], total["articles"]),
        "conflict_precision": _ratio(total["conflict_findings_true"], total["conflict_findings"]),
        "conflict_findings": total["conflict_findings"],
        "conflict_recall": _ratio(total["gold_conflicts_found"], total["gold_conflicts"]),
        "conflict_pair_precision": _ratio(total["conflict_pairs_true"], total["conflict_pairs"]),
        "conflict_pairs": total["conflict_pairs"],
        "gold_conflicts": total["gold_conflicts"],
        "corroboration_precision": _ratio(total["corroborated_correct"], judged),
        "corroborations_inverted": total["corroborated_inverted"],
        "corroborations_wrong": total["corroborated_wrong"],
        "corroborations_judged": judged,
        "fact_recall": _ratio(total["facts_multi_linked"], total["facts_multi"]),
        "single_source_precision": _ratio(total["single_correct"], single),
        "single_source_judged": single,
        "published_date_accuracy": _ratio(total["dates_right"], total["dates_gold"]),
        "dates_gold": total["dates_gold"],
    }
    for gold_type in GOLD_TYPES:
        out[f"recall_{gold_type}"] = _ratio(total[f"found_{gold_type}"], total[f"gold_{gold_type}"])
    for key in sorted(total):
        if key.startswith("n_") and is_conflict(key[2:]):
            kind = key[2:]
            out[f"precision_{kind}"] = _ratio(total[f"true_{kind}"], total[key])
            out[f"count_{kind}"] = total[key]
    return out


# Confidence bins of the reliability table: [0.5, 0.6), ..., [0.9, 1.0].
BINS: tuple[float, ...] = (0.0, 0.5, 0.6, 0.7, 0.8, 0.9)
_GOOD = {"true", "correct"}


def reliability(judged: Sequence[Judged]) -> list[dict[str, Any]]:
    """Findings binned by stated confidence against their measured precision, per kind."""
    rows: dict[tuple[str, float], list[Judged]] = defaultdict(list)
    for j in judged:
        lower = max(b for b in BINS if j.confidence >= b or b == 0.0)
        rows[(j.kind, lower)].append(j)
    out = []
    for (kind, lower), items in sorted(rows.items()):
        upper = next((b for b in BINS if b > lower), 1.0)
        good = sum(j.verdict in _GOOD for j in items)
        out.append(
            {
                "kind": kind,
                "bin": f"{lower:.1f}-{upper:.1f}",
                "n": len(items),
                "stated": round(sum(j.confidence for j in items) / len(items), 3),
                "measured": round(good / len(items), 3),
            }
        )
    return out
