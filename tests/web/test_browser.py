"""End-to-end: headless Chromium (Debian's package, no download) against a live server.

One store, one server and one browser for the whole module (see ``_live.py``). The pages
and selectors are those of the web contract (story list, story page with highlight and
removed boilerplate, compare, search, speaker, and inert hostile text).

Screenshots of the story and compare pages go to ``$CROSSCHECK_SCREENSHOTS`` (default: a
pytest temporary folder, so the tree stays clean).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import pytest
from _live import (
    HOSTILE_ARTICLES,
    HOSTILE_SPEAKER,
    HOSTILE_TITLE,
    IMG_PAYLOAD,
    SCRIPT_PAYLOAD,
    LiveStore,
    live_site,
)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
WAIT_S = 10.0

pytestmark = [
    pytest.mark.browser,
    pytest.mark.slow,
    pytest.mark.skipif(
        not (CHROMIUM.is_file() and CHROMEDRIVER.is_file()),
        reason="needs Debian's chromium and chromium-driver in /usr/bin",
    ),
]

webdriver = pytest.importorskip("selenium.webdriver")
from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import Select, WebDriverWait  # noqa: E402

# Two short reports of our own: one shared quote, and 17 vs 24 people hospitalised.
COMPARE_A = (
    "Library roof gives way in Brightwater\n\n"
    "Part of the roof of the Brightwater public library collapsed on Saturday morning during "
    "a children's reading hour, and 17 people were hospitalised on Saturday, city officials "
    "said.\n\n"
    '"The beam over the reading room simply split, and the plaster came down in one piece," '
    'said library director Ines Caldera. "We got everyone out within four minutes."\n\n'
    "Building inspector Ruth Amsel said the roof had last been checked in 2019.\n"
)
COMPARE_B = (
    "Brightwater library closed after ceiling collapse\n\n"
    "Part of the roof of the Brightwater public library collapsed on Saturday morning, and "
    "24 people were hospitalised on Saturday, according to the fire service.\n\n"
    '"The beam over the reading room simply split, and the plaster came down in one piece," '
    "library director Ines Caldera told reporters.\n\n"
    "The library will stay closed until engineers have inspected every beam, Mayor Paul "
    "Renner said.\n"
)
EXAMPLE_OUTLETS = (
    "The Marrowfield Courier",
    "Tri-County Herald",
    "Meridian Wire Service",
    "Lakeshore Daily",
    "Eastbank Neighbours Bulletin",
)

# Is the element's box inside every scrolling ancestor's box (and, with arguments[1], inside
# the window's viewport too)?
IN_VIEW_JS = """
const el = arguments[0];
const r = el.getBoundingClientRect();
if (r.width === 0 && r.height === 0) return false;
if (arguments[1]) {
  const vh = window.innerHeight || document.documentElement.clientHeight;
  const vw = window.innerWidth || document.documentElement.clientWidth;
  if (r.bottom <= 0 || r.top >= vh || r.right <= 0 || r.left >= vw) return false;
}
for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
  const s = getComputedStyle(p);
  if (!/(auto|scroll|hidden)/.test(s.overflowY + s.overflowX)) continue;
  const c = p.getBoundingClientRect();
  if (r.bottom <= c.top || r.top >= c.bottom || r.right <= c.left || r.left >= c.right)
    return false;
}
return true;
"""


# --- fixtures -----------------------------------------------------------------------------
@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, LiveStore]]:
    """The live server over a store of the examples plus the hostile story."""
    with live_site(tmp_path_factory.mktemp("live")) as (base_url, store):
        assert store.example_story, "the examples formed no story"
        assert store.hostile_story, "the hostile articles formed no story"
        yield base_url, store


@pytest.fixture(scope="module")
def base_url(site: tuple[str, LiveStore]) -> str:
    return site[0]


@pytest.fixture(scope="module")
def store(site: tuple[str, LiveStore]) -> LiveStore:
    return site[1]


@pytest.fixture(scope="module")
def driver() -> Iterator[WebDriver]:
    """Headless Chromium through the system chromedriver (Selenium Manager kept offline)."""
    previous = os.environ.get("SE_OFFLINE")
    os.environ["SE_OFFLINE"] = "true"
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for arg in (
        "--headless=new",
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1400,1000",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
    ):
        options.add_argument(arg)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    browser = webdriver.Chrome(options=options, service=Service(str(CHROMEDRIVER)))
    browser.set_page_load_timeout(60)
    try:
        yield browser
    finally:
        browser.quit()
        if previous is None:
            os.environ.pop("SE_OFFLINE", None)
        else:
            os.environ["SE_OFFLINE"] = previous


@pytest.fixture(scope="module")
def shots(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Where screenshots go: ``$CROSSCHECK_SCREENSHOTS`` or a temporary folder."""
    target = os.environ.get("CROSSCHECK_SCREENSHOTS")
    folder = Path(target) if target else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    return folder


# --- helpers ------------------------------------------------------------------------------
def wait_for(driver: WebDriver, condition: Any, message: str) -> Any:
    return WebDriverWait(driver, WAIT_S).until(condition, message)


def css(driver: WebDriver | WebElement, selector: str) -> list[WebElement]:
    return driver.find_elements(By.CSS_SELECTOR, selector)


def open_page(driver: WebDriver, url: str) -> None:
    """Load ``url`` and drain the console log gathered so far."""
    console(driver)
    driver.get(url)
    wait_for(driver, lambda d: d.execute_script("return document.readyState") == "complete", url)


def console(driver: WebDriver) -> list[dict[str, Any]]:
    """Browser console entries since the last call (empty when the driver keeps none)."""
    try:
        return list(driver.get_log("browser"))
    except Exception:  # not every driver build exposes the log endpoint
        return []


def csp_violations(entries: list[dict[str, Any]]) -> list[str]:
    return [
        str(e.get("message", ""))
        for e in entries
        if re.search(
            r"Content Security Policy|Refused to (execute|load|apply)", str(e.get("message"))
        )
    ]


def assert_no_alert(driver: WebDriver) -> None:
    try:
        alert = driver.switch_to.alert
    except NoAlertPresentException:
        return
    text = alert.text
    alert.dismiss()
    pytest.fail(f"a hostile script ran: alert({text!r})")


def finding_indexes(mark: WebElement) -> set[str]:
    return set((mark.get_attribute("data-findings") or "").split())


def source_of(driver: WebDriver, element: WebElement) -> str:
    return str(
        driver.execute_script(
            "const s = arguments[0].closest('article.source');"
            "return s ? s.getAttribute('data-article') : '';",
            element,
        )
    )


def select_finding(driver: WebDriver) -> WebElement:
    """The first conflict finding whose evidence lies in two sources (any finding as fallback)."""
    findings = css(driver, "ol#findings li.finding")
    assert findings, "the story page lists no findings"
    marks = css(driver, "div#sources mark.evidence")
    sources_by_finding: dict[str, set[str]] = {}
    for mark in marks:
        article = source_of(driver, mark)
        for index in finding_indexes(mark):
            sources_by_finding.setdefault(index, set()).add(article)

    def rank(item: WebElement) -> tuple[int, int]:
        conflict = "conflict" in (item.get_attribute("data-kind") or "")
        spread = len(sources_by_finding.get(item.get_attribute("data-finding") or "", ()))
        return (int(conflict and spread >= 2), spread)

    return max(findings, key=rank)


def body_text(driver: WebDriver) -> str:
    return str(driver.find_element(By.TAG_NAME, "body").text)


# --- tests --------------------------------------------------------------------------------
def test_browser_stories_list_shows_example_story(
    driver: WebDriver, base_url: str, store: LiveStore
) -> None:
    open_page(driver, f"{base_url}/")
    assert driver.current_url.rstrip("/").endswith("/stories")
    nav = css(driver, "nav#top a")
    assert {"/stories", "/compare", "/search", "/docs"} <= {
        (a.get_attribute("href") or "").removeprefix(base_url) for a in nav
    }
    rows = css(driver, "table#stories tr.story")
    assert len(rows) == len(store.story_ids)
    target = f"/stories/{store.example_story}"
    row = next(
        r
        for r in rows
        if any((a.get_attribute("href") or "").endswith(target) for a in css(r, "a.story-link"))
    )
    sources = css(row, ".story-sources")[0].text
    # Five articles (one a wire reprint): the cell gives a count or names the outlets.
    assert re.search(r"\b[45]\b", sources) or sum(o in sources for o in EXAMPLE_OUTLETS) >= 4, (
        sources
    )
    assert int(css(row, ".count-conflict")[0].text.split()[0]) >= 2
    assert int(css(row, ".count-corroborated")[0].text.split()[0]) >= 1
    assert int(css(row, ".count-single")[0].text.split()[0]) >= 1
    assert css(row, ".story-span")[0].text.strip()


def test_browser_story_filters_narrow_the_list(
    driver: WebDriver, base_url: str, store: LiveStore
) -> None:
    open_page(driver, f"{base_url}/stories")
    form = driver.find_element(By.CSS_SELECTOR, "form#story-filters")
    Select(form.find_element(By.CSS_SELECTOR, "select[name=kind]")).select_by_value(
        "numeric_conflict"
    )
    form.submit()
    wait_for(driver, lambda d: "kind=numeric_conflict" in d.current_url, "filtered URL")
    links = [a.get_attribute("href") or "" for a in css(driver, "tr.story a.story-link")]
    assert links and all(link.endswith(f"/stories/{store.example_story}") for link in links)
    outlet = HOSTILE_ARTICLES["valley-ledger.txt"][1]["outlet"]
    open_page(driver, f"{base_url}/stories?outlet={quote(outlet)}")
    links = [a.get_attribute("href") or "" for a in css(driver, "tr.story a.story-link")]
    assert links and all(link.endswith(f"/stories/{store.hostile_story}") for link in links)


def test_browser_finding_click_highlights_evidence_in_sources(
    driver: WebDriver, base_url: str, store: LiveStore, shots: Path
) -> None:
    open_page(driver, f"{base_url}/stories/{store.example_story}")
    assert driver.find_element(By.CSS_SELECTOR, "h1#story-title").text.strip()
    assert len(css(driver, "div#sources article.source div.source-text")) >= 2
    finding = select_finding(driver)
    index = finding.get_attribute("data-finding") or ""
    assert "conflict" in (finding.get_attribute("data-kind") or ""), (
        "no conflict with evidence in 2 sources"
    )
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", finding)
    finding.click()
    wait_for(
        driver, lambda d: "is-active" in (finding.get_attribute("class") or ""), "finding active"
    )
    active = css(driver, "mark.evidence.is-active")
    assert active, "no evidence highlighted"
    assert all(index in finding_indexes(m) for m in active)
    others = [m for m in css(driver, "mark.evidence") if index not in finding_indexes(m)]
    assert not [m for m in others if "is-active" in (m.get_attribute("class") or "")]
    assert len(css(driver, "li.finding.is-active")) == 1
    first_per_source: dict[str, WebElement] = {}
    for mark in active:
        first_per_source.setdefault(source_of(driver, mark), mark)
    assert len(first_per_source) >= 2, f"evidence in {len(first_per_source)} source(s) only"
    # Each source's first evidence mark is scrolled into view inside its own text box; the
    # first source's mark is in the window too (sources in a grid may sit below the fold).
    for number, (article, mark) in enumerate(first_per_source.items()):
        wait_for(
            driver,
            lambda d, m=mark, n=number: d.execute_script(IN_VIEW_JS, m, n == 0),
            f"evidence of finding {index} in source {article} not scrolled into view",
        )
    driver.save_screenshot(str(shots / "story.png"))
    assert not csp_violations(console(driver))


def test_browser_every_finding_brings_all_its_evidence_into_view(
    driver: WebDriver, base_url: str, store: LiveStore, shots: Path
) -> None:
    """In the 5-source example story, selecting each finding leaves every piece of its
    evidence inside the viewport and inside its source's scroll box (an 857-px window)."""
    size = driver.get_window_size()
    driver.set_window_size(1280, 857)
    try:
        open_page(driver, f"{base_url}/stories/{store.example_story}?all=1")
        assert len(css(driver, "div#sources article.source")) == 5
        findings = css(driver, "ol#findings li.finding")
        assert len(findings) >= 10
        failures = []
        for finding in findings:
            index = finding.get_attribute("data-finding") or ""
            driver.execute_script("window.scrollTo(0, 0)")
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", finding)
            finding.click()
            wait_for(
                driver, lambda d, f=finding: "is-active" in (f.get_attribute("class") or ""), index
            )
            # evidence inside removed boilerplate is hidden until "show removed" is pressed
            marks = [m for m in css(driver, "mark.evidence.is-active") if m.is_displayed()]
            assert marks, f"finding {index}: nothing highlighted"
            outside = [m for m in marks if not driver.execute_script(IN_VIEW_JS, m, True)]
            if outside:
                sources = {source_of(driver, m) for m in outside}
                failures.append(f"finding {index}: {len(outside)} mark(s) off screen in {sources}")
            if finding.get_attribute("data-kind") == "numeric_conflict":
                driver.save_screenshot(str(shots / "story.png"))
        assert not failures, failures
    finally:
        driver.set_window_size(size["width"], size["height"])


def test_browser_standalone_report_brings_evidence_into_view(
    driver: WebDriver, store: LiveStore, tmp_path: Path
) -> None:
    """The standalone HTML report (file://, no server): selecting a finding shows the
    involved sources side by side with the first piece of evidence of each on screen."""
    from crosscheck.corpus import story_report
    from crosscheck.report import View, render

    assert store.example_story
    report = story_report(store.example_story, store.settings)
    page = tmp_path / "report.html"
    page.write_text(render(report, "html", view=View(full=True)), encoding="utf-8")
    size = driver.get_window_size()
    driver.set_window_size(1280, 857)
    try:
        open_page(driver, page.as_uri())
        cards = css(driver, "li.finding")
        assert len(cards) >= 10
        failures = []
        for card in cards:
            if card.get_attribute("data-kind") == "copy":
                continue  # a copy's evidence is the teaser, often removed boilerplate
            driver.execute_script("window.scrollTo(0, 0)")
            button = css(card, "button.finding-head")[0]
            driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
            button.click()
            dom = card.get_attribute("id") or ""
            wait_for(driver, lambda d, c=card: "selected" in (c.get_attribute("class") or ""), dom)
            firsts: dict[str, WebElement] = {}
            for mark in css(driver, "mark.ev.active"):
                if mark.is_displayed():
                    box = driver.execute_script("return arguments[0].closest('.source').id", mark)
                    firsts.setdefault(str(box), mark)
            assert firsts, f"{dom}: nothing highlighted"
            off = [b for b, m in firsts.items() if not driver.execute_script(IN_VIEW_JS, m, True)]
            if off:
                failures.append(f"{dom}: evidence off screen in {off}")
        assert not failures, failures
    finally:
        driver.set_window_size(size["width"], size["height"])


def test_browser_show_removed_reveals_boilerplate(
    driver: WebDriver, base_url: str, store: LiveStore
) -> None:
    open_page(driver, f"{base_url}/stories/{store.example_story}")
    removed = css(driver, "del.removed")
    assert removed, "no removed boilerplate marked on the example story"
    assert not any(r.is_displayed() for r in removed)
    button = driver.find_element(By.CSS_SELECTOR, "button#show-removed")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()
    wait_for(
        driver,
        lambda d: (
            "show-removed" in (d.find_element(By.TAG_NAME, "body").get_attribute("class") or "")
        ),
        "body.show-removed",
    )
    assert any(r.is_displayed() for r in removed)
    button.click()
    wait_for(driver, lambda d: not any(r.is_displayed() for r in removed), "hidden again")


def test_browser_compare_pasted_texts_shows_report(
    driver: WebDriver, base_url: str, shots: Path
) -> None:
    open_page(driver, f"{base_url}/compare")
    form = driver.find_element(By.CSS_SELECTOR, "form#compare-form")
    assert (form.get_attribute("method") or "").lower() == "post"
    assert len(css(form, "textarea.compare-text")) >= 2
    driver.find_element(By.ID, "compare-text-1").send_keys(COMPARE_A)
    driver.find_element(By.ID, "compare-text-2").send_keys(COMPARE_B)
    driver.find_element(By.CSS_SELECTOR, "button#compare-submit").click()
    report = wait_for(driver, lambda d: css(d, "section#report"), "section#report after submit")[0]
    # the page lands on the report, not on the form above it
    top = driver.execute_script("return arguments[0].getBoundingClientRect().top", report)
    assert 0 <= top < 200, f"the report starts at y={top}"
    findings = css(report, "li.finding")
    assert findings, "the compare report has no findings"
    kinds = {f.get_attribute("data-kind") for f in findings}
    assert "numeric_conflict" in kinds, kinds
    assert len(css(report, "article.source")) == 2
    assert "17" in report.text and "24" in report.text
    numeric = next(f for f in findings if f.get_attribute("data-kind") == "numeric_conflict")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", numeric)
    numeric.click()
    wait_for(driver, lambda d: css(d, "mark.evidence.is-active"), "compare evidence highlighted")
    driver.execute_script("arguments[0].scrollIntoView({block: 'start'})", report)
    driver.save_screenshot(str(shots / "compare.png"))


def test_browser_compare_add_text_field(driver: WebDriver, base_url: str) -> None:
    open_page(driver, f"{base_url}/compare")
    before = len(css(driver, "textarea.compare-text"))
    driver.find_element(By.CSS_SELECTOR, "#compare-add").click()
    wait_for(driver, lambda d: len(css(d, "textarea.compare-text")) == before + 1, "third textarea")


def test_browser_search_speaker_and_click_through(driver: WebDriver, base_url: str) -> None:
    open_page(driver, f"{base_url}/search")
    box = driver.find_element(By.CSS_SELECTOR, "form#search-form input[name=q]")
    box.send_keys("Okafor")
    box.submit()
    hits = wait_for(driver, lambda d: css(d, "ol#results li.hit"), "search hits")
    assert all(css(h, ".hit-kind") and css(h, ".hit-snippet") for h in hits)
    assert any("Okafor" in h.text for h in hits)
    link = css(hits[0], "a.hit-link")[0]
    href = link.get_attribute("href") or ""
    link.click()
    wait_for(
        driver,
        lambda d: d.current_url == href or d.current_url.split("#")[0] == href.split("#")[0],
        href,
    )
    assert "Okafor" in body_text(driver)


def test_browser_speaker_page_lists_quotes(
    driver: WebDriver, base_url: str, store: LiveStore
) -> None:
    open_page(driver, f"{base_url}/speakers/{quote('Maria Okafor')}")
    assert "Okafor" in driver.find_element(By.CSS_SELECTOR, "h1#speaker-name").text
    quotes = css(driver, "ul#quotes li.quote")
    assert len(quotes) >= 2
    for item in quotes:
        assert css(item, ".quote-text")[0].text.strip()
        assert css(item, ".quote-source")[0].text.strip()
    assert any(
        (a.get_attribute("href") or "").endswith(f"/stories/{store.example_story}")
        for item in quotes
        for a in css(item, "a")
    )


def test_browser_hostile_article_renders_inert(
    driver: WebDriver, base_url: str, store: LiveStore
) -> None:
    reply = httpx.get(f"{base_url}/stories/{store.hostile_story}", timeout=30)
    policy = reply.headers.get("content-security-policy", "")
    assert "script-src" in policy or "default-src" in policy, policy
    scripts_rule = re.search(r"script-src[^;]*", policy) or re.search(r"default-src[^;]*", policy)
    assert scripts_rule and "'unsafe-inline'" not in scripts_rule.group(0), policy
    pages = [
        f"{base_url}/stories/{store.hostile_story}",
        f"{base_url}/speakers/{quote(HOSTILE_SPEAKER)}",
        f"{base_url}/search?q=Lindqvist",
    ]
    for url in pages:
        open_page(driver, url)
        assert_no_alert(driver)
        assert not css(driver, 'img[src="x"]'), url
        assert driver.execute_script("return document.querySelectorAll('[onerror]').length") == 0, (
            url
        )
        scripts = driver.execute_script(
            "return [...document.scripts].map(s => s.src ? '' : s.textContent).join('\\n')"
        )
        assert "alert(1)" not in scripts, url
        violations = csp_violations(console(driver))
        assert not violations, f"{url}: {violations}"
    open_page(driver, f"{base_url}/stories/{store.hostile_story}")
    text = body_text(driver)
    assert (
        HOSTILE_TITLE in driver.find_element(By.CSS_SELECTOR, "h1#story-title").text
        or HOSTILE_TITLE in text
    )
    assert SCRIPT_PAYLOAD in text
    assert IMG_PAYLOAD in text


def test_browser_hostile_text_pasted_into_compare_is_inert(
    driver: WebDriver, base_url: str
) -> None:
    texts = [text for text, _meta in HOSTILE_ARTICLES.values()]
    open_page(driver, f"{base_url}/compare")
    for number, text in enumerate(texts, start=1):
        box = driver.find_element(By.ID, f"compare-text-{number}")
        driver.execute_script("arguments[0].value = arguments[1]", box, text)
    driver.find_element(By.CSS_SELECTOR, "button#compare-submit").click()
    wait_for(driver, lambda d: css(d, "section#report"), "section#report after submit")
    assert_no_alert(driver)
    assert not css(driver, 'img[src="x"]')
    assert SCRIPT_PAYLOAD in body_text(driver)
    assert not csp_violations(console(driver))
