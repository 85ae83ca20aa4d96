"""Report -> one standalone HTML page, and the fragments the web UI reuses.

Article texts are marked up by walking character offsets: every span to show (evidence of
a finding, removed boilerplate, extracted quote/number/date) is clipped to the text, the
text is split into segments at every span boundary, and each segment is wrapped in the
elements of all the spans covering it (``<del>`` for removed text, ``<mark>`` for
evidence, ``<span class="fact">`` for facts). Spans may therefore overlap or nest freely
and the output stays well-formed. Every piece of text and every attribute value is
HTML-escaped; the page loads nothing from outside and its Content-Security-Policy allows
only its own inline style and script (by hash).
"""

from __future__ import annotations

import itertools
import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape

from crosscheck.model import Article, Finding, Report

from ._common import (
    KIND_ORDER,
    anchor_text,
    articles_by_id,
    confidence_text,
    excerpt,
    grouped_findings,
    is_short_value,
    is_speaker,
    kind_label,
    kind_rank,
    label_of,
    locate,
    number_text,
    quote_kind,
    said_by,
    sentence_around,
    source_labels,
    speaker_spans,
)
from .assets import REPORT_CSP, REPORT_CSS, REPORT_JS
from .rank import shows_values

LOGGER = logging.getLogger(__name__)

# Wrapping order, outermost first.
_LAYER_ORDER = {"removed": 0, "ev": 1, "q": 2, "n": 2, "d": 2}


def _e(value: object) -> str:
    """Escape any value for HTML text or a double-quoted attribute."""
    return escape("" if value is None else str(value), quote=True)


def finding_dom_ids(report: Report) -> dict[int, str]:
    """DOM ids of the findings by position in ``report.findings`` (``finding-0``, ...)."""
    return {i: f"finding-{i}" for i in range(len(report.findings))}


def _kind_class(kind: str) -> str:
    return f"k-{kind}" if kind in KIND_ORDER else "k-other"


@dataclass(frozen=True, slots=True)
class Layer:
    """One span to mark up in an article's text.

    ``kind`` is ``removed``, ``ev`` (evidence), ``q`` (quote), ``n`` (number) or ``d``
    (date). ``key`` identifies the span (an evidence span's anchor id, a finding's DOM id),
    ``tag`` holds the finding kind for evidence, and ``title`` a tooltip.
    """

    start: int
    end: int
    kind: str
    key: str = ""
    tag: str = ""
    title: str = ""
    anchor: str = ""


def segments(length: int, layers: Iterable[Layer]) -> list[tuple[int, int, tuple[Layer, ...]]]:
    """Split ``[0, length)`` at every layer boundary; return each piece with its covering layers.

    Layers are clipped to the text; empty ones are dropped. Covering layers keep the
    order they were given in.
    """
    clipped: list[Layer] = []
    for layer in layers:
        s, t = max(0, layer.start), min(length, layer.end)
        if s < t:
            clipped.append(layer if (s, t) == (layer.start, layer.end) else _replace(layer, s, t))
    cuts = sorted({0, length, *(x.start for x in clipped), *(x.end for x in clipped)})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for i, x in enumerate(clipped):
        starts.setdefault(x.start, []).append(i)
        ends.setdefault(x.end, []).append(i)
    active: dict[int, None] = {}
    out: list[tuple[int, int, tuple[Layer, ...]]] = []
    for a, b in itertools.pairwise(cuts):
        for i in ends.get(a, ()):
            active.pop(i, None)
        for i in starts.get(a, ()):
            active[i] = None
        out.append((a, b, tuple(clipped[i] for i in sorted(active))))
    return out


def _replace(layer: Layer, start: int, end: int) -> Layer:
    return Layer(start, end, layer.kind, layer.key, layer.tag, layer.title, layer.anchor)


def render_marked_text(text: str, layers: Sequence[Layer]) -> str:
    """Escape ``text`` and wrap every segment in the elements of the layers covering it."""
    parts: list[str] = []
    seen_anchor: set[str] = set()
    for a, b, cover in segments(len(text), layers):
        piece = _e(text[a:b])
        for layer in cover:
            if layer.anchor and layer.anchor not in seen_anchor:
                seen_anchor.add(layer.anchor)
                parts.append(f'<span class="anchor" id="{_e(layer.anchor)}"></span>')
        removed = [x for x in cover if x.kind == "removed"]
        evs = [x for x in cover if x.kind == "ev"]
        facts = [x for x in cover if x.kind in ("q", "n", "d")]
        if facts:
            kinds = " ".join(sorted({x.kind for x in facts}))
            title = " · ".join(dict.fromkeys(x.title for x in facts if x.title))
            piece = f'<span class="fact {kinds}" title="{_e(title)}">{piece}</span>'
        if evs:
            ids = " ".join(dict.fromkeys(x.key for x in evs))
            top = min((x.tag for x in evs), key=kind_rank)
            kinds = " ".join(dict.fromkeys(x.tag for x in evs))
            title = " · ".join(dict.fromkeys(x.title for x in evs if x.title))
            piece = (
                f'<mark class="ev {_kind_class(top)}" data-findings="{_e(ids)}" '
                f'data-kinds="{_e(kinds)}" title="{_e(title)}">{piece}</mark>'
            )
        if removed:
            title = "Removed: " + ", ".join(dict.fromkeys(x.title for x in removed))
            piece = f'<del class="removed" title="{_e(title)}">{piece}</del>'
        parts.append(piece)
    return "".join(parts)


def article_layers(report: Report, article: Article, *, facts: bool = True) -> list[Layer]:
    """The layers of one article: removed boilerplate, evidence of every finding, facts."""
    arts = {article.id: article}
    dom = finding_dom_ids(report)
    layers: list[Layer] = [
        Layer(r.start, r.end, "removed", title=r.reason or "boilerplate") for r in article.removed
    ]
    for fi, finding in enumerate(report.findings):
        for ei, span in enumerate(finding.evidence):
            if span.article != article.id:
                continue
            loc = locate(span, arts)
            if loc is None:
                continue
            layers.append(
                Layer(
                    loc.start,
                    loc.end,
                    "ev",
                    key=dom[fi],
                    tag=finding.kind,
                    title=f"{kind_label(finding.kind)}: {finding.summary}",
                    anchor=f"ev-{fi}-{ei}",
                )
            )
    if facts:
        for q in report.quotes:
            if q.article == article.id:
                who = q.speaker.name if q.speaker else "unattributed"
                via = f" via {' → '.join(q.via)}" if q.via else ""
                layers.append(
                    Layer(q.start, q.end, "q", title=f"{quote_kind(q)} quote: {who}{via}")
                )
        for n in report.numbers:
            if n.article == article.id:
                what = f" ({n.measures})" if n.measures else ""
                layers.append(
                    Layer(
                        n.start, n.end, "n", title=f"number {number_text(n.value, n.bound)}{what}"
                    )
                )
        for d in report.dates:
            if d.article == article.id:
                layers.append(Layer(d.start, d.end, "d", title=f"date {d.value or 'unresolved'}"))
    layers.sort(key=lambda x: (_LAYER_ORDER.get(x.kind, 9), x.start, -x.end))
    return layers


def _meta_row(name: str, value: str, cls: str = "") -> str:
    attr = f' class="{cls}"' if cls else ""
    return f"<dt>{_e(name)}</dt><dd{attr}>{_e(value)}</dd>"


def render_source_html(report: Report, article: Article, label: str) -> str:
    """One source column: header with metadata, then the marked-up original text."""
    anchor = article.date_anchor
    rows = [_meta_row("Source", article.source)]
    if article.outlet:
        rows.append(_meta_row("Outlet", article.outlet))
    if article.author:
        rows.append(_meta_row("Author", article.author))
    if article.published:
        rows.append(_meta_row("Published", article.published))
    else:
        rows.append(_meta_row("Published", "unknown", "unknown"))
        rows.append(_meta_row("Date anchor", anchor_text(anchor)))
    rows.append(_meta_row("Removed", f"{len(article.removed)} passage(s)"))
    title = article.title or article.outlet or article.source or article.id
    body = render_marked_text(article.text, article_layers(report, article))
    return (
        f'<article class="source" id="source-{_e(label)}" aria-labelledby="source-{_e(label)}-h">'
        f'<header><h3 id="source-{_e(label)}-h"><span class="src" aria-label="source {_e(label)}">'
        f"{_e(label)}</span> <span>{_e(title)}</span></h3>"
        f'<dl class="meta">{"".join(rows)}</dl></header>'
        f'<div class="text" lang="{_e(article.language)}" tabindex="0" '
        f'aria-label="Text of source {_e(label)}">{body}</div></article>'
    )


def render_sources_html(report: Report) -> str:
    """The sources side by side: one column per article with its highlighted original text.

    Returns an HTML fragment (``<section class="sources">``) meant to sit in the same page
    as :func:`render_findings_html` and the CSS/JS of :mod:`crosscheck.report.assets`.
    """
    labels = source_labels(report.articles)
    cols = [render_source_html(report, a, label_of(labels, a.id)) for a in report.articles]
    if not cols:
        cols = ['<p class="empty">No sources.</p>']
    return (
        '<section class="sources" aria-label="Sources side by side">' + "".join(cols) + "</section>"
    )


def _finding_html(
    finding: Finding,
    dom_id: str,
    index: int,
    labels: dict[str, str],
    arts: dict[str, Article],
    speakers: Mapping[tuple[str, int, int], str] | None = None,
) -> str:
    kcls = _kind_class(finding.kind)
    sev = finding.severity if finding.severity in ("info", "review", "severe") else "info"
    conf = confidence_text(finding.confidence)
    try:
        meter_value = f"{min(1.0, max(0.0, float(finding.confidence))):.3f}"
    except (TypeError, ValueError):
        meter_value = "0"
    evidence = []
    for ei, span in enumerate(finding.evidence):
        loc = locate(span, arts)
        label = label_of(labels, span.article)
        text = excerpt(loc.text if loc else span.text, 240)
        quoted = f"<q>{_e(text)}</q>"
        if speakers and is_speaker(span, speakers):
            quoted = (
                f'<span class="said-by">said by <b>{_e(said_by(span, speakers, text))}</b></span>'
            )
        elif (
            loc is not None
            and is_short_value(loc.text)
            and loc.article in arts
            and shows_values(finding)
        ):
            sentence, s0, e0 = sentence_around(arts[loc.article].text, loc.start, loc.end)
            quoted = (
                f'<q class="in-sentence">{_e(sentence[:s0])}<mark class="value">'
                f"{_e(sentence[s0:e0])}</mark>{_e(sentence[e0:])}</q>"
            )
        if loc is not None:
            src = (
                f'<a class="src ev-link" href="#ev-{index}-{ei}" data-finding="{dom_id}" '
                f'title="Show in source {_e(label)}">{_e(label)}</a>'
            )
        else:
            src = f'<span class="src" title="span not found in the source">{_e(label)}</span>'
        evidence.append(f"<li>{src}{quoted}</li>")
    reason = f'<p class="reason">{_e(finding.reason)}</p>' if finding.reason else ""
    sources = (
        f" · {finding.sources} independent source{'s' if finding.sources != 1 else ''}"
        if finding.sources
        else ""
    )
    return (
        f'<li class="finding {kcls} severity-{sev}" id="{dom_id}" data-kind="{_e(finding.kind)}" '
        f'data-finding-id="{_e(finding.id)}">'
        f'<button type="button" class="finding-head" aria-pressed="false" '
        f'title="Highlight the evidence in every source">'
        f'<span class="badge">{_e(kind_label(finding.kind))}</span>'
        f'<span class="sev sev-{sev}">{_e(sev)}</span>'
        f'<span class="conf"><meter min="0" max="1" value="{meter_value}" '
        f'aria-label="confidence"></meter>{_e(conf)}{_e(sources)}</span></button>'
        f'<p class="summary">{_e(finding.summary)}</p>{reason}'
        f'<ul class="evidence" aria-label="Evidence">{"".join(evidence)}</ul></li>'
    )


def render_findings_html(report: Report) -> str:
    """The findings list grouped by kind (conflicts first), as an HTML fragment.

    Each finding carries the DOM id ``finding-<n>`` (its position in ``report.findings``)
    that the evidence ``<mark data-findings=…>`` elements of :func:`render_sources_html`
    refer to, and links ``#ev-<n>-<i>`` to each evidence span (they work without JS).
    """
    labels = source_labels(report.articles)
    arts = articles_by_id(report)
    dom = finding_dom_ids(report)
    position = {id(f): i for i, f in enumerate(report.findings)}
    speakers = speaker_spans(report)
    groups = []
    for kind, items in grouped_findings(report.findings):
        lis = "".join(
            _finding_html(f, dom[position[id(f)]], position[id(f)], labels, arts, speakers)
            for f in items
        )
        groups.append(
            f'<li class="kind-group {_kind_class(kind)}"><h3>{_e(kind_label(kind))} '
            f'({len(items)})</h3><ol class="findings">{lis}</ol></li>'
        )
    if not groups:
        return (
            '<section class="findings-panel" aria-label="Findings"><h2>Findings</h2>'
            '<p class="empty">No findings.</p></section>'
        )
    return (
        '<section class="findings-panel" aria-label="Findings"><h2>Findings</h2>'
        f'<ul class="findings">{"".join(groups)}</ul></section>'
    )


def render_header_html(report: Report, *, title: str = "crosscheck report") -> str:
    """The page header: title, source count and the number of findings of each kind."""
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    chips = "".join(
        f'<li class="{_kind_class(k)}"><span class="dot" aria-hidden="true"></span>'
        f"{_e(kind_label(k))}<b>{counts.get(k, 0)}</b></li>"
        for k in sorted(set(KIND_ORDER) | set(counts), key=lambda k: (kind_rank(k), k))
    )
    n = len(report.articles)
    names = ", ".join(
        f"{label_of(source_labels(report.articles), a.id)}: {a.outlet or a.title or a.source}"
        for a in report.articles
    )
    return (
        f'<header class="cc-header"><h1>{_e(title)}</h1>'
        f'<p class="sub">{n} source{"s" if n != 1 else ""} · {len(report.findings)} findings'
        f"{' · ' + _e(names) if names else ''}</p>"
        f'<ul class="counts" aria-label="Findings per kind">{chips}</ul></header>'
    )


def render_toolbar_html() -> str:
    """Display toggles (removed boilerplate, extracted facts) and the colour legend."""
    legend = "".join(
        f'<span class="{_kind_class(k)}">{_e(kind_label(k))}</span>' for k in KIND_ORDER
    )
    return (
        '<div class="toolbar" role="region" aria-label="Display options">'
        '<label><input type="checkbox" id="show-removed" checked> Show removed boilerplate</label>'
        '<label><input type="checkbox" id="show-facts"> Underline extracted quotes, numbers, '
        "dates</label>"
        f'<div class="legend" aria-label="Highlight colours">{legend}</div></div>'
    )


def _problems_html(report: Report) -> str:
    if not report.problems:
        return ""
    rows = "".join(
        f"<li><code>{_e(p.code)}</code> {_e(p.source)}: {_e(p.message)}"
        f"{'' if p.fatal else ' (partly used)'}</li>"
        for p in report.problems
    )
    return f'<section class="problems"><h2>Problems</h2><ul>{rows}</ul></section>'


def to_html(report: Report, *, title: str = "crosscheck report") -> str:
    """Render a report as ONE standalone HTML page (inline CSS and JS, nothing external).

    Layout: header with counts per finding kind; findings list (kind badge, severity
    colour, confidence, summary, reason, evidence excerpts linking into the sources); the
    sources side by side with each article's full original text, evidence marked with
    ``<mark>`` (``data-findings`` lists the findings it supports) and removed boilerplate
    struck through (toggleable). Clicking a finding highlights its evidence in every
    source and scrolls each column to it; without JS every highlight is visible and
    evidence links jump to the span. Print-friendly (columns unclipped, toolbar hidden).

    Args:
        report: the report.
        title: page title and heading.

    Returns:
        The HTML document. Does not embed the JSON report.
    """
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        f'<meta http-equiv="Content-Security-Policy" content="{_e(REPORT_CSP)}">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        '<meta name="generator" content="crosscheck">'
        f"<title>{_e(title)}</title><style>{REPORT_CSS}</style></head>\n"
        '<body><a class="skip" href="#sources">Skip to sources</a>'
        f"{render_header_html(report, title=title)}{render_toolbar_html()}"
        f'<main class="layout">{render_findings_html(report)}'
        f'<div id="sources"><h2>Sources</h2>{render_sources_html(report)}</div></main>'
        f"{_problems_html(report)}"
        "<footer>Generated by crosscheck · schema crosscheck.report/1 · evidence offsets are "
        "character offsets into each source's original text.</footer>"
        f"<script>{REPORT_JS}</script></body></html>\n"
    )
