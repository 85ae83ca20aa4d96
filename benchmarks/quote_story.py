"""A quote-heavy story: many outlets quoting the same people, measured through compare.

Issue 18 found that one story of 84 quote-heavy articles (31,481 quotes) was still being
compared after 22 minutes at 3.9 GB, and that the findings refresh at the end of an ingest
waited on it. This script builds such a story from a fixed seed, in words written here:
a river flood and a failed levee, reported by many outlets over a week. The same two dozen
people are quoted everywhere; each outlet words a statement a little differently (a
clause dropped, a synonym, a quote cut short or reported indirectly), and a few outlets
credit a statement to the wrong person (attribution conflicts to find).

Usage::

    .venv/bin/python benchmarks/quote_story.py write OUT_DIR [--articles 84] [--quotes 375]
    .venv/bin/python benchmarks/quote_story.py compare OUT_DIR      # analyse, then time compare
    .venv/bin/python benchmarks/quote_story.py ratio OUT_DIR --articles 12  # index vs all pairs
    .venv/bin/python benchmarks/quote_story.py ingest OUT_DIR       # ingest + refresh, then 1 more

``compare`` analyses the files once (cached as a pickle next to them) and times
``crosscheck.compare.compare`` alone, with the quote-alignment stage timed separately and
its candidate-pair count; ``ingest`` times ``crosscheck ingest`` of the folder into a fresh
SQLite store (findings refresh included) and then a one-article ingest that joins the story.
Run them under ``/usr/bin/time -v`` for the peak memory.
"""

from __future__ import annotations

import argparse
import json
import pickle
import random
import sys
import time
from pathlib import Path
from typing import Any

SEED = 18

# name, role, camp
SPEAKERS = (
    ("Marta Lindqvist", "the governor", "state government"),
    ("Daniel Okoro", "the state emergency management director", "state government"),
    ("Priya Raman", "the mayor of Ashford", "Ashford city council"),
    ("Tomas Becker", "the Ashford fire chief", "Ashford city council"),
    ("Helen Drummond", "a spokeswoman for the Army Corps of Engineers", "Army Corps"),
    ("Col. Victor Alvarez", "the Corps district commander", "Army Corps"),
    ("Samuel Whitfield", "the Republican leader in the state Senate", "state Senate"),
    ("Grace Nakamura", "a Democratic state senator", "state Senate"),
    ("Oliver Grant", "the chief executive of Riverside Power", "Riverside Power"),
    ("Leah Castellano", "a Riverside Power spokeswoman", "Riverside Power"),
    ("Ibrahim Haddad", "the county health officer", "county"),
    ("Rosa Delgado", "the county executive", "county"),
    ("Peter Voss", "a hydrologist at the state university", "university"),
    ("Aisha Mensah", "the regional director of the Red Cross", "Red Cross"),
    ("Frank Morrow", "the president of the farmers' union", "farmers' union"),
    ("Nadia Petrova", "a National Weather Service meteorologist", "Weather Service"),
    ("Carlos Ibarra", "the sheriff of Mill County", "county"),
    ("Judith Kell", "the state insurance commissioner", "state government"),
    ("Bernard Osei", "a levee inspector who retired last year", "former officials"),
    ("Emily Sato", "the superintendent of Ashford schools", "Ashford city council"),
    ("Walter Brandt", "the federal emergency agency's regional administrator", "federal agency"),
    ("Yusuf Karimi", "the owner of a hardware store on Front Street", "residents"),
    ("Claire Dubois", "a nurse at Ashford General Hospital", "residents"),
    ("Henry Caldwell", "the chairman of the levee district board", "levee board"),
)
FEMALE = frozenset({0, 2, 4, 7, 9, 11, 13, 15, 17, 19, 22})
OUTLETS = (
    "Ashford Gazette",
    "River Valley Courier",
    "State Capital Times",
    "Mill County Ledger",
    "Northern Wire",
    "Public Radio News",
    "The Daily Beacon",
    "Evening Tribune",
    "Farm and Field Weekly",
    "Metro Post",
    "Channel 7 News",
    "Statewide Report",
)
PLACES = (
    "Ashford",
    "Front Street",
    "the east bank",
    "Mill County",
    "Harlow",
    "Dunmore",
    "the Cedar Creek bridge",
    "the water treatment plant",
    "Route 9",
    "the fairgrounds",
)
SUBJECTS = (
    "the levee",
    "the river",
    "the spillway",
    "the pumps",
    "the evacuation",
    "the shelters",
    "the insurance claims",
    "the power grid",
    "the drinking water",
    "the inspection reports",
    "the repair crews",
    "the sandbag lines",
    "the schools",
    "the hospital",
    "the rescue boats",
    "the forecast",
    "the crop losses",
    "the federal aid",
    "the warning sirens",
    "the budget",
)
OPENINGS = (
    "We knew for years that {s} near {p} was the weak point",
    "Nobody should pretend that {s} was ready for a crest of {n} feet",
    "I have asked for a full accounting of {s} by {d}",
    "Our crews worked through the night on {s} around {p}",
    "The people of {p} deserve straight answers about {s}",
    "There is no evidence that {s} failed because of sabotage",
    "We are spending {m} million dollars on {s} this week alone",
    "I warned the board in writing that {s} could not hold",
    "Families in {p} were told to leave before {s} gave way",
    "We will rebuild {s} stronger than it was, starting {d}",
    "The data shows {s} at {p} rose {n} inches in an hour",
    "Every single report on {s} since {y} is going to be made public",
    "I walked along {s} at {p} on Sunday and saw the seepage myself",
    "Nobody in {p} is going to be billed for {s}",
    "It is too early to say whether {s} will need to be replaced",
)
MIDDLES = (
    "and frankly the warnings were ignored by people who should have known better",
    "because the money approved in {y} was spent on other projects",
    "even though the engineers asked for {m} million dollars to shore it up",
    "while thousands of residents were still asleep in their homes",
    "and I am not going to stand here and make excuses for that",
    "which is why we opened {k} more shelters across the county overnight",
    "but the water came faster than any model predicted",
    "and the pumps at {p} were running at half capacity",
    "so we called in {k} crews from neighbouring counties",
    "after the gauges recorded the highest reading in {n} years",
    "and the federal inspectors signed off on it in {y}",
    "until the current drops enough for divers to reach the breach",
)
ENDINGS = (
    "We owe everyone an honest explanation.",
    "That is simply unacceptable.",
    "Nobody is going to be left behind.",
    "The investigation will follow the evidence wherever it leads.",
    "I expect the first families to be home within {k} weeks.",
    "We will not let this happen again.",
    "People need to stay out of the water.",
    "Those decisions were made long before I took office.",
    "The bills will be paid by the state, not by homeowners.",
    "This is the worst flooding I have seen in my career.",
    "We are asking Washington for help today.",
    "I take full responsibility for the response.",
)
SYNONYMS = {
    "families": ("households", "residents"),
    "crews": ("teams", "workers"),
    "warned": ("told", "cautioned"),
    "honest": ("full", "complete"),
    "unacceptable": ("inexcusable", "wrong"),
    "rebuild": ("repair", "restore"),
    "residents": ("people", "families"),
    "evidence": ("facts", "findings"),
    "weak": ("vulnerable", "fragile"),
    "ignored": ("dismissed", "brushed aside"),
}
NARRATIVE = (
    "The river crested at {n} feet on {d}, {k} feet above flood stage, according to the "
    "National Weather Service.",
    "About {t},{h}00 people were ordered out of their homes in {p} and surrounding towns.",
    "Water covered Route 9 for {k} miles south of Harlow, and the Cedar Creek bridge was "
    "closed to traffic.",
    "State officials put the early cost of the damage at {m} million dollars.",
    "The levee, built in {y}, was last inspected two years ago, records show.",
    "Riverside Power said {t},{h}00 customers were still without electricity on {d}.",
    "Volunteers filled sandbags at the fairgrounds through the weekend.",
    "At least {k} people were rescued by boat from rooftops on the east bank.",
    "The county opened shelters at {k} schools and the Ashford civic centre.",
    "Farmers said {t},{h}00 acres of soybeans and corn were under water.",
)
DATES = (
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "March 14",
    "March 15",
    "March 16",
    "the end of the month",
    "April 1",
)
CONTINUED = ("“{q}” {pr} added.", "“{q}”")
ATTRIBUTIONS = (
    "“{q},” said {name}, {role}.",
    "“{q},” {name} said.",
    "{name}, {role}, said: “{q}”",
    "“{q},” {name} told reporters on {d}.",
    "“{q},” {last} said at a news conference in {p}.",
    "{name} said that {ind}.",
    "{last} told the {outlet} that {ind}.",
    "“{q},” {last} said in a statement.",
)


def _fill(template: str, rng: random.Random) -> str:
    return template.format(
        s=rng.choice(SUBJECTS),
        p=rng.choice(PLACES),
        n=rng.randint(12, 48),
        m=rng.randint(2, 90),
        k=rng.randint(2, 14),
        y=rng.randint(1962, 2021),
        d=rng.choice(DATES),
        t=rng.randint(1, 40),
        h=rng.randint(1, 9),
    )


def statements(rng: random.Random, count: int) -> list[tuple[str, int]]:
    """``count`` distinct statements, each ``(canonical wording, speaker index)``."""
    seen: set[str] = set()
    out: list[tuple[str, int]] = []
    while len(out) < count:
        parts = [_fill(rng.choice(OPENINGS), rng)]
        if rng.random() < 0.8:
            parts[0] += ", " + _fill(rng.choice(MIDDLES), rng)
        text = parts[0] + "."
        if rng.random() < 0.6:
            text += " " + _fill(rng.choice(ENDINGS), rng)
        if text in seen:
            continue
        seen.add(text)
        out.append((text, rng.randrange(len(SPEAKERS))))
    return out


def _vary(text: str, rng: random.Random) -> str:
    """An outlet's wording of a statement: a synonym, a clause cut, a sentence dropped."""
    words = text.split()
    if rng.random() < 0.4:
        for i, w in enumerate(words):
            core = w.strip(".,")
            if core in SYNONYMS and rng.random() < 0.5:
                words[i] = w.replace(core, rng.choice(SYNONYMS[core]))
    text = " ".join(words)
    if rng.random() < 0.25 and ", " in text:
        head, _, tail = text.partition(", ")
        rest = tail.split(". ", 1)
        text = head + "." + ((" " + rest[1]) if len(rest) > 1 else "")
    if rng.random() < 0.2 and ". " in text:
        text = text.split(". ", 1)[0] + "."
    return text


_THIRD = (
    ("I am ", "{pr} was "),
    ("I have ", "{pr} had "),
    ("I take ", "{pr} took "),
    ("I expect ", "{pr} expected "),
    ("I warned ", "{pr} had warned "),
    ("I walked ", "{pr} had walked "),
    ("I ", "{pr} "),
    ("myself", "{self}"),
    ("We are ", "they were "),
    ("We will ", "they would "),
    ("We knew ", "they had known "),
    ("We ", "they "),
    (" we ", " they "),
    ("Our ", "their "),
    (" our ", " their "),
    (" is going ", " was going "),
    (" will ", " would "),
)


def _indirect(text: str, female: bool) -> str:
    """The first sentence of a statement as reported speech."""
    first = text.split(". ", 1)[0].rstrip(".")
    for a, b in _THIRD:
        first = first.replace(a, b)
    first = first.format(pr="she" if female else "he", self="herself" if female else "himself")
    return first[0].lower() + first[1:]


def article(
    rng: random.Random, number: int, pool: list[tuple[str, int]], quotes: int
) -> tuple[str, str]:
    """One article: a headline, an outlet line and ``quotes`` quotes among narrative."""
    outlet = OUTLETS[number % len(OUTLETS)]
    day = 14 + number % 6
    lines = [
        f"Levee breach floods Ashford as officials trade blame ({outlet}, March {day}, 2026)",
        "",
        f"ASHFORD, March {day} (2026) — " + _fill(rng.choice(NARRATIVE), rng),
        "",
    ]
    chosen = rng.sample(range(len(pool)), min(quotes, len(pool)))
    last_speaker = -1
    for i, idx in enumerate(chosen):
        text, who = pool[idx]
        if rng.random() < 0.04:  # this outlet credits the statement to someone else
            who = (who + rng.randint(1, len(SPEAKERS) - 1)) % len(SPEAKERS)
        name, role, _ = SPEAKERS[who]
        q = _vary(text, rng)
        q_said = q[:-1] if q.endswith(".") else q
        if who == last_speaker and rng.random() < 0.5:
            sentence = rng.choice(CONTINUED).format(q=q, pr="she" if who in FEMALE else "he")
        else:
            sentence = rng.choice(ATTRIBUTIONS).format(
                q=q_said,
                name=name,
                role=role,
                last=name.split()[-1],
                d=rng.choice(DATES[:5]),
                p=rng.choice(PLACES[:3]),
                outlet=outlet,
                ind=_indirect(text, who in FEMALE),
            )
        if number % 2:  # half the outlets use straight quote marks
            sentence = sentence.replace("“", '"').replace("”", '"')
        lines.append(sentence)
        if i % 4 == 3:
            lines.append(_fill(rng.choice(NARRATIVE), rng))
        lines.append("")
        last_speaker = who
    return f"{number:03d}_{outlet.lower().replace(' ', '_')}.txt", "\n".join(lines) + "\n"


def write(out: Path, articles: int, quotes: int, seed: int = SEED) -> list[Path]:
    """Write the story's articles into ``out`` (one ``.txt`` each) and return their paths."""
    rng = random.Random(seed)
    pool = statements(rng, max(quotes * 2, 40))
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(articles):
        name, text = article(rng, n, pool, quotes)
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _analyses(folder: Path) -> list[Any]:
    cache = folder / "analyses.pickle"
    if cache.exists():
        return pickle.loads(cache.read_bytes())  # our own cache
    from crosscheck.extract import analyze
    from crosscheck.ingest.files import read_path
    from crosscheck.model import Article
    from crosscheck.settings import Settings

    started = time.perf_counter()
    read = [x for p in sorted(folder.glob("*.txt")) for x in read_path(p, Settings(), {})]
    analyses = analyze([a for a in read if isinstance(a, Article)], Settings())
    print(f"analysed {len(analyses)} articles in {time.perf_counter() - started:.1f} s")
    cache.write_bytes(pickle.dumps(analyses))
    return analyses


STAGES = (
    ("crosscheck.compare.core", "merge_entities"),
    ("crosscheck.compare.core", "detect_copies"),
    ("crosscheck.compare.quotes", "align_quotes"),
    ("crosscheck.compare.numbers", "align_numbers"),
    ("crosscheck.compare.dates", "align_dates"),
    ("crosscheck.compare.facts", "corroborated_roles"),
    ("crosscheck.compare.claims", "align_claims"),
    ("crosscheck.compare.facts", "single_sources"),
)


def run_compare(folder: Path) -> dict[str, Any]:
    """Time ``compare`` on the story, each stage on its own, and count quote pairs."""
    import importlib

    import crosscheck.compare.blocking as blocking
    from crosscheck.compare import compare
    from crosscheck.settings import Settings

    analyses = _analyses(folder)
    timing: dict[str, float] = {}
    counts: dict[str, int] = {}

    def timed(name: str, fn: Any) -> Any:
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            t = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                timing[name + "_s"] = round(time.perf_counter() - t, 2)
                print(f"{name}: {timing[name + '_s']} s", file=sys.stderr, flush=True)

        return wrapper

    pairs = blocking.candidate_pairs

    def counted(groups: Any, keys: Any, limit: Any = None) -> Any:
        n = len(counts) // 2
        counts[f"items_{n}"] = len(groups)
        counts[f"pairs_{n}"] = 0
        for pair in pairs(groups, keys, limit):
            counts[f"pairs_{n}"] += 1
            yield pair

    saved = []
    for module_name, attr in STAGES:
        module = importlib.import_module(module_name)
        saved.append((module, attr, getattr(module, attr)))
        setattr(module, attr, timed(attr, getattr(module, attr)))
    for module_name in (
        "crosscheck.compare.quotes",
        "crosscheck.compare.numbers",
        "crosscheck.compare.text",
    ):
        module = importlib.import_module(module_name)
        saved.append((module, "candidate_pairs", module.candidate_pairs))
        module.candidate_pairs = counted  # type: ignore[attr-defined]
    try:
        started = time.perf_counter()
        report = compare(analyses, Settings())
        total = time.perf_counter() - started
    finally:
        for module, attr, fn in saved:
            setattr(module, attr, fn)
    return {
        "articles": len(analyses),
        "quotes": sum(len(a.quotes) for a in analyses),
        "numbers": sum(len(a.numbers) for a in analyses),
        "claims": sum(len(a.claims) for a in analyses),
        "compare_s": round(total, 2),
        **timing,
        "candidate_pairs (quotes, numbers, claims)": counts,
        "findings": report.stats["findings"],
    }


def run_ratio(folder: Path, articles: int) -> dict[str, Any]:
    """``align_quotes`` on the first ``articles`` articles: index against every pair.

    The reference pairs every two quotes of different articles (what ``align_quotes`` did
    before the index) with no cap on matches; both run in this process, one after the other.
    """
    import crosscheck.compare.quotes as quotes_mod
    from crosscheck.compare.entities import merge_entities, rewrite_quotes
    from crosscheck.compare.origins import origins
    from crosscheck.model import article_labels
    from crosscheck.settings import Settings

    analyses = _analyses(folder)[:articles]
    entities, id_map = merge_entities(analyses)
    quotes = rewrite_quotes((q for a in analyses for q in a.quotes), entities, id_map)
    texts = {a.article.id: a.article for a in analyses}
    labels = article_labels(list(texts))
    origin = origins(analyses, {})
    by_id = {e.id: e for e in entities}

    def every_pair(groups: Any, keys: Any, limit: Any = None) -> Any:
        n = len(groups)
        return ((i, j) for i in range(n) for j in range(i + 1, n) if groups[i] != groups[j])

    out: dict[str, Any] = {"articles": len(analyses), "quotes": len(quotes)}
    for label in ("index", "all_pairs"):
        saved = quotes_mod.candidate_pairs, quotes_mod.MAX_PARTNERS
        if label == "all_pairs":
            quotes_mod.candidate_pairs = every_pair  # type: ignore[assignment]
            quotes_mod.MAX_PARTNERS = 10**9
        try:
            started = time.perf_counter()
            found = quotes_mod.align_quotes(quotes, by_id, texts, labels, origin, Settings())
            out[f"{label}_s"] = round(time.perf_counter() - started, 2)
            out[f"{label}_findings"] = len(found)
        finally:
            quotes_mod.candidate_pairs, quotes_mod.MAX_PARTNERS = saved
    out["speedup"] = round(out["all_pairs_s"] / max(out["index_s"], 1e-9), 1)
    return out


def run_ingest(folder: Path) -> dict[str, Any]:
    """Ingest the folder into a fresh store, then one more article of the same story."""
    import subprocess
    import tempfile

    exe = str(Path(sys.executable).with_name("crosscheck"))
    work = Path(tempfile.mkdtemp(prefix="quote-story-"))
    db = f"sqlite:///{work / 'store.db'}"
    extra = work / "extra"
    extra.mkdir()
    rng = random.Random(SEED + 1)
    pool = statements(random.Random(SEED), 750)
    name, text = article(rng, 999, pool, 40)
    (extra / name).write_text(text, encoding="utf-8")
    env = {"CROSSCHECK_DB": db, "PATH": "/usr/bin:/bin"}
    out: dict[str, Any] = {}
    for label, source in (("ingest_s", folder), ("later_ingest_s", extra)):
        started = time.perf_counter()
        proc = subprocess.run(
            [exe, "ingest", str(source)], env=env, capture_output=True, text=True, check=False
        )
        out[label] = round(time.perf_counter() - started, 1)
        out[label.replace("_s", "_rc")] = proc.returncode
        if proc.returncode:
            print(proc.stderr[-2000:], file=sys.stderr)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("mode", choices=("write", "compare", "ratio", "ingest"))
    parser.add_argument("folder", type=Path)
    parser.add_argument("--articles", type=int, default=84)
    parser.add_argument("--quotes", type=int, default=500)
    args = parser.parse_args()
    if args.mode == "write":
        paths = write(args.folder, args.articles, args.quotes)
        print(f"wrote {len(paths)} articles to {args.folder}")
    elif args.mode == "compare":
        print(json.dumps(run_compare(args.folder)))
    elif args.mode == "ratio":
        print(json.dumps(run_ratio(args.folder, args.articles)))
    else:
        print(json.dumps(run_ingest(args.folder)))


if __name__ == "__main__":
    main()
