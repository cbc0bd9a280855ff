"""Listing every parameter, and checking values against their ranges and rules."""

from __future__ import annotations

import dataclasses
import difflib
import functools
import math
import typing
from collections.abc import Iterable
from typing import Any

from ..calendar import month_number
from ..tolerances import MAX_STAFF_FTE
from .fields import choices_of
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


@functools.cache
def parameter_fields() -> dict[str, dataclasses.Field]:
    """Every scalar parameter's field by its dotted path, as :func:`iter_parameters` names it.

    Built once; callers must not change the mapping.
    """
    return dict(iter_parameters())


class ParameterError(ValueError):
    """A parameter value breaks its rule; ``path`` names the parameter."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def check(params: Parameters, known: Parameters | None = None) -> Parameters:
    """Check every value against its range and the cross-field rules.

    Returns the parameters unchanged so that calls can be chained.

    Args:
        params: the parameters.
        known: parameters already checked that ``params`` was made from (with
            :func:`replace_path`, which shares every group it does not change): only
            the groups that are not the very same objects are walked, and the
            cross-field rules are checked in full. A sweep checks each design point so.

    Raises:
        ParameterError: naming the first bad parameter, its value and the rule.
    """
    if known is not None:
        _check_changed(params, known, "")
        _check_rules(params)
        return params
    try:
        _check_once(params)
    except TypeError:  # not hashable (a list where a tuple belongs): check without the cache
        _check_group(params, "")
        _check_rules(params)
    return params


def _check_changed(obj: Any, known: Any, prefix: str) -> None:
    """:func:`_check_group` of what in ``obj`` is not the same object as in ``known``."""
    if type(obj) is not type(known):
        _check_group(obj, prefix)
        return
    for f in dataclasses.fields(obj):
        value, old = getattr(obj, f.name), getattr(known, f.name)
        if value is old:
            continue
        path = f"{prefix}{f.name}"
        if not f.metadata.get("group"):
            check_value(path, f, value)
        elif isinstance(value, tuple) and isinstance(old, tuple) and len(value) == len(old):
            for i, (item, was) in enumerate(zip(value, old, strict=True)):
                if item is not was:
                    _check_changed(item, was, f"{path}[{i}].")
        elif isinstance(value, tuple):
            for i, item in enumerate(value):
                _check_group(item, f"{path}[{i}].")
        else:
            _check_changed(value, old, path + ".")


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
        check_value(path, f, value)


def close_match(word: Any, known: Iterable[str]) -> str:
    """`` did you mean 'x'?`` for the closest of ``known``, or ''."""
    matches = difflib.get_close_matches(str(word), list(known), n=1, cutoff=0.6)
    return f"; did you mean {matches[0]!r}?" if matches else ""


def check_value(path: str, f: dataclasses.Field, value: Any) -> None:
    """Check one value against its field's rule: month format, choices and range.

    Raises:
        ParameterError: naming ``path``, the value and the rule.
    """
    meta = f.metadata
    if meta.get("unit") == "YYYY-MM":
        try:
            month_number(value)
        except ValueError as exc:
            raise ParameterError(path, str(exc)) from None
    choices = choices_of(meta)
    if choices is not None and value not in choices:
        raise ParameterError(
            path, f"{value!r} is not one of {', '.join(choices)}{close_match(value, choices)}"
        )
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    if not math.isfinite(value):
        raise ParameterError(path, f"{value} is not a finite number")
    low, high = meta.get("low"), meta.get("high")
    if low is not None and value < low:
        raise ParameterError(path, f"{value} is below the allowed range [{low}, {high}]")
    if high is not None and value > high:
        raise ParameterError(path, f"{value} is above the allowed range [{low}, {high}]")


def check_type(path: str, hint: Any, value: Any) -> None:
    """Check that ``value`` is of the parameter's type (a whole number may stand for a float).

    Raises:
        ParameterError: naming ``path``, the value and the type wanted.
    """
    if _is_type(hint, value):
        return
    wanted = getattr(hint, "__name__", str(hint))
    hint_text = ""
    if isinstance(value, str) and hint in (float, int):
        hint_text = f"; write a number, {value} not {value!r}"
    given = type(value).__name__
    raise ParameterError(
        path, f"{value!r} is {_a(given)} {given}, not {_a(wanted)} {wanted}{hint_text}"
    )


def _a(word: str) -> str:
    """The indefinite article of ``word``."""
    return "an" if word[:1] in "aeiou" else "a"


def _is_type(hint: Any, value: Any) -> bool:
    if hint is bool:
        return isinstance(value, bool)
    if hint is float:
        return isinstance(value, int | float) and not isinstance(value, bool)
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is str:
        return isinstance(value, str)
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        if not isinstance(value, tuple):
            return False
        if len(args) == 2 and args[1] is Ellipsis:
            return all(_is_type(args[0], v) for v in value)
        return len(args) == len(value) and all(
            _is_type(a, v) for a, v in zip(args, value, strict=True)
        )
    if dataclasses.is_dataclass(hint):
        return isinstance(value, hint)
    return True


MAX_HORIZON_MONTHS = 12 * 60
#: Months that do nothing outside the horizon; refused where an input sets them
#: (a scenario file, ``--set``, a sweep's design or levers), not in the defaults.
HORIZON_MONTHS = ("strategy.modernisation_start",)


def check_in_horizon(params: Parameters, path: str) -> None:
    """Refuse a month of :data:`HORIZON_MONTHS` that lies outside the horizon.

    Raises:
        ParameterError: naming ``path``, the month and the horizon.
    """
    group, name = path.split(".")
    month = getattr(getattr(params, group), name)
    first, last = params.horizon.start, params.horizon.end
    if not month_number(first) <= month_number(month) <= month_number(last):
        raise ParameterError(
            path, f"{month} is outside the horizon {first}..{last}; it would never take effect"
        )


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
    used = [(i, d.systems[0]) for i, d in enumerate(org.departments) if d.systems]
    if not names and used:
        raise ParameterError(
            "organisation.systems",
            "no legacy systems are given, but the departments use some (departments"
            f"[{used[0][0]}] uses {used[0][1]!r}); list every system the departments name",
        )
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
        if not (math.isfinite(fte) and 0 <= fte <= MAX_STAFF_FTE):
            raise ParameterError(
                f"organisation.unit.staffing_plan[{i}]",
                f"{fte} FTE is not in [0, {MAX_STAFF_FTE:g}]",
            )
    _check_events(p, start, end)
    o = p.behaviour.outcome
    if o.w_capability + o.w_self_sufficiency + o.w_legacy + o.w_delivery + o.w_trust <= 0:
        raise ParameterError("behaviour.outcome", "the index weights must not all be zero")


#: The parameter whose range bounds the ``value`` of each event kind: the event sets
#: what that parameter sets at the start (``staff_target`` a staffing plan's target).
#: A kind not listed (``demand_shock``, a multiplier) keeps the range of ``events[].value``.
EVENT_VALUES = {
    "election": "behaviour.politics.will",
    "set_pace": "behaviour.strain.pace",
    "move_staff": "organisation.it.move_fte",
    "programme": "funding.programme.annual_msek",
}
#: Event kinds whose value is a staff target in FTE, at most :data:`MAX_STAFF_FTE`.
STAFF_EVENTS = ("staff_target",)
#: Pairs of adaptive thresholds: (high, low) whose high may not be below its low.
ADAPTIVE_PAIRS = (
    ("block_high", "block_low"),
    ("training_max", "training_min"),
    ("strain_high", "strain_low"),
    ("backlog_high", "backlog_low"),
)


def _range_of(path: str) -> tuple[float | None, float | None]:
    meta = parameter_fields()[path].metadata
    return meta.get("low"), meta.get("high")


def _check_events(p: Parameters, start: int, end: int) -> None:
    first, last = p.horizon.start, p.horizon.end
    for i, event in enumerate(p.events):
        if not start <= month_number(event.month) <= end:
            raise ParameterError(
                f"events[{i}].month",
                f"{event.month} is outside the horizon {first}..{last}; the event would "
                "never happen",
            )
        if event.kind in STAFF_EVENTS:
            low, high, source = 0.0, MAX_STAFF_FTE, "a staff target in FTE"
        elif event.kind in EVENT_VALUES:
            low, high = _range_of(EVENT_VALUES[event.kind])
            source = f"the range of {EVENT_VALUES[event.kind]}, which {event.kind} sets"
        else:
            continue
        if not low <= event.value <= high:
            raise ParameterError(
                f"events[{i}].value",
                f"{event.value:g} is outside [{low:g}, {high:g}] for a {event.kind} event "
                f"({source})",
            )


def check_adaptive_order(p: Parameters) -> None:
    """Each of the adaptive strategy's high thresholds at least its low one.

    Checked for a scenario (a file or ``--set``), not by :func:`check`: a sweep or a
    screening may sample the thresholds independently, and the strategy still runs
    (both of a pair's rules then apply).

    Raises:
        ParameterError: naming both thresholds.
    """
    s = p.strategy
    for high, low in ADAPTIVE_PAIRS:
        if getattr(s.adaptive, high) < getattr(s.adaptive, low):
            raise ParameterError(
                f"strategy.adaptive.{high}",
                f"strategy.adaptive.{high} ({getattr(s.adaptive, high):g}) is below "
                f"strategy.adaptive.{low} ({getattr(s.adaptive, low):g}); {high} must be at "
                f"least {low}",
            )
