"""Errors the model raises when it reaches a state it must never be in."""

from __future__ import annotations

import dataclasses
from typing import Any


class ModelError(RuntimeError):
    """The model reached a state outside its own rules; the message says which and where."""


class BoundsError(ModelError):
    """A quantity left its bounds (an index outside [0, 1], a value not finite).

    The run stops at once rather than write the value anywhere. The message names the
    quantity, its value, the month, the seed and the parameters that differ from the
    defaults, so that the run can be repeated.
    """

    def __init__(self, quantity: str, value: float, bounds: str, month: str, seed: int, params):
        changed = changed_parameters(params)
        shown = ", ".join(changed[:20]) + (" ..." if len(changed) > 20 else "")
        super().__init__(
            f"{quantity} = {value!r} is outside {bounds} in {month} (seed {seed}); "
            f"parameters that differ from the defaults: {shown or 'none'}"
        )
        self.quantity, self.value, self.month, self.seed = quantity, value, month, seed


def changed_parameters(params: Any) -> list[str]:
    """``path=value`` for every parameter that differs from its default."""
    return _diff(params, type(params)(), "")


def _diff(obj: Any, default: Any, prefix: str) -> list[str]:
    out = []
    for f in dataclasses.fields(obj):
        value, base = getattr(obj, f.name), getattr(default, f.name)
        path = f"{prefix}{f.name}"
        if dataclasses.is_dataclass(value) and dataclasses.is_dataclass(base):
            out += _diff(value, base, path + ".")
        elif value != base:
            out.append(f"{path}={value!r}")
    return out
