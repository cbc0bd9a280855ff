"""Run keys: a hash of a run's resolved parameters, its seed and the model version.

Two runs with the same key give the same results (the model is deterministic in
its parameters and seed), so a store holds each key once and a resumed sweep runs
only the keys it lacks. The model version is digistrat's version and a hash of the
model core's source, so results of a changed model are never taken for current.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.metadata
import json
from pathlib import Path

from ..core.parameters import Parameters, to_dict

#: The model core's source folder.
CORE_DIR = Path(__file__).resolve().parents[1] / "core"


@functools.cache
def model_version() -> str:
    """``<digistrat version>+<12 hex digits of the core's source hash>``."""
    try:
        version = importlib.metadata.version("digistrat")
    except importlib.metadata.PackageNotFoundError:
        version = "unknown"
    digest = hashlib.sha256()
    for path in sorted(CORE_DIR.rglob("*.py")):
        digest.update(path.relative_to(CORE_DIR).as_posix().encode())
        digest.update(path.read_bytes())
    return f"{version}+{digest.hexdigest()[:12]}"


def run_key(params: Parameters, seed: int) -> str:
    """The key of one run: 32 hex digits of a SHA-256 over parameters, seed and model version."""
    return run_keys(params, [seed])[0]


def run_keys(params: Parameters, seeds) -> list[str]:
    """The keys of runs of ``params`` with each of ``seeds`` (the parameters written once).

    Each key hashes the JSON text ``{"model": ..., "params": ..., "seed": ...}`` with
    sorted keys; ``seed`` sorts last, so the text up to it is the same for every seed.
    """
    data = {"model": model_version(), "params": to_dict(params)}
    head = json.dumps(data, sort_keys=True, separators=(",", ":"), default=str)[:-1]
    head = head.encode() + b',"seed":'
    return [hashlib.sha256(head + b"%d}" % int(seed)).hexdigest()[:32] for seed in seeds]
