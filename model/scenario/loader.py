"""Load a scenario: read the file, follow ``extends``, apply ``--set``, validate, check.

``extends: base.yaml`` (relative to the file) deep-merges the file over its base:
mappings merge key by key, while lists and values replace the base's wholesale.
``name`` and ``description`` are never inherited; ``seed`` and ``replications`` are.

A file named by another (``extends:``, an experiment's ``scenario:``) must be a
``.yaml`` or ``.yml`` file inside the project folder (the working directory) or the
folder of the file that names it, unless the caller allows more folders
(``allow``, the command line's ``--allow-dir``). Nothing outside is opened, and no
message quotes the contents of a file that is not a scenario.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from ..core.calendar import month_number
from ..core.parameters import (
    ParameterError,
    Parameters,
    check,
    from_dict,
    parameter_fields,
    to_dict,
)
from ..core.parameters.checks import HORIZON_MONTHS, check_adaptive_order
from .document import Loc, read_file
from .errors import Issue, ScenarioError
from .overrides import apply_overrides, parse_override
from .schema import TOP_FIELDS, scenario_model
from .validation import issue_from_pydantic, locate, parse_path

MAX_EXTENDS_DEPTH = 10
SUFFIXES = (".yaml", ".yml")
Origin = dict[Loc, tuple[str, int | None]]


@dataclass(frozen=True)
class Scenario:
    """A validated scenario: a name, seeds and the parameters of the model.

    Attributes:
        name: scenario name (file name without ``.yaml`` unless the file says).
        description: what question the scenario answers.
        seed: seed of replication 0; replication ``r`` uses ``seed + r``.
        replications: default number of replications.
        params: the checked model parameters.
        source: the file it was loaded from, as named in messages.
        overrides: the ``--set`` overrides applied, in order.
        files: every file read (the file and its ``extends`` chain), resolved.
    """

    name: str
    description: str
    seed: int
    replications: int
    params: Parameters
    source: str = ""
    overrides: tuple[str, ...] = field(default=())
    files: tuple[str, ...] = field(default=())

    def resolved(self) -> dict[str, Any]:
        """Every setting as plain data: a complete scenario file without ``extends``."""
        head = {
            "name": self.name,
            "description": self.description,
            "seed": self.seed,
            "replications": self.replications,
        }
        return head | to_dict(self.params)

    def to_yaml(self) -> str:
        """The resolved scenario as YAML text that loads back to the same scenario."""
        return yaml.dump(
            self.resolved(), Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100
        )

    def sha256(self) -> str:
        """Hash of the resolved parameters, seed and replications (not name or text)."""
        data = {k: v for k, v in self.resolved().items() if k not in ("name", "description")}
        blob = json.dumps(data, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(blob.encode()).hexdigest()


def load_scenario(
    path: str | Path,
    overrides: Sequence[str] = (),
    *,
    allow: Sequence[Path] = (),
    written_at: tuple[str, Sequence[int | None]] | None = None,
) -> Scenario:
    """Load, resolve and check one scenario file.

    Args:
        path: the YAML file.
        overrides: ``path.to.field=value`` strings applied after ``extends``.
        allow: more folders that ``extends`` may name files in, besides the working
            directory and the folder of the file that names them.
        written_at: the file the overrides were written in and the line of each,
            for errors about them; by default they came from ``--set``.

    Raises:
        ScenarioError: naming file, line, field, value and rule of each problem.
    """
    path = Path(path)
    label = file_label(path)
    roots = tuple(Path(a).resolve() for a in allow)
    files: list[str] = []
    data, origin = _resolve(path, label, (), roots, files)
    if written_at is None:
        parsed = [parse_override(text) for text in overrides]
    else:
        source, lines = written_at
        parsed = [parse_override(t, source, n) for t, n in zip(overrides, lines, strict=True)]
    data = apply_overrides(data, parsed, origin)
    scenario = _build(data, origin, label, default_name(path), tuple(overrides))
    return dataclasses.replace(scenario, files=tuple(files))


#: The hint for a file that names another outside the folders it may read.
ALLOW_HINT = "allow another folder with --allow-dir DIR"


def named_file(named: str, by: Path, allow: Sequence[Path] = ()) -> tuple[Path | None, str, str]:
    """The file that ``by`` names as ``named``, or None, why it may not be read and a hint.

    ``named`` is relative to the folder of ``by``; it must end in ``.yaml`` or
    ``.yml`` and lie (after following links) inside the working directory, the
    folder of ``by`` or one of ``allow``. Nothing is opened here. The hint is
    :data:`ALLOW_HINT` for a file outside those folders, else ``""`` (the caller
    knows what kind of file to ask for).
    """
    if "\0" in named:
        return None, f"{named!r} is not a file name (it holds a NUL character)", ""
    target = by.parent / named
    try:
        resolved = target.resolve()
        is_dir = resolved.is_dir()
    except (OSError, ValueError) as exc:  # e.g. a name longer than the system allows
        why = getattr(exc, "strerror", None) or str(exc)
        shown = f"{named[:80]!r}{'...' if len(named) > 80 else ''}"
        return None, f"{shown} is not a usable path ({why})", ""
    roots = [Path.cwd().resolve(), by.parent.resolve(), *(Path(a).resolve() for a in allow)]
    if not any(resolved.is_relative_to(root) for root in roots):
        refused = (
            f"{file_label(target)} is outside the project folder ({roots[0]}) and the "
            f"folder of {file_label(by)}; files elsewhere are not read"
        )
        return None, refused, ALLOW_HINT
    if is_dir:
        return None, f"{file_label(target)} is a folder, not a scenario file", ""
    if resolved.suffix.lower() not in SUFFIXES:
        refused = f"{file_label(target)} is not a scenario file (its name must end in .yaml)"
        return None, refused, ""
    return target, "", ""


def _build(
    data: dict[str, Any], origin: Origin, label: str, default_name: str, overrides: tuple[str, ...]
) -> Scenario:
    try:
        valid = scenario_model().model_validate(data)
    except ValidationError as exc:
        issues = [issue_from_pydantic(err, data, origin, label) for err in exc.errors()]
        issues.sort(key=lambda i: (i.file != label, i.file or "", i.line or 0))
        raise ScenarioError(issues) from None
    groups = valid.model_dump(exclude_unset=True, exclude=set(TOP_FIELDS))
    params = from_dict(groups)
    try:
        check(params)
        check_adaptive_order(params)
    except ParameterError as exc:
        loc = parse_path(exc.path)
        file, line = locate(loc, origin, label)
        raise ScenarioError(Issue(exc.message, file=file, line=line, path=exc.path)) from None
    _check_written_months(params, origin, label)
    _check_written_counts(params, origin, label)
    return Scenario(
        name=valid.name or default_name,
        description=(valid.description or "").strip(),
        seed=valid.seed,
        replications=valid.replications,
        params=params,
        source=label,
        overrides=overrides,
    )


#: Months that must lie inside the horizon when an input sets them (their defaults
#: may lie outside a short horizon, where they do nothing).
_HORIZON_MONTHS = tuple(tuple(path.split(".")) for path in HORIZON_MONTHS)


def _check_written_months(params: Parameters, origin: Origin, label: str) -> None:
    """Refuse a month set in the input that lies outside the horizon (it would do nothing)."""
    first, last = params.horizon.start, params.horizon.end
    for loc in _HORIZON_MONTHS:
        if loc not in origin:
            continue
        month = getattr(getattr(params, loc[0]), loc[1])
        if not month_number(first) <= month_number(month) <= month_number(last):
            file, line = origin[loc]
            raise ScenarioError(
                Issue(
                    "is outside the horizon; it would never take effect",
                    file=file,
                    line=line,
                    path=".".join(loc),
                    value=month,
                    allowed=f"a month in the horizon {first}..{last}",
                )
            )


def _check_written_counts(params: Parameters, origin: Origin, label: str) -> None:
    """Refuse a count written as a fraction in the input (the model would round it).

    Only what a file or ``--set`` writes: a sweep's design may sample a count's range
    continuously, and the model rounds it (docs/parameters.md).
    """
    fields = parameter_fields()
    for loc in origin:
        path = ".".join(str(part) for part in loc)
        if path not in fields or fields[path].metadata.get("unit") != "count":
            continue
        value = params
        for part in loc:
            value = getattr(value, str(part))
        if not float(value).is_integer():
            file, line = locate(loc, origin, label)
            raise ScenarioError(
                Issue(
                    "is not a whole number (it is a count)",
                    file=file,
                    line=line,
                    path=path,
                    value=value,
                    allowed="a whole number",
                )
            )


def _resolve(
    path: Path, label: str, chain: tuple[Path, ...], allow: tuple[Path, ...], files: list[str]
) -> tuple[dict[str, Any], Origin]:
    doc = read_file(path, label)
    files.append(str(path.resolve()))
    data = doc.data
    if data is None or data == {}:
        raise ScenarioError(
            Issue(
                "is empty (or holds only comments): it is not a scenario",
                file=label,
                line=1,
                hint="start with e.g. 'name: my_scenario' and the settings that differ "
                "from the defaults",
            )
        )
    if not isinstance(data, dict):  # its contents are not quoted: it may be any file
        raise ScenarioError(
            Issue(
                "is not a scenario file: it must be a mapping of keys to values",
                file=label,
                line=1,
                hint="start with e.g. 'name: my_scenario'",
            )
        )
    known = set(TOP_FIELDS) | {f.name for f in dataclasses.fields(Parameters)}
    if data and not known & set(data):
        raise ScenarioError(
            Issue(
                f"is not a scenario file: none of its {len(data)} top-level keys is a scenario key",
                file=label,
                allowed="top-level keys: " + ", ".join(sorted(known)),
            )
        )
    origin: Origin = {loc: (label, line) for loc, line in doc.lines.items()}
    if "extends" not in data:
        return data, origin
    base_path = _base_path(data.pop("extends"), path, label, doc.lines, chain, allow)
    chain = chain + (path.resolve(),)
    base, base_origin = _resolve(base_path, file_label(base_path), chain, allow, files)
    for key in ("name", "description", "extends"):
        base.pop(key, None)
    kept = {loc: o for loc, o in base_origin.items() if loc[0] not in ("name", "description")}
    kept = {loc: o for loc, o in kept.items() if not _replaced(loc, data)}
    return deep_merge(base, data), kept | origin


def _base_path(
    ext: Any,
    path: Path,
    label: str,
    lines: dict[Loc, int],
    chain: tuple[Path, ...],
    allow: tuple[Path, ...],
) -> Path:
    line = lines.get(("extends",))

    def fail(problem: str, hint: str = "") -> ScenarioError:
        return ScenarioError(
            Issue(problem, file=label, line=line, path="extends", value=ext, hint=hint)
        )

    if not isinstance(ext, str) or not ext.strip():
        raise fail("must name another scenario file", "e.g. extends: _core_base.yaml")
    base, refused, hint = named_file(ext, path, allow)
    if base is None:
        raise fail(refused, hint or "name a scenario file, e.g. extends: _core_base.yaml")
    if not base.exists():
        raise fail(f"file {file_label(base)} does not exist", "the path is relative to this file")
    seen = chain + (path.resolve(),)
    if base.resolve() in seen:
        cycle = " -> ".join(file_label(p) for p in seen + (base.resolve(),))
        raise fail(f"extends cycle: {cycle}")
    if len(chain) >= MAX_EXTENDS_DEPTH:
        raise fail(f"more than {MAX_EXTENDS_DEPTH} levels of extends")
    return base


def deep_merge(base: dict[str, Any], over: dict[str, Any]) -> dict[str, Any]:
    """Merge ``over`` into ``base``: mappings merge, anything else replaces."""
    out = dict(base)
    for key, value in over.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def _replaced(loc: Loc, over: dict[str, Any]) -> bool:
    node: Any = over
    for key in loc:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
        if not isinstance(node, dict):
            return True
    return False


def file_label(path: Path) -> str:
    """How to name a file in messages: relative to the working directory when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def default_name(path: Path, fallback: str = "scenario") -> str:
    """A name from the file name: its stem with unsafe characters replaced, at most 80."""
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", path.stem).lstrip("_.-")
    return name[:80] or fallback


class _Dumper(yaml.SafeDumper):
    """Writes short lists of plain values on one line: ``systems: [erp, gis]``."""


def _represent_list(dumper: yaml.SafeDumper, items: list) -> yaml.Node:
    flow = all(not isinstance(i, dict) for i in items)
    return dumper.represent_sequence("tag:yaml.org,2002:seq", items, flow_style=flow)


_Dumper.add_representer(list, _represent_list)
