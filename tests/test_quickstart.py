"""The README's quick start: `bash scripts/main.sh` ends with the report, verdict first."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.scripts import ROOT


@pytest.mark.slow
def test_main_sh_ends_with_the_path_of_a_report_whose_first_lines_are_the_verdict(tmp_path):
    out = tmp_path / "core"
    env = {**os.environ, "OUT": str(out), "JOBS": "2"}
    done = subprocess.run(
        ["bash", str(ROOT / "scripts" / "main.sh"), "2"],
        capture_output=True,
        text=True,
        timeout=600,
        env=env,
        cwd=ROOT,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == f"{out}/report.html"
    assert (out / "report.html").is_file()
    assert any(line.startswith("Verdict: ") for line in lines)
    first = (out / "report.md").read_text(encoding="utf-8").splitlines()[:8]
    assert any(line.startswith("**Question.** ") for line in first)
    assert any(line.startswith("**Verdict.** ") for line in first)
