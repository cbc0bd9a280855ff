"""Building the manifest of a study or a sweep: code, scenarios, seeds, software, timing."""

from __future__ import annotations

import datetime as dt
import importlib.metadata
import json
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


def resume_differences(stored: Manifest, records: Sequence[ScenarioRecord]) -> list[str]:
    """What keeps a study of ``records`` from continuing the ``stored`` one, in words.

    It may continue only the same scenarios (names, in order), with the same
    parameters and the same seeds; more replications may be added (the stored
    seeds are the first of the new ones). [] when it may continue.
    """
    old = [s.name for s in stored.scenarios]
    new = [r.name for r in records]
    if old != new:
        return [f"scenarios: stored {', '.join(old)}; now {', '.join(new)}"]
    found: list[str] = []
    for before, now in zip(stored.scenarios, records, strict=True):
        found += [f"{now.name}: {d}" for d in _setting_changes(before.resolved, now.resolved)]
        count, seeds = len(before.seeds), tuple(now.seeds)
        if seeds[:count] != before.seeds[: len(seeds)]:
            found.append(
                f"{now.name}: seeds: stored {_seed_words(before.seeds)}; now {_seed_words(seeds)}"
            )
        elif len(seeds) < count:
            found.append(
                f"{now.name}: replications: {count} are stored, now {len(seeds)}; give -n "
                f"{count} or more"
            )
    return found


_NOT_SETTINGS = ("name", "description", "seed", "replications")


def _setting_changes(before: dict[str, Any], now: dict[str, Any], limit: int = 5) -> list[str]:
    """The settings that differ, as ``path: stored X; now Y`` (at most ``limit``)."""
    now = json.loads(json.dumps(now, default=str))  # as the stored manifest holds it

    def settings(resolved: dict[str, Any]) -> dict[str, Any]:
        return _flat({k: v for k, v in resolved.items() if k not in _NOT_SETTINGS})

    flat_before, flat_now = settings(before), settings(now)
    paths = [
        p
        for p in dict.fromkeys([*flat_before, *flat_now])
        if flat_before.get(p, _GONE) != flat_now.get(p, _GONE)
    ]
    words = [
        f"{p}: stored {_value(flat_before.get(p, _GONE))}; now {_value(flat_now.get(p, _GONE))}"
        for p in paths[:limit]
    ]
    if len(paths) > limit:
        words.append(f"and {len(paths) - limit} more settings")
    return words


_GONE = object()


def _flat(data: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out |= _flat(value, f"{prefix}.{key}" if prefix else str(key))
        return out
    if isinstance(data, list | tuple):
        out = {}
        for i, value in enumerate(data):
            name = value.get("name") if isinstance(value, dict) else None
            out |= _flat(value, f"{prefix}.{name if isinstance(name, str) else i}")
        return out | {f"{prefix}.#": len(data)} if prefix else out
    return {prefix: data}


def _value(value: Any) -> str:
    return "(none)" if value is _GONE else json.dumps(value, default=str)


def _seed_words(seeds: Sequence[int]) -> str:
    if not seeds:
        return "none"
    if list(seeds) == list(range(seeds[0], seeds[0] + len(seeds))):
        return f"{seeds[0]}..{seeds[-1]} ({len(seeds)} runs)"
    return ", ".join(str(s) for s in seeds[:5]) + (" ..." if len(seeds) > 5 else "")
