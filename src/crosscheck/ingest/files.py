"""Reading articles from files, directories, globs and stdin.

Each input becomes a raw ``Article`` (not yet cleaned: see ``crosscheck.clean``) or a
``Problem`` naming the input and the reason; a bad input never stops the batch.

Checks run cheapest first: existence (CC001), size by ``stat`` before any read (CC005),
readability (CC002), emptiness (CC003), binary content (CC004: NUL bytes, control
characters, magic numbers), decoding (CC006: byte-order mark, then UTF-8, then
charset-normalizer), and for HTML the main-text extraction (CC007). Newlines are
normalised to LF; that decoded, normalised text is the text "as read" that every offset
refers to. For HTML the text as read is the main text extracted by trafilatura, with
paragraphs separated by blank lines.

Metadata precedence: flags > sidecar ``NAME.meta.json`` > what an HTML page says. Unknown
stays ``None``: no date is ever taken from a file's modification time.
"""

from __future__ import annotations

import codecs
import glob
import json
import logging
import os
import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from crosscheck.errors import CODES
from crosscheck.ingest.html import extract_html, looks_like_html
from crosscheck.model import Article, Problem, text_hash
from crosscheck.settings import Settings

LOGGER = logging.getLogger(__name__)

TEXT_SUFFIXES = frozenset({".txt", ".text", ".md"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
SIDECAR_SUFFIX = ".meta.json"
META_KEYS = ("title", "outlet", "author", "url", "published")
STDIN = "-"

# More than this share of control bytes (other than tab, newlines, form feed, escape) in
# the first block means binary. Real text files have none; 5% leaves room for a stray few.
MAX_CONTROL_RATIO = 0.05
_SNIFF = 8192

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/ODT/EPUB)"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\x1f\x8b", "gzip-compressed data (decompress it first)"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xfd7zXZ", "xz-compressed data"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
    (b"Rar!", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
    (b"\x7fELF", "an executable"),
    (b"MZ", "a Windows executable"),
    (b"RIFF", "a RIFF media file"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg media file"),
    (b"\x00\x00\x00\x18ftyp", "an MP4 file"),
    (b"SQLite format 3", "a SQLite database"),
    (b"PAR1", "a Parquet file"),
)

# UTF-32 first: its little-endian BOM begins with UTF-16's.
_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_CONTROL = frozenset(range(32)) - {9, 10, 12, 13, 27}
_SURROGATE = re.compile("[\ud800-\udfff]")
# C0 controls but tab, newline and form feed; DEL and the C1 controls (ESC starts terminal
# escapes: set the title, clear the screen). Each becomes a space: lengths hold.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0d-\x1f\x7f-\x9f]")
_JUNK_CATEGORIES = frozenset({"Cc", "Co", "Cn", "Cs"})
_SYMBOL_CATEGORIES = frozenset({"So", "Sk", "Sm", "Sc"})
MAX_JUNK_RATIO = 0.05  # decoded characters that are no text at all (controls, unassigned)
MAX_SYMBOL_RATIO = 0.25  # ... together with symbols (random bytes read as Latin-1)
_TIME = re.compile(r"\d{1,2}:\d{2}")
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


class _Skip(Exception):
    """Internal: this input yields a ``Problem`` instead of an article."""

    def __init__(self, code: str, reason: str) -> None:
        super().__init__(reason)
        self.code = code
        self.reason = reason


def _problem(source: str, code: str, reason: str, *, fatal: bool = True) -> Problem:
    """Build a ``Problem`` whose message names the input, the code's meaning and the reason."""
    return Problem(source, code, f"{source}: {CODES[code]}: {reason}", fatal)


def normalise_published(value: str | None) -> str | None:
    """Return ``value`` as an ISO date or date-time string, or ``None`` when it is not one.

    Accepts ``YYYY-MM-DD`` and ISO 8601 date-times (a trailing ``Z`` included; a
    date-time at midnight without zone is kept as given), RFC 2822 dates as feeds and mail
    write them (``Thu, 05 Mar 2026 10:00:00 GMT``, through ``email.utils``) and other
    absolute dates with a day, a month and a year in the common written forms (``March 4,
    2026``, ``4 March 2026``, ``04.03.2026``; through ``dateparser``, day first only when
    the day cannot be a month). A date without a time gives ``YYYY-MM-DD``. Relative or
    partial dates ("last Tuesday", "March 2026") are not parsed: a publication date is
    metadata, not a guess.
    """
    if value is None:
        return None
    text = scrub(str(value)).strip()
    if not text or len(text) > 100:
        return None
    try:
        return date.fromisoformat(text).isoformat()
    except ValueError:
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    try:
        return parsedate_to_datetime(text).isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        pass
    return _dateparser(text)


def _dateparser(text: str) -> str | None:
    """An absolute date (day, month and year all written) read by ``dateparser``, or None."""
    if not any(ch.isdigit() for ch in text):
        return None
    import dateparser

    try:
        parsed = dateparser.parse(
            text,
            settings={
                "STRICT_PARSING": True,
                "PARSERS": ["custom-formats", "absolute-time"],
                "DATE_ORDER": "MDY",
                "RETURN_AS_TIMEZONE_AWARE": False,
            },
        )
    except Exception:  # dateparser raises a variety of errors on odd input
        return None
    if parsed is None or not 1000 <= parsed.year <= 9999:
        return None
    if _TIME.search(text):
        return parsed.isoformat()
    return parsed.date().isoformat()


def scrub(text: str) -> str:
    """Make read text safe to store and print; every replacement keeps the length.

    Lone surrogates (``\\ud800`` from a JSON escape) become U+FFFD: Python strings may
    hold them but nothing can encode them (UTF-8, the store, a terminal). Control characters
    (ESC, NUL, bell, C1; not tab, newline or form feed) become spaces: an escape sequence
    in an article or its title must never reach a terminal. Done once, where text enters
    crosscheck, before any offset is taken.
    """
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    if _CONTROLS.search(text):
        text = _CONTROLS.sub(" ", text)
    return text


def looks_binary_text(text: str, *, html: bool = False) -> str | None:
    """Why decoded ``text`` is not text, or ``None``.

    Not text: controls, unassigned or private characters; a mass of symbols (bytes that
    only decoded because every byte is some Latin-1 character); or letters of a cased
    script with no spaces between them (not checked for ``html``: minified pages have
    none). Scripts written without spaces (Chinese, Japanese, Thai) are uncased and pass.
    """
    head = text[:_SNIFF]
    if not head:
        return None
    junk = symbols = spaces = cased = 0
    for ch in head:
        if ch.isspace():
            spaces += 1
            continue
        if ch == "\x1b":
            continue
        cased += ch.islower() or ch.isupper()
        category = unicodedata.category(ch)
        if category in _JUNK_CATEGORIES or ch == "\ufffd":
            junk += 1
        elif category in _SYMBOL_CATEGORIES and ord(ch) > 127:  # not markup's < = > +
            symbols += 1
    if junk / len(head) > MAX_JUNK_RATIO:
        return f"{junk} of its first {len(head)} characters are control or unassigned characters"
    if (junk + symbols) / len(head) > MAX_SYMBOL_RATIO:
        return f"{junk + symbols} of its first {len(head)} characters are symbols or controls"
    if not html and len(head) >= 32 and spaces / len(head) < 0.01 and cased / len(head) > 0.5:
        # words of a cased script (Latin, Cyrillic, Greek...) are separated by spaces
        return f"its first {len(head)} characters hold {spaces} spaces: no words"
    return None


# A long text with this few distinct words is filler repeated, not prose: a page of one
# word 60,000 times, or the same few paragraphs a thousand times over. Prose keeps adding
# words (Heaps' law): the longest crossnews article (1,613 words) has 38% distinct words, the
# most repetitive Scrapinghub page 10% of 2,052; at max_chars, prose has about 10%. Parsing
# such filler costs as much as parsing prose, for nothing.
REPETITIVE_WORDS = 1_000
REPETITIVE_RATIO = 0.02
_WORDS = re.compile(r"\w+")


def repetitive(text: str) -> str | None:
    """Why ``text`` is repeated filler (few distinct words in many), or ``None``."""
    if len(text) < 4 * REPETITIVE_WORDS:
        return None
    words = _WORDS.findall(text.lower())
    if len(words) < REPETITIVE_WORDS:
        return None
    distinct = len(set(words))
    if distinct >= REPETITIVE_RATIO * len(words):
        return None
    return f"{len(words)} words but only {distinct} distinct: repeated filler, not prose"


def too_long(source: str, text: str, settings: Settings) -> Problem | None:
    """A CC005 ``Problem`` when ``text`` has more than ``settings.max_chars`` characters;
    a CC004 one when it is repeated filler (``repetitive``).

    Every entry point (files, standard input, datasets, WARC, feeds and pages, the Python
    API) refuses such an article before any analysis: the parser's time and memory grow
    with an article's length.
    """
    if len(text) > settings.max_chars:
        return _problem(
            source,
            "CC005",
            f"{len(text)} characters of text is more than max_chars={settings.max_chars}",
        )
    why = repetitive(text)
    return None if why is None else _problem(source, "CC004", why)


def normalise_newlines(text: str) -> str:
    """Map CRLF and lone CR to LF."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def check_binary(data: bytes) -> str | None:
    """Return why ``data`` looks binary (magic number, NUL bytes, control bytes) or ``None``."""
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return None
    for magic, what in _MAGIC:
        if data.startswith(magic):
            return f"it is {what}"
    head = data[:_SNIFF]
    if b"\x00" in head:
        return "it contains NUL bytes"
    controls = sum(1 for byte in head if byte in _CONTROL)
    if head and controls / len(head) > MAX_CONTROL_RATIO:
        return f"{controls} of its first {len(head)} bytes are control characters"
    return None


def decode(data: bytes, *, html: bool = False) -> str:
    """Decode bytes: byte-order mark, then strict UTF-8, then the page's declared charset
    (HTML only), then charset-normalizer's best guess.

    Raises:
        _Skip: CC006 when no encoding fits.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _Skip(
                    "CC006", f"it starts with a {encoding} byte-order mark but {exc}"
                ) from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    if html:
        declared = _META_CHARSET.search(data[:4096])
        if declared:
            try:
                return data.decode(declared.group(1).decode("ascii"))
            except (LookupError, UnicodeDecodeError):
                pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise _Skip("CC006", "it is neither UTF-8 nor any encoding charset-normalizer knows")
    LOGGER.debug("decoded with %s (charset-normalizer)", best.encoding)
    return str(best)


def _read_sidecar(path: Path) -> tuple[dict[str, str], Problem | None]:
    """Read ``NAME.meta.json`` (or ``NAME.EXT.meta.json``) beside ``path``, if any."""
    for candidate in (
        path.with_name(path.stem + SIDECAR_SUFFIX),
        path.with_name(path.name + SIDECAR_SUFFIX),
    ):
        if candidate.is_file():
            break
    else:
        return {}, None
    source = str(candidate)
    try:
        raw = json.loads(candidate.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        return {}, _problem(source, "CC013", f"cannot read it as JSON ({exc})", fatal=False)
    if not isinstance(raw, dict):
        return {}, _problem(source, "CC013", "it must hold a JSON object", fatal=False)
    meta: dict[str, str] = {}
    bad: list[str] = []
    for key in META_KEYS:
        value = raw.get(key)
        if value is None:
            continue
        if not isinstance(value, str) or not value.strip():
            bad.append(f"{key!r} is not a non-empty string")
            continue
        if key == "published":
            iso = normalise_published(value)
            if iso is None:
                bad.append(
                    f"'published' {value!r} is not a date (ISO 8601, RFC 2822 or 'March 4, 2026')"
                )
                continue
            value = iso
        meta[key] = value.strip()
    problem = None
    if bad:
        problem = _problem(source, "CC013", "; ".join(bad) + " (ignored)", fatal=False)
    return meta, problem


def _article(
    source: str,
    text: str,
    *,
    fmt: str,
    page: dict[str, str | None],
    sidecar: dict[str, str],
    flags: dict[str, str | None],
) -> Article:
    """Build an article, metadata taken from flags, then the sidecar, then the page."""
    meta: dict[str, str | None] = {}
    for key in META_KEYS:
        value = flags.get(key) or sidecar.get(key) or page.get(key) or None
        meta[key] = scrub(value) if value else None
    return Article(
        id=text_hash(text)[:16],
        source=source,
        text=text,
        title=meta["title"],
        outlet=meta["outlet"],
        author=meta["author"],
        url=meta["url"],
        published=meta["published"],
        format="html" if fmt == "html" else "text",
    )


def read_bytes(
    source: str,
    data: bytes,
    settings: Settings,
    *,
    suffix: str = "",
    sidecar: dict[str, str] | None = None,
    flags: dict[str, str | None] | None = None,
) -> Article | Problem:
    """Turn the bytes of one input into a raw ``Article`` or a ``Problem``.

    Args:
        source: the name reported in messages and kept as ``Article.source``.
        data: the raw bytes.
        settings: pipeline settings (``max_bytes``).
        suffix: the file extension, lower case (``.html`` forces HTML).
        sidecar: metadata read from a sidecar file.
        flags: metadata given by the caller; wins over everything.
    """
    try:
        if len(data) > settings.max_bytes:
            raise _Skip("CC005", f"{len(data)} bytes is more than max_bytes={settings.max_bytes}")
        if not data.strip():
            raise _Skip("CC003", "the input is empty")
        why = check_binary(data)
        if why:
            raise _Skip("CC004", why)
        is_html = suffix in HTML_SUFFIXES or (
            suffix not in TEXT_SUFFIXES and looks_like_html(data[:_SNIFF])
        )
        text = scrub(normalise_newlines(decode(data, html=is_html)))
        why = looks_binary_text(text, html=is_html)
        if why:
            raise _Skip("CC004", why)
        page: dict[str, str | None] = {}
        if is_html:
            extracted = extract_html(text, url=(flags or {}).get("url"))
            if extracted is None:
                raise _Skip("CC007", "neither trafilatura nor the <p> fallback found text")
            text = scrub(extracted.text)
            page = {
                "title": extracted.title,
                "outlet": extracted.sitename,
                "author": extracted.author,
                "url": extracted.url,
                "published": normalise_published(extracted.date),
            }
        elif not text.strip():
            raise _Skip("CC003", "the input has no text")
    except _Skip as skip:
        return _problem(source, skip.code, skip.reason)
    refused = too_long(source, text, settings)
    if refused is not None:
        return refused
    return _article(
        source,
        text,
        fmt="html" if is_html else "text",
        page=page,
        sidecar=sidecar or {},
        flags=flags or {},
    )


def read_path(
    path: Path, settings: Settings, flags: dict[str, str | None]
) -> list[Article | Problem]:
    """Read one file: size check by ``stat`` first, then bytes, sidecar and decoding."""
    source = str(path)
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        return [_problem(source, "CC001", "no such file")]
    except OSError as exc:
        return [_problem(source, "CC002", f"cannot stat it ({exc.strerror or exc})")]
    if size > settings.max_bytes:
        return [
            _problem(source, "CC005", f"{size} bytes is more than max_bytes={settings.max_bytes}")
        ]
    try:
        with open(path, "rb") as fh:
            data = fh.read(settings.max_bytes + 1)
    except PermissionError:
        return [_problem(source, "CC002", "permission denied")]
    except IsADirectoryError:
        return [_problem(source, "CC002", "it is a directory")]
    except OSError as exc:
        return [_problem(source, "CC002", f"cannot read it ({exc.strerror or exc})")]
    sidecar, problem = _read_sidecar(path)
    out: list[Article | Problem] = [problem] if problem else []
    out.append(
        read_bytes(
            source,
            data,
            settings,
            suffix=path.suffix.lower(),
            sidecar=sidecar,
            flags=flags,
        )
    )
    return out


def _is_hidden(path: Path, root: Path) -> bool:
    """True when any part of ``path`` below ``root`` starts with a dot."""
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def _wanted(path: Path) -> bool:
    """True for article files in a directory walk (no sidecars)."""
    name = path.name.lower()
    return not name.endswith(SIDECAR_SUFFIX) and path.suffix.lower() in (
        TEXT_SUFFIXES | HTML_SUFFIXES
    )


def expand(source: str) -> list[Path] | None:
    """Return the files a source names, sorted; ``None`` when nothing exists there.

    A directory is walked recursively for ``.txt .text .md .html .htm .xhtml`` files
    (hidden files and folders and ``*.meta.json`` sidecars skipped); a pattern with
    ``* ? [`` is a glob (``**`` recursive).
    """
    path = Path(source).expanduser()
    if path.is_dir():
        found = [
            p for p in path.rglob("*") if p.is_file() and _wanted(p) and not _is_hidden(p, path)
        ]
        return sorted(found, key=lambda p: p.relative_to(path).as_posix())
    if path.exists() or path.is_symlink():
        return [path]
    if glob.has_magic(source):
        pattern = str(Path(source).expanduser())
        # glob.glob, not Path.glob: the pattern may be absolute or contain "**".
        matches = sorted(glob.glob(pattern, recursive=True))  # noqa: PTH207
        files = [
            Path(m)
            for m in matches
            if Path(m).is_file() and not Path(m).name.lower().endswith(SIDECAR_SUFFIX)
        ]
        return files or None
    return None


def read_sources(
    sources: Sequence[str],
    settings: Settings,
    *,
    outlet: str | None = None,
    published: str | None = None,
    url: str | None = None,
    title: str | None = None,
    author: str | None = None,
    stdin: BinaryIO | None = None,
) -> Iterator[Article | Problem]:
    """Read every source and yield raw articles and problems, in a deterministic order.

    Sources are taken in the order given; a directory or glob is expanded in sorted order;
    a file named twice is read once. ``"-"`` reads standard input (or ``stdin``).

    Args:
        sources: file paths, directories, glob patterns or ``"-"``.
        settings: pipeline settings (``max_bytes``).
        outlet: outlet name for every article (wins over sidecar and page).
        published: publication date, ISO date or date-time (wins over sidecar and page).
        url: original URL (wins over sidecar and page).
        title: title (wins over sidecar and page).
        author: author (wins over sidecar and page).
        stdin: a binary stream to read for ``"-"``; default ``sys.stdin.buffer``.

    Yields:
        ``Article`` (raw: call ``crosscheck.clean.clean`` next) or ``Problem``. A bad
        sidecar yields a non-fatal CC013 problem before its article.

    Raises:
        ValueError: ``published`` is given but is not a date (see ``normalise_published``).

    Example:
        >>> from crosscheck.settings import Settings
        >>> [type(x).__name__ for x in read_sources(["/nonexistent.txt"], Settings())]
        ['Problem']
    """
    iso = normalise_published(published)
    if published is not None and iso is None:
        raise ValueError(
            f"published={published!r} is not a date (ISO 8601, RFC 2822 or 'March 4, 2026')"
        )
    flags: dict[str, str | None] = {
        "outlet": outlet,
        "published": iso,
        "url": url,
        "title": title,
        "author": author,
    }
    seen: set[str] = set()
    for source in sources:
        if source == STDIN:
            stream = stdin if stdin is not None else sys.stdin.buffer
            try:
                data = stream.read(settings.max_bytes + 1)
            except OSError as exc:
                yield _problem("<stdin>", "CC002", f"cannot read standard input ({exc})")
                continue
            yield read_bytes("<stdin>", data, settings, flags=flags)
            continue
        paths = expand(source)
        if paths is None:
            reason = (
                "no file matches this pattern"
                if glob.has_magic(source)
                else "no such file or directory"
            )
            yield _problem(source, "CC001", reason)
            continue
        if not paths:
            LOGGER.info("%s: no article files found", source)
        for path in paths:
            key = os.path.realpath(path)
            if key in seen:
                continue
            seen.add(key)
            yield from read_path(path, settings, flags)


def read_text(
    source: str,
    text: str,
    *,
    title: str | None = None,
    outlet: str | None = None,
    author: str | None = None,
    url: str | None = None,
    published: str | None = None,
    html: bool = False,
) -> Article:
    """Make a raw article from text already in memory (pasted text, the Python API).

    Newlines are normalised; with ``html=True`` the text is taken as an HTML page and its
    main text extracted (falling back to the text itself when nothing is found).

    Raises:
        ValueError: ``published`` is given but is not a date (see ``normalise_published``).
    """
    iso = normalise_published(published)
    if published is not None and iso is None:
        raise ValueError(
            f"published={published!r} is not a date (ISO 8601, RFC 2822 or 'March 4, 2026')"
        )
    text = scrub(normalise_newlines(text.lstrip("\ufeff")))
    page: dict[str, str | None] = {}
    fmt = "text"
    if html:
        extracted = extract_html(text, url=url)
        if extracted is not None:
            text, fmt = scrub(extracted.text), "html"
            page = {
                "title": extracted.title,
                "outlet": extracted.sitename,
                "author": extracted.author,
                "url": extracted.url,
                "published": normalise_published(extracted.date),
            }
    flags = {"title": title, "outlet": outlet, "author": author, "url": url, "published": iso}
    return _article(source, text, fmt=fmt, page=page, sidecar={}, flags=flags)


__all__ = [
    "check_binary",
    "decode",
    "expand",
    "looks_binary_text",
    "normalise_newlines",
    "normalise_published",
    "read_bytes",
    "read_path",
    "read_sources",
    "read_text",
    "scrub",
    "too_long",
]
