"""Missing and NaN outputs are never averaged away, and every printed n is the n used."""

import numpy as np
import pandas as pd
import pytest
from digistrat.cli import main
from digistrat.experiments.study import RunTables
from digistrat.experiments.sweep import Design, Factor, make_design
from digistrat.experiments.sweep.analysis import analyse, point_means
from digistrat.experiments.sweep.regression import regression_indices
from digistrat.experiments.sweep.results import summary_table

from .sweep_files import ROOT

FACTORS = (Factor("a", 0.0, 1.0), Factor("b", 0.0, 1.0), Factor("c", 0.0, 1.0))


def _outcomes(design: Design, seeds: int = 2, nan_at=()) -> tuple[pd.DataFrame, pd.DataFrame]:
    """y = 4a + b + seed noise, with NaN at the (point, replication) pairs given."""
    x = make_design(design, FACTORS)
    rows = []
    for point, a, b in zip(x["point"], x["a"], x["b"], strict=True):
        for r in range(seeds):
            y = np.nan if (point, r) in nan_at else 4 * a + b + 0.01 * r
            rows.append({"point": point, "replication": r, "seed": r, "y": y})
    return x, pd.DataFrame(rows)


def test_a_point_mean_needs_every_run_of_the_point():
    _, outcomes = _outcomes(Design("lhs", 4, None, 1), nan_at={(1, 0)})
    outcomes.loc[outcomes["point"] == 2, "y"] = [np.inf, 1.0]
    means = point_means(outcomes, ["y"])
    assert np.isfinite(means.loc[[0, 3], "y"]).all()
    assert np.isnan(means.loc[1, "y"]) and np.isnan(means.loc[2, "y"])  # not the other seed's


@pytest.mark.parametrize("kind, n, levels", [("sobol", 64, None), ("morris", 10, 4)])
def test_sobol_and_morris_refuse_an_outcome_with_a_missing_point(kind, n, levels):
    design = Design(kind, n, levels, 1)
    _, outcomes = _outcomes(design, nan_at={(5, 1)})
    outcomes = outcomes.assign(z=outcomes["y"].fillna(0.0))
    indices, _, notes = analyse(design, FACTORS, point_means(outcomes, ["y", "z"]), ["y", "z"])
    assert set(indices["outcome"]) == {"z"}  # y gets no indices at all
    note = next(n for n in notes if n.startswith("y:"))
    assert "1 of" in note and "lack a value" in note and "every design point, so none" in note
    assert "--resume" in note


def test_prcc_leaves_out_points_without_a_value_and_says_how_many_it_used():
    design = Design("lhs", 60, None, 4)
    x, outcomes = _outcomes(design, nan_at={(3, 0), (7, 1), (8, 0)})
    indices, notes = regression_indices(FACTORS, x, point_means(outcomes, ["y"]), ["y"])
    assert (indices["n"] == 57).all()
    assert any("3 of 60 design points lack a value" in n and "use the other 57" in n for n in notes)
    assert indices.set_index("parameter").loc["a", "PRCC"] > 0.9


def test_the_summary_counts_the_runs_with_a_value():
    design = Design("lhs", 3, None, 1)
    x, outcomes = _outcomes(design, seeds=3, nan_at={(0, 0), (0, 2), (2, 1)})
    summary = summary_table(x, outcomes, ["y"])
    assert summary["y:n"].tolist() == [1, 3, 2]
    assert summary.loc[0, "y:mean"] == outcomes.query("point == 0")["y"].dropna().iloc[0]


def test_a_study_with_a_failed_run_records_it_and_compares_the_pairs_left(
    tmp_path, monkeypatch, capsys
):
    original = RunTables.__call__

    def call(self, run):
        if run.scenario == 1 and run.seed == 41:
            raise ValueError("simulated failure")
        return original(self, run)

    monkeypatch.setattr(RunTables, "__call__", call)
    files = [str(ROOT / "scenarios" / f) for f in ("sundsvall_2017.yaml", "capability_only.yaml")]
    out = tmp_path / "res"
    args = ["compare", *files, "-n", "3", "--seed", "40", "--set", "horizon.end=2023-03"]
    assert main([*args, "--out", str(out)]) == 1  # the results are written; a run failed
    printed = capsys.readouterr().out
    assert "1 run(s) failed" in printed and "failures.csv" in printed
    words = " ".join(printed.split())  # every printed n is the n used: 3 runs of A, 2 of B
    assert "all 3 runs" in words and "all 2 runs" in words and "in all 2 paired runs" in words
    failures = pd.read_csv(out / "failures.csv")
    assert failures[["scenario", "replication", "seed"]].values.tolist() == [
        ["capability_only", 1, 41]
    ]
    assert "ValueError: simulated failure" in failures.loc[0, "error"]
    comparison = pd.read_csv(out / "comparison.csv")
    assert set(comparison["n_pairs"]) == {2}
    assert "2 paired runs" in printed  # the verdict counts the 2 pairs left
    summary = pd.read_csv(out / "summary.csv")
    assert len(summary) == 5
    manifest = pd.read_json(out / "manifest.json", typ="series")
    assert manifest["runs"]["failed"] == 1 and manifest["runs"]["valid"]["trust"] == 5

    monkeypatch.setattr(RunTables, "__call__", original)
    assert main([*args, "--out", str(out), "--resume"]) == 0
    assert not (out / "failures.csv").exists()
    assert set(pd.read_csv(out / "comparison.csv")["n_pairs"]) == {3}


def test_a_run_stuck_in_a_loop_is_stopped_by_the_run_timeout_and_resume_finishes(
    tmp_path, monkeypatch, capsys
):
    from digistrat.experiments.sweep.plan import MeasurePoint

    from .sweep_files import experiment, write

    path = write(tmp_path, experiment(design={"kind": "lhs", "n": 3, "seed": 5}))
    out = tmp_path / "out"
    original = MeasurePoint.__call__

    def stuck(self, run):
        while run.seed == 12:  # the second seed of every point loops for ever
            pass
        return original(self, run)

    monkeypatch.setattr(MeasurePoint, "__call__", stuck)
    assert main(["sweep", str(path), "--out", str(out), "--run-timeout", "0.3"]) == 1
    said = capsys.readouterr()
    assert "3 runs failed; their errors are in failures.csv" in said.out, said
    failures = pd.read_csv(out / "failures.csv")
    assert len(failures) == 3 and failures["error"].str.startswith("RunTimedOut: ").all()
    assert failures["error"].str.contains("longer than 0.3 s and was stopped").all()
    monkeypatch.setattr(MeasurePoint, "__call__", original)
    assert main(["sweep", str(path), "--out", str(out), "--resume"]) == 0
    assert main(["sweep", str(path), "--out", str(tmp_path / "whole")]) == 0
    pd.testing.assert_frame_equal(
        pd.read_parquet(out / "outcomes.parquet"),
        pd.read_parquet(tmp_path / "whole" / "outcomes.parquet"),
        check_exact=True,
    )


@pytest.mark.parametrize("value", ["0", "-1", "soon", "100000"])
def test_a_bad_run_timeout_is_an_input_error(tmp_path, capsys, value):
    from .sweep_files import experiment, write

    path = write(tmp_path, experiment())
    with pytest.raises(SystemExit) as exit_:
        main(["sweep", str(path), "--run-timeout", value])
    assert exit_.value.code == 2
    assert "--run-timeout" in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["study", "sweep"])
def test_when_every_run_fails_the_plots_say_so_instead_of_failing(
    tmp_path, monkeypatch, capsys, kind
):
    from digistrat.experiments.sweep.plan import MeasurePoint

    from .sweep_files import experiment, write

    def fails(self, run):
        raise RuntimeError("simulated crash")

    monkeypatch.setattr(RunTables if kind == "study" else MeasurePoint, "__call__", fails)
    out = tmp_path / "out"
    if kind == "study":
        scenario = str(ROOT / "scenarios" / "sundsvall_2017.yaml")
        command = ["run", scenario, "-n", "2", "--set", "horizon.end=2018-06"]
        again = ["report", str(out)]
    else:
        command = ["sweep", str(write(tmp_path, experiment()))]
        again = ["sweep", "--replot", str(out)]
    assert main([*command, "--out", str(out)]) == 1
    said = capsys.readouterr()
    assert "Traceback" not in said.err and "drawing plots failed" not in said.err, said
    assert "no run gave a result, so there is nothing to plot or report" in said.out
    assert len(pd.read_csv(out / "failures.csv")) in (2, 6)
    assert main(again) == 1
    assert "no run gave a result" in capsys.readouterr().out
