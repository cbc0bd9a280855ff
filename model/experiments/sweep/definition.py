"""Load an experiment file: the base scenario, the factors, the design, seeds and measures.

Every problem is reported like a scenario error: file, line, field, value, what is
allowed and, where it helps, a "did you mean".
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ...core.parameters import Parameters, check, replace_path
from ...scenario import Scenario, load_scenario
from ...scenario.document import read_file
from ...scenario.errors import Issue, did_you_mean
from ...scenario.loader import default_name, file_label
from ..runner import seeds_for
from .factors import Factor, documented_range, is_numeric, parameter_fields
from .measures import Measure, MeasureError, parse_measure
from .schema import ExperimentError, ExperimentSpec, RangeSpec, dotted, validate


@dataclass(frozen=True)
class Design:
    """Which design and its size.

    ``n`` is the number of points (lhs), base samples (sobol) or trajectories
    (morris); ``levels`` the values per range (grid) or Morris levels; ``seed``
    seeds the sampler.
    """

    kind: str
    n: int | None
    levels: int | None
    seed: int
    second_order: bool = False


@dataclass(frozen=True)
class Experiment:
    """A checked experiment, ready to run.

    Attributes:
        name: the experiment's name (file name without ``.yaml`` unless the file says).
        description: what it asks.
        source: the file, as named in messages.
        sha256: hash of the file's bytes.
        scenario: the base scenario (after the file's ``set``).
        factors: the uncertain parameters, in the order written.
        design: the design and its size.
        seeds: the seeds every design point runs with (common random numbers).
        measures: the outcomes recorded per run.
    """

    name: str
    description: str
    source: str
    sha256: str
    scenario: Scenario
    factors: tuple[Factor, ...]
    design: Design
    seeds: tuple[int, ...]
    measures: tuple[Measure, ...]

    def point_params(self, values: dict[str, float]) -> Parameters:
        """The base parameters with the factors set to ``values`` (by path), checked."""
        params = self.scenario.params
        for f in self.factors:
            value = values[f.path]
            params = replace_path(params, f.path, int(value) if f.integer else float(value))
        return check(params)


def load_experiment(path: str | Path) -> Experiment:
    """Read and check an experiment file.

    Raises:
        ExperimentError: naming file, line, field, value and rule of each problem.
        ScenarioError: if the base scenario (or the file's ``set``) has a problem.
    """
    path = Path(path)
    label = file_label(path)
    doc = read_file(path, label)
    if not isinstance(doc.data, dict):
        raise ExperimentError(
            Issue(
                "an experiment file must be a mapping of keys to values",
                file=label,
                line=1,
                hint="start with e.g. 'scenario: ../scenarios/sundsvall_2017.yaml'",
            )
        )
    spec = validate(doc.data, label, doc.lines)

    def fail(loc: tuple, problem: str, **extra: Any) -> ExperimentError:
        line = next(
            (doc.lines[loc[:n]] for n in range(len(loc), 0, -1) if loc[:n] in doc.lines), None
        )
        return ExperimentError(Issue(problem, file=label, line=line, path=dotted(loc), **extra))

    base = path.parent / spec.scenario
    if not base.is_file():
        raise fail(
            ("scenario",),
            f"file {file_label(base)} does not exist",
            value=spec.scenario,
            hint="the path is relative to the experiment file",
        )
    scenario = load_scenario(base, spec.set)
    factors = tuple(_factor(p, r, scenario.params, fail) for p, r in spec.parameters.items())
    design = _design(spec, len(factors), fail)
    start, end = scenario.params.horizon.start, scenario.params.horizon.end
    measures = []
    for i, text in enumerate(spec.outcomes):
        try:
            measures.append(parse_measure(text, start, end))
        except MeasureError as exc:
            raise fail(
                ("outcomes", i), exc.problem, value=text, allowed=exc.allowed, hint=exc.hint
            ) from None
    names = [m.name for m in measures]
    if len(set(names)) < len(names):
        raise fail(("outcomes",), "an outcome is listed twice", value=names)
    count, seed = spec.replications.count, spec.replications.seed
    return Experiment(
        name=spec.name or default_name(path, "experiment"),
        description=spec.description.strip(),
        source=label,
        sha256=hashlib.sha256(path.read_bytes()).hexdigest(),
        scenario=scenario,
        factors=factors,
        design=design,
        seeds=tuple(seeds_for(scenario.seed if seed is None else seed, count)),
        measures=tuple(measures),
    )


def _factor(path: str, spec: RangeSpec | None, params: Parameters, fail) -> Factor:
    loc = ("parameters", path)
    fields = parameter_fields(params)
    if path not in fields:
        numeric = [p for p, f in fields.items() if is_numeric(f)]
        raise fail(
            loc,
            "is not a parameter of the base scenario",
            allowed="a dotted path from docs/parameters.md; list elements by name, "
            "e.g. organisation.departments.education.willingness",
            hint=did_you_mean(path, numeric),
        )
    f = fields[path]
    if not is_numeric(f):
        raise fail(
            loc,
            f"is not a number (it is {f.metadata.get('unit', f.type)})",
            allowed="a numeric parameter; set other values with 'set:' instead",
        )
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


def _design(spec: ExperimentSpec, factors: int, fail) -> Design:
    d = spec.design
    loc = ("design",)
    if d.kind == "grid":
        if d.n is not None:
            raise fail(
                (*loc, "n"),
                "a grid has no n; its size is the product of the levels",
                allowed="levels: values per ranged parameter (default 3)",
            )
        if d.second_order:
            raise fail((*loc, "second_order"), "only a sobol design has second-order indices")
        return Design("grid", None, d.levels or 3, d.seed)
    if d.n is None:
        raise fail(loc, f"a {d.kind} design needs n", allowed=_N_MEANING[d.kind])
    if d.kind == "sobol":
        if d.n & (d.n - 1):
            raise fail(
                (*loc, "n"),
                "must be a power of 2 (the Sobol' sequence is balanced only then)",
                value=d.n,
                hint=f"e.g. n: {1 << max(d.n.bit_length() - 1, 1)}",
            )
        if factors < 2:
            raise fail(("parameters",), "a sobol design needs at least 2 parameters")
    if d.levels is not None and d.kind != "morris":
        raise fail(
            (*loc, "levels"),
            f"a {d.kind} design has no levels",
            allowed="levels belongs to grid and morris designs",
        )
    if d.second_order and d.kind != "sobol":
        raise fail((*loc, "second_order"), "only a sobol design has second-order indices")
    levels = (d.levels or 4) if d.kind == "morris" else None
    if d.kind == "morris" and levels % 2:
        raise fail((*loc, "levels"), "must be even for Morris' method", value=levels)
    return Design(d.kind, d.n, levels, d.seed, d.second_order)


_N_MEANING = {
    "lhs": "n: the number of design points",
    "sobol": "n: base samples, a power of 2; the design has n*(D+2) points, n*(2D+2) "
    "with second_order",
    "morris": "n: trajectories (10 to 50 is usual); the design has n*(D+1) points",
}
