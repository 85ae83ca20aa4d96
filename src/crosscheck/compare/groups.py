"""Groups of findings, shared by the aligners.

``linked`` puts pairwise findings of one kind into the groups their facts link (the
numbers of one quantity told several ways, the quotes of one statement credited to several
speakers), with the union-find the entity merge uses.
"""

from __future__ import annotations

from collections.abc import Sequence

from crosscheck.compare.entities import UnionFind
from crosscheck.model import Finding


def linked(findings: Sequence[Finding], kind: str) -> tuple[list[Finding], list[list[Finding]]]:
    """The findings not of ``kind``, and those of ``kind`` grouped by the facts they share
    (each finding links its first two facts), groups in the order first met."""
    of_kind = [f for f in findings if f.kind == kind]
    found = UnionFind()
    for f in of_kind:
        found.union(f.facts[0], f.facts[1])
    groups: dict[str, list[Finding]] = {}
    for f in of_kind:
        groups.setdefault(found.find(f.facts[0]), []).append(f)
    return [f for f in findings if f.kind != kind], list(groups.values())
