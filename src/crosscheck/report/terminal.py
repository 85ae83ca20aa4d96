"""Report -> terminal (rich).

Article text never goes through rich's markup parser: it is put into ``rich.text.Text``
objects and styled by offsets, so ``[bold]`` or ``[link=…]`` inside an article prints as
written. rich drops colour and box-drawing widths adapt when the output is not a TTY.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Mapping, Sequence

from rich import box
from rich.console import Console, Group
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from crosscheck.model import Article, Finding, Report, quote_words

from ._common import (
    ACTS_LEFT_OUT,
    articles_by_id,
    confidence_text,
    day_text,
    excerpt,
    grouped_findings,
    inert_report,
    is_speaker,
    kind_label,
    label_of,
    locate,
    number_text,
    published_text,
    quote_kind,
    said_by,
    said_quotes,
    shared_words,
    source_labels,
    speaker_spans,
    value_sentences,
    word_spans,
)
from .rank import View, apply_view

LOGGER = logging.getLogger(__name__)

KIND_STYLES: dict[str, str] = {
    "conflict": "bold red",
    "contradiction": "bold red",
    "attribution_conflict": "bold red",
    "numeric_conflict": "bold dark_orange",
    "date_conflict": "bold dark_orange",
    "temporal_anomaly": "bold magenta",
    "corroborated": "bold green",
    "single_source": "bold blue",
    "copy": "bold grey50",
}

SEVERITY_STYLES: dict[str, str] = {"severe": "bold white on red", "review": "yellow", "info": "dim"}


def _kind_style(kind: str) -> str:
    return KIND_STYLES.get(kind, "bold")


def _short_published(article: Article) -> str:
    """``2026-03-04``, or ``~2026-03-05 (inferred)`` when the date is the text's anchor."""
    if article.published:
        return article.published
    anchor = article.date_anchor
    if anchor.value and anchor.basis != "none":
        return f"~{day_text(anchor.value)} ({anchor.basis})"
    return "unknown"


def _sources_table(
    articles: Sequence[Article], labels: dict[str, str], *, full: bool = True
) -> Table:
    table = Table(title="Sources", box=box.SIMPLE_HEAD, title_justify="left", expand=False)
    table.add_column("", style="bold", no_wrap=True)
    table.add_column("source", overflow="fold")
    table.add_column("title / outlet", overflow="fold")
    table.add_column("published", overflow="fold")
    table.add_column("removed", justify="right")
    for a in articles:
        name = " — ".join(x for x in (a.title, a.outlet) if x) or "(untitled)"
        if not full:
            name = a.outlet or excerpt(a.title or "", 48) or "(untitled)"
        pub = Text(
            published_text(a) if full else _short_published(a),
            style="" if a.published else "yellow",
        )
        source = a.source if full else (a.source.rsplit("/", 1)[-1] or a.source)
        table.add_row(
            Text(label_of(labels, a.id)), Text(source), Text(name), pub, Text(str(len(a.removed)))
        )
    return table


def _evidence_line(finding: Finding, index: int, label: str, text: str) -> Text:
    """``A  “…”`` with the words this span shares with the other sources in bold."""
    span = finding.evidence[index]
    short = excerpt(text, 150)
    line = Text(f"  {label}  ", style="bold")
    body = Text(f"“{short}”")
    for s, e in word_spans(short, shared_words(finding, span)):
        body.stylize("bold underline", s + 1, e + 1)
    line.append_text(body)
    return line


def _value_line(label: str, pieces: list[tuple[str, bool]]) -> Text:
    """``A  “… at least »19« people …”`` with each value marked (and in reverse video)."""
    line = Text(f"  {label}  ", style="bold")
    body = Text("“")
    for text, marked in pieces:
        if marked:
            body.append(f"»{text.strip()}«", style="bold reverse")  # marked without colour too
        else:
            body.append(text)
    body.append("”")
    line.append_text(body)
    return line


def _finding_panel(
    finding: Finding,
    labels: dict[str, str],
    arts: dict[str, Article],
    speakers: Mapping[tuple[str, int, int], str] | None = None,
) -> Panel:
    style = _kind_style(finding.kind)
    head = Text()
    head.append(kind_label(finding.kind).upper(), style=style)
    head.append("  ")
    sev = finding.severity
    head.append(f" {sev} ", style=SEVERITY_STYLES.get(sev, ""))
    head.append(f"  confidence {confidence_text(finding.confidence)}", style="dim")
    if finding.sources:
        head.append(f" · {finding.sources} source(s)", style="dim")
    parts: list[Text] = [head, Text(finding.summary, style="bold")]
    if finding.reason:
        parts.append(Text(finding.reason, style="italic"))
    values = value_sentences(finding, arts, limit=200)
    for i, span in enumerate(finding.evidence):
        if i in values:
            pieces = values[i]
            if pieces is not None:
                parts.append(_value_line(label_of(labels, span.article), pieces))
            continue
        loc = locate(span, arts)
        if speakers and is_speaker(span, speakers):
            who = said_by(span, speakers, loc.text if loc else span.text)
            line = Text(f"  {label_of(labels, span.article)}  ", style="bold")
            line.append(f"said by {who}", style="italic")
            parts.append(line)
            continue
        parts.append(
            _evidence_line(
                finding, i, label_of(labels, span.article), loc.text if loc else span.text
            )
        )
    color = style.split()[-1]
    return Panel(Group(*parts), border_style=color, box=box.ROUNDED, padding=(0, 1))


def _quotes_table(report: Report, labels: dict[str, str]) -> Table:
    table = Table(title="Who said what", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("speaker", overflow="fold", ratio=2)
    table.add_column("src", no_wrap=True)
    table.add_column("kind", no_wrap=True)
    table.add_column("quote", overflow="fold", ratio=5)
    table.add_column("cue", overflow="fold", ratio=1)
    table.add_column("via", overflow="fold", ratio=2)
    shown, acts = said_quotes(report.quotes)
    if acts:
        table.caption = ACTS_LEFT_OUT.format(n=acts)
    quotes = sorted(
        shown,
        key=lambda q: ((q.speaker.name if q.speaker else "\uffff").lower(), q.article, q.start),
    )
    for q in quotes:
        who = (
            Text(q.speaker.name, style="bold") if q.speaker else Text("(unattributed)", style="dim")
        )
        table.add_row(
            who,
            Text(label_of(labels, q.article)),
            Text(quote_kind(q)),
            Text(f"“{excerpt(quote_words(q), 120)}”"),
            Text(q.cue or ""),
            Text(" → ".join(q.via)),
        )
    return table


def _numbers_table(report: Report, labels: dict[str, str]) -> Table:
    table = Table(title="Numbers", box=box.SIMPLE_HEAD, title_justify="left")
    for name, kw in (
        ("src", {"no_wrap": True}),
        ("text", {"overflow": "fold"}),
        ("value", {"justify": "right", "no_wrap": True}),
        ("unit", {"overflow": "fold"}),
        ("measures", {"overflow": "fold"}),
        ("period", {"overflow": "fold"}),
    ):
        table.add_column(name, **kw)
    for n in sorted(report.numbers, key=lambda n: (labels.get(n.article, n.article), n.start)):
        table.add_row(
            Text(label_of(labels, n.article)),
            Text(excerpt(n.text, 40)),
            Text(number_text(n.value, n.bound)),
            Text(n.unit or ""),
            Text(excerpt(n.measures or "", 40)),
            Text(n.period or ""),
        )
    return table


def _dates_table(report: Report, labels: dict[str, str]) -> Table:
    table = Table(title="Dates", box=box.SIMPLE_HEAD, title_justify="left")
    table.add_column("src", no_wrap=True)
    table.add_column("text", overflow="fold")
    table.add_column("value", overflow="fold")
    table.add_column("anchor", overflow="fold")
    for d in sorted(report.dates, key=lambda d: (labels.get(d.article, d.article), d.start)):
        value = Text(d.value) if d.value else Text("unresolved", style="yellow")
        table.add_row(
            Text(label_of(labels, d.article)), Text(excerpt(d.text, 40)), value, Text(d.anchor)
        )
    return table


def to_terminal(
    report: Report, console: Console | None = None, *, view: View | None = None
) -> None:
    """Print a report to the terminal with rich.

    Prints the sources table (with removed-boilerplate counts), the findings grouped by
    kind (conflicts first; coloured by kind; evidence per source as a short excerpt with
    the words it shares with the other sources in bold), who said what, numbers and dates.
    Problems, if any, come last.

    Args:
        report: the report.
        console: where to print; a default ``Console()`` (stdout) when ``None``. rich
            drops colour when the output is not a terminal.
        view: which findings (:class:`crosscheck.report.rank.View`); the default view
            when ``None``. The who-said-what, numbers and dates tables are printed only
            with ``View(full=True)``.
    """
    console = console or Console()
    view = view or View()
    report = inert_report(apply_view(report, view))
    labels = source_labels(report.articles)
    arts = articles_by_id(report)
    console.print(_sources_table(report.articles, labels, full=view.full))
    removed = [a for a in report.articles if a.removed]
    if removed:
        line = Text("Removed boilerplate: ", style="bold")
        line.append(", ".join(f"{label_of(labels, a.id)} {len(a.removed)}" for a in removed))
        console.print(line)
        for a in removed if view.full else ():
            for r in a.removed:
                item = Text(f"  {label_of(labels, a.id)}  ", style="bold")
                item.append(excerpt(r.text, 70), style="strike dim")
                item.append(f"  ({r.reason})", style="dim")
                console.print(item)
        console.print()
    groups = grouped_findings(report.findings)
    total = (report.stats or {}).get("findings_total", len(report.findings))
    heading = f"Findings ({len(report.findings)})"
    if isinstance(total, int) and total > len(report.findings):
        why = "filtered" if view.filtered else "--all shows every one"
        heading = f"Findings ({len(report.findings)} of {total}; {why})"
    console.rule(Text(heading, style="bold"), align="left")
    if not groups:
        console.print(Text("No findings.", style="dim"))
    speakers = speaker_spans(report)
    for kind, items in groups:
        console.print(Text(f"{kind_label(kind)} ({len(items)})", style=_kind_style(kind)))
        for f in items:
            console.print(_finding_panel(f, labels, arts, speakers))
    console.print()
    if view.full and report.quotes:
        console.print(_quotes_table(report, labels))
    if view.full and report.numbers:
        console.print(_numbers_table(report, labels))
    if view.full and report.dates:
        console.print(_dates_table(report, labels))
    if report.problems:
        table = Table(title="Problems", box=box.SIMPLE_HEAD, title_justify="left")
        table.add_column("code", no_wrap=True)
        table.add_column("source", overflow="fold")
        table.add_column("message", overflow="fold")
        for p in report.problems:
            table.add_row(Text(p.code), Text(p.source), Text(p.message))
        console.print(table)


def to_text(report: Report, *, width: int = 100, view: View | None = None) -> str:
    """The terminal report captured as plain text (no colour, no control codes)."""
    buf = io.StringIO()
    console = Console(
        file=buf,
        width=width,
        color_system=None,
        force_terminal=False,
        force_jupyter=False,
        force_interactive=False,
        no_color=True,
        highlight=False,
        emoji=False,
        legacy_windows=False,
    )
    to_terminal(report, console, view=view)
    return buf.getvalue()
