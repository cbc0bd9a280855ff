"""Load an experiment file: the base scenario, the factors, the design, seeds and measures.

Every problem is reported like a scenario error: file, line, field, value, what is
allowed and, where it helps, a "did you mean".
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from ...core.calendar import month_number
from ...core.parameters import Parameters, check, replace_path
from ...core.parameters.checks import HORIZON_MONTHS, check_in_horizon
from ...scenario import Scenario, load_scenario
from ...scenario.document import parse_bytes, read_bounded
from ...scenario.errors import Issue
from ...scenario.loader import default_name, file_label, named_file
from ..runner import seeds_for
from .factors import Factor
from .levers import Policy, policies
from .measures import Measure, MeasureError, parse_measure, yearly_measures
from .questions import read_levers, read_questions
from .ranges import read_factor
from .schema import ExperimentError, ExperimentSpec, dotted, validate
from .settings import DiscoverySettings


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
        files: every file read (the experiment file, its scenario and that one's
            ``extends`` chain), resolved.
        levers: the policy choices crossed with every design point (:mod:`.levers`);
            the first is the choice compared. Empty for a plain sweep.
        discovery: what scenario discovery and robustness ask (with levers), or None.
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
    files: tuple[str, ...] = ()
    levers: tuple[Factor, ...] = ()
    discovery: DiscoverySettings | None = None

    @property
    def policies(self) -> tuple[Policy, ...]:
        """Every combination of lever values; one unnamed policy without levers."""
        return policies(self.levers)

    @property
    def yearly(self) -> tuple[Measure, ...]:
        """Calendar-year parts of the measures over months that span several years."""
        return yearly_measures(self.measures)

    @property
    def stored(self) -> tuple[Measure, ...]:
        """Every measure a run records: the outcomes, then their yearly parts."""
        return (*self.measures, *self.yearly)

    def point_params(self, values: dict[str, Any], policy: Policy | None = None) -> Parameters:
        """The base parameters with the factors and levers set, checked.

        Args:
            values: the factors' values by path.
            policy: the levers' values (None: the base scenario's).
        """
        params = self.scenario.params
        settings = [(f, values[f.path]) for f in self.factors]
        if policy is not None:
            settings += list(zip(self.levers, policy.values, strict=True))
        for f, value in settings:
            if not f.categorical:
                value = int(value) if f.integer else float(value)
            elif isinstance(value, np.bool_):
                value = bool(value)
            params = replace_path(params, f.path, value)
        check(params, known=self.scenario.params)  # the base is checked: only what changed
        for f, _ in settings:
            if f.path in HORIZON_MONTHS:
                check_in_horizon(params, f.path)
        return params


def load_experiment(path: str | Path, *, allow: Sequence[Path] = ()) -> Experiment:
    """Read and check an experiment file.

    Args:
        path: the experiment file.
        allow: more folders the file's ``scenario:`` (and that scenario's
            ``extends``) may name files in, besides the working directory and the
            folder of the file that names them.

    Raises:
        ExperimentError: naming file, line, field, value and rule of each problem.
        ScenarioError: if the base scenario (or the file's ``set``) has a problem.
    """
    path = Path(path)
    label = file_label(path)
    raw = read_bounded(path, label)
    doc = parse_bytes(raw, label)
    known = set(ExperimentSpec.model_fields)
    if not isinstance(doc.data, dict) or not known & set(doc.data):
        raise ExperimentError(  # its contents are not quoted: it may be any file
            Issue(
                "is not an experiment file: it must be a mapping with the keys "
                "scenario, parameters, design and outcomes",
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

    base, refused, hint = named_file(spec.scenario, path, allow)
    if base is None:
        raise fail(
            ("scenario",),
            refused,
            value=spec.scenario,
            hint=hint or "name a scenario file, e.g. scenario: ../scenarios/sundsvall_2017.yaml",
        )
    if not base.exists():
        raise fail(
            ("scenario",),
            f"file {file_label(base)} does not exist",
            value=spec.scenario,
            hint="the path is relative to the experiment file",
        )
    set_lines = [doc.lines.get(("set", i)) for i in range(len(spec.set))]
    scenario = load_scenario(base, spec.set, allow=allow, written_at=(label, set_lines))
    factors = tuple(read_factor(p, r, scenario.params, fail) for p, r in spec.parameters.items())
    levers = read_levers(spec, factors, scenario.params, fail)
    design = _design(spec, len(factors), fail)
    start, end, horizon = _horizon(scenario.params, factors, levers, fail)
    measures = []
    for i, text in enumerate(spec.outcomes):
        try:
            measures.append(parse_measure(text, start, end, horizon))
        except MeasureError as exc:
            raise fail(
                ("outcomes", i), exc.problem, value=text, allowed=exc.allowed, hint=exc.hint
            ) from None
    names = [m.name for m in measures]
    if len(set(names)) < len(names):
        raise fail(("outcomes",), "an outcome is listed twice", value=names)
    count, seed = spec.replications.count, spec.replications.seed
    discovery = read_questions(spec, levers, tuple(measures), fail)
    return Experiment(
        name=spec.name or default_name(path, "experiment"),
        description=spec.description.strip(),
        source=label,
        sha256=hashlib.sha256(raw).hexdigest(),
        scenario=scenario,
        factors=factors,
        design=design,
        seeds=tuple(seeds_for(scenario.seed if seed is None else seed, count)),
        measures=tuple(measures),
        files=(str(path.resolve()), *scenario.files),
        levers=levers,
        discovery=discovery,
    )


def _horizon(
    params: Parameters, factors: tuple[Factor, ...], levers: tuple[Factor, ...], fail
) -> tuple[str, str, str | None]:
    """The months every run simulates, whatever its design point and policy, and why.

    ``horizon.start`` and ``horizon.end`` are the base scenario's unless the design
    or the levers vary them: then the latest start and the earliest end among their
    values bound what an outcome may measure, and the third item says so (None when
    nothing varies them). If the latest start comes after the earliest end, no month
    is simulated by every run, and the file is refused at the field that varies.
    """
    start, end = params.horizon.start, params.horizon.end
    why: list[str] = []
    where: tuple[str, str] | None = None  # the first field that varies
    for section, varied in (("parameters", factors), ("levers", levers)):
        for f in varied:
            if f.path == "horizon.start":
                start = max((str(v) for v in f.values), key=month_number)
                why.append(f"{section}.horizon.start takes {start}")
                where = where or (section, f.path)
            elif f.path == "horizon.end":
                end = min((str(v) for v in f.values), key=month_number)
                why.append(f"{section}.horizon.end takes {end}")
                where = where or (section, f.path)
    if not why:
        return start, end, None
    if month_number(start) > month_number(end):
        raise fail(
            where,
            f"no month is simulated by every run: the latest start, {start}, comes after "
            f"the earliest end, {end}",
            allowed="horizons that share at least the months the outcomes measure",
            hint="narrow the values of horizon.start or horizon.end, or vary only one of them",
        )
    return start, end, " and ".join(why) + " at some design points"


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
