"""Regression baseline: key outcomes of the default and the four core scenarios.

The baseline pins the model's numbers. ``tests/regression/test_baseline.py`` runs the
same scenarios and seeds again and compares every number with the file.

Usage (from the project root)::

    .venv/bin/python scripts/baseline.py            # rewrite tests/regression/baseline.json
    .venv/bin/python scripts/baseline.py --check    # compare, print the differences, exit 1 if any

A change that moves the numbers rewrites the file in the same commit, with a line in
CHANGELOG.md saying what moved and why.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASELINE = ROOT / "tests" / "regression" / "baseline.json"
SCENARIOS = {
    "default": None,
    "small_steps__programme_2022": "scenarios/small_steps__programme_2022.yaml",
    "big_bang__programme_2022": "scenarios/big_bang__programme_2022.yaml",
    "small_steps__investment": "scenarios/small_steps__investment.yaml",
    "big_bang__investment": "scenarios/big_bang__investment.yaml",
}
SEEDS = (0, 1, 2)
MONTHS = ("2018-12", "2020-12", "2022-12", "2026-12", "2030-12")
OUTCOMES = (
    "change_capability",
    "maturity_capability",
    "maturity_legacy",
    "self_sufficiency",
    "trust",
    "change_lead_time_months",
    "unit_staff_fte",
    "unit_strain",
    "it_dev_fte",
    "legacy_health",
    "maintenance_share",
    "initiatives_started",
    "initiatives_completed",
    "initiatives_failed",
    "overrun_msek",
    "benefits_msek_year",
    "spend_programme_msek",
    "spend_investment_msek",
    "spend_operating_msek",
    "depreciation_msek",
)
RTOL = 1e-12


def _params(file: str | None):
    from digistrat import Parameters
    from digistrat.scenario import load_scenario

    return Parameters() if file is None else load_scenario(ROOT / file).params


def compute() -> dict:
    """Run every scenario and seed and collect the numbers of the baseline."""
    from digistrat import run

    out: dict = {"seeds": list(SEEDS), "months": list(MONTHS), "scenarios": {}}
    for name, file in SCENARIOS.items():
        params = _params(file)
        runs = {}
        for seed in SEEDS:
            result = run(params, seed)
            ts = result.timeseries.set_index("month")
            values = {f"{o}@{m}": float(ts.at[m, o]) for o in OUTCOMES for m in MONTHS}
            ini = result.initiatives
            values["initiative_rows"] = float(len(ini))
            values["initiative_cost_msek"] = float(ini["cost_msek"].sum())
            runs[str(seed)] = values
        out["scenarios"][name] = runs
    return out


def differences(expected: dict, actual: dict, rtol: float = RTOL) -> list[str]:
    """Lines naming every number that differs, as 'scenario seed key: expected -> actual'."""
    lines = []
    for name, runs in expected["scenarios"].items():
        for seed, values in runs.items():
            got = actual["scenarios"].get(name, {}).get(seed, {})
            for key, want in values.items():
                have = got.get(key)
                if have is None or not math.isclose(want, have, rel_tol=rtol, abs_tol=rtol):
                    lines.append(f"{name} seed {seed} {key}: {want!r} -> {have!r}")
    return lines


def main(argv: list[str] | None = None) -> int:
    """Write the baseline, or with --check compare against it."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare instead of writing")
    args = parser.parse_args(argv)
    actual = compute()
    if args.check:
        expected = json.loads(BASELINE.read_text(encoding="utf-8"))
        diff = differences(expected, actual)
        for line in diff:
            print(line)
        print(f"{len(diff)} number(s) differ from {BASELINE.relative_to(ROOT)}")
        return 1 if diff else 0
    BASELINE.write_text(json.dumps(actual, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {BASELINE.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
