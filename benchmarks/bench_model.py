"""Wall time of one default run, and its ratio to a bare Mesa model of the same size.

The bare model has as many agents, steps the same number of months and collects as
many DataCollector reporters (the same model-level outcomes and the same
per-department reporters), but does no work. The ratio shows what the model's
own mechanisms cost on top of Mesa. A run is timed from building the model to its
last month; building the result tables (pandas DataFrames) is timed apart and
reported on its own line, for both models.

Run:  .venv/bin/python benchmarks/bench_model.py [--repeats N]
"""

from __future__ import annotations

import argparse
import statistics
import time

import mesa
from digistrat import Parameters, build_model
from digistrat.core.agents import Department
from digistrat.core.columns import DEPARTMENT_COLUMNS, OUTCOMES


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


def time_default(seed: int) -> tuple[float, float]:
    """Seconds to build and run the default model, and then to build its result tables."""
    start = time.perf_counter()
    model = build_model(Parameters(), seed)
    model.run()
    ran = time.perf_counter()
    model.result()
    return ran - start, time.perf_counter() - ran


def time_bare(n_agents: int, n_departments: int, months: int) -> tuple[float, float]:
    """Seconds to build and step the bare model, and then to build its DataFrame."""
    start = time.perf_counter()
    model = BareModel(n_agents, n_departments)
    for _ in range(months):
        model.step()
    ran = time.perf_counter()
    model.datacollector.get_model_vars_dataframe()
    return ran - start, time.perf_counter() - ran


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=30)
    args = parser.parse_args()
    probe = build_model(Parameters(), 0)
    n_agents, months = len(probe.agents), probe.n_months
    n_departments = len(probe.agents_by_type[Department])
    time_default(0), time_bare(n_agents, n_departments, months)  # warm up imports and caches
    runs, tables, bare_runs, bare_tables = [], [], [], []
    for r in range(args.repeats):  # interleaved, so load on the machine hits both alike
        run, table = time_default(r)
        bare_run, bare_table = time_bare(n_agents, n_departments, months)
        runs.append(run)
        tables.append(table)
        bare_runs.append(bare_run)
        bare_tables.append(bare_table)
    med = statistics.median
    m, b = med(runs), med(bare_runs)
    mt = med([r + t for r, t in zip(runs, tables, strict=True)])
    bt = med([r + t for r, t in zip(bare_runs, bare_tables, strict=True)])
    print(f"default run: {months} months, {n_agents} agents, {len(OUTCOMES)} model reporters,")
    print(f"  {len(DEPARTMENT_COLUMNS)} reporters per department; {args.repeats} repeats, medians")
    print("one run (build the model, step every month, collect every month):")
    print(f"  model  {m * 1000:7.1f} ms  (min {min(runs) * 1000:.1f} ms)")
    print(f"  bare   {b * 1000:7.1f} ms  (min {min(bare_runs) * 1000:.1f} ms)")
    print(f"  ratio model/bare: {m / b:.2f}   goal <= 3 -> {'met' if m / b <= 3 else 'not met'}")
    print(f"  goal: under 30 ms -> {'met' if m < 0.030 else 'not met'}")
    print("the same, plus the result tables (model: 3 tables; bare: its one DataFrame):")
    print(f"  model  {mt * 1000:7.1f} ms   bare {bt * 1000:7.1f} ms   ratio {mt / bt:.2f}")


if __name__ == "__main__":
    main()
