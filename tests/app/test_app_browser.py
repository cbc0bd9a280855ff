"""``digistrat app`` on loopback, in headless Chromium: it renders, a lever moves the plots,
and the server stops cleanly."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request

import pytest

from tests.browser import TIMEOUT, chromium, console_errors, need_chromium

pytest.importorskip("solara")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def data(driver, name: str) -> dict[str, str]:
    text = driver.execute_script(
        "const e = document.querySelector(arguments[0]); return e ? e.textContent : '';",
        f".{name}-data",
    )
    return dict(item.split("=", 1) for item in text.split())


def plots_drawn(driver) -> int:
    return driver.execute_script(
        "return [...document.querySelectorAll('img')]"
        ".filter(i => i.complete && i.naturalWidth > 100).length;"
    )


def in_every_session(action) -> None:
    """Run ``action`` inside every browser session of this process's app."""
    from solara.server import kernel_context

    contexts = list(kernel_context.contexts.values())
    assert contexts, "no browser session is open"
    for context in contexts:
        with context:
            action()


def stepped_to(driver, months: int) -> bool:
    """Step every session's model to ``months`` (the app's API) and say if the page shows it."""
    from digistrat.app import page

    in_every_session(lambda: page.advance_to(months))
    return data(driver, "capability").get("months") == str(months)


@pytest.mark.slow
def test_app_renders_and_a_lever_moves_the_plotted_data(tmp_path):
    need_chromium()
    from digistrat.app import page
    from digistrat.app.server import AppServer
    from selenium.webdriver.support.ui import WebDriverWait

    server = AppServer("127.0.0.1", free_port())
    server.start()
    try:
        with chromium(1400, 1000) as driver:
            wait = WebDriverWait(driver, TIMEOUT, poll_frequency=0.1)
            # stepping redraws every panel: ask again only after a redraw can have finished
            steps = WebDriverWait(driver, TIMEOUT, poll_frequency=2)
            driver.get(server.url)
            wait.until(lambda d: plots_drawn(d) >= 5 and data(d, "comparison"))
            assert data(driver, "capability")["months"] == "0"
            steps.until(lambda d: stepped_to(d, 48))
            before = data(driver, "capability")
            assert data(driver, "comparison")["strategy"] == "small_steps"
            in_every_session(lambda: page.set_levers(strategy="big_bang"))
            wait.until(lambda d: data(d, "comparison").get("strategy") == "big_bang")
            steps.until(lambda d: stepped_to(d, 48))
            after = data(driver, "capability")
            driver.save_screenshot(str(tmp_path / "app.png"))
            errors = console_errors(driver)
    finally:
        seconds = server.stop()
    assert before["month"] == after["month"] == "2020-12"
    # big bang instead of small steps: the same month plots another change capability
    assert abs(float(after["change_capability"]) - float(before["change_capability"])) > 1e-3
    assert errors == []
    assert seconds < 10 and not server.running
    with pytest.raises(ConnectionRefusedError):  # nothing listens on the port any more
        socket.create_connection(("127.0.0.1", server.port), timeout=5).close()


@pytest.mark.slow
def test_the_command_serves_on_loopback_and_stops_on_sigterm():
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.lower().endswith("_proxy")}
    command = [sys.executable, "-m", "digistrat", "app", "--port", str(port)]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=env
    )
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.extend(process.stdout), daemon=True)
    reader.start()
    try:
        deadline = time.monotonic() + TIMEOUT
        while not any("serving at" in line for line in lines):
            assert process.poll() is None, "".join(lines)
            assert time.monotonic() < deadline, "digistrat app did not start in time"
            time.sleep(0.1)
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(f"http://127.0.0.1:{port}/", timeout=TIMEOUT) as response:
            assert response.status == 200
        process.send_signal(signal.SIGTERM)
        code = process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
    reader.join(5)
    output = "".join(lines)
    assert code == 0, output
    assert f"serving at http://127.0.0.1:{port}/" in output and "stopped in" in output
