"""``manifest.json``: everything needed to know how a results directory was made."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..scenario import Scenario

PACKAGES = ("digistrat", "mesa", "simpy", "numpy", "pandas", "pyarrow", "pydantic", "PyYAML")


def build_manifest(
    scenarios: Sequence[Scenario],
    seeds: dict[str, list[int]],
    *,
    jobs: int,
    wall_seconds: float,
    command: Sequence[str],
    comparison: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Describe a study: code version, scenarios, seeds, software, machine and timing.

    Args:
        scenarios: the scenarios run, in order (the first is the reference).
        seeds: seeds used per scenario name, replication ``r`` at index ``r``.
        jobs: worker processes used.
        wall_seconds: wall time of the runs.
        command: the command line.
        comparison: settings of the paired comparison (reference, bootstrap seed).
    """
    return {
        "digistrat_version": _version("digistrat"),
        "git": git_state(Path(__file__).resolve().parents[2]),
        "created_utc": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": list(command),
        "scenarios": [
            {
                "name": s.name,
                "source": s.source,
                "overrides": list(s.overrides),
                "sha256": s.sha256(),
                "seeds": seeds[s.name],
                "resolved": s.resolved(),
            }
            for s in scenarios
        ],
        "comparison": comparison,
        "jobs": jobs,
        "wall_seconds": round(wall_seconds, 3),
        "python": sys.version.split()[0],
        "packages": versions(PACKAGES),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def git_state(folder: Path) -> dict[str, Any] | None:
    """Commit and dirtiness of the git checkout holding ``folder``, or None.

    Never raises: without git, outside a checkout, or on a timeout it returns None.
    """
    git = shutil.which("git")
    if git is None:
        return None
    try:
        commit = _git(git, folder, "rev-parse", "HEAD")
        status = _git(git, folder, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    if commit is None:
        return None
    return {"commit": commit, "dirty": bool(status)}


def _git(git: str, folder: Path, *args: str) -> str | None:
    done = subprocess.run(
        [git, "-C", str(folder), *args],
        capture_output=True,
        text=True,
        timeout=10,
        check=False,
    )
    return done.stdout.strip() if done.returncode == 0 else None


def versions(names: Sequence[str]) -> dict[str, str | None]:
    """Installed version of each package (None if it is not installed)."""
    return {name: _version(name) for name in names}


def _version(name: str) -> str | None:
    try:
        return importlib.metadata.version(name)
    except importlib.metadata.PackageNotFoundError:
        return None
