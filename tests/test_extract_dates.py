"""Tests of the date extractor: the regex recogniser, normalisation and anchor inference."""

from __future__ import annotations

from datetime import date

import pytest

from crosscheck.clean import clean
from crosscheck.compare.dates import align_dates
from crosscheck.extract.dates import extract_dates, infer_anchor, to_iso
from crosscheck.extract.nlp import Parsed
from crosscheck.extract.timex import TimexRules, find_timexes
from crosscheck.model import Article, DateAnchor, DateRef, Finding
from crosscheck.settings import Settings

ANCHOR = date(2023, 6, 15)  # a Thursday


def _values(text: str, anchor: date | None = ANCHOR) -> dict[str, str | None]:
    return {t.text: t.value for t in find_timexes(text, anchor)}


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The mayor spoke on June 2 at the harbour.", "June 2", "2023-06-02"),
        ("Talks ended on Sept. 30, 2022 without a deal.", "Sept. 30, 2022", "2022-09-30"),
        ("The council met Tuesday to vote.", "Tuesday", "2023-06-13"),
        ("The council met Thursday to vote.", "Thursday", "2023-06-15"),
        ("Profits fell last year, the firm said.", "last year", "2022"),
        ("Sales rose this year.", "this year", "2023"),
        ("Prices peaked last month.", "last month", "2023-05"),
        ("The bridge opened three days ago.", "three days ago", "2023-06-12"),
        ("Results for the second quarter disappointed.", "the second quarter", "2023-Q2"),
        ("The ferry left at 7:30 p.m. Wednesday.", "7:30 p.m. Wednesday", "2023-06-14T19:30"),
        ("Wages stagnated through the 1990s.", "the 1990s", "199"),
        ("Officials say the plan works now.", "now", "PRESENT_REF"),
        ("The dispute began last Nov. 3 in court.", "last Nov. 3", "2022-11-03"),
        ("Crews worked on May 29-30 to clear roads.", "May 29-30", "2023-05-29/2023-05-30"),
        ("He served for three years in the navy.", "three years", "P3Y"),
    ],
)
def test_timex_normalises(text: str, span: str, value: str) -> None:
    assert _values(text).get(span) == value


@pytest.mark.parametrize(
    ("text", "value"),
    [
        # A plan in reported speech looks ahead of the telling (the anchor is a Thursday).
        ("Regulators said they would take samples on Tuesday.", "2023-06-20"),
        ("The agency said it had sent inspectors and would take samples on Tuesday.", "2023-06-20"),
        # The day of a past ruling, or of a past verb, still counts back.
        ("Lawyers said they would fight Tuesday's ruling.", "2023-06-13"),
        ("They said they would appeal the decision, announced Tuesday by the board.", "2023-06-13"),
    ],
)
def test_timex_reported_plan_looks_ahead(text: str, value: str) -> None:
    assert _values(text)["Tuesday"] == value


def test_timex_skips_modal_may_and_counts() -> None:
    got = _values("Officials may decide soon; 2000 troops and 1,500 people left.")
    assert "may" not in got and "2000" not in got


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The levy was cut about two weeks ago.", "two weeks ago", "2023-W22"),
        ("The mill closed just a decade ago.", "a decade ago", "2013"),
        ("He was soon released and went home.", None, None),
        ("Crews will arrive as soon as Tuesday.", "Tuesday", "2023-06-20"),
        ("The order stays in force until Monday.", "Monday", "2023-06-19"),
        ("The sale had been due to close Monday.", "Monday", "2023-06-12"),
        ("The vote began in February this year.", "February this year", "2023-02"),
        ("The summit is planned for April next year.", "April next year", "2024-04"),
        ("The hearing was moved to May.", None, None),
        ("The hearing is now set for late in May.", "May", "2023-05"),
        ("He was rescued on Thanksgiving Day after a storm.", "Thanksgiving Day", "2022-11-24"),
        ("Turnout on Election Day was low.", "Election Day", "2022-11-08"),
        ("It will finish the deal by year-end.", "year-end", "2023"),
        ("Shares rise in the near future, he said.", "the near future", "FUTURE_REF"),
        ("It was previously reported by the agency.", None, None),
        # a four-figure time of day is no year
        ("The blaze broke out at about 2045 GMT on the roof.", None, None),
        ("The new bridge is to stand until 2045, the council said.", "2045", "2045"),
    ],
)
def test_timex_extents_and_placement(text: str, span: str | None, value: str | None) -> None:
    got = _values(text)
    if span is None:
        assert got == {}
    else:
        assert got.get(span) == value


def test_timex_year_ago_quarter_counts_back_once() -> None:
    text = (
        "Profit rose in the third quarter from the year-ago quarter. "
        "The year-ago results included a charge. Sales were flat from a year earlier."
    )
    got = _values(text, date(1989, 10, 26))
    assert got["the third quarter"] == "1989-Q3"
    assert got["the year-ago quarter"] == "1988-Q3"
    assert got["year-ago"] == "1988-Q3"
    assert got["a year earlier"] == "1988-Q3"


def test_timex_compound_quarter_leaves_article_to_noun() -> None:
    assert "third-quarter" in _values("The company posted the third-quarter loss on Monday.")


def test_timex_day_before_follows_previous_date() -> None:
    got = _values("The storm hit on March 4. The day before, residents fled.")
    assert got["The day before"] == "2023-03-03"


def test_timex_without_anchor_keeps_month_day() -> None:
    assert _values("It happened on March 18.", None)["March 18"] == "XXXX-03-18"


def test_to_iso_maps_timeml_values() -> None:
    assert to_iso("XXXX-03-18", None) == "--03-18"
    assert to_iso("PAST_REF", ANCHOR) is None
    assert to_iso("PRESENT_REF", ANCHOR) == "2023-06-15"
    assert to_iso("2023-06-15TEV", ANCHOR) == "2023-06-15T18:00/2023-06-15T22:00"


def _parsed(text: str, published: str | None = None) -> Parsed:
    article = Article(id="a1", source="t", text=text, clean_text=text, published=published)
    return Parsed(article, ())


def test_infer_anchor_uses_metadata() -> None:
    anchor = infer_anchor(_parsed("Nothing dated here.", "2024-02-01"), Settings())
    assert anchor == DateAnchor("2024-02-01", "metadata", note="publication date from metadata")


def test_infer_anchor_from_dense_cluster_ignores_background_year() -> None:
    text = (
        "The port has been closed since 2009.\n\nIn May 2022 unions called a strike. "
        "Dockers walked out on May 3, and on May 9 police cleared the gates. "
        "Talks resumed May 12."
    )
    anchor = infer_anchor(_parsed(text), Settings())
    assert anchor.basis == "inferred"
    assert anchor.value == "2022-05-12"
    assert anchor.window == ("2022-05-03", "2022-05-12")
    assert "May 3" in anchor.note


def test_infer_anchor_month_days_without_year() -> None:
    text = "Floods began on April 2 and the river crested April 5, officials said."
    anchor = infer_anchor(_parsed(text), Settings())
    assert (anchor.value, anchor.basis) == ("--04-05", "inferred")
    assert "year unknown" in anchor.note


def test_infer_anchor_none_without_dates() -> None:
    anchor = infer_anchor(_parsed("A quiet text with no dates at all in it."), Settings())
    note = "no publication date and no day-precise date in the text"
    assert anchor == DateAnchor(None, "none", note=note)


def test_extract_dates_records_anchor_and_offsets() -> None:
    text = "Ministers met on Friday. The treaty of 1998 still holds, they said last week."
    article = Article(
        id="a2", source="t", text=text, clean_text=text, published="2023-06-15",
        date_anchor=DateAnchor("2023-06-15", "metadata"),
    )  # fmt: skip
    refs = extract_dates(Parsed(article, ()), Settings())
    by_text = {r.text: r for r in refs}
    assert by_text["Friday"].value == "2023-06-09"
    assert by_text["Friday"].anchor == "metadata"
    assert by_text["1998"].anchor == "absolute"
    assert by_text["last week"].value == "2023-W23"
    for ref in refs:
        assert text[ref.start : ref.end] == ref.text
    assert [r.id for r in refs] == [f"a2:d{k}" for k in range(len(refs))]


def _story(
    texts: dict[str, str], anchors: dict[str, DateAnchor]
) -> tuple[list[Article], list[DateRef]]:
    """Articles with their anchors and every date the extractor finds in them."""
    articles: list[Article] = []
    refs: list[DateRef] = []
    for aid, text in texts.items():
        anchor = anchors[aid]
        published = anchor.value if anchor.basis == "metadata" else None
        article = Article(
            id=aid, source=f"{aid}.txt", text=text, clean_text=text, published=published,
            date_anchor=anchor,
        )  # fmt: skip
        articles.append(article)
        refs.extend(extract_dates(Parsed(article, ()), Settings()))
    return articles, refs


def _anomalies(texts: dict[str, str], anchors: dict[str, DateAnchor]) -> list[Finding]:
    articles, refs = _story(texts, anchors)
    return align_dates(refs, articles, {a.id: a.id.upper() for a in articles}, Settings())


OBIT_A = (
    "Fred Marlow, a former aide, died on Saturday, July 24, 2004, at a motel. His body was "
    "found on July 27, 2004. He was first questioned on June 17, 1972, and pleaded guilty "
    "on June 27, 1973."
)
OBIT_B = "Marlow was found dead on Tuesday, July 27, 2004, the coroner said on July 28, 2004."


def test_written_years_are_never_anomalies() -> None:
    anchors = {
        "a": DateAnchor("2004-07-29", "metadata", note="the page's dateline"),
        "b": DateAnchor("2004-07-28", "metadata", note="the page's dateline"),
    }
    assert _anomalies({"a": OBIT_A, "b": OBIT_B}, anchors) == []


def test_last_month_day_far_outside_the_story_is_an_anomaly_naming_its_anchor() -> None:
    texts = {
        "a": "Troops massed near the border on March 29, 2021, and talks failed on April 1, 2021.",
        "b": "Officials said on March 30, 2021 that the clashes were frightening, according to "
        "a report last Nov. 3.",
    }
    anchors = {
        "a": DateAnchor("2021-04-02", "metadata", note="dateline “Published April 2, 2021”"),
        "b": DateAnchor("2021-04-01", "metadata", note="dateline “April 1, 2021 9:02 AM”"),
    }
    found = _anomalies(texts, anchors)
    assert [f.evidence[0].text for f in found] == ["last Nov. 3"]
    assert "2020-11-03" in found[0].summary
    assert "publication date 2021-04-01" in found[0].reason
    assert "April 1, 2021 9:02 AM" in found[0].reason


def test_an_article_written_long_after_the_story_tells_its_own_time() -> None:
    # two reports of a shooting in June 2005 and a sentencing story of May 2007 whose
    # year-less "last Dec. 20" is its own winter, not a slip in 2005's story
    texts = {
        "a": "A deputy was shot dead on June 24, 2005, and a suspect was held on June 25, 2005.",
        "b": "The deputy killed on June 24, 2005 was buried on July 1, 2005.",
        "c": "A jury convicted the gunman last Dec. 20, and a judge upheld the death sentence "
        "on Thursday.",
    }
    anchors = {
        "a": DateAnchor("2005-06-26", "metadata", note="dateline"),
        "b": DateAnchor("2005-07-02", "metadata", note="dateline"),
        "c": DateAnchor("2007-05-03", "metadata", note="dateline"),
    }
    assert _anomalies(texts, anchors) == []
    # the same words in a report of the story's own time are an anomaly
    anchors["c"] = DateAnchor("2005-07-01", "metadata", note="dateline")
    assert [f.evidence[0].text for f in _anomalies(texts, anchors)] == ["last Dec. 20"]


def test_a_date_set_for_a_month_day_looks_ahead() -> None:
    text = "The case was heard in his absence and a trial date was set for October 28."
    anchors = {"a": DateAnchor("2013-06-18", "metadata", note="dateline")}
    _articles, refs = _story({"a": text}, anchors)
    assert [(r.text, r.value) for r in refs] == [("October 28", "2013-10-28")]


def test_no_anomaly_without_a_solid_anchor() -> None:
    texts = {
        "a": "Troops massed near the border on March 29, 2021, and talks failed on April 1, 2021.",
        "b": "The clashes were frightening, according to a report last Nov. 3.",
    }
    anchors = {
        "a": DateAnchor("2021-04-02", "metadata", note="dateline"),
        "b": DateAnchor(None, "none"),
    }
    assert _anomalies(texts, anchors) == []


def test_bare_month_day_with_no_year_anywhere_is_no_anomaly() -> None:
    texts = {
        "a": "Writers met the studios on Jan. 23 and again on Feb. 2 to restart talks.",
        "b": "Talks resumed on Feb. 20, months after they collapsed on June 30.",
    }
    anchors = {
        "a": DateAnchor("--02-02", "inferred", window=("--01-23", "--02-02"), note="inferred"),
        "b": DateAnchor("--02-20", "inferred", window=("--02-20", "--02-20"), note="inferred"),
    }
    assert _anomalies(texts, anchors) == []


def test_impossible_date_costs_only_its_token() -> None:
    values = _values("The vote set for 2026-02-30 moved to March 4, 2026, and Feb. 30 passed.")
    assert values == {"March 4, 2026": "2026-03-04"}
    assert _values("Results: 2026-02-30T10:00 and 2026-03-01.") == {"2026-03-01": "2026-03-01"}


def test_written_year_before_a_holiday_is_respected() -> None:
    assert _values("Fans waited for the 2013 Christmas Special.") == {
        "2013 Christmas": "2013-12-25"
    }


def test_infer_anchor_never_from_a_background_year_or_month() -> None:
    text = (
        "The quake was the strongest since 2004. Sales were the lowest since January 2009, "
        "and the plant opened in June 1983."
    )
    anchor = infer_anchor(_parsed(text), Settings())
    assert (anchor.value, anchor.basis) == (None, "none")


def test_infer_anchor_from_wire_dateline_with_the_story_year() -> None:
    text = "GAZA, Feb. 22 (Xinhua) -- Officials said on Feb. 20, 2015 that the dams were opened."
    article = clean(Article(id="w", source="w.txt", text=text), Settings())
    anchor = infer_anchor(Parsed(article, ()), Settings())
    assert (anchor.value, anchor.basis) == ("2015-02-22", "inferred")
    assert "GAZA, Feb. 22 (Xinhua) --" in anchor.note


def test_story_time_anchors_a_weekday_inside_a_reported_event() -> None:
    text = (
        "The storm made landfall near Galveston on Dec. 27, 2012, and by Sunday night the "
        "levees east of the city had failed. Crews began pumping on Tuesday, officials said."
    )
    spring = date(2013, 4, 10)  # a retrospective published months later
    got = {t.text: t.value for t in find_timexes(text, spring)}
    assert got["Sunday night"] == "2012-12-30TNI"  # the Sunday after Dec. 27, not April's
    assert got["Tuesday"] == "2013-04-09"  # another sentence: the publication week again
    off = {t.text: t.value for t in find_timexes(text, spring, rules=TimexRules(story_time=False))}
    assert off["Sunday night"] == "2013-04-07TNI"


def test_story_time_leaves_spans_and_recent_dates_to_the_publication_week() -> None:
    spans = "The fund bought 254,200 shares from Sept. 14 to Thursday for $15.50 to $16.75 each."
    assert _values(spans)["Thursday"] == "2023-06-15"
    recent = "The bill passed the Senate on June 12 and the governor signed it Tuesday."
    assert _values(recent)["Tuesday"] == "2023-06-13"  # June 12 is within the week


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Enrollment fell in the 2009-2010 school year, the district said.", "2009-2010",
         "2009/2010"),
        ("The club won the title in the 1998-99 season.", "1998-99", "1998/1999"),
        ("The deficit for fiscal 2009-10 was $1.4 billion.", "fiscal 2009-10", "2009/2010"),
        ("Revenue this fiscal year should top $2.1 billion.", "this fiscal year", "2023"),
        ("The budget for last fiscal year was trimmed twice.", "last fiscal year", "2022"),
        ("Sales rose 8% in fiscal year 2021, the company said.", "fiscal year 2021", "2021"),
        ("The agency spent $3 million in FY2022 on overtime.", "FY2022", "2022"),
    ],
)  # fmt: skip
def test_timex_year_spans_and_fiscal_years(text: str, span: str, value: str) -> None:
    assert _values(text).get(span) == value


def test_timex_two_digit_tail_must_be_the_next_year() -> None:
    assert "2008-12" not in _values("The pension fund's 2008-12 shortfall is disputed.")


def test_race_times_are_durations_not_clock_times() -> None:
    text = (
        "Kipsang won in 2:03:23, the women's winner finished in 2:20:57.4, and Ruto crossed "
        "the line in a time of 3:07. The award ceremony began at 10:05 near the finish."
    )
    got = {t.text: (t.type, t.value) for t in find_timexes(text, ANCHOR)}
    assert got["2:03:23"] == ("DURATION", "PT2H3M23S")
    assert got["2:20:57.4"] == ("DURATION", "PT2H20M57.4S")
    assert got["3:07"] == ("DURATION", None)  # hours or minutes: the race says which
    assert got["10:05"] == ("TIME", "2023-06-15T10:05")


def test_race_times_are_not_counted_as_numbers() -> None:
    from crosscheck.extract.numbers import extract_numbers

    text = "Kipsang won the Berlin race in 2:03:23, ahead of 40,000 runners."
    article = Article(id="r", source="r", text=text, clean_text=text, published="2023-06-15",
                      date_anchor=DateAnchor("2023-06-15", "metadata"))  # fmt: skip
    values = [n.value for n in extract_numbers(Parsed(article, ()), Settings())]
    assert values == [40000.0]


def test_future_cue_reaches_past_abbreviations() -> None:
    text = "Mr. Lutz, 52 years old, will succeed Daniel P. Davison Feb. 1, the bank said."
    assert _values(text, date(2023, 10, 30))["Feb. 1"] == "2024-02-01"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("In the year-ago third quarter, the mill earned $22.5 million.",
         "the year-ago third quarter", "2022-Q3"),
        ("Net income fell from $4.5 million in the 2021 third quarter.",
         "the 2021 third quarter", "2021-Q3"),
        ("It earned $3 million, or 12 cents a share, for the fiscal-first quarter ended Sept. 30.",
         "the fiscal-first quarter", "2023-Q1"),
    ],
)  # fmt: skip
def test_timex_quarters_with_years_and_fiscal_words(text: str, span: str, value: str) -> None:
    assert _values(text, date(2023, 10, 30)).get(span) == value


def test_yesterdays_and_tomorrows_are_dates_but_generic_todays_is_not() -> None:
    got = _values("Shareholders shrugged at yesterday's announcement before tomorrow's vote.")
    assert got["yesterday"] == "2023-06-14" and got["tomorrow"] == "2023-06-16"
    assert "today" not in _values("The chips power many of today's personal computers.")


def test_clock_time_with_its_own_month_day() -> None:
    text = "The $18-a-share offer for the stock runs until 5 p.m. EST, Nov. 9, the bank said."
    assert _values(text, date(2023, 11, 2))["5 p.m. EST, Nov. 9"] == "2023-11-09T17:00"


def test_the_following_month_counts_from_the_month_last_written() -> None:
    text = (
        "In March, the hospital chain received a $24-a-share offer from an investor group. "
        "The following month, the company put itself up for sale."
    )
    assert _values(text, date(2023, 10, 27))["The following month"] == "2023-04"


def test_the_year_reported_on_and_the_year_ended() -> None:
    text = (
        "The shares rose to a high for the year of $42.875 in June. For the year ended "
        "June 30, the chain earned $12 million, though planting was delayed earlier in the "
        "year. Profit had doubled the year before."
    )
    got = [(t.text, t.type, t.value) for t in find_timexes(text, date(2023, 10, 30))]
    years = [x for x in got if x[0] == "the year"]  # not "the year before"
    assert years == [("the year", "DATE", "2023"), ("the year", "DURATION", "P1Y")]
    assert ("earlier in the year", "DATE", "2023") in got


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("Ratification began in February this year with Canada.", "February this year", "2023-02"),
        ("The three will join the alliance in April next year.", "April next year", "2024-04"),
        ("Pol Pot was arrested in July last year in Phnom Penh.", "July last year", "2022-07"),
    ],
)  # fmt: skip
def test_timex_month_with_its_relative_year_is_one_expression(
    text: str, span: str, value: str
) -> None:
    got = _values(text)
    assert got.get(span) == value
    assert not {"this year", "next year", "last year"} & set(got)


def test_bare_month_needs_a_cue_or_a_noun_after_it() -> None:
    text = (
        "Kopp scanned the crowd at the annual March for Life on Capitol Hill. Police tied him "
        "to the October slaying, and the March accession is set. He left in June."
    )
    got = _values(text, date(1999, 1, 22))
    assert list(got) == ["October", "March", "June"]
    assert got["October"] == "1998-10" and got["June"] == "1998-06"


def test_gated_families_match_a_whole_text_scan() -> None:
    from crosscheck.extract.timex import FAMILIES, _scan

    text = (
        "In the late 2009-2010 school year the district cut 40 posts. For the year ended June "
        "30, it spent $3 million, up from fiscal 2008-09. The mayor, who ran the 10K in 41:07.2 "
        "on Saturday, said at 9:30 that Easter and Labor Day fell in the quarter of 2021."
    )
    for name, pattern in FAMILIES:
        gated = [m.span() for m in _scan(name, pattern, text)]
        assert gated == [m.span() for m in pattern.finditer(text)], name


def test_story_time_stays_off_in_a_text_told_from_its_publication_day() -> None:
    text = (
        "The bill, introduced on March 3, passed the Senate on Tuesday, the governor's office "
        "said today."
    )
    assert _values(text)["Tuesday"] == "2023-06-13"
    told_then = text.replace(", the governor's office said today", "")
    assert _values(told_then)["Tuesday"] == "2023-03-07"  # no word of the publication day


def test_last_night_is_the_night_before_the_telling_day() -> None:
    # ANCHOR is Thursday 15 June 2023; "last night" is Wednesday night, not Thursday's.
    text = (
        "Firefighters said last night that the blaze at the timber yard was under control. "
        "Crews returned on June 9 and left the following morning."
    )
    got = _values(text)
    assert got["last night"] == "2023-06-14TNI"
    assert got["the following morning"] == "2023-06-10TMO"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        # A month that opens its sentence takes the clause's tense: told in the past, it is
        # the last July before the anchor (15 June 2023), not the nearer coming one...
        ("In July, the bakery chain closed its two northern stores.", "July", "2022-07"),
        ("On Aug. 2, the mill laid off 40 workers.", "Aug. 2", "2022-08-02"),
        # ... and a plain future form after it looks ahead, as after a weekday.
        ("In July, the mill will reopen its second line.", "July", "2023-07"),
        ("On Tuesday, the union plans to hold a vote on the offer.", "Tuesday", "2023-06-20"),
        # A past "planned" is no future cue: the Friday before the anchor.
        ("On Friday, the city planned to pay the first claims.", "Friday", "2023-06-09"),
        # Not fronted: the nearest July, as before.
        ("The mill said it would cut 40 jobs in July.", "July", "2023-07"),
    ],
)
def test_fronted_expression_takes_the_tense_of_its_clause(text: str, span: str, value: str) -> None:
    assert _values(text).get(span) == value


def test_mid_part_of_day_with_or_without_its_day() -> None:
    text = (
        "By mid-afternoon, the river had crested at the old mill. "
        "In Frankfurt at mid-morning yesterday, the bank's shares were down 3 cents."
    )
    got = _values(text)
    assert got["mid-afternoon"] == "2023-06-15TAF"
    assert got["mid-morning yesterday"] == "2023-06-14TMO"


def test_quarter_followed_by_a_year_ago_counts_back_a_year() -> None:
    text = (
        "Harbor Freight Lines earned $4.1 million in the second quarter. "
        "For the quarter a year ago, it reported a loss of $2 million, and in the second "
        "quarter a year earlier it broke even."
    )
    got = _values(text)
    assert got["the quarter a year ago"] == "2022-Q2"
    assert got["the second quarter a year earlier"] == "2022-Q2"


def test_the_day_before_a_named_weekday() -> None:
    # ANCHOR is Thursday 15 June 2023: last Monday is 12 June, next Monday 19 June.
    text = (
        "The day before last Monday's council vote, the mayor met the builders. "
        "Organisers will set up the stalls the day after next Monday."
    )
    got = _values(text)
    assert got["The day before last Monday"] == "2023-06-11"
    assert got["the day after next Monday"] == "2023-06-20"


def test_easter_and_easter_week() -> None:
    # ANCHOR is 15 June 2023; Easter Sunday 2023 fell on 9 April, in 2024 on 31 March.
    text = (
        "Pilgrims crowded the square at Easter, and the shrine closed on Good Friday. "
        "Hotels are already full for Easter week 2024."
    )
    got = _values(text)
    assert got["Easter"] == "2023-04-09"
    assert got["Good Friday"] == "2023-04-07"
    assert got["Easter week 2024"] == "2024-W13"


@pytest.mark.parametrize(
    ("text", "span", "value"),
    [
        ("The regatta is this coming Sunday, June eighteenth, weather allowing.",
         "this coming Sunday, June eighteenth", "2023-06-18"),
        ("The treaty was signed on the twenty-first of May, 2019.",
         "the twenty-first of May, 2019", "2019-05-21"),
        ("Bids close on March thirtieth.", "March thirtieth", "2023-03-30"),
        # An ordinal that starts a noun phrase is no day.
        ("In May first lady Jill Biden toured the school.", "May", "2023-05"),
    ],
)  # fmt: skip
def test_month_with_a_spelled_ordinal_day(text: str, span: str, value: str) -> None:
    assert _values(text).get(span) == value


def test_previous_and_following_weekday_count_from_the_last_day_written() -> None:
    # ANCHOR is Thursday 15 June 2023; the text's own day is Friday 9 June.
    got = _values("The index closed at 4,102 on June 9, down 2% from the previous Friday.")
    assert got["previous Friday"] == "2023-06-02"
    got = _values("The index closed at 4,102 on June 1 and rebounded the following Monday.")
    assert got["following Monday"] == "2023-06-05"


def test_fronted_until_with_a_past_perfect_looks_back() -> None:
    # "Until" is a future cue, but a past perfect after a fronted day tells the past.
    text = "Until Tuesday, the police had not named the driver as a suspect."
    assert _values(text)["Tuesday"] == "2023-06-13"
    assert _values("The market stays open until Tuesday.")["Tuesday"] == "2023-06-20"
