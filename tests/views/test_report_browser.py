"""The report in a real browser: it loads whole, offline, and the verdict is on the first screen."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.browser import TIMEOUT, chromium, console_errors, need_chromium, requested_urls

WIDTH, HEIGHT = 1200, 900  # a laptop's first screenful


@pytest.mark.slow
def test_report_renders_offline_with_the_verdict_first(drawn, tmp_path):
    need_chromium()
    from selenium.webdriver.support.ui import WebDriverWait

    page = drawn[0] / "report.html"
    markdown = (drawn[0] / "report.md").read_text(encoding="utf-8")
    verdict = next(line for line in markdown.splitlines() if line.startswith("**Verdict.**"))
    verdict = verdict.removeprefix("**Verdict.** ")
    with chromium(WIDTH, HEIGHT) as driver:
        driver.get(page.resolve().as_uri())
        WebDriverWait(driver, TIMEOUT).until(
            lambda d: d.execute_script("return document.readyState") == "complete"
        )
        shot = tmp_path / "report.png"
        driver.save_screenshot(str(shot))
        images = driver.execute_script(
            "return [...document.images].map(i => [i.complete, i.naturalWidth, i.alt]);"
        )
        where = driver.execute_script(
            """
            const p = [...document.querySelectorAll('p')].find(
                e => e.textContent.includes(arguments[0]));
            if (!p) return null;
            const r = p.getBoundingClientRect();
            return [r.top, r.bottom, window.innerHeight];
            """,
            verdict,
        )
        errors = console_errors(driver)
        urls = requested_urls(driver)
    assert shot.stat().st_size > 20_000, "the screenshot looks blank"
    assert len(images) == markdown.count("![") >= 9
    assert all(done and width > 0 for done, width, _ in images), f"an image did not load: {images}"
    assert where is not None, "the verdict sentence is not on the page"
    top, bottom, screen = where
    assert 0 <= top and bottom <= screen, f"the verdict ends at {bottom:.0f} px of {screen} px"
    assert errors == []
    network = [u for u in urls if urlsplit(u).scheme in ("http", "https", "ws", "wss", "ftp")]
    assert network == [], f"the report requested {network}"
    assert page.resolve().as_uri() in urls  # the log did record the page's own request
