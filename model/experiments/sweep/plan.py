"""The runs of an experiment: its size checked first, then every design point with every seed.

The number of runs follows from the design's parameters alone, so an experiment
over the limit is refused at once, before any design point is drawn. Every run
gets its key (:func:`..keys.run_key`); runs are done replication by replication,
and within one, grid and Latin-hypercube points in a spread order (:func:`..campaign.spread`),
so an interrupted sweep holds a balanced sample of the design. Sobol' and Morris
points keep their order: their blocks and trajectories stay together. With levers,
every policy of a design point and seed runs next to the others, so an interrupted
sweep holds whole pairs.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from ...core import build_model
from ...core.parameters import ParameterError, Parameters
from ...scenario.errors import Issue
from ..campaign import Planned, spread
from ..keys import run_keys
from .definition import Experiment
from .design import design_size, make_design
from .levers import Policy, policy_count
from .schema import ExperimentError

MAX_RUNS = 2_000_000


@dataclass(frozen=True)
class PointRun:
    """One run of a sweep, as sent to a worker: a design point's values, a policy and a seed."""

    key: str
    point: int
    replication: int
    seed: int
    values: tuple[float, ...]
    policy: int = 0


@dataclass(frozen=True)
class MeasurePoint:
    """The worker function of a sweep: run one design point with one seed, measure it."""

    experiment: Experiment

    def __call__(self, run: PointRun) -> tuple[float, ...]:
        """The run's measures, in the order of :attr:`.Experiment.stored`.

        They are read from the model's monthly records, without building the run's
        tables (a sweep needs a few numbers, not the initiative and department
        tables); the numbers are those of :meth:`.Measure.value` of ``run()``'s table.
        """
        e = self.experiment
        values = dict(zip((f.path for f in e.factors), run.values, strict=True))
        params = e.point_params(values, e.policies[run.policy] if e.levers else None)
        model = build_model(params, run.seed)
        model.run()
        records = getattr(model, "records", None)
        if records is None:  # a core that keeps no monthly records: build the table
            table = model.result().timeseries
            return tuple(m.value(table) for m in e.stored)
        return tuple(m.value_of(model.start, [row[m.outcome] for row in records]) for m in e.stored)


def run_count(experiment: Experiment) -> int:
    """Number of runs: design points times policies times seeds, without drawing the design."""
    points = design_size(experiment.design, experiment.factors)
    return points * policy_count(experiment.levers) * len(experiment.seeds)


def check_size(experiment: Experiment) -> int:
    """The number of runs, refused at once when it is over :data:`MAX_RUNS`.

    Raises:
        ExperimentError: naming the size and how to lower it.
    """
    runs = run_count(experiment)
    if runs > MAX_RUNS:
        raise ExperimentError(
            Issue(
                f"the experiment has {runs:,} runs; the limit is {MAX_RUNS:,}",
                file=experiment.source,
                path="design",
                hint="lower design.n, design.levels, the number of parameters or lever "
                "values, or replications.count",
            )
        )
    return runs


def plan(experiment: Experiment) -> tuple[pd.DataFrame, list[Planned]]:
    """The design and its runs, each keyed, in the order of the results.

    Raises:
        ExperimentError: if there are too many runs, or a design point breaks a
            parameter rule.
    """
    check_size(experiment)
    design = make_design(experiment.design, experiment.factors)
    interleave = experiment.design.kind in ("grid", "lhs")
    ranks = spread(len(design)) if interleave else range(len(design))
    levered = bool(experiment.levers)
    runs = []
    for (point, values, policy, params), rank in zip(
        checked_points(experiment, design), _each_policy(ranks, experiment), strict=True
    ):
        keys = run_keys(params, experiment.seeds)
        for r, (seed, key) in enumerate(zip(experiment.seeds, keys, strict=True)):
            tags = {"point": point, "replication": r, "seed": seed}
            if levered:
                tags = {"point": point, "policy": policy.index, "replication": r, "seed": seed}
            item = PointRun(key, point, r, seed, values, policy.index)
            runs.append(Planned(key, item, tags, (r, rank, policy.index)))
    return design, runs


def checked_points(
    experiment: Experiment, design: pd.DataFrame
) -> Iterator[tuple[int, tuple, Policy, Parameters]]:
    """Every design point with every policy: ``(point, values, policy, parameters)``.

    The parameters are checked as each point comes (what a dry run also does, so that
    it refuses what the sweep would refuse).

    Raises:
        ExperimentError: when a design point breaks a parameter rule.
    """
    paths = [f.path for f in experiment.factors]
    levered = bool(experiment.levers)
    for row in design.itertuples(index=False):
        point, values = int(row[0]), tuple(row[1:])
        named = dict(zip(paths, values, strict=True))
        for policy in experiment.policies:
            params = _point_params(experiment, point, named, policy if levered else None)
            yield point, values, policy, params


def _each_policy(ranks, experiment: Experiment) -> Iterator:
    """Each rank repeated once per policy, as :func:`checked_points` yields the points."""
    for rank in ranks:
        yield from itertools.repeat(rank, len(experiment.policies))


def _point_params(
    experiment: Experiment, point: int, values: dict[str, float], policy: Policy | None
):
    try:
        return experiment.point_params(values, policy)
    except ParameterError as exc:
        where = f"design point {point}" + (f" with {policy.name}" if policy else "")
        raise ExperimentError(
            Issue(
                f"{where} breaks a parameter rule: {exc.message}",
                file=experiment.source,
                path=exc.path,
                value=values,
                hint="narrow the ranges in 'parameters'",
            )
        ) from None
