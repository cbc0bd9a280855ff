"""The one command that regenerates the images of the README and docs runs, at a small size."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from PIL import Image

from tests.browser import need_chromium
from tests.scripts import ROOT, load_script

pytest.importorskip("solara")


@pytest.mark.slow
def test_images_command_writes_every_image_the_docs_show(tmp_path):
    need_chromium()
    out = tmp_path / "img"
    command = [
        sys.executable,
        str(ROOT / "scripts" / "images.py"),
        "--seeds",
        "2",
        "--out",
        str(out),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=600, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    images = load_script("images")
    expected = {f"{stem}.png" for stem in images.PLOTS} | {"report_top.png", "app.png"}
    assert {p.name for p in out.iterdir()} == expected
    for name in expected:
        width, height = Image.open(out / name).size
        assert width <= 1400 and height > 300, f"{name} is {width} x {height}"
    assert Image.open(out / "report_top.png").size == (1200, 900)


def test_every_image_in_the_readme_and_docs_is_made_by_the_command():
    images = load_script("images")
    made = {f"{stem}.png" for stem in images.PLOTS} | {"report_top.png", "app.png"}
    texts = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    shown = {
        Path(link).name
        for path in texts
        for link in re.findall(r"!\[[^\]]*\]\(([^)]+\.png)\)", path.read_text(encoding="utf-8"))
    }
    assert shown, "no images found in the docs"
    assert shown <= made, f"images not made by scripts/images.py: {sorted(shown - made)}"
    assert {p.name for p in (ROOT / "docs" / "img").glob("*.png")} == made
