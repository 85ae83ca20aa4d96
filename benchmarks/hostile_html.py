"""Ingest of 1,000 hostile HTML pages: seconds a page, stored and refused, no crash.

Issue 18 asks that a 1,000-file ingest of hostile HTML run at no more than 0.1 s a page on
average. This script writes 1,000 pages from a fixed seed (broken and unclosed tags, huge
attributes, deep nesting, scripts and styles, entity floods, pages in UTF-16, Latin-1 or
Windows-1252 with and without a declared charset, binary junk behind an HTML head, tiny
and empty pages; about one in five a normal news page) and times ``crosscheck ingest`` of
the folder into a fresh SQLite store, findings refresh included.

Usage::

    .venv/bin/python benchmarks/hostile_html.py write OUT_DIR [--pages 1000]
    .venv/bin/python benchmarks/hostile_html.py ingest OUT_DIR     # prints one JSON line

Run ``ingest`` under ``/usr/bin/time -v`` for the peak memory.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SEED = 1818

PARAGRAPHS = (
    "The city council voted 6 to 3 on Tuesday to close the Harbour Road bridge for repairs "
    "after inspectors found cracks in two of its supports.",
    "“We had no choice once the engineers showed us the photographs,” said Mayor Sean "
    "O’Brien, who called the vote “painful but necessary.”",
    "About 14,000 vehicles cross the bridge each day, according to the county transport "
    "department, and the detour adds roughly 20 minutes to the trip into town.",
    "The repairs are expected to cost $12.5 million and to take until March 4, 2027, the "
    "transport director, Ana Müller, told reporters.",
    "Shop owners on Quay Street said they feared losing customers. “Half of my trade comes "
    "over that bridge,” said Joan Feeney, who runs a bakery near the river.",
    "Opposition councillors said the closure could have been avoided had the council "
    "acted on a 2019 report that warned of corrosion.",
    "The bridge, opened in 1964, carries the main water pipe to the east side of the "
    "city, which will be rerouted before work begins, officials said.",
    "Police will set up temporary traffic lights at three junctions on the detour route.",
)
WORDS = ("bridge", "council", "vote", "repair", "river", "traffic", "mayor", "budget", "cracks")


def _news(rng: random.Random, title: str = "Council votes to close Harbour Road bridge") -> str:
    paras = rng.sample(PARAGRAPHS, rng.randint(4, len(PARAGRAPHS)))
    body = "\n".join(f"<p>{p}</p>" for p in paras)
    return (
        "<!doctype html><html lang=en><head><meta charset=utf-8>"
        f"<title>{title}</title>"
        '<meta name="author" content="Kate Byrne">'
        '<meta property="article:published_time" content="2026-03-02T09:00:00Z">'
        '<meta property="og:site_name" content="Harbour Herald">'
        "</head><body><nav><a href=/>Home</a> <a href=/news>News</a></nav>"
        f"<article><h1>{title}</h1>\n{body}\n</article>"
        "<footer>© Harbour Herald</footer></body></html>"
    )


def _broken_tags(rng: random.Random) -> str:
    page = _news(rng)
    out = []
    for ch in page:
        r = rng.random()
        if ch == ">" and r < 0.2:
            continue  # unclosed tag
        if ch == "<" and r < 0.05:
            out.append("<<")
        out.append(ch)
    out.append("<div><p><span><table><tr><td>" * rng.randint(1, 50))
    return "".join(out)


def _huge_attribute(rng: random.Random) -> str:
    value = "".join(rng.choice("abcdef0123456789=&;/") for _ in range(rng.randint(10**5, 10**6)))
    page = _news(rng)
    return page.replace("<article>", f'<article data-x="{value}" style="{value[:5000]}">', 1)


def _deep_nesting(rng: random.Random) -> str:
    depth = rng.choice((500, 2000, 10000, 50000))
    tag = rng.choice(("div", "span", "b", "blockquote", "li", "table"))
    inner = "<p>" + rng.choice(PARAGRAPHS) + "</p>"
    closing = f"</{tag}>" * depth if rng.random() < 0.5 else ""
    return f"<html><body>{f'<{tag}>' * depth}{inner}{closing}</body></html>"


def _scripts(rng: random.Random) -> str:
    script = "var a=1;" * rng.randint(100, 20000)
    page = _news(rng)
    junk = (
        f"<script>{script}</script><style>{'p{color:red}' * rng.randint(10, 5000)}</style>"
        "<script>document.write('<p>' + '</p>'.repeat(99))</script>"
        "<noscript><p>Enable JavaScript</p></noscript><script>unterminated "
    )
    return page.replace("<body>", "<body>" + junk, 1) if rng.random() < 0.7 else junk * 3


def _entity_flood(rng: random.Random) -> str:
    entity = rng.choice(
        ("&amp;", "&#0;", "&#x110000;", "&nbsp;", "&#8217;", "&bogus;", "&#99999999;")
    )
    flood = entity * rng.randint(1000, 100000)
    return _news(rng).replace("</h1>", "</h1><p>" + flood + "</p>", 1)


def _encoded(rng: random.Random) -> bytes:
    page = _news(rng, "Conseil municipal : le pont de la rue Harbour fermé")
    page = page.replace("Kate Byrne", "Zoë Lefèvre").replace("Müller", "Müller–Ščepánová")
    encoding = rng.choice(("utf-16", "utf-16-le", "latin-1", "cp1252", "shift_jis", "koi8-r"))
    declared = rng.random() < 0.5
    if not declared:
        page = page.replace("<meta charset=utf-8>", "")
    elif encoding != "utf-16-le":
        page = page.replace("charset=utf-8", f"charset={encoding}")
    return page.encode(encoding, "replace")


def _mixed_encodings(rng: random.Random) -> bytes:
    page = _news(rng).encode("utf-8")
    latin = "Café Müller’s façade — naïve".encode("cp1252", "replace")
    cut = rng.randint(0, len(page))
    return page[:cut] + latin * rng.randint(1, 30) + page[cut:]


def _binary(rng: random.Random) -> bytes:
    head = b"<html><head><title>Report</title></head><body>"
    junk = bytes(rng.getrandbits(8) for _ in range(rng.choice((64, 2000, 40000))))
    if rng.random() < 0.3:
        junk = junk.replace(b"\x00", b"\x01")  # binary with no NUL byte
    return head + junk if rng.random() < 0.7 else junk


def _tiny(rng: random.Random) -> bytes:
    return rng.choice(
        (
            b"",
            b" ",
            b"<html></html>",
            b"<p>",
            b"<!doctype html>",
            b"\xef\xbb\xbf",
            b"<p>Hi.</p>",
            b"<html><body><p>The council met.</p></body></html>",
            b"\n\n\n",
        )
    )


def _long_lines(rng: random.Random) -> str:
    word = rng.choice(WORDS)
    body = " ".join(word for _ in range(rng.randint(1000, 60000)))
    return f"<html><body><p>{body}</p><pre>{'x' * rng.randint(1000, 200000)}</pre></body></html>"


def _many_paragraphs(rng: random.Random) -> str:
    paras = "".join(f"<p>{rng.choice(PARAGRAPHS)}</p>" for _ in range(rng.randint(200, 1500)))
    return f"<html><body><article>{paras}</article></body></html>"


def _comments_and_cdata(rng: random.Random) -> str:
    page = _news(rng)
    junk = "<!--" + "-- >" * rng.randint(10, 5000) + "<![CDATA[" + "]]" * rng.randint(10, 500)
    return page.replace("<article>", "<article>" + junk, 1)


def _tables(rng: random.Random) -> str:
    rows = "".join(
        "<tr>" + "".join(f"<td>{rng.randint(0, 10**6)}</td>" for _ in range(20)) + "</tr>"
        for _ in range(rng.randint(50, 2000))
    )
    return _news(rng).replace("</article>", f"<table>{rows}</table></article>", 1)


KINDS: tuple[tuple[str, float, Callable[[random.Random], str | bytes]], ...] = (
    ("news", 0.2, _news),
    ("broken_tags", 0.1, _broken_tags),
    ("huge_attribute", 0.05, _huge_attribute),
    ("deep_nesting", 0.08, _deep_nesting),
    ("scripts", 0.08, _scripts),
    ("entity_flood", 0.08, _entity_flood),
    ("encoded", 0.08, _encoded),
    ("mixed_encodings", 0.06, _mixed_encodings),
    ("binary", 0.07, _binary),
    ("tiny", 0.07, _tiny),
    ("long_lines", 0.04, _long_lines),
    ("many_paragraphs", 0.03, _many_paragraphs),
    ("comments_cdata", 0.03, _comments_and_cdata),
    ("tables", 0.03, _tables),
)


def page(rng: random.Random) -> tuple[str, bytes]:
    """One page: ``(kind, bytes)``."""
    r = rng.random()
    chosen = KINDS[-1]
    for entry in KINDS:
        r -= entry[1]
        if r < 0:
            chosen = entry
            break
    kind, _, make = chosen
    data = make(rng)
    return kind, data.encode("utf-8", "surrogatepass") if isinstance(data, str) else data


def write(out: Path, pages: int = 1000, seed: int = SEED) -> dict[str, int]:
    """Write ``pages`` pages into ``out`` as ``NNNN_kind.html``; return the count per kind."""
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    kinds: dict[str, int] = {}
    for n in range(pages):
        kind, data = page(rng)
        # every page a distinct article: the news ones differ by a serial in the title
        data = data.replace(b"Harbour Road bridge</title>", f"bridge {n}</title>".encode(), 1)
        (out / f"{n:04d}_{kind}.html").write_bytes(data)
        kinds[kind] = kinds.get(kind, 0) + 1
    return kinds


def ingest(folder: Path) -> dict[str, Any]:
    """Ingest ``folder`` into a fresh SQLite store and return the figures."""
    exe = str(Path(sys.executable).with_name("crosscheck"))
    work = Path(tempfile.mkdtemp(prefix="hostile-html-"))
    path = work / "store.db"
    pages = len(list(folder.glob("*.html")))
    started = time.perf_counter()
    proc = subprocess.run(
        [exe, "ingest", str(folder), "--db", f"sqlite:///{path}", "--no-progress"],
        capture_output=True,
        text=True,
        check=False,
    )
    seconds = time.perf_counter() - started
    with sqlite3.connect(path) as con:
        stored = con.execute("select count(*) from articles").fetchone()[0]
        refused = con.execute(
            "select count(distinct source) from problems where fatal and article_id is null"
        ).fetchone()[0]
        codes = dict(con.execute("select code, count(*) from problems group by code").fetchall())
    return {
        "pages": pages,
        "seconds": round(seconds, 1),
        "seconds_per_page": round(seconds / max(1, pages), 4),
        "stored": stored,
        "refused": refused,
        "problem_codes": codes,
        "exit_code": proc.returncode,
        "tracebacks": proc.stderr.count("Traceback"),
        "summary": proc.stdout.strip()[-400:],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("write", "ingest"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--pages", type=int, default=1000)
    args = parser.parse_args()
    if args.mode == "write":
        print(json.dumps(write(args.folder, args.pages)))
    else:
        print(json.dumps(ingest(args.folder)))


if __name__ == "__main__":
    main()
