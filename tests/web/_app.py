"""Helpers for the in-process web tests: a filled store, a test client, a tiny CSS selector.

``filled_store`` ingests the project's ``examples/`` plus two hostile articles written here
(an invented story whose text carries ``<script>`` and ``"><img onerror>`` payloads) into a
SQLite file once per test process, and hands each caller a private copy, so modules that
write (ingest, delete) never disturb the others. ``select`` understands the selectors the
web contract uses (``tag#id.class[attr="v"]`` and descendants) over ``lxml.html``.
"""

from __future__ import annotations

import atexit
import functools
import json
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path

from fastapi.testclient import TestClient
from lxml import html as lxml_html

from crosscheck.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "examples"

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
HOSTILE_SPEAKER = "Petra Lindqvist-Oyelaran"

# Two invented reports of one invented event, in our own words. The first quotes both
# payloads (curly outer quote marks keep the straight ``"`` inside the quote) and puts one in
# the headline so it also reaches titles and story names.
HOSTILE: dict[str, tuple[str, dict[str, str]]] = {
    "orchard-gazette.txt": (
        f"Library catalogue defaced {SCRIPT} as Brindle Hollow closes branch\n\n"
        "BRINDLE HOLLOW, April 7 — The public library of Brindle Hollow shut its online "
        "catalogue on Monday after a visitor typed code into the book review form, the "
        "town's library board said. About 1,800 reviews are being checked by hand.\n\n"
        f"“Somebody pasted {SCRIPT} into a review and then {IMG} into the reader name box, "
        f"and the catalogue showed it to everyone,” library systems head {HOSTILE_SPEAKER} "
        "said on Tuesday.\n\n"
        f"{HOSTILE_SPEAKER} said no borrower records had been read and that the catalogue "
        "would be back on Friday.\n\n"
        "The branch lends about 600 books a week, according to the library board.\n",
        {"outlet": "Orchard Gazette", "published": "2026-04-07", "author": "Noor Achterberg"},
    ),
    "valley-ledger.txt": (
        "Brindle Hollow library catalogue offline after review form attack\n\n"
        "BRINDLE HOLLOW, April 8 — Readers in Brindle Hollow are reserving books by phone "
        "again after the library's online catalogue was shut on Monday, when a visitor "
        "typed code into its review form.\n\n"
        f"Library systems head {HOSTILE_SPEAKER} said about 2,100 reviews were being "
        "checked by hand. “No borrower records were read, and the catalogue will be back "
        f"on Friday,” {HOSTILE_SPEAKER} said.\n\n"
        "The branch lends about 600 books a week, the library board said.\n",
        {"outlet": "Valley Ledger", "published": "2026-04-08"},
    ),
}


@dataclass(frozen=True, slots=True)
class Filled:
    """A private copy of the filled store and what the tests look up in it."""

    settings: Settings
    example_story: str
    hostile_story: str


@functools.cache
def _master() -> tuple[Path, str, str]:
    """Ingest once per process; return the database path and the two story ids."""
    from crosscheck.corpus import ingest
    from crosscheck.store import open_store

    folder = Path(tempfile.mkdtemp(prefix="cc-web-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    hostile = folder / "hostile"
    hostile.mkdir()
    for name, (text, meta) in HOSTILE.items():
        (hostile / name).write_text(text, encoding="utf-8")
        (hostile / (Path(name).stem + ".meta.json")).write_text(json.dumps(meta), "utf-8")
    db = folder / "master.db"
    settings = Settings.from_env(db=f"sqlite:///{db}", processes=1)
    ingest([str(EXAMPLES), str(hostile)], settings, progress=False)
    example = hostile_id = ""
    with closing(open_store(settings.db)) as store:
        for story in store.list_stories(limit=100):
            for article_id in story.articles:
                article = store.get_article(article_id)
                if article is None:
                    continue
                if SCRIPT in article.text:
                    hostile_id = story.id
                if article.outlet == "The Marrowfield Courier":
                    example = story.id
    assert example and hostile_id and example != hostile_id, "fixture stories not found"
    return db, example, hostile_id


def filled_store(directory: Path) -> Filled:
    """A private copy (in ``directory``) of the store filled from examples + hostile texts."""
    db, example, hostile = _master()
    target = directory / "web.db"
    shutil.copyfile(db, target)
    return Filled(Settings.from_env(db=f"sqlite:///{target}", processes=1), example, hostile)


def client_for(settings: Settings, **kwargs: object) -> Iterator[TestClient]:
    """A test client over ``create_app(settings, **kwargs)``; closes the store afterwards."""
    from crosscheck.web.app import create_app

    app = create_app(settings, **kwargs)  # type: ignore[arg-type]
    with TestClient(app) as client:
        yield client


# --- a tiny CSS selector over lxml -------------------------------------------------------
def _xpath_step(simple: str) -> str:
    tag, rest = _split_tag(simple)
    conds = []
    i = 0
    while i < len(rest):
        ch = rest[i]
        if ch in "#.":
            j = i + 1
            while j < len(rest) and rest[j] not in "#.[":
                j += 1
            name = rest[i + 1 : j]
            if ch == "#":
                conds.append(f"@id='{name}'")
            else:
                conds.append(f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')")
            i = j
        elif ch == "[":
            j = rest.index("]", i)
            body = rest[i + 1 : j]
            if "~=" in body:
                attr, value = body.split("~=", 1)
                value = value.strip("\"'")
                conds.append(f"contains(concat(' ', normalize-space(@{attr}), ' '), ' {value} ')")
            elif "=" in body:
                attr, value = body.split("=", 1)
                conds.append(f"@{attr}='{value.strip(chr(34) + chr(39))}'")
            else:
                conds.append(f"@{body}")
            i = j + 1
        else:
            raise ValueError(f"unsupported selector {simple!r}")
    return tag + "".join(f"[{c}]" for c in conds)


def _split_tag(simple: str) -> tuple[str, str]:
    i = 0
    while i < len(simple) and simple[i] not in "#.[":
        i += 1
    return (simple[:i] or "*"), simple[i:]


def select(root: object, selector: str) -> list[lxml_html.HtmlElement]:
    """Elements under ``root`` matching a simple CSS selector (descendant combinator only)."""
    path = "." + "".join("//" + _xpath_step(part) for part in selector.split())
    found: list[lxml_html.HtmlElement] = root.xpath(path)  # type: ignore[attr-defined]
    return found


def parse(text: str) -> lxml_html.HtmlElement:
    """Parse an HTML page."""
    return lxml_html.fromstring(text)
