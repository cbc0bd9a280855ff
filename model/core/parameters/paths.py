"""Converting parameters to and from plain dicts, and setting one by dotted path."""

from __future__ import annotations

import dataclasses
import functools
import typing
from typing import Any

from .checks import ParameterError, check_type, check_value, close_match
from .root import Parameters


def to_dict(obj: Any) -> Any:
    """Plain dict/list/scalar form of a parameter object (YAML- and JSON-ready)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple):
        return [to_dict(v) for v in obj]
    return obj


def from_dict(data: dict[str, Any], cls: type = Parameters) -> Any:
    """Build a parameter object from a plain dict, filling defaults for missing keys.

    Keys are assumed valid (the scenario layer validates them first); lists become
    tuples so that the result is hashable and frozen.
    """
    kwargs: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key, value in data.items():
        f = fields[key]
        if f.metadata.get("group"):
            element = f.metadata["element"]
            if f.metadata["sequence"]:
                kwargs[key] = tuple(from_dict(v, element) for v in value)
            else:
                kwargs[key] = from_dict(value, element)
        elif isinstance(value, list):
            kwargs[key] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        else:
            kwargs[key] = value
    return cls(**kwargs)


def replace_path(params: Any, path: str, value: Any) -> Any:
    """Return a copy with the parameter at dotted ``path`` set to ``value``, checked at once.

    Elements of lists are addressed by index or by name:
    ``organisation.departments.education.willingness`` or
    ``organisation.departments.0.willingness``. The value must have the parameter's
    type (a whole number may stand for a decimal one; a list for a tuple) and lie in
    its range; a name must be one of its choices, such as a registered strategy.

    Raises:
        ParameterError: naming the full dotted path: an unknown name (with the closest
            known one), a value of the wrong type, out of range or not a choice.
    """
    return _replace(params, path.split("."), value, path, "")


def _replace(obj: Any, keys: list[str], value: Any, path: str, where: str) -> Any:
    head, rest = keys[0], keys[1:]
    fields = {f.name: f for f in dataclasses.fields(obj)}
    if head not in fields:
        known = list(fields)
        raise ParameterError(
            path,
            f"unknown parameter {head!r}{' in ' + where if where else ''}; "
            f"known: {', '.join(known)}{close_match(head, known)}",
        )
    f, current = fields[head], getattr(obj, head)
    inside = f"{where}.{head}" if where else head
    if not rest:
        return dataclasses.replace(obj, **{head: _checked(type(obj), f, value, path)})
    meta = f.metadata
    if not meta.get("group"):
        raise ParameterError(path, f"{inside!r} is a value, not a group")
    if not meta["sequence"]:
        return dataclasses.replace(obj, **{head: _replace(current, rest, value, path, inside)})
    index = _element_index(current, rest[0], path)
    element = f"{inside}.{rest[0]}"
    if len(rest) > 1:
        item = _replace(current[index], rest[1:], value, path, element)
    elif isinstance(value, meta["element"]):
        item = value
    else:
        raise ParameterError(path, f"{element} must be a {meta['element'].__name__}")
    return dataclasses.replace(obj, **{head: (*current[:index], item, *current[index + 1 :])})


def _checked(cls: type, f: dataclasses.Field, value: Any, path: str) -> Any:
    """``value`` made a tuple where the field holds one, after checking type and rule."""
    meta = f.metadata
    if meta.get("group"):
        element = meta["element"]
        if meta["sequence"]:
            value = tuple(value) if isinstance(value, list) else value
            ok = isinstance(value, tuple) and all(isinstance(v, element) for v in value)
        else:
            ok = isinstance(value, element)
        if not ok:
            what = f"a list of {element.__name__}" if meta["sequence"] else element.__name__
            raise ParameterError(path, f"must be {what}, not {type(value).__name__}")
        return value
    hint = _hints(cls)[f.name]
    if isinstance(value, list):
        value = tuple(tuple(v) if isinstance(v, list) else v for v in value)
    check_type(path, hint, value)
    if hint is float and isinstance(value, int):
        value = float(value)
    check_value(path, f, value)
    return value


@functools.cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def _element_index(items: tuple, key: str, path: str) -> int:
    if key.isdigit() and int(key) < len(items):
        return int(key)
    for i, item in enumerate(items):
        if getattr(item, "name", None) == key:
            return i
    known = [str(getattr(item, "name", i)) for i, item in enumerate(items)]
    raise ParameterError(
        path, f"no element {key!r}; known: {', '.join(known)}{close_match(key, known)}"
    )
