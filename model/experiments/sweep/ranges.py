"""A factor or lever from its entry in an experiment file: a range or a list of values.

A numeric parameter takes ``{}`` (its documented range), ``{low, high}`` within that
range, or ``{values: [...]}``; a parameter that is not a number (a strategy, a month,
a switch) takes a list of values it accepts. Every problem is an
:class:`.ExperimentError` located by the ``fail`` function of the file's reader.
"""

from __future__ import annotations

from collections.abc import Callable

from ...core.parameters import ParameterError, Parameters, replace_path
from ...scenario.errors import did_you_mean
from .factors import Factor, documented_range, is_numeric, parameter_fields
from .schema import ExperimentError, RangeSpec

#: Builds the error of a problem at a location of the file: ``fail(loc, problem, **extra)``.
Fail = Callable[..., ExperimentError]


def read_factor(
    path: str, spec: RangeSpec | None, params: Parameters, fail: Fail, section: str = "parameters"
) -> Factor:
    """The factor (or lever) at dotted ``path`` with the file's ``spec``; see the module."""
    loc = (section, path)
    fields = parameter_fields(params)
    if path not in fields:
        raise fail(
            loc,
            "is not a parameter of the base scenario",
            allowed="a dotted path from docs/parameters.md; list elements by name, "
            "e.g. organisation.departments.education.willingness",
            hint=did_you_mean(path, list(fields)),
        )
    f = fields[path]
    if not is_numeric(f):
        return _categorical(loc, spec, f, params, fail)
    if spec is not None and spec.values and not all(_is_number(v) for v in spec.values):
        bad = next(v for v in spec.values if not _is_number(v))
        raise fail((*loc, "values"), "is not a number", value=bad, allowed="numbers")
    lo, hi = documented_range(f)
    documented = f"within the documented range [{lo:g}, {hi:g}] {f.metadata['unit']}"
    spec = spec or RangeSpec()
    integer = str(f.type) == "int"
    if spec.values is not None:
        if spec.low is not None or spec.high is not None:
            raise fail(loc, "give either low/high or values, not both")
        values = tuple(spec.values)
        bad = [v for v in values if not lo <= v <= hi or (integer and v != int(v))]
        if bad:
            raise fail(
                (*loc, "values"),
                "a value is outside the documented range",
                value=bad[0],
                allowed=("whole numbers " if integer else "numbers ") + documented,
            )
        if len(set(values)) < len(values):
            raise fail((*loc, "values"), "a value is listed twice", value=list(values))
        return Factor(path, min(values), max(values), values, integer, f.metadata["unit"])
    low = lo if spec.low is None else spec.low
    high = hi if spec.high is None else spec.high
    for key, value in (("low", low), ("high", high)):
        if not lo <= value <= hi:
            raise fail(
                (*loc, key),
                "is outside the documented range",
                value=value,
                allowed=documented,
                hint="leave it out to use the documented bound",
            )
    if not low < high:
        raise fail(loc, f"low ({low:g}) must be below high ({high:g})")
    return Factor(path, low, high, None, integer, f.metadata["unit"])


def _categorical(loc: tuple, spec: RangeSpec | None, f, params: Parameters, fail: Fail) -> Factor:
    """A parameter that is not a number: a list of values, each one it accepts."""
    path = loc[1]
    unit = f.metadata.get("unit", str(f.type))
    if spec is None or spec.values is None or spec.low is not None or spec.high is not None:
        raise fail(
            loc,
            f"is not a number (it is a {unit}); give its values as a list",
            allowed="values: [a, b, ...]; e.g. strategy.kind: {values: [small_steps, big_bang]}",
        )
    values = tuple(spec.values)
    if len(set(map(repr, values))) < len(values):
        raise fail((*loc, "values"), "a value is listed twice", value=list(values))
    for value in values:
        try:
            replace_path(params, path, value)
        except ParameterError as exc:
            raise fail((*loc, "values"), exc.message, value=value) from None
    return Factor(path, 0.0, float(len(values) - 1), values, False, unit, categorical=True)


def _is_number(value: object) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)
