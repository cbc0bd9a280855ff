"""Where the time of a sweep and of the user's path goes, stage by stage.

1. The benchmark grid of ``bench_sweep.py`` (2,304 runs) on 2 processes: the time
   from entering ``Processes(2)`` to the first results of two runs (the fork server
   and the workers starting), then, with the pool's fork server already running,
   each stage of ``run_experiment`` and the CPU time of the main process while the
   workers ran.
2. ``digistrat run scenarios/sundsvall_2017.yaml`` with ``-n 1`` and ``-n N``: each
   stage of the command, and per extra run the difference over N - 1.

Every stage is timed by wrapping the function that does it, in a fresh Python
process per measurement; ``--repeats`` interleaved repeats, medians.

Run:  .venv/bin/python benchmarks/bench_stages.py [--repeats 3] [--runs 161]
"""

from __future__ import annotations

import argparse
import importlib
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

SCENARIO = ROOT / "scenarios" / "sundsvall_2017.yaml"


def _timer(spent: dict[str, float], owner, name: str, label: str | None = None) -> None:
    """Replace ``owner.name`` by the same function that adds its wall time to ``spent``."""
    func, label = getattr(owner, name), label or name

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return func(*args, **kwargs)
        finally:
            spent[label] = spent.get(label, 0.0) + time.perf_counter() - start

    setattr(owner, name, timed)


def sweep_stages() -> dict[str, float]:
    """Seconds of each stage of the benchmark grid on 2 processes (in this process)."""
    import bench_sweep
    from digistrat.experiments import Processes
    from digistrat.experiments.campaign import Campaign
    from digistrat.experiments.sweep.definition import load_experiment
    from digistrat.experiments.sweep.plan import MeasurePoint, plan

    run = importlib.import_module("digistrat.experiments.sweep.run")
    spent: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as tmp:
        path = bench_sweep.grid_experiment(Path(tmp))
        experiment = load_experiment(path, allow=[ROOT])
        two = [r.item for r in plan(experiment)[1][:2]]
        start = time.perf_counter()
        with Processes(2) as pool:
            list(pool.imap(MeasurePoint(experiment), two, 1))
        spent["pool start to first results"] = time.perf_counter() - start
        for name in ("plan", "outcomes_table", "indices", "yearly_indices", "write_results"):
            _timer(spent, run, name)
        _timer(spent, Campaign, "run", "the runs (Campaign.run)")
        before = resource.getrusage(resource.RUSAGE_SELF)
        start = time.perf_counter()
        run.run_experiment(experiment, Path(tmp) / "out", executor=Processes(2))
        spent["run_experiment in all"] = time.perf_counter() - start
        after = resource.getrusage(resource.RUSAGE_SELF)
        spent["main process CPU meanwhile"] = (after.ru_utime - before.ru_utime) + (
            after.ru_stime - before.ru_stime
        )
    return spent


def path_stages(runs: int) -> dict[str, float]:
    """Seconds of each stage of ``digistrat run -n runs`` (in this process)."""
    import digistrat.experiments as experiments
    import digistrat.experiments.campaign as campaign
    import digistrat.experiments.study as study
    import digistrat.views as views
    from digistrat.cli import main
    from digistrat.core.model import DigitalisationModel

    core_run = importlib.import_module("digistrat.core.run")
    spent: dict[str, float] = {}
    _timer(spent, core_run, "build_model", "build the model")
    _timer(spent, DigitalisationModel, "run", "run the model")
    _timer(spent, core_run, "table_columns", "its tables as columns")
    _timer(spent, study, "_arrow", "the columns as Arrow tables")
    _timer(spent, campaign.Campaign, "_store", "store each run")
    _timer(spent, study, "write_tables", "the study's three tables")
    _timer(spent, study, "write_derived", "summary and comparison")
    _timer(spent, experiments, "run_study", "run_study in all")
    _timer(spent, views, "draw", "plots and report")
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        main(["run", str(SCENARIO), "-n", str(runs), "--out", str(Path(tmp) / "out")])
        spent["the command in all"] = time.perf_counter() - start
    return spent


def fresh(what: str, runs: int) -> dict[str, float]:
    """One measurement in a fresh Python process."""
    command = [sys.executable, __file__, "--one", what, "--runs", str(runs)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(done.stdout.splitlines()[-1])


def _medians(samples: list[dict[str, float]]) -> dict[str, float]:
    return {k: statistics.median(s[k] for s in samples) for k in samples[0]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--runs", type=int, default=161, help="replications of the longer run")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        spent = sweep_stages() if args.one == "sweep" else path_stages(int(args.one))
        print(json.dumps(spent))
        return
    sweeps, short, long = [], [], []
    for _ in range(args.repeats):
        sweeps.append(fresh("sweep", args.runs))
        short.append(fresh("1", args.runs))
        long.append(fresh(str(args.runs), args.runs))
    print(f"grid: 2,304 runs on 2 processes, medians of {args.repeats}")
    for name, seconds in _medians(sweeps).items():
        print(f"  {name:34s} {seconds:7.2f} s")
    one, many = _medians(short), _medians(long)
    extra = args.runs - 1
    print(f"digistrat run {SCENARIO.relative_to(ROOT)}: -n 1 and -n {args.runs}, medians of "
          f"{args.repeats}; per extra run = difference / {extra}")  # fmt: skip
    print(f"  {'stage':34s} {'-n 1':>8s} {'-n ' + str(args.runs):>8s} {'per run':>9s}")
    for name in many:
        per = (many[name] - one.get(name, 0.0)) / extra * 1000
        print(f"  {name:34s} {one.get(name, 0.0):7.2f}s {many[name]:7.2f}s {per:7.2f}ms")


if __name__ == "__main__":
    main()
