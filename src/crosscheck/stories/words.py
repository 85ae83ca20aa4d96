"""Words that say nothing about which event a text tells (shared by signatures and slots)."""

from __future__ import annotations

_STOP_TEXT = """
a about above after again against all also although am an and any are around as at be
because been before being below between both but by can could did do does doing down
during each either even ever every few for from further had has have having he her here
hers herself him himself his how however i if in into is it its itself just least less
like made make many may me might more most much must my myself near neither no nor not
now of off often on once one only or other others our ours ourselves out over own per
perhaps quite rather really said same say says she should since so some such than that
the their theirs them themselves then there these they this those though through thus to
too toward towards under until up upon us very via was we were what when where whether
which while who whom whose why will with within without would yet you your yours
yourself yourselves mr mrs ms dr st told tell according reported report reports news new
two three four five six seven eight nine ten first second last year years week weeks day
days time times monday tuesday wednesday thursday friday saturday sunday today yesterday
tomorrow january february march april may june july august september october november
december jan feb mar apr jun jul aug sep sept oct nov dec
"""
STOPWORDS: frozenset[str] = frozenset(_STOP_TEXT.split())
