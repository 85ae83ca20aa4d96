"""Test helpers for corpus mode: invented articles and a fast stand-in for the spaCy stage.

``fake_stage`` cleans with the real ``crosscheck.clean`` and "extracts" quotes (text between
straight double quotes) and numbers (digit runs) by regex, so ingest, store, engine and
resume tests run in milliseconds without loading a model. ``CROSSCHECK_TEST_DELAY`` (seconds
per article) slows it down for the kill -9 test.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Sequence

from crosscheck.clean import clean, is_usable
from crosscheck.engine.stages import Processed, signature_of
from crosscheck.model import Analysis, Article, Number, Problem, Quote, Speaker
from crosscheck.settings import Settings

_QUOTE = re.compile(r'"([^"\n]+)"')
_NUMBER = re.compile(r"\b\d+\b")

TOWNS = ("Harrowgate", "Linden Falls", "Port Merrow", "Ashcombe", "Kelby", "Dunmore")
PEOPLE = ("Maria Ostrova", "Tomas Reyes", "Helen Okafor", "Piet van Dam", "Grace Liu")
TOPICS = (
    (
        "flood",
        "The river {town} flood barrier failed on Monday after {n} hours of rain, and "
        '{k} homes were evacuated. "We have never seen water rise this fast," said '
        "{who}, the county emergency coordinator. Engineers said repairs would cost "
        "{m} million pounds and take {w} weeks. Residents gathered at the school gym, "
        "where volunteers handed out blankets and hot food through the night.",
    ),
    (
        "budget",
        "The {town} council approved a budget of {m} million dollars on Tuesday by {k} "
        'votes to {w}. "This budget protects libraries and bus routes," said councillor '
        "{who}. Opponents said the plan raises parking fees by {n} percent and leaves the "
        "harbour repairs unfunded for another year. The vote followed a {n} hour debate.",
    ),
    (
        "strike",
        "Nurses at {town} General Hospital walked out on Friday in a dispute over pay, "
        'with {k} staff on the picket line. "We are asking for {n} percent, nothing '
        'more," said union representative {who}. Hospital managers said {m} operations '
        "were postponed and that talks would resume within {w} days.",
    ),
)


def article_text(index: int) -> str:
    """An invented news article, unique per ``index``; topics cycle every three."""
    name, template = TOPICS[index % len(TOPICS)]
    del name
    return template.format(
        town=TOWNS[index % len(TOWNS)],
        who=PEOPLE[index % len(PEOPLE)],
        n=3 + index % 17,
        k=100 + index,
        m=2 + index % 9,
        w=2 + index % 5,
    )


def analysis_of(article: Article) -> Analysis:
    """The regex "analysis" of a cleaned article."""
    text = article.analysis_text
    quotes = tuple(
        Quote(
            id=f"{article.id}:q{i}",
            article=article.id,
            start=m.start(1),
            end=m.end(1),
            text=article.text[m.start(1) : m.end(1)],
            kind="direct",
            speaker=Speaker("Unknown Speaker", None, 0, 0, ""),
        )
        for i, m in enumerate(_QUOTE.finditer(text))
    )
    numbers = tuple(
        Number(
            id=f"{article.id}:n{i}",
            article=article.id,
            start=m.start(),
            end=m.end(),
            text=article.text[m.start() : m.end()],
            value=float(m.group()),
        )
        for i, m in enumerate(_NUMBER.finditer(text))
    )
    return Analysis(article, quotes=quotes, numbers=numbers)


def fake_stage(articles: Sequence[Article], settings: Settings) -> list[Processed | Problem]:
    """Clean (for real), "analyse" by regex and sign (for real) each article."""
    delay = float(os.environ.get("CROSSCHECK_TEST_DELAY", "0") or 0)
    out: list[Processed | Problem] = []
    for article in articles:
        if delay:
            time.sleep(delay)
        if "EXPLODE" in article.text:
            raise RuntimeError("stage failure requested by the test")
        if "DIE-NOW" in article.text:
            os._exit(3)
        cleaned = clean(article, settings)
        problem = is_usable(cleaned, settings)
        if problem is not None:
            out.append(problem)
            continue
        analysis = analysis_of(cleaned)
        out.append(Processed(analysis, signature_of(analysis, settings)))
    return out


def expected_counts(text: str) -> tuple[int, int]:
    """How many quotes and numbers ``fake_stage`` finds in ``text`` (no boilerplate)."""
    return len(_QUOTE.findall(text)), len(_NUMBER.findall(text))


def topic_of(text: str) -> str:
    """Which invented topic a text is about."""
    return next(
        name
        for name, word in (("flood", "flood"), ("budget", "budget"), ("strike", "Nurses"))
        if word in text
    )
