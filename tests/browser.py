"""Headless Chromium for the tests: Debian's ``chromium`` and ``chromium-driver``.

Every wait has a timeout; the browser's console and network requests are logged so
that a test can check them.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
DRIVER = shutil.which("chromedriver") or "/usr/bin/chromedriver"
TIMEOUT = 60  # seconds for a page to load or a condition to hold
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # anything that is not loopback goes to a closed port (loopback bypasses proxies)
    "--proxy-server=http://127.0.0.1:9",
)


def need_chromium() -> None:
    """Skip the test when Chromium or its driver is missing (.ci/run installs both)."""
    pytest.importorskip("selenium")
    if not (Path(CHROMIUM).exists() and Path(DRIVER).exists()):
        pytest.skip("chromium and chromium-driver are not installed (apt-get install them)")


@contextlib.contextmanager
def chromium(width: int = 1200, height: int = 900) -> Iterator:
    """A headless Chromium driven by selenium, with a fresh profile, closed at the end."""
    need_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="digistrat-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for flag in (*FLAGS, f"--user-data-dir={profile}", f"--window-size={width},{height}"):
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    driver = webdriver.Chrome(service=Service(DRIVER), options=options)
    driver.set_page_load_timeout(TIMEOUT)
    driver.set_script_timeout(TIMEOUT)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def console_errors(driver) -> list[dict]:
    """Console messages of level SEVERE (errors) since the last call."""
    return [entry for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def requested_urls(driver) -> set[str]:
    """Every URL the page requested (and every websocket it opened) since the last call."""
    urls = set()
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.add(message["params"]["request"]["url"])
        elif message["method"] == "Network.webSocketCreated":
            urls.add(message["params"]["url"])
    return urls
