"""Converting parameters to and from plain dicts, and setting one by dotted path."""

from __future__ import annotations

import dataclasses
from typing import Any

from .checks import ParameterError
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
    """Return a copy with the parameter at dotted ``path`` set to ``value``.

    Elements of lists are addressed by index or by name:
    ``organisation.departments.education.willingness`` or
    ``organisation.departments.0.willingness``.

    Raises:
        ParameterError: if the path does not name a parameter.
    """
    head, _, rest = path.partition(".")
    names = [f.name for f in dataclasses.fields(params)]
    if head not in names:
        raise ParameterError(path, f"unknown parameter {head!r}; known: {', '.join(names)}")
    current = getattr(params, head)
    if not rest:
        return dataclasses.replace(params, **{head: value})
    if isinstance(current, tuple) and current and dataclasses.is_dataclass(current[0]):
        key, _, rest2 = rest.partition(".")
        index = _element_index(current, key, path)
        item = replace_path(current[index], rest2, value) if rest2 else value
        items = current[:index] + (item,) + current[index + 1 :]
        return dataclasses.replace(params, **{head: items})
    if not dataclasses.is_dataclass(current):
        raise ParameterError(path, f"{head!r} is a value, not a group")
    return dataclasses.replace(params, **{head: replace_path(current, rest, value)})


def _element_index(items: tuple, key: str, path: str) -> int:
    if key.isdigit() and int(key) < len(items):
        return int(key)
    for i, item in enumerate(items):
        if getattr(item, "name", None) == key:
            return i
    known = [getattr(item, "name", str(i)) for i, item in enumerate(items)]
    raise ParameterError(path, f"no element {key!r}; known: {', '.join(map(str, known))}")
