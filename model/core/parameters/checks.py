"""Listing every parameter, and checking values against their ranges and rules."""

from __future__ import annotations

import dataclasses
import functools
import math
from typing import Any

from ..calendar import month_number
from .root import Parameters


def iter_parameters(
    cls: type = Parameters, prefix: str = ""
) -> list[tuple[str, dataclasses.Field]]:
    """List (dotted path, field) for every scalar parameter, depth first.

    List-valued groups (departments, systems, events) appear with ``[]`` in the
    path and list the fields of one element.
    """
    rows: list[tuple[str, dataclasses.Field]] = []
    for f in dataclasses.fields(cls):
        path = f"{prefix}{f.name}"
        if f.metadata.get("group"):
            sep = "[]." if f.metadata["sequence"] else "."
            rows.extend(iter_parameters(f.metadata["element"], path + sep))
        else:
            rows.append((path, f))
    return rows


class ParameterError(ValueError):
    """A parameter value breaks its rule; ``path`` names the parameter."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def check(params: Parameters) -> Parameters:
    """Check every value against its range and the cross-field rules.

    Returns the parameters unchanged so that calls can be chained.

    Raises:
        ParameterError: naming the first bad parameter, its value and the rule.
    """
    try:
        _check_once(params)
    except TypeError:  # not hashable (a list where a tuple belongs): check without the cache
        _check_group(params, "")
        _check_rules(params)
    return params


@functools.lru_cache(maxsize=64)
def _check_once(params: Parameters) -> bool:
    """Check ``params``; remembered, since replications check the same values again."""
    _check_group(params, "")
    _check_rules(params)
    return True


def _check_group(obj: Any, prefix: str) -> None:
    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        path = f"{prefix}{f.name}"
        if f.metadata.get("group"):
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    _check_group(item, f"{path}[{i}].")
            else:
                _check_group(value, path + ".")
            continue
        meta = f.metadata
        if meta.get("unit") == "YYYY-MM":
            try:
                month_number(value)
            except ValueError as exc:
                raise ParameterError(path, str(exc)) from None
        if "choices" in meta and value not in meta["choices"]:
            raise ParameterError(path, f"{value!r} is not one of {', '.join(meta['choices'])}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if not math.isfinite(value):
            raise ParameterError(path, f"{value} is not a finite number")
        low, high = meta.get("low"), meta.get("high")
        if low is not None and value < low:
            raise ParameterError(path, f"{value} is below the allowed range [{low}, {high}]")
        if high is not None and value > high:
            raise ParameterError(path, f"{value} is above the allowed range [{low}, {high}]")


MAX_HORIZON_MONTHS = 12 * 60


def _check_rules(p: Parameters) -> None:
    start, end = month_number(p.horizon.start), month_number(p.horizon.end)
    if end < start:
        raise ParameterError(
            "horizon.end", f"end ({p.horizon.end}) is before start ({p.horizon.start})"
        )
    if end - start + 1 > MAX_HORIZON_MONTHS:
        raise ParameterError(
            "horizon.end",
            f"{end - start + 1} months is longer than the "
            f"{MAX_HORIZON_MONTHS} months (60 years) allowed",
        )
    prog = p.funding.programme
    if month_number(prog.end) < month_number(prog.start):
        raise ParameterError(
            "funding.programme.end", f"end ({prog.end}) is before start ({prog.start})"
        )
    org = p.organisation
    if not org.departments:
        raise ParameterError("organisation.departments", "at least one department is needed")
    names = [s.name for s in org.systems]
    if len(set(names)) != len(names):
        raise ParameterError("organisation.systems", f"system names repeat: {names}")
    dnames = [d.name for d in org.departments]
    if len(set(dnames)) != len(dnames):
        raise ParameterError("organisation.departments", f"department names repeat: {dnames}")
    for i, dep in enumerate(org.departments):
        for sys_name in dep.systems:
            if sys_name not in names:
                raise ParameterError(
                    f"organisation.departments[{i}].systems",
                    f"{sys_name!r} is not a legacy system; known systems: {', '.join(names)}",
                )
    for i, (month, fte) in enumerate(org.unit.staffing_plan):
        try:
            month_number(month)
        except ValueError as exc:
            raise ParameterError(f"organisation.unit.staffing_plan[{i}]", str(exc)) from None
        if not (math.isfinite(fte) and 0 <= fte <= 500):
            raise ParameterError(
                f"organisation.unit.staffing_plan[{i}]", f"{fte} FTE is not in [0, 500]"
            )
    o = p.behaviour.outcome
    if o.w_capability + o.w_self_sufficiency + o.w_legacy + o.w_capacity + o.w_trust <= 0:
        raise ParameterError("behaviour.outcome", "the index weights must not all be zero")
