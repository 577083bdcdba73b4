"""End to end in a real browser: Debian's Chromium, headless, driven by Selenium.

The app runs under uvicorn in a thread on a free 127.0.0.1 port. No browser is ever
downloaded: the tests use /usr/bin/chromium and /usr/bin/chromedriver and skip with
a reason when they are not installed (CI's .ci/run installs them).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import SEED, need_shared

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
XSS = Path(__file__).parent / "fixtures" / "xss_article.html"
FLAGS = ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
         "--disable-component-update", "--disable-dev-shm-usage", "--window-size=1280,1000")

if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip("needs /usr/bin/chromium and /usr/bin/chromedriver (apt-get install chromium chromium-driver)",
                allow_module_level=True)
webdriver = pytest.importorskip("selenium.webdriver")
uvicorn = pytest.importorskip("uvicorn")

from selenium.common.exceptions import NoAlertPresentException  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support import expected_conditions as ec  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    from rumormill.store import open_store
    from rumormill.web.app import create_app

    store = open_store(str(tmp_path_factory.mktemp("store") / "browser.db"))
    port = _free_port()
    app = create_app(store=store, allowed_hosts=["127.0.0.1", f"127.0.0.1:{port}"])
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            with urllib.request.urlopen(base + "/api/health", timeout=2) as resp:
                if resp.status == 200:
                    break
        except OSError:
            if time.monotonic() > deadline or not thread.is_alive():
                raise
            time.sleep(0.1)
    yield base
    srv.should_exit = True
    thread.join(10)
    store.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tmp_path_factory.mktemp("chromium-profile")
    options.add_argument(f"--user-data-dir={profile}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(180)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _wait_for_article(driver: Any) -> Any:
    WebDriverWait(driver, 180).until(
        ec.any_of(ec.presence_of_element_located((By.ID, "article-text")),
                  ec.presence_of_element_located((By.ID, "error-message"))))
    errors = driver.find_elements(By.ID, "error-message")
    assert not errors, errors[0].text
    return driver.find_element(By.ID, "article-text")


def _screenshot(driver: Any, path: Path) -> None:
    height = int(driver.execute_script("return document.documentElement.scrollHeight"))
    driver.set_window_size(1280, min(max(height, 800), 8000))
    driver.save_screenshot(str(path))
    driver.set_window_size(1280, 1000)
    print(f"screenshot: {path}")


def _assert_no_script_ran(driver: Any) -> None:
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    assert "pwned" not in driver.title
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018
    # Independently of the Content-Security-Policy: the DOM holds no script and no handler.
    assert driver.execute_script("return document.querySelectorAll('script, iframe, img, object, embed').length") == 0
    handlers = driver.execute_script(
        "return Array.from(document.querySelectorAll('*')).flatMap(e => Array.from(e.attributes)"
        ".filter(a => a.name.startsWith('on') || a.value.trim().toLowerCase().startsWith('javascript:'))"
        ".map(a => e.tagName + ' ' + a.name))")
    assert handlers == []


@pytest.fixture(scope="module")
def seed_page(server: str, browser: Any, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The seed article pasted into the form and analysed; the browser is left on its page."""
    text = need_shared(SEED).read_text(encoding="utf-8")
    browser.get(server + "/")
    area = browser.find_element(By.ID, "text")
    browser.execute_script("arguments[0].value = arguments[1];", area, text)  # a paste
    browser.find_element(By.ID, "analyze-button").click()
    article = _wait_for_article(browser)
    _screenshot(browser, tmp_path_factory.mktemp("seed_page") / "seed_article.png")
    return article


def test_seed_anonymous_quotes_highlighted(seed_page: Any, browser: Any) -> None:
    assert "Natalie Portman" in browser.find_element(By.TAG_NAME, "h1").text
    # the anonymous-source quotes are highlighted, each with its visible kind label
    # (a quote crossed by a claim is split into pieces; the first piece carries the label)
    quotes = seed_page.find_elements(By.CSS_SELECTOR, "mark.quote.k-anonymous[data-quote]:not(.cont)")
    assert len(quotes) >= 5, len(quotes)
    for q in quotes:
        label = q.find_element(By.CSS_SELECTOR, ":scope > .lbl")
        assert label.get_attribute("textContent") == "anonymous quote"
        assert label.is_displayed()
    pieces = seed_page.find_elements(By.CSS_SELECTOR, "mark.quote.k-anonymous[data-quote]")
    texts = " ".join(q.get_attribute("textContent") for q in pieces)
    assert "lightly" in texts and "humiliated and utterly crushed" in texts

    # focusing a quote shows its source and chain
    first = quotes[0]
    tip = first.find_element(By.CSS_SELECTOR, ".tip")
    assert not tip.is_displayed()
    browser.execute_script("arguments[0].focus();", first)
    assert tip.is_displayed()
    assert "source:" in tip.text and "(anonymous)" in tip.text and "US Weekly" in tip.text
    browser.execute_script("arguments[0].blur();", first)
    assert not tip.is_displayed()
    # hovering shows it too
    from selenium.webdriver.common.action_chains import ActionChains

    browser.execute_script("arguments[0].scrollIntoView({block: 'center'});", first)
    ActionChains(browser).move_to_element(first).perform()
    assert tip.is_displayed()
    ActionChains(browser).move_to_element(browser.find_element(By.TAG_NAME, "h1")).perform()


def test_seed_timeline_drawn(seed_page: Any, browser: Any) -> None:
    # claims on a time axis with interval bars, and the publication date (inferred) marked
    timeline = browser.find_element(By.CSS_SELECTOR, "#timeline svg.timeline")
    assert len(timeline.find_elements(By.CSS_SELECTOR, "rect.tbar")) >= 3
    assert timeline.find_elements(By.CSS_SELECTOR, ".publine")
    # the seed article carries no date: the inferred interval is drawn as a band
    assert timeline.find_elements(By.CSS_SELECTOR, "rect.pubband")
    assert "(inferred)" in timeline.find_element(By.CSS_SELECTOR, ".publabel").text


def test_seed_stored_page(seed_page: Any, browser: Any, tmp_path: Path) -> None:
    link = browser.find_element(By.CSS_SELECTOR, "#stored-note a")
    link.click()
    article = browser.find_element(By.ID, "article-text")
    assert article.find_elements(By.CSS_SELECTOR, "mark.quote.k-anonymous")
    assert "Stored as" in browser.find_element(By.ID, "stored-note").text
    _screenshot(browser, tmp_path / "stored_article.png")


def test_xss_article_upload_runs_no_script(server: str, browser: Any, tmp_path: Path) -> None:
    browser.get(server + "/")
    browser.find_element(By.ID, "file").send_keys(str(XSS.resolve()))
    browser.find_element(By.ID, "analyze-button").click()
    article = _wait_for_article(browser)
    _assert_no_script_ran(browser)
    # the hostile markup is shown as text
    shown = article.text
    assert "<script>document.title='pwned'</script>" in shown
    assert "<img src=x onerror=alert(1)>" in shown
    _screenshot(browser, tmp_path / "xss_article.png")


def test_static_report_runs_no_script(browser: Any, tmp_path: Path) -> None:
    from rumormill.cli import main

    out = tmp_path / "xss_report.html"
    assert main(["analyze", str(XSS), "--format", "html", "-o", str(out)]) == 0
    browser.get(out.resolve().as_uri())
    article = browser.find_element(By.ID, "article-text")
    _assert_no_script_ran(browser)
    assert "<script>alert(3)</script>" in article.text
