"""A sweep refuses what it cannot do before it runs, and says truly what it did.

The dry run checks what the sweep checks; outcomes lie inside every design point's
horizon; grids of names and months draw; a replot refuses an unfinished or locked
folder; a discovery removes the plots it no longer draws; the counts in messages
agree with each other and with what ``--resume`` does.
"""

import fcntl
import json
import re

import numpy as np
import pandas as pd
import pytest
from digistrat.cli import main
from digistrat.core.columns import OUTCOMES
from digistrat.core.registry import strategy_names
from digistrat.experiments import layout
from digistrat.experiments.sweep import ExperimentError, load_experiment
from digistrat.experiments.sweep.analysis import missing
from digistrat.experiments.sweep.plan import MeasurePoint
from digistrat.experiments.sweep.schema import MAX_FACTORS
from digistrat.views.sweep import tick_label

from .sweep_files import ROOT, experiment, fail_at_seeds, write

GRID = {"kind": "grid", "levels": 2}


# ----------------------------------------------------------------- 1. the dry run
def test_the_dry_run_refuses_a_point_that_breaks_a_parameter_rule_as_the_sweep_does(
    tmp_path, capsys
):
    parameters = {
        "behaviour.strain.pace": {"low": 0.8, "high": 1.4},
        "funding.programme.end": {"values": ["2017-06", "2022-12"]},
    }
    path = write(tmp_path, experiment(parameters=parameters, design=GRID))
    said = {}
    for how, extra in (("run", ["--out", str(tmp_path / "r")]), ("dry", ["--dry-run"])):
        assert main(["sweep", str(path), *extra]) == 2, how
        out, err = capsys.readouterr()
        said[how] = err
        assert "Traceback" not in err and "failed:" not in err
        assert "design point 0 breaks a parameter rule" in err and "narrow the ranges" in err
        assert "end (2017-06) is before start (2018-01)" in err
    assert said["dry"] == said["run"]
    assert "time:" not in out  # nothing estimated for a file the sweep refuses


@pytest.mark.parametrize("section", ["parameters", "levers"])
def test_a_design_month_outside_the_horizon_is_refused_as_in_a_scenario(tmp_path, section):
    varied = {"strategy.modernisation_start": {"values": ["2017-06", "2025-01"]}}
    data = experiment()  # the horizon ends 2019-12
    data[section] = {**data.get(section, {}), **varied}
    path = write(tmp_path, data)
    with pytest.raises(ExperimentError) as caught:
        run_experiment_dry(path)
    text = str(caught.value)
    assert "breaks a parameter rule" in text and "strategy.modernisation_start" in text
    assert "2025-01 is outside the horizon 2017-01..2019-12" in text


def run_experiment_dry(path):
    from digistrat.experiments.sweep import plan

    return plan(load_experiment(path))


def test_checking_only_what_changed_refuses_what_the_full_check_refuses():
    from digistrat import Parameters, replace_path
    from digistrat.core.parameters import ParameterError, check

    base = check(Parameters())
    late = replace_path(base, "funding.programme.start", "2030-01")  # after its end
    for known in (None, base):
        with pytest.raises(ParameterError, match="is before start"):
            check(late, known=known)
    names = [d.name for d in base.organisation.departments]
    fine = replace_path(base, f"organisation.departments.{names[-1]}.size", 12)
    assert check(fine, known=base) is fine


# ------------------------------------------------------- 2. outcomes and horizons
@pytest.mark.parametrize(
    "outcome", ["change_capability@2026-12", "change_capability@2024-01..2026-12"]
)
@pytest.mark.parametrize("section", ["parameters", "levers"])
def test_an_outcome_must_lie_within_the_horizon_of_every_design_point(tmp_path, outcome, section):
    varied = {"horizon.end": {"values": ["2025-06", "2026-12"]}}
    data = experiment(set=[], outcomes=[outcome])
    if section == "levers":
        data["levers"] = varied
    else:
        data["parameters"] = {**data["parameters"], **varied}
    with pytest.raises(ExperimentError) as caught:
        load_experiment(write(tmp_path, data))
    text = str(caught.value)
    assert "outcomes[0]" in text and outcome in text
    assert f"{section}.horizon.end takes 2025-06" in text
    assert "months from 2017-01 to 2025-06" in text


def test_an_outcome_within_every_varied_horizon_is_accepted_beyond_the_base_horizon(tmp_path):
    data = experiment(outcomes=["change_capability@2025-06", "trust@2024-01..2025-06"])
    data["parameters"]["horizon.end"] = {"values": ["2025-06", "2026-12"]}  # base: 2019-12
    e = load_experiment(write(tmp_path, data))
    assert [m.name for m in e.measures][:1] == ["change_capability@2025-06"]


def test_a_varied_start_bounds_the_outcomes_from_below(tmp_path):
    data = experiment(outcomes=["change_capability@2017-06"])
    data["parameters"]["horizon.start"] = {"values": ["2017-01", "2018-01"]}
    with pytest.raises(ExperimentError, match="horizon.start takes 2018-01"):
        load_experiment(write(tmp_path, data))


# --------------------------------------------------- 3. heat maps of names, months
def test_tick_labels_are_numbers_switches_and_text():
    assert [tick_label(v) for v in (0.15, np.float64(2.0), np.int64(3))] == ["0.15", "2", "3"]
    assert [tick_label(v) for v in (True, np.False_)] == ["true", "false"]
    assert [tick_label(v) for v in ("big_bang", "2020-12")] == ["big_bang", "2020-12"]


@pytest.mark.parametrize(
    "parameter, values",
    [
        ("strategy.kind", ["small_steps", "big_bang"]),
        ("funding.programme.end", ["2018-12", "2019-06"]),
        ("funding.investment.enabled", [True, False]),
    ],
)
def test_a_grid_of_a_name_or_month_draws_its_heat_map_and_replots(
    tmp_path, capsys, parameter, values
):
    parameters = {"behaviour.strain.pace": {"low": 0.8, "high": 1.4}, parameter: {"values": values}}
    path = write(tmp_path, experiment(parameters=parameters, design=GRID))
    out = tmp_path / "r"
    assert main(["sweep", str(path), "--out", str(out)]) == 0
    assert main(["sweep", "--replot", str(out)]) == 0
    err = capsys.readouterr().err
    assert "drawing plots failed" not in err
    assert (out / "plots" / "mean_change_capability_2019-12.png").is_file()


# ----------------------------------------------- 4. replot: unfinished or locked
@pytest.fixture(scope="module")
def finished(tmp_path_factory):
    """A finished small grid sweep (its folder: copy before changing it)."""
    tmp = tmp_path_factory.mktemp("finished")
    path = write(tmp, experiment(design=GRID, replications={"count": 2, "seed": 11}))
    out = tmp / "r"
    assert main(["sweep", str(path), "--out", str(out)]) == 0
    return out


def _copy(folder, to):
    import shutil

    return shutil.copytree(folder, to)


def test_replot_refuses_a_sweep_stopped_part_way(finished, tmp_path, capsys):
    out = _copy(finished, tmp_path / "r")
    manifest = json.loads((out / layout.MANIFEST).read_text())
    manifest["runs"] = {"status": "running", "planned": 8}  # what a stopped sweep holds
    (out / layout.MANIFEST).write_text(json.dumps(manifest))
    capsys.readouterr()
    assert main(["sweep", "--replot", str(out)]) == 2
    out_text, err = capsys.readouterr()
    assert "incomplete sweep" in err and "--resume" in err and "plots:" not in out_text


def test_replot_refuses_a_folder_another_process_is_writing(finished, tmp_path, capsys):
    out = _copy(finished, tmp_path / "r")
    with open(out / layout.LOCK, "a+", encoding="utf-8") as held:
        fcntl.flock(held.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("pid 12345\n")
        held.flush()
        capsys.readouterr()
        assert main(["sweep", "--replot", str(out)]) == 2
    out_text, err = capsys.readouterr()
    assert "locked" in err and "pid 12345" in err and "plots:" not in out_text
    assert main(["sweep", "--replot", str(out)]) == 0  # once the lock is let go


# ------------------------------------------------------ 5. discover's old plots
def test_discover_removes_the_discovery_plots_it_no_longer_draws_and_no_others(tmp_path, capsys):
    data = experiment(
        set=["horizon.end=2021-12"],
        parameters={"behaviour.legacy.brake": {}, "behaviour.needs.turbulence": {}},
        levers={"strategy.kind": {"values": ["small_steps", "big_bang", "adaptive"]}},
        design={"kind": "lhs", "n": 16, "seed": 3},
        outcomes=["change_capability@2021-12", "change_capability@2020-01..2021-12"],
        discovery={"resamples": 0, "seed": 5},
    )
    out = tmp_path / "r"
    assert main(["sweep", str(write(tmp_path, data)), "--out", str(out), "-j", "2"]) == 0
    plots = out / "plots"
    found = re.compile(r"^(discovery_|robustness_|satisficing)")
    before = {p.name for p in plots.iterdir() if found.match(p.name)}
    other = "robustness_change_capability_2020-01_2021-12.png"
    assert other in before
    sweep_plots = {p.name for p in plots.iterdir() if p.name.startswith("sensitivity_")}

    command = ["discover", str(out), "--pair", "small_steps,big_bang"]
    assert main([*command, "--measure", "change_capability@2021-12"]) == 0
    after = {p.name for p in plots.iterdir() if found.match(p.name)}
    assert other not in after and not [n for n in after if "adaptive" in n]
    listed = layout.plots_written(plots)
    assert after <= listed and not (before - after) & listed  # the list says what is there
    assert sweep_plots <= {p.name for p in plots.iterdir()}  # the sweep's own plots stay


# ----------------------------------------------------------- 6. see test_executors
# ---------------------------------------------------------------- 7. NaN notes
def test_the_missing_value_note_says_which_points_failed_and_which_gave_nan():
    y = np.array([1.0, np.nan, np.nan, np.nan, 2.0])
    failed = np.array([False, True, False, False, False])
    note = missing("m", y, "none are computed", failed)
    assert "3 of 5 design points lack a value" in note
    assert "1 with a failed run (--resume reruns failed runs)" in note
    assert "2 where the model gave no value (a NaN output" in note
    only_nan = missing("m", y, "x", np.zeros(5, dtype=bool))
    assert "--resume" not in only_nan and "3 where the model gave no value" in only_nan


def test_a_sweep_with_failed_runs_says_resume_reruns_them(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, experiment(design={"kind": "lhs", "n": 30, "seed": 3}))
    with monkeypatch.context() as patch:
        fail_at_seeds(patch, {12})
        assert main(["sweep", str(path), "--out", str(tmp_path / "r")]) == 1
    out = capsys.readouterr().out
    assert "30 of 30 design points lack a value: 30 with a failed run" in out
    assert "where the model gave no value" not in out


# ------------------------------------------------- 8. --fail-fast and --resume
def test_fail_fast_and_resume_count_the_stored_runs_alike(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, experiment(design={"kind": "lhs", "n": 6, "seed": 3}))
    out = tmp_path / "r"
    with monkeypatch.context() as patch:
        fail_at_seeds(patch, {12})
        assert main(["sweep", str(path), "--out", str(out), "--fail-fast"]) == 1
    err = capsys.readouterr().err
    said = re.search(r"(\d+) of 12 runs are stored in \S+ \(and 1 failed run, which", err)
    assert said, err
    assert main(["sweep", str(path), "--out", str(out), "--resume"]) == 0
    printed = capsys.readouterr().out
    assert f"{said[1]} were stored already" in printed, printed


# ---------------------------------------------------------- 9. unknown outcome
def test_an_unknown_outcome_names_the_file_that_lists_the_outcomes(tmp_path):
    with pytest.raises(ExperimentError) as caught:
        load_experiment(write(tmp_path, experiment(outcomes=["capabilty@2019-12"])))
    text = str(caught.value)
    assert "model/core/columns.py" in text and "outcomes_info" not in text
    assert (ROOT / "model" / "core" / "columns.py").is_file() and OUTCOMES


# ------------------------------------------------- 10. the variance summary's n
def test_the_variance_summary_says_how_many_design_points_it_used(tmp_path, monkeypatch, capsys):
    path = write(tmp_path, experiment(design={"kind": "lhs", "n": 8, "seed": 3}))
    original = MeasurePoint.__call__

    def call(self, run):
        if run.point in (2, 5) and run.replication == 1:
            raise RuntimeError("simulated crash")
        return original(self, run)

    monkeypatch.setattr(MeasurePoint, "__call__", call)
    assert main(["sweep", str(path), "--out", str(tmp_path / "r")]) == 1
    out = capsys.readouterr().out
    lines = out.splitlines()
    head = next(i for i, line in enumerate(lines) if line.startswith("variance of a run"))
    assert "n design points where every seed gave a value" in lines[head]
    assert lines[head + 1].split()[:3] == ["outcome", "n", "luck"]
    assert "6 of 8" in lines[head + 2]
    table = pd.read_csv(tmp_path / "r" / layout.VARIANCE)
    assert (table["points"] == 6).all()


# --------------------------------------------- 11. the dry run with --scheduler
def test_the_dry_run_on_a_scheduler_gives_the_time_for_one_worker(tmp_path, capsys):
    path = write(tmp_path, experiment())
    command = ["sweep", str(path), "--dry-run", "--scheduler", "tcp://127.0.0.1:9"]
    assert main(command) == 0
    out = capsys.readouterr().out
    assert "on one worker" in out and "divide by the cluster's workers" in out
    assert "on 1 worker(s)" not in out
    assert main(["sweep", str(path), "--dry-run", "--dask", "2"]) == 0
    assert "on 2 worker(s)" in capsys.readouterr().out


# --------------------------------------------------------------------- 12. docs
def test_the_docs_give_the_limits_and_names_the_code_has():
    experiments = (ROOT / "docs" / "experiments.md").read_text(encoding="utf-8")
    assert f"the uncertain parameters (factors), 1 to {MAX_FACTORS}" in experiments
    assert "`design.n` | 1 to 100,000." in experiments
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    listed = re.search(r"must be one of (.*?)\(the strategies", cli, re.S)[1]
    assert set(re.findall(r"`(\w+)`", listed)) == set(strategy_names())
    for scenario in (ROOT / "scenarios").glob("[!_]*.yaml"):
        assert f"`{scenario.name}`" in cli, scenario.name
    header = (ROOT / "experiments" / "discovery_small_vs_big.yaml").read_text(encoding="utf-8")
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    timing = r"(\d+) minutes on 2 idle cores"
    told = {re.search(timing, " ".join(t.replace("#", " ").split()))[1]
            for t in (header, experiments, readme)}  # fmt: skip
    assert len(told) == 1, f"the discovery sweep's minutes differ: {told}"
