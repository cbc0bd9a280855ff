"""Wall time of one default run, and its ratio to a bare Mesa model of the same size.

The bare model has as many agents, steps the same number of months and collects as
many DataCollector reporters (the same model-level outcomes and the same
per-department reporters), but does no work. The ratio shows what the model's
own mechanisms cost on top of Mesa.

Run:  .venv/bin/python benchmarks/bench_model.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import mesa

from model import Parameters, build_model
from model.agents import Department
from model.outcomes_info import DEPARTMENT_COLUMNS, OUTCOMES


class BareAgent(mesa.Agent):
    """An agent that only counts its steps."""

    def __init__(self, model):
        super().__init__(model)
        self.count = 0
        for column in DEPARTMENT_COLUMNS:
            setattr(self, column, 0.0)

    def step(self):
        self.count += 1


class BareDepartment(BareAgent):
    """Stands in for a department, so per-department reporters have a type to read."""


class BareModel(mesa.Model):
    """Same agents, months and reporters as the default run; no mechanisms."""

    def __init__(self, n_agents: int, n_departments: int, seed: int = 0):
        super().__init__(rng=seed)
        for _ in range(n_departments):
            BareDepartment(self)
        for _ in range(n_agents - n_departments):
            BareAgent(self)
        for name in OUTCOMES:
            setattr(self, name, 0.0)
        self.datacollector = mesa.DataCollector(
            model_reporters={name: name for name in OUTCOMES},
            agenttype_reporters={BareDepartment: {c: c for c in DEPARTMENT_COLUMNS}},
        )

    def step(self):
        self.agents.do("step")
        self.datacollector.collect(self)


def time_default(seed: int) -> float:
    start = time.perf_counter()
    model = build_model(Parameters(), seed)
    model.run()
    model.result()
    return time.perf_counter() - start


def time_bare(n_agents: int, n_departments: int, months: int) -> float:
    start = time.perf_counter()
    model = BareModel(n_agents, n_departments)
    for _ in range(months):
        model.step()
    model.datacollector.get_model_vars_dataframe()
    return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    probe = build_model(Parameters(), 0)
    n_agents, months = len(probe.agents), probe.n_months
    n_departments = len(probe.agents_by_type[Department])
    time_default(0), time_bare(n_agents, n_departments, months)  # warm up imports and caches
    model_times, bare_times = [], []
    for r in range(args.repeats):  # interleaved, so load on the machine hits both alike
        model_times.append(time_default(r))
        bare_times.append(time_bare(n_agents, n_departments, months))
    m, b = statistics.median(model_times), statistics.median(bare_times)
    print(f"default run: {months} months, {n_agents} agents, {len(OUTCOMES)} model reporters")
    print(f"  model  median {m * 1000:7.1f} ms  (min {min(model_times) * 1000:.1f} ms)")
    print(f"  bare   median {b * 1000:7.1f} ms  (min {min(bare_times) * 1000:.1f} ms)")
    print(f"  ratio model/bare (medians): {m / b:.2f}   goal <= 3")
    print(f"  goal: default run under 30 ms -> {'met' if m < 0.030 else 'not met'}")


if __name__ == "__main__":
    main()
