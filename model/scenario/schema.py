"""Pydantic models of a scenario file, generated from :mod:`digistrat.core.parameters`.

Every parameter declared with ``par`` becomes a strictly typed field with its
range, choices and documentation, and every ``group`` a nested model, so the file
format cannot drift from the parameters. Rules:

- unknown keys are errors; numbers must be numbers (no ``"3"``, no ``true``), finite;
- months are written ``YYYY-MM``; names of choices must be one of the choices;
- a list of departments, systems or events replaces the default list wholesale,
  and each element must give its ``name`` (events: ``month`` and ``kind``).
"""

from __future__ import annotations

import dataclasses
import functools
import typing
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, Strict, create_model

from ..core.parameters import Parameters, choices_of
from ..core.registry import strategy_names

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
NAME_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$"
MAX_LIST = 1000
ELEMENT_REQUIRED = ("name", "month", "kind")
TOP_FIELDS = ("name", "description", "extends", "seed", "replications")
MAX_SEED = 2**32 - 1
MAX_REPLICATIONS = 10_000

_CONFIG = ConfigDict(extra="forbid", strict=True, allow_inf_nan=False)
Month = Annotated[str, Strict(), Field(pattern=MONTH_PATTERN)]
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]


def _as_tuple(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def scalar_type(hint: Any, meta: dict[str, Any]) -> Any:
    """Pydantic type for one parameter, from its type hint and metadata."""
    choices = choices_of(meta)
    if choices:
        return Literal[choices]
    if hint is bool:
        return Annotated[bool, Strict()]
    if hint is float:
        return Annotated[float, Strict(), Field(ge=meta.get("low"), le=meta.get("high"))]
    if hint is int:
        return Annotated[int, Strict(), Field(ge=meta.get("low"), le=meta.get("high"))]
    if hint is str:
        if meta.get("unit") == "YYYY-MM":
            return Month
        return Annotated[str, Strict(), Field(min_length=1, max_length=200)]
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple and len(args) == 2 and args[1] is Ellipsis:
        inner = scalar_type(args[0], {})
        return Annotated[list[inner], Field(max_length=MAX_LIST)]
    if origin is tuple:
        if args == (str, float):
            parts = (Month if meta.get("unit", "").startswith("(YYYY-MM") else str, Number)
        else:
            parts = tuple(scalar_type(a, {}) for a in args)
        return Annotated[tuple[parts], BeforeValidator(_as_tuple)]
    raise TypeError(f"no scenario type for parameter type {hint!r}")


def _describe(f: dataclasses.Field) -> str:
    meta = f.metadata
    parts = [meta.get("doc", "")]
    if meta.get("unit"):
        parts.append(f"[{meta['unit']}]")
    if meta.get("source"):
        parts.append(f"(source: {meta['source']})")
    return " ".join(p for p in parts if p)


def group_model(cls: type, element: bool = False) -> type[BaseModel]:
    """The pydantic model of one parameter dataclass, for the strategies registered now."""
    return _group_model(cls, element, strategy_names())


@functools.cache
def _group_model(cls: type, element: bool, registered: tuple[str, ...]) -> type[BaseModel]:
    """Built once per class and set of registered strategies (the choices it may hold)."""
    hints = typing.get_type_hints(cls)
    fields: dict[str, Any] = {}
    for f in dataclasses.fields(cls):
        meta = dict(f.metadata)
        if meta.get("group"):
            sub = _group_model(meta["element"], meta["sequence"], registered)
            if meta["sequence"]:
                kind = Annotated[list[sub], Field(max_length=MAX_LIST)]
                fields[f.name] = (kind, Field(default_factory=list, description=meta["doc"]))
            else:
                fields[f.name] = (sub, Field(default_factory=sub, description=meta["doc"]))
            continue
        kind = scalar_type(hints[f.name], meta)
        default = ... if element and f.name in ELEMENT_REQUIRED else _plain(f.default)
        fields[f.name] = (kind, Field(default=default, description=_describe(f)))
    return create_model(cls.__name__, __config__=_CONFIG, __doc__=cls.__doc__, **fields)


def _plain(value: Any) -> Any:
    if isinstance(value, tuple):
        return [_plain(v) for v in value]
    return value


def scenario_model() -> type[BaseModel]:
    """The pydantic model of a whole scenario file, for the strategies registered now."""
    return _scenario_model(strategy_names())


@functools.cache
def _scenario_model(registered: tuple[str, ...]) -> type[BaseModel]:
    groups = _group_model(Parameters, False, registered).model_fields
    top: dict[str, Any] = {
        "name": (
            Annotated[str, Strict(), Field(pattern=NAME_PATTERN)] | None,
            Field(None, description="scenario name; default: the file name without .yaml"),
        ),
        "description": (
            Annotated[str, Strict(), Field(max_length=5000)] | None,
            Field(None, description="what question the scenario answers"),
        ),
        "extends": (
            Annotated[str, Strict(), Field(min_length=1)] | None,
            Field(None, description="file this one builds on, relative to this file"),
        ),
        "seed": (
            Annotated[int, Strict(), Field(ge=0, le=MAX_SEED)],
            Field(1, description="seed of replication 0; replication r uses seed + r"),
        ),
        "replications": (
            Annotated[int, Strict(), Field(ge=1, le=MAX_REPLICATIONS)],
            Field(10, description="number of replications"),
        ),
    }
    for name, info in groups.items():
        top[name] = (info.annotation, info)
    return create_model("Scenario", __config__=_CONFIG, **top)


_TOP_ALLOWED = {
    "name": "letters, digits, '_', '.' or '-' (at most 80), starting with a letter or digit",
    "description": "text",
    "extends": "a path to another scenario file, relative to this one",
    "seed": f"a whole number in [0, {MAX_SEED}]",
    "replications": f"a whole number in [1, {MAX_REPLICATIONS}]",
}


def allowed_at(loc: tuple[str | int, ...]) -> tuple[str, list[str]]:
    """Describe what is allowed at a field location, and the keys known there.

    Returns:
        (what is allowed at ``loc`` or "" if ``loc`` names no field, the keys of the
        deepest mapping along ``loc``).
    """
    cls: type | None = Parameters
    known = list(TOP_FIELDS) + [f.name for f in dataclasses.fields(Parameters)]
    if loc and loc[0] in _TOP_ALLOWED:
        return _TOP_ALLOWED[str(loc[0])], known
    allowed = ""
    for key in loc:
        if isinstance(key, int):
            continue
        fields = {f.name: f for f in dataclasses.fields(cls)} if cls else {}
        f = fields.get(key)
        if f is None:
            return "", known
        if not f.metadata.get("group"):
            allowed, cls = _allowed_scalar(f), None
            continue
        cls = f.metadata["element"]
        known = [g.name for g in dataclasses.fields(cls)]
        kind = "a list of mappings" if f.metadata["sequence"] else "a mapping"
        allowed = f"{kind} with keys: {', '.join(known)}"
    return allowed, known


def parent_keys(loc: tuple[str | int, ...]) -> list[str]:
    """Keys known in the mapping that holds ``loc[-1]``."""
    return allowed_at(loc[:-1])[1]


def _allowed_scalar(f: dataclasses.Field) -> str:
    meta, default = f.metadata, f.default
    unit = meta.get("unit", "")
    choices = choices_of(meta)
    if choices:
        return "one of " + ", ".join(choices)
    if unit == "YYYY-MM":
        return "a month written YYYY-MM, e.g. 2017-01"
    if isinstance(default, bool):
        return "true or false"
    if isinstance(default, tuple):
        return "a list of [YYYY-MM, number] pairs" if unit.startswith("(") else "a list of names"
    if isinstance(default, str):
        return "text"
    low, high = meta.get("low"), meta.get("high")
    low = "-inf" if low is None else low
    high = "inf" if high is None else high
    return f"a number in [{low}, {high}] ({unit})"
