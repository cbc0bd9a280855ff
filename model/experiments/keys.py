"""Run keys: a hash of a run's resolved parameters, its seed and the model version.

Two runs with the same key give the same results (the model is deterministic in
its parameters and seed), so a store holds each key once and a resumed sweep runs
only the keys it lacks. The model version is digistrat's version and a hash of the
model core's source, so results of a changed model are never taken for current.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import math
from dataclasses import fields
from pathlib import Path
from typing import Any

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
    head = f'{{"model":{_json(model_version())},"params":{_ENCODER.text(params)},"seed":'
    head = head.encode()
    return [hashlib.sha256(head + b"%d}" % int(seed)).hexdigest()[:32] for seed in seeds]


def _json(value: Any) -> str:
    return json.dumps(value, sort_keys=True, separators=_SEPARATORS, default=str)


_SEPARATORS = (",", ":")
_string = json.encoder.encode_basestring_ascii  # what json.dumps writes a string with


class _Encoder:
    """The JSON text of parameters, exactly as ``_json(to_dict(params))`` writes it.

    Written group by group, and the text of each group object is remembered by
    identity: the design points of a sweep are made with :func:`replace_path`, which
    shares every group it does not change, so only the changed groups are written
    again (a key of a 28,672-point Sobol' design took 2.8 ms, most of it rewriting
    the same unchanged groups). The remembered objects are held, so an identity
    cannot be reused while it is remembered; at :attr:`LIMIT` groups it starts over.
    """

    LIMIT = 4096

    def __init__(self) -> None:
        self._memo: dict[int, tuple[Any, str]] = {}

    def text(self, obj: Any) -> str:
        kind = type(obj)
        if kind is float:
            return float.__repr__(obj) if math.isfinite(obj) else _json(obj)
        if kind is str:
            return _string(obj)
        if kind is int:
            return int.__repr__(obj)
        if kind is bool or obj is None:
            return "true" if obj is True else "false" if obj is False else "null"
        if kind is tuple:
            return "[" + ",".join([self.text(item) for item in obj]) + "]"
        if not (dataclasses.is_dataclass(obj) and not isinstance(obj, type)):
            return _json(obj)
        hit = self._memo.get(id(obj))
        if hit is not None and hit[0] is obj:
            return hit[1]
        text = (
            "{"
            + ",".join([label + self.text(getattr(obj, name)) for name, label in _layout(kind)])
            + "}"
        )
        if len(self._memo) >= self.LIMIT:
            self._memo.clear()
        self._memo[id(obj)] = (obj, text)
        return text


@functools.cache
def _layout(cls: type) -> tuple[tuple[str, str], ...]:
    """A parameter class's field names in the order ``sort_keys`` writes them, with their JSON."""
    return tuple((name, _json(name) + ":") for name in sorted(f.name for f in fields(cls)))


_ENCODER = _Encoder()


def plain_key_text(params: Parameters) -> str:
    """The JSON text of ``params`` written in one piece (what :class:`_Encoder` must equal)."""
    return _json(to_dict(params))
