"""NewsQuant quantity evaluation: scorer unit tests and a floor on a fixed subset."""

from __future__ import annotations

import pytest

from crosscheck.evaluate.base import shared_root
from crosscheck.evaluate.quantities import gold_items, match, units_agree


def test_eval_quantities_units_agree() -> None:
    assert units_agree("USD", "$", "dollar")
    assert units_agree("%", "per cent", "percentage")
    assert units_agree("seasons", "new seasons", "new season")
    assert units_agree(None, "-", "-")
    assert not units_agree("km", "miles", "mile")
    assert not units_agree(None, "$", "dollar")


def test_eval_quantities_ranges_split_into_two_items() -> None:
    items = gold_items([{"value": "1.0-1.5", "unit": "degrees", "change": "down"}])
    assert [i["num"] for i in items] == [1.0, 1.5]
    assert all(i["is_range"] for i in items)


def test_eval_quantities_match_value_unit_bound() -> None:
    golds = gold_items([
        {"value": "60.0", "unit": "%", "normalized_unit": "percentage", "change": ">"},
        {"value": "400", "unit": "people", "normalized_unit": "people", "change": "<"},
    ])  # fmt: skip
    preds = [
        {"value": 60.0, "unit": "%", "bound": ">"},
        {"value": 400.0000001, "unit": "people", "bound": "="},
        {"value": 7.0, "unit": None, "bound": "="},
    ]
    assert len(match(preds, golds)) == 2
    assert len(match(preds, golds, bound=True)) == 1
    assert len(match(preds[:1], golds, unit=False)) == 1


@pytest.mark.shared
@pytest.mark.slow
def test_eval_quantities_floor_on_subset() -> None:
    data = shared_root() / "data" / "newsquant"
    if not (data / "NewsQuant.dev.json").exists():
        pytest.skip("NewsQuant data not available")
    from crosscheck.evaluate.quantities import run

    result = run(data, limit=100)
    # Measured 2026-11-22 on the first 100 sentences: value+unit F1 0.857, bound F1 0.80.
    assert result.f1 >= 0.83
    assert result.measures["bound_f1"] >= 0.77
