"""Speed and memory of sweeps at scale, each figure a ratio measured in this one run.

1. The same grid (pace x training share, 12 x 12 points x 16 seeds = 2,304 runs of
   small steps, 2017-01..2030-12) through digistrat's sweep in this process and on
   2 processes (runs/s, parallel efficiency = serial time / (2 x parallel time)), and
   through mesa.batch_run and EMA Workbench's MultiprocessingEvaluator on 2
   processes. Every method computes the same two measures of every run; the
   script checks that the numbers agree. Each method runs in a fresh Python
   process and is timed inside it from the call to the last result (worker
   start-up included, interpreter start-up not); repeats are interleaved; medians.
2. The user's path: ``digistrat run`` with ``-n N`` minus ``-n 1``, over N - 1 (the
   cost of one more replication, plots and report included), against
   in-process ``run()`` timed between the two commands; medians of ``--path-repeats``.
   N is ``--path-runs`` (default 161): with N = 41 the difference of two command
   timings, each with a second or two of start-up and drawing, is within the noise
   of a shared machine (1.03x and 1.37x in two runs in a row).
   The floor is the grid's model runs alone, timed in one process (every grid
   point with every 4th seed, scaled): half of it is the least time any method
   could take on 2 cores.
   Serially, on 576 runs (every point, 4 seeds): the model's runs alone, and what
   ours, batch_run and EMA Workbench (SequentialEvaluator) each add per run; from
   these, how fast a run would have to be for ours to be 2x faster than batch_run.
3. Peak memory (proportional set size, so pages the workers share with the fork
   server count once; the main process, and it with all its workers) of a
   20,000-run sweep against a 2,000-run one, both on 2 processes: flat if the
   ratio is about 1.
4. With ``--sobol``: the wall time of ``experiments/sensitivity_sobol.yaml`` on 2
   processes.

On a shared machine the wall times depend on what else runs: the script prints
the load average, and how much faster two plain CPU-bound processes run than one
on the machine at the time (2.0 when it is idle), which bounds every method.

Run:  .venv/bin/python benchmarks/bench_sweep.py [--repeats 3] [--path-repeats 9]
          [--path-runs 161] [--sobol]
EMA Workbench is a dependency of digistrat (scenario discovery uses its PRIM).
"""

from __future__ import annotations

import argparse
import hashlib
import logging
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

import sweep_models  # noqa: E402 - the workers import it by this name

DIGISTRAT = [sys.executable, "-m", "digistrat"]
PACES = np.round(np.linspace(0.7, 1.5, 12), 6).tolist()
SHARES = np.round(np.linspace(0.0, 0.6, 12), 6).tolist()
SEEDS = list(range(2017, 2033))
SERIAL_SEEDS = SEEDS[:4]  # what each method adds to a run, timed serially


def grid_experiment(folder: Path, seeds: list[int] = SEEDS, name: str = "bench_grid") -> Path:
    """The benchmark grid with ``seeds`` (consecutive) as an experiment file."""
    data = {
        "name": name,
        "scenario": str(sweep_models.SCENARIO),
        "parameters": {
            sweep_models.PACE: {"values": PACES},
            sweep_models.TRAINING: {"values": SHARES},
        },
        "design": {"kind": "grid"},
        "replications": {"count": len(seeds), "seed": seeds[0]},
        "outcomes": ["change_capability@2026-12", "change_capability@2027-01..2030-12"],
    }
    path = folder / f"{name}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def ours(path: Path, jobs: int) -> tuple[float, np.ndarray]:
    """Seconds for digistrat's sweep (store included) and the sorted measures."""
    from digistrat.experiments import Processes, Serial
    from digistrat.experiments.sweep import load_experiment, run_experiment

    executor = Serial() if jobs == 1 else Processes(jobs)
    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        experiment = load_experiment(path, allow=[ROOT])
        result = run_experiment(experiment, Path(tmp) / "out", executor=executor)
        seconds = time.perf_counter() - start
    values = result.outcomes[["change_capability@2026-12", "change_capability@2027-01..2030-12"]]
    return seconds, np.sort(values.to_numpy(), axis=0)


def batch_run(jobs: int, seeds: list[int] = SEEDS) -> tuple[float, np.ndarray]:
    """Seconds for mesa.batch_run over the same grid and ``seeds``."""
    from mesa.batchrunner import batch_run as mesa_batch_run

    start = time.perf_counter()
    rows = mesa_batch_run(
        sweep_models.GridModel,
        parameters={"pace": PACES, "training_share": SHARES},
        number_processes=jobs,
        rng=seeds,
        max_steps=10_000,
        data_collection_period=-1,
        display_progress=False,
    )
    seconds = time.perf_counter() - start
    values = np.array([[r["cc_2026"], r["cc_2027_2030"]] for r in rows])
    return seconds, np.sort(values, axis=0)


def ema(jobs: int, seeds: list[int] = SEEDS) -> tuple[float, np.ndarray]:
    """Seconds for EMA Workbench over the same grid and ``seeds`` (sequential on 1 job)."""
    from ema_workbench import (
        IntegerParameter,
        Model,
        MultiprocessingEvaluator,
        RealParameter,
        Sample,
        ScalarOutcome,
        SequentialEvaluator,
        ema_logging,
    )

    ema_logging.log_to_stderr(logging.WARNING)
    model = Model("digistrat", function=sweep_models.ema_run)
    model.uncertainties = [
        RealParameter("pace", 0.5, 2.0),
        RealParameter("training_share", 0.0, 0.6),
        IntegerParameter("seed", 0, 2**31),
    ]
    model.outcomes = [ScalarOutcome("cc_2026"), ScalarOutcome("cc_2027_2030")]
    samples = [
        Sample(pace=p, training_share=t, seed=s) for s in seeds for p in PACES for t in SHARES
    ]
    start = time.perf_counter()
    evaluator = SequentialEvaluator(model) if jobs == 1 else None
    with evaluator or MultiprocessingEvaluator(model, n_processes=jobs) as evaluator:
        _, outcomes = evaluator.perform_experiments(scenarios=samples, log_progress=False)
    seconds = time.perf_counter() - start
    values = np.column_stack([outcomes["cc_2026"], outcomes["cc_2027_2030"]])
    return seconds, np.sort(values, axis=0)


def floor(sample: int = 4, seeds: list[int] | None = None) -> tuple[float, np.ndarray]:
    """Seconds of the grid's model runs alone, in this process, with nothing around them.

    Every point of the grid is run with every ``sample``-th seed and the time scaled
    up to the whole grid: what the runs cost with no pool, store or collection at
    all. Divided by 2 it is the least time any method could take on 2 cores for
    this grid. Every point is in the sample because a run's cost depends on its
    parameters; every 4th run of the grid would take only 3 of the 12 training
    shares, and measured 5-7% more per run than all points (two runs of each).
    """
    from digistrat.core import DigitalisationModel

    scale = seeds is None
    seeds = SEEDS[::sample] if scale else seeds
    grid = [(p, t, s) for s in seeds for p in PACES for t in SHARES]
    start = time.perf_counter()
    values = []
    for pace, share, seed in grid:
        model = DigitalisationModel(sweep_models.params(pace, share), seed=seed)
        model.run()
        values.append(list(sweep_models.measures(model).values()))
    seconds = time.perf_counter() - start
    if scale:
        seconds *= len(SEEDS) / len(seeds)
    return seconds, np.sort(np.array(values), axis=0)


def user_path(repeats: int, runs: int = 161) -> tuple[float, float]:
    """Per-run seconds of ``digistrat run`` (-n runs minus -n 1) and of ``run()``.

    Each repeat times the two commands and, between them, ``runs - 1`` runs of
    ``run()`` in this process, so the three timings are next to each other in time
    (the machine's speed drifts over minutes); every other repeat takes the two
    commands in the other order.
    """
    from digistrat.core import run
    from digistrat.scenario import load_scenario

    scenario = ROOT / "scenarios" / "sundsvall_2017.yaml"
    params = load_scenario(scenario).params
    run(params, 0)
    extra, inproc = [], []
    with tempfile.TemporaryDirectory() as tmp:

        def command(n: int) -> float:
            out = Path(tmp) / f"n{n}"
            start = time.perf_counter()
            line = [*DIGISTRAT, "run", str(scenario), "-n", str(n), "--out", str(out), "--force"]
            subprocess.run(line, check=True, capture_output=True)
            return time.perf_counter() - start

        for r in range(repeats):
            first, last = (1, runs) if r % 2 == 0 else (runs, 1)
            times = {first: command(first)}
            start = time.perf_counter()
            for seed in range(runs - 1):
                run(params, 1000 * r + seed)
            inproc.append((time.perf_counter() - start) / (runs - 1))
            times[last] = command(last)
            extra.append((times[runs] - times[1]) / (runs - 1))
    return statistics.median(extra), statistics.median(inproc)


def _memory_kb(pid: int, field: str) -> int:
    """``field`` (e.g. ``Pss``, ``Rss``) of a process from /proc, in kB (0 when it is gone)."""
    try:
        with open(f"/proc/{pid}/smaps_rollup") as rollup:
            return next(int(line.split()[1]) for line in rollup if line.startswith(field + ":"))
    except (OSError, StopIteration, ValueError):
        return 0


def _tree(pid: int) -> list[int]:
    """A process and all its descendants."""
    found = [pid]
    try:
        for task in Path(f"/proc/{pid}/task").iterdir():
            for child in (task / "children").read_text().split():
                found += _tree(int(child))
    except OSError:
        pass
    return found


def sweep_memory(folder: Path, points: int) -> tuple[float, float, float]:
    """Peak MB of the main process, peak MB of it and its workers, and seconds."""
    data = {
        "name": f"bench_memory_{points}",
        "scenario": str(sweep_models.SCENARIO),
        "set": ["horizon.end=2018-12"],
        "parameters": {sweep_models.PACE: {}, sweep_models.TRAINING: {}},
        "design": {"kind": "lhs", "n": points, "seed": 1},
        "replications": {"count": 2, "seed": 1},
        "outcomes": ["change_capability@2018-12", "trust@2018-01..2018-12"],
    }
    path = folder / f"memory_{points}.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    out = folder / f"memory_{points}"
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*DIGISTRAT, "sweep", str(path), "--out", str(out), "--jobs", "2"],
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    peaks = [0, 0]

    def sample() -> None:  # proportional set sizes: pages shared with the fork server count once
        while proc.poll() is None:
            peaks[0] = max(peaks[0], _memory_kb(proc.pid, "Pss"))
            peaks[1] = max(peaks[1], sum(_memory_kb(p, "Pss") for p in _tree(proc.pid)))
            time.sleep(0.1)

    watcher = threading.Thread(target=sample)
    watcher.start()
    code = proc.wait()
    watcher.join()
    if code != 0:
        raise RuntimeError(f"the memory sweep failed with exit code {code}")
    return peaks[0] / 1000, peaks[1] / 1000, time.perf_counter() - start


def sobol_seconds(folder: Path) -> float:
    """Wall time of experiments/sensitivity_sobol.yaml on 2 processes."""
    path = ROOT / "experiments" / "sensitivity_sobol.yaml"
    start = time.perf_counter()
    command = [*DIGISTRAT, "sweep", str(path), "--out", str(folder / "sobol"), "--jobs", "2"]
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def burn(n: int) -> int:
    """Pure CPU work, no memory traffic: what two cores can do at once."""
    total = 0
    for i in range(n):
        total += i * i
    return total


def machine_speedup(n: int = 3_000_000) -> float:
    """How much faster two plain processes do two pieces of work than one process, now.

    2.0 on an idle 2-core machine; less when other programs use the cores.
    """
    start = time.perf_counter()
    burn(n), burn(n)
    serial = time.perf_counter() - start
    with multiprocessing.get_context("fork").Pool(2) as pool:
        pool.map(burn, [1, 1])  # started
        start = time.perf_counter()
        pool.map(burn, [n, n], chunksize=1)
        parallel = time.perf_counter() - start
    return serial / parallel


def one(method: str, path: Path) -> None:
    """Run one method once in this (fresh) process; print its seconds and a checksum."""
    calls = {
        "serial": lambda: ours(path, 1),
        "ours": lambda: ours(path, 2),
        "ema": lambda: ema(2),
        "batch_run": lambda: batch_run(2),
        "floor": floor,
        "floor_serial": lambda: floor(seeds=SERIAL_SEEDS),
        "ours_serial": lambda: ours(serial_grid(path), 1),
        "batch_run_serial": lambda: batch_run(1, SERIAL_SEEDS),
        "ema_serial": lambda: ema(1, SERIAL_SEEDS),
    }
    seconds, values = calls[method]()
    print(seconds, hashlib.sha256(np.round(values, 12).tobytes()).hexdigest())


def serial_grid(path: Path) -> Path:
    """The grid file with :data:`SERIAL_SEEDS` beside the grid file ``path``."""
    return grid_experiment(path.parent, SERIAL_SEEDS, "bench_grid_serial")


def serial_overheads(path: Path, repeats: int) -> None:
    """Print what each method adds to a run, timed serially against the model's runs alone.

    On one process there is no pool and no machine to share, so the difference to
    the floor is each method's own cost per run: what ``2x faster than batch_run``
    has to be found in.
    """
    names = ("floor_serial", "ours_serial", "batch_run_serial", "ema_serial")
    times: dict[str, list[float]] = {name: [] for name in names}
    checksums = set()
    for _ in range(repeats):  # interleaved, as above
        for name in names:
            seconds, checksum = timed(name, path)
            times[name].append(seconds)
            checksums.add(checksum)
    if len(checksums) != 1:
        raise RuntimeError("the methods gave different numbers on one process")
    runs = len(PACES) * len(SHARES) * len(SERIAL_SEEDS)
    med = {name: statistics.median(values) * 1000 / runs for name, values in times.items()}
    model = med["floor_serial"]
    adds = {name: med[f"{name}_serial"] - model for name in ("ours", "batch_run", "ema")}
    seeds = f"{SERIAL_SEEDS[0]}-{SERIAL_SEEDS[-1]}"
    print(f"one process, {runs} runs (every point, seeds {seeds}), medians of {repeats}: "
          f"a run alone {model:.2f} ms; each method adds per run")  # fmt: skip
    print(f"  ours {adds['ours']:+.2f} ms, batch_run {adds['batch_run']:+.2f} ms, "
          f"EMA Workbench {adds['ema']:+.2f} ms")  # fmt: skip
    need = adds["batch_run"] - 2 * adds["ours"]
    print(f"  2x faster than batch_run needs a run of at most {need:.2f} ms "
          f"(batch_run's addition minus twice ours), against {model:.2f} ms: "
          + ("possible" if need >= model else "no model speed reaches it"))  # fmt: skip


def timed(method: str, path: Path) -> tuple[float, str]:
    """Wall seconds and checksum of one method, run in a fresh Python process."""
    command = [sys.executable, __file__, "--one", method, "--grid", str(path)]
    done = subprocess.run(command, check=True, capture_output=True, text=True, cwd=ROOT)
    seconds, checksum = done.stdout.split()[-2:]
    return float(seconds), checksum


def _goal(ok: bool) -> str:
    return "met" if ok else "not met"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--path-repeats", type=int, default=9, help="repeats of the user's path")
    parser.add_argument(
        "--path-runs", type=int, default=161, help="replications of the user's longer run"
    )
    parser.add_argument("--sobol", action="store_true", help="also time sensitivity_sobol")
    parser.add_argument("--one", help=argparse.SUPPRESS)
    parser.add_argument("--grid", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        return one(args.one, args.grid)
    runs = len(PACES) * len(SHARES) * len(SEEDS)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        path = grid_experiment(folder)
        names = ("serial", "ours", "batch_run", "ema", "floor")
        times: dict[str, list[float]] = {name: [] for name in names}
        checksums = set()
        load = os.getloadavg()[0]
        capacity = []
        for _ in range(args.repeats):  # interleaved, so load on the machine hits all alike
            capacity.append(machine_speedup())
            for name in times:
                seconds, checksum = timed(name, path)
                times[name].append(seconds)
                if name != "floor":  # a sample of the grid: other numbers
                    checksums.add(checksum)
        if len(checksums) != 1:
            raise RuntimeError("the methods gave different numbers")
        med = {name: statistics.median(values) for name, values in times.items()}
        efficiency = med["serial"] / (2 * med["ours"])
        load = (load + os.getloadavg()[0]) / 2
        print(f"grid: {runs} runs (12 x 12 points x 16 seeds, 2017-01..2030-12), 2 cores,")
        print(f"  {args.repeats} interleaved repeats, medians; the same numbers from every method;")
        print(f"  load average of the machine (1 min, start and end of the grid) about {load:.1f}")
        print(
            f"  digistrat serial       {med['serial']:6.1f} s  {runs / med['serial']:6.1f} runs/s"
        )
        print(f"  digistrat 2 processes  {med['ours']:6.1f} s  {runs / med['ours']:6.1f} runs/s")
        print(
            f"  parallel efficiency    {efficiency:.2f}   goal >= 0.9 -> {_goal(efficiency >= 0.9)}"
        )
        ratio_b = med["batch_run"] / med["ours"]
        ratio_e = med["ema"] / med["ours"]
        machine = statistics.median(capacity)
        bound = machine / 2
        print(f"  two plain processes on this machine meanwhile: {machine:.2f}x one (2.0 when "
              f"idle), so no method could reach an efficiency above about {bound:.2f}")  # fmt: skip
        print(f"  mesa.batch_run 2 proc  {med['batch_run']:6.1f} s  ours is {ratio_b:.2f}x faster"
              f"   goal >= 2 -> {_goal(ratio_b >= 2)}")  # fmt: skip
        print(f"  EMA Workbench 2 proc   {med['ema']:6.1f} s  ours is {ratio_e:.2f}x faster"
              f"   goal > 1 -> {_goal(ratio_e > 1)}")  # fmt: skip
        least = med["floor"] / 2
        print(f"  floor: the model's runs alone, in one process with nothing around them, "
              f"{med['floor']:.1f} s (every point, every 4th seed, scaled);")  # fmt: skip
        print(f"    on 2 cores no method can take less than {least:.1f} s. Against it: ours "
              f"{med['ours'] / least:.2f}x, batch_run {med['batch_run'] / least:.2f}x, "
              f"EMA {med['ema'] / least:.2f}x;")  # fmt: skip
        print(f"    2x faster than batch_run would be {med['batch_run'] / 2:.1f} s, "
              f"{med['batch_run'] / 2 / least:.2f}x the floor")  # fmt: skip

        serial_overheads(path, args.repeats)

        extra, inproc = user_path(args.path_repeats, args.path_runs)
        ratio = extra / inproc
        n = args.path_runs
        print(f"user's path: digistrat run scenarios/sundsvall_2017.yaml, -n {n} minus -n 1, "
              f"over {n - 1}")  # fmt: skip
        print(f"  per run {extra * 1000:.1f} ms vs run() in process {inproc * 1000:.1f} ms: "
              f"{ratio:.2f}x   goal <= 1.15 -> {_goal(ratio <= 1.15)}")  # fmt: skip

        small_main, small_all, _ = sweep_memory(folder, 1000)
        big_main, big_all, big_seconds = sweep_memory(folder, 10_000)
        print("memory: LHS sweeps on 2 processes (2 seeds per point, 2017-01..2018-12)")
        print(f"  2,000 runs:  main process {small_main:5.0f} MB, with workers {small_all:5.0f} MB")
        print(f"  20,000 runs: main process {big_main:5.0f} MB, with workers {big_all:5.0f} MB"
              f"  ({big_seconds:.0f} s)")  # fmt: skip
        print(f"  20,000 / 2,000: main {big_main / small_main:.2f}, with workers "
              f"{big_all / small_all:.2f}   goal < 500 MB -> {_goal(big_all < 500)}")  # fmt: skip

        if args.sobol:
            seconds = sobol_seconds(folder)
            print("experiments/sensitivity_sobol.yaml (28,672 runs) on 2 processes: "
                  f"{seconds / 60:.1f} min   goal < 10 min -> {_goal(seconds < 600)}")  # fmt: skip


if __name__ == "__main__":
    main()
