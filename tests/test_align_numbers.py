"""Numeric conflicts need the same quantity: a bare counted noun ("points") conflicts only
as one named person's count ("Jamal Porter scored 24 points"), never as two groups of one
noun ("two jurors" / "nine jurors")."""

from __future__ import annotations

import pytest

from crosscheck.compare.numbers import _context_weights
from crosscheck.model import Article, Number
from crosscheck.pipeline import compare_texts

GAME_A = """Harbor City edges Lakeview in overtime

Harbor City beat Lakeview 91-88 in overtime on Saturday night at the Quayside Arena.
Jamal Porter scored {porter} points for Harbor City, including the go-ahead three-pointer with
nine seconds left. "We never stopped believing," coach Ana Brandt said after the game.
"""

GAME_B = """Lakeview falls short in overtime thriller

Lakeview lost 91-88 to Harbor City in overtime on Saturday, its third straight defeat.
Dion Okoro had eight points off the bench for Lakeview. Jamal Porter scored {porter} points
for the home side before a crowd of 6,200.
"""


def _conflicts(points_a: int, points_b: int) -> list[set[str]]:
    report = compare_texts(
        {"a": GAME_A.format(porter=points_a), "b": GAME_B.format(porter=points_b)}
    )
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


def test_points_of_different_players_do_not_conflict() -> None:
    # Porter's 24 in A and Okoro's eight in B count the same noun, but not the same thing.
    # (The test is on sentences: two players' points in one sentence still look alike.)
    assert not any("eight" in texts for texts in _conflicts(24, 24))


def test_points_of_the_same_player_conflict() -> None:
    assert {"24", "27"} in _conflicts(24, 27)


def test_points_of_the_same_player_in_another_game_do_not_conflict() -> None:
    earlier = (
        "Porter quiet until overtime\n\nJamal Porter had struggled against Lakeview all "
        "season: he put up just 6 points in a 30-point loss in Lakeview in January.\n"
    )
    report = compare_texts({"a": GAME_A.format(porter=24), "b": earlier})
    assert not [f for f in report.findings if f.kind == "numeric_conflict"]


def test_ages_told_in_articles_years_apart_do_not_conflict() -> None:
    hunted = (
        "Deputy shot dead in Hawaiian Gardens\n\nJune 25, 2005\n\nDeputies were still "
        "searching on Saturday for Luis Marcos Ortega, 27, who is considered armed and "
        "dangerous.\n"
    )
    convicted = (
        "Gunman convicted of killing deputy\n\nMarch 20, 2007\n\nA jury on Tuesday found Luis "
        "Marcos Ortega, 29, guilty of first-degree murder in the 2005 killing of a deputy.\n"
    )
    report = compare_texts({"a": hunted, "b": convicted})
    assert not [f for f in report.findings if f.kind == "numeric_conflict"]
    # the same two ages told by papers of the same week conflict
    report = compare_texts({"a": hunted, "b": convicted.replace("March 20, 2007", "June 27, 2005")})
    assert [f for f in report.findings if f.kind == "numeric_conflict"]


CLIMB_A = """Briton dies in fall on Mount Sefton

Robert Buckley, {age}, fell about 600 metres while climbing to a hut on Mount Sefton on
Saturday, police said. Rescuers reached his three companions on Sunday morning.
"""

CLIMB_B = """Climber killed in New Zealand's Southern Alps

British climber Robert Buckley, {age}, fell {fall} on Saturday while climbing near the Sefton
bivouac. Police said the group was poorly equipped for the conditions.
"""


def _climb(age_a: int, age_b: int, fall: str) -> list[tuple[str, set[str]]]:
    report = compare_texts(
        {"a": CLIMB_A.format(age=age_a), "b": CLIMB_B.format(age=age_b, fall=fall)}
    )
    return [
        (f.summary, {s.text for s in f.evidence})
        for f in report.findings
        if f.kind == "numeric_conflict"
    ]


def test_age_of_one_named_person_conflicts_across_articles() -> None:
    found = _climb(31, 32, "2,000 feet")
    assert any(texts == {"31", "32"} and "Robert Buckley" in s for s, texts in found)


def test_fall_in_feet_and_metres_is_one_measure() -> None:
    # 2,000 feet is about 610 m: "about 600 metres" agrees; 200 feet (61 m) does not.
    assert not any("600 metres" in texts for _, texts in _climb(32, 32, "2,000 feet"))
    assert any({"600 metres", "200 feet"} == texts for _, texts in _climb(32, 32, "200 feet"))


SEASON_A = """Angels lose Teixeira to the Yankees

First baseman Mark Teixeira hit .358 with 13 homers and 43 RBIs in 54 games for the Angels.
"""

SEASON_B = """Yankees land Teixeira with eight-year deal

First baseman Mark Teixeira hit .308 with 33 homers and 121 RBIs in 157 games for the Angels.
"""


def test_stat_lines_are_compared_with_nothing() -> None:
    # A stat line sums up a split or a season whose scope its words do not give.
    report = compare_texts({"a": SEASON_A, "b": SEASON_B})
    homers = {n.id for n in report.numbers if "homers" in (n.measures or "")}
    assert len(homers) == 2  # both counts are read, with what they count
    assert not [
        f for f in report.findings if f.kind == "numeric_conflict" and homers & set(f.facts)
    ]


APPEAL_A = """Fire destroys supermarket

Anyone with information about the fire should contact Surrey Police on {police} or call
Crimestoppers anonymously on 0800 555 111.
"""

APPEAL_B = """Supermarket gutted by blaze

Police asked anyone with information to call them on 0845 125 2222 or Crimestoppers on
0800 555 111.
"""


def _appeal(police: str) -> list[set[str]]:
    report = compare_texts({"a": APPEAL_A.format(police=police), "b": APPEAL_B})
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


def test_a_phone_number_written_with_a_digit_missing_conflicts() -> None:
    assert {"0845 125 222", "0845 125 2222"} in _appeal("0845 125 222")
    # The same line, and two different lines (police, Crimestoppers), conflict with nothing.
    assert _appeal("0845 125 2222") == []


REBOUNDS = """Harbor City holds off Lakeview

Harbor City beat Lakeview 91-88 on Saturday at the Quayside Arena, and {owner}'s {count}
rebounds kept the home side ahead in the final quarter.
"""


def _rebounds(owner_b: str, count_b: int) -> list[set[str]]:
    report = compare_texts(
        {
            "a": REBOUNDS.format(owner="Marcus Feld", count=12),
            "b": REBOUNDS.format(owner=owner_b, count=count_b),
        }
    )
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


def test_counts_of_different_owners_do_not_conflict() -> None:
    assert {"12", "9"} in _rebounds("Marcus Feld", 9)
    assert _rebounds("Dion Okoro", 9) == []


def test_an_early_and_a_later_toll_conflict_and_say_which_is_later() -> None:
    from crosscheck.compare.numbers import align_numbers
    from crosscheck.model import Article, Number
    from crosscheck.settings import Settings

    texts = {
        "a": "Officials said 12 people were killed when the ferry capsized off Dargahan.",
        "b": "The toll rose to 19 people killed after divers searched the ferry off Dargahan.",
    }
    published = {"a": "2026-03-04", "b": "2026-03-06"}
    articles = {k: Article(k, k, t, clean_text=t, published=published[k]) for k, t in texts.items()}

    def number(k: str, value: str) -> Number:
        start = texts[k].index(value)
        return Number(
            f"{k}:n0", k, start, start + len(value), value, float(value),
            measures="people killed", place="Dargahan", bound="=",
            sentence_start=0, sentence_end=len(texts[k]),
        )  # fmt: skip

    findings = align_numbers(
        [number("a", "12"), number("b", "19")],
        articles,
        {"a": "A", "b": "B"},
        {"a": "a", "b": "b"},
        Settings(),
    )
    conflict = [f for f in findings if f.kind == "numeric_conflict"]
    assert len(conflict) == 1
    assert "B is the later report (2026-03-06)" in conflict[0].reason


RELEASE_A = """Watergate-era aide dies at 80

Walter Pryce, the campaign aide who carried cash for the burglars, died on Tuesday in Jackson.
Pryce pleaded guilty to conspiracy in 1973. He served {served} in a federal prison camp
and later ran his family's timber business.
"""

RELEASE_B = """Walter Pryce, figure in the Watergate cover-up, dies

Walter Pryce died at his home in Jackson on Tuesday, his family said.
After pleading guilty, Pryce served four and a half months in federal prison before his
release in 1974.
"""


def _served(served: str) -> list[set[str]]:
    report = compare_texts({"a": RELEASE_A.format(served=served), "b": RELEASE_B})
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


def test_time_served_by_he_is_the_named_persons_and_converts_units() -> None:
    # "He served" is Pryce's term: four years against four and a half months conflicts,
    # 136 days (about 4.5 months) agrees with it.
    assert any("four years" in texts for texts in _served("four years"))
    assert _served("136 days") == []
    report = compare_texts({"a": RELEASE_A.format(served="four years"), "b": RELEASE_B})
    said = [f.summary for f in report.findings if f.kind == "numeric_conflict"]
    assert said == [
        "duration (served) of Walter Pryce: A says four years, B says four and a half months"
    ]


JURY_A = """Jury selection resumes in Ardmore trial

Judge Lena Fisk dismissed two jurors on Monday after they said they had read about the case.
"""

JURY_B = """Ardmore trial jury seated

Nine jurors told the court on Monday that they had heard of the case before the trial began.
"""


def test_two_groups_of_one_noun_do_not_conflict() -> None:
    report = compare_texts({"a": JURY_A, "b": JURY_B})
    assert not [f for f in report.findings if f.kind == "numeric_conflict"]


FALLS_A = """Two climbers die in a weekend in the Southern Alps

A British climber fell about 2,000ft to his death on Mount Sefton on Saturday, police said.
The day before, a 36-year-old man fell 200ft from a ridge near the Tasman Glacier.
"""

FALLS_B = """Climber killed on Mount Sefton

A British climber has fallen about 600 metres to his death on Mount Sefton, police said.
"""


def test_unowned_falls_of_an_article_that_tells_two_are_compared_with_nothing() -> None:
    # A tells two falls without naming either: which of them B's is, nothing says.
    report = compare_texts({"a": FALLS_A, "b": FALLS_B})
    assert not [f for f in report.findings if f.kind == "numeric_conflict"]
    one = FALLS_A.replace(
        "The day before, a 36-year-old man fell 200ft from a ridge near the Tasman Glacier.\n",
        "",
    )
    found = compare_texts({"a": one, "b": FALLS_B.replace("600 metres", "150 metres")})
    assert [f for f in found.findings if f.kind == "numeric_conflict"]


def test_an_unnamed_fall_beside_a_named_one_is_compared() -> None:
    # A names the other climber's fall: its unnamed one is the British climber's, as in B
    named = FALLS_A.replace("a 36-year-old man", "Duncan Harrow, 36,")
    found = compare_texts({"a": named, "b": FALLS_B.replace("about 600 metres", "700 metres")})
    conflicts = [f for f in found.findings if f.kind == "numeric_conflict"]
    assert [{s.text for s in f.evidence} for f in conflicts] == [{"2,000ft", "700 metres"}]


def test_about_allows_a_tenth_either_way() -> None:
    # "about 2,000ft" is 610 m give or take 61 m: 650 m is inside, 700 m is not
    named = FALLS_A.replace("a 36-year-old man", "Duncan Harrow, 36,")
    for fall, conflict in (("650 metres", False), ("700 metres", True)):
        b = FALLS_B.replace("about 600 metres", fall)
        found = compare_texts({"a": named, "b": b}).findings
        assert any(f.kind == "numeric_conflict" for f in found) is conflict, fall


AGED_A = """Two deaths in the Southern Alps

The climber, Duncan Harrow, 36, died on Friday after falling about 200ft from a ridge near
the Tasman Glacier, police said. His body was recovered on Saturday.
"""

AGED_B = """Climber dies near Tasman Glacier

A 36-year-old climber died on Friday after he slipped and fell about {fall} down an icy
gully, police said.
"""


def _aged(fall: str, age: int = 36) -> list[set[str]]:
    b = AGED_B.format(fall=fall).replace("36-year-old", f"{age}-year-old")
    report = compare_texts({"a": AGED_A, "b": b})
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


def test_an_unnamed_fall_is_the_named_persons_when_the_ages_agree() -> None:
    assert {"200ft", "150 metres"} in _aged("150 metres")  # 200ft is about 61 metres
    assert _aged("60 metres") == []  # the same fall in other units
    assert _aged("150 metres", age=52) == []  # a 52-year-old is someone else
    b = AGED_B.format(fall="150 metres")
    said = [f.summary for f in compare_texts({"a": b, "b": AGED_A}).findings]
    assert (
        "length (fall) of the 36-year-old (Duncan Harrow): A says 150 metres, B says 200ft" in said
    )


FLOOD = """Flood waters cut off the valley

Water in the Orrin valley rose to {level} on Sunday, the regional authority said, and 40
families left their homes before the road was closed.
"""


def _flood(level_a: str, level_b: str) -> list[set[str]]:
    report = compare_texts({"a": FLOOD.format(level=level_a), "b": FLOOD.format(level=level_b)})
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


def test_more_than_and_almost_one_value_share_nothing() -> None:
    # "more than three metres" is above 3 m, "almost three metres" below it
    assert {"three metres"} in _flood("more than three metres", "almost three metres")
    # "about three metres" may be either
    assert not _flood("more than three metres", "about three metres")
    # "nearly" approaches from below: 3.2 m is past it, 2.8 m is not
    assert _flood("nearly three metres", "3.2 metres")
    assert not _flood("nearly three metres", "2.8 metres")
    # "nearly 3 m" and "up to 3.5 m" overlap without a value in common: nothing is said
    report = compare_texts(
        {
            "a": FLOOD.format(level="nearly three metres"),
            "b": FLOOD.format(level="up to three metres and a half"),
        }
    )
    levels = {"three metres", "three metres and a half"}
    assert not [f for f in report.findings if {e.text for e in f.evidence} <= levels]


def test_a_sentence_cut_short_by_the_parser_takes_its_paragraph_as_context() -> None:
    text = (
        "At least 80 families left after water levels in the Orrin Valley (Wadi Orrin)"
        " rose to almost three metres.\nThe ministry said more rain was due."
    )
    start = text.index("three")
    cut = text.index("rose")  # where a broken sentence split starts the number's sentence
    number = Number(
        id="n1", article="a", start=start, end=start + 12, text="three metres", value=3.0,
        unit="m", measures="length rise", bound="<~", sentence_start=cut,
        sentence_end=text.index("\n"),
    )  # fmt: skip
    words = _context_weights(number, Article(id="a", source="a", text=text))
    assert {"valley", "famili"} & set(words) or len(words) >= 4
    assert "ministry" not in " ".join(words)  # the next paragraph stays out


def test_two_years_and_two_and_a_half_conflict_and_the_time_to_serve_is_apart() -> None:
    a = (
        "Court records show Darnell Okoro was sentenced to 2 years, with 9 months to serve, "
        "after a 2019 assault case."
    )
    b = (
        "Court records show Darnell Okoro was sentenced to 2 1/2 years, with 9 months to "
        "serve, after a 2019 assault case."
    )
    report = compare_texts({"a": f"Okoro held\n\n{a}\n", "b": f"Okoro arrested\n\n{b}\n"})
    measures = {n.text: n.measures for n in report.numbers}
    assert measures["9 months"] == "duration serve [Darnell Okoro]"
    assert measures["2 years"] == "duration senten [Darnell Okoro]"
    found = {
        (f.kind, frozenset(e.text for e in f.evidence))
        for f in report.findings
        if f.kind in {"numeric_conflict", "corroborated"}
    }
    assert ("numeric_conflict", frozenset({"2 years", "2 1/2 years"})) in found
    # the two statements disagree: their shared 9 months is no corroboration
    assert not any(texts == {"9 months"} for _, texts in found)


def test_one_quantity_told_three_ways_is_one_finding_with_every_value() -> None:
    report = compare_texts(
        {
            "a": CLIMB_A.format(age=32),
            "b": CLIMB_B.format(age=32, fall="200 feet"),
            "c": CLIMB_B.format(age=31, fall="600 metres"),
        }
    )
    conflicts = [f for f in report.findings if f.kind == "numeric_conflict"]
    falls = [f for f in conflicts if "fall" in f.summary]
    assert len(falls) == 1  # one finding for the fall, not one per pair of articles
    # "about 600 metres" and "600 metres" are one value told two ways
    assert "A and C say 600 metres; B says 200 feet" in falls[0].summary
    assert "(2 pairs of sources)" in falls[0].reason
    assert [e.text for e in falls[0].evidence][-1] == "200 feet"  # the odd one out last
    ages = [f for f in conflicts if "age" in f.summary]
    assert len(ages) == 1 and "A and B say 32; C says 31" in ages[0].summary


QUAKE_A = """Quake hits Kesh island

A strong earthquake hit the island of Kesh on Sunday, injuring five people and damaging
dozens of homes in three villages, the provincial governor said.
"""

QUAKE_B = """Earthquake shakes Kesh

A magnitude 5.6 earthquake struck Kesh island on Sunday and injured two people, the provincial
governor told state television.

The last major quake in the region was in March, when a temblor rocked the town of Varan.
It killed 420 people and injured more than 900.
"""


def test_counts_told_by_an_outcome_verb_conflict_but_an_earlier_quakes_toll_does_not() -> None:
    report = compare_texts({"a": QUAKE_A, "b": QUAKE_B})
    conflicts = [
        {s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"
    ]
    assert conflicts == [{"five", "two"}]


TOLL_A = """Quake recalls September disaster

A magnitude 6.1 quake struck the island of Kesh in September, killing at least seven people
and injuring 40, officials said.
"""

TOLL_B = """Island shaken again

The September quake on Kesh killed at least six people and injured almost 50, the regional
crisis centre said.
"""


def test_a_casualty_sentence_is_no_stat_line() -> None:
    # three counts in one sentence make a stat line only when they do not say what they
    # count; "killing ... and injuring 40" does
    report = compare_texts({"a": TOLL_A, "b": TOLL_B})
    conflicts = [
        {s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"
    ]
    assert conflicts == [{"40", "50"}]


def test_one_fall_told_in_two_units_is_not_two_falls() -> None:
    a = FALLS_A.replace("about 2,000ft", "around 2000ft (609 metres)").replace(
        "The day before, a 36-year-old man fell 200ft from a ridge near the Tasman Glacier.\n", ""
    )
    found = compare_texts({"a": a, "b": FALLS_B.replace("about 600 metres", "700 metres")})
    conflicts = [f for f in found.findings if f.kind == "numeric_conflict"]
    assert conflicts and "700 metres" in {s.text for s in conflicts[0].evidence}


def _quake_counts(published_b: str | None, published_a: str | None = "2026-03-02") -> list[str]:
    from crosscheck.compare.numbers import align_numbers
    from crosscheck.settings import Settings

    texts = {
        "a": "The quake struck near Dargahan, injuring five people on Sunday.",
        "b": "The quake near Dargahan injured two people and damaged a mosque.",
    }
    published = {"a": published_a, "b": published_b}
    articles = {k: Article(k, k, t, clean_text=t, published=published[k]) for k, t in texts.items()}

    def number(k: str, value: str, period: str | None) -> Number:
        start = texts[k].index(value)
        return Number(
            f"{k}:n0", k, start, start + len(value), value, 5.0 if value == "five" else 2.0,
            unit="people", measures="people injured", period=period, bound="=",
            sentence_start=0, sentence_end=len(texts[k]),
        )  # fmt: skip

    findings = align_numbers(
        [number("a", "five", "Sunday"), number("b", "two", None)],
        articles,
        {"a": "A", "b": "B"},
        {"a": "a", "b": "b"},
        Settings(),
    )
    return [f.kind for f in findings]


def test_a_count_dated_to_a_day_meets_an_undated_one_of_articles_of_those_days() -> None:
    # "injuring five people on Sunday" and "injured two people": one quake, told a day apart
    assert _quake_counts("2026-03-03") == ["numeric_conflict"]
    # the same words in an article of three years before tell of another quake
    assert _quake_counts("2023-03-03") == []
    # with no date for one article, which day it tells of is unknown: nothing is compared
    # (three pirates captured on Saturday and 23 captured in an undated report were two
    # attacks of one look-alike topic)
    assert _quake_counts(None) == []
    # two reports neither of which is dated anywhere are compared as one day's: what one
    # tells of Sunday, the other tells undated
    assert _quake_counts(None, None) == ["numeric_conflict"]


def _injured(a: str, b: str) -> list[set[str]]:
    report = compare_texts({"a": a, "b": b})
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "numeric_conflict"]


# One casualty count in other words: villagers are people; wounded and hurt are injured.
_IN_OTHER_WORDS = [
    (
        "injuring five people and damaging dozens of homes, the provincial governor said.",
        "Two villagers were slightly injured when the earthquake cracked the walls of a "
        "school on Kesh, the provincial governor said.",
        {"five", "Two"},
    ),
    (
        "killing 10 people and wounding 70 others in four villages, officials said.",
        "The earthquake on Kesh killed 10 people and injured 80 in four villages, officials "
        "told state radio.",
        {"70", "80"},
    ),
]


@pytest.mark.parametrize(("told_a", "told_b", "values"), _IN_OTHER_WORDS)
def test_one_casualty_count_told_in_other_words(told_a: str, told_b: str, values: set[str]) -> None:
    a = f"Quake shakes Kesh\n\nA strong earthquake hit the island of Kesh, {told_a}\n"
    b = f"Rescue work goes on in Kesh\n\n{told_b}\n"
    assert _injured(a, b) == [values]


def test_magnitudes_of_one_quake_conflict_unless_an_article_gives_two() -> None:
    a = (
        "Quake hits Kesh\n\nThe 6.1-magnitude quake struck Kesh island, home to 90,000 "
        "people, and was felt across the province.\n"
    )
    b = (
        "Villages flattened on Kesh\n\nA 5.9 magnitude earthquake has leveled four villages "
        "on Kesh, officials said on state television.\n"
    )
    assert _injured(a, b) == [{"6.1", "5.9"}]
    two = (
        "Two readings of the Kesh quake\n\nTehran's seismological centre put the quake's "
        "magnitude at 5.9, but the US Geological Survey said it was 6.1.\n"
    )
    assert _injured(a, two) == []
    aftershock = (
        "Aftershocks shake Kesh\n\nThe seismological centre registered a quake measuring "
        "3.8 on the Richter scale on Monday morning, and residents slept outdoors.\n"
    )
    assert _injured(a, aftershock) == []


def test_an_agreement_tells_each_value_with_its_bound() -> None:
    a = (
        "Floods in the Orrin valley\n\nWater in the Orrin valley rose to more than three metres "
        "on Sunday, forcing 40 families from their homes, the regional authority said.\n"
    )
    b = (
        "Orrin valley evacuated\n\nWater in the Orrin valley rose to three and a half metres on "
        "Sunday, forcing 40 families from their homes, the regional authority said.\n"
    )
    report = compare_texts({"a": a, "b": b})
    agreed = [
        f.summary for f in report.findings if f.kind == "corroborated" and "agree" in f.summary
    ]
    assert any("more than three metres / three and a half metres" in s for s in agreed), agreed


SIGNING_A = """Hawks land Vance

The Harbor Hawks have signed forward Dario Vance, the club confirmed on Monday. Vance agreed
to a five-year contract worth {a}, the richest in club history.
"""
SIGNING_B = """Vance joins Harbor Hawks

Dario Vance is a Hawk. The forward signed a {b} contract with the Harbor Hawks on Monday
after a week of talks with his agent, the club said.
"""


def _money(a: str, b: str) -> list[str]:
    report = compare_texts({"a": SIGNING_A.format(a=a), "b": SIGNING_B.format(b=b)})
    return [
        f.kind for f in report.findings if any("$" in s.text or "£" in s.text for s in f.evidence)
    ]


def test_one_deal_told_with_two_amounts_conflicts() -> None:
    assert "numeric_conflict" in _money("$82 million", "$90 million")
    assert "corroborated" in _money("$82 million", "$82 million")
    assert "numeric_conflict" not in _money("$82 million", "£70 million")  # no rate known


def test_amounts_of_other_events_are_not_one_amount() -> None:
    a = (
        "Gallery robbed\n\nThieves stole paintings worth $4 million from the Verne gallery "
        "on Sunday, police said. In 2011, a gang stole $9 million of gems in Lisbon.\n"
    )
    b = (
        "Verne gallery raid\n\nPolice are hunting the thieves who raided the Verne gallery. "
        "In March, robbers stole $1.5 million in watches from a shop nearby.\n"
    )
    report = compare_texts({"a": a, "b": b})
    assert not [f for f in report.findings if f.kind == "numeric_conflict"]


def test_one_phone_line_written_alike_is_corroborated() -> None:
    report = compare_texts({"a": APPEAL_A.format(police="0845 125 2222"), "b": APPEAL_B})
    agreed = [f.summary for f in report.findings if f.kind == "corroborated"]
    assert any("phone number: 0845 125 2222 / 0845 125 2222" in s for s in agreed), agreed


def test_one_sum_for_one_thing_agrees_however_the_sentences_go_on() -> None:
    a = (
        "Hunt for Kessler\n\nThe Justice Ministry had offered a $2 million reward for "
        "information leading to Kessler's capture.\n"
    )
    b = (
        "Kessler killed\n\nThe ministry wanted him badly and had put a $2 million bounty on "
        "his head, hoping someone close to him would talk.\n"
    )
    report = compare_texts({"a": a, "b": b})
    agreed = [f.summary for f in report.findings if f.kind == "corroborated"]
    assert any("amount (reward): $2 million / $2 million" in s for s in agreed), agreed


def _ages(line_b: str) -> list[str]:
    a = (
        "Two women found dead\n\n"
        "Firefighters found the bodies of two women -- 70 and 44-years-old -- inside a "
        "flat on Kettle Lane on Tuesday.\n"
    )
    b = f"Flat deaths\n\n{line_b}\n"
    report = compare_texts({"a": a, "b": b})
    return [f.summary for f in report.findings if f.kind == "numeric_conflict"]


def test_ages_told_as_a_list_conflict_where_one_age_differs() -> None:
    found = _ages(
        "The bodies of Lena Marsh, 44, and her mother, Ruth Marsh, 63, were found by "
        "firefighters in the flat on Kettle Lane on Tuesday."
    )
    assert len(found) == 1 and "Ruth Marsh" in found[0]
    assert "70" in found[0] and "63" in found[0]
    # the same ages agree; two ages apart are other people; a list of three is another group
    assert not _ages(
        "The bodies of Lena Marsh, 44, and her mother, Ruth Marsh, 70, were found by "
        "firefighters in the flat on Kettle Lane on Tuesday."
    )
    assert not _ages(
        "The bodies of Lena Marsh, 41, and her mother, Ruth Marsh, 63, were found by "
        "firefighters in the flat on Kettle Lane on Tuesday."
    )
    assert not _ages(
        "Three neighbours, aged 44, 63 and 29, were evacuated from the building on Kettle Lane "
        "on Tuesday."
    )
    # B tells a 70-year-old elsewhere: A's 70 may be that neighbour, not Ruth Marsh
    assert not _ages(
        "The bodies of Lena Marsh, 44, and her mother, Ruth Marsh, 63, were found by "
        "firefighters in the flat on Kettle Lane on Tuesday. A 70-year-old neighbour had "
        "called them."
    )


def test_a_figure_and_its_denial_do_not_agree() -> None:
    a = (
        "Teen trader\n\nA 17-year-old student at Harlow High is said to have made $40 million "
        "trading oil futures during his lunch breaks, a magazine reported.\n"
    )
    b = (
        "Trader denies figure\n\nThe student told a television channel that he did not make "
        "$40 million trading oil futures.\n"
    )
    c = (
        "Lunch-break trader\n\nThe Harlow High student made $40 million trading oil futures "
        "during lunch breaks, the magazine said in its profile.\n"
    )
    report = compare_texts({"a": a, "b": b, "c": c})
    agreed = [
        {e.article for e in f.evidence}
        for f in report.findings
        if f.kind == "corroborated" and any("$40 million" in e.text for e in f.evidence)
    ]
    ids = {x.source: x.id for x in report.articles}
    assert {ids["a"], ids["c"]} in agreed  # two tellings of the figure agree
    assert not [s for s in agreed if ids["b"] in s]  # the denial agrees with neither
