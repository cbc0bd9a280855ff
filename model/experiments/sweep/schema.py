"""The shape of an experiment file, checked strictly, and its errors made readable."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ...scenario.errors import Issue, ScenarioError, did_you_mean
from ...scenario.validation import PROBLEMS

DESIGNS = ("grid", "lhs", "sobol", "morris")
MAX_FACTORS = 300
MAX_MEASURES = 40
MAX_LEVERS = 5


class ExperimentError(ScenarioError):
    """An experiment file cannot be used; every issue names file, line, field and rule."""


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class RangeSpec(_Strict):
    """A factor: ``low``/``high`` (default: the documented range) or ``values``."""

    low: float | None = Field(None, allow_inf_nan=False)
    high: float | None = Field(None, allow_inf_nan=False)
    values: list[bool | Annotated[float, Field(allow_inf_nan=False)] | str] | None = Field(
        None, min_length=2, max_length=100
    )


class DesignSpec(_Strict):
    """How the design points are drawn."""

    kind: Literal["grid", "lhs", "sobol", "morris"]
    n: int | None = Field(None, ge=1, le=100_000)
    levels: int | None = Field(None, ge=2, le=100)
    seed: int = Field(1, ge=1, lt=2**32)
    second_order: bool = False


class ReplicationSpec(_Strict):
    """Seeds: ``count`` of them from ``seed`` (default: the base scenario's seed)."""

    count: int = Field(1, ge=1, le=10_000)
    seed: int | None = Field(None, ge=0, lt=2**32)


class DiscoverySpec(_Strict):
    """Scenario discovery on a lever experiment (see :mod:`.settings`)."""

    pairs: list[list[bool | Annotated[float, Field(allow_inf_nan=False)] | str]] | None = Field(
        None, min_length=1, max_length=50
    )
    outcomes: list[str] | None = Field(None, min_length=1, max_length=MAX_MEASURES)
    margin: float = Field(0.0, ge=0, allow_inf_nan=False)
    peel_alpha: float = Field(0.05, gt=0, le=0.5)
    mass_min: float = Field(0.05, gt=0, lt=1)
    seed: int = Field(1, ge=0, lt=2**32)
    resamples: int = Field(10, ge=0, le=100)


class RobustnessSpec(_Strict):
    """Robustness of a lever experiment: satisficing thresholds."""

    satisficing: list[str] = Field(default_factory=list, max_length=MAX_MEASURES)


class ExperimentSpec(_Strict):
    """A whole experiment file."""

    name: str | None = Field(None, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$")
    description: str = ""
    scenario: str = Field(min_length=1)
    set: list[str] = Field(default_factory=list, max_length=100)
    parameters: dict[str, RangeSpec | None] = Field(min_length=1, max_length=MAX_FACTORS)
    levers: dict[str, RangeSpec] | None = Field(None, min_length=1, max_length=MAX_LEVERS)
    design: DesignSpec
    replications: ReplicationSpec = Field(default_factory=ReplicationSpec)
    outcomes: list[str] = Field(min_length=1, max_length=MAX_MEASURES)
    discovery: DiscoverySpec | None = None
    robustness: RobustnessSpec | None = None


_PROBLEMS = PROBLEMS | {"less_than": "is above the allowed range"}

_ALLOWED = {
    "kind": "one of " + ", ".join(DESIGNS),
    "name": "letters, digits, '_', '.', '-' (at most 80), starting with a letter or digit",
    "seed": "a whole number >= 1 (design) or >= 0 (replications, discovery), below 2**32",
    "count": "a whole number in [1, 10000]",
    "n": "a whole number in [1, 100000]",
    "levels": "a whole number in [2, 100]",
    "parameters": f"a mapping of 1 to {MAX_FACTORS} parameter paths to ranges",
    "outcomes": f"a list of 1 to {MAX_MEASURES} measures such as change_capability@2026-12",
    "values": "a list of 2 to 100 values (numbers; names, months or true/false for a "
    "parameter that is not a number)",
    "levers": f"a mapping of 1 to {MAX_LEVERS} parameter paths to {{values: [...]}}",
    "pairs": "a list of pairs of values of the first lever, e.g. [[small_steps, big_bang]]",
    "margin": "a number >= 0, in the measure's unit",
    "peel_alpha": "a number in (0, 0.5]",
    "mass_min": "a number in (0, 1)",
    "resamples": "a whole number in [0, 100]",
    "satisficing": "a list of thresholds such as 'change_capability@2026-12 >= 0.45'",
}


def validate(data: Any, label: str, lines: dict) -> ExperimentSpec:
    """Validate plain data against :class:`ExperimentSpec`.

    Raises:
        ExperimentError: every problem with file, line, field, value and what is allowed.
    """
    try:
        return ExperimentSpec.model_validate(data)
    except ValidationError as exc:
        issues = [_issue(err, data, label, lines) for err in exc.errors()]
        issues.sort(key=lambda i: i.line or 0)
        raise ExperimentError(issues) from None


def _issue(err: dict[str, Any], data: Any, label: str, lines: dict) -> Issue:
    loc = _clean(err["loc"], data)
    kind = err["type"]
    problem = _PROBLEMS.get(kind, err["msg"])
    allowed = _ALLOWED.get(next((k for k in reversed(loc) if isinstance(k, str)), ""), "")
    extra: dict[str, Any] = {}
    if kind == "extra_forbidden":
        known = list(_model_at(loc[:-1]).model_fields)
        allowed = "known keys: " + ", ".join(known)
        extra["hint"] = did_you_mean(loc[-1], known)
    elif kind not in ("missing", "model_type", "dict_type", "list_type"):
        extra["value"] = err.get("input")
        if kind == "literal_error":
            extra["hint"] = did_you_mean(err.get("input"), DESIGNS)
    line = next((lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in lines), None)
    return Issue(problem, file=label, line=line, path=dotted(loc), allowed=allowed, **extra)


def dotted(loc: tuple) -> str:
    """``('outcomes', 0)`` -> ``outcomes[0]``; keys that hold dots stay whole."""
    return ".".join(str(k) if isinstance(k, str) else f"[{k}]" for k in loc).replace(".[", "[")


def _clean(raw: tuple, data: Any) -> tuple:
    """Drop the parts pydantic adds to a location (union members) that are not in the data."""
    loc: list = []
    node = data
    for key in raw:
        present = isinstance(key, int) or (isinstance(node, dict) and key in node)
        if not present and (isinstance(key, str) and ("[" in key or key[:1].isupper())):
            continue
        loc.append(key)
        node = node.get(key) if isinstance(node, dict) else None
    return tuple(loc)


def _model_at(loc: tuple) -> type[BaseModel]:
    if not loc:
        return ExperimentSpec
    if loc[0] == "design":
        return DesignSpec
    if loc[0] == "replications":
        return ReplicationSpec
    if loc[0] in ("parameters", "levers"):
        return RangeSpec
    if loc[0] == "discovery":
        return DiscoverySpec
    if loc[0] == "robustness":
        return RobustnessSpec
    return ExperimentSpec
