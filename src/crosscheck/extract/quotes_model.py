"""A learned cue detector: is this predicate an attribution cue, with its complement as content?

PolNeAR annotates far more than verbs of saying: stances and evaluations ("has come out in
support of", "opposed", "wants", "sees X as Y") are attributions too, and their long tail
escapes any hand-written list. This module scores every verb of a sentence that the
lexicon rules left unused with a logistic regression over parse features (the word and a
crude stem, its tag and dependency, its subject's kind, the kinds of complement it takes,
negation, modals, the governing verb); a verb scoring above the shipped threshold becomes
an indirect quote whose content is its complement (``candidate_span``).

Training: ``python benchmarks/train_quotes.py --data ../shared/data/polnear`` reads the
PolNeAR *train* split only, labels each candidate verb positive when a gold Cue covers it
and the gold Content overlaps the candidate's complement, fits the regression with numpy
and writes ``data/quotes_cue_model.json`` (feature weights, bias, threshold; no text).

Not handled: nominal cues ("his opposition to"), adjectival cues ("wary of"), and
contents that are not a syntactic complement of the cue.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from crosscheck.extract.lexicon import Lexicon

LOGGER = logging.getLogger(__name__)

Token = Any

MODEL_FILE = "quotes_cue_model.json"
_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_COMP_DEPS = frozenset({"ccomp", "xcomp", "dobj", "prep", "attr", "acomp", "oprd", "dative"})
_TIME_ENTS = frozenset({"DATE", "TIME"})
_NOUN_PREPS = frozenset({"of", "to", "for", "about", "on", "against", "over", "toward", "with"})
# The decision threshold in force when not the shipped one (``cue_threshold``).
_THRESHOLD: ContextVar[float | None] = ContextVar("cue_threshold", default=None)


@contextmanager
def cue_threshold(value: float | None) -> Iterator[None]:
    """Score candidates against ``value`` instead of the shipped threshold in this block.

    The evaluation's folds use it to choose the threshold on the other folds.
    """
    token = _THRESHOLD.set(value)
    try:
        yield
    finally:
        _THRESHOLD.reset(token)


def stem(word: str) -> str:
    """A crude English stem for features (the pipeline runs without a lemmatizer)."""
    for suffix, repl in (
        ("ies", "y"),
        ("ied", "y"),
        ("ing", ""),
        ("ed", ""),
        ("es", ""),
        ("s", ""),
    ):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + repl
    return word


def candidate_span(tok: Token) -> tuple[int, int] | None:
    """Return the token range ``[i, j)`` of the complement of predicate ``tok``.

    A clausal complement wins; else the objects, open complements and prepositional
    phrases to the right of the word (time phrases left out), from the first to the last.
    A verb with none of these reports what comes before it: the subject of a passive
    ("the bill was rejected"), the noun a relative clause hangs on ("the plan they
    proposed") or the clause it follows ("..., they said"; not when the verb is itself the
    clausal complement of the word before it, whose content it is part of).
    """
    comps = [c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i]
    if comps:
        return comps[0].left_edge.i, comps[-1].right_edge.i + 1
    chosen = []
    for child in tok.rights:
        if child.dep_ == "advcl" and _control_clause(child):
            chosen.append(child)  # "called for Trump to drop out", parsed as a clause
            continue
        if child.dep_ not in _COMP_DEPS or child.is_punct:
            continue
        if child.dep_ == "prep":
            objs = [c for c in child.children if not c.is_punct]
            if not objs or objs[0].ent_type_ in _TIME_ENTS:
                continue
        chosen.append(child)
    if chosen:
        return chosen[0].left_edge.i, max(c.right_edge.i for c in chosen) + 1
    if not tok.tag_.startswith("VB"):
        return None
    for child in tok.lefts:
        if child.dep_ == "nsubjpass":
            return child.left_edge.i, child.right_edge.i + 1
    head = tok.head
    if tok.dep_ == "relcl" and head.i < tok.i:
        return head.left_edge.i, head.i + 1
    if (
        tok.dep_ in ("parataxis", "advcl")
        and head.i < tok.i
        and tok.left_edge.i - head.left_edge.i >= 2
    ):
        return head.left_edge.i, tok.left_edge.i
    return None


def _control_clause(clause: Token) -> bool:
    """Whether an adverbial clause is an infinitive with its own subject ("X to go")."""
    kids = list(clause.lefts)
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in kids) and any(
        c.dep_ in _SUBJ for c in kids
    )


def is_candidate(tok: Token) -> bool:
    """Whether ``tok`` may be a cue: a verb, or a noun that takes a complement."""
    tag = tok.tag_
    if tag.startswith("VB"):
        return True
    if tag in ("NN", "NNS"):
        return any(
            c.dep_ in ("acl", "ccomp") or (c.dep_ == "prep" and c.lower_ in _NOUN_PREPS)
            for c in tok.rights
        )
    return False


def source_of(tok: Token) -> Token | None:
    """The owner of a nominal cue ("her criticism of", "criticism by X"); None for verbs."""
    if tok.tag_.startswith("VB"):
        return None
    for child in tok.children:
        if child.dep_ == "poss":
            return child
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ in ("by", "from"):
            objs = [c for c in child.children if c.dep_ == "pobj"]
            if objs:
                return objs[0]
    return None


def _subject(tok: Token) -> Token | None:
    """The subject of ``tok``, or of the verb it is conjoined to or an open complement of."""
    cur = tok
    for _ in range(3):
        for child in cur.children:
            if child.dep_ in _SUBJ:
                return child
        if cur.dep_ not in ("conj", "xcomp", "advcl") or cur.head.i == cur.i:
            return None
        cur = cur.head
    return None


def _subject_kind(subj: Token | None, lex: Lexicon) -> str:
    """A coarse class of the subject: pronoun, entity type, proper or common noun."""
    if subj is None:
        return "none"
    if subj.lower_ in lex.pronouns:
        return "prp:" + lex.pronouns[subj.lower_]
    if subj.tag_ in ("WP", "WDT"):
        return "wh"
    if subj.ent_type_:
        return "ent:" + subj.ent_type_
    for t in subj.subtree:
        if t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE"):
            return "entin:" + t.ent_type_
    return "tag:" + subj.tag_


def features(tok: Token, span: tuple[int, int], lex: Lexicon) -> list[str]:
    """Return the feature strings of predicate ``tok`` whose complement is ``span``."""
    lower = tok.lower_
    st = stem(lower)
    subj = _subject(tok)
    skind = _subject_kind(subj, lex)
    head = tok.head
    feats = [
        "bias",
        "w=" + lower,
        "st=" + st,
        "tag=" + tok.tag_,
        "dep=" + tok.dep_,
        "subj=" + skind,
        "st|subj=" + st + "|" + skind.split(":")[0],
        "hd=" + (stem(head.lower_) if head is not tok and head.tag_.startswith("VB") else "-"),
        "hdep=" + tok.dep_ + "|" + head.tag_[:2],
        "lex=" + ("cue" if lower in lex.cues else "no"),
    ]
    if not tok.tag_.startswith("VB"):
        owners = [c for c in tok.lefts if c.dep_ in ("poss", "compound", "amod")]
        feats.append("own=" + (_subject_kind(owners[0], lex) if owners else "none"))
        feats.append("nw=" + lower)
    for anc in tok.ancestors:
        if anc.lower_ in lex.cues and anc.tag_.startswith("VB"):
            feats.append("anc=cue")
            break
    if subj is not None and subj.dep_ == "nsubjpass":
        feats.append("pass")
    comp_kinds = set()
    for child in tok.children:
        dep = child.dep_
        if dep in ("neg",):
            feats.append("neg")
        elif dep == "aux" and child.tag_ == "MD":
            feats.append("md=" + child.lower_)
        elif dep == "agent":
            feats.append("agent")
        elif dep in _COMP_DEPS and child.i > tok.i:
            kind = dep
            if dep == "prep":
                kind = "prep:" + child.lower_
            elif dep == "ccomp":
                marks = [c.lower_ for c in child.children if c.dep_ == "mark"]
                kind = "ccomp:" + (marks[0] if marks else "-")
            comp_kinds.add(kind)
    for kind in sorted(comp_kinds):
        feats.append("c=" + kind)
        feats.append("st|c=" + st + "|" + kind)
    length = span[1] - span[0]
    feats.append(
        "len=" + ("1" if length <= 1 else "2-3" if length <= 3 else "4-8" if length <= 8 else "9+")
    )
    return feats


@dataclass(frozen=True, slots=True)
class CueModel:
    """Logistic-regression weights over feature strings, with the decision threshold."""

    weights: dict[str, float]
    bias: float
    threshold: float

    def score(self, feats: list[str]) -> float:
        """Return the probability that the candidate is an attribution cue."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in feats)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@lru_cache(maxsize=1)
def load_model() -> CueModel | None:
    """Load the shipped model (None, logged, when the file is missing or unreadable)."""
    try:
        raw = resources.files("crosscheck.extract").joinpath("data", MODEL_FILE).read_text("utf-8")
        data = json.loads(raw)
        return CueModel(
            {str(k): float(v) for k, v in data["weights"].items()},
            float(data["bias"]),
            float(data["threshold"]),
        )
    except (OSError, ValueError, KeyError, TypeError) as exc:
        LOGGER.warning("quote cue model not loaded (%s); lexicon rules only", exc)
        return None


def scored_candidates(
    sent: Any, offset: int, taken: set[int], in_quote: Any, lex: Lexicon
) -> list[tuple[Token, tuple[int, int], float]]:
    """Return ``(verb, complement range, probability)`` for the sentence's candidates.

    Args:
        sent: a sentence ``Span``.
        offset: article offset of the sentence's paragraph ``Doc``.
        taken: article offsets of cue tokens the lexicon rules already used.
        in_quote: ``pos -> bool``, whether an article offset lies inside quote marks.
        lex: the word lists of the article's language.

    Returns:
        The candidates at or above the model's threshold, best first, no two of them
        nested (a candidate whose verb lies inside a better one's complement is dropped).
    """
    model = load_model()
    if model is None:
        return []
    threshold = _THRESHOLD.get()
    if threshold is None:
        threshold = model.threshold
    found = []
    for tok in sent:
        if not is_candidate(tok):
            continue
        pos = offset + tok.idx
        if pos in taken or in_quote(pos):
            continue
        span = candidate_span(tok)
        if span is None:
            continue
        prob = model.score(features(tok, span, lex))
        if prob >= threshold:
            found.append((tok, span, prob))
    found.sort(key=lambda item: -item[2])
    kept: list[tuple[Token, tuple[int, int], float]] = []
    for tok, span, prob in found:
        if any(s <= tok.i < e or span[0] <= t.i < span[1] for t, (s, e), _p in kept):
            continue
        kept.append((tok, span, prob))
    return kept
