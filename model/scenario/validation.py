"""Turn pydantic and parameter-check errors into located, readable issues."""

from __future__ import annotations

import re
from typing import Any

from .document import Loc
from .errors import _NO_VALUE, Issue, did_you_mean
from .schema import allowed_at, parent_keys

PROBLEMS = {
    # pydantic error type -> the problem in words
    "extra_forbidden": "unknown field",
    "missing": "is required here",
    "literal_error": "is not one of the choices",
    "string_pattern_mismatch": "is not written in the expected form",
    "float_type": "must be a number",
    "int_type": "must be a whole number",
    "bool_type": "must be true or false",
    "string_type": "must be text",
    "greater_than_equal": "is below the allowed range",
    "less_than_equal": "is above the allowed range",
    "finite_number": "must be a finite number (no .nan or .inf)",
    "model_type": "must be a mapping of keys to values",
    "dict_type": "must be a mapping of keys to values",
    "list_type": "must be a list",
    "tuple_type": "must be a [YYYY-MM, number] pair",
    "too_long": "is too long",
    "too_short": "is too short",
}


def issue_from_pydantic(
    err: dict[str, Any], data: Any, origin: dict[Loc, tuple[str, int | None]], label: str
) -> Issue:
    """Describe one pydantic error with file, line, field, value, rule and hint."""
    loc = _clean_loc(err["loc"], data)
    kind = err["type"]
    problem = PROBLEMS.get(kind, err["msg"])
    if kind == "too_long" and err.get("ctx", {}).get("max_length") is not None:
        problem += f" (at most {err['ctx']['max_length']} items)"
    allowed, _ = allowed_at(loc)
    value = err.get("input", _NO_VALUE) if kind != "missing" else _NO_VALUE
    if isinstance(value, dict | list) and kind not in ("extra_forbidden",):
        value = _NO_VALUE if kind in ("model_type", "dict_type", "list_type") else value
    hint = ""
    if kind == "extra_forbidden":
        known = parent_keys(loc)
        hint = did_you_mean(loc[-1], known)
        allowed = "known keys: " + ", ".join(known)
        value = _NO_VALUE
    elif kind == "literal_error":
        hint = did_you_mean(value, allowed.removeprefix("one of ").split(", "))
    elif kind == "string_type" and isinstance(value, int | float) and "YYYY-MM" in allowed:
        hint = "quote the month, e.g. '2022-12'"
    file, line = locate(loc, origin, label)
    return Issue(
        problem,
        file=file,
        line=line,
        path=format_loc(loc, data),
        value=value,
        allowed=allowed,
        hint=hint,
    )


def _clean_loc(raw: tuple, data: Any) -> Loc:
    """Drop the union members and validators pydantic adds to a location.

    A part that is a key of the data at that point is always kept, so that a key
    such as ``str`` or ``a[b]`` written in a file is reported as written.
    """
    loc: list[str | int] = []
    node = data
    for key in raw:
        present = (isinstance(node, dict) and key in node) or isinstance(key, int)
        internal = isinstance(key, str) and ("[" in key or key in ("str", "int", "float", "bool"))
        if internal and not present:
            continue
        loc.append(key)
        node = _step(node, key)
    return tuple(loc)


def locate(
    loc: Loc, origin: dict[Loc, tuple[str, int | None]], label: str
) -> tuple[str, int | None]:
    """File and line of the longest prefix of ``loc`` that some input wrote."""
    for n in range(len(loc), 0, -1):
        if loc[:n] in origin:
            return origin[loc[:n]]
    return label, None


def parse_path(path: str) -> Loc:
    """``a.b[2].c`` -> ``('a', 'b', 2, 'c')``."""
    loc: list[str | int] = []
    for part in path.split("."):
        match = re.fullmatch(r"([^\[\]]*)((?:\[\d+\])*)", part)
        if not match:
            loc.append(part)
            continue
        if match.group(1):
            loc.append(match.group(1))
        loc.extend(int(i) for i in re.findall(r"\[(\d+)\]", match.group(2)))
    return tuple(loc)


def format_loc(loc: Loc, data: Any = None) -> str:
    """``('organisation', 'departments', 0, 'trust')`` -> ``organisation.departments[0].trust``.

    An element with a name is shown by it: ``organisation.departments[education].trust``.
    """
    text, node = "", data
    for key in loc:
        if isinstance(key, int):
            name = None
            if isinstance(node, list) and key < len(node) and isinstance(node[key], dict):
                name = node[key].get("name")
            text += f"[{name}]" if isinstance(name, str) and name else f"[{key}]"
        else:
            text += f".{key}" if text else str(key)
        node = _step(node, key)
    return text


def _step(node: Any, key: str | int) -> Any:
    if isinstance(node, dict) and isinstance(key, str):
        return node.get(key)
    if isinstance(node, list) and isinstance(key, int) and key < len(node):
        return node[key]
    return None
