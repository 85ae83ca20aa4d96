"""Report -> Markdown (CommonMark + GitHub tables).

Every piece of article text is escaped, but only where Markdown would read it: emphasis,
code, HTML and table characters always; ``]`` only where it would close a link (before
``(``, ``[`` or ``:``); ``!`` only before ``[``; ``&`` only where it would start an
entity; ``~`` only doubled; a list, heading or rule marker only at the start of a line.
So a quote containing ``*``, ``_``, ``<script>`` or ``[link](x)`` renders literally while
"4.2" and "Stop!" stay as written. Line breaks inside table cells become spaces; inside
block quotes every line keeps its ``>`` marker.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable, Mapping, Sequence

from crosscheck.model import Article, Finding, Quote, Report, quote_words

from ._common import (
    ACTS_LEFT_OUT,
    articles_by_id,
    confidence_text,
    excerpt,
    grouped_findings,
    is_speaker,
    kind_label,
    label_of,
    locate,
    number_text,
    published_text,
    quote_kind,
    said_by,
    said_quotes,
    source_labels,
    speaker_spans,
    value_sentences,
)

LOGGER = logging.getLogger(__name__)

_MD_SPECIAL = re.compile(r"([\\`*_<>|]|\](?=[(\[:])|~(?=~)|!(?=\[)|&(?=#?\w+;))")
_LINE_START = re.compile(r"^([ \t]*)([-+](?=\s|$)|#{1,6}(?=\s|$)|=+(?=\s*$))", re.MULTILINE)
_LIST_NUMBER = re.compile(r"^([ \t]*\d{1,9})([.)])(?=\s|$)", re.MULTILINE)


def md_escape(text: str | None) -> str:
    """Escape ``text`` for inline Markdown (backslash before significant punctuation)."""
    if not text:
        return ""
    out = _MD_SPECIAL.sub(r"\\\1", text)
    out = _LINE_START.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", out)
    return _LIST_NUMBER.sub(lambda m: f"{m.group(1)}\\{m.group(2)}", out)


def _cell(text: str | None, limit: int = 0) -> str:
    """Escape ``text`` for a table cell: one line, ``|`` escaped, optionally shortened."""
    flat = " ".join((text or "").split())
    if limit:
        flat = excerpt(flat, limit)
    return md_escape(flat) or " "


def _table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(row) + " |" for row in rows]
    return [*lines, ""]


def _quote_block(label: str, text: str) -> list[str]:
    """``> A: “…”`` with every line of a multi-line evidence span kept inside the quote."""
    parts = [md_escape(line) for line in text.splitlines() or [""]]
    first = f"> **{md_escape(label)}:** “{parts[0]}"
    lines = [first, *(f"> {p}" for p in parts[1:])]
    lines[-1] += "”"
    return [*lines, ">"]


def to_markdown(report: Report, *, title: str = "crosscheck report", details: bool = True) -> str:
    """Render a report as a readable Markdown document.

    Sections: sources (table with publication date, or the date anchor used when there is
    none), removed boilerplate per source, findings grouped by kind (conflicts first) with
    summary, confidence, severity, reason and the exact evidence from each source, who
    said what (speaker -> quotes with cue and citation chain), numbers and dates per
    source, and problems. Sources are cited by letter (A, B, ...).

    Args:
        report: the report.
        title: the level-1 heading.
        details: also the who-said-what, numbers and dates tables (the full report).

    Returns:
        The Markdown text. Does not include article full texts (see the HTML report).
    """
    labels = source_labels(report.articles)
    arts = articles_by_id(report)
    speakers = speaker_spans(report)
    out: list[str] = [f"# {md_escape(title)}", ""]
    out += _summary(report)
    out += _sources(report.articles, labels)
    out += _removed(report.articles, labels) if details else _removed_counts(report, labels)
    out += _findings(report.findings, labels, arts, speakers)
    if details:
        out += _speakers(report.quotes, labels)
        out += _numbers_dates(report, labels)
    if report.problems:
        out += ["## Problems", ""]
        out += _table(
            ["source", "code", "message", "fatal"],
            (
                [_cell(p.source), _cell(p.code), _cell(p.message), "yes" if p.fatal else "no"]
                for p in report.problems
            ),
        )
    return "\n".join(out).rstrip() + "\n"


def _summary(report: Report) -> list[str]:
    groups = grouped_findings(report.findings)
    if not groups:
        return [f"{len(report.articles)} sources, no findings.", ""]
    counts: dict[str, int] = {}
    for f in report.findings:
        counts[f.kind] = counts.get(f.kind, 0) + 1
    listed = ", ".join(f"{n} {kind_label(k).lower()}" for k, n in counts.items())
    total = (report.stats or {}).get("findings_total")
    shown = len(report.findings)
    head = f"{len(report.articles)} sources, {shown} findings: {listed}."
    if isinstance(total, int) and total > shown:
        why = (
            "filtered"
            if (report.stats or {}).get("findings_view") == "filtered"
            else "conflicts first; --all shows every one"
        )
        head = (
            f"{len(report.articles)} sources, {shown} of {total} findings shown ({why}): {listed}."
        )
    return [head, ""]


def _sources(articles: Sequence[Article], labels: dict[str, str]) -> list[str]:
    out = ["## Sources", ""]
    rows = []
    for a in articles:
        name = " — ".join(x for x in (a.title, a.outlet) if x) or "(untitled)"
        rows.append(
            [
                f"**{md_escape(label_of(labels, a.id))}**",
                _cell(a.id),
                _cell(a.source),
                _cell(name),
                _cell(published_text(a)),
            ]
        )
    return out + _table(["", "id", "source", "title / outlet", "published"], rows)


def _removed_counts(report: Report, labels: dict[str, str]) -> list[str]:
    """One line: how much boilerplate was removed from each source (the full report lists it)."""
    counts = [f"{label_of(labels, a.id)} {len(a.removed)}" for a in report.articles if a.removed]
    if not counts:
        return []
    return [f"Removed boilerplate (passages per source): {md_escape(', '.join(counts))}.", ""]


def _removed(articles: Sequence[Article], labels: dict[str, str]) -> list[str]:
    out = ["## Removed boilerplate", ""]
    any_removed = False
    for a in articles:
        if not a.removed:
            continue
        any_removed = True
        out.append(f"**{md_escape(label_of(labels, a.id))}** ({len(a.removed)}):")
        out.append("")
        for r in a.removed:
            out.append(f"- ~~{_cell(r.text, 200)}~~ — {md_escape(r.reason)} ({r.start}–{r.end})")
        out.append("")
    if not any_removed:
        out += ["Nothing was removed.", ""]
    return out


def _findings(
    findings: Sequence[Finding],
    labels: dict[str, str],
    arts: dict[str, Article],
    speakers: Mapping[tuple[str, int, int], str],
) -> list[str]:
    out = ["## Findings", ""]
    groups = grouped_findings(findings)
    if not groups:
        return [*out, "No findings.", ""]
    for kind, items in groups:
        out += [f"### {md_escape(kind_label(kind))} ({len(items)})", ""]
        for f in items:
            out.append(f"#### {md_escape(f.summary) or md_escape(f.id)}")
            out.append("")
            meta = f"*{md_escape(kind_label(f.kind))}* · severity **{md_escape(f.severity)}**"
            meta += f" · confidence **{confidence_text(f.confidence)}**"
            if f.sources:
                meta += f" · {f.sources} independent source{'s' if f.sources != 1 else ''}"
            out += [meta, ""]
            if f.reason:
                out += [md_escape(f.reason), ""]
            values = value_sentences(f, arts)
            for i, span in enumerate(f.evidence):
                label = label_of(labels, span.article)
                if i in values:
                    pieces = values[i]
                    if pieces is not None:
                        body = "".join(
                            f"**{md_escape(t.strip())}**" if marked else md_escape(t)
                            for t, marked in pieces
                        )
                        out += [f"> **{md_escape(label)}:** “{body.strip()}”", ">"]
                    continue
                loc = locate(span, arts)
                if is_speaker(span, speakers):
                    who = md_escape(said_by(span, speakers, loc.text if loc else span.text))
                    out += [f"> **{md_escape(label)}:** said by *{who}*", ">"]
                    continue
                out += _quote_block(label, loc.text if loc else span.text)
            if out[-1] == ">":
                out[-1] = ""
            else:
                out.append("")
    return out


def _speakers(every: Sequence[Quote], labels: dict[str, str]) -> list[str]:
    out = ["## Who said what", ""]
    quotes, acts = said_quotes(every)
    if acts:
        out += [ACTS_LEFT_OUT.format(n=acts), ""]
    if not quotes:
        return [*out, "No quotes.", ""]
    by_speaker: dict[str, list[Quote]] = {}
    for q in quotes:
        name = q.speaker.name if q.speaker else "(unattributed)"
        by_speaker.setdefault(name, []).append(q)
    for name in sorted(by_speaker, key=lambda n: (n == "(unattributed)", n.lower())):
        out += [f"**{md_escape(name)}**", ""]
        for q in by_speaker[name]:
            line = f"- {md_escape(label_of(labels, q.article))} · {md_escape(quote_kind(q))}: "
            line += f"“{_cell(quote_words(q), 300)}”"
            if q.cue:
                line += f" — cue *{md_escape(q.cue)}*"
            if q.via:
                line += " — via " + " → ".join(md_escape(v) for v in q.via)
            if q.mentions:
                line += f" (repeated {len(q.mentions)}×)"
            out.append(line)
        out.append("")
    return out


def _numbers_dates(report: Report, labels: dict[str, str]) -> list[str]:
    out: list[str] = []
    out += ["## Numbers", ""]
    if report.numbers:
        out += _table(
            ["src", "text", "value", "unit", "measures", "place", "period"],
            (
                [
                    md_escape(label_of(labels, n.article)),
                    _cell(n.text, 80),
                    md_escape(number_text(n.value, n.bound)),
                    _cell(n.unit),
                    _cell(n.measures, 80),
                    _cell(n.place),
                    _cell(n.period),
                ]
                for n in sorted(report.numbers, key=lambda n: (labels.get(n.article, ""), n.start))
            ),
        )
    else:
        out += ["No numbers.", ""]
    out += ["## Dates", ""]
    if report.dates:
        out += _table(
            ["src", "text", "value", "anchor"],
            (
                [
                    md_escape(label_of(labels, d.article)),
                    _cell(d.text, 80),
                    _cell(d.value or "unresolved"),
                    _cell(d.anchor),
                ]
                for d in sorted(report.dates, key=lambda d: (labels.get(d.article, ""), d.start))
            ),
        )
    else:
        out += ["No dates.", ""]
    return out
