"""Shared fixtures: the spaCy pipeline once per session, and the shared data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.evaluate.base import shared_root


@pytest.fixture(scope="session")
def shared() -> Path:
    """The shared folder (seeds and corpora); tests that need it skip when it is absent."""
    root = shared_root()
    if not root.is_dir():
        pytest.skip(f"shared data not found at {root}")
    return root


@pytest.fixture(scope="session")
def nlp() -> object:
    """The spaCy pipeline, loaded once for the whole session."""
    from crosscheck.extract.nlp import load_nlp

    return load_nlp()
