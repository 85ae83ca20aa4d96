"""A report as template data: findings and sources in the web UI's markup.

The article texts are marked up by the report package (``report.htmlpage``:
``article_layers`` for removed boilerplate, evidence and extracted facts, and
``render_marked_text``, which HTML-escapes every character of the text and every
attribute). Only two things change for the web UI's DOM contract: an evidence ``<mark>``
lists finding *indexes* (``data-findings="3 7"``) instead of DOM ids, and it carries the
class ``evidence``. Everything else (metadata, findings) is plain data that the Jinja
templates escape themselves.

Not handled: reports whose evidence points at articles missing from the report (those
spans are skipped, as in the standalone HTML report).
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass

from markupsafe import Markup

from crosscheck.model import Article, Report
from crosscheck.report._common import (
    KIND_ORDER,
    anchor_text,
    articles_by_id,
    confidence_text,
    excerpt,
    is_short_value,
    kind_label,
    label_of,
    locate,
    sentence_around,
    source_labels,
)
from crosscheck.report.htmlpage import Layer, article_layers, render_marked_text
from crosscheck.report.rank import View, apply_view, shows_values

LOGGER = logging.getLogger(__name__)

_EV_OPEN = '<mark class="ev '
_DOM_PREFIX = "finding-"


@dataclass(frozen=True, slots=True)
class EvidenceView:
    """One evidence excerpt of a finding: its source letter and where it is in the text."""

    label: str
    text: str
    anchor: str | None
    #: a number or date shown in its sentence: (before, value, after); None otherwise
    marked: tuple[str, str, str] | None = None


@dataclass(frozen=True, slots=True)
class FindingView:
    """One finding as the templates show it; ``index`` is its position in the report."""

    index: int
    kind: str
    kind_label: str
    severity: str
    summary: str
    reason: str
    confidence: float
    confidence_text: str
    sources: int
    evidence: tuple[EvidenceView, ...]
    finding_id: str = ""


@dataclass(frozen=True, slots=True)
class SourceView:
    """One source column: its letter, metadata and the marked-up text (already escaped)."""

    article: str
    label: str
    title: str
    meta: tuple[tuple[str, str], ...]
    body: Markup
    removed: int


@dataclass(frozen=True, slots=True)
class ReportView:
    """Everything a report page shows."""

    findings: tuple[FindingView, ...]
    sources: tuple[SourceView, ...]
    counts: tuple[tuple[str, str, int], ...]
    problems: tuple[tuple[str, str, str, bool], ...]
    speakers: tuple[tuple[str, int], ...] = ()
    #: findings of the whole report (``findings`` holds those of the view)
    total: int = 0


def _layers(report: Report, article: Article) -> list[Layer]:
    out: list[Layer] = []
    for layer in article_layers(report, article):
        if layer.kind == "ev" and layer.key.startswith(_DOM_PREFIX):
            layer = dataclasses.replace(layer, key=layer.key[len(_DOM_PREFIX) :])
        out.append(layer)
    return out


def marked_text(report: Report, article: Article) -> Markup:
    """The article's original text, escaped, with evidence, removed text and facts marked.

    ``render_marked_text`` escapes ``<`` in the text, so the only ``<mark class="ev `` in
    its output are its own tags; adding the ``evidence`` class there cannot touch text.
    """
    html = render_marked_text(article.text, _layers(report, article))
    return Markup(html.replace(_EV_OPEN, _EV_OPEN + "evidence "))  # escaped above


def _meta(article: Article) -> tuple[tuple[str, str], ...]:
    rows = [("Source", article.source)]
    if article.outlet:
        rows.append(("Outlet", article.outlet))
    if article.author:
        rows.append(("Author", article.author))
    if article.url:
        rows.append(("URL", article.url))
    if article.published:
        rows.append(("Published", article.published))
    else:
        rows.append(("Published", "unknown"))
        rows.append(("Date anchor", anchor_text(article.date_anchor)))
    rows.append(("Removed", f"{len(article.removed)} passage(s)"))
    return tuple(rows)


def report_view(report: Report, view: View | None = None) -> ReportView:
    """Turn a report into the data the story and compare templates render.

    The findings are those of ``view`` (the ranked default view when None: conflicts
    first, bare counts out, about three items per article), in reading order; ``index``
    is the position in that list, which the evidence marks of the sources refer to.
    """
    total = len(report.findings)
    report = apply_view(report, view or View())
    labels = source_labels(report.articles)
    arts = articles_by_id(report)
    findings = []
    for index, finding in enumerate(report.findings):
        evidence = []
        for ei, span in enumerate(finding.evidence):
            loc = locate(span, arts)
            marked = None
            if (
                loc is not None
                and is_short_value(loc.text)
                and loc.article in arts
                and shows_values(finding)
            ):
                sentence, s0, e0 = sentence_around(arts[loc.article].text, loc.start, loc.end)
                marked = (sentence[:s0], sentence[s0:e0], sentence[e0:])
            evidence.append(
                EvidenceView(
                    label=label_of(labels, span.article),
                    text=excerpt(loc.text if loc else span.text, 240),
                    anchor=f"ev-{index}-{ei}" if loc is not None else None,
                    marked=marked,
                )
            )
        try:
            confidence = min(1.0, max(0.0, float(finding.confidence)))
        except (TypeError, ValueError):
            confidence = 0.0
        severity = finding.severity if finding.severity in ("info", "review", "severe") else "info"
        findings.append(
            FindingView(
                index=index,
                kind=finding.kind,
                kind_label=kind_label(finding.kind),
                severity=severity,
                summary=finding.summary,
                reason=finding.reason,
                confidence=confidence,
                confidence_text=confidence_text(finding.confidence),
                sources=finding.sources,
                evidence=tuple(evidence),
                finding_id=finding.id,
            )
        )
    sources = tuple(
        SourceView(
            article=a.id,
            label=label_of(labels, a.id),
            title=a.title or a.outlet or a.source or a.id,
            meta=_meta(a),
            body=marked_text(report, a),
            removed=len(a.removed),
        )
        for a in report.articles
    )
    per_kind: dict[str, int] = {}
    for f in report.findings:
        per_kind[f.kind] = per_kind.get(f.kind, 0) + 1
    counts = tuple((k, kind_label(k), per_kind.get(k, 0)) for k in KIND_ORDER)
    problems = tuple((p.code, p.source, p.message, p.fatal) for p in report.problems)
    quoted: dict[str, int] = {}
    for q in report.quotes:
        if q.speaker is not None and q.speaker.name:
            quoted[q.speaker.name] = quoted.get(q.speaker.name, 0) + 1
    speakers = tuple(sorted(quoted.items(), key=lambda kv: (-kv[1], kv[0])))
    return ReportView(tuple(findings), sources, counts, problems, speakers, total)
