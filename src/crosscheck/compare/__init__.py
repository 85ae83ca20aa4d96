"""Compare: the facts of several articles aligned, each finding labelled with its evidence.

One entry point, ``compare(analyses, settings) -> Report``. Modules, in the order the stage
runs them: ``entities`` (names merged across articles, camps), ``origins`` (copies and
citation chains counted once), ``quotes`` (quotes aligned by words and speaker), ``facts``
(numbers, dates and claims aligned; single-source items), ``slots`` (one slot of the story,
such as a hometown or a street, told with other values), ``core`` (the stage itself).
"""

from __future__ import annotations

from crosscheck.compare.core import compare

__all__ = ["compare"]
