"""Report renderers: JSON, Markdown, standalone HTML, terminal (rich), CSV and Parquet.

The JSON contract (schema ``crosscheck.report/1``) users rely on; more keys may be added::

    {"schema": "crosscheck.report/1",
     "articles": [{id, source, title, outlet, published (ISO or null), text (original),
                   date_anchor {value, basis: metadata|inferred|none, window, note},
                   removed [{start, end, text, reason}], ...}],
     "entities": [{id, name, type, aliases, mentions [{article, start, end, text}], ...}],
     "quotes":   [{id, article, start, end, text, kind, speaker {name, entity, start, end,
                   text, role} | null, cue, via [names], mentions [spans], ...}],
     "numbers":  [{id, article, start, end, text, value, unit, measures, period, ...}],
     "dates":    [{id, article, start, end, text, value, ...}],
     "findings": [{id, kind, summary, confidence (0-1), evidence [{article, start, end,
                   text}], reason, severity, ...}],
     "claims": [...], "problems": [...], "stats": {...}}

Sources are cited by letter (A, B, ...) in report order in the Markdown, HTML and terminal
renders. The HTML fragments (:func:`render_findings_html`, :func:`render_sources_html`,
:func:`render_header_html`, :func:`render_toolbar_html`) plus :data:`REPORT_CSS` and
:data:`REPORT_JS` let the web UI compose the same page inside its own templates.
"""

from __future__ import annotations

import logging

from crosscheck.errors import CrosscheckError
from crosscheck.model import Report

from .assets import REPORT_CSP, REPORT_CSS, REPORT_JS
from .htmlpage import (
    render_findings_html,
    render_header_html,
    render_marked_text,
    render_sources_html,
    render_toolbar_html,
    to_html,
)
from .jsonio import from_json, report_dict, to_json
from .md import md_escape, to_markdown
from .rank import View, apply_view, is_conflict, ranked
from .tables import SCHEMAS, export_csv, export_parquet, to_arrow
from .terminal import to_terminal, to_text

LOGGER = logging.getLogger(__name__)

FORMATS: tuple[str, ...] = ("json", "markdown", "html", "text")

__all__ = [
    "FORMATS",
    "REPORT_CSP",
    "REPORT_CSS",
    "REPORT_JS",
    "SCHEMAS",
    "View",
    "apply_view",
    "export_csv",
    "export_parquet",
    "from_json",
    "is_conflict",
    "md_escape",
    "ranked",
    "render",
    "render_findings_html",
    "render_header_html",
    "render_marked_text",
    "render_sources_html",
    "render_toolbar_html",
    "report_dict",
    "to_arrow",
    "to_html",
    "to_json",
    "to_markdown",
    "to_terminal",
    "to_text",
]

_ALIASES = {"md": "markdown", "htm": "html", "txt": "text", "terminal": "text", "plain": "text"}


def render(report: Report, fmt: str, *, width: int = 100, view: View | None = None) -> str:
    """Render a report in one of :data:`FORMATS`.

    The Markdown, HTML and text renders show the ranked default view (conflicts first,
    bare counts left out, about three items per article; see
    :mod:`crosscheck.report.rank`) unless ``view`` says otherwise; JSON keeps every
    finding unless a ``view`` is given.

    Args:
        report: the report.
        fmt: ``json``, ``markdown`` (or ``md``), ``html`` or ``text`` (the terminal report
            captured without colour).
        width: line width of the ``text`` format.
        view: which findings to show (``View(full=True)``: all of them, ranked).

    Returns:
        The rendered report.

    Raises:
        CrosscheckError: [CC015] for an unknown format.
    """
    key = _ALIASES.get(fmt.lower().strip(), fmt.lower().strip())
    if key == "json":
        return to_json(report if view is None else apply_view(report, view))
    chosen = view or View()
    if key == "markdown":
        return to_markdown(apply_view(report, chosen), details=chosen.full)
    if key == "html":
        return to_html(apply_view(report, chosen))
    if key == "text":
        return to_text(report, width=width, view=chosen)
    raise CrosscheckError(
        f"unknown report format {fmt!r}; choose one of {', '.join(FORMATS)}", code="CC015"
    )
