"""Number words, numerals and units: the lexicon shared by the number and date extractors.

``parse_numeral`` reads digits with separators and scale suffixes ("14,000", "1.2 million",
"$7.5bn"), ``words_value`` reads spelled-out numbers ("twenty-eight", "three hundred and
twelve", "a dozen"), and ``UNIT_WORDS``/``CURRENCY_SYMBOLS`` map unit spellings to one
canonical unit. ``canonical_unit`` maps any unit string (ours or a gold annotation's) to a
comparable singular form ("US$" -> "dollar", "per cent" -> "percentage", "kilometers" ->
"kilometre").

Unit symbols the lexicon lacks ("kW", "MPa", "A/cm2", "m.p.h.") are read through pint's
unit registry (``registry_unit``) and named in words ("ampere per square centimetre"); only
tokens that look like symbols are tried (a capital after the first letter, a digit power, a
slash, dotted letters, or a short lower-case abbreviation that is no English function word),
and only units of the dimensions news measures are kept.

Not handled: Roman numerals, Indian grouping ("1,00,000"), numbers written with
non-English words, and unit ambiguity resolved from context ("pounds" is money unless
"of" follows).
"""

from __future__ import annotations

import functools
import logging
import re
from typing import Any

LOGGER = logging.getLogger(__name__)

ONES: dict[str, int] = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS: dict[str, int] = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
SCALES: dict[str, float] = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
}  # fmt: skip
# Scale suffixes glued to digits or written after them: "$7.5bn", "3m", "1.2 million".
SUFFIX_SCALES: dict[str, float] = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6,
    "b": 1e9, "bn": 1e9, "bln": 1e9, "billion": 1e9, "tn": 1e12, "trillion": 1e12,
    "hundred": 1e2,
}  # fmt: skip
SPECIAL_WORDS: dict[str, float] = {
    "dozen": 12, "a dozen": 12, "half a dozen": 6, "a couple of": 2, "a pair of": 2,
    "a hundred": 100, "a thousand": 1000, "a million": 1e6, "a billion": 1e9,
    "half": 0.5, "a half": 0.5, "a third": 1 / 3, "a quarter": 0.25, "two thirds": 2 / 3,
    "two-thirds": 2 / 3, "three quarters": 0.75, "three-quarters": 0.75,
    "twice": 2, "double": 2, "triple": 3,
}  # fmt: skip
NUMBER_WORD_SET = frozenset(ONES) | frozenset(TENS) | frozenset(SCALES) | {"and", "a"}

_NUMERAL = re.compile(r"^[+-]?(?:\d{1,3}(?:,\d{3})+|\d+)?(?:\.\d+)?$")


def parse_numeral(text: str) -> float | None:
    """Return the value of a digit string with separators ("14,000", "2.5", ".500")."""
    text = text.strip().replace("\u2212", "-")
    if not text or not any(c.isdigit() for c in text) or not _NUMERAL.match(text):
        return None
    try:
        return float(text.replace(",", ""))
    except ValueError:
        return None


def words_value(words: list[str]) -> float | None:
    """Return the value of spelled-out number words ("twenty-eight", "three hundred and two").

    Words are lower-case tokens; hyphenated forms are split. Returns None when the words
    are not a well-formed English number.
    """
    parts: list[str] = []
    for word in words:
        parts.extend(p for p in word.lower().split("-") if p)
    if not parts:
        return None
    joined = " ".join(parts)
    if joined in SPECIAL_WORDS:
        return float(SPECIAL_WORDS[joined])
    total = 0.0
    current = 0.0
    seen = False
    for part in parts:
        if part == "and" and seen:
            continue
        if part == "a" and not seen:
            current = 1
            continue
        if part in ONES:
            current += ONES[part]
        elif part in TENS:
            current += TENS[part]
        elif part in SCALES:
            scale = SCALES[part]
            if scale == 100:
                current = (current or 1) * 100
            else:
                total += (current or 1) * scale
                current = 0
        else:
            num = parse_numeral(part)
            if num is None or seen:
                return None
            current = num
        seen = True
    return total + current if seen else None


# Currency symbols and codes -> ISO 4217 code (what ``Number.unit`` holds for money).
CURRENCY_SYMBOLS: dict[str, str] = {
    "$": "USD", "us$": "USD", "us $": "USD", "usd": "USD", "a$": "AUD", "au$": "AUD",
    "c$": "CAD", "ca$": "CAD", "nz$": "NZD", "hk$": "HKD", "hk $": "HKD", "s$": "SGD",
    "£": "GBP", "ps": "GBP", "gbp": "GBP", "€": "EUR", "eur": "EUR", "¥": "JPY",
    "jpy": "JPY", "y=": "JPY", "₹": "INR", "rs": "INR", "rs.": "INR", "inr": "INR", "rm": "MYR",
    "cny": "CNY", "rmb": "CNY", "chf": "CHF", "₽": "RUB", "rub": "RUB", "₴": "UAH",
    "₩": "KRW", "r$": "BRL",
}  # fmt: skip

# Unit words (lower-case, as written) -> canonical unit. Multi-word keys are matched first.
UNIT_WORDS: dict[str, str] = {
    "percent": "%", "per cent": "%", "pc": "%", "%": "%", "percentage points": "pp",
    "percentage point": "pp", "basis points": "bp", "basis point": "bp", "bps": "bp",
    "dollars": "USD", "dollar": "USD", "us dollars": "USD", "australian dollars": "AUD",
    "canadian dollars": "CAD", "hong kong dollars": "HKD", "new zealand dollars": "NZD",
    "singapore dollars": "SGD", "euros": "EUR", "euro": "EUR", "pounds sterling": "GBP",
    "sterling": "GBP", "yen": "JPY", "yuan": "CNY", "renminbi": "CNY", "rupees": "INR",
    "rupee": "INR", "roubles": "RUB", "rubles": "RUB", "hryvnias": "UAH", "ringgit": "MYR",
    "shekels": "ILS", "shekel": "ILS", "danish crowns": "DKK", "swedish crowns": "SEK",
    "kroner": "NOK", "krona": "SEK", "won": "KRW", "francs": "CHF", "cents": "cent",
    "cent": "cent", "pence": "pence", "p": "pence", "penny": "pence", "pennies": "pence",
    "km": "km", "kilometres": "km", "kilometers": "km", "kilometre": "km", "kilometer": "km",
    "miles": "mile", "mile": "mile", "metres": "m", "meters": "m", "metre": "m", "meter": "m",
    "m": "m", "cm": "cm", "centimetres": "cm", "centimeters": "cm", "mm": "mm",
    "millimetres": "mm", "millimeters": "mm", "feet": "ft", "foot": "ft", "ft": "ft",
    "inches": "inch", "inch": "inch", "yards": "yard", "yard": "yard",
    "square metres": "m2", "square meters": "m2", "square feet": "ft2", "square foot": "ft2",
    "square kilometres": "km2", "square kilometers": "km2", "square miles": "mile2",
    "acres": "acre", "hectares": "ha", "kg": "kg", "kilograms": "kg", "kilos": "kg",
    "grams": "g", "g": "g", "tonnes": "t", "tons": "t", "tonne": "t", "ton": "t",
    "lbs": "lb", "lb": "lb", "litres": "l", "liters": "l", "litre": "l", "liter": "l", "l": "l",
    "gallons": "gallon", "barrels": "barrel", "barrel": "barrel",
    "degrees celsius": "°C", "degrees fahrenheit": "°F", "celsius": "°C", "fahrenheit": "°F",
    "°c": "°C", "°f": "°F", "degrees": "degree", "degree": "degree",
    "mph": "mph", "km/h": "km/h", "kph": "km/h", "knots": "knot", "kmh": "km/h",
    "ounces": "ounce", "ounce": "ounce", "oz": "ounce",
    "gallon": "gallon", "cubic feet": "ft3", "cubic metres": "m3", "cubic meters": "m3",
    "kw": "kW", "kwh": "kWh", "mw": "MW", "gw": "GW", "mwh": "MWh", "gwh": "GWh", "hp": "hp",
    "horsepower": "hp", "gb": "GB", "tb": "TB", "mb": "MB", "mbps": "Mbps", "gbps": "Gbps",
    "ghz": "GHz", "mhz": "MHz", "khz": "kHz", "hz": "Hz", "mah": "mAh", "decibels": "dB",
    "db": "dB", "lb-ft": "lb-ft", "nm": "Nm",
    "seconds": "second", "second": "second", "minutes": "minute", "minute": "minute",
    "hours": "hour", "hour": "hour", "days": "day", "day": "day", "weeks": "week",
    "week": "week", "months": "month", "month": "month", "years": "year", "year": "year",
    "decades": "decade", "centuries": "century", "times": "times",
    "sq m": "m2", "sqm": "m2", "sq ft": "ft2", "km/hr": "km/h",
    "μm": "μm", "micrometres": "μm", "microns": "μm", "year-old": "year of age",
    "years old": "year of age", "-year-old": "year of age", "years-old": "year of age",
    "-years-old": "year of age",
}  # fmt: skip

# Every ISO 4217 code a number of money can hold as its unit (from a symbol, a code or a
# currency word: "kroner" is NOK).
CURRENCY_CODES = frozenset(CURRENCY_SYMBOLS.values()) | frozenset(
    v for v in UNIT_WORDS.values() if len(v) == 3 and v.isupper()
)

# Canonical unit -> the comparable form used to score against other systems' units.
_COMPARABLE: dict[str, str] = {
    "%": "percentage", "percent": "percentage", "per cent": "percentage", "pc": "percentage",
    "pp": "percentage point", "usd": "dollar", "$": "dollar", "us$": "dollar",
    "$ us": "dollar", "aud": "australian dollar", "cad": "canadian dollar",
    "hkd": "hong kong dollar", "hk$": "hong kong dollar", "nzd": "new zealand dollar",
    "sgd": "singapore dollar", "eur": "euro", "€": "euro", "gbp": "pound sterling",
    "£": "pound sterling", "ps": "pound sterling", "jpy": "japanese yen",
    "yen": "japanese yen", "cny": "chinese yuan", "yuan": "chinese yuan", "inr": "indian rupee",
    "rub": "russian ruble", "uah": "ukrainian hryvnia", "myr": "malaysian ringgit",
    "rm": "malaysian ringgit", "ringgit": "malaysian ringgit", "ils": "shekel",
    "dkk": "danish krone", "danish crown": "danish krone", "sek": "swedish krona",
    "nok": "norwegian krone", "krw": "south korean won", "chf": "swiss franc",
    "km": "kilometre", "kilometer": "kilometre", "mile2": "square mile",
    "bp": "basis point", "μm": "micrometre", "km/hr": "kilometre per hour", "m": "metre",
    "meter": "metre",
    "cm": "centimetre", "centimeter": "centimetre", "mm": "millimetre",
    "millimeter": "millimetre", "ft": "foot", "feet": "foot", "inches": "inch",
    "m2": "square metre", "square meter": "square metre", "ft2": "square foot",
    "km2": "square kilometre", "ha": "hectare", "kg": "kilogram", "kilo": "kilogram",
    "g": "gram", "t": "tonne", "ton": "tonne", "lb": "pound-mass", "lbs": "pound-mass",
    "l": "litre", "liter": "litre", "°c": "celsius", "degree celsius": "celsius",
    "°f": "fahrenheit", "degree fahrenheit": "fahrenheit", "mph": "mile per hour",
    "km/h": "kilometre per hour", "kw": "kilowatt", "kwh": "kilowatt hour",
    "mw": "megawatt", "gw": "gigawatt", "hp": "horsepower", "gb": "gigabyte",
    "tb": "terabyte", "mb": "megabyte", "mbps": "megabit per second",
    "gbps": "gigabit per second", "ghz": "gigahertz", "mhz": "megahertz", "khz": "kilohertz",
    "hz": "hertz", "mah": "milliampere-hour", "db": "decibel", "lb-ft": "foot pound-force",
    "year-old": "year of age", "times": "count", "time": "count",
    "pence": "penny", "p": "penny", "pennies": "penny", "ft3": "cubic foot",
    "m3": "cubic metre", "oz": "ounce", "bbl": "barrel", "kmh": "kilometre per hour",
    "kph": "kilometre per hour", "hr": "hour", "hrs": "hour", "h": "hour", "yr": "year",
    "yrs": "year", "sec": "second", "secs": "second", "min": "minute", "mins": "minute",
    "annum": "year", "pa": "year", "wk": "week", "mo": "month",
}  # fmt: skip

_IRREGULAR_PLURALS = {
    "people": "people", "feet": "foot", "children": "child", "men": "man", "women": "woman",
    "series": "series", "species": "species", "news": "news", "times": "count",
    "inches": "inch", "centuries": "century", "lives": "life", "wolves": "wolf",
}  # fmt: skip


# What the registry may name: the dimensions news measures (pint dimensionality strings).
_NEWS_DIMENSIONS = frozenset(
    {
        "[length]", "[mass]", "[time]", "[length] ** 2", "[length] ** 3", "[temperature]",
        "[length] / [time]", "1 / [time]", "[current]", "[current] * [time]",
        "[current] / [length] ** 2", "[mass] / [length] / [time] ** 2",
        "[mass] * [length] ** 2 / [time] ** 2", "[mass] * [length] ** 2 / [time] ** 3",
        "[mass] * [length] ** 2 / [time] ** 3 / [current]", "[length] / [time] ** 2",
        "[mass] * [length] / [time] ** 2",
        "[mass] / [length] ** 3", "[length] ** 3 / [time]", "[mass] / [time]",
    }
)  # fmt: skip
_EXOTIC = re.compile(r"_of_|constant|baud|barn|gilbert|siemens|number|planck|atomic|natural")
_SYMBOL = re.compile(
    r"^(?:[A-Za-zµμΩ°]{1,5}(?:[²³23])?(?:/[A-Za-zµμΩ°]{1,5}(?:[²³23])?)?|(?:[A-Za-z]\.){2,4})$"
)
# Clock marks pint would read as units ("pm" picometre); function words are spaCy's.
_FUNCTION_WORDS = frozenset({"am", "pm", "a.m.", "p.m."})
_BRITISH = {"meter": "metre", "liter": "litre", "metric_ton": "tonne"}


@functools.lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    return frozenset(STOP_WORDS)


@functools.lru_cache(maxsize=1)
def _registry() -> Any:
    import pint

    return pint.UnitRegistry()


def looks_like_symbol(token: str) -> bool:
    """Whether ``token`` may be a unit symbol worth asking the registry about."""
    if not _SYMBOL.match(token) or token.lower() in _FUNCTION_WORDS:
        return False
    if token.lower() in _stop_words() and "/" not in token:
        return False  # "44 has spent", "in", "at": pint reads them as hectares, inch, atm
    if "/" in token or "." in token or token[-1] in "²³23":
        return True
    if any(c.isupper() for c in token[1:]) or token in {"W", "V", "A", "J", "K"}:
        return len(token) > 1 or token in {"W", "V", "A"}
    return token.islower() and 2 <= len(token) <= 4


@functools.lru_cache(maxsize=2048)
def registry_unit(token: str) -> str | None:
    """A unit symbol named in words through pint's registry, or None.

    ``registry_unit("kW") == "kilowatt"``, ``registry_unit("A/cm2") == "ampere per square
    centimetre"``, ``registry_unit("m.p.h.") == "mile per hour"``; a token that does not look
    like a symbol (see ``looks_like_symbol``) or names no news dimension gives None.
    """
    if not looks_like_symbol(token):
        return None
    text = token.replace(".", "") if re.match(r"^(?:[A-Za-z]\.){2,4}$", token) else token
    text = re.sub(r"(?<=[A-Za-z])([23²³])", lambda m: "**" + m.group(1).translate(
        str.maketrans("²³", "23")), text)  # fmt: skip
    import pint

    try:
        units = _registry().parse_units(text)
    except (pint.errors.PintError, ValueError, TypeError, AttributeError, KeyError):
        return None
    names = dict(units._units)
    if list(names) in ([text.lower()], [singular(text)]):
        return None  # a unit's full word ("bar", "gallon"): a counted noun, not a symbol
    if not names or any(_EXOTIC.search(n) for n in names):
        return None
    if str(units.dimensionality) not in _NEWS_DIMENSIONS:
        return None
    return _in_words(names)


def _in_words(names: dict[str, Any]) -> str:
    powers = {2: "square ", 3: "cubic "}
    top: list[str] = []
    bottom: list[str] = []
    for name, exp in names.items():
        word = name
        for us, gb in _BRITISH.items():
            word = word.replace(us, gb)
        word = powers.get(int(abs(exp)), "") + word.replace("_", " ")
        (top if exp > 0 else bottom).append(word)
    return " per ".join([" ".join(top) or "1", *bottom])


def singular(word: str) -> str:
    """Return a crude singular of an English noun ("troops" -> "troop", "cities" -> "city")."""
    low = word.lower()
    if low in _IRREGULAR_PLURALS:
        return _IRREGULAR_PLURALS[low]
    if len(low) > 3 and low.endswith("ies"):
        return low[:-3] + "y"
    if len(low) > 4 and low.endswith(("ches", "shes", "sses", "xes")):
        return low[:-2]
    if len(low) > 2 and low.endswith("s") and not low.endswith(("ss", "us", "is")):
        return low[:-1]
    return low


def canonical_unit(unit: str | None) -> str | None:
    """Map a unit string to a comparable singular form; None for no unit ("-" or empty).

    Example: ``canonical_unit("US$") == "dollar"``, ``canonical_unit("barrels a day") ==
    "barrel per day"``, ``canonical_unit("Kilometers") == "kilometre"``.
    """
    if unit is None:
        return None
    text = re.sub(r"\s+", " ", unit.strip().lower())
    if text in {"", "-", "none"}:
        return None
    if text in _COMPARABLE:  # before splitting rates: "per cent" is not a rate
        return _COMPARABLE[text]
    if text.replace(".", "") in _COMPARABLE:  # "m.p.h." is "mph"
        return _COMPARABLE[text.replace(".", "")]
    named = registry_unit(unit.strip())
    if named is not None and unit.strip().lower() not in UNIT_WORDS:
        return canonical_unit(named) if named != unit.strip() else named
    text = re.sub(r"\b(?:a|an|each|every)\b(?= \w)", "per", text)
    text = text.replace("/", " per ")
    parts = [p.strip() for p in re.split(r"\bper\b", text)]
    out: list[str] = []
    for part in parts:
        if not part:
            continue
        if part in _COMPARABLE:
            out.append(_COMPARABLE[part])
            continue
        words = [singular(w) for w in part.split()]
        joined = " ".join(words)
        out.append(_COMPARABLE.get(joined, joined))
    return " per ".join(out) if out else None
