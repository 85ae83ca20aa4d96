"""Fixed-seed generators of hostile inputs for the fuzz suite (issue 18).

Every generator takes a ``random.Random``; the same seed gives the same inputs on every
machine, so a failure is reproduced by its seed and index. Texts are news-like prose
written here, mangled: curly quotes and apostrophes in names, zero-width and bidi marks,
combining marks, emoji, lone surrogates, NUL and terminal escapes, impossible dates, runs
of punctuation and capitals, unbalanced quotes, HTML fragments, very long lines.
"""

from __future__ import annotations

import gzip
import random
from typing import Any

SENTENCES = (
    "The council voted 7 to 2 on Tuesday to close the Harbour Road bridge.",
    '"We had no choice once the inspectors found cracks," said Mayor Sean O’Brien.',
    "“It will reopen by March 4, 2026,” the transport director, Ana Müller, told reporters.",
    "About 14,000 vehicles a day will be diverted, the county said in a statement.",
    "Officials denied reports that the repairs would cost $12.5 million.",
    "Police said three people were taken to hospital after the crash on 2026-02-30.",
    "The Dáil committee (DC) met on Thursday; its chair, Siobhán Ní Bhriain, declined to comment.",
    "Residents were ordered out of 45 homes, according to the fire service.",
    "‘This is not over,’ she said, adding that the union would appeal.",
    "Shares fell 3.2% to 1,204p in London, the lowest since January 2009.",
    "The plan, officials said, will be reviewed in six weeks.",
    "He told the BBC: “We have 2,000 staff and we need 2,500.”",
    "Nurses at St. Mary’s walked out at 7 a.m. over a 4 per cent pay offer.",
    "„Das ist falsch“, sagte der Bürgermeister am Montag.",
    "Le maire a déclaré : « Nous avons reçu 1 200 plaintes. »",
    "警方表示，事故造成3人受伤。",
    "وقال المتحدث إن 12 شخصا أصيبوا.",
)
HOSTILE = (
    "\u200b",  # zero-width space
    "\u200d",  # zero-width joiner
    "\u202e",  # right-to-left override
    "\u2066",  # left-to-right isolate
    "\ufeff",  # byte-order mark inside text
    "\u0301\u0301\u0301",  # combining marks piled up
    "\U0001f600\U0001f4a5",  # emoji
    "\ud800",  # lone high surrogate
    "\udfff",  # lone low surrogate
    "\x00",  # NUL
    "\x1b]0;pwned\x07",  # terminal: set the window title
    "\x1b[2J\x1b[H",  # terminal: clear the screen
    "\r",
    "\r\n",
    "\u2028",  # line separator
    "\u00a0",
    "\x0c",
    "\ufffd",
    '"',
    "“",
    "’",
    "'",
    "(",
    "[[",
    "<script>alert(1)</script>",
    "&amp;&#0;&#x110000;",
    "2026-13-45",
    "31/02/2026",
    "1,2,3,4,5",
    "$-0.5bn",
    "1e308",
    "99999999999999999999999",
)
RUN_CHARS = "'\"!?.,-*=#@ABCDEFGHIJKLMNOPQRSTUVWXYZ’“”…"


def hostile_text(rng: random.Random, *, max_run: int = 400, long_lines: bool = False) -> str:
    """A news-like text of 1 to 12 sentences with hostile pieces spliced in."""
    parts: list[str] = []
    for _ in range(rng.randint(1, 12)):
        choice = rng.random()
        if choice < 0.55:
            parts.append(rng.choice(SENTENCES))
        elif choice < 0.8:
            parts.append(rng.choice(HOSTILE))
        elif choice < 0.9:
            char = rng.choice(RUN_CHARS)
            parts.append(char * rng.randint(2, max_run))
        elif choice < 0.95:
            word = rng.choice(("ABC", "O’", "“", "'s", "Dr.", "1,"))
            parts.append((word + rng.choice(("", " "))) * rng.randint(5, max_run // 4 + 5))
        else:
            parts.append("".join(chr(rng.randint(32, 0x2FFF)) for _ in range(rng.randint(1, 60))))
        parts.append(rng.choice((" ", " ", "\n", "\n\n", "")))
    if long_lines and rng.random() < 0.1:
        parts.append("\n".join(rng.choice("abcxyz.") for _ in range(rng.randint(100, 5000))))
    return "".join(parts)


def hostile_bytes(rng: random.Random) -> bytes:
    """Bytes an input file may hold: random, magic numbers, odd encodings, mangled text."""
    choice = rng.random()
    text = hostile_text(rng, long_lines=True)
    if choice < 0.2:
        return bytes(rng.getrandbits(8) for _ in range(rng.choice((16, 200, 3000))))
    if choice < 0.3:
        magic = rng.choice(
            (b"%PDF-1.4", b"\x89PNG\r\n\x1a\n", b"PK\x03\x04", b"\x1f\x8b", b"GIF89a")
        )
        return magic + bytes(rng.getrandbits(8) for _ in range(500))
    if choice < 0.4:
        return bytes(128 + rng.getrandbits(7) for _ in range(rng.choice((40, 400, 4000))))
    encoded = text.encode("utf-8", "surrogatepass")
    if choice < 0.5:
        return text.encode(rng.choice(("utf-16", "utf-16-le", "utf-32")), "surrogatepass")
    if choice < 0.6:
        return text.encode("latin-1", "replace")
    if choice < 0.65:
        return gzip.compress(encoded)
    if choice < 0.75:
        cut = rng.randint(0, len(encoded))
        return encoded[:cut] + bytes([rng.getrandbits(8)]) + encoded[cut:]
    if choice < 0.85:
        return (
            b"<html><head><title>" + encoded[:80] + b"</title></head><body><p>" + encoded + b"</p>"
        )
    return encoded


def hostile_record(rng: random.Random) -> dict[str, Any]:
    """A dataset record: text, title, outlet, date, author, url with hostile values."""
    values: list[Any] = [
        hostile_text(rng),
        rng.choice(HOSTILE),
        None,
        rng.randint(-(2**70), 2**70),
        rng.random(),
        ["a", None, "\ud800"],
        {"nested": "value"},
        "",
        "March 4, 2026",
        "Thu, 05 Mar 2026 10:00:00 GMT",
        "2026-02-30",
        "yesterday",
    ]
    record: dict[str, Any] = {}
    for key in ("text", "title", "outlet", "published", "author", "url"):
        if rng.random() < 0.8:
            record[key] = hostile_text(rng) if key == "text" else rng.choice(values)
    return record
