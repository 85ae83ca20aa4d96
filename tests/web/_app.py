"""Helpers for the in-process web tests: a filled store, a test client, a tiny CSS selector.

``filled_store`` fills a SQLite store once per test process with ``_live.build_store``
(the project's ``examples/`` plus the hostile articles whose text carries ``<script>`` and
``"><img onerror>`` payloads), and hands each caller a private copy, so modules that
write (ingest, delete) never disturb the others. ``select`` understands the selectors the
web contract uses (``tag#id.class[attr="v"]`` and descendants) over ``lxml.html``.
"""

from __future__ import annotations

import atexit
import functools
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from _live import EXAMPLES, HOSTILE_SPEAKER, IMG_PAYLOAD, SCRIPT_PAYLOAD, build_store
from fastapi.testclient import TestClient
from lxml import html as lxml_html

from crosscheck.settings import Settings

__all__ = [
    "EXAMPLES",
    "HOSTILE_SPEAKER",
    "IMG",
    "SCRIPT",
    "Filled",
    "client_for",
    "filled_store",
    "parse",
    "select",
]

SCRIPT = SCRIPT_PAYLOAD
IMG = IMG_PAYLOAD


@dataclass(frozen=True, slots=True)
class Filled:
    """A private copy of the filled store and what the tests look up in it."""

    settings: Settings
    example_story: str
    hostile_story: str


@functools.cache
def _master() -> tuple[Path, str, str]:
    """Ingest once per process; return the database path and the two story ids."""
    folder = Path(tempfile.mkdtemp(prefix="cc-web-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    live = build_store(folder)
    example, hostile = live.example_story, live.hostile_story
    assert example and hostile and example != hostile, "fixture stories not found"
    return live.db_path, example, hostile


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
    with TestClient(app, base_url="http://127.0.0.1") as client:
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
