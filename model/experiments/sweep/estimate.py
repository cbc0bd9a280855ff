"""What a sweep will cost before it runs: time from a few timed runs here, and disk.

The time is measured, not guessed: a few design points run in this process (at
most :data:`SAMPLE_RUNS`, or as many as there are lever policies, so that each is
timed, or :data:`SAMPLE_SECONDS` of them), and the median time of a run is scaled
to the number of runs and workers. It is the time of the runs only: the analysis
and the plots come after them. The disk is what the
store's shards, ``outcomes.parquet`` and the CSV tables take per run, measured by
writing a shard of that shape. Every design point is checked against the parameter
rules first, as the sweep checks them, so a dry run refuses what the sweep refuses.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections import deque
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pandas as pd

from ..campaign import spread
from ..files import write_csv
from ..shards import ShardWriter
from .definition import Experiment
from .design import make_design
from .plan import MeasurePoint, PointRun, check_size, checked_points
from .results import index_columns

SAMPLE_RUNS = 5
SAMPLE_SECONDS = 3.0
_SHAPE_ROWS = 2000


@dataclass(frozen=True)
class Estimate:
    """The cost of a sweep.

    Attributes:
        runs: number of runs.
        sample: number of runs timed.
        run_seconds: median wall time of a timed run, in seconds.
        workers: runs at once; None when unknown (a dask cluster elsewhere): the
            time is then for one worker.
        bytes: disk the results will take.
    """

    runs: int
    sample: int
    run_seconds: float
    workers: int | None
    bytes: int

    @property
    def seconds(self) -> float:
        """Estimated wall time of all runs (on one worker when ``workers`` is None)."""
        return self.runs * self.run_seconds / max(self.workers or 1, 1)


def estimate(experiment: Experiment, workers: int | None = 1) -> Estimate:
    """Time a few runs of ``experiment`` here and size its results.

    Raises:
        ExperimentError: if the experiment is too large or a design point breaks a
            parameter rule (the sweep's own checks).
    """
    runs = check_size(experiment)
    design = make_design(experiment.design, experiment.factors)
    deque(checked_points(experiment, design), maxlen=0)  # refuse what the sweep refuses
    order = np.argsort(spread(len(design)))
    measure = MeasurePoint(experiment)
    times: list[float] = []
    started = time.perf_counter()
    policies = len(experiment.policies)
    for i, point in enumerate(order[: max(SAMPLE_RUNS, policies)]):  # every policy once
        values = tuple(design.iloc[int(point), 1:])
        run = PointRun("", int(point), 0, experiment.seeds[0], values, i % policies)
        begin = time.perf_counter()
        measure(run)
        times.append(time.perf_counter() - begin)
        if time.perf_counter() - started > SAMPLE_SECONDS:
            break
    per_run = _bytes_per_run(experiment)
    rows = len(design) * policies
    size = int(runs * per_run + _csv_bytes(design, len(experiment.measures), rows))
    return Estimate(runs, len(times), statistics.median(times), workers, size)


def _bytes_per_run(experiment: Experiment) -> float:
    """Bytes a run takes in the shards and in ``outcomes.parquet``, from a shard of random runs."""
    rng = np.random.default_rng(0)
    names = [m.name for m in experiment.stored]
    with tempfile.TemporaryDirectory() as tmp:
        writer = ShardWriter(Path(tmp), index_columns(experiment), flush_seconds=1e9)
        for i in range(_SHAPE_ROWS):
            row = {"key": f"{rng.integers(2**63):032x}", "seconds": float(rng.random())}
            row |= {"point": i, "replication": 0, "seed": i}
            writer.add(row | dict(zip(names, rng.random(len(names)), strict=True)))
        writer.flush()
        shard = sum(p.stat().st_size for p in Path(tmp).rglob("*.parquet"))
        outcomes = pd.DataFrame({"point": range(_SHAPE_ROWS)})
        for name in names:
            outcomes[name] = rng.random(_SHAPE_ROWS)
        outcomes.to_parquet(Path(tmp) / "o.parquet", index=False)
        final = (Path(tmp) / "o.parquet").stat().st_size
    return (shard + final) / _SHAPE_ROWS


def _csv_bytes(design: pd.DataFrame, measures: int, rows: int) -> int:
    """``design.csv`` and ``summary.csv`` (three numbers per measure and summary row)."""
    with tempfile.TemporaryDirectory() as tmp:
        head = design.head(200)
        write_csv(Path(tmp) / "d.csv", head)
        per_point = (Path(tmp) / "d.csv").stat().st_size / max(len(head), 1)
    return int(len(design) * per_point + rows * (per_point + 3 * 12 * measures))


def describe(e: Estimate) -> list[str]:
    """The estimate in words."""
    timed = f"from {e.sample} timed run(s) here (median {e.run_seconds * 1000:.0f} ms a run)"
    if e.workers is None:
        where = "on one worker (as fast as this machine; divide by the cluster's workers)"
    else:
        where = f"on {e.workers} worker(s)"
    return [
        f"time: about {_words(e.seconds)} for the runs {where}, {timed}; the analysis and "
        "plots come after",
        f"disk: about {_size(e.bytes)} for the results (plots not counted)",
    ]


def _words(seconds: float) -> str:
    if seconds < 90:
        return f"{seconds:.0f} s"
    if seconds < 5400:
        return f"{seconds / 60:.0f} min"
    return f"{seconds / 3600:.1f} h"


def _size(count: float) -> str:
    for unit in ("bytes", "kB", "MB", "GB"):
        if count < 1000 or unit == "GB":
            return f"{count:.0f} {unit}" if unit == "bytes" else f"{count:.1f} {unit}"
        count /= 1000
    return f"{count:.1f} GB"
