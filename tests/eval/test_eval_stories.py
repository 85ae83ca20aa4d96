"""Story grouping on ECB+ (shared corpus) and the scoring functions of the evaluation."""

from __future__ import annotations

import pytest

from crosscheck.evaluate.base import shared_root
from crosscheck.evaluate.stories import bcubed, pairwise, run

DATA = shared_root() / "data" / "ecbplus"
TOPICS = tuple(range(1, 11))


def test_eval_stories_bcubed_and_pairwise_by_hand() -> None:
    gold = {"a": "x", "b": "x", "c": "y", "d": "y"}
    pred = {"a": "1", "b": "1", "c": "1", "d": "2"}
    p, r, f = bcubed(pred, gold)
    # precision: a, b, c see 2/3, 2/3, 1/3; d sees 1/1. recall: a, b 1; c, d 1/2.
    assert p == pytest.approx((2 / 3 + 2 / 3 + 1 / 3 + 1) / 4)
    assert r == pytest.approx(0.75)
    assert f == pytest.approx(2 * p * r / (p + r))
    pp, pr, _ = pairwise(pred, gold)
    assert (pp, pr) == (pytest.approx(1 / 3), pytest.approx(0.5))


@pytest.mark.shared
def test_eval_stories_ecbplus_topics_1_to_10_floor() -> None:
    if not (DATA / "doc_clusters.tsv").exists():
        pytest.skip("ECB+ data not available")
    result = run(DATA, topics=TOPICS)
    m = result.measures
    assert result.items == 231
    # Measured on topics 1-10 (231 docs, 20 gold clusters), default settings (14-day window):
    # BCubed F1 0.8624 (0.8540 before the event-slot conflict test, 0.8461 before numbers
    # and entity-name words counted apart), pairwise F1 0.8428 (was 0.8021); the TF-IDF +
    # average-link baseline scores 0.8335 on this subset, one cluster per topic 0.674.
    # Floors sit just under the measured figures.
    assert result.f1 >= 0.86
    assert m["pairwise_f1"] >= 0.84
    assert m["topics_1_10_bcubed_f1"] == pytest.approx(result.f1)
    # Grouping must separate each topic's two look-alike events, not just find the topic.
    assert result.f1 > m["topic_bcubed_f1"] + 0.15
