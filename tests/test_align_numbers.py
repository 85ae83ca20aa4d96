"""Numeric conflicts need the same quantity: a bare counted noun ("points") also needs the
sentences around the two numbers to speak of the same thing."""

from __future__ import annotations

from crosscheck.pipeline import compare_texts

GAME_A = """Harbor City edges Lakeview in overtime

Harbor City beat Lakeview 91-88 in overtime on Saturday night at the Quayside Arena.
Marcus Feld scored {feld} points for Harbor City, including the go-ahead three-pointer with
nine seconds left. "We never stopped believing," coach Ana Brandt said after the game.
"""

GAME_B = """Lakeview falls short in overtime thriller

Lakeview lost 91-88 to Harbor City in overtime on Saturday, its third straight defeat.
Dion Okoro had eight points off the bench for Lakeview. Marcus Feld scored {feld} points
for the home side before a crowd of 6,200.
"""


def _conflicts(feld_a: int, feld_b: int) -> list[set[str]]:
    report = compare_texts({"a": GAME_A.format(feld=feld_a), "b": GAME_B.format(feld=feld_b)})
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


def test_points_of_different_players_do_not_conflict() -> None:
    # Feld's 24 in A and Okoro's eight in B count the same noun, but not the same thing.
    # (The test is on sentences: two players' points in one sentence still look alike.)
    assert not any("eight" in texts for texts in _conflicts(24, 24))


def test_points_of_the_same_player_conflict() -> None:
    assert {"24", "27"} in _conflicts(24, 27)
