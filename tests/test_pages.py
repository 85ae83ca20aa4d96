"""Real pages as copied or scraped: URL, title and dateline lines, wire datelines, furniture.

Every text here was written for these tests in the shapes real pages take.
"""

from __future__ import annotations

from datetime import date

import pytest

from crosscheck.clean import clean
from crosscheck.headers import parse_date_line, read_header
from crosscheck.model import Article
from crosscheck.settings import Settings

SCRAPED = """http://www.harbourgazette.co.uk/news/2024/mar/05/ferry-strike-ends
Ferry strike ends after nine days as crews accept pay offer
Tuesday 5 March 2024 18.42 GMT
Crews on the Harbour Line ferries voted on Monday to accept a 6% pay rise, ending a strike
that had stranded about 3,000 commuters a day since Feb. 25.
"We are glad to be back at work," said union steward Maria Kowalczyk.
"""

WIRE = """Port cranes idle as dockers walk out
By Tom Arden, Staff Writer
KESTREL BAY, March 4 (Meridian Wire) — About 600 dockers walked out at Kestrel Bay on \
Tuesday, the union said, the first stoppage at the port since 2019.
The port authority said talks would resume on March 6, 2024, and that ships were being diverted.
"""


def _clean(text: str, **meta: str) -> Article:
    return clean(Article(id="x", source="page.txt", text=text, **meta), Settings())  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("line", "value"),
    [
        ("Published: July 29, 2004", date(2004, 7, 29)),
        ("4 August 2013 Last updated at 19:47 GMT", date(2013, 8, 4)),
        ("December 15th, 2008, 7:35 am", date(2008, 12, 15)),
        ("Published on Jul 02, 2013 4:22 PM", date(2013, 7, 2)),
        ("Updated 4/11/2007 1:26 PM", date(2007, 4, 11)),
        ("Last updated 15:48 15/09/2013", date(2013, 9, 15)),
        ("14:25 Sun Sep 15 2013", date(2013, 9, 15)),
        ("POSTED: 1052 GMT (1852 HKT), April 10, 2007", date(2007, 4, 10)),
        ("on May 4, 2013 11:41am | Updated on May 5, 2013 9:02am", date(2013, 5, 4)),
        ("Filed under News. Posted in Courts on Friday, September 20, 2013.", date(2013, 9, 20)),
        ("Posted in Courts on Friday, September 20, 2013.", date(2013, 9, 20)),
        ("KESTREL BAY, March 4, 2026", date(2026, 3, 4)),
        ("March 4, 2026-4:43 pm", date(2026, 3, 4)),
        ("Reuters Mar 4, 2026, 02.16PM IST", date(2026, 3, 4)),
        ("Published: 2026.03.04 09:01 AM", date(2026, 3, 4)),
        ("Story Created: Mar 4, 2026 at 9:56 AM AKDT", date(2026, 3, 4)),
        ("Kestrel Bay council approved the plan on March 4, 2026", None),
        ("The report was published on September 20, 2013.", None),
        ("He died on May 4, 2013, at his home.", None),
        ("Published: February 30, 2013", None),
    ],
)
def test_parse_date_line(line: str, value: date | None) -> None:
    got = parse_date_line(line)
    assert (got[0] if got else None) == value
    if got:
        assert line[got[1] : got[2]].strip()


def test_numeric_dates_day_first_on_day_first_hosts() -> None:
    text = "http://www.example.co.nz/news/1\nCrash shuts road\n06/07/2013\nA crash shut the road."
    assert read_header(text).published == "2013-07-06"
    us = text.replace(".co.nz", ".com")
    assert read_header(us).published == "2013-06-07"
    # A date in the URL settles an ambiguous reading.
    hinted = us.replace("/news/1", "/2013/07/06/crash")
    assert read_header(hinted).published == "2013-07-06"


def test_scraped_page_header_sets_metadata_and_removes_furniture() -> None:
    a = _clean(SCRAPED)
    assert a.url == "http://www.harbourgazette.co.uk/news/2024/mar/05/ferry-strike-ends"
    assert a.outlet == "harbourgazette.co.uk"
    assert a.title == "Ferry strike ends after nine days as crews accept pay offer"
    assert a.published == "2024-03-05"
    assert a.date_anchor.basis == "metadata"
    assert "Tuesday 5 March 2024 18.42 GMT" in a.date_anchor.note
    reasons = {r.reason: r.text for r in a.removed}
    assert reasons["url"].startswith("http://www.harbourgazette")
    assert reasons["dateline"] == "Tuesday 5 March 2024 18.42 GMT"
    # The title and the story stay in the analysed text; offsets hold.
    assert "Ferry strike ends" in a.clean_text and "6% pay rise" in a.clean_text
    assert "harbourgazette" not in a.clean_text and "18.42 GMT" not in a.clean_text
    assert len(a.clean_text) == len(a.text)
    for r in a.removed:
        assert a.text[r.start : r.end] == r.text


def test_flags_and_sidecar_beat_the_page_header() -> None:
    a = _clean(SCRAPED, published="2024-03-06", outlet="Harbour Gazette")
    assert (a.published, a.outlet) == ("2024-03-06", "Harbour Gazette")


def test_wire_dateline_gives_agency_and_date_only_with_a_written_year() -> None:
    a = _clean(WIRE)
    assert a.outlet == "Meridian Wire"
    assert a.title == "Port cranes idle as dockers walk out"
    wire = [r for r in a.removed if r.reason == "wire-dateline"]
    assert [r.text for r in wire] == ["KESTREL BAY, March 4 (Meridian Wire) —"]
    # No full date in the text agrees with "March 4": the year is not guessed.
    assert a.published is None
    dated = WIRE.replace("on March 6, 2024", "on March 4, 2024 and March 6, 2024")
    assert _clean(dated).published == "2024-03-04"


def test_nothing_invented_for_a_plain_story() -> None:
    text = (
        "The council voted 7-2 on Tuesday to close the library on Elm Street.\n"
        "The mayor said the building would be sold in 2025.\n"
    )
    a = _clean(text)
    assert (a.url, a.outlet, a.title, a.published) == (None, None, None, None)
    assert a.removed == ()
