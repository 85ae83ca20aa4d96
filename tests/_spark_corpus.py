"""An invented news corpus for the Spark tests and benchmark (written for crosscheck).

Several invented events (places, people, numbers and dates are made up), each reported by
several invented outlets with their own wording, quotes, numbers and boilerplate, plus
verbatim reprints (same text: same article id) and reprints under a short credit line
(near-duplicates). Deterministic for a given ``events`` and ``seed``.
"""

from __future__ import annotations

import datetime as dt
import json
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

PLACES = (
    "Velmora", "Dranport", "Kestrel Bay", "Orvane", "Talbridge", "Mirefield", "Quarrow",
    "Selwick", "Brannoch", "Ulverholm", "Castmere", "Pennock", "Ardlow", "Greywater",
    "Hollins Ford", "Ostrava Vale", "Lindqvist", "Marrowdale", "Fenwick Point", "Rosk",
)  # fmt: skip
FIRST = (
    "Irena", "Malik", "Lena", "Tomas", "Agnes", "Bruno", "Celia", "Dario", "Edda", "Farid",
    "Greta", "Hugo", "Ines", "Jonas", "Katya", "Luca", "Mira", "Nils", "Odile", "Pavel",
)  # fmt: skip
LAST = (
    "Kostova", "Osei", "Varga", "Reyes", "Lindgren", "Marchetti", "Okafor", "Brandt",
    "Novak", "Haddad", "Sorensen", "Duval", "Petrakis", "Ibarra", "Whitlock", "Zamora",
)  # fmt: skip
OUTLETS = (
    "Harbour Herald", "Northern Ledger", "Valley Courier", "Daily Meridian", "Coastline Post",
    "Evening Standardbearer", "Riverside Gazette", "Metro Dispatch",
)  # fmt: skip
EVENTS: tuple[dict[str, str], ...] = (
    {"what": "flood", "thing": "homes", "verb": "flooded", "cause": "the river burst its banks",
     "work": "pumping water out of the lower streets", "money": "relief fund"},
    {"what": "factory fire", "thing": "workers", "verb": "evacuated",
     "cause": "a blaze broke out in the paint store", "work": "cooling the gutted warehouse",
     "money": "compensation scheme"},
    {"what": "bridge collapse", "thing": "vehicles", "verb": "trapped",
     "cause": "a span of the old road bridge gave way", "work": "lifting cars from the water",
     "money": "repair budget"},
    {"what": "teachers' strike", "thing": "schools", "verb": "closed",
     "cause": "pay talks with the education board collapsed",
     "work": "drawing up a new offer", "money": "pay settlement"},
    {"what": "train derailment", "thing": "passengers", "verb": "injured",
     "cause": "three carriages left the track near the junction",
     "work": "clearing the line", "money": "track renewal programme"},
    {"what": "wildfire", "thing": "hectares", "verb": "burned",
     "cause": "dry winds fanned a grass fire into the forest", "work": "cutting firebreaks",
     "money": "emergency grant"},
    {"what": "mine rescue", "thing": "miners", "verb": "rescued",
     "cause": "a tunnel roof caved in on the night shift", "work": "drilling a second shaft",
     "money": "safety review"},
    {"what": "water contamination", "thing": "households", "verb": "told to boil water",
     "cause": "bacteria were found at the treatment plant", "work": "flushing the mains",
     "money": "plant upgrade"},
)  # fmt: skip
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
TRAILERS = (
    "\n\nSign up for our morning briefing to get the latest regional news.",
    "\n\nShare this story: Facebook | X | Email",
    "",
    "\n\nRead more: our coverage of the region's infrastructure.",
)


def _event(n: int, rng: random.Random) -> dict[str, Any]:
    kind = EVENTS[n % len(EVENTS)]
    place = PLACES[(n * 7) % len(PLACES)]
    if n >= len(PLACES):
        place = f"{place} {('North', 'South', 'East', 'West')[n // len(PLACES) % 4]}"
    day = dt.date(2024, 3, 1) + dt.timedelta(days=2 * n)
    people = rng.sample([f"{f} {s}" for f in FIRST for s in LAST], 2)
    return {
        **kind,
        "place": place,
        "day": day,
        "official": people[0],
        "role": rng.choice(("mayor", "regional governor", "fire chief", "council leader")),
        "witness": people[1],
        "count": rng.randint(12, 480),
        "amount": rng.randint(2, 40),
        "hours": rng.randint(3, 30),
    }


def _text(ev: dict[str, Any], style: int, rng: random.Random) -> tuple[str, str]:
    """(title, text) of one outlet's report of an event, in one of four styles."""
    day, place, off, wit = ev["day"], ev["place"], ev["official"], ev["witness"]
    surname = off.split()[-1]
    weekday = WEEKDAYS[day.weekday()]
    date = f"{day:%B} {day.day}"
    count = ev["count"] + (rng.choice((0, 0, 0, 2, -1)) if style else 0)
    if style == 0:
        title = f"{ev['what'].capitalize()} in {place}: {count} {ev['thing']} {ev['verb']}"
        body = (
            f"At least {count} {ev['thing']} were {ev['verb']} in {place} on {weekday} after "
            f"{ev['cause']}, officials said.\n\n"
            f"\u201cWe have never seen anything like this in {place},\u201d said {ev['role']} "
            f"{off}. \u201cEvery crew we have is out there.\u201d\n\n"
            f"Emergency teams spent {ev['hours']} hours {ev['work']}. {surname} said a "
            f"{ev['money']} of {ev['amount']} million euros would be set up by {date}.\n\n"
            f"Resident {wit} said neighbours had warned the council for years."
        )
    elif style == 1:
        title = f"{place} {ev['what']}: {ev['role']} promises {ev['amount']} million euros"
        body = (
            f"The {ev['role']} of {place}, {off}, said on {weekday} that a {ev['money']} "
            f"worth {ev['amount']} million euros would help the {count} {ev['thing']} "
            f"{ev['verb']} when {ev['cause']}.\n\n"
            f"\u201cEvery crew we have is out there,\u201d {surname} told reporters in "
            f"{place}.\n\n"
            f"Crews were still {ev['work']} late on {weekday}, {ev['hours']} hours after "
            f"the {ev['what']} began, according to the emergency services."
        )
    elif style == 2:
        title = f"Questions mount after {place} {ev['what']}"
        body = (
            f"{wit} was at home in {place} when {ev['cause']}. \u201cWe heard it before we "
            f"saw it,\u201d {wit.split()[0]} said.\n\n"
            f"By {date} the count stood at about {count} {ev['thing']} {ev['verb']}, "
            f"according to {off}, the {ev['role']}, who said the {ev['money']} would reach "
            f"{ev['amount']} million euros.\n\n"
            f"Opposition councillors said the {ev['what']} in {place} had been foreseeable "
            f"and called for an inquiry."
        )
    else:
        title = f"{place}: what we know about the {ev['what']}"
        body = (
            f"What happened: {ev['cause']} in {place} on {date}.\n\n"
            f"How bad is it: {count} {ev['thing']} {ev['verb']}, officials said; crews "
            f"needed {ev['hours']} hours {ev['work']}.\n\n"
            f"What next: {ev['role']} {off} said a {ev['money']} of {ev['amount']} million "
            f"euros was planned. \u201cNobody will be left to cope alone,\u201d {surname} "
            f"said."
        )
    return title, body + rng.choice(TRAILERS)


def _generate(
    events: int, per_event: int, seed: int
) -> Iterator[tuple[dict[str, Any], list[str], list[dict[str, Any]]]]:
    """(event, its outlets, its records) for each event, in corpus order."""
    rng = random.Random(seed)
    for n in range(events):
        ev = _event(n, rng)
        outlets = rng.sample(OUTLETS, min(per_event, len(OUTLETS)))
        records: list[dict[str, Any]] = []
        for k, outlet in enumerate(outlets):
            title, text = _text(ev, k % 4, rng)
            published = ev["day"] + dt.timedelta(days=rng.choice((0, 0, 1, 2)))
            slug = outlet.lower().replace(" ", "-")
            records.append(
                {
                    "text": text,
                    "title": title,
                    "outlet": outlet,
                    "url": f"https://{slug}.example/{n}/{k}",
                    "published": published.isoformat(),
                }
            )
            if k == 0 and n % 5 == 0:
                copy = dict(records[-1], outlet="Syndicate Wire", url=f"https://wire.example/{n}")
                records.append(copy)  # verbatim: same text, same id
                credited = dict(
                    copy,
                    text=f"This article first appeared in the {outlet}.\n\n{text}",
                    outlet="Weekly Reprint",
                    url=f"https://reprint.example/{n}",
                    published=(published + dt.timedelta(days=1)).isoformat(),
                )
                records.append(credited)
        yield ev, outlets, records


def corpus(events: int = 40, *, per_event: int = 5, seed: int = 7) -> list[dict[str, Any]]:
    """Records ``{text, title, outlet, url, published}``: ``events`` events, about
    ``per_event`` reports each, plus a verbatim reprint and a credited reprint of every
    fifth event's first report."""
    return [r for _ev, _outlets, records in _generate(events, per_event, seed) for r in records]


def follow_up(events: int = 40, *, per_event: int = 5, seed: int = 7) -> dict[str, Any]:
    """One more record: a follow-up report of the last event of ``corpus(events, ...)``,
    two days later, by an outlet that had not covered it (a new article of an open story)."""
    ev, outlets, _records = list(_generate(events, per_event, seed))[-1]
    outlet = next(o for o in OUTLETS if o not in outlets)
    place, off, surname = ev["place"], ev["official"], ev["official"].split()[-1]
    day = ev["day"] + dt.timedelta(days=2)
    text = (
        f"Two days after the {ev['what']} in {place}, {ev['role']} {off} said the "
        f"{ev['money']} of {ev['amount']} million euros would be paid out within weeks.\n\n"
        f"Officials now put the toll at {ev['count']} {ev['thing']} {ev['verb']} after "
        f"{ev['cause']}. Crews had spent {ev['hours']} hours {ev['work']}.\n\n"
        f"\u201cEvery crew we have is still out there,\u201d {surname} said in {place}."
    )
    slug = outlet.lower().replace(" ", "-")
    return {
        "text": text,
        "title": f"{place} {ev['what']}: {ev['amount']} million euros promised",
        "outlet": outlet,
        "url": f"https://{slug}.example/{events - 1}/follow-up",
        "published": day.isoformat(),
    }


def write_jsonl(records: list[dict[str, Any]], path: Path, *, grouping_order: bool = True) -> Path:
    """Write records as JSONL; with ``grouping_order``, sorted by (published, article id),
    the order in which Spark's grouping replays articles (see crosscheck.spark.grouping)."""
    from crosscheck.ingest.files import read_text

    if grouping_order:
        keyed = [
            (r["published"], read_text("x", r["text"]).id, i, r) for i, r in enumerate(records)
        ]
        records = [r for *_, r in sorted(keyed, key=lambda t: t[:3])]
    with path.open("w", encoding="utf-8") as fh:
        for record in records:
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return path
