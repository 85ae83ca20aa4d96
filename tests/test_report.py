"""Tests of the report renderers (crosscheck.report) on a hand-built report."""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import re
from html import escape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rich.console import Console

from _report_fixture import HOSTILE, HOSTILE_ATTR, make_hostile_report, make_report
from crosscheck.errors import CrosscheckError
from crosscheck.model import (
    Article,
    Claim,
    DateRef,
    Entity,
    Finding,
    Number,
    Problem,
    Quote,
    Report,
    Span,
)
from crosscheck.report import (
    REPORT_JS,
    export_csv,
    export_parquet,
    from_json,
    md_escape,
    render,
    render_findings_html,
    render_marked_text,
    render_sources_html,
    to_html,
    to_json,
    to_markdown,
    to_terminal,
)
from crosscheck.report._common import is_short_value
from crosscheck.report.htmlpage import Layer, segments
from crosscheck.report.rank import (
    View,
    apply_view,
    is_bare_count,
    merge_corroborations,
    ranked,
    shows_values,
)

REPORT = make_report()


# --- fixture sanity ----------------------------------------------------------------------


def test_report_fixture_offsets_consistent() -> None:
    arts = {a.id: a for a in REPORT.articles}
    spans: list[Any] = [s for f in REPORT.findings for s in f.evidence]
    spans += [*REPORT.quotes, *REPORT.numbers, *REPORT.dates, *REPORT.claims]
    spans += [m for e in REPORT.entities for m in e.mentions]
    for s in spans:
        assert arts[s.article].text[s.start : s.end] == s.text
    for a in REPORT.articles:
        assert len(a.clean_text) == len(a.text)
        for r in a.removed:
            assert a.text[r.start : r.end] == r.text
    assert {f.kind for f in REPORT.findings} == {
        "attribution_conflict",
        "numeric_conflict",
        "temporal_anomaly",
        "corroborated",
        "single_source",
        "copy",
    }


# --- JSON --------------------------------------------------------------------------------


def test_report_json_contract_keys() -> None:
    data = json.loads(to_json(REPORT))
    assert data["schema"] == "crosscheck.report/1"
    for key in ("articles", "entities", "quotes", "numbers", "dates", "findings"):
        assert isinstance(data[key], list) and data[key]
    for key in ("claims", "problems", "stats"):
        assert key in data
    art = data["articles"][1]
    assert {
        "id",
        "source",
        "title",
        "outlet",
        "published",
        "date_anchor",
        "removed",
        "text",
    } <= set(art)
    assert art["published"] is None
    assert art["date_anchor"]["basis"] == "inferred" and art["date_anchor"]["value"] == "2021-03-02"
    assert set(art["removed"][0]) >= {"start", "end", "text", "reason"}
    assert art["text"] == REPORT.articles[1].text
    ent = data["entities"][0]
    assert {"id", "name", "type", "aliases", "mentions"} <= set(ent)
    assert {"article", "start", "end"} <= set(ent["mentions"][0])
    quote = next(q for q in data["quotes"] if q["via"])
    assert {
        "id",
        "article",
        "start",
        "end",
        "text",
        "kind",
        "speaker",
        "cue",
        "via",
        "mentions",
    } <= set(quote)
    assert {"name", "entity", "start", "end"} <= set(quote["speaker"])
    assert quote["via"] == ["KPEL"]
    num = data["numbers"][0]
    assert {"id", "article", "start", "end", "text", "value", "unit", "measures", "period"} <= set(
        num
    )
    assert {"id", "article", "start", "end", "text", "value"} <= set(data["dates"][0])
    fnd = data["findings"][0]
    assert {"id", "kind", "summary", "confidence", "evidence"} <= set(fnd)
    assert 0.0 <= fnd["confidence"] <= 1.0
    assert {"article", "start", "end", "text"} <= set(fnd["evidence"][0])


def test_report_json_round_trip_fixture() -> None:
    assert from_json(to_json(REPORT)) == REPORT
    assert from_json(to_json(REPORT, indent=None)) == REPORT


def test_report_json_rejects_other_schema_and_garbage() -> None:
    with pytest.raises(CrosscheckError, match="CC015"):
        from_json('{"schema": "crosscheck.report/99"}')
    with pytest.raises(CrosscheckError, match="CC015"):
        from_json("not json")
    with pytest.raises(CrosscheckError, match="CC015"):
        from_json("[1, 2]")


def test_report_json_skips_bad_items() -> None:
    data = json.loads(to_json(REPORT))
    data["quotes"].append({"id": "bad", "article": "x", "start": "zero"})
    data["findings"][0]["kind"] = "no_such_kind"
    back = from_json(json.dumps(data))
    assert len(back.quotes) == len(REPORT.quotes)
    assert len(back.findings) == len(REPORT.findings) - 1
    codes = [p.code for p in back.problems if not p.fatal]
    assert codes == ["CC015", "CC015"]


_finite = st.floats(allow_nan=False, allow_infinity=False)
_json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | _finite | st.text(max_size=5),
    lambda c: st.lists(c, max_size=3) | st.dictionaries(st.text(max_size=5), c, max_size=3),
    max_leaves=6,
)
_spans = st.lists(st.from_type(Span), max_size=2).map(tuple)
_reports = st.builds(
    Report,
    articles=st.lists(st.from_type(Article), max_size=2).map(tuple),
    entities=st.lists(st.from_type(Entity), max_size=2).map(tuple),
    quotes=st.lists(st.from_type(Quote), max_size=2).map(tuple),
    numbers=st.lists(st.builds(Number, value=_finite), max_size=2).map(tuple),
    dates=st.lists(st.from_type(DateRef), max_size=2).map(tuple),
    claims=st.lists(st.builds(Claim, score=_finite), max_size=2).map(tuple),
    findings=st.lists(st.builds(Finding, confidence=_finite, evidence=_spans), max_size=2).map(
        tuple
    ),
    problems=st.lists(st.from_type(Problem), max_size=2).map(tuple),
    stats=st.dictionaries(st.text(max_size=5), _json_value, max_size=3),
)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_reports)
def test_report_json_round_trip_hypothesis(report: Report) -> None:
    assert from_json(to_json(report)) == report


# --- HTML --------------------------------------------------------------------------------


class _SourceText(HTMLParser):
    """Rebuild each source column's text with, per character, the findings marking it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict[str, str | None]]] = []
        self.texts: dict[str, list[tuple[str, frozenset[str], bool]]] = {}
        self.current: str | None = None
        self.anchors: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if tag == "article" and "source" in (a.get("class") or ""):
            self.current = a["id"]
            self.texts[self.current or ""] = []
        if a.get("id", "") and (a.get("id") or "").startswith("ev-"):
            self.anchors.add(a["id"] or "")
        if tag not in ("meta", "input", "br"):
            self.stack.append((tag, a))

    def handle_endtag(self, tag: str) -> None:
        while self.stack:
            t, _ = self.stack.pop()
            if t == tag:
                break
        if tag == "article":
            self.current = None

    def handle_data(self, data: str) -> None:
        if self.current is None:
            return
        classes = [a.get("class") or "" for _, a in self.stack]
        if not any("text" in c.split() for c in classes):
            return
        findings = frozenset(
            fid for _, a in self.stack for fid in (a.get("data-findings") or "").split()
        )
        removed = any("removed" in c.split() for c in classes)
        self.texts[self.current].extend((ch, findings, removed) for ch in data)


def _parse_sources(html: str) -> _SourceText:
    parser = _SourceText()
    parser.feed(html)
    parser.close()
    return parser


def test_report_html_every_evidence_span_highlighted() -> None:
    page = to_html(REPORT)
    parsed = _parse_sources(page)
    cols = {
        a.id: parsed.texts[f"source-{label}"]
        for a, label in zip(REPORT.articles, "AB", strict=True)
    }
    for a in REPORT.articles:
        assert "".join(ch for ch, _, _ in cols[a.id]) == a.text  # full original text, in order
        for r in a.removed:
            assert all(rem for _, _, rem in cols[a.id][r.start : r.end])
    for fi, finding in enumerate(REPORT.findings):
        for ei, span in enumerate(finding.evidence):
            chars = cols[span.article][span.start : span.end]
            assert all(f"finding-{fi}" in fs for _, fs, _ in chars), (finding.kind, span.text)
            assert f"ev-{fi}-{ei}" in parsed.anchors
            assert f'href="#ev-{fi}-{ei}"' in page


def test_report_html_standalone_no_external_assets() -> None:
    page = to_html(REPORT)
    assert page.startswith("<!DOCTYPE html>")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//""", page)
    assert "<link" not in page and "@import" not in page
    assert "Content-Security-Policy" in page and "default-src &#x27;none&#x27;" in page
    assert page.count("<script>") == 1 and REPORT_JS in page


def test_report_html_fragments_reusable() -> None:
    sources = render_sources_html(REPORT)
    findings = render_findings_html(REPORT)
    assert sources.startswith('<section class="sources"') and sources.endswith("</section>")
    assert findings.startswith('<section class="findings-panel"')
    assert sources in to_html(REPORT) and findings in to_html(REPORT)
    # Conflicts come first in the findings list.
    order = [findings.index(f'data-kind="{k}"') for k in ("attribution_conflict", "corroborated")]
    assert order == sorted(order)


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.scripts: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))
        self._in_script = tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self._in_script = False

    def handle_data(self, data: str) -> None:
        if self._in_script:
            self.scripts.append(data)


_ALLOWED_TAGS = {
    "html", "head", "meta", "title", "style", "body", "a", "header", "h1", "h2", "h3", "p",
    "ul", "ol", "li", "span", "b", "div", "label", "input", "main", "section", "button",
    "meter", "q", "article", "dl", "dt", "dd", "del", "mark", "footer", "script", "code",
}  # fmt: skip


def test_report_html_xss_inert() -> None:
    report = make_hostile_report()
    page = to_html(report)
    assert "<script>alert" not in page
    assert "<img" not in page
    assert "onerror=alert(1)>" not in page.replace("onerror=alert(1)&gt;", "")
    parser = _Tags()
    parser.feed(page)
    tags = {t for t, _ in parser.tags}
    assert tags <= _ALLOWED_TAGS, tags - _ALLOWED_TAGS
    assert [t for t, _ in parser.tags].count("script") == 1
    assert parser.scripts == [REPORT_JS]
    for _, attrs in parser.tags:
        assert not any(name.startswith("on") for name, _ in attrs)
    # The hostile text is still shown, escaped, and its evidence highlighted.
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    parsed = _parse_sources(page)
    assert "".join(ch for ch, _, _ in parsed.texts["source-A"]) == report.articles[0].text
    # Markdown and terminal output do not pass raw tags either.
    assert "<script>" not in to_markdown(report)
    assert HOSTILE in render(report, "text", width=200)


def test_report_segments_overlapping_and_nested() -> None:
    text = "0123456789abcdef"
    layers = [
        Layer(0, 10, "removed", title="teaser"),
        Layer(2, 6, "ev", key="finding-0", tag="corroborated"),
        Layer(4, 12, "ev", key="finding-1", tag="attribution_conflict"),
        Layer(5, 5, "ev", key="finding-2", tag="copy"),  # empty: dropped
        Layer(-3, 3, "q", title="quote"),  # clipped
        Layer(14, 99, "d", title="date"),  # clipped
    ]
    segs = segments(len(text), layers)
    assert [(a, b) for a, b, _ in segs] == [
        (0, 2), (2, 3), (3, 4), (4, 6), (6, 10), (10, 12), (12, 14), (14, 16),
    ]  # fmt: skip
    assert {x.key for x in segs[3][2] if x.kind == "ev"} == {"finding-0", "finding-1"}
    html = render_marked_text(text, layers)
    parser = _Tags()
    parser.feed(html)
    assert re.sub(r"<[^>]+>", "", html) == text
    # Overlap 4-6: one mark carrying both findings, coloured by the more severe kind.
    assert 'class="ev k-attribution_conflict" data-findings="finding-0 finding-1"' in html
    assert html.count("<del") == html.count("</del>") == 5  # one per segment in 0-10
    assert html.count("<mark") == html.count("</mark>") == 5


# --- Markdown ----------------------------------------------------------------------------


def test_report_markdown_findings_and_evidence() -> None:
    md = to_markdown(REPORT)
    labels = {a.id: label for a, label in zip(REPORT.articles, "AB", strict=True)}
    speakers = {
        (q.article, q.speaker.start, q.speaker.end) for q in REPORT.quotes if q.speaker is not None
    }
    for f in REPORT.findings:
        assert md_escape(f.summary) in md
        assert md_escape(f.reason) in md
        for s in f.evidence:
            if (s.article, s.start, s.end) in speakers:
                # who said the quoted words is named as the speaker, not quoted
                assert f"> **{labels[s.article]}:** said by *{md_escape(s.text)}*" in md
            elif shows_values(f) and is_short_value(s.text):
                # a number or date is shown in its sentence with the value marked
                lines = [ln for ln in md.splitlines() if f"**{md_escape(s.text)}**" in ln]
                assert any(ln.startswith(f"> **{labels[s.article]}:** “") for ln in lines)
            else:
                assert f"> **{labels[s.article]}:** “{md_escape(s.text)}”" in md
    sections = ["Needs review: conflicts", "Corroborated"]
    positions = [md.index(f"### {k}") for k in sections]
    assert positions == sorted(positions)
    kinds = ["*Attribution conflict*", "*Numeric conflict*", "*Temporal anomaly*"]
    assert all(k in md for k in kinds)
    assert "unknown (anchor: inferred 2021-03-02" in md
    assert "~~Get our morning briefing. Subscribe now!~~ — newsletter" in md
    assert "via KPEL" in md and "**Tomas Reyes**" in md
    assert "| A | $42 million | 42,000,000 | USD |" in md


def test_report_markdown_escaping() -> None:
    assert md_escape("*bold* _x_ [a](b) <b>|") == r"\*bold\* \_x\_ [a\](b) \<b\>\|"
    assert md_escape("[x]: http://e.org") == r"[x\]: http://e.org"
    assert md_escape("> not a quote") == r"\> not a quote"
    assert md_escape("[confidence 0.8: calibrated]") == "[confidence 0.8: calibrated]"
    assert md_escape("# not a heading\n- not a list") == "\\# not a heading\n\\- not a list"
    assert md_escape(None) == ""


def test_report_markdown_escapes_only_what_it_must() -> None:
    # a figure, an exclamation, an ampersand and a dash stay as written
    plain = "Prices rose 4.2 per cent! AT&T said - again - 3.5 times more"
    assert md_escape(plain) == plain
    assert md_escape("4.2 million people") == "4.2 million people"
    # but a line that would become a list, an image or an entity is escaped
    assert md_escape("1. first") == "1\\. first"
    assert md_escape("![x](y)") == "\\![x\\](y)"
    assert md_escape("&amp;") == "\\&amp;"
    assert md_escape("a ~~b~~") == "a \\~~b\\~~"


# --- terminal ----------------------------------------------------------------------------


def _flat(text: str) -> str:
    return " ".join(re.sub(r"[│╭╮╰╯─]", " ", text).split())


def test_report_terminal_contains_findings() -> None:
    console = Console(record=True, width=80, file=io.StringIO())
    to_terminal(REPORT, console, view=View(full=True))
    out = console.export_text()
    flat = _flat(out)
    assert all(len(line) <= 80 for line in out.splitlines())
    for f in REPORT.findings:
        assert _flat(f.summary) in flat
    for label in ("ATTRIBUTION CONFLICT", "NUMERIC CONFLICT", "TEMPORAL ANOMALY", "COPY"):
        assert label in flat
    assert "Who said what" in out and "Numbers" in out and "Dates" in out
    assert "Removed boilerplate: A 2, B 2" in out
    assert "KPEL" in out


def test_report_terminal_pipe_plain_and_markup_literal() -> None:
    report = make_report()
    f0 = report.findings[0]
    odd = Finding(f0.id, f0.kind, "[bold red]not markup[/bold red] :smile:", 0.5, f0.evidence)
    report = Report(report.articles, findings=(odd,))
    buf = io.StringIO()
    to_terminal(report, Console(file=buf, width=80))  # not a TTY: no colour codes
    out = buf.getvalue()
    assert "\x1b[" not in out
    assert "[bold red]not markup[/bold red] :smile:" in out
    assert all(len(line) <= 80 for line in out.splitlines())


# --- render dispatch ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "marker"),
    [("json", '"schema": "crosscheck.report/1"'), ("markdown", "# crosscheck report"),
     ("md", "## Findings"), ("html", "<!DOCTYPE html>"), ("text", "Findings (5 of 6")],
)  # fmt: skip
def test_report_render_dispatch(fmt: str, marker: str) -> None:
    out = render(REPORT, fmt)
    assert marker in out
    assert "\x1b[" not in out


def test_report_render_unknown_format() -> None:
    with pytest.raises(CrosscheckError, match="CC015"):
        render(REPORT, "pdf")


# --- CSV / Parquet -----------------------------------------------------------------------

_EXPECTED_ROWS = {
    "articles": 2,
    "removed": 4,
    "entities": 4,
    "quotes": 5,
    "numbers": 5,
    "dates": 5,
    "claims": 1,
    "findings": 6,
    "evidence": sum(len(f.evidence) for f in REPORT.findings),
    "problems": 1,
}


def test_report_export_csv(tmp_path: Path) -> None:
    paths = export_csv(REPORT, tmp_path)
    for name, n in _EXPECTED_ROWS.items():
        with paths[name].open(encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        assert len(rows) == n, name
    with paths["evidence"].open(encoding="utf-8", newline="") as fh:
        evidence = list(csv.DictReader(fh))
    arts = {a.id: a.text for a in REPORT.articles}
    for row in evidence:
        assert arts[row["article"]][int(row["start"]) : int(row["end"])] == row["text"]
    with paths["quotes"].open(encoding="utf-8", newline="") as fh:
        quotes = {r["id"]: r for r in csv.DictReader(fh)}
    assert quotes["q4"]["via"] == "KPEL" and quotes["q4"]["speaker"] == "Ines Carvalho"
    with paths["articles"].open(encoding="utf-8", newline="") as fh:
        articles = list(csv.DictReader(fh))
    assert articles[1]["published"] == "" and articles[1]["anchor_basis"] == "inferred"
    assert articles[0]["text"] == REPORT.articles[0].text


def test_report_export_parquet(tmp_path: Path) -> None:
    paths = export_parquet(REPORT, tmp_path)
    for name, n in _EXPECTED_ROWS.items():
        assert pq.read_table(paths[name]).num_rows == n, name
    findings = pq.read_table(paths["findings"]).to_pylist()
    assert [f["kind"] for f in findings] == [f.kind for f in REPORT.findings]
    entities = pq.read_table(paths["entities"]).to_pylist()
    assert entities[0]["aliases"] == ["Mayor Ines Carvalho", "Carvalho"]
    empty = export_parquet(Report(articles=()), tmp_path / "empty")
    assert pq.read_table(empty["quotes"]).num_rows == 0
    assert "speaker" in pq.read_table(empty["quotes"]).column_names


def test_report_html_marks_hostile_evidence() -> None:
    report = make_hostile_report()
    fi = len(report.findings) - 1
    parsed = _parse_sources(to_html(report))
    span = report.findings[fi].evidence[0]
    chars = parsed.texts["source-A"][span.start : span.end]
    assert "".join(c for c, _, _ in chars) == f"{HOSTILE} {HOSTILE_ATTR}"
    assert all(f"finding-{fi}" in fs for _, fs, _ in chars)


def test_report_html_stale_or_unknown_evidence_skipped_not_fatal() -> None:
    a = REPORT.articles[0]
    s, e = a.text.index("18 months"), a.text.index("18 months") + len("18 months")
    stale = Span(a.id, s + 3, e + 3, "18 months")  # offsets off by three, text right
    ghost = Span("no-such-article", 0, 5, "hello")
    lost = Span(a.id, 0, 5, "text that is nowhere")
    f = Finding("f-x", "single_source", "stale offsets", 0.5, (stale, ghost, lost))
    report = Report(REPORT.articles, findings=(f,))
    parsed = _parse_sources(to_html(report))
    chars = parsed.texts["source-A"][s:e]
    assert all("finding-0" in fs for _, fs, _ in chars)
    assert sum(1 for _, fs, _ in parsed.texts["source-A"] if fs) == e - s
    assert "stale offsets" in to_markdown(report) and "stale offsets" in render(report, "text")


# --- the ranked view -------------------------------------------------------------------


def test_report_default_view_drops_bare_counts_keeps_conflicts() -> None:
    viewed = apply_view(REPORT)
    kinds = [f.kind for f in viewed.findings]
    # every conflict is kept, conflicts come first, a bare single-source count is left out
    conflicts = [f for f in REPORT.findings if f.kind.endswith(("_conflict", "_anomaly"))]
    assert kinds[: len(conflicts)] == [f.kind for f in ranked(conflicts)]
    bare = [f for f in REPORT.findings if is_bare_count(f)]
    assert bare and not any(f in viewed.findings for f in bare)
    assert viewed.stats["findings_total"] == len(REPORT.findings)
    assert viewed.stats["findings_shown"] == len(viewed.findings)
    # JSON keeps everything unless a view is asked for
    assert len(from_json(render(REPORT, "json")).findings) == len(REPORT.findings)
    # the short Markdown counts removed passages; the full one lists them with the tables
    short, full = render(REPORT, "markdown"), render(REPORT, "markdown", view=View(full=True))
    assert "Removed boilerplate (passages per source): A 2, B 2." in short
    assert "~~" not in short and "## Numbers" not in short
    assert "~~Get our morning briefing" in full and "## Numbers" in full


def test_report_filters_kind_confidence_limit() -> None:
    only = apply_view(REPORT, View(kinds=("conflict",)))
    assert only.findings and all(
        f.kind.endswith("_conflict") or f.kind == "temporal_anomaly" for f in only.findings
    )
    numeric = apply_view(REPORT, View(kinds=("numeric_conflict,corroborated",)))
    assert {f.kind for f in numeric.findings} == {"numeric_conflict", "corroborated"}
    sure = apply_view(REPORT, View(min_confidence=0.9, full=True))
    assert sure.findings and all(f.confidence >= 0.9 for f in sure.findings)
    assert len(sure.findings) < len(REPORT.findings)
    top = apply_view(REPORT, View(limit=1))
    assert len(top.findings) == 1 and top.findings[0].kind.endswith("_conflict")


def test_report_ranks_conflicts_by_confidence_across_kinds() -> None:
    base = REPORT.findings[0]
    low = Finding("low", "numeric_conflict", "12 vs 19", 0.55, base.evidence, facts=("a:n1",))
    high = Finding("hi", "contradiction", "opened vs closed", 0.9, base.evidence, facts=("a:c1",))
    corr = Finding("co", "corroborated", "both say", 0.99, base.evidence, facts=("a:c2",))
    single = Finding("one", "single_source", "Only A reports three", 0.99, base.evidence,
                     facts=("a:n3",))  # fmt: skip
    order = [f.id for f in ranked([single, corr, low, high])]
    assert order == ["hi", "low", "co", "one"]
    # the same pair of statements is not also shown as corroborated: same facts, or
    # evidence overlapping the conflict's in each of the same two articles
    a_span, b_span = (next(s for s in base.evidence if s.article == x.id) for x in REPORT.articles)
    pair = (a_span, b_span)
    high = dataclasses.replace(high, evidence=pair)
    twin = Finding("twin", "corroborated", "same", 0.99, pair, facts=("a:c1",))
    overlapping = Finding("over", "corroborated", "same words", 0.99,
                          (dataclasses.replace(a_span, start=a_span.start + 1), b_span),
                          facts=("a:c7", "b:c8"))  # fmt: skip
    elsewhere = Finding("co", "corroborated", "both say", 0.99,
                        (dataclasses.replace(a_span, start=a_span.end + 50, end=a_span.end + 90),
                         b_span), facts=("a:c2", "b:c3"))  # fmt: skip
    findings = (high, twin, overlapping, elsewhere)
    shown = apply_view(Report(REPORT.articles, findings=findings)).findings
    assert [f.id for f in shown] == ["hi", "co"]


def test_report_one_entry_per_corroborated_fact() -> None:
    ids = [x.id for x in REPORT.articles]
    span = REPORT.findings[0].evidence[0]

    def pair(fid: str, x: str, y: str, facts: tuple[str, str]) -> Finding:
        ev = (dataclasses.replace(span, article=x), dataclasses.replace(span, article=y))
        return Finding(fid, "corroborated", f"A and B both report: the bridge opens {fid}",
                       0.8, ev, reason="same claim", sources=2, facts=facts)  # fmt: skip

    one = pair("p1", ids[0], ids[1], ("x:c1", "y:c4"))
    two = pair("p2", ids[1], ids[0], ("y:c4", "z:c2"))  # shares y:c4: the same statement
    other = pair("p3", ids[0], ids[1], ("x:c9", "y:c8"))
    merged = merge_corroborations([one, two, other], ids)
    assert [f.id for f in merged] == ["p1", "p3"]
    assert set(merged[0].facts) == {"x:c1", "y:c4", "z:c2"}
    assert merged[0].summary.startswith("A and B both report: the bridge opens")
    assert "2 pairwise matches" in merged[0].reason


def test_report_terminal_never_passes_control_sequences() -> None:
    report = make_report()
    art = report.articles[0]
    hostile = "\x1b]0;owned\x07\x1b[2J\x9b31m"
    text = art.text[:20] + hostile + art.text[20 + len(hostile) :]
    assert len(text) == len(art.text)  # offsets of every span stay valid
    f0 = report.findings[0]
    odd = dataclasses.replace(f0, summary=f"Title set {hostile} here")
    report = Report(
        (dataclasses.replace(art, text=text, title=f"T {hostile}"), *report.articles[1:]),
        findings=(odd,),
    )
    for out in (
        render(report, "text", view=View(full=True)),
        _colour(report),
    ):
        assert "\x1b]0;" not in out and "\x1b[2J" not in out and "\x9b" not in out
        assert "\x07" not in out
        assert "Title set" in out


def _colour(report: Report) -> str:
    buf = io.StringIO()
    to_terminal(report, Console(file=buf, force_terminal=True, color_system="truecolor"))
    return buf.getvalue()


def test_report_markdown_escapes_hold_in_a_commonmark_renderer() -> None:
    from markdown_it import MarkdownIt

    md = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    hostile = [
        "[click](http://evil.example)", "![img](x.png)", "*bold* and _it_", "`code`",
        "<b>tag</b>", "1. item", "# heading", "- item", "~~struck~~", "&amp;", "[x]: /defn",
        "a | b", "> quote",
    ]  # fmt: skip
    for text in hostile:
        html = md.render(md_escape(text))
        assert html.strip() == f"<p>{escape(text, quote=False)}</p>", (text, html)
    for plain in ("4.2 per cent", "Stop!", "AT&T", "[confidence 0.8]", "3 - 1"):
        assert md_escape(plain) == plain
        assert md.render(plain).strip() == f"<p>{escape(plain, quote=False)}</p>"


def test_report_fact_entries_are_stars_not_chains() -> None:
    ids = [x.id for x in REPORT.articles]
    span = REPORT.findings[0].evidence[0]

    def pair(fid: str, facts: tuple[str, str], confidence: float) -> Finding:
        ev = (dataclasses.replace(span, article=ids[0]), dataclasses.replace(span, article=ids[1]))
        return Finding(fid, "corroborated", f"A and B both report: {fid}", confidence, ev,
                       reason="same claim", sources=2, facts=facts)  # fmt: skip

    # x:c1 holds the hub; y:c4–z:c2 hangs off a neighbour and tells another fact.
    hub_a = pair("h1", ("x:c1", "y:c4"), 0.95)
    hub_b = pair("h2", ("x:c1", "w:c3"), 0.85)
    chained = pair("c1", ("y:c4", "z:c2"), 0.9)
    merged = merge_corroborations([hub_a, hub_b, chained], ids)
    assert [f.id for f in merged] == ["h1", "c1"]
    assert set(merged[0].facts) == {"x:c1", "y:c4", "w:c3"}
    assert merged[0].confidence == 0.85  # as sure as its least sure pair


def test_report_a_star_of_statements_a_bigger_star_holds_joins_it() -> None:
    ids = [x.id for x in REPORT.articles]
    span = REPORT.findings[0].evidence[0]

    def pair(fid: str, facts: tuple[str, str], said: str) -> Finding:
        ev = (dataclasses.replace(span, article=ids[0]), dataclasses.replace(span, article=ids[1]))
        return Finding(fid, "corroborated", f"A and B both report: {said} ({fid})", 0.9, ev,
                       reason="same claim", sources=2, facts=facts)  # fmt: skip

    # x:c1 pairs with three statements; two of them also pair with each other, told in
    # other words: no fact of their own, so one entry
    stars = [
        pair("h1", ("x:c1", "y:c4"), "an operator saw smoke on the roof"),
        pair("h2", ("x:c1", "w:c3"), "an operator saw smoke on the roof"),
        pair("h3", ("x:c1", "z:c2"), "an operator saw smoke on the roof"),
        pair("o1", ("y:c4", "w:c3"), "smoke on the roof was seen on camera"),
        pair("o2", ("y:c4", "z:c2"), "smoke on the roof was seen on camera"),
    ]
    merged = merge_corroborations(stars, ids)
    assert len(merged) == 1
    assert set(merged[0].facts) == {"x:c1", "y:c4", "w:c3", "z:c2"}
    # a star with a statement of its own stays apart
    own = pair("o3", ("w:c3", "v:c5"), "smoke on the roof was seen on camera")
    assert len(merge_corroborations([*stars, own], ids)) == 2
    # and so does a surer star: the bigger one may have drifted from it
    unsure = [dataclasses.replace(f, confidence=0.78) if f.id.startswith("h") else f for f in stars]
    assert len(merge_corroborations(unsure, ids)) == 2


def test_report_two_stars_that_read_the_same_are_one_entry() -> None:
    ids = [x.id for x in REPORT.articles]
    span = REPORT.findings[0].evidence[0]

    def pair(fid: str, facts: tuple[str, str]) -> Finding:
        ev = (dataclasses.replace(span, article=ids[0]), dataclasses.replace(span, article=ids[1]))
        return Finding(fid, "corroborated", "A and B both report: the ferry sank at dawn", 0.9,
                       ev, reason="same claim", sources=2, facts=facts)  # fmt: skip

    # two hubs (x:c1, w:c3) whose pairs both read "the ferry sank at dawn"
    stars = [
        pair("s1", ("x:c1", "y:c4")),
        pair("s2", ("x:c1", "z:c2")),
        pair("s3", ("w:c3", "v:c5")),
        pair("s4", ("w:c3", "u:c6")),
    ]
    merged = merge_corroborations(stars, ids)
    assert len(merged) == 1
    assert set(merged[0].facts) == {"x:c1", "y:c4", "z:c2", "w:c3", "v:c5", "u:c6"}
    assert "4 pairwise matches" in merged[0].reason


def test_report_fact_entry_gives_the_reason_of_the_confidence_it_states() -> None:
    ids = [x.id for x in REPORT.articles]
    span = REPORT.findings[0].evidence[0]
    ev = (dataclasses.replace(span, article=ids[0]), dataclasses.replace(span, article=ids[1]))
    said = "A and B both report: the bridge opens"
    sure = Finding("s", "corroborated", said, 0.91, ev, reason="[confidence 0.91: measured]",
                   sources=2, facts=("x:c1", "y:c4"))  # fmt: skip
    less = Finding("l", "corroborated", said, 0.82, ev, reason="[confidence 0.82: measured]",
                   sources=2, facts=("x:c1", "z:c2"))  # fmt: skip
    merged = merge_corroborations([sure, less], ids)[0]
    assert merged.confidence == 0.82 and "confidence 0.82" in merged.reason
    assert "0.91" not in merged.reason


def test_year_less_anchor_reads_as_a_day_not_an_iso_code() -> None:
    """A dateline with no year ("GAZA, Feb. 22 (Xinhua) --") anchors on ISO's ``--02-22``;
    a reader sees the day and that its year is not given."""
    from crosscheck.model import DateAnchor
    from crosscheck.report._common import anchor_text, day_text

    assert day_text("--02-22") == "Feb 22 (year not given)"
    assert day_text("2026-03-04") == "2026-03-04"
    assert day_text("--13-01") == "--13-01"
    text = anchor_text(DateAnchor("--02-22", "inferred", window=("--02-22", "--02-22"), note="x"))
    assert text == "inferred Feb 22 (year not given) (x)"
    assert "--" not in text


def test_who_said_what_marks_thoughts_and_leaves_out_acts() -> None:
    report = make_report()
    first, second, *rest = report.quotes
    marked = dataclasses.replace(
        report,
        quotes=(
            dataclasses.replace(first, mode="act"),
            dataclasses.replace(second, mode="thought"),
            *rest,
        ),
    )
    said = to_markdown(marked).split("## Who said what", 1)[1].split("\n## ", 1)[0]
    assert "1 attributed act(s) with no words reported are not listed" in said
    assert f"{second.kind} · thought: “" in said
    assert first.text[:40] not in said
    console = Console(record=True, width=200, file=io.StringIO())
    to_terminal(marked, console, view=View(full=True))
    out = console.export_text()
    assert "1 attributed act(s)" in out and "thought" in out


def test_report_shows_a_statement_once_with_the_most_sources() -> None:
    from crosscheck.report.rank import without_repeats

    def span(article: str, start: int, end: int) -> Span:
        return Span(article, start, end, "x" * (end - start))

    def corroboration(fid: str, *spans: Span) -> Finding:
        return Finding(
            fid, "corroborated", fid, 0.9, spans, sources=len({s.article for s in spans})
        )

    quote = {"a": (100, 180), "b": (40, 120), "c": (10, 90)}
    three = corroboration("three", *(span(k, *v) for k, v in quote.items()))
    pair = corroboration("pair", span("a", 100, 180), span("b", 40, 120))  # inside "three"
    figure = corroboration("figure", span("a", 150, 155), span("b", 90, 95))  # "three / three"
    other = corroboration("other", span("a", 300, 360), span("b", 200, 260))  # another fact
    wider = corroboration("wider", span("a", 100, 180), span("b", 40, 120), span("b", 500, 540))
    shown = without_repeats([pair, figure, three, other, wider])
    # a pair and a figure inside the three-source entry repeat it; another fact and a pair
    # that shows more than the entry stay
    assert [f.id for f in shown] == ["three", "other", "wider"]
    # a merged entry is as sure as its weakest pair: a surer pair inside it stays
    sure = dataclasses.replace(pair, id="sure", confidence=0.98)
    assert [f.id for f in without_repeats([sure, three])] == ["sure", "three"]
    # the default view reads them so (here on the fixture's two articles); --all shows all
    ids = {"a": REPORT.articles[0].id, "b": REPORT.articles[1].id}

    def moved(f: Finding) -> Finding:
        ev = tuple(dataclasses.replace(s, article=ids[s.article]) for s in f.evidence)
        return dataclasses.replace(f, evidence=ev)

    both = corroboration("both", span("a", 90, 200), span("b", 30, 130))
    findings = tuple(moved(f) for f in (pair, figure, both, other))
    report = Report(REPORT.articles, findings=findings)
    assert {f.id for f in apply_view(report).findings} == {"both", "other"}
    assert len(apply_view(report, View(full=True)).findings) == 4


def test_report_a_merged_figure_names_every_source() -> None:
    ids = [x.id for x in REPORT.articles]
    span = REPORT.findings[0].evidence[0]

    def agree(fid: str, x: str, y: str, facts: tuple[str, str]) -> Finding:
        ev = (dataclasses.replace(span, article=x), dataclasses.replace(span, article=y))
        return Finding(fid, "corroborated", "A and B agree on age of Ana Ruiz: 35 / 35", 0.9,
                       ev, reason="same quantity", sources=2, facts=facts)  # fmt: skip

    merged = merge_corroborations(
        [
            agree("n1", ids[0], ids[1], ("x:n1", "y:n2")),
            agree("n2", ids[1], ids[0], ("x:n1", "z:n3")),
        ],
        ids,
    )
    assert len(merged) == 1
    assert merged[0].summary.startswith("A and B agree on age of Ana Ruiz")
    three = merge_corroborations(
        [
            agree("n1", ids[0], ids[1], ("x:n1", "y:n2")),
            Finding(
                "n3",
                "corroborated",
                "A and C agree on age of Ana Ruiz: 35 / 35",
                0.9,
                (
                    dataclasses.replace(span, article=ids[0]),
                    dataclasses.replace(span, article="third"),
                ),
                sources=2,
                facts=("x:n1", "w:n4"),
            ),
        ],
        [*ids, "third"],
    )
    assert three[0].summary.startswith("A, B and C agree on age of Ana Ruiz")


def test_report_shows_who_said_the_quoted_words_as_the_speaker() -> None:
    a, b = REPORT.articles[0], REPORT.articles[1]
    qa = next(q for q in REPORT.quotes if q.article == a.id and "monument" in q.text)
    qb = next(q for q in REPORT.quotes if q.article == b.id and "monument" in q.text)
    assert qa.speaker is not None and qb.speaker is not None
    evidence = (
        a.span(qa.start, qa.end),
        a.span(qa.speaker.start, qa.speaker.end),
        b.span(qb.start, qb.end),
        b.span(qb.speaker.start, qb.speaker.end),
    )
    finding = Finding("q1", "corroborated", "A and B both quote Tomas Reyes: monument", 0.9,
                      evidence, sources=2, facts=(qa.id, qb.id))  # fmt: skip
    report = dataclasses.replace(REPORT, findings=(finding,))
    md = render(report, "markdown", view=View(full=True))
    assert f"said by *{qb.speaker.text}*" in md
    assert f"“{qb.speaker.text}”" not in md  # a name is not shown as words said
    assert f"said by {qb.speaker.text}" in render(report, "text", view=View(full=True))
    html = render(report, "html", view=View(full=True))
    assert f"said by <b>{qb.speaker.text}</b>" in html


def test_report_a_merged_fact_is_headed_by_the_statement_every_pair_shares() -> None:
    ids = [x.id for x in REPORT.articles]
    span = REPORT.findings[0].evidence[0]

    def pair(fid: str, summary: str, facts: tuple[str, str], confidence: float) -> Finding:
        ev = (dataclasses.replace(span, article=ids[0]), dataclasses.replace(span, article=ids[1]))
        return Finding(fid, "corroborated", summary, confidence, ev, reason="same claim",
                       sources=2, facts=facts)  # fmt: skip

    # the surest pair's summary quotes its shorter side, which only that pair tells
    sure = pair("p1", "A and B both report: The bridge opens in May.", ("x:c1", "y:c4"), 0.95)
    other = pair("p2", "A and B both report: The toll is $2.", ("x:c1", "z:c2"), 0.85)
    hub = "The new harbour bridge opens to traffic in May, with a toll of $2 for cars."
    merged = merge_corroborations([sure, other], ids, {"x:c1": hub})[0]
    assert merged.summary == f"A and B both report: {hub}"
    # without the statements the surest pair's words stay, and so they do when the shared
    # statement is too long to head an entry
    assert merge_corroborations([sure, other], ids)[0].summary == sure.summary
    long = "HARBOURTON — " + "The council met for six hours on Tuesday, and " * 4 + hub
    assert merge_corroborations([sure, other], ids, {"x:c1": long})[0].summary == sure.summary
    dated = merge_corroborations([sure, other], ids, {"x:c1": "HARBOURTON — " + hub})[0]
    assert dated.summary == f"A and B both report: {hub}"  # the dateline is no headline


def test_a_described_speaker_is_named_with_its_article() -> None:
    from crosscheck.compare.quotes import called
    from crosscheck.model import Speaker

    assert called(Speaker("report", None, 0, 8, "a report")) == "a report"
    assert called(Speaker("official", None, 0, 11, "an official")) == "an official"
    assert called(Speaker("officials", None, 0, 9, "officials")) == "officials"
    assert called(Speaker("Richard Branson", "e1", 0, 7, "Branson")) == "Richard Branson"


def test_report_names_whom_a_pronoun_speaker_stands_for() -> None:
    from crosscheck.pipeline import compare_texts

    a = (
        "The council voted on Monday to close the Harlow Street bridge for repairs.\n\n"
        "“We have confirmed that the bridge is no longer safe for lorries,” the council's "
        "chief engineer, Maria Okafor, said in a statement.\n\n"
        "She called the closure “a painful but necessary step” for the town."
    )
    b = (
        "Harlow's chief engineer Maria Okafor said the closure of the bridge was “a painful "
        "but necessary step” for the town.\n\n"
        "The bridge will stay closed until the spring, the council said."
    )
    report = compare_texts({"a.txt": a, "b.txt": b})
    view = View(full=True)
    assert "said by *She (Maria Okafor)*" in render(report, "markdown", view=view)
    assert "said by She (Maria Okafor)" in render(report, "text", view=view)
    assert "said by <b>She (Maria Okafor)</b>" in render(report, "html", view=view)
    # a speaker the words name is shown as written, not named twice
    assert "said by *Harlow's chief engineer Maria Okafor*" in render(report, "markdown", view=view)


def test_report_corroboration_of_a_contradicted_statement_names_who_contradicts_it() -> None:
    from crosscheck.report.rank import refutations_noted

    ids = ["art-a", "art-b", "art-c"]  # labelled A, B, C in this order
    span = REPORT.findings[0].evidence[0]

    def at(article: str) -> Span:
        return dataclasses.replace(span, article=article)

    # B and C state the rumour (b:c1, c:c2); A refutes it (a:c9, the last span and fact)
    told = "B and C both report: the mayor resigned"
    refuted = Finding(
        "r", "contradiction", "B and C state: the mayor resigned — A refutes it", 0.9,
        (at(ids[1]), at(ids[2]), at(ids[0])), facts=("b:c1", "c:c2", "a:c9"),
    )  # fmt: skip
    believers = Finding(
        "p", "corroborated", told, 0.8, (at(ids[1]), at(ids[2])), reason="same claim",
        facts=("b:c1", "c:c2"),
    )  # fmt: skip
    unrelated = Finding(
        "q", "corroborated", "B and C both report: the budget passed", 0.8,
        (at(ids[1]), at(ids[2])), reason="same claim", facts=("b:c5", "c:c6"),
    )  # fmt: skip
    # the refuting article among the corroborating ones: that is the contradiction's entry
    inside = Finding(
        "s", "corroborated", "A and B both report: the mayor resigned", 0.8,
        (at(ids[0]), at(ids[1])), reason="same claim", facts=("a:c3", "b:c1"),
    )  # fmt: skip
    out = {f.id: f for f in refutations_noted([refuted, believers, unrelated, inside], ids)}
    assert out["p"].summary == "B and C both report: the mayor resigned — A contradicts it"
    assert "A contradicts the statement" in out["p"].reason
    assert out["q"] == unrelated and out["s"] == inside and out["r"] == refuted
    # a statement that says something is not so sides with the refuter ("the mayor did not
    # resign", listed by a refutation among what it answers): no note
    same = refutations_noted([refuted, believers], ids, negative={"b:c1"})
    assert same == [refuted, believers]
