"""Fuzz the whole per-article stage (clean, parse, extract) with hostile texts.

Every span of every analysis must satisfy ``article.text[start:end] == span.text`` and no
input may raise. ``CROSSCHECK_FUZZ=N`` sets how many texts (default 1,000; the full run is
10,000). Hypothesis adds property tests over arbitrary Unicode.
"""

from __future__ import annotations

import os
import random
from collections import Counter

import pytest
from _check import encodable, offset_violations
from _gen import hostile_text
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crosscheck.engine.stages import Processed, process_chunk
from crosscheck.ingest.files import read_text
from crosscheck.model import Analysis, Article, Problem
from crosscheck.settings import Settings

N = int(os.environ.get("CROSSCHECK_FUZZ", "1000"))
SETTINGS = Settings(min_chars=1)


def _stage(texts: list[str]) -> tuple[list[Analysis], Counter[str]]:
    articles = [read_text(f"fuzz-{i}", t) for i, t in enumerate(texts)]
    results = process_chunk(articles, SETTINGS)
    assert len(results) == len(articles)
    analyses: list[Analysis] = []
    problems: Counter[str] = Counter()
    for result in results:
        if isinstance(result, Problem):
            problems[result.code] += 1
            assert "failed" not in result.message, result.message  # no traceback
        else:
            assert isinstance(result, Processed)
            analyses.append(result.analysis)
    return analyses, problems


def _violations(analyses: list[Analysis]) -> tuple[Counter[str], Counter[str]]:
    total: Counter[str] = Counter()
    failures: Counter[str] = Counter()
    for analysis in analyses:
        total.update(offset_violations(analysis))
        for problem in analysis.problems:  # an extractor that raised on this article
            failures[problem.message.split(" failed", 1)[0]] += 1
        assert encodable(analysis.article.text, analysis.article.title)
    return total, failures


_ANALYSED: list[Analysis] = []


@pytest.fixture(scope="module")
def fuzzed(nlp: object) -> tuple[Counter[str], Counter[str], int]:
    del nlp
    texts = [hostile_text(random.Random(f"analysis-{i}")) for i in range(N)]
    analyses, _ = _stage(texts)
    _ANALYSED[:] = analyses
    total, failures = _violations(analyses)
    return total, failures, len(analyses)


def test_fuzz_analysis_offsets_hold(fuzzed: tuple[Counter[str], Counter[str], int]) -> None:
    total, _failures, analysed = fuzzed
    assert analysed > N // 2
    assert total == Counter()  # every span kind: quotes, speakers, cues, numbers, dates...


def test_fuzz_compare_hostile_stories_evidence_true(
    fuzzed: tuple[Counter[str], Counter[str], int],
) -> None:
    """The fuzzed analyses compared in stories of eight: no stage raises, every evidence
    span is the article's own text, every confidence lies in [0, 1]."""
    from crosscheck.compare import compare

    del fuzzed
    for at in range(0, len(_ANALYSED), 8):
        group = _ANALYSED[at : at + 8]
        if len(group) < 2:
            continue
        report = compare(group, SETTINGS)
        texts = {a.id: a.text for a in report.articles}
        for finding in report.findings:
            assert 0.0 <= finding.confidence <= 1.0
            for span in finding.evidence:
                assert texts[span.article][span.start : span.end] == span.text


def test_fuzz_analysis_no_extractor_raises(
    fuzzed: tuple[Counter[str], Counter[str], int],
) -> None:
    _total, failures, _ = fuzzed
    assert failures == Counter()


@settings(
    max_examples=int(os.environ.get("CROSSCHECK_HYPOTHESIS", "60")),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    st.lists(
        st.one_of(
            st.text(min_size=0, max_size=120),
            st.sampled_from(
                [
                    "Mayor Sean O’Brien said “we will rebuild” on 2026-02-30.",
                    "\n\n",
                    "'" * 300,
                    "ABCDEFGHIJ" * 30,
                    "\ud800",
                    "\x1b[2J",
                    "1,204,000",
                ]
            ),
        ),
        min_size=1,
        max_size=8,
    )
)
def test_property_any_unicode_analysed_with_true_offsets(nlp: object, parts: list[str]) -> None:
    del nlp
    analyses, _ = _stage(["".join(parts), " ".join(parts)])
    total, failures = _violations(analyses)
    assert total == Counter() and failures == Counter()
    for analysis in analyses:
        assert isinstance(analysis.article, Article)
