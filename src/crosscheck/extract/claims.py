"""Check-worthy claims: sentences stating facts about named things, numbers or dates.

Method: a sentence is a candidate when it has a finite verb, 6 to 80 tokens and is not a
question; its score adds up what it names: an entity, a number, a date. A sentence that names
none of them is a claim too ("it appeared the group was insufficiently equipped for the
climb" answers "Buckley was well equipped"), but too thin to stand as a single-source item
(on the crossnews tune half this took fact recall from 0.758 to 0.776 and contradiction
recall from 0.450 to 0.475, at 0.9 more findings per article). This is
a transparent baseline (no trained check-worthiness model is available offline); the
comparison stage uses the claims' content stems and entities to align statements across
sources. Sentences that are wholly a direct quotation are left to the quote extractor.
"""

from __future__ import annotations

import logging
import re
from typing import Any

from crosscheck.extract.nlp import Parsed
from crosscheck.extract.stance import DENIAL, negated_clause, predicate_of, structure
from crosscheck.extract.words import content_stems
from crosscheck.model import Claim, Clause, Entity
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)
# A party's silence: "has not commented", "did not respond to a request for comment",
# "declined to comment", "could not be reached".
NO_COMMENT = re.compile(
    r"\b(?:(?:has|have|had|did|does|do)(?: not|n[’']t)|declin\w*|refus\w*|not immediately)"
    r"(?: (?:yet|immediately|publicly))? (?:to )?(?:comment|respond|return|reply|answer)\w*\b|"
    r"\b(?:could|can|was|were)(?: not|n[’']t) (?:immediately )?(?:be )?reached\b|"
    r"\bno (?:immediate )?comment\b",
    re.IGNORECASE,
)

# The heads of a sentence's own clauses: its root, coordinated and complement clauses,
# adverbial and relative clauses. A clause names at least ``CLAUSE_WORDS`` content words.
CLAUSE_DEPS = frozenset({"ROOT", "conj", "ccomp", "advcl", "relcl", "parataxis"})
CLAUSE_WORDS = 3
MIN_TOKENS = 6
MAX_TOKENS = 80
NUMERIC = frozenset({"CARDINAL", "QUANTITY", "MONEY", "PERCENT"})
TEMPORAL = frozenset({"DATE", "TIME"})
ORPHAN_MARKS = frozenset("\"'”’“")


def clause_spans(sent: Any, offset: int) -> tuple[Clause, ...]:
    """A sentence's own clauses (span, verb stem, negation), when it has two or more.

    Each clause head keeps the contiguous run of its subtree around it, less the clauses
    nested in it: "A bomb killed two officers, and state police did not have any suspects,
    officials said" gives "A bomb killed two officers", "state police did not have any
    suspects" (and "officials said" is too thin to stand alone).
    """
    heads = [
        t
        for t in sent
        if t.pos_ in {"VERB", "AUX"}
        and t.dep_ in CLAUSE_DEPS
        and not (t.pos_ == "AUX" and t.dep_ in {"relcl", "parataxis"})
    ]
    if len(heads) < 2:
        return ()
    head_ids = {t.i for t in heads}
    spans: list[Clause] = []
    for head in heads:
        nested: set[int] = set()
        for t in head.subtree:
            if t.i != head.i and t.i in head_ids:
                nested.update(x.i for x in t.subtree)
        ids = sorted(
            t.i for t in head.subtree if t.i not in nested and not (t.is_punct or t.is_space)
        )
        if head.i not in ids:
            continue  # a head the tagger calls a verb and the parser punctuation
        lo = hi = ids.index(head.i)
        while lo > 0 and ids[lo - 1] == ids[lo] - 1:
            lo -= 1
        while hi < len(ids) - 1 and ids[hi + 1] == ids[hi] + 1:
            hi += 1
        run = [sent.doc[i] for i in ids[lo : hi + 1]]
        if sum(t.is_alpha and not t.is_stop for t in run) < CLAUSE_WORDS:
            continue
        spans.append(
            Clause(
                offset + run[0].idx,
                offset + run[-1].idx + len(run[-1].text),
                predicate_of(head),
                negated_clause(head),
            )
        )
    return tuple(spans) if len(spans) > 1 else ()


def extract_claims(
    parsed: Parsed, entities: tuple[Entity, ...], settings: Settings
) -> tuple[Claim, ...]:
    """Return the check-worthy sentences of one article, in order.

    Args:
        parsed: the parsed article.
        entities: the article's entities (their canonical names label each claim).
        settings: pipeline settings (unused).

    Returns:
        Claims with ids ``"<article id>:c<n>"``, keyword stems and a 0-1 score.
    """
    article = parsed.article
    names: list[tuple[int, int, str]] = [
        (m.start, m.end, e.name) for e in entities if e.type != "NORP" for m in e.mentions
    ]
    claims: list[Claim] = []
    for offset, sent in parsed.sentences():
        tokens = [t for t in sent if not t.is_space]  # type: ignore[attr-defined]
        if not MIN_TOKENS <= len(tokens) <= MAX_TOKENS:
            continue
        stripped = sent.text.strip()  # type: ignore[attr-defined]
        if stripped.endswith("?") or not any(
            t.pos_ in {"VERB", "AUX"} and t.tag_ not in {"VBG", "TO"} for t in tokens
        ):
            continue
        if NO_COMMENT.search(stripped):
            continue  # "The board has not commented": no fact of the story
        denial = DENIAL.search(stripped) is not None
        bare_quote = stripped[:1] in {'"', "'", "“"} and stripped.rstrip(".,")[-1:] in {
            '"',
            "'",
            "”",
        }
        if bare_quote and not denial:
            continue  # a bare direct quotation: the quote extractor owns it
        start = offset + sent.start_char  # type: ignore[attr-defined]
        end = offset + sent.end_char  # type: ignore[attr-defined]
        while end > start and article.text[end - 1].isspace():
            end -= 1
        # A closing quote mark the parser glued from the paragraph before ('"\nSome
        # residents ...') is not part of the statement.
        text = article.text
        while start < end and (
            text[start].isspace()
            or (text[start] in ORPHAN_MARKS and (start + 1 == end or text[start + 1] == "\n"))
        ):
            start += 1
        labels = {e.label_ for e in sent.ents}  # type: ignore[attr-defined]
        in_sent = sorted({n for s, e, n in names if s >= start and e <= end})
        has_number = bool(labels & NUMERIC) or any(t.like_num for t in tokens)
        signals = [bool(in_sent), has_number, bool(labels & TEMPORAL)]
        # A statement with no name, number or date (a denial among them) still takes part
        # in alignment (it may tell or refute another source's claim in other words) but is
        # too thin to stand as a single-source item.
        score = round(0.4 + 0.25 * signals[0] + 0.2 * signals[1] + 0.15 * signals[2], 2)
        parts = structure(sent)
        stems = tuple(dict.fromkeys(content_stems(article.analysis_text[start:end])))
        claims.append(
            Claim(
                id=f"{article.id}:c{len(claims) + 1}",
                article=article.id,
                start=start,
                end=end,
                text=article.text[start:end],
                entities=tuple(in_sent),
                keywords=stems,
                score=score,
                subject=parts.subject,
                predicate=parts.predicate,
                negated=parts.negated,
                modality=parts.modality,
                arguments=parts.arguments,
                stance=parts.stance,
                source=parts.source,
                cue=parts.cue,
                clauses=clause_spans(sent, offset),
            )
        )
    return tuple(claims)
