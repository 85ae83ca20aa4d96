"""Cleaning: boilerplate removal and 1:1 character normalisation, keeping every offset.

``clean(article, settings)`` returns the article with ``clean_text`` (exactly as long as
``text``) and ``removed`` (what was taken out, where and why). The method is line-based
rules, in the spirit of jusText/boilerpipe's "short link-ish block" heuristics but written
for the residue that survives main-text extraction or comes in plain-text dumps:

1. every line is classified on its own by anchored patterns (newsletter and consent boxes,
   share and follow bars, social-handle lines, bylines, photo captions and credits ("In
   this ... file photo, ...", "Image copyright ... Image caption ..."), slideshow counters
   ("1 of 6."), advertisement markers, copyright lines, "click here" calls, related-links
   headings ("WE RECOMMEND", "FULL COVERAGE: ...") and the short title lines under them);
   a line that reports speech is never a caption: only a photo credit closing it goes
   ("... Osei said. (AP Photo/Jane Rivers)");
2. teasers: a "Read Next: X" / "Read more: X" / "Related: X" / "Also read: X" line is
   removed, and so is every other standalone line equal to X (case and space
   insensitive); a short Title Case line with no final period that occurs twice is a
   repeated headline and every copy goes;
3. a plain-text page header (``crosscheck.headers``): the URL line and dateline lines go,
   and give the article its URL, outlet and publication date; a wire dateline opening the
   story goes too (the title line stays: headlines carry claims);
4. removed lines are blanked with spaces (newlines kept), then quote marks, odd spaces,
   zero-width characters and soft hyphens are mapped one character to one character;
5. the language of the clean text is detected (``crosscheck.language``) and stored.

Patterns are anchored on whole lines and capped in length so that a real sentence which
merely contains "sign up" or "share" stays. Not handled: boilerplate inside a paragraph
(mid-line), non-English boilerplate, and teasers whose repeat is reworded.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from collections import Counter
from collections.abc import Iterator

from crosscheck.errors import CODES
from crosscheck.headers import read_header
from crosscheck.ingest.html import HtmlText, extract_html, looks_like_html
from crosscheck.language import detect_language, language_name, supported
from crosscheck.model import Article, DateAnchor, Problem, Removed
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

# HTML -> text lives in ingest.html; re-exported here (STYLE: clean.py is "HTML -> Article").
__all__ = [
    "HtmlText",
    "blank",
    "clean",
    "extract_html",
    "find_boilerplate",
    "is_usable",
    "kept_text",
    "looks_like_html",
    "normalise_chars",
]

# Lines longer than this are prose, never boilerplate (longest boilerplate line in our
# fixtures and the two seed articles is under 120 characters).
MAX_BOILER_CHARS = 220
# A repeated headline / related-link title has fewer words than this.
MAX_TITLE_WORDS = 15
# How many title-like lines after a "Related articles" heading are taken as its list.
MAX_RELATED_ITEMS = 10

_I = re.IGNORECASE

_TEASER = re.compile(
    r"^\s*\[?\s*(?:(?:read next|read more|related|related post|also read|read also|see also|"
    r"see more|more|recommended|must read|don't miss|watch|full coverage|more coverage|"
    r"related coverage|more on this story)\s*[:|>»]\s*"
    r"|also on [\w-]+\.[a-z]{2,}\s+)(?P<title>\w\S*(?:\s+\S+)+?)\s*\]?\s*$",
    _I,
)

_SOCIAL = (
    r"facebook|twitter|x|linkedin|whatsapp|telegram|reddit|pinterest|instagram|youtube|"
    r"tiktok|flipboard|email|e-mail|mail|print|messenger|threads|bluesky|mastodon|sms"
)
_SHARE_WORDS = re.compile(
    rf"^(?:share|shares|sharing|tweet|this|the|article|story|post|page|on|via|copy|link|"
    rf"url|save|comment|comments|comments?\d*|\d+|{_SOCIAL}|[|/•·,:;+-])$",
    _I,
)

_RULES: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "advertisement",
        re.compile(
            r"^\s*(?:advertisement|advertisements|advert|ad|ads|sponsored(?: content)?|"
            r"paid content|story continues below(?: advertisement)?|"
            r"(?:article|story) continues (?:below|after (?:this )?advertisement)|"
            r"continue reading (?:the main story|below)|scroll to continue(?: with content)?)"
            r"\s*[.:]?\s*$",
            _I,
        ),
    ),
    (
        "newsletter",
        re.compile(
            r"^\s*(?:(?:sign up|signup|subscribe|register|join|get|enter your email)\b.{0,120}"
            r"\b(?:newsletters?|our (?:latest |daily |weekly )?(?:news|updates|stories|"
            r"headlines|coverage)|e-?mails?|inbox|mailing list|briefing|digest|alerts)\b.*"
            r"|(?:newsletter|subscribe|sign up|sign up now|subscribe now|"
            r"enter your email(?: address)?|your email address|email address)"
            r"\s*[!.:]?)\s*$",
            _I,
        ),
    ),
    (
        "consent",
        re.compile(
            r"^\s*(?:by (?:submitting|signing up|subscribing|clicking|registering|"
            r"continuing|using this (?:site|website))\b.*"
            r"|i (?:agree|consent|accept)\b.{0,80}\b(?:terms|privacy|policy|conditions)\b.*"
            r"|(?:this|our) (?:site|website) uses cookies\b.*|we use cookies\b.*"
            r"|(?:accept|manage|reject) (?:all )?cookies\b.*|cookie (?:policy|settings)\b.*"
            r"|this site is protected by recaptcha\b.*)\s*$",
            _I,
        ),
    ),
    (
        "share-bar",
        re.compile(
            rf"^\s*(?:follow (?:us|[A-Z][\w.'-]+(?: [\w.'-]+){{0,5}}) on "
            rf"(?:{_SOCIAL})\b.{{0,80}}"
            rf"|(?:share|share this(?: article| story| post)?|share on (?:{_SOCIAL}))\b"
            rf"(?:\s*[|/•·,:]?\s*(?:{_SOCIAL}|share|tweet|copy link|pin|comments?))*)"
            r"\s*[!.:]?\s*$",
            _I,
        ),
    ),
    (
        "caption",
        re.compile(
            r"^\s*(?:\(\s*(?:photo|image|picture|photograph|video|file photo)\b[^)]*\)"
            r"|\[?\s*(?:photo|image|picture|photograph|photos|images|video|credit|"
            r"image caption|image copyright|media caption|caption|source)\s*:\s*\S.*"
            r"|\[?\s*watch (?:the |this |our )?(?:video|clip|footage)\b.{0,100}"
            r"|(?:image|media|picture|photo|video) (?:copyright|caption|credit)\b.*"
            r"|in this\b[^.]{0,90}?\b(?:file |undated |handout |aerial |courtesy )?"
            r"(?:photo|photograph|image|picture|video(?: image)?|frame grab|screen ?(?:grab|shot))"
            r"(?: (?:provided|released|taken|made available)\b[^,]{0,60})?,.*"
            r"|.{0,160}(?:/\s*(?:getty images|afp|reuters|ap|epa|shutterstock|"
            r"ap photo|anadolu agency)|\((?:ap|afp|reuters|epa) photo[^)]*\)|"
            r"\bvia getty images|\(getty images\)|"
            r"(?:^|[.|/(]\s*)(?:photo|photograph|image|picture) by [^.]{3,80})\s*\)?\s*\.?)\s*$",
            _I,
        ),
    ),
    (
        "copyright",
        re.compile(
            r"^\s*(?:(?:©|\(c\)|copyright)\s*.{0,40}\b(?:19|20)\d\d\b.{0,150}"
            r"|.{0,150}\ball rights reserved\b.{0,40})\s*$",
            _I,
        ),
    ),
    (
        "click-here",
        re.compile(r"^\s*click here\b.{0,150}$", _I),
    ),
    (
        "slideshow",
        re.compile(
            r"^\s*(?:\(?\s*(?:photo|image|picture|slide|gallery)s?\s+\d{1,3}\s*(?:of|/)\s*\d{1,3}"
            r"\s*\)?|\d{1,3}\s+of\s+\d{1,3}|\(\d{1,3}\s*/\s*\d{1,3}\))\s*[.:]?\s*$",
            _I,
        ),
    ),
    (
        "social",
        re.compile(
            rf"^\W*(?:(?:follow|sign up to follow|like us|find us|connect with us|join us)"
            rf"\b[^,.;!?]{{0,80}}?\b(?:on|via|at)\s+(?:{_SOCIAL})\b[^,;]{{0,60}}"
            r"|follow\s+(?:us\s+|me\s+|him\s+|her\s+)?(?:at\s+)?@\w{2,}.{0,80}"
            r"|@\w{2,}(?:\s+on\s+\w+)?)\s*[.!]?\s*$",
            _I,
        ),
    ),
)

# A line that reports speech ("... said.", "told ...") is content even when it also
# carries a photo credit: only the credit goes (real quotes were once lost to this).
_SPEECH = re.compile(
    r"[\"“”«»].{3,}[\"“”«»].{0,80}\b(?:said|says|told|tells|added|asked|according to)\b"
    r"|\b(?:said|says|told|added|asked)\b.{0,80}[\"“”«»].{3,}[\"“”«»]",
    _I,
)
# A photo credit closing a line of content: "(AP Photo/Jane Doe)", "(Photo: J. Smith/Courier)".
_CREDIT_TAIL = re.compile(
    r"\s*\((?:(?:ap|afp|reuters|epa|getty|file)\s+)?(?:photo|image|picture|photograph|"
    r"file photo)s?\s*(?::|/|\bby\b)\s*[^()]{2,80}\)\s*$",
    _I,
)

# "By Jane Doe, Staff Writer", "By JANE DOE", "By Jane Doe and John Roe | Reuters".
_NAME = r"(?:[A-Z][\w'’.-]*|[A-Z]\.)"
_BYLINE = re.compile(
    rf"^\s*(?:[Bb]y|BY)\s+{_NAME}(?:\s+(?:{_NAME}|de|van|von|al|bin))*"
    rf"(?:\s*(?:,|and|&)\s*{_NAME}(?:\s+{_NAME})*)*"
    r"(?:\s*[,|/–—-]\s*[\w .,'’&|/-]{0,60})?\s*$"
)
_NOT_NAMES = re.compile(
    r"^\s*by\s+(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|"
    r"february|march|april|may|june|july|august|september|october|november|december|"
    r"the|then|now|contrast|comparison|law|mid|late|early|next|last|this|that|"
    r"about|around|some)\b",
    _I,
)
_TRAILER = re.compile(
    r"^\s*\(?\s*(?:(?:reporting|writing|editing|additional reporting) by\b.{0,200}"
    r"|[^.]{3,200}\bcontributed (?:reporting|to (?:this|the) (?:report|story|article))\b"
    r"[^.]{0,80}\.?)\s*$",
    _I,
)
# A wire service's own fields ("STORY_NUMBER: L5N0X STORY_DATE: 05/09/2014 STORY_TIME: 1324
# GMT"), with the credits that may close them.
_WIRE_FIELDS = re.compile(
    r"^(?:[A-Z][A-Z0-9]*_[A-Z0-9_]+:\s*[\w/.:-]+(?:\s+[A-Z]{3})?\s*){2,}"
    r"(?:\((?:reporting|writing|editing)\b[^)]{0,200}\))?\s*$",
    _I,
)
# A line that is only a date and/or time ("Updated at 1:23 p.m.", "November 20, 2019 -
# 11:28 AMT", "5:45 AM PST 11/19/2019 by Jane Doe").
_TIME_WORDS = re.compile(
    r"^(?:updated|published|posted|last|modified|on|at|by|am|pm|a\.m|p\.m|"
    r"[ecmp][sd]t|gmt|utc|bst|cet|cest|amt|edt|est|ist|jst|aest|"
    r"jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t|tember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?|"
    r"mon(?:day)?|tue(?:sday)?|wed(?:nesday)?|thu(?:rsday)?|fri(?:day)?|sat(?:urday)?|"
    r"sun(?:day)?|\d{1,4}(?:[:/.]\d{1,4}){0,2}(?:am|pm)?|[-–—,.:|/()])\.?$",
    _I,
)
_CONTACT = re.compile(
    r"^\s*(?:(?:https?://)?(?:www\.)?twitter\.com/\w+"
    r"|(?:email|e-mail|contact|reach|write to|follow)\b.{0,160}"
    r"(?:[\w.+-]+@[\w-]+\.[\w.]+|twitter\.com/|\s@\w{2,}).{0,120})\s*$",
    _I,
)
_TAGS = re.compile(
    r"^\s*(?:tags|filed under|categories|category|topics|comments?|\d+ comments?|"
    r"leave a comment|add a comment|tell us what you think\W*|show comments|"
    r"(?:like|liked|enjoy|enjoyed|love) this (?:story|article|post)\?.{0,60}"
    r"|share (?:it|this) with (?:a|your) friends?\W*)(?:\s*:.{0,160})?\s*[|:.!]?\s*$",
    _I,
)

_RELATED_HEADING = re.compile(
    r"^\s*(?:related(?: articles| stories| news| content| coverage| links| posts)?|"
    r"more (?:from|on|about|stories|news|like this)\b.{0,60}|recommended(?: for you)?|"
    r"you (?:may|might) also (?:like|be interested in)|most (?:read|popular|viewed)\b.{0,40}|"
    r"trending(?: now)?|top stories|latest news|what to read next|further reading|"
    r"don'?t miss|see more|more stories|read more|we recommend|recommended (?:stories|reading|"
    r"articles|videos)|editor'?s picks|popular (?:now|stories)|around the web|"
    r"from (?:our|the) partners|(?:sponsored|promoted) stories|in (?:other|related) news|"
    r"full coverage|more coverage|related topics)"
    r"\s*[:.…]*\s*$",
    _I,
)

# One-to-one character normalisation (never changes length).
_CHAR_MAP: dict[int, str] = {
    **{ord(c): '"' for c in "“”„‟«»″〝〞＂"},
    **{ord(c): "'" for c in "‘’‚‛′`＇"},
    **{ord(c): " " for c in "\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006"},
    **{ord(c): " " for c in "\u2007\u2008\u2009\u200a\u202f\u205f\u3000\t\f\v"},
    **{ord(c): " " for c in "\u200b\u200c\u200d\u2060\ufeff\u00ad"},
}
_KEY_JUNK = re.compile(r"[\s\"'“”‘’«»]+")


def _key(line: str) -> str:
    """Compare key of a line: case- and space-insensitive, quotes and end marks ignored."""
    return _KEY_JUNK.sub(" ", line.translate(_CHAR_MAP)).strip(" .:;!|-").casefold()


def _lines(text: str) -> Iterator[tuple[int, int]]:
    """Yield ``(start, end)`` of every line of ``text`` (newline excluded)."""
    start = 0
    while True:
        end = text.find("\n", start)
        if end < 0:
            yield start, len(text)
            return
        yield start, end
        start = end + 1


def _is_title_like(line: str) -> bool:
    """A short Title Case line with no final period (a headline or link title)."""
    stripped = line.strip()
    if not stripped or stripped[-1] in ".;,":
        return False
    words = re.findall(r"[^\W\d_][\w'’-]*", stripped)
    if not 3 <= len(words) < MAX_TITLE_WORDS:
        return False
    small = {"a", "an", "the", "of", "in", "on", "at", "to", "for", "and", "or", "with", "by"}
    content = [w for w in words if w.casefold() not in small or w[0].isupper()]
    capped = sum(1 for w in content if w[0].isupper())
    return capped >= 0.7 * max(1, len(content))


def _is_repeated_headline(line: str) -> bool:
    """A title-like line of 5+ words that is no table row, list item or embed signature.

    Only lines seen exactly twice qualify: on the Scrapinghub pages, lines seen 3+ times
    were recipe items and table headers, and those seen twice but starting with a dash or
    bar were tweet signatures and table rows, all of them article text.
    """
    stripped = line.strip()
    if stripped[:1] in "|—–-•*#>" or stripped[:1].isdigit():
        return False
    return len(stripped.split()) >= 5 and _is_title_like(stripped)


def _classify(line: str, index: int) -> str | None:
    """Reason to remove one line on its own, or ``None`` (``index``: non-blank line number)."""
    stripped = line.strip()
    if not stripped or len(stripped) > MAX_BOILER_CHARS:
        return None
    for reason, pattern in _RULES:
        if pattern.match(stripped):
            if reason == "caption" and _SPEECH.search(stripped):
                return None  # a quote with a credit: the credit alone goes (``_CREDIT_TAIL``)
            return reason
    tokens = stripped.replace("|", " | ").split()
    if (
        tokens
        and len(tokens) <= 12
        and all(_SHARE_WORDS.match(t) for t in tokens)
        and any(re.match(rf"^(?:share|tweet|{_SOCIAL})$", t, _I) for t in tokens)
        and (len(tokens) > 1 or tokens[0].casefold() in {"share", "tweet"})
    ):
        return "share-bar"
    if (
        _BYLINE.match(stripped)
        and not _NOT_NAMES.match(stripped)
        and len(stripped.split()) <= 14
        and not stripped.endswith(("?", "!"))
        and (index < 6 or stripped.isupper() or "," in stripped or "|" in stripped)
    ):
        return "byline"
    if _TRAILER.match(stripped):
        return "byline"
    if _WIRE_FIELDS.match(stripped):
        return "wire fields"
    if _CONTACT.match(stripped):
        return "contact"
    if _TAGS.match(stripped):
        return "tags"
    words = re.findall(r"[\w.:/]+|[-–—,|()]", stripped)
    if (
        words
        and len(words) <= 14
        and all(_TIME_WORDS.match(w) for w in words)
        and re.search(r"\d:\d\d|\b(?:updated|published|posted)\b", stripped, _I)
    ):
        return "timestamp"
    if (
        re.match(
            r"^(?:\d{1,2}:\d\d\s*(?:am|pm|a\.m\.|p\.m\.)?\s*[a-z]{2,4}\s+)?"
            r"\d{1,2}/\d{1,2}/\d{2,4}\s+by\s+[A-Z]",
            stripped,
            _I,
        )
        and len(stripped) < 80
    ):
        return "timestamp"
    return None


def find_boilerplate(text: str, *, title: str | None = None) -> tuple[Removed, ...]:
    """Return the boilerplate lines of ``text`` as ``Removed`` spans, in text order.

    Args:
        text: the article text as read (LF newlines).
        title: the article's title when known: a line repeating it is removed
            ("headline"; the title is kept in ``Article.title``), and so is a first line
            that is the title without the outlet suffix ("Title - Outlet").

    Returns:
        One ``Removed`` per removed line, covering the line without its newline and
        without surrounding spaces; ``text[r.start:r.end] == r.text`` holds.
    """
    spans = [(s, e) for s, e in _lines(text) if text[s:e].strip()]
    reasons: dict[int, str] = {}
    teasers: set[str] = set()
    related_left = 0
    for index, (start, end) in enumerate(spans):
        line = text[start:end]
        reason = _classify(line, index)
        if (
            related_left
            and reason is None
            and _is_title_like(line)
            and not line.rstrip().endswith(("?", "!"))
        ):
            reasons[index] = "related-links"
            related_left -= 1
            continue
        related_left = 0
        if reason is None and _RELATED_HEADING.match(line) and len(line) < 80:
            reason = "related-links"
            related_left = MAX_RELATED_ITEMS
        teaser = _TEASER.match(line)
        if reason is None and teaser and len(line) <= MAX_BOILER_CHARS:
            teased = teaser.group("title")
            if len(teased.split()) < 25 and not teased.rstrip().endswith("."):
                reason = "read-next"
                teasers.add(_key(teased))
        if reason is not None:
            reasons[index] = reason
    keys = [_key(text[s:e]) for s, e in spans]
    title_key = _key(title) if title else ""
    for index, key in enumerate(keys):
        if index in reasons or not title_key or not key:
            continue
        if key == title_key or (
            index == 0 and len(key.split()) >= 4 and title_key.startswith(key + " ")
        ):
            reasons[index] = "headline"
    counts = Counter(k for i, k in enumerate(keys) if i not in reasons)
    for index, (start, end) in enumerate(spans):
        if index in reasons:
            continue
        if keys[index] in teasers:
            reasons[index] = "teaser"
        elif counts[keys[index]] == 2 and _is_repeated_headline(text[start:end]):
            reasons[index] = "repeated-headline"
    removed = []
    for index in sorted(reasons):
        start, end = spans[index]
        line = text[start:end]
        lead = len(line) - len(line.lstrip())
        trail = len(line) - len(line.rstrip())
        start, end = start + lead, end - trail
        removed.append(Removed(start, end, text[start:end], reasons[index]))
    for index, (start, end) in enumerate(spans):
        credit = None if index in reasons else _CREDIT_TAIL.search(text, start, end)
        if credit is not None and credit.start() > start:
            cut = credit.start() + len(credit.group(0)) - len(credit.group(0).lstrip())
            stop = start + len(text[start:end].rstrip())
            removed.append(Removed(cut, stop, text[cut:stop], "photo-credit"))
    return tuple(sorted(removed, key=lambda r: r.start))


def normalise_chars(text: str) -> str:
    """Map curly quotes, odd spaces, zero-width characters and soft hyphens 1:1."""
    return text.translate(_CHAR_MAP)


def blank(text: str, removed: tuple[Removed, ...]) -> str:
    """Return ``text`` with every removed span replaced by spaces (newlines kept)."""
    chars = list(text)
    for item in removed:
        for i in range(item.start, item.end):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def kept_text(article: Article) -> str:
    """Return the article's original text with the removed spans cut out (for scoring)."""
    parts: list[str] = []
    last = 0
    for item in sorted(article.removed, key=lambda r: r.start):
        parts.append(article.text[last : item.start])
        last = max(last, item.end)
    parts.append(article.text[last:])
    return "".join(parts)


def clean(article: Article, settings: Settings) -> Article:
    """Return ``article`` with ``clean_text`` and ``removed`` filled in.

    Works the same on plain text and on the main text extracted from HTML. The clean text
    always has exactly the length of ``article.text``, so offsets computed on it are valid
    on the original.

    Args:
        article: a raw article (as read by ``crosscheck.ingest``).
        settings: pipeline settings (unused for now; kept for a uniform stage signature).

    Also reads a plain-text page header (``crosscheck.headers``: URL, outlet, title,
    publication date with its dateline as basis; metadata already on the article wins) and
    detects the language of the clean text (``crosscheck.language``).

    Returns:
        A new ``Article``; the input is not changed.

    Example:
        >>> from crosscheck.model import Article
        >>> a = clean(Article("x", "t", "Hi “there”.\\nAdvertisement\\n"), Settings())
        >>> a.clean_text
        'Hi "there".\\n             \\n'
    """
    del settings  # uniform signature; no knob yet
    removed = find_boilerplate(article.text, title=article.title)
    meta: dict[str, object] = {}
    if article.format == "text":
        removed, meta = _use_header(article, removed)
    clean_text = normalise_chars(blank(article.text, removed))
    if len(clean_text) != len(article.text):  # pragma: no cover - guarded by tests
        raise AssertionError("cleaning changed the text length")
    detected = detect_language(clean_text)
    if detected is not None and detected[0] != article.language:
        meta["language"] = detected[0]
    if removed:
        LOGGER.debug("%s: removed %d boilerplate lines", article.source, len(removed))
    return dataclasses.replace(article, clean_text=clean_text, removed=removed, **meta)  # type: ignore[arg-type]


def _use_header(
    article: Article, removed: tuple[Removed, ...]
) -> tuple[tuple[Removed, ...], dict[str, object]]:
    """Read a plain-text page header: its furniture joins ``removed``, its metadata the
    article where the article has none (flags, sidecar and page metadata come first)."""
    header = read_header(article.text, skip={r.start for r in removed})
    spans = list(removed)
    for item in header.removed:
        clash = [r for r in spans if r.start < item.end and item.start < r.end]
        if clash:  # the line was already out ("timestamp"): it is a dateline, say so
            if item.reason == "dateline" and all(r.reason == "timestamp" for r in clash):
                spans = [r for r in spans if r not in clash]
                spans.append(item)
            continue
        spans.append(item)
    meta: dict[str, object] = {}
    for key in ("url", "outlet", "title"):
        if getattr(article, key) is None and getattr(header, key) is not None:
            meta[key] = getattr(header, key)
    if article.outlet is None and header.outlet is None and header.agency:
        meta["outlet"] = header.agency
    if article.published is None and header.published is not None:
        meta["published"] = header.published
        meta["date_anchor"] = DateAnchor(
            header.published, "metadata", note=f"publication date from the page's {header.basis}"
        )
    return tuple(sorted(spans, key=lambda r: r.start)), meta


def is_usable(article: Article, settings: Settings) -> Problem | None:
    """Return a ``Problem`` when the article cannot be analysed, else ``None``.

    CC020 when its language (detected by ``clean``) has no installed pipeline: it is
    refused, never analysed as English. CC003 when the clean text is too short: counts
    non-space characters of ``article.clean_text`` (or of ``text`` when the article was
    not cleaned) against ``settings.min_chars``.
    """
    if not supported(article.language):
        return Problem(
            article.source,
            "CC020",
            f"{article.source}: {CODES['CC020']}: the text is in {language_name(article.language)} "
            f"({article.language}); crosscheck analyses English only, so it was left out",
        )
    text = article.clean_text or article.text
    count = sum(1 for ch in text if not ch.isspace())
    if count >= settings.min_chars:
        return None
    return Problem(
        article.source,
        "CC003",
        f"{article.source}: {CODES['CC003']}: only {count} characters of text remain after "
        f"cleaning (at least {settings.min_chars} are needed)",
    )
