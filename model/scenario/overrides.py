"""``--set path.to.field=value`` overrides, applied to scenario data before validation.

The same overrides can come from an experiment file's ``set:`` list; then each is
located at its line in that file instead of ``--set``.

The value is read as YAML (``0.3``, ``false``, ``big_bang``, ``[erp, gis]``). Elements
of lists are addressed by name or by index, e.g.
``organisation.departments.education.willingness=0.3`` or
``organisation.departments.0.willingness=0.3``. A list the file does not give
starts from its default, so one element can be changed without restating the list.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ..core.parameters import Parameters, to_dict
from .document import Loc, parse_text
from .errors import Issue, ScenarioError, did_you_mean

SOURCE = "--set"


@dataclass(frozen=True)
class Override:
    """One parsed ``path=value`` override."""

    keys: tuple[str, ...]
    value: Any
    text: str
    #: Where it was written: ``--set``, or a file and the line of its ``set:`` entry.
    file: str = SOURCE
    line: int | None = None


def parse_override(text: str, file: str = SOURCE, line: int | None = None) -> Override:
    """Parse ``path.to.field=value``, written at ``file`` (``--set``) and ``line``.

    Raises:
        ScenarioError: if there is no ``=``, a path part is empty, the path is
            ``extends`` (only a file may extend another), or the value is bad YAML.
    """
    path, sep, raw = text.partition("=")
    keys = tuple(k.strip() for k in path.strip().split("."))
    cli = file == SOURCE
    if not sep or not all(keys):
        raise ScenarioError(
            Issue(
                "an override must look like path.to.field=value",
                file=file,
                line=line,
                value=text,
                hint="e.g. --set strategy.kind=big_bang"
                if cli
                else "e.g. set: [strategy.kind=big_bang]",
            )
        )
    if keys[0] == "extends":
        where = "on the command line" if cli else "in an experiment's set"
        raise ScenarioError(
            Issue(
                f"cannot be set {where}: it is read only in a scenario file, before "
                "overrides apply",
                file=file,
                line=line,
                path="extends",
                value=text,
                hint="write 'extends: base.yaml' in a scenario file and load that file",
            )
        )
    try:
        value = parse_text(raw, f"{file} {path.strip()}").data
    except ScenarioError as exc:
        raise ScenarioError(
            Issue(exc.issues[0].problem, file=file, line=line, path=path.strip(), value=raw)
        ) from None
    return Override(keys, value, text, file, line)


def apply_overrides(
    data: dict[str, Any], overrides: list[Override], origin: dict[Loc, tuple[str, int | None]]
) -> dict[str, Any]:
    """Return a copy of ``data`` with the overrides applied, noting their origin.

    Args:
        data: scenario data (after ``extends`` is resolved); not modified.
        overrides: parsed overrides, applied in order.
        origin: where each key came from; entries for overridden keys are replaced.

    Raises:
        ScenarioError: if a path runs through a value or names no list element.
    """
    out = copy.deepcopy(data)
    defaults = to_dict(Parameters())
    for ov in overrides:
        loc = _set(out, defaults, ov)
        for old in [k for k in origin if k[: len(loc)] == loc]:
            del origin[old]
        origin[loc] = (ov.file, ov.line)
    return out


def _set(data: dict[str, Any], defaults: Any, ov: Override) -> Loc:
    node: Any = data
    loc: Loc = ()
    for i, key in enumerate(ov.keys):
        last = i == len(ov.keys) - 1
        default = _child(defaults, key)
        if isinstance(node, list):
            index = _index(node, key, ov, loc)
            loc += (index,)
            if last:
                node[index] = ov.value
            else:
                node = node[index]
            defaults = default
            continue
        if not isinstance(node, dict):
            raise _error(ov, loc, f"{_dotted(loc)} is a value, not a group")
        loc += (key,)
        if last:
            node[key] = ov.value
        else:
            if key not in node:
                if default is not None and not isinstance(default, dict | list):
                    raise _error(ov, loc, f"{_dotted(loc)} is a value, not a group")
                node[key] = copy.deepcopy(default) if isinstance(default, list) else {}
            node = node[key]
        defaults = default
    return loc


def _child(defaults: Any, key: str) -> Any:
    if isinstance(defaults, dict):
        return defaults.get(key)
    if isinstance(defaults, list):
        if key.isdigit():
            return defaults[int(key)] if int(key) < len(defaults) else None
        named = [d for d in defaults if isinstance(d, dict) and d.get("name") == key]
        return named[0] if named else None
    return None


def _index(items: list[Any], key: str, ov: Override, loc: Loc) -> int:
    if key.isdigit():
        if int(key) < len(items):
            return int(key)
        raise _error(ov, loc, f"index {key} is past the end of a list of {len(items)}")
    names = [item.get("name") for item in items if isinstance(item, dict)]
    for i, item in enumerate(items):
        if isinstance(item, dict) and item.get("name") == key:
            return i
    known = ", ".join(str(n) for n in names if n is not None) or "(no named elements)"
    raise _error(ov, loc, f"no element named {key!r}; known: {known}", did_you_mean(key, names))


def _error(ov: Override, loc: Loc, problem: str, hint: str = "") -> ScenarioError:
    return ScenarioError(
        Issue(problem, file=ov.file, line=ov.line, path=".".join(ov.keys), value=ov.text, hint=hint)
    )


def _dotted(loc: Loc) -> str:
    return ".".join(str(k) for k in loc)
