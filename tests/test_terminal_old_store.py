"""Issue 18: control sequences kept in an old store never reach the terminal.

Stores written before ingest replaced control characters can hold them in article text,
titles, outlets, dates, quotes and story titles. ``report``, ``stories`` and ``search``
print that data; each must make it inert at output time (``report._common.inert``),
whether or not the output is coloured. The store here is written directly, as the old
ingest did, without the stripping.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from click.testing import CliRunner

from _corpus_stage import analysis_of
from crosscheck.clean import clean
from crosscheck.cli import main
from crosscheck.ingest.files import read_text
from crosscheck.model import Story
from crosscheck.settings import Settings
from crosscheck.store import open_store

TITLE_SET = "\x1b]0;pwned\x07"  # sets the terminal's title
CLEAR = "\x1b[2J\x1b[H"  # clears the screen
C1 = "\x9b31m"  # CSI as a single C1 character
HOSTILE = (TITLE_SET, CLEAR, C1)
TEXTS = (
    "The Harrowgate flood barrier failed on Monday after 9 hours of rain, and 140 homes "
    f'were evacuated. "We have never seen water rise this fast,{TITLE_SET}" said Maria '
    "Ostrova, the county emergency coordinator. Engineers said repairs would cost 4 million "
    f"pounds and take 3 weeks.{CLEAR}",
    "Harrowgate residents left 140 homes on Monday when the flood barrier failed after 9 "
    f'hours of rain. "We have never seen water rise this fast,{TITLE_SET}" said Maria '
    f"Ostrova.{C1} Repairs will cost 5 million pounds and take 3 weeks, engineers said.",
)


@pytest.fixture()
def old_store(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'old.db'}"
    settings = Settings(db=url)
    store = open_store(url)
    try:
        ids = []
        for i, text in enumerate(TEXTS):
            raw = dataclasses.replace(
                read_text(f"old-{i}.txt", "placeholder"),
                id=f"{i + 1:016x}",
                text=text,
                title=f"Flood barrier{CLEAR} fails",
                outlet=f"\x07Harrowgate Gazette{C1}",
                published=f"2026-03-0{i + 2}{TITLE_SET}",
                url=f"https://gazette.example/flood-{i}{CLEAR}",
            )
            analysis = analysis_of(clean(raw, settings))
            assert TITLE_SET in analysis.article.text  # what an old ingest kept
            assert store.add_analysis(analysis)
            ids.append(analysis.article.id)
        store.put_story(Story("s1", tuple(ids), title=f"Flood{TITLE_SET} barrier"))
    finally:
        store.close()
    return url


@pytest.mark.parametrize("colour", [False, True])
@pytest.mark.parametrize(
    "command", [["report", "s1"], ["stories"], ["search", "rise"], ["search", "Harrowgate"]]
)
def test_old_store_output_is_inert(old_store: str, command: list[str], colour: bool) -> None:
    env = {"FORCE_COLOR": "1", "TERM": "xterm-256color"} if colour else {"NO_COLOR": "1"}
    result = CliRunner(env=env).invoke(main, [*command, "--db", old_store])
    assert result.exit_code == 0, result.output
    out = result.output
    assert "Flood" in out or "fast" in out  # the hostile records are shown...
    for sequence in HOSTILE:
        assert sequence not in out, (command, sequence)  # ...without their sequences
    assert "\x07" not in out and "\x9b" not in out
    if not colour:
        assert "\x1b" not in out


def test_problem_lines_on_stderr_are_inert(tmp_path: Path) -> None:
    """A problem names its source: a file name holding a terminal sequence is printed inert."""
    bad = tmp_path / f"notes{CLEAR}{TITLE_SET}.txt"
    bad.write_text("too short")
    result = CliRunner().invoke(main, ["compare", str(bad), str(bad)])
    assert result.exit_code != 0
    assert "notes" in result.stderr
    assert not any(seq in result.stderr for seq in HOSTILE)
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
