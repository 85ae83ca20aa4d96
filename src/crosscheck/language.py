"""Language of an article: detected from its clean text, so no other language is read as English.

``detect_language(text)`` uses py3langid (a maintained fork of langid.py: a naive Bayes
model over byte n-grams, 97 languages, its model shipped inside the package: no download,
no network). It answers an ISO 639-1 code only when the text is long enough
(``MIN_LETTERS``) and the model sure enough (``MIN_CONFIDENCE``); otherwise ``None`` and
the article keeps the language it came with (``en`` unless a flag, sidecar or page said
otherwise). ``supported(code)`` says whether crosscheck has a pipeline (word lists and a
spaCy model) for that language: so far English only.

Not handled: articles that mix languages (one code per article, the majority one), and
texts shorter than ``MIN_LETTERS`` letters.
"""

from __future__ import annotations

import logging
import threading
from typing import Any

LOGGER = logging.getLogger(__name__)

__all__ = ["SUPPORTED", "detect_language", "language_name", "supported"]

#: Languages with an installed pipeline (word lists in ``crosscheck.extract.lexicon`` and a
#: spaCy model): an article in any other language is refused, never analysed as English.
SUPPORTED: frozenset[str] = frozenset({"en"})
# Below this many letters a text is too short to say (a headline, a caption).
MIN_LETTERS = 120
# The detector's normalised probability needed to name a language.
MIN_CONFIDENCE = 0.90
# Only the start of a long article is read (the language does not change halfway).
MAX_CHARS = 6000

_NAMES = {
    "en": "English", "fr": "French", "de": "German", "es": "Spanish", "it": "Italian",
    "pt": "Portuguese", "nl": "Dutch", "sv": "Swedish", "da": "Danish", "no": "Norwegian",
    "fi": "Finnish", "pl": "Polish", "cs": "Czech", "ro": "Romanian", "hu": "Hungarian",
    "el": "Greek", "tr": "Turkish", "ru": "Russian", "uk": "Ukrainian", "ar": "Arabic",
    "he": "Hebrew", "fa": "Persian", "hi": "Hindi", "zh": "Chinese", "ja": "Japanese",
    "ko": "Korean", "id": "Indonesian", "vi": "Vietnamese", "ca": "Catalan",
}  # fmt: skip

_LOCK = threading.Lock()
_IDENTIFIER: list[Any] = []


def _identifier() -> Any:
    """The py3langid identifier, loaded once per process (about 2 s), probabilities on."""
    with _LOCK:
        if not _IDENTIFIER:
            from py3langid.langid import (  # type: ignore[import-untyped]
                MODEL_FILE,
                LanguageIdentifier,
            )

            _IDENTIFIER.append(LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True))
        return _IDENTIFIER[0]


def detect_language(text: str) -> tuple[str, float] | None:
    """Return ``(ISO 639-1 code, confidence)`` of ``text``, or None when it cannot be told.

    Example:
        >>> detect_language("Le maire a annoncé lundi que la piscine municipale rouvrira "
        ...                 "en juin après deux ans de travaux, selon un communiqué publié "
        ...                 "par la mairie, qui promet aussi des horaires plus larges.")[0]
        'fr'
    """
    sample = text[:MAX_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return None
    try:
        code, confidence = _identifier().classify(sample)
    except Exception:  # a detector failure must not stop the batch: language unknown
        LOGGER.exception("language detection failed")
        return None
    if confidence < MIN_CONFIDENCE:
        return None
    return str(code), float(confidence)


def supported(code: str) -> bool:
    """Whether crosscheck has a pipeline for the language ``code``."""
    return code in SUPPORTED


def language_name(code: str) -> str:
    """The English name of a language code ("fr" -> "French"); the code when not listed."""
    return _NAMES.get(code, code)
