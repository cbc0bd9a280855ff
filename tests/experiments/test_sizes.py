"""Sizes before memory: an experiment over the limit is refused at once, nothing allocated."""

import time
import tracemalloc

import pytest
from digistrat.cli import main
from digistrat.experiments.sweep import MAX_RUNS, ExperimentError, load_experiment, plan, run_count

from .sweep_files import experiment, write

PARAMETERS = {
    "behaviour.strain.pace": {},
    "behaviour.attitudes.training_share": {},
    "behaviour.learning.rate": {},
    "behaviour.legacy.brake": {},
    "behaviour.trust.gain": {},
}
HUGE = {
    "grid": {"kind": "grid", "levels": 100},  # 100**5 = 10**10 points
    "sobol": {"kind": "sobol", "n": 65536},  # 65536 * 7 points x 10,000 seeds
    "morris": {"kind": "morris", "n": 100000, "levels": 4},  # 600,000 points x 10,000 seeds
}


@pytest.mark.parametrize("kind", sorted(HUGE))
def test_a_huge_design_is_refused_in_under_a_second_with_flat_memory(tmp_path, kind, capsys):
    count = 1 if kind == "grid" else 10_000
    data = experiment(parameters=PARAMETERS, design=HUGE[kind], replications={"count": count})
    path = write(tmp_path, data)
    e = load_experiment(path)
    assert run_count(e) > MAX_RUNS
    tracemalloc.start()
    start = time.perf_counter()
    with pytest.raises(ExperimentError, match=f"runs; the limit is {MAX_RUNS:,}"):
        plan(e)
    seconds = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert seconds < 1.0, f"refused after {seconds:.2f} s"
    assert peak < 5_000_000, f"{peak / 1e6:.1f} MB allocated before refusing"
    start = time.perf_counter()
    assert main(["sweep", str(path), "--dry-run"]) == 2
    assert time.perf_counter() - start < 1.0
    assert "the limit is" in capsys.readouterr().err


def test_grid_sizes_are_exact_beyond_64_bits(tmp_path):
    data = experiment(design={"kind": "grid", "levels": 100})
    data["parameters"] = {p: {} for p in [*PARAMETERS, "behaviour.trust.loss"]} | {
        f"organisation.departments.{d}.willingness": {}
        for d in ("education", "social_services", "urban_planning", "culture_leisure")
    }
    e = load_experiment(write(tmp_path, data))
    assert run_count(e) == 100 ** len(e.factors) * 2  # 10**20 * 2: would overflow int64


def test_dry_run_prints_runs_a_measured_time_and_the_disk(tmp_path, capsys):
    path = write(tmp_path, experiment())
    assert main(["sweep", str(path), "--dry-run", "--jobs", "2"]) == 0
    printed = capsys.readouterr().out
    assert "3 points x 2 seeds (11..12) = 6 runs" in printed
    assert "time: about" in printed and "on 2 worker(s), from" in printed
    assert "timed run(s) here (median" in printed
    assert "disk: about" in printed and ("kB" in printed or "bytes" in printed)
