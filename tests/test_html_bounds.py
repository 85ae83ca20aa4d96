"""Pages too big for trafilatura are read by the crude <p> extraction (issue 18).

trafilatura's time grows with a page's elements: 40,000 table cells took 6 s and 50,000
nested list items as long, enough to make a 1,000-page ingest of hostile HTML miss 0.1 s a
page. Past ``MAX_ELEMENTS`` elements or ``MAX_DEPTH`` levels the article paragraphs are
still read, by lxml.
"""

from __future__ import annotations

from crosscheck.ingest.html import MAX_DEPTH, MAX_ELEMENTS, _parse, extract_html, oversized

PARAGRAPHS = (
    "The city council voted 6 to 3 on Tuesday to close the Harbour Road bridge for repairs "
    "after inspectors found cracks in two of its supports.",
    "“We had no choice once the engineers showed us the photographs,” said Mayor Sean "
    "O’Brien, who called the vote painful but necessary.",
    "About 14,000 vehicles cross the bridge each day, according to the county transport "
    "department, and the detour adds roughly 20 minutes to the trip into town.",
)


def _page(extra: str = "") -> str:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<!doctype html><html><head><title>Council closes Harbour Road bridge</title></head>"
        f"<body><article><h1>Council closes Harbour Road bridge</h1>{body}{extra}</article>"
        "</body></html>"
    )


def test_normal_page_goes_to_trafilatura() -> None:
    page = _page()
    assert oversized(_parse(page)) is None
    found = extract_html(page)
    assert found is not None
    assert found.method == "trafilatura"
    assert "Harbour Road bridge for repairs" in found.text


def test_huge_table_read_by_lxml() -> None:
    rows = "".join(
        "<tr>" + "".join(f"<td>{r * 20 + c}</td>" for c in range(20)) + "</tr>"
        for r in range(MAX_ELEMENTS // 20 + 10)
    )
    page = _page(f"<table>{rows}</table>")
    assert oversized(_parse(page)) == f"more than {MAX_ELEMENTS} elements"
    found = extract_html(page)
    assert found is not None
    assert found.method == "lxml-p"
    assert found.title == "Council closes Harbour Road bridge"
    for paragraph in PARAGRAPHS:
        assert paragraph in found.text
    assert "<td>" not in found.text


def test_deep_nesting_detected() -> None:
    depth = MAX_DEPTH + 50
    page = _page("<div>" * depth + "<p>Nested.</p>" + "</div>" * depth)
    assert oversized(_parse(page)) == f"elements nested more than {MAX_DEPTH} deep"
    found = extract_html(page)
    assert found is not None
    assert found.method == "lxml-p"
    assert PARAGRAPHS[0] in found.text


def test_junk_is_not_a_tree() -> None:
    assert oversized(_parse("")) is None
    assert extract_html("") is None


def test_repeated_filler_refused_before_analysis() -> None:
    from crosscheck.ingest.files import read_bytes
    from crosscheck.model import Article, Problem
    from crosscheck.settings import Settings

    filler = "<html><body><p>" + " ".join(["bridge"] * 5000) + "</p></body></html>"
    out = read_bytes("filler.html", filler.encode(), Settings())
    assert isinstance(out, Problem) and out.code == "CC004"
    assert "repeated filler" in out.message
    same_paragraphs = _page("".join(f"<p>{PARAGRAPHS[i % 3]}</p>" for i in range(600)))
    out = read_bytes("same.html", same_paragraphs.encode(), Settings())
    assert isinstance(out, Problem) and out.code == "CC004"
    # a long article of prose is no filler
    prose = " ".join(
        f"Councillor {n} asked about repair contract {n * 7}, due in week {n % 52}."
        for n in range(400)
    )
    out = read_bytes("prose.txt", prose.encode(), Settings())
    assert isinstance(out, Article)
