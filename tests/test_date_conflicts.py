"""One event dated differently by two sources: "died yesterday" in a Sunday paper against
"died on Friday"; kept apart: two people's deaths, a habit, a date counted from another
event, a month whose year nobody wrote, a date bounding the event ("before 1997")."""

from __future__ import annotations

import pytest

from crosscheck.compare.dates import _differ, _same_party, _when
from crosscheck.model import Article, DateRef, Report
from crosscheck.pipeline import analyze_articles, compare_items, prepare
from crosscheck.settings import Settings

SUNDAY_PAPER = """Second climber dies in Ben Corran range

Yesterday, a 41-year-old climber from Leeds died after slipping on an icy ridge below the
summit of Ben Corran, mountain rescue said. {second}

"Conditions up there are as bad as I have seen them," team leader Morag Innes said.
"""

MONDAY_PAPER = """Deaths on Ben Corran prompt warning

A 41-year-old man died on {day} after he slipped and fell about 200 metres from a ridge on Ben
Corran, police said. His body was recovered by a helicopter crew.

Mountain rescue urged walkers to carry crampons this winter.
"""


def _report(texts: dict[str, tuple[str, str]]) -> Report:
    articles = [
        Article(name, f"{name}.txt", text, published=published)
        for name, (text, published) in texts.items()
    ]
    return compare_items(articles, Settings())


def _date_conflicts(report: Report) -> list[set[str]]:
    return [{s.text for s in f.evidence} for f in report.findings if f.kind == "date_conflict"]


def test_yesterday_in_a_sunday_paper_against_friday() -> None:
    report = _report(
        {
            "sun": (SUNDAY_PAPER.format(second=""), "2026-02-15"),  # a Sunday: yesterday = 14th
            "mon": (MONDAY_PAPER.format(day="Friday"), "2026-02-16"),  # Friday = 13th
        }
    )
    found = [f for f in report.findings if f.kind == "date_conflict"]
    assert len(found) == 1, [f.summary for f in report.findings]
    assert [s.text for s in found[0].evidence] == ["Yesterday", "Friday"]
    assert "2026-02-14" in found[0].summary and "2026-02-13" in found[0].summary


def test_one_weekday_written_by_papers_a_week_apart_is_no_conflict() -> None:
    # the Monday paper of the 16th and one of the 23rd both write "Saturday": the words
    # agree; only the papers' dates place them a week apart
    report = _report(
        {
            "mon": (MONDAY_PAPER.format(day="Saturday"), "2026-02-16"),
            "next": (
                "Inquest opens into Ben Corran death\n\nA 41-year-old man died on Saturday "
                "after he slipped and fell from a ridge on Ben Corran, the coroner heard. He "
                "had been walking alone.\n",
                "2026-02-23",
            ),
        }
    )
    assert _date_conflicts(report) == []


def test_yesterday_in_a_sunday_paper_agrees_with_saturday() -> None:
    report = _report(
        {
            "sun": (SUNDAY_PAPER.format(second=""), "2026-02-15"),
            "mon": (MONDAY_PAPER.format(day="Saturday"), "2026-02-16"),
        }
    )
    assert _date_conflicts(report) == []
    (agreed,) = [f for f in report.findings if "agree on the date" in f.summary]
    assert agreed.kind == "corroborated" and "2026-02-14" in agreed.summary
    assert [s.text for s in agreed.evidence] == ["Yesterday", "Saturday"]


def test_an_article_dating_two_look_alike_deaths_is_kept_out() -> None:
    # the Sunday paper tells of two 41-year-olds on two days: which one the Monday paper
    # means cannot be told, so nothing is set against it
    second = "A 41-year-old walker died on Friday on the same ridge."
    report = _report(
        {
            "sun": (SUNDAY_PAPER.format(second=second), "2026-02-15"),
            "mon": (MONDAY_PAPER.format(day="Thursday"), "2026-02-16"),
        }
    )
    assert _date_conflicts(report) == []


def test_other_people_are_other_events() -> None:
    other = MONDAY_PAPER.replace("A 41-year-old man", "A 29-year-old guide")
    report = _report(
        {
            "sun": (SUNDAY_PAPER.format(second=""), "2026-02-15"),
            "mon": (other.format(day="Friday"), "2026-02-16"),
        }
    )
    assert _date_conflicts(report) == []


def test_one_sum_for_one_verb_is_one_deal_whoever_made_it() -> None:
    a = (
        "Harlan Voss dies at 74\n\nVoss was born into an oil family. His father sold the "
        "Marlow oil field for $30 million in 1957 and moved the family to Memphis.\n"
    )
    b = (
        "Former aide Harlan Voss has died\n\nThe Voss family kept the Marlow field until it "
        "was sold for $30 million in 1967, relatives said.\n"
    )
    report = _report({"a": (a, "2026-02-16"), "b": (b, "2026-02-16")})
    assert _date_conflicts(report) == [{"1957", "1967"}]
    # another sum is another deal
    other = _report({"a": (a, "2026-02-16"), "b": (b.replace("$30", "$12"), "2026-02-16")})
    assert _date_conflicts(other) == []


def _dates(text: str, published: str | None = "2026-02-16") -> list[DateRef]:
    settings = Settings()
    text = f"Notes from the valley\n\n{text}\n\nThe county archive keeps the records for readers."
    articles, problems = prepare([Article("x", "x.txt", text, published=published)], settings)
    assert not problems
    return list(analyze_articles(articles, settings)[0].dates)


def test_the_event_a_date_places_and_its_parties() -> None:
    (ref,) = [
        d
        for d in _dates("Later that year, Mr. Hale shot and killed his brother near Dunmore.")
        if d.event
    ]
    assert ref.event is not None and set(ref.event.split()) == {"shoot", "kill"}
    assert ref.who == "Mr. Hale" and ref.whom == "his brother"


def test_a_relative_clause_takes_the_noun_it_describes() -> None:
    refs = _dates("A rock from an asteroid that passed Earth on Saturday hit a barn.")
    assert [(d.event, d.who) for d in refs if d.event] == [("pass", "an asteroid")]


@pytest.mark.parametrize(
    "text",
    [
        "Calls to the office were not answered on Monday.",  # negated
        "The council releases its figures on Tuesday each month.",  # a habit
        "Officials are expected to announce the findings on Friday.",  # a plan
        "Before 1997, Ortega had served a five-year term.",  # a bound
        'The fisherman said: "We pulled the boat out on Sunday."',  # the speaker's day
        "The board met in a 2005 session.",  # the date modifies a noun
    ],
)
def test_dates_that_place_no_event(text: str) -> None:
    assert [d.event for d in _dates(text) if d.event] == []


def test_what_a_date_says() -> None:
    def ref(text: str, value: str | None, anchor: str = "metadata") -> DateRef:
        return DateRef("x:d0", "x", 0, len(text), text, value, anchor=anchor)

    assert _when(ref("the day before", "2026-02-14")) is None  # counted from another event
    assert _when(ref("Earlier on Sunday", "2026-02-15")) == ("2026", "02", "15")  # named
    assert _when(ref("11am", "2026-02-16T11:00")) is None  # a clock time alone
    assert _when(ref("1999-2003", "1999", "absolute")) is None  # a span
    assert _when(ref("February", "2025-02")) == ("", "02", "")  # the year was guessed
    assert _when(ref("Friday", "2026-02-13", "inferred")) == ("weekday", "friday")
    assert _differ(("2026", "02", "14"), ("2026", "02", "13"))
    assert not _differ(("2026", "", ""), ("2026", "07", "24"))
    assert not _differ(("weekday", "friday"), ("2026", "02", "14"))  # the week is unknown
    assert _differ(("weekday", "friday"), ("weekday", "saturday"))


@pytest.mark.parametrize(
    ("a", "b", "basis"),
    [
        ("a 41-year-old climber", "A 41-year-old man", "mark"),
        ("a 41-year-old climber", "A 29-year-old man", ""),
        ("Mr. Hale", "Tomas Hale, 52", "name"),
        ("His wife, Ada Hale", "Hale", None),  # "wife" against a name: cannot tell
        ("the 2014 KQ asteroid", "an asteroid", "noun"),
        ("the asteroid 2014 KQ", "an asteroid", "noun"),  # a name given to the noun
        ("the comet Hale", "an asteroid", None),
        ("the singer Tomas Hale", "Mr. Hale", "name"),
        ("Tomas Hale", "the singer", None),
        ("he", "Mr. Hale", None),
        ("the 79th Harvest Fair", "the 58th Harvest Fair", ""),
    ],
)
def test_one_party_or_two(a: str, b: str, basis: str | None) -> None:
    assert _same_party(a, b) == basis


def test_every_source_of_the_event_is_listed_with_its_day() -> None:
    # a third paper agrees with the Monday one: the finding names both against the Sunday one
    third = """Coroner opens inquest into Ben Corran death

A 41-year-old climber from Leeds died on {day} on the north ridge of Ben Corran, the
coroner's office confirmed as it opened an inquest in Fort Aird.

The hearing was adjourned until the spring.
"""
    report = _report(
        {
            "sun": (SUNDAY_PAPER.format(second=""), "2026-02-15"),
            "mon": (MONDAY_PAPER.format(day="Friday"), "2026-02-16"),
            "tue": (third.format(day="Friday"), "2026-02-17"),
        }
    )
    (found,) = [f for f in report.findings if f.kind == "date_conflict"]
    assert [s.text for s in found.evidence] == ["Friday", "Friday", "Yesterday"]
    assert "B and C say “Friday”" in found.summary
    agreed = [f for f in report.findings if f.kind == "corroborated" and "date of" in f.summary]
    assert len(agreed) == 1 and "B and C agree on the date of “die”" in agreed[0].summary


def test_one_event_told_with_another_verb_of_its_kin() -> None:
    a = (
        "Blast at Harlow depot\n\nA bomb exploded on Friday at the Harlow fuel depot, killing "
        "a guard, police said.\n"
    )
    b = (
        "Harlow depot bombing\n\nThe bomb detonated on {day} at the Harlow fuel depot, and "
        "a guard died at the scene, police said.\n"
    )
    agree = _report({"a": (a, "2026-03-02"), "b": (b.format(day="Friday"), "2026-03-02")})
    assert any(
        "agree on the date" in f.summary for f in agree.findings if f.kind == "corroborated"
    ), [f.summary for f in agree.findings]
    differ = _report({"a": (a, "2026-03-02"), "b": (b.format(day="Saturday"), "2026-03-02")})
    assert _date_conflicts(differ) == [{"Friday", "Saturday"}]
