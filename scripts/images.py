"""Regenerate every image of the README and docs from the current version.

Runs the four core scenarios (as ``bash scripts/main.sh`` does), draws their plots
and report, copies the plots the docs show into ``docs/img/``, takes a screenshot
of the top of the report, and one of the workshop app after a few simulated years.
The screenshots need Debian's ``chromium`` and ``chromium-driver``, and the app
extra (``bash scripts/setup.sh`` installs it).

Usage::

    .venv/bin/python scripts/images.py              # 20 paired seeds, into docs/img/
    .venv/bin/python scripts/images.py --seeds 2 --out /tmp/img   # a quick check
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = (
    "small_steps__programme_2022",
    "big_bang__programme_2022",
    "small_steps__investment",
    "big_bang__investment",
)
#: Plots shown in the README and docs/plots.md, by file stem.
PLOTS = (
    "change_capability",
    "maturity_plane",
    "outcomes_across_runs",
    "comparison",
    "change_lead_time",
    "staff_and_strain",
    "spending",
    "initiative_outcomes",
    "cost_overruns",
)
CHROMIUM, DRIVER = "chromium", "chromedriver"
TIMEOUT = 120  # seconds for any one browser step
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--proxy-server=http://127.0.0.1:9",
    "--hide-scrollbars",
)


def main(argv: list[str] | None = None) -> int:
    """Run the study, draw, copy and take the screenshots; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seeds", type=int, default=20, help="paired seeds (default 20)")
    parser.add_argument("--jobs", type=int, default=2, help="worker processes (default 2)")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "img", help="image folder")
    parser.add_argument("--results", type=Path, help="results directory (default: a temporary one)")
    args = parser.parse_args(argv)
    for tool in (CHROMIUM, DRIVER):
        if shutil.which(tool) is None:
            print(
                f"images: {tool} is missing: apt-get install chromium chromium-driver",
                file=sys.stderr,
            )
            return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="digistrat-images-") as tmp:
        results = args.results or Path(tmp) / "core"
        study(results, args.seeds, args.jobs)
        for stem in PLOTS:
            shutil.copyfile(results / "plots" / f"{stem}.png", args.out / f"{stem}.png")
            print(f"images: {args.out / stem}.png")
        report_screenshot(results / "report.html", args.out / "report_top.png", Path(tmp))
        app_screenshot(args.out / "app.png", Path(tmp))
    return 0


def study(folder: Path, seeds: int, jobs: int) -> None:
    """Compare the four core scenarios into ``folder`` and draw its plots and report."""
    from digistrat.experiments import Processes, run_study
    from digistrat.scenario import load_scenario
    from digistrat.views import draw

    scenarios = [load_scenario(ROOT / "scenarios" / f"{name}.yaml") for name in CORE]
    started = time.monotonic()
    run_study(
        scenarios,
        folder,
        replications=seeds,
        common_seeds=True,
        executor=Processes(jobs),
        force=True,
        command=["scripts/images.py"],
    )
    draw(folder)
    print(f"images: ran and drew {len(CORE)} x {seeds} runs in {time.monotonic() - started:.0f} s")


def report_screenshot(page: Path, out: Path, tmp: Path) -> None:
    """The first screenful of the report, 1,200 x 900 px, as a reader opens it."""
    command = [
        CHROMIUM,
        *FLAGS,
        f"--user-data-dir={tmp / 'profile-report'}",
        "--window-size=1200,900",
        f"--screenshot={out}",
        page.resolve().as_uri(),
    ]
    subprocess.run(command, check=True, capture_output=True, timeout=TIMEOUT)
    print(f"images: {out}")


def app_screenshot(out: Path, tmp: Path, months: int = 96) -> None:
    """The workshop app after ``months`` simulated months, with its comparison panel."""
    from digistrat.app import page
    from digistrat.app.server import AppServer
    from selenium import webdriver
    from selenium.common.exceptions import TimeoutException
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.support.ui import WebDriverWait
    from solara.server import kernel_context

    server = AppServer("127.0.0.1", _free_port())
    server.start()
    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp / 'profile-app'}", "--window-size=1400,1500"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(shutil.which(DRIVER)), options=options)
    driver.set_page_load_timeout(TIMEOUT)

    def shown(d) -> bool:
        for context in list(kernel_context.contexts.values()):
            with context:
                page.advance_to(months)  # repeated until the page shows it
        text = d.execute_script(
            "const e = document.querySelector('.capability-data');"
            "return e ? e.textContent + ' ' : '';"
        )
        return f"months={months} " in text

    try:
        for attempt in (1, 2):  # a page whose first connection was lost is loaded once more
            try:
                driver.get(server.url)
                wait = WebDriverWait(driver, TIMEOUT / 2, poll_frequency=0.2)
                wait.until(lambda d: len(d.find_elements("css selector", ".plot-data")) >= 5)
                WebDriverWait(driver, TIMEOUT / 2, poll_frequency=2).until(shown)
                break
            except TimeoutException:
                if attempt == 2:
                    raise
                print(f"images: the app did not show {months} months in time; loading it again")
        time.sleep(1)  # the last images decode
        driver.save_screenshot(str(out))
    finally:
        driver.quit()
        server.stop()
    print(f"images: {out}")


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
