"""Engines: where the per-article stage (clean -> analyze -> signature) runs.

``local`` (the default) runs it in this process or on a local process pool.
"""

from __future__ import annotations

from crosscheck.engine.local import run_stage
from crosscheck.engine.stages import Processed, process_chunk

__all__ = ["Processed", "process_chunk", "run_stage"]
