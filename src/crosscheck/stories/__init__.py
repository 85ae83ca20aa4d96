"""Stories: near-duplicate detection and incremental grouping of articles into stories.

One entry point for grouping, ``group_stories(signatures, settings)``; ``signature`` turns an
article into what grouping reads, ``find_copies`` finds syndicated copies, and ``StoryIndex``
keeps the grouping state between ingests. Modules: ``signature`` (MinHash and features),
``slots`` (typed numbers and names), ``story`` (an open story and its scoring), ``index``
(the incremental index), ``state`` (its persistence), ``copies`` (copy detection).
"""

from __future__ import annotations

from crosscheck.stories.copies import CopyLink, find_copies, independent_sources
from crosscheck.stories.index import Assignment, StoryIndex, group_stories
from crosscheck.stories.signature import Signature, day_number, signature

__all__ = [
    "Assignment",
    "CopyLink",
    "Signature",
    "StoryIndex",
    "day_number",
    "find_copies",
    "group_stories",
    "independent_sources",
    "signature",
]
