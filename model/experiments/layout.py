"""One results layout: the name of every file in a results directory, and its manifest.

Two kinds of results directory exist, both described by ``manifest.json``:

- a **study** (``digistrat run`` and ``compare``): the tables of every run
  (:data:`TIMESERIES`, :data:`INITIATIVES`, :data:`DEPARTMENTS`), :data:`SUMMARY`,
  :data:`COMPARISON` when it compares scenarios, the plots and the report;
- a **sweep** (``digistrat sweep``): :data:`DESIGN`, :data:`OUTCOMES`,
  :data:`SUMMARY`, the sensitivity indices (also year by year), the variance
  split between seeds and parameters, and the plots; with levers also
  :data:`POLICIES`, the scenario discovery tables, the robustness tables and
  :data:`DISCOVERY_MD`.

Both hold the store of finished runs, :data:`RUNS` (shards named by
:func:`shard_name`), :data:`FAILURES` when runs failed, and :data:`LOCK`, which a
writing process holds. :func:`foreign_entries` tells what in a folder digistrat
did not write, so nothing else is ever replaced.

The store, the sweep code and the views name files through this module only, and
read the manifest through :func:`read_manifest`, which returns a :class:`Manifest`.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import write_json, write_text

# ----------------------------------------------------------------------- every study
TIMESERIES = "timeseries.parquet"
INITIATIVES = "initiatives.parquet"
DEPARTMENTS = "departments.parquet"
SUMMARY = "summary.csv"
COMPARISON = "comparison.csv"
MANIFEST = "manifest.json"
PLOTS = "plots"
REPORT_MD = "report.md"
REPORT_HTML = "report.html"
#: Files of a study that the views read (their sizes and times tell whether it changed).
STUDY_FILES = (TIMESERIES, INITIATIVES, DEPARTMENTS, SUMMARY, COMPARISON, MANIFEST)

# ----------------------------------------------------------------------- every sweep
DESIGN = "design.csv"
OUTCOMES = "outcomes.parquet"
INDICES = "sensitivity.csv"
SECOND_ORDER = "sensitivity_s2.csv"
#: Indices of each calendar year of a measure over months.
YEARLY_INDICES = "sensitivity_yearly.csv"
#: Each measure's variance split between the seeds (luck) and the parameters.
VARIANCE = "variance.csv"

# ------------------------------------------------- a sweep with levers (discovery)
#: One row per policy (combination of lever values).
POLICIES = "policies.csv"
#: Who leads per measure, context and pair of choices, and the PRIM box's statistics.
DISCOVERY = "discovery.csv"
#: The limits of each PRIM box in parameter units, and their stability.
DISCOVERY_BOX = "discovery_box.csv"
#: The peeling trajectory of each PRIM box.
DISCOVERY_PEELING = "discovery_peeling.csv"
#: Feature scores of the lead and of the gap, per pair and parameter.
FEATURE_SCORES = "feature_scores.csv"
#: Where one alternative leads another over sampled futures (read by the report);
#: columns in docs/plots.md.
ROBUSTNESS = "robustness.csv"
#: The box of the uncertainties where the challenger leads (read by the report).
ROBUSTNESS_BOX = "robustness_box.csv"
#: Regret of each choice per measure and context.
REGRET = "regret.csv"
#: Satisficing of each choice per threshold and context.
SATISFICING = "satisficing.csv"
#: The discovery's findings in sentences (written with the plots).
DISCOVERY_MD = "discovery.md"
#: Every table of a discovery, in the order written.
DISCOVERY_FILES = (
    DISCOVERY,
    DISCOVERY_BOX,
    DISCOVERY_PEELING,
    FEATURE_SCORES,
    ROBUSTNESS,
    ROBUSTNESS_BOX,
    REGRET,
    SATISFICING,
)

# ----------------------------------------------------------------------- both
RUNS = "runs"
SHARD_INDEX = "index"
FAILURES = "failures.csv"
LOCK = ".lock"

STUDY, SWEEP = "study", "sweep"
#: Files of a results directory, and its folders with the names each may hold. A new
#: file name goes here too, or ``--force`` refuses a directory that holds it.
FILES = (
    *STUDY_FILES,
    REPORT_MD,
    REPORT_HTML,
    DESIGN,
    OUTCOMES,
    INDICES,
    SECOND_ORDER,
    YEARLY_INDICES,
    VARIANCE,
    POLICIES,
    *DISCOVERY_FILES,
    DISCOVERY_MD,
    FAILURES,
    LOCK,
)
FOLDERS = {
    RUNS: re.compile(r"^(part-[0-9a-f-]+\.\w+\.parquet|\.part-[0-9a-f-]+\.\w+\.parquet\.tmp)$"),
}
#: The list of the files digistrat drew into ``plots/``, one name a line. Only the
#: files it lists (and itself) count as digistrat's there: a user's own figure in
#: ``plots/`` is never replaced or removed.
PLOTS_INDEX = "digistrat_plots.txt"
#: A file being written atomically (see :mod:`.files`).
_TEMPORARY = re.compile(r"^\.(?P<name>.+)\.[0-9a-f]{8}$")


class ResultsError(RuntimeError):
    """A results directory cannot be written or read; the message says why and what to do."""


@dataclass(frozen=True)
class ScenarioRecord:
    """One scenario as the manifest records it.

    Attributes:
        name: the scenario's name.
        source: the file it came from, as named in messages.
        overrides: the ``--set`` overrides applied, in order.
        sha256: hash of the resolved parameters, seed and replications.
        seeds: the seeds run, replication ``r`` at index ``r``.
        resolved: every setting as plain data (a complete scenario file).
    """

    name: str
    source: str = ""
    overrides: tuple[str, ...] = ()
    sha256: str = ""
    seeds: tuple[int, ...] = ()
    resolved: dict[str, Any] = field(default_factory=dict)

    @property
    def description(self) -> str:
        """What question the scenario answers, or ''."""
        return str(self.resolved.get("description") or "")

    @property
    def programme_end(self) -> str | None:
        """The last month of programme money, or None when the record does not say."""
        programme = self.resolved.get("funding", {}).get("programme", {})
        end = programme.get("end") if isinstance(programme, dict) else None
        return str(end) if end else None


@dataclass(frozen=True)
class Manifest:
    """Everything needed to know how a results directory was made.

    Attributes:
        kind: :data:`STUDY` or :data:`SWEEP`.
        digistrat_version: the version of the code that ran.
        code: where the code came from: its git checkout and commit, or a note that
            it ran from an installed package.
        created_utc: when the directory was written (ISO 8601).
        command: the command line.
        scenarios: the scenarios run (a sweep: its base scenario), in order.
        executor: where the runs ran (local processes or dask) and how many workers.
        wall_seconds: wall time of the runs.
        environment: Python, package versions, platform and CPUs.
        comparison: a study's comparison settings (reference, bootstrap seed), or None.
        experiment: a sweep's experiment (design, factors, measures, seeds), or None.
        runs: the state of the store: ``status`` (``running`` while runs go on,
            ``complete`` when every run is stored), runs planned, failed, and valid
            runs per outcome; None in directories written before the store.
    """

    kind: str
    digistrat_version: str | None
    code: dict[str, Any]
    created_utc: str
    command: tuple[str, ...]
    scenarios: tuple[ScenarioRecord, ...]
    executor: dict[str, Any]
    wall_seconds: float
    environment: dict[str, Any]
    comparison: dict[str, Any] | None = None
    experiment: dict[str, Any] | None = None
    runs: dict[str, Any] | None = None

    def scenario(self, name: str) -> ScenarioRecord | None:
        """The record of scenario ``name``, or None."""
        return next((s for s in self.scenarios if s.name == name), None)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for ``manifest.json``."""
        return dataclasses.asdict(self)

    @classmethod
    def from_dict(cls, data: Any, where: str = MANIFEST) -> Manifest:
        """Read a manifest written by :meth:`to_dict`.

        Raises:
            ResultsError: if ``data`` is not such a manifest.
        """
        names = [f.name for f in dataclasses.fields(cls)]
        required = [f.name for f in dataclasses.fields(cls) if f.default is dataclasses.MISSING]
        if not isinstance(data, dict) or any(key not in data for key in required):
            missing = [k for k in required if not isinstance(data, dict) or k not in data]
            raise ResultsError(
                f"{where} is not a digistrat manifest (missing {', '.join(missing)}); "
                "was the directory written by another version? Rerun to rewrite it."
            )
        if data["kind"] not in (STUDY, SWEEP):
            raise ResultsError(f"{where}: kind {data['kind']!r} is not 'study' or 'sweep'")
        values = {k: data[k] for k in names if k in data}
        values["command"] = tuple(values["command"])
        values["scenarios"] = tuple(_record(s, where) for s in values["scenarios"])
        return cls(**values)


def _record(data: Any, where: str) -> ScenarioRecord:
    if not isinstance(data, dict) or "name" not in data:
        raise ResultsError(f"{where}: a scenario record has no name: {str(data)[:80]}")
    known = {f.name for f in dataclasses.fields(ScenarioRecord)}
    values = {k: v for k, v in data.items() if k in known}
    values["overrides"] = tuple(values.get("overrides", ()))
    values["seeds"] = tuple(int(s) for s in values.get("seeds", ()))
    return ScenarioRecord(**values)


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write ``manifest.json`` into ``folder`` atomically."""
    write_json(folder / MANIFEST, manifest.to_dict())


def read_manifest(folder: Path) -> Manifest:
    """Read the manifest of a results directory.

    Raises:
        ResultsError: if it is missing, is not JSON or is not a digistrat manifest.
    """
    _require_folder(folder, exists=False)
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ResultsError(f"{folder} is not a results directory: {MANIFEST} is missing")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResultsError(f"cannot read {path}: {exc}") from None
    return Manifest.from_dict(data, str(path))


def _require_folder(folder: Path, exists: bool = True) -> None:
    """Refuse a results directory that is a file (or, with ``exists``, that is missing)."""
    folder = Path(folder)
    if exists and not folder.exists():
        raise ResultsError(f"{folder} is not a results directory: it does not exist")
    if folder.exists() and not folder.is_dir():
        raise ResultsError(f"{folder} is a file, not a results directory (a folder)")


def shard_name(shard: str, table: str) -> str:
    """The file of ``table`` (:data:`SHARD_INDEX` or a study table) in shard ``shard``."""
    return f"part-{shard}.{table}.parquet"


def foreign_entries(folder: Path, limit: int = 5) -> list[str]:
    """Up to ``limit`` names in ``folder`` that digistrat does not write ([] if none).

    A name counts as digistrat's only if this module names it: the files above, a
    file being written atomically, shards in ``runs/``, and in ``plots/`` the files
    that :data:`PLOTS_INDEX` lists.
    """
    found: list[str] = []
    for entry in sorted(Path(folder).iterdir()):
        name = entry.name
        if name == PLOTS and entry.is_dir() and not entry.is_symlink():
            ours = plots_written(entry) | {PLOTS_INDEX}
            found += [
                f"{name}/{e.name}"
                for e in sorted(entry.iterdir())
                if not (e.name in ours or _temporary(e.name, (PLOTS_INDEX,)))
                or not e.is_file()
                or e.is_symlink()
            ]
        elif name in FOLDERS and entry.is_dir() and not entry.is_symlink():
            rule = FOLDERS[name]
            found += [f"{name}/{e.name}" for e in sorted(entry.iterdir()) if not rule.match(e.name)]
        elif not (name in FILES or _temporary(name)) or not entry.is_file() or entry.is_symlink():
            found.append(name)
        if len(found) >= limit:
            break
    return found[:limit]


def plots_written(plots: Path) -> set[str]:
    """The names of the files digistrat drew into the folder ``plots`` (see :data:`PLOTS_INDEX`)."""
    index = Path(plots) / PLOTS_INDEX
    if not index.is_file() or index.is_symlink():
        return set()
    try:
        text = index.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return set()
    return {line for line in text.splitlines() if line and "/" not in line}


def note_plots(plots: Path, names: Sequence[str], *, replace: bool = False) -> None:
    """Record that digistrat writes (or wrote) the files ``names`` in the folder ``plots``.

    Call it before writing them, so that a drawing cut short leaves no file of
    digistrat's unrecorded. ``replace`` makes ``names`` the whole list.
    """
    plots = Path(plots)
    plots.mkdir(parents=True, exist_ok=True)
    kept = set() if replace else plots_written(plots)
    listed = sorted(kept | set(names))
    if replace or listed != sorted(kept):
        write_text(plots / PLOTS_INDEX, "".join(f"{n}\n" for n in listed))


def forget_other_plots(
    plots: Path, drawn: Sequence[Path], among: Callable[[str], object] | None = None
) -> None:
    """Remove the plots digistrat drew into ``plots`` earlier but not now.

    Only files listed as digistrat's (:func:`plots_written`) are removed, never a
    file someone else put there; with ``among``, only those whose names it accepts
    (a discovery redraws its own plots and leaves the sweep's).
    """
    plots = Path(plots)
    if not plots.is_dir():
        return
    listed = plots_written(plots)
    old = {n for n in listed if among is None or among(n)} - {p.name for p in drawn}
    for name in sorted(old):
        path = plots / name
        if path.is_file() and not path.is_symlink():
            path.unlink()
    if old:
        note_plots(plots, sorted(listed - old), replace=True)


def _temporary(name: str, names: Sequence[str] = FILES) -> bool:
    match = _TEMPORARY.match(name)
    return bool(match) and match["name"] in names


def require(folder: Path, name: str) -> Path:
    """The path of file ``name`` in results directory ``folder``.

    Raises:
        ResultsError: if the file is missing.
    """
    _require_folder(folder)
    path = Path(folder) / name
    if not path.is_file():
        raise ResultsError(f"{folder} is not a complete results directory: {name} is missing")
    return path
