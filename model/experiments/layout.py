"""One results layout: the name of every file in a results directory, and its manifest.

Two kinds of results directory exist, both described by ``manifest.json``:

- a **study** (``digistrat run`` and ``compare``): the tables of every run
  (:data:`TIMESERIES`, :data:`INITIATIVES`, :data:`DEPARTMENTS`), :data:`SUMMARY`,
  :data:`COMPARISON` when it compares scenarios, the plots and the report;
- a **sweep** (``digistrat sweep``): :data:`DESIGN`, :data:`OUTCOMES`,
  :data:`SUMMARY`, the sensitivity indices and the plots.

The store, the sweep code and the views name files through this module only, and
read the manifest through :func:`read_manifest`, which returns a :class:`Manifest`.
"""

from __future__ import annotations

import dataclasses
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .files import write_json

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

# ------------------------------------------- robustness and discovery (read by the report)
#: Where one alternative leads another over sampled futures; columns in docs/plots.md.
ROBUSTNESS = "robustness.csv"
#: The box of the uncertainties where the challenger leads; columns in docs/plots.md.
ROBUSTNESS_BOX = "robustness_box.csv"

STUDY, SWEEP = "study", "sweep"


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
    path = Path(folder) / MANIFEST
    if not path.is_file():
        raise ResultsError(f"{folder} is not a results directory: {MANIFEST} is missing")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ResultsError(f"cannot read {path}: {exc}") from None
    return Manifest.from_dict(data, str(path))


def require(folder: Path, name: str) -> Path:
    """The path of file ``name`` in results directory ``folder``.

    Raises:
        ResultsError: if the file is missing.
    """
    path = Path(folder) / name
    if not path.is_file():
        raise ResultsError(f"{folder} is not a complete results directory: {name} is missing")
    return path
