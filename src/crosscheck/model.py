"""The data model shared by every stage.

Every extracted thing carries character offsets into its article's *original* text as read
(after decoding; for an HTML page, the main text extracted from it), so that
``article.text[start:end] == thing.text`` always holds and evidence can be shown verbatim.

Cleaning never changes offsets: ``Article.clean_text`` has exactly the length of
``Article.text``. Removed boilerplate is blanked out (newlines kept) and quote marks and odd
spaces are mapped one character to one character, so the offset map from the cleaned text
back to the original is the identity, and ``Removed`` records what was taken out and why.

All types are frozen, slotted dataclasses holding plain values (no spaCy objects), so they
can be stored, shipped to other processes and serialised as JSON.
"""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

SCHEMA = "crosscheck.report/1"

QuoteKind = Literal["direct", "indirect", "mixed"]
AnchorBasis = Literal["metadata", "inferred", "none"]
FindingKind = Literal[
    "corroborated",
    "single_source",
    "attribution_conflict",
    "numeric_conflict",
    "date_conflict",
    "temporal_anomaly",
    "contradiction",
    "copy",
]
Severity = Literal["info", "review", "severe"]

#: Finding kinds in the order reports and comparisons list them: conflicts first.
FINDING_KINDS: tuple[str, ...] = (
    "contradiction",
    "attribution_conflict",
    "numeric_conflict",
    "date_conflict",
    "temporal_anomaly",
    "corroborated",
    "single_source",
    "copy",
)


def article_labels(ids: Sequence[str]) -> dict[str, str]:
    """Short letters for articles in order: A, B, ..., Z, AA, AB, ... (first id wins)."""
    labels: dict[str, str] = {}
    for i, article_id in enumerate(ids):
        label, n = "", i
        while True:
            label = chr(65 + n % 26) + label
            n = n // 26 - 1
            if n < 0:
                break
        labels.setdefault(article_id, label)
    return labels


def listed(labels: Sequence[str]) -> str:
    """Source labels as a reader says them: "A", "A and B", "A, B and C"."""
    return labels[0] if len(labels) == 1 else f"{', '.join(labels[:-1])} and {labels[-1]}"


def text_hash(text: str) -> str:
    """Return a stable content hash (hex SHA-256) of ``text``."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of one article's original text: the unit of evidence."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A stretch of the original text that cleaning took out, with the reason."""

    start: int
    end: int
    text: str
    reason: str


@dataclass(frozen=True, slots=True)
class DateAnchor:
    """The date that relative expressions of an article are resolved against.

    ``basis`` is ``metadata`` when the publication date came from the page, a sidecar file
    or a flag; ``inferred`` when it was inferred from dates in the text (``value`` is then
    the latest absolute date mentioned and ``window`` the span of dates the text covers);
    ``none`` when neither was possible.
    """

    value: str | None
    basis: AnchorBasis
    window: tuple[str, str] | None = None
    note: str = ""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article as read, with its metadata and, after cleaning, its clean text."""

    id: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    url: str | None = None
    published: str | None = None
    language: str = "en"
    format: Literal["text", "html"] = "text"
    clean_text: str = ""
    removed: tuple[Removed, ...] = ()
    date_anchor: DateAnchor = DateAnchor(None, "none")

    @property
    def analysis_text(self) -> str:
        """The text extractors read: the cleaned text once cleaned, else the original."""
        return self.clean_text or self.text

    def span(self, start: int, end: int) -> Span:
        """Return the evidence span ``[start, end)`` of this article."""
        return Span(self.id, start, end, self.text[start:end])


@dataclass(frozen=True, slots=True)
class Problem:
    """An input that could not be used, or was only partly used, and why."""

    source: str
    code: str
    message: str
    fatal: bool = True


@dataclass(frozen=True, slots=True)
class Mention:
    """One mention of an entity in an article."""

    article: str
    start: int
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class Entity:
    """A named entity with its canonical name, aliases, roles and every mention."""

    id: str
    name: str
    type: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()
    mentions: tuple[Mention, ...] = ()


@dataclass(frozen=True, slots=True)
class Speaker:
    """Who a quote is attributed to: a canonical name and the mention that names them."""

    name: str
    entity: str | None
    start: int
    end: int
    text: str
    role: str | None = None


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct, indirect or mixed quote with its speaker, cue verb and citation chain.

    ``start``/``end`` cover the quoted content (for a direct quote, inside the quote
    marks). ``via`` lists the channel and intermediaries in order, e.g. ``("Meridian Wire",)`` for
    "was quoted by the Meridian Wire news agency" or ``("Twitter",)``. ``mentions`` holds
    the other spans of the same quote in the same article (a repeated quote counts once).
    ``gaps`` are the stretches inside ``start``/``end`` that are not the quote's words: the
    attribution that interrupts it ('“A,” she said. “B.”' is one quote, as PolNeAR counts
    it, with the gap ``,” she said. “``); ``quote_words`` gives the words alone. ``mode``
    says what the quote reports: ``speech``, ``thought`` (a belief, an intention or a
    stance), ``document`` or ``act`` (a deed or an event with no words); only speech and
    documents feed attribution findings (``extract.quotes_modes``).
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    kind: QuoteKind
    speaker: Speaker | None
    cue: str | None = None
    cue_start: int | None = None
    cue_end: int | None = None
    via: tuple[str, ...] = ()
    mentions: tuple[Span, ...] = ()
    sentence_start: int = 0
    sentence_end: int = 0
    mode: str = "speech"
    gaps: tuple[Span, ...] = ()


def quote_parts(quote: Quote) -> list[tuple[int, int]]:
    """Offsets of the stretches of a quote that are its words: ``start``/``end`` less its
    gaps (one stretch when nothing interrupts it)."""
    parts, at = [], quote.start
    for gap in sorted(quote.gaps, key=lambda g: g.start):
        parts.append((at, gap.start))
        at = gap.end
    parts.append((at, quote.end))
    return parts


def quote_words(quote: Quote) -> str:
    """The words of a quote without the attribution that interrupts them, each gap shown
    as " … " ('We talked a lot … But it was not for me')."""
    if not quote.gaps:
        return quote.text
    words = (quote.text[s - quote.start : e - quote.start].strip() for s, e in quote_parts(quote))
    return " … ".join(w for w in words if w)


@dataclass(frozen=True, slots=True)
class Number:
    """A numeric claim: value and unit, what is counted, where and over which period.

    ``bound`` is ``=`` (exact), ``~`` (approximate), ``<~`` (approaching from below:
    "nearly", "almost"), ``>=``/``>`` ("at least", "more than") or ``<=``/``<``.
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    value: float
    unit: str | None = None
    measures: str | None = None
    place: str | None = None
    period: str | None = None
    bound: str = "="
    sentence_start: int = 0
    sentence_end: int = 0


@dataclass(frozen=True, slots=True)
class DateRef:
    """A date or time expression, normalised to ISO 8601 where possible.

    ``value`` is an ISO date (``2021-03-18``), month (``2021-03``), year (``2014``),
    date-time, or an interval ``start/end``; ``None`` when it cannot be resolved.
    ``anchor`` records what a relative expression was resolved against:
    ``metadata``, ``inferred`` or ``absolute`` (no anchor needed).
    ``event`` is the stem of the verb the date places ("die" in "died on Friday"; verbs
    coordinated with it follow, space-separated), with its subject phrase ``who`` and object
    phrase ``whom`` (see ``crosscheck.extract.date_events``); None when the date modifies no
    verb or a verb of telling.
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    value: str | None
    type: str = "DATE"
    anchor: str = "absolute"
    sentence_start: int = 0
    sentence_end: int = 0
    event: str | None = None
    who: str | None = None
    whom: str | None = None


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of a claim's sentence: its span, the stem of its verb and its negation."""

    start: int
    end: int
    predicate: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Claim:
    """A check-worthy sentence: a statement of fact with its structure and stance.

    ``subject`` is who or what the statement is about (the subject phrase of its main
    predicate, or of the clause a speech verb reports); ``predicate`` the stem of that verb
    (with a particle); ``negated`` and ``modality`` ("may", "could", "likely") qualify it;
    ``arguments`` are the stems of its objects. ``stance`` is how the article holds it:
    ``asserts`` (its own voice), ``attributed`` (to ``source``), ``reports`` (a claim
    without endorsement: "reportedly", "a rumour that") or ``denies`` (refutes it: "false",
    "a hoax", "no evidence"); ``cue`` holds the words that decided a report or a denial.
    ``clauses`` are the sentence's own clauses when it joins two or more ("the blast killed
    two officers, and police have no suspects"), each compared on its own.
    """

    id: str
    article: str
    start: int
    end: int
    text: str
    entities: tuple[str, ...] = ()
    keywords: tuple[str, ...] = ()
    score: float = 0.0
    subject: str | None = None
    predicate: str | None = None
    negated: bool = False
    modality: str | None = None
    arguments: tuple[str, ...] = ()
    stance: str = "asserts"
    source: str | None = None
    cue: str | None = None
    clauses: tuple[Clause, ...] = ()


@dataclass(frozen=True, slots=True)
class Analysis:
    """Everything extracted from one article: the unit a worker returns and a store keeps."""

    article: Article
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    numbers: tuple[Number, ...] = ()
    dates: tuple[DateRef, ...] = ()
    claims: tuple[Claim, ...] = ()
    problems: tuple[Problem, ...] = ()


@dataclass(frozen=True, slots=True)
class Finding:
    """A cross-source finding with its evidence, confidence and a plain-language reason."""

    id: str
    kind: FindingKind
    summary: str
    confidence: float
    evidence: tuple[Span, ...]
    reason: str = ""
    severity: Severity = "info"
    sources: int = 0
    facts: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Story:
    """A group of articles about the same events."""

    id: str
    articles: tuple[str, ...]
    title: str = ""
    first_seen: str | None = None
    last_seen: str | None = None


@dataclass(frozen=True, slots=True)
class Report:
    """The result of comparing a set of articles (``crosscheck.report/1``)."""

    articles: tuple[Article, ...]
    entities: tuple[Entity, ...] = ()
    quotes: tuple[Quote, ...] = ()
    numbers: tuple[Number, ...] = ()
    dates: tuple[DateRef, ...] = ()
    claims: tuple[Claim, ...] = ()
    findings: tuple[Finding, ...] = ()
    problems: tuple[Problem, ...] = ()
    stats: dict[str, Any] = field(default_factory=dict)
    schema: str = SCHEMA


def to_dict(obj: Any) -> Any:
    """Convert model objects (recursively) into JSON-ready plain values."""
    if dataclasses.is_dataclass(obj) and not isinstance(obj, type):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [to_dict(x) for x in obj]
    if isinstance(obj, dict):
        return {str(k): to_dict(v) for k, v in obj.items()}
    return obj
