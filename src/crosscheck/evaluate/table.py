"""The README's accuracy table, rendered from the figures ``crosscheck eval all --json`` prints.

``make eval`` runs every evaluation once and rewrites the part of the README between the
``<!-- accuracy:start -->`` and ``<!-- accuracy:end -->`` markers with this table, so the
README shows exactly what the command printed. The anchors are published figures of other
systems (or our own baselines from the same run) and are labelled as such.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

LOGGER = logging.getLogger(__name__)

START = "<!-- accuracy:start -->"
END = "<!-- accuracy:end -->"

Row = tuple[str, str, str, str]
Figures = dict[str, Any]


def _fs(values: Any) -> str:
    """Per-fold figures, ``0.91 / 0.85 / ...``; ``-`` when there are none."""
    return " / ".join(_f(v) for v in values) if values else "-"


def _f(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, int | float) else "n/a"


def _quotes(r: Figures) -> list[Row]:
    data = f"PolNeAR {r.get('split', 'dev')} ({r['items']} docs)"
    return [
        (
            "quotes, content overlap F1",
            data,
            f"{_f(r['f1'])} (P {_f(r['precision'])}, R {_f(r['recall'])}; direct "
            f"{_f(r.get('direct_f1'))}, indirect {_f(r.get('indirect_f1'))}); 5 article "
            f"folds, cue threshold chosen on the other folds: mean "
            f"{_f(r.get('fold_mean_f1'))}, worst {_f(r.get('fold_min_f1'))}",
            "Gender Gap Tracker F1 0.837 (published)",
        ),
        (
            "quote speakers",
            "same",
            f"{_f(r.get('speaker_accuracy'))} of found quotes (cue accuracy "
            f"{_f(r.get('cue_accuracy'))}); folds: mean "
            f"{_f(r.get('fold_mean_speaker_accuracy'))}, worst "
            f"{_f(r.get('fold_min_speaker_accuracy'))}",
            "Gender Gap Tracker 0.865 (published)",
        ),
        (
            "speech-marked quotes",
            "same",
            f"P {_f(r.get('speech_p'))} against all attributions; against verbs of saying "
            f"P {_f(r.get('speech_saying_p'))}, R {_f(r.get('speech_saying_r'))}; beliefs "
            f"among matched {_f(r.get('speech_belief_share'))}; folds P mean "
            f"{_f(r.get('fold_mean_speech_p'))}, worst {_f(r.get('fold_min_speech_p'))}",
            "PolNeAR has no speech/thought label: classes from the gold cue's words",
        ),
        (
            "thought- and act-marked quotes",
            "same",
            f"beliefs among matched thoughts {_f(r.get('thought_belief_share'))}; among "
            f"matched acts: beliefs {_f(r.get('act_belief_share'))}, verbs of saying "
            f"{_f(r.get('act_saying_share'))}",
            "same",
        ),
    ]


# TempEval-3's parts as our splits (see crosscheck.evaluate.dates).
_TEMPEVAL = {"dev": "AQUAINT (dev)", "train": "TimeBank (train)", "all": "AQUAINT + TimeBank"}


def _dates(r: Figures) -> list[Row]:
    speed = r.get("tokens_per_s")
    folds = (
        f"; {r['folds']} fixed-seed folds of TimeBank + AQUAINT ({sum(r.get('fold_docs', []))} "
        f"docs), optional rules chosen on the other folds: strict F1 mean "
        f"{_f(r.get('fold_mean_f1'))}, worst {_f(r.get('fold_min_f1'))}, spread "
        f"{_f(r.get('fold_spread_f1'))}; value accuracy mean "
        f"{_f(r.get('fold_mean_value_accuracy'))}, worst {_f(r.get('fold_min_value_accuracy'))}; "
        f"relaxed F1 mean {_f(r.get('fold_mean_relaxed_f1'))}, worst "
        f"{_f(r.get('fold_min_relaxed_f1'))}"
        if r.get("folds")
        else ""
    )
    return [
        (
            "dates, DATE+TIME strict span F1",
            f"TempEval-3 {_TEMPEVAL.get(r.get('split', 'dev'), r.get('split'))} "
            f"({r['items']} docs)",
            f"{_f(r.get('strict_f1', r['f1']))} (relaxed {_f(r.get('relaxed_f1'))}, value "
            f"accuracy {_f(r.get('value_accuracy'))}){folds}",
            "HeidelTime strict F1 0.818 (published)",
        ),
        (
            "date extractor speed",
            "same",
            f"{speed / 1000:.1f}k tokens/s without the parse" if speed else "n/a",
            "HeidelTime: 49 s for the test set (published)",
        ),
    ]


def _quantities(r: Figures) -> list[Row]:
    return [
        (
            "quantities, value+unit F1",
            f"NewsQuant {r.get('split', 'dev')} ({r['items']} sentences)",
            f"{_f(r['f1'])} (P {_f(r['precision'])}, R {_f(r['recall'])}; +bound "
            f"{_f(r.get('bound_f1'))}); 5 fixed-seed folds: mean {_f(r.get('fold_mean_f1'))}, "
            f"worst {_f(r.get('fold_min_f1'))}",
            "no rule or threshold is fitted, so no fold is used to choose one",
        )
    ]


def _html(r: Figures) -> list[Row]:
    return [
        (
            "main text from HTML, token F1",
            f"Scrapinghub article-extraction benchmark ({r['items']} pages)",
            f"{_f(r['f1'])} (P {_f(r['precision'])}, R {_f(r['recall'])}); tuned on these "
            "pages, no held-out split",
            "trafilatura alone 0.958 (published); peers on our scorer below",
        )
    ]


def _stories(r: Figures) -> list[Row]:
    return [
        (
            "story grouping, BCubed F1",
            f"ECB+ ({r['items']} docs)",
            f"{_f(r.get('bcubed_f1', r['f1']))} (P {_f(r.get('bcubed_p'))}, R "
            f"{_f(r.get('bcubed_r'))}; pairwise F1 {_f(r.get('pairwise_f1'))}); 5 topic folds, "
            f"settings chosen on the other folds: mean {_f(r.get('fold_mean_f1'))}, worst "
            f"{_f(r.get('fold_min_f1'))}, margin over the baseline at least "
            f"{_f(r.get('fold_margin_min'))}; as `crosscheck ingest` groups (one article at a "
            f"time, then the run's merges): folds {_fs(r.get('fold_stream_default_f1'))} with the "
            f"shipped settings, {_fs(r.get('fold_stream_f1'))} with settings chosen on the "
            f"other folds (baseline per fold {_fs(r.get('fold_baseline_f1'))})",
            f"TF-IDF + average-link baseline {_f(r.get('baseline_bcubed_f1'))}; one cluster "
            f"per topic {_f(r.get('topic_bcubed_f1'))} (same run)",
        )
    ]


def _findings(r: Figures) -> list[Row]:
    data = f"crossnews {r.get('split', 'dev')} ({r.get('sets')} sets, {r['items']} articles)"

    def halves(key: str) -> str:
        return f"tune {_f(r.get('tune_' + key))} / check {_f(r.get('check_' + key))}"

    kinds = ", ".join(
        f"{k[len('precision_') :]} {_f(v)} of {r.get('count_' + k[len('precision_') :])}"
        for k, v in r.items()
        if k.startswith("precision_") and not k.startswith("precision_by")
    )
    return [
        (
            "conflicts found by compare",
            data,
            f"P {_f(r['precision'])} of {r.get('conflict_findings')} flags ({kinds or 'none'}); "
            f"R {_f(r['recall'])} of {r.get('gold_conflicts')} gold (numeric "
            f"{_f(r.get('recall_numeric'))}, contradiction {_f(r.get('recall_contradiction'))}, "
            f"attribution {_f(r.get('recall_attribution'))}, date {_f(r.get('recall_date'))}); "
            f"P {halves('conflict_precision')}; R {halves('conflict_recall')}; "
            f"judged per article pair (a refutation with its statements in several articles "
            f"counts once per article): P {_f(r.get('conflict_pair_precision'))} of "
            f"{r.get('conflict_pairs')}, {halves('conflict_pair_precision')}",
            "a careful reader: every conflict, none invented",
        ),
        (
            "corroborations",
            "same",
            f"P {_f(r.get('corroboration_precision'))} of {r.get('corroborations_judged')} "
            f"judged, {r.get('corroborations_inverted')} inverted (a claim with its denial); "
            f"fact recall {_f(r.get('fact_recall'))}; P {halves('corroboration_precision')}",
            "0 inverted",
        ),
        (
            "single-source items, publication dates, size",
            "same",
            f"single-source right {_f(r.get('single_source_precision'))} of "
            f"{r.get('single_source_judged')}; published date "
            f"{_f(r.get('published_date_accuracy'))} of {r.get('dates_gold')}; "
            f"{r.get('findings_per_article')} findings per article",
            "",
        ),
    ]


def _lookalikes(r: Figures) -> list[Row]:
    return [
        (
            "findings on look-alike events: share joining the same event",
            f"ECB+ ({r['items']} docs; each topic's two events compared together)",
            f"corroborations {_f(r.get('corroboration_same_share'))} (claims "
            f"{_f(r.get('claim_same_share'))}, numbers {_f(r.get('number_same_share'))}, "
            f"quotes {_f(r.get('quote_same_share'))}, dates {_f(r.get('date_same_share'))}); "
            "numeric conflicts "
            f"{_f(r.get('numeric_conflict_same_share'))} ({r.get('numeric_conflict_cross')} "
            f"across events); date conflicts {_f(r.get('date_conflict_same_share'))} "
            f"({r.get('date_conflict_cross')} across events)",
            f"{r.get('pairs_cross')} of {r.get('pairs_cross', 0) + r.get('pairs_same', 0)} "
            "article pairs cross events; an upper bound on precision",
        )
    ]


_ROWS: dict[str, Callable[[Figures], list[Row]]] = {
    "quotes": _quotes,
    "dates": _dates,
    "quantities": _quantities,
    "html": _html,
    "stories": _stories,
    "findings": _findings,
    "lookalikes": _lookalikes,
}


def accuracy_table(results: Sequence[Figures]) -> str:
    """Render the figures of ``crosscheck eval ... --json`` runs as a Markdown table.

    Args:
        results: one figures object per task (``EvalResult.as_dict()``).

    Returns:
        The table, one row per measure, in the order of ``results``. Tasks this module
        does not know are skipped with a warning.
    """
    lines = ["| what | data | crosscheck | anchor |", "|---|---|---|---|"]
    for result in results:
        render = _ROWS.get(str(result.get("task")))
        if render is None:
            LOGGER.warning("no table row for task %r", result.get("task"))
            continue
        lines.extend("| " + " | ".join(row) + " |" for row in render(result))
    for result in results:
        if result.get("task") == "findings" and result.get("reliability"):
            lines += ["", *reliability_table(result["reliability"])]
    return "\n".join(lines) + "\n"


def reliability_table(rows: Sequence[Figures]) -> list[str]:
    """Stated confidence against measured precision, per finding kind and confidence bin."""
    lines = [
        "Reliability of stated confidence on crossnews (a stated confidence is the precision "
        "measured on both halves of the dev sets; the rules were chosen on the tune half "
        "alone, so each half is shown against it):",
        "",
        "| half | finding kind | stated confidence | findings judged | mean stated | measured "
        "precision |",
        "|---|---|---|---|---|---|",
    ]
    for row in rows:
        lines.append(
            f"| {row.get('half', 'all')} | {str(row['kind']).replace('_', ' ')} | {row['bin']} | "
            f"{row['n']} | "
            f"{_f(row['stated'])} | {_f(row['measured'])} |"
        )
    return lines


def replace_section(document: str, table: str) -> str:
    """Put ``table`` between the accuracy markers of ``document``.

    Raises:
        ValueError: the markers are missing or out of order.
    """
    pattern = re.compile(re.escape(START) + r".*?" + re.escape(END), re.S)
    if not pattern.search(document):
        raise ValueError(f"the markers {START} ... {END} are missing")
    return pattern.sub(lambda _: f"{START}\n{table}{END}", document, count=1)


def update_readme(path: Path, results: Sequence[Figures]) -> str:
    """Rewrite the accuracy section of the README at ``path``; return the table."""
    table = accuracy_table(results)
    path.write_text(replace_section(path.read_text(encoding="utf-8"), table), encoding="utf-8")
    return table
