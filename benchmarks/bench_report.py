"""Wall time of drawing every plot and writing the report for the four core scenarios.

Builds a small results set (the four core scenarios, a few replications each, with
the same seeds, as `digistrat compare` runs them) in a temporary directory, or reads
one given with --results. Then, several times, copies the tables into a fresh
directory and does what `digistrat compare` and `digistrat report` do after the
runs: draw the run plots, draw the comparison and write report.md/report.html.
Prints each time and the median (wall time; CPU time too, which other work on a
busy machine disturbs less).

Run:  .venv/bin/python benchmarks/bench_report.py [--repeats N] [--replications N]
      .venv/bin/python benchmarks/bench_report.py --results DIR   # reuse a results set
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORE = (
    "small_steps__programme_2022",
    "big_bang__programme_2022",
    "small_steps__investment",
    "big_bang__investment",
)
#: What drawing writes into a results directory; left out of each fresh copy.
DRAWN = ("plots", "report.md", "report.html")


def build_results(out: Path, replications: int, jobs: int) -> Path:
    from digistrat.experiments import run_study
    from digistrat.scenario import load_scenario

    scenarios = [load_scenario(ROOT / "scenarios" / f"{name}.yaml") for name in CORE]
    start = time.perf_counter()
    study = run_study(scenarios, out, replications=replications, common_seeds=True, jobs=jobs)
    print(f"results: {study.runs} runs in {time.perf_counter() - start:.1f} s -> {out}")
    return out


def fresh_copy(results: Path, target: Path) -> Path:
    shutil.copytree(results, target, ignore=lambda _dir, names: [n for n in names if n in DRAWN])
    return target


def draw_all(folder: Path) -> tuple[float, float]:
    """Wall and CPU seconds of drawing the plots and writing the report of ``folder``."""
    from digistrat.views import draw

    start, cpu = time.perf_counter(), time.process_time()
    draw(folder)  # the run plots, each scenario against the best, and the report
    return time.perf_counter() - start, time.process_time() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=5, help="timed drawings (default 5)")
    parser.add_argument("--replications", type=int, default=4, help="runs per scenario")
    parser.add_argument("--jobs", type=int, default=2, help="processes for the model runs")
    parser.add_argument("--results", type=Path, help="an existing results directory to draw")
    parser.add_argument("--keep", type=Path, help="also build the results set here and keep it")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="bench_report_") as tmp:
        work = Path(tmp)
        results = args.results
        if results is None:
            results = build_results(args.keep or work / "results", args.replications, args.jobs)
        import digistrat.views.distributions  # noqa: F401  (import time is not timed)
        import digistrat.views.report  # noqa: F401
        import seaborn  # noqa: F401

        print(f"drawing with {Path(digistrat.views.__file__).parent}")

        times, cpus = [], []
        for i in range(args.repeats):
            folder = fresh_copy(results, work / f"draw_{i}")
            wall, cpu = draw_all(folder)
            times.append(wall)
            cpus.append(cpu)
            print(f"run {i + 1}: {wall:.2f} s (CPU {cpu:.2f} s)")
            shutil.rmtree(folder)
    print(
        f"plots + report, {args.repeats} repeats: median {statistics.median(times):.2f} s "
        f"(min {min(times):.2f}, max {max(times):.2f}; "
        f"median CPU {statistics.median(cpus):.2f} s)"
    )


if __name__ == "__main__":
    main()
