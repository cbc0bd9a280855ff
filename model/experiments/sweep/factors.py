"""Uncertain parameters of an experiment: a dotted path and a range or a list of values.

A factor is sampled in the unit interval by the design and mapped to its values
here: a range ``[low, high]`` linearly, a list of values by cutting the unit
interval into equal parts (so every value is equally likely). Whole-number
parameters are rounded. A parameter that is not a number (a strategy, a month, a
switch) is a **categorical** factor: it takes a list of values, and the
regression-based indices code it by the position of its value in that list.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from ...core.parameters import Parameters, iter_parameters

NUMERIC = ("float", "int")


@dataclass(frozen=True)
class Factor:
    """One uncertain parameter.

    Attributes:
        path: dotted parameter path (list elements by name).
        low: lowest value (the smallest of ``values`` for a list).
        high: highest value (the largest of ``values`` for a list).
        values: the values of a list factor, in the order given; None for a range.
        integer: the parameter takes whole numbers; sampled values are rounded.
        unit: the parameter's unit.
        categorical: the parameter is not a number; ``values`` are its values, and
            ``low`` and ``high`` are the first and last position in that list.
    """

    path: str
    low: float
    high: float
    values: tuple[Any, ...] | None = None
    integer: bool = False
    unit: str = ""
    categorical: bool = False

    def from_unit(self, u: np.ndarray) -> np.ndarray:
        """Map unit-interval draws to parameter values."""
        u = np.clip(np.asarray(u, dtype=float), 0.0, 1.0)
        if self.values is not None:
            index = np.minimum((u * len(self.values)).astype(int), len(self.values) - 1)
            out = self._array()[index]
            return out if self.categorical else (np.round(out) if self.integer else out)
        out = self.low + u * (self.high - self.low)
        return np.round(out) if self.integer else out

    def levels(self, count: int) -> np.ndarray:
        """Values of a grid: the list as given, or ``count`` evenly spaced over the range."""
        if self.values is not None:
            return self._array()
        out = np.linspace(self.low, self.high, count)
        return np.unique(np.round(out)) if self.integer else out

    def codes(self, values: np.ndarray) -> np.ndarray:
        """Numbers for regression: the values themselves, or a categorical value's position."""
        if not self.categorical:
            return np.asarray(values, dtype=float)
        position = {value: i for i, value in enumerate(self.values)}
        return np.array([position[v] for v in values], dtype=float)

    def _array(self) -> np.ndarray:
        if self.categorical:
            out = np.empty(len(self.values), dtype=object)
            out[:] = list(self.values)
            return out
        return np.asarray(self.values, dtype=float)

    def describe(self) -> str:
        """``[low, high] unit`` or ``{v1, v2, ...} unit``."""
        if self.values is not None:
            text = "{" + ", ".join(value_text(v) for v in self.values) + "}"
        else:
            text = f"[{self.low:g}, {self.high:g}]"
        return f"{text} {self.unit}".strip()


def value_text(value: Any) -> str:
    """A value as written in an experiment file: 0.3, big_bang, 2022-12, true."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return str(value).lower() if isinstance(value, bool) else str(value)
    return f"{value:g}"


def parameter_fields(params: Parameters) -> dict[str, dataclasses.Field]:
    """Every parameter of ``params`` by its concrete dotted path.

    List groups (departments, systems) are expanded by element name:
    ``organisation.departments[].willingness`` becomes
    ``organisation.departments.education.willingness`` and so on. Elements without a
    name (events) are left out.
    """
    out: dict[str, dataclasses.Field] = {}
    for path, f in iter_parameters():
        if "[]." not in path:
            out[path] = f
            continue
        prefix, rest = path.split("[].", 1)
        for item in _get(params, prefix):
            name = getattr(item, "name", None)
            if isinstance(name, str) and name:
                out[f"{prefix}.{name}.{rest}"] = f
    return out


def is_numeric(f: dataclasses.Field) -> bool:
    """The parameter is a number (not a name, month, flag or list)."""
    return str(f.type) in NUMERIC


def documented_range(f: dataclasses.Field) -> tuple[float, float]:
    """The plausible range from the parameter's metadata."""
    return float(f.metadata["low"]), float(f.metadata["high"])


def _get(obj: Any, path: str) -> Any:
    for key in path.split("."):
        obj = getattr(obj, key)
    return obj


def metadata(path: str) -> dict[str, Any]:
    """The declared metadata (``unit``, ``doc``, ``low``, ``high``, ``source``) of a path.

    A list element named in the path (``organisation.departments.education.size``)
    is looked up as its element field (``organisation.departments[].size``); an
    unknown path gives ``{}``.
    """
    table = {p: f.metadata for p, f in iter_parameters()}
    if path in table:
        return dict(table[path])
    parts = path.split(".")
    for i in range(1, len(parts) - 1):
        generic = ".".join(parts[:i]) + "[]." + ".".join(parts[i + 1 :])
        if generic in table:
            return dict(table[generic])
    return {}
