"""TempEval-3 date evaluation: scorer unit tests and a floor on a fixed subset."""

from __future__ import annotations

from pathlib import Path

import pytest

from crosscheck.evaluate.base import shared_root
from crosscheck.evaluate.dates import Gold, Pred, Tally, parse_tml, score_doc, to_timeml

TML = """<?xml version="1.0" ?>
<TimeML><DOCID>X1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2001-04-06">April 6, 2001</TIMEX3></DCT>
<TEXT>
The dam burst <TIMEX3 tid="t1" type="DATE" value="2001-04-05">Thursday</TIMEX3> after
<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> of rain &amp; wind.
</TEXT></TimeML>
"""


def test_eval_dates_parse_tml(tmp_path: Path) -> None:
    path = tmp_path / "x1.tml"
    path.write_text(TML, encoding="utf-8")
    doc = parse_tml(path, "dev")
    assert doc.dct == "2001-04-06"
    spans = [(doc.text[g.start : g.end], g.type, g.value) for g in doc.gold]
    assert spans == [("Thursday", "DATE", "2001-04-05"), ("three days", "DURATION", "P3D")]
    assert "rain & wind" in doc.text


def test_eval_dates_score_strict_relaxed_value() -> None:
    gold = [Gold(0, 8, "DATE", "2001-04-05"), Gold(20, 30, "DATE", "2001")]
    preds = [Pred(0, 8, "DATE", "2001-04-05"), Pred(18, 30, "DATE", "2000"),
             Pred(40, 45, "TIME", None)]  # fmt: skip
    tally = Tally()
    errors = score_doc(gold, preds, frozenset({"DATE", "TIME"}), tally)
    assert (tally.gold, tally.pred, tally.strict, tally.relaxed, tally.value_ok) == (2, 3, 1, 2, 1)
    assert {e["kind"] for e in errors} == {"value", "span", "extra"}


def test_eval_dates_to_timeml_mapping() -> None:
    assert to_timeml("--03-18", "March 18") == "XXXX-03-18"
    assert to_timeml(None, "recently") == "PAST_REF"
    assert to_timeml("2001-04-06", "now") == "PRESENT_REF"
    assert to_timeml("2001-04-05T18:00/2001-04-05T22:00", "Thursday evening") == "2001-04-05TEV"
    assert to_timeml("2001-03-29/2001-03-30", "March 29-30") is None


@pytest.mark.shared
def test_eval_dates_floor_on_dev_subset() -> None:
    data = shared_root() / "data" / "tempeval3"
    if not data.is_dir():
        pytest.skip("TempEval-3 data not available")
    from crosscheck.evaluate.dates import run

    result = run(data, split="dev", limit=20, with_parse=False)
    # Measured 2026-11-22 on these 20 AQUAINT docs: strict F1 0.884, relaxed F1 0.912,
    # value accuracy 0.796 (was 0.866 / 0.903 / 0.786).
    assert result.f1 >= 0.87
    assert result.measures["relaxed_f1"] >= 0.90
    assert result.measures["value_accuracy"] >= 0.78
    assert result.measures["split"] == "dev"
