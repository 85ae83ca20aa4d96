"""Exceptions with stable codes.

Codes are stable across releases so scripts and users can rely on them: ``[CC001] ...``.
A ``Problem`` in the model carries the same code when an input is skipped rather than
raised.
"""

from __future__ import annotations

CODES: dict[str, str] = {
    "CC001": "input not found",
    "CC002": "input unreadable",
    "CC003": "input is empty (no text after cleaning)",
    "CC004": "input looks binary, not text",
    "CC005": "input too large",
    "CC006": "text encoding could not be determined",
    "CC007": "HTML page has no extractable main text",
    "CC008": "fetch failed",
    "CC009": "address refused (private, loopback or link-local)",
    "CC010": "robots.txt disallows this URL",
    "CC011": "too few usable articles to compare",
    "CC012": "no English pipeline installed",
    "CC013": "bad sidecar metadata",
    "CC014": "store error",
    "CC015": "unsupported input format",
    "CC016": "evaluation data not found",
    "CC017": "duplicate input (same text as another article)",
    "CC018": "write refused: token missing or wrong, or a cross-site request",
    "CC019": "usage error: a bad option, store URL or environment setting",
    "CC020": "language not supported (no pipeline installed for it)",
    "CC021": "too many articles for one comparison (ingest them into a store instead)",
}


class CrosscheckError(Exception):
    """Base class: every error carries a stable code and a plain-language message."""

    code = "CC000"

    def __init__(self, message: str, *, code: str | None = None) -> None:
        if code is not None:
            self.code = code
        super().__init__(f"[{self.code}] {message}")
        self.message = message


class InputError(CrosscheckError):
    """An input (file, URL, record) cannot be used; the batch goes on without it."""

    def __init__(self, source: str, message: str, *, code: str) -> None:
        super().__init__(f"{source}: {message}", code=code)
        self.source = source
        self.reason = message


class ModelNotFoundError(CrosscheckError):
    """No spaCy English pipeline could be loaded."""

    code = "CC012"


class NothingToCompareError(CrosscheckError):
    """No usable article remained after ingest."""

    code = "CC011"


class TooManyArticlesError(CrosscheckError):
    """More articles than one in-memory comparison takes; a store groups them into stories."""

    code = "CC021"


class StoreError(CrosscheckError):
    """The store could not be opened or written."""

    code = "CC014"


class EvalDataError(CrosscheckError):
    """Evaluation data is missing or not in the expected format."""

    code = "CC016"
