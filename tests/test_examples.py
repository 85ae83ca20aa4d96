"""Acceptance: the bundled examples/ (five invented reports of one invented event).

``make demo`` runs ``crosscheck compare examples/``; these tests check that the run shows
every kind of finding, with its evidence in the right articles (named by source file, not
by id), that every span holds, and that it raises no false alarm on stock phrases or on
numbers of different scope. One pipeline run is shared by the whole module.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

import pytest
from click.testing import CliRunner

from crosscheck.cli import main
from crosscheck.model import SCHEMA, Article, Finding, Quote, Report
from crosscheck.pipeline import run

pytestmark = pytest.mark.slow

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"

COURIER = "marrowfield-courier.html"
HERALD = "tri-county-herald.html"
WIRE = "meridian-wire.txt"
REPRINT = "lakeshore-daily.txt"
BULLETIN = "eastbank-bulletin.txt"
ALL = {COURIER, HERALD, WIRE, REPRINT, BULLETIN}


@pytest.fixture(scope="module")
def report() -> Report:
    return run([str(EXAMPLES)])


def _names(report: Report) -> dict[str, str]:
    """Article id -> source file name."""
    return {a.id: Path(a.source).name for a in report.articles}


def _article(report: Report, name: str) -> Article:
    return next(a for a in report.articles if Path(a.source).name == name)


def _of_kind(report: Report, kind: str) -> list[Finding]:
    return [f for f in report.findings if f.kind == kind]


def _files(report: Report, finding: Finding) -> set[str]:
    names = _names(report)
    return {names[s.article] for s in finding.evidence}


def _mentions(findings: Iterable[Finding], words: str) -> list[Finding]:
    return [f for f in findings if any(words in s.text for s in f.evidence)]


def test_examples_reads_the_five_articles(report: Report) -> None:
    assert set(_names(report).values()) == ALL
    assert not [p for p in report.problems if p.fatal]
    assert report.schema == SCHEMA


def test_examples_offsets_hold(report: Report) -> None:
    texts = {a.id: a.text for a in report.articles}
    for a in report.articles:
        assert len(a.clean_text) == len(a.text)
        for r in a.removed:
            assert a.text[r.start : r.end] == r.text
    for q in report.quotes:
        assert texts[q.article][q.start : q.end] == q.text
        for m in q.mentions:
            assert texts[m.article][m.start : m.end] == m.text
        if q.speaker is not None and q.speaker.end > q.speaker.start:
            assert texts[q.article][q.speaker.start : q.speaker.end] == q.speaker.text
    for n in report.numbers:
        assert texts[n.article][n.start : n.end] == n.text
    for d in report.dates:
        assert texts[d.article][d.start : d.end] == d.text
    for c in report.claims:
        assert texts[c.article][c.start : c.end] == c.text
    for e in report.entities:
        for em in e.mentions:
            assert texts[em.article][em.start : em.end] == em.text
    for f in report.findings:
        assert f.evidence, f
        for s in f.evidence:
            assert texts[s.article][s.start : s.end] == s.text


@pytest.mark.parametrize(
    ("name", "outlet", "title"),
    [
        (COURIER, "The Marrowfield Courier", "Kestrel Polymers fire: 4,000 evacuated"),
        (HERALD, "Tri-County Herald", "Nineteen hospitalised after chemical plant fire"),
    ],
)
def test_examples_html_metadata_from_page(
    report: Report, name: str, outlet: str, title: str
) -> None:
    a = _article(report, name)
    assert a.format == "html"
    assert a.outlet == outlet
    assert a.title is not None and a.title.startswith(title)
    assert a.published is not None and a.published.startswith("2026-03-04")
    assert a.date_anchor.basis == "metadata"
    # Navigation, share bar, caption, newsletter box, related links and footer stay out.
    for junk in ("Obituaries", "WhatsApp", "Photo:", "Sign up", "By signing up", "reserved"):
        assert junk not in a.clean_text, junk


def test_examples_sidecar_metadata(report: Report) -> None:
    wire, reprint = _article(report, WIRE), _article(report, REPRINT)
    assert (wire.outlet, wire.published) == ("Meridian Wire Service", "2026-03-04")
    assert (reprint.outlet, reprint.published) == ("Lakeshore Daily", "2026-03-05")
    assert wire.date_anchor.basis == reprint.date_anchor.basis == "metadata"


def test_examples_undated_article_gets_inferred_anchor(report: Report) -> None:
    a = _article(report, BULLETIN)
    assert a.published is None and a.outlet is None
    assert a.date_anchor.basis == "inferred"
    assert a.date_anchor.value is not None and a.date_anchor.value.startswith("2026-03")
    relative = [d for d in report.dates if d.article == a.id and d.anchor == "inferred"]
    assert any(
        d.text == "Wednesday night" and (d.value or "").startswith("2026-03-04") for d in relative
    )


def test_examples_plain_text_boilerplate_removed(report: Report) -> None:
    a = _article(report, REPRINT)
    removed = {r.text.strip(): r.reason for r in a.removed}
    teaser = "Harbor Ferry Strike Ends After Nine Days"
    assert teaser in removed
    assert f"Read Next: {teaser}" in removed
    assert any(t.startswith("Sign up for our newsletter") for t in removed)
    assert any(t.startswith("By submitting this form") for t in removed)
    for text in removed:
        assert text not in a.clean_text
    assert "About 4,000 residents" in a.clean_text


def test_examples_attribution_conflict(report: Report) -> None:
    found = _mentions(_of_kind(report, "attribution_conflict"), "Not one production line")
    assert found, "the mayor/spokesperson quote should be an attribution conflict"
    f = found[0]
    assert _files(report, f) == {COURIER, HERALD}
    speakers = {s.text for s in f.evidence}
    assert {"Whitcombe", "Hartvig"} <= speakers


def test_examples_only_the_planted_attribution_conflict(report: Report) -> None:
    # A wire dateline or the passive subject of "were ordered out" is no speaker.
    assert len(_of_kind(report, "attribution_conflict")) == 1
    speakers = {q.speaker.name for q in report.quotes if q.speaker}
    assert not {name for name in speakers if name.upper() == "MARROWFIELD"}


def test_examples_no_conflict_on_stock_phrases(report: Report) -> None:
    conflicts = _of_kind(report, "attribution_conflict")
    for phrase in ("thoughts are with the families", "full transparency"):
        assert not _mentions(conflicts, phrase), phrase
    # Both the mayor and the company's spokesperson said them, in different articles.
    said = {q.speaker.name for q in report.quotes if "thoughts are" in q.text and q.speaker}
    assert {"Helen Whitcombe", "Lena Hartvig"} <= said


def test_examples_numeric_conflict(report: Report) -> None:
    conflicts = _of_kind(report, "numeric_conflict")
    hospital = [f for f in conflicts if {s.text for s in f.evidence} == {"12", "19"}]
    assert hospital, [f.summary for f in conflicts]
    assert _files(report, hospital[0]) == {COURIER, HERALD}


def test_examples_date_conflict(report: Report) -> None:
    # The wire: "The fire began on the afternoon of March 3"; the Herald (published
    # Wednesday, March 4): "The fire began on Monday afternoon" (March 2).
    (found,) = _of_kind(report, "date_conflict")
    assert _files(report, found) == {WIRE, HERALD}
    assert {s.text for s in found.evidence} == {"March 3", "Monday afternoon"}
    assert "2026-03-02" in found.summary and "counted from its publication date" in found.reason


def test_examples_no_numeric_conflict_across_scope(report: Report) -> None:
    # "Three workers were injured on Tuesday" vs "At least 40 workers have been injured at
    # the plant since 2015" (and "more than 200 safety incidents since 2015").
    for f in _of_kind(report, "numeric_conflict"):
        assert not {s.text for s in f.evidence} & {"Three", "40", "200"}, f.summary


def test_examples_corroborated_quote_and_number(report: Report) -> None:
    corroborated = _of_kind(report, "corroborated")
    flames = _mentions(corroborated, "The flames reached the solvent tanks on the north side")
    assert any(_files(report, f) == {COURIER, HERALD} for f in flames)
    assert any(f.sources >= 2 for f in flames)
    evacuated = [f for f in corroborated if {s.text for s in f.evidence} == {"4,000"}]
    assert evacuated, "the 4,000 evacuated residents should be corroborated"


def test_examples_single_source(report: Report) -> None:
    single = _of_kind(report, "single_source")
    lindqvist = _mentions(single, "People on Ferrier Street got the alert")
    assert lindqvist and all(_files(report, f) == {BULLETIN} for f in lindqvist)


def test_examples_temporal_anomaly(report: Report) -> None:
    anomalies = _of_kind(report, "temporal_anomaly")
    stale = [f for f in anomalies if f.evidence[0].text == "last Sept. 14"]
    assert stale, [f.summary for f in anomalies]
    assert _names(report)[stale[0].evidence[0].article] == COURIER
    assert "2025-09-14" in stale[0].summary


def test_examples_copy_detected_and_not_independent(report: Report) -> None:
    copies = _of_kind(report, "copy")
    assert any(_files(report, f) == {REPRINT, WIRE} for f in copies)
    assert report.stats["independent_sources"] == 4
    # The reprint and its original never corroborate each other.
    for f in _of_kind(report, "corroborated"):
        assert _files(report, f) != {REPRINT, WIRE}, f.summary


def test_examples_quotes_speakers_and_chains(report: Report) -> None:
    names = _names(report)
    by_file: dict[str, list[Quote]] = {}
    for q in report.quotes:
        by_file.setdefault(names[q.article], []).append(q)
    courier = by_file[COURIER]
    # "..., she said." resolves to the last named speaker.
    flames = next(q for q in courier if q.text.startswith("The flames reached"))
    assert flames.kind == "direct" and flames.speaker is not None
    assert flames.speaker.name == "Maria Okafor" and flames.speaker.text == "she"
    # A quote repeated inside one article counts once, the repeat kept as a mention.
    hardest = [q for q in courier if q.text.startswith("This was the hardest night")]
    assert len(hardest) == 1 and len(hardest[0].mentions) == 1
    # A mixed quote and an indirect quote passed on "according to" a wire agency.
    assert any(q.kind == "mixed" and "a precaution, not a panic" in q.text for q in courier)
    windows = next(q for q in courier if "windows closed" in q.text)
    assert windows.kind == "indirect" and windows.via == ("Meridian Wire Service",)
    assert windows.speaker is not None and windows.speaker.name == "Samuel Adeyemi"


def test_examples_quote_via_x_account(report: Report) -> None:
    shelter = next(q for q in report.quotes if q.text.startswith("The shelter at Marrowfield"))
    assert shelter.via == ("Twitter",)


def test_examples_cli_json() -> None:
    result = CliRunner().invoke(main, ["compare", str(EXAMPLES), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema"] == "crosscheck.report/1"
    assert {f["kind"] for f in data["findings"]} >= {
        "attribution_conflict",
        "numeric_conflict",
        "date_conflict",
        "temporal_anomaly",
        "corroborated",
        "single_source",
        "copy",
    }
