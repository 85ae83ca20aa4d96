"""Tests for crosscheck.ingest.files: sources, decoding, checks, HTML and metadata."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from crosscheck.ingest import read_sources, read_text
from crosscheck.ingest.files import check_binary, normalise_published, read_bytes
from crosscheck.ingest.html import extract_html, looks_like_html
from crosscheck.model import Article, Problem, text_hash
from crosscheck.settings import Settings

DATA = Path(__file__).parent / "data" / "ingest"
SETTINGS = Settings()


def _one(source: str | Path, **flags: str) -> Article:
    items = [x for x in read_sources([str(source)], SETTINGS, **flags) if isinstance(x, Article)]
    assert len(items) == 1
    return items[0]


def _problems(source: str | Path) -> list[Problem]:
    return [x for x in read_sources([str(source)], SETTINGS) if isinstance(x, Problem)]


def test_ingest_files_directory_walk_sorted_and_skips_hidden_and_sidecars() -> None:
    items = list(read_sources([str(DATA)], SETTINGS))
    names = [Path(x.source).relative_to(DATA).as_posix() for x in items]
    assert names == [
        "article.html",
        "badmeta.meta.json",  # the non-fatal CC013 for badmeta.txt's sidecar
        "badmeta.txt",
        "broken.html",
        "cp1252.txt",
        "crlf.txt",
        "empty.txt",
        "harbour.txt",
        "nested/notes.md",
        "noise.txt",
        "scan.txt",
        "utf16_bom.txt",
    ]
    assert not any(".hidden" in x.source for x in items)
    assert list(read_sources([str(DATA)], SETTINGS)) == items  # deterministic


def test_ingest_files_problem_codes() -> None:
    codes = {
        Path(x.source).name: (x.code, x.fatal)
        for x in read_sources([str(DATA)], SETTINGS)
        if isinstance(x, Problem)
    }
    assert codes == {
        "badmeta.meta.json": ("CC013", False),
        "empty.txt": ("CC003", True),
        "noise.txt": ("CC004", True),
        "scan.txt": ("CC004", True),
    }


def test_ingest_files_missing_path_and_glob() -> None:
    [missing] = _problems(DATA / "nope.txt")
    assert missing.code == "CC001"
    assert "nope.txt" in missing.message and "no such file" in missing.message
    [nomatch] = _problems(DATA / "*.docx")
    assert nomatch.code == "CC001" and "pattern" in nomatch.message


def test_ingest_files_glob_sorted() -> None:
    items = list(read_sources([str(DATA / "c*.txt")], SETTINGS))
    assert [Path(x.source).name for x in items] == ["cp1252.txt", "crlf.txt"]


def test_ingest_files_same_file_twice_read_once() -> None:
    items = list(read_sources([str(DATA / "crlf.txt"), str(DATA / "c*.txt")], SETTINGS))
    assert [Path(x.source).name for x in items] == ["crlf.txt", "cp1252.txt"]


def test_ingest_files_binary_messages_name_file_and_reason() -> None:
    [pdf] = _problems(DATA / "scan.txt")
    assert pdf.code == "CC004" and "scan.txt" in pdf.message and "PDF" in pdf.message
    [noise] = _problems(DATA / "noise.txt")
    assert noise.code == "CC004" and "NUL" in noise.message


@pytest.mark.parametrize(
    ("data", "binary"),
    [
        (b"\x89PNG\r\n\x1a\n rest", True),
        (b"PK\x03\x04 zip", True),
        (b"plain words\x01\x02\x03\x04\x05\x06\x07\x08" * 2, True),
        (b"plain words, a tab\tand a newline\n", False),
        ("utf-16 with BOM".encode("utf-16"), False),
    ],
)
def test_ingest_files_check_binary(data: bytes, binary: bool) -> None:
    assert (check_binary(data) is not None) is binary


def test_ingest_files_windows_1252_decoded() -> None:
    article = _one(DATA / "cp1252.txt")
    assert "café" in article.text and "Zoë" in article.text and "€3,200" in article.text
    assert "“It feels like home again,”" in article.text


def test_ingest_files_utf16_bom_decoded() -> None:
    article = _one(DATA / "utf16_bom.txt")
    assert article.text.startswith("Flights from Lindqvist airport")
    assert "\ufeff" not in article.text and "14,500" in article.text


def test_ingest_files_crlf_and_cr_normalised() -> None:
    article = _one(DATA / "crlf.txt")
    assert "\r" not in article.text
    assert "2.1 million.\n\nThe second" in article.text
    assert "ends here.\nThe end.\n" in article.text


def test_ingest_files_id_is_content_hash() -> None:
    article = _one(DATA / "crlf.txt")
    assert article.id == text_hash(article.text)[:16]
    assert len(article.id) == 16


def test_ingest_files_empty_file() -> None:
    [problem] = _problems(DATA / "empty.txt")
    assert problem.code == "CC003" and "empty.txt" in problem.message


def test_ingest_files_too_large_checked_by_stat(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # sparse: costs no disk and must never be read
    [problem] = _problems(big)
    assert problem.code == "CC005" and "huge.txt" in problem.message


def test_ingest_files_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import crosscheck.ingest.files as files

    locked = tmp_path / "locked.txt"
    locked.write_text("Some text that nobody may read.", encoding="utf-8")

    def _denied(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    # chmod 0 does not stop root (the test may run as root), so the open call is refused.
    monkeypatch.setattr(files, "open", _denied, raising=False)
    [problem] = _problems(locked)
    assert problem.code == "CC002" and "permission" in problem.message


def test_ingest_files_undecodable_is_cc006(monkeypatch: pytest.MonkeyPatch) -> None:
    import charset_normalizer

    class _NoGuess:
        def best(self) -> None:
            return None

    monkeypatch.setattr(charset_normalizer, "from_bytes", lambda data: _NoGuess())
    item = read_bytes("odd.txt", b"caf\xe9 \xff\xfe\xfd text", SETTINGS)
    assert isinstance(item, Problem) and item.code == "CC006"


def test_ingest_files_sidecar_metadata() -> None:
    article = _one(DATA / "harbour.txt")
    assert article.title == "Reservoirs at 38 percent"
    assert article.outlet == "Valley Courier"
    assert article.author == "Jane Doe"
    assert article.published == "2024-03-11"
    assert article.url == "https://courier.example.net/reservoirs"


def test_ingest_files_flags_win_over_sidecar() -> None:
    article = _one(DATA / "harbour.txt", outlet="Wire Copy", published="2024-03-12T09:00:00")
    assert article.outlet == "Wire Copy"
    assert article.published == "2024-03-12T09:00:00"
    assert article.author == "Jane Doe"  # not flagged: the sidecar's


def test_ingest_files_bad_published_flag_raises() -> None:
    with pytest.raises(ValueError, match="published"):
        list(read_sources([str(DATA / "crlf.txt")], SETTINGS, published="last Tuesday"))


def test_ingest_files_bad_sidecar_is_non_fatal() -> None:
    items = list(read_sources([str(DATA / "badmeta.txt")], SETTINGS))
    assert [type(x).__name__ for x in items] == ["Problem", "Article"]
    problem, article = items
    assert isinstance(problem, Problem) and problem.code == "CC013" and not problem.fatal
    assert isinstance(article, Article) and article.title is None


def test_ingest_files_sidecar_with_bad_values(tmp_path: Path) -> None:
    shutil.copy(DATA / "badmeta.txt", tmp_path / "cinema.txt")
    (tmp_path / "cinema.meta.json").write_text(
        '{"title": "Cinema to close", "published": "someday", "author": 7}', encoding="utf-8"
    )
    problem, article = list(read_sources([str(tmp_path / "cinema.txt")], SETTINGS))
    assert isinstance(problem, Problem) and "someday" in problem.message
    assert isinstance(article, Article)
    assert article.title == "Cinema to close"
    assert article.published is None and article.author is None


def test_ingest_files_no_metadata_is_none_never_mtime() -> None:
    article = _one(DATA / "cp1252.txt")
    assert (article.title, article.outlet, article.author, article.url, article.published) == (
        None,
        None,
        None,
        None,
        None,
    )


def test_ingest_files_html_main_text_and_metadata() -> None:
    article = _one(DATA / "article.html")
    assert article.format == "html"
    assert article.title == "Port Aldridge approves €48 million flood barrier after record surge"
    assert article.outlet == "The Coastal Ledger"
    assert article.author == "Maren Holloway"
    assert article.published == "2023-10-12"
    assert article.url == "https://ledger.example.org/news/port-aldridge-flood-barrier"
    assert "voted 11 to 4 on Wednesday" in article.text
    assert "“This barrier buys the town fifty years.”" in article.text
    for junk in ("Sport", "Share on Facebook", "Cookie policy", "Ferry Timetable"):
        assert junk not in article.text
    # paragraphs separated by blank lines, for the parser
    assert "212 homes.\n\n“We cannot ask" in article.text


def test_ingest_files_html_flags_win_over_page() -> None:
    article = _one(DATA / "article.html", outlet="Syndicated", url="https://example.com/x")
    assert article.outlet == "Syndicated" and article.url == "https://example.com/x"


def test_ingest_files_broken_html_does_not_crash() -> None:
    article = _one(DATA / "broken.html")
    assert "night market reopened on Friday" in article.text
    assert "not text" not in article.text
    assert article.published is None  # "since 2011" in the text is no publication date


def test_ingest_files_html_fallback_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    html = (DATA / "broken.html").read_text(encoding="utf-8")
    result = extract_html(html)
    assert result is not None and result.method == "lxml-p"
    assert "140 stalls" in result.text and "\n\n" in result.text


def test_ingest_files_html_without_text_is_cc007() -> None:
    page = b"<!DOCTYPE html><html><head><title>x</title></head><body><nav></nav></body></html>"
    item = read_bytes("blank.html", page, SETTINGS, suffix=".html")
    assert isinstance(item, Problem) and item.code == "CC007"


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"<!doctype html><html><body>x</body></html>", True),
        (b"  <html lang='en'>", True),
        (b"<div><p>a</p><p>b</p><p>c</p><a>d</a><span>e</span><br><p>f</p><p>g</p></div>", True),
        (b"A plain report. It says 3 < 4 and that is all.", False),
    ],
)
def test_ingest_files_html_sniffing(head: bytes, expected: bool) -> None:
    assert looks_like_html(head) is expected


def test_ingest_files_html_sniffed_without_extension(tmp_path: Path) -> None:
    page = tmp_path / "page.dat"
    shutil.copy(DATA / "article.html", page)
    assert _one(page).format == "html"


def test_ingest_files_stdin() -> None:
    stream = io.BytesIO("Stdin text with a “quote” and CRLF.\r\nSecond line.\r\n".encode())
    [article] = list(read_sources(["-"], SETTINGS, stdin=stream, outlet="Pasted"))
    assert isinstance(article, Article)
    assert article.source == "<stdin>" and article.outlet == "Pasted"
    assert article.text == "Stdin text with a “quote” and CRLF.\nSecond line.\n"


def test_ingest_files_read_text_helper() -> None:
    article = read_text("pasted", "One\r\ntwo", title="T", published="2024-01-02")
    assert article.text == "One\ntwo" and article.title == "T"
    assert article.published == "2024-01-02" and article.format == "text"
    assert article.id == text_hash("One\ntwo")[:16]
    page = read_text("pasted.html", (DATA / "article.html").read_text(encoding="utf-8"), html=True)
    assert page.format == "html" and page.outlet == "The Coastal Ledger"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-04-02", "2021-04-02"),
        ("2021-04-02T10:30:00Z", "2021-04-02T10:30:00+00:00"),
        ("2021-04-02 10:30", "2021-04-02T10:30:00"),
        ("April 2, 2021", "2021-04-02"),
        ("the Tuesday before", None),
        ("", None),
        (None, None),
    ],
)
def test_ingest_files_normalise_published(value: str | None, expected: str | None) -> None:
    assert normalise_published(value) == expected
