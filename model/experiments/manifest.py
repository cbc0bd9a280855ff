"""Building the manifest of a study or a sweep: code, scenarios, seeds, software, timing."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import os
import platform
import shutil
import subprocess
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ..scenario import Scenario
from .layout import STUDY, SWEEP, Manifest, ScenarioRecord

PACKAGES = (
    "digistrat",
    "mesa",
    "simpy",
    "numpy",
    "pandas",
    "pyarrow",
    "pydantic",
    "PyYAML",
    "SALib",
    "scipy",
    "dask",
    "distributed",
    "matplotlib",
)
#: The folder of the installed package (``model/`` in a checkout).
PACKAGE_DIR = Path(__file__).resolve().parents[1]


def record(scenario: Scenario, seeds: Sequence[int]) -> ScenarioRecord:
    """The manifest's record of a scenario run with ``seeds``."""
    return ScenarioRecord(
        name=scenario.name,
        source=scenario.source,
        overrides=tuple(scenario.overrides),
        sha256=scenario.sha256(),
        seeds=tuple(int(s) for s in seeds),
        resolved=scenario.resolved(),
    )


def study_manifest(
    scenarios: Sequence[Scenario],
    seeds: Mapping[str, Sequence[int]],
    *,
    executor: dict[str, Any],
    wall_seconds: float,
    command: Sequence[str],
    comparison: dict[str, Any] | None = None,
    runs: dict[str, Any] | None = None,
) -> Manifest:
    """The manifest of a study (``digistrat run`` or ``compare``).

    Args:
        scenarios: the scenarios run, in order (the first is the reference).
        seeds: seeds used per scenario name, replication ``r`` at index ``r``.
        executor: where the runs ran.
        wall_seconds: wall time of the runs.
        command: the command line.
        comparison: settings of the paired comparison (reference, bootstrap seed).
        runs: the state of the store (status, runs planned and failed).
    """
    return _manifest(
        STUDY,
        tuple(record(s, seeds[s.name]) for s in scenarios),
        executor=executor,
        wall_seconds=wall_seconds,
        command=command,
        comparison=comparison,
        runs=runs,
    )


def sweep_manifest(
    scenario: Scenario,
    seeds: Sequence[int],
    experiment: dict[str, Any],
    *,
    executor: dict[str, Any],
    wall_seconds: float,
    command: Sequence[str],
    runs: dict[str, Any] | None = None,
) -> Manifest:
    """The manifest of a sweep: its base scenario, its experiment and its store's state."""
    return _manifest(
        SWEEP,
        (record(scenario, seeds),),
        executor=executor,
        wall_seconds=wall_seconds,
        command=command,
        experiment=experiment,
        runs=runs,
    )


def _manifest(kind: str, scenarios: tuple[ScenarioRecord, ...], **parts: Any) -> Manifest:
    return Manifest(
        kind=kind,
        digistrat_version=_version("digistrat"),
        code=code_state(),
        created_utc=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        command=tuple(parts.pop("command")),
        scenarios=scenarios,
        wall_seconds=round(parts.pop("wall_seconds"), 3),
        environment=environment(),
        **parts,
    )


def environment() -> dict[str, Any]:
    """Python, the versions of the packages that matter, the platform and CPUs."""
    return {
        "python": sys.version.split()[0],
        "packages": versions(PACKAGES),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpus": os.cpu_count(),
    }


def code_state(package_dir: Path = PACKAGE_DIR) -> dict[str, Any]:
    """Where the running code comes from.

    ``{"checkout": folder, "commit": ..., "dirty": ...}`` when the package's files are
    tracked in a git checkout (an editable install); otherwise ``{"checkout": None,
    "note": ...}`` saying that an installed package ran and its version is all there is.
    Never raises.
    """
    state = git_state(package_dir)
    if state is not None:
        return state
    return {
        "checkout": None,
        "note": "digistrat ran from an installed package, not from a git checkout; "
        "digistrat_version identifies the code",
    }


def git_state(folder: Path) -> dict[str, Any] | None:
    """Checkout, commit and dirtiness of the git checkout that tracks ``folder``, or None.

    None without git, outside a checkout, when ``folder`` is not tracked by the
    checkout around it (a virtual environment inside a checkout), or on a timeout.
    """
    git = shutil.which("git")
    if git is None:
        return None
    try:
        top = _git(git, folder, "rev-parse", "--show-toplevel")
        if top is None or _git(git, folder, "ls-files", "--error-unmatch", "__init__.py") is None:
            return None
        commit = _git(git, folder, "rev-parse", "HEAD")
        status = _git(git, folder, "status", "--porcelain", "--untracked-files=no")
    except (OSError, subprocess.SubprocessError):
        return None
    if commit is None:
        return None
    return {"checkout": top, "commit": commit, "dirty": bool(status)}


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
