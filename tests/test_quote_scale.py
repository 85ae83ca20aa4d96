"""Quote alignment scales with the quotes of a story, not with their pairs (issue 18).

``align_quotes`` proposes pairs through an inverted index (``candidate_pairs``) instead of
comparing every quote with every other one. On a small story it must find exactly what
comparing every pair finds; on a big one the pairs it looks at are bounded per quote.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator, Sequence

import pytest

from crosscheck.compare import compare
from crosscheck.compare import quotes as quotes_mod
from crosscheck.compare.blocking import candidate_pairs
from crosscheck.model import Article, Finding

STORY = {
    "courier": (
        "Levee breach floods Ashford\n\n"
        "ASHFORD, March 14, 2026 — The Harlow River broke through the east levee before dawn "
        "on Saturday, flooding 400 homes.\n\n"
        '"I warned the levee board in writing that the east bank could not hold another '
        'spring flood," said Bernard Osei, a retired levee inspector.\n\n'
        '"Nobody in Ashford is going to be billed for the repairs," Governor Marta Lindqvist '
        "said at a news conference on Sunday.\n\n"
        '"We called in fourteen crews from neighbouring counties overnight," said Tomas '
        "Becker, the Ashford fire chief.\n"
    ),
    "ledger": (
        "Governor promises help after Ashford levee fails\n\n"
        "ASHFORD, March 15, 2026 — Residents of 400 homes were still out of their houses on "
        "Sunday after the east levee failed.\n\n"
        "“Nobody in Ashford is going to be billed for the repairs,” said Marta Lindqvist, "
        "the governor, who toured the shelters.\n\n"
        "“I warned the levee board in writing that the east bank could not hold another "
        "spring flood,” Bernard Osei told reporters.\n\n"
        "Henry Caldwell, the chairman of the levee board, said: “The inspections found "
        "nothing that would have predicted this breach.”\n"
    ),
    "wire": (
        "Ashford flood: officials trade blame over levee\n\n"
        "ASHFORD, March 15, 2026 — Officials traded blame on Sunday over the levee that "
        "failed on the Harlow River.\n\n"
        '"I warned the levee board in writing that the east bank could not hold another '
        'spring flood," Henry Caldwell, the board chairman, told the council on Sunday.\n\n'
        '"The inspections found nothing that would have predicted this breach," said '
        "Caldwell.\n\n"
        '"We called in fourteen crews from neighbouring counties overnight," Becker said.\n'
    ),
    "radio": (
        "Ashford residents wait for word on their homes\n\n"
        "ASHFORD, March 16, 2026 — Families sheltering at the fairgrounds said on Monday "
        "they had been told nothing about when they could go home.\n\n"
        '"Nobody in Ashford is going to be billed for the repairs," Lindqvist said again on '
        "Monday.\n\n"
        '"We called in fourteen crews from neighbouring counties," said Tomas Becker, the '
        "fire chief.\n"
    ),
}


def _all_pairs(
    groups: Sequence[str], keys: Sequence[set[Hashable]], limit: int | None = None
) -> Iterator[tuple[int, int]]:
    """The reference: every pair of items of different groups."""
    n = len(groups)
    return ((i, j) for i in range(n) for j in range(i + 1, n) if groups[i] != groups[j])


def _key(finding: Finding) -> tuple[object, ...]:
    return (finding.kind, finding.summary, finding.confidence, finding.evidence, finding.facts)


@pytest.mark.slow
def test_index_finds_what_all_pairs_finds(monkeypatch: pytest.MonkeyPatch) -> None:
    from crosscheck.extract import analyze

    articles = [Article(id=k, text=v, source=f"{k}.txt") for k, v in STORY.items()]
    analyses = analyze(articles)
    assert sum(len(a.quotes) for a in analyses) >= 10
    indexed = compare(analyses).findings
    monkeypatch.setattr(quotes_mod, "candidate_pairs", _all_pairs)
    reference = compare(analyses).findings
    assert [_key(f) for f in indexed] == [_key(f) for f in reference]
    kinds = {f.kind for f in indexed}
    # the story has both: the same words under the same speaker, and under two speakers
    assert "corroborated" in kinds
    assert "attribution_conflict" in kinds


def test_candidate_pairs_are_every_pair_sharing_a_key_when_small() -> None:
    groups = ["a", "a", "b", "b", "c"]
    keys: list[set[Hashable]] = [
        {"levee", ("warned", "board", "writing", "east")},
        {"billed"},
        {"levee", "crews"},
        {("warned", "board", "writing", "east")},
        {"billed", "crews"},
    ]
    expected = [
        (i, j)
        for i in range(5)
        for j in range(i + 1, 5)
        if groups[i] != groups[j] and keys[i] & keys[j]
    ]
    assert list(candidate_pairs(groups, keys)) == expected


def test_candidate_pairs_bounded_per_item_and_rare_keys_first() -> None:
    # 2,000 quotes from 97 articles all share a common word ("levee"); quote k and quote
    # k + 1000 also share a rare run of words. All pairs would be about two million.
    n, limit = 2000, 5
    groups = [f"article{i % 97}" for i in range(n)]
    keys: list[set[Hashable]] = [{"levee", ("run", str(i % 1000))} for i in range(n)]
    pairs = list(candidate_pairs(groups, keys, limit))
    assert len(pairs) <= n * limit
    # the rare shared run is always proposed, whatever the common word brings
    assert all((i, i + 1000) in set(pairs) for i in range(1000))
    every = sum(1 for i in range(n) for j in range(i + 1, n) if groups[i] != groups[j])
    assert len(pairs) < every / 100


def test_covered_spans_answer_as_a_scan_would() -> None:
    import random

    from crosscheck.compare.text import Spans, overlaps

    rng = random.Random(18)
    for _ in range(500):
        spans = [
            (a, a + rng.choice((0, 0, 1, 2, 5, 10, 20)))
            for a in (rng.randint(0, 60) for _ in range(rng.randint(0, 12)))
        ]
        merged = Spans(spans)
        for _ in range(20):
            start = rng.randint(-2, 85)
            end = start + rng.choice((0, 1, 3, 8, 30))
            assert overlaps(merged, start, end) == overlaps(list(spans), start, end)
