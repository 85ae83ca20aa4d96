"""Acceptance: the worked example of PRODUCT.md on the two real seed articles.

The seed texts are read from ../shared at test time (never copied into the project); the
test skips when they are absent.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.model import Finding, Report
from crosscheck.pipeline import run

pytestmark = [pytest.mark.slow, pytest.mark.shared]

A = "000_f30d32734b47cc36.txt"
B = "002_57d6d3f53234ad38.txt"


@pytest.fixture(scope="module")
def report(shared: Path) -> Report:
    seeds = shared / "corpus" / "seeds"
    if not (seeds / A).exists():
        pytest.skip("seed articles not present")
    return run([str(seeds / A), str(seeds / B)])


def _ids(report: Report) -> tuple[str, str]:
    by_name = {Path(a.source).name: a.id for a in report.articles}
    return by_name[A], by_name[B]


def _in_both(finding: Finding, a: str, b: str) -> bool:
    return {s.article for s in finding.evidence} >= {a, b}


def test_compare_seeds_offsets_hold(report: Report) -> None:
    texts = {a.id: a.text for a in report.articles}
    for quote in report.quotes:
        assert texts[quote.article][quote.start : quote.end] == quote.text
    for number in report.numbers:
        assert texts[number.article][number.start : number.end] == number.text
    for date in report.dates:
        assert texts[date.article][date.start : date.end] == date.text
    for finding in report.findings:
        for span in finding.evidence:
            assert texts[span.article][span.start : span.end] == span.text
    for entity in report.entities:
        for m in entity.mentions:
            assert texts[m.article][m.start : m.end] == m.text


def test_compare_seeds_boilerplate_removed(report: Report) -> None:
    a, b = _ids(report)
    removed = {x.id: [r.text.strip() for r in x.removed] for x in report.articles}
    teaser = "Russians Defeated in Kharkiv, Ukrainian Forces Reach Border With Russia"
    assert teaser in removed[a]
    assert f"Read Next: {teaser}" in removed[a]
    assert "Sign up to receive our latest news!" in removed[b]
    assert "By submitting this form, I agree to the terms." in removed[b]
    assert len(removed[a]) == 2 and len(removed[b]) == 2


def test_compare_seeds_speakers_canonical(report: Report) -> None:
    a, b = _ids(report)
    peskov = [q for q in report.quotes if "should not worry anyone" in q.text]
    assert peskov and all(q.speaker and q.speaker.name == "Dmitry Peskov" for q in peskov)
    assert len([q for q in peskov if q.article == a]) == 1  # repeated quote counts once
    assert any(q.mentions for q in peskov)
    lavrov = [q for q in report.quotes if "destroy Ukraine" in q.text and q.article == a]
    assert lavrov and lavrov[0].speaker and lavrov[0].speaker.name == "Sergey Lavrov"
    assert "TASS" in lavrov[0].via
    he_said = [q for q in report.quotes if q.text.startswith("The military understands")]
    assert he_said and he_said[0].speaker and he_said[0].speaker.name == "Sergey Lavrov"
    zelensky_b = [q for q in report.quotes if q.article == b and "Muscle-flexing" in q.text]
    assert zelensky_b and zelensky_b[0].speaker
    assert zelensky_b[0].speaker.name == "Volodymyr Zelensky"
    assert "Twitter" in zelensky_b[0].via
    austin = [q for q in report.quotes if q.article == b and "condemned recent" in q.text]
    assert any(q.speaker and q.speaker.name == "Lloyd Austin" for q in austin)
    assert any("Reuters" in q.via for q in austin)
    b_peskov = [q for q in report.quotes if q.article == b and "frightening" in q.text]
    assert any(q.speaker and q.speaker.name == "Dmitry Peskov" for q in b_peskov)


def test_compare_seeds_attribution_conflicts(report: Report) -> None:
    a, b = _ids(report)
    conflicts = [f for f in report.findings if f.kind == "attribution_conflict"]
    escalation = [
        f
        for f in conflicts
        if _in_both(f, a, b) and any("recent escalations" in s.text for s in f.evidence)
    ]
    assert escalation, "Price (A) vs Austin (B) not reported"
    assert "Ned Price" in escalation[0].summary and "Lloyd Austin" in escalation[0].summary
    destroy = [
        f for f in conflicts if _in_both(f, a, b) and "destroy" in " ".join(s.text for s in f.evidence)
    ]
    assert destroy, "Lavrov (A) vs NATO (B) not reported"
    assert destroy[0].severity == "severe"
    assert not [f for f in conflicts if "territorial integrity" in f.summary.lower()]
    assert all(0.0 <= f.confidence <= 1.0 and f.reason for f in conflicts)


def test_compare_seeds_no_numeric_false_alarm(report: Report) -> None:
    for f in report.findings:
        if f.kind == "numeric_conflict":
            joined = " ".join(s.text for s in f.evidence)
            assert not ("20" in joined and "14,000" in joined)


def test_compare_seeds_dates(report: Report) -> None:
    a, b = _ids(report)
    anchors = {x.id: x.date_anchor for x in report.articles}
    assert anchors[a].basis != "metadata" and anchors[b].basis != "metadata"
    assert all(x.published is None for x in report.articles)
    anomalies = [f for f in report.findings if f.kind == "temporal_anomaly"]
    assert any("Nov. 3" in s.text for f in anomalies for s in f.evidence if s.article == b)


def test_compare_seeds_corroborated_and_single(report: Report) -> None:
    a, b = _ids(report)
    corroborated = [f for f in report.findings if f.kind == "corroborated" and _in_both(f, a, b)]
    assert len(corroborated) >= 3
    summaries = " ".join(f.summary for f in corroborated)
    assert "Peskov" in summaries and "Zelensky" in summaries
    single = [f for f in report.findings if f.kind == "single_source"]
    evidence = [" ".join(s.text for s in f.evidence) + " " + f.summary for f in single]
    assert any("twenty-eight" in e.lower() or "28" in e for e in evidence)
    assert any("57" in e for e in evidence)
    assert any("killer" in e for e in evidence)
    assert any("March 29" in e or "intercept" in e for e in evidence)


def test_compare_seeds_entities_merged(report: Report) -> None:
    def holders(*names: str) -> list[str]:
        return [
            e.id for e in report.entities if {e.name, *e.aliases} & set(names)
        ]

    assert len(set(holders("Donbass", "Donbas"))) == 1
    assert len(set(holders("NATO", "North Atlantic Treaty Organization"))) == 1
    assert len(set(holders("Zelensky", "Volodymyr Zelensky"))) == 1
    peskov = [e for e in report.entities if e.name == "Dmitry Peskov"]
    assert len(peskov) == 1 and any("spokesman" in r for r in peskov[0].roles)
