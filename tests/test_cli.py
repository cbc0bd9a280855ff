"""The digistrat command: exit codes, messages, and the results it writes."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
import yaml
from digistrat.cli import main
from digistrat.core.columns import OUTCOMES
from digistrat.scenario import load_scenario

from tests.signals import popen_with_ctrl_c

ROOT = Path(__file__).resolve().parents[1]
SCENARIOS = ROOT / "scenarios"
SHORT = ["--set", "horizon.end=2023-03"]

BAD = {
    "unknown_key": ("strategy:\n  kindd: big_bang\n", ":2:", "strategy.kindd", "did you mean"),
    "wrong_type": ("funding:\n  programme:\n    annual_msek: lots\n", ":3:", "annual_msek", ""),
    "out_of_range": ("behaviour:\n  trust:\n    gain: 7\n", ":3:", "behaviour.trust.gain", ""),
    "end_before_start": ("horizon:\n  end: 2016-12\n", ":2:", "horizon.end", "before start"),
    "unknown_strategy": ("strategy: {kind: bigbang}\n", ":1:", "strategy.kind", "'big_bang'"),
    "bad_yaml": ("strategy: [small_steps\n", ":2:", "invalid YAML", ""),
    "missing_extends": ("extends: nowhere.yaml\n", ":1:", "extends", "does not exist"),
    "extends_cycle": ("extends: bad.yaml\n", ":1:", "extends", "cycle"),
}


@pytest.mark.parametrize("case", sorted(BAD))
@pytest.mark.parametrize("command", ["validate", "run", "show"])
def test_bad_scenarios_exit_2_with_a_short_located_message(tmp_path, capsys, case, command):
    text, line, field, words = BAD[case]
    path = tmp_path / "bad.yaml"
    path.write_text(text, encoding="utf-8")
    code = main([command, str(path), *(["--out", str(tmp_path / "o")] if command == "run" else [])])
    err = capsys.readouterr().err
    assert code == 2
    assert "bad.yaml" + line in err and field in err and words in err
    assert "Traceback" not in err
    assert len(err.splitlines()) <= 24
    assert not (tmp_path / "o").exists()


def test_errors_from_a_real_process_have_no_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("strategy:\n  kind: big_bagn\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "model", "validate", str(path)], capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "bad.yaml:2: strategy.kind" in done.stderr and "did you mean 'big_bang'" in done.stderr
    assert "Traceback" not in done.stderr


def test_debug_shows_the_traceback(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_text("seed: -3\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-m", "model", "--debug", "show", str(path)],
        capture_output=True,
        text=True,
    )
    assert done.returncode == 1
    assert "Traceback" in done.stderr and "ScenarioError" in done.stderr
    with pytest.raises(Exception, match="seed"):
        main(["--debug", "show", str(path)])


def test_validate_prints_ok_for_every_shipped_scenario(capsys):
    files = sorted(SCENARIOS.glob("*.yaml"))
    assert main(["validate", *map(str, files)]) == 0
    out = capsys.readouterr().out
    assert out.count("OK ") == len(files)


def test_validate_reports_every_bad_file_and_exits_2(tmp_path, capsys):
    good, bad = tmp_path / "good.yaml", tmp_path / "bad.yaml"
    good.write_text("seed: 3\n")
    bad.write_text("seed: x\n")
    assert main(["validate", str(good), str(bad)]) == 2
    captured = capsys.readouterr()
    assert "OK  " in captured.out and "bad.yaml:1: seed" in captured.err


def test_show_prints_a_scenario_that_loads_back(tmp_path, capsys):
    source = SCENARIOS / "big_bang__programme_2022.yaml"
    assert main(["show", str(source), "--set", "organisation.departments.education.trust=0.7"]) == 0
    text = capsys.readouterr().out
    (tmp_path / "shown.yaml").write_text(text)
    again = load_scenario(tmp_path / "shown.yaml")
    assert again.params.organisation.departments[0].trust == 0.7
    assert again.params.funding.investment.enabled is False
    assert yaml.safe_load(text)["name"] == "big_bang__programme_2022"


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", str(SCENARIOS / "sundsvall_2017.yaml"), "--jobs", "0"])
    assert info.value.code == 2
    assert "0 is not between 1 and" in capsys.readouterr().err


@pytest.mark.parametrize("option", ["--jobs", "--dask"])
def test_more_workers_than_four_per_cpu_are_refused(capsys, tmp_path, option):
    from digistrat.cli_runs import most_workers

    with pytest.raises(SystemExit) as info:
        main(["run", str(SCENARIOS / "sundsvall_2017.yaml"), option, str(most_workers() + 1),
              "--out", str(tmp_path / "r")])  # fmt: skip
    assert info.value.code == 2
    assert "4 worker processes per CPU" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()


def test_no_more_workers_start_than_there_are_runs(tmp_path, capsys):
    out = tmp_path / "r"
    args = ["run", str(SCENARIOS / "sundsvall_2017.yaml"), "-n", "2", "-j", "8", *SHORT]
    assert main([*args, "--out", str(out)]) == 0
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["executor"]["workers"] == 2, manifest["executor"]


def test_a_reader_that_goes_away_does_not_stop_the_results(tmp_path):
    """`digistrat run ... | head -1`: the plots and the report are still written, exit 0."""
    out = tmp_path / "r"
    command = [sys.executable, "-m", "digistrat", "run", str(SCENARIOS / "sundsvall_2017.yaml"),
               "-n", "2", "--out", str(out), *SHORT]  # fmt: skip
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # the reader is gone before the first line
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 0, err.decode()
    assert b"BrokenPipe" not in err and b"Exception ignored" not in err
    assert (out / "report.html").is_file() and any((out / "plots").glob("*.png"))


def test_help_of_every_command_has_examples(capsys):
    for command in ("run", "compare", "validate", "show", "report"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "examples:" in capsys.readouterr().out


def test_report_of_a_missing_directory_exits_2(tmp_path, capsys):
    assert main(["report", str(tmp_path / "none")]) == 2
    assert "does not exist" in capsys.readouterr().err


@pytest.mark.slow
def test_run_writes_results_refuses_to_overwrite_and_report_redraws(tmp_path, capsys):
    out = tmp_path / "res"
    source = SCENARIOS / "sundsvall_2017.yaml"
    args = ["run", str(source), "-n", "2", "--seed", "40", "--out", str(out), *SHORT]
    assert main(args) == 0
    captured = capsys.readouterr()
    assert "ran 2 runs" in captured.out and "Traceback" not in captured.err
    ts = pd.read_parquet(out / "timeseries.parquet")
    assert ts.seed.unique().tolist() == [40, 41]
    assert list(ts.columns[:5]) == ["scenario", "replication", "seed", "month", "step"]
    assert set(OUTCOMES) <= set(ts.columns)
    summary = pd.read_csv(out / "summary.csv")
    assert len(summary) == 2
    assert {"change_capability@2022-12", "change_capability@end"} <= set(summary.columns)
    assert "change_capability@2026-12" not in summary.columns  # outside the horizon
    manifest = json.loads((out / "manifest.json").read_text())
    scenario = load_scenario(source, SHORT[1:])
    assert manifest["scenarios"][0]["sha256"] == scenario.sha256()
    assert manifest["scenarios"][0]["seeds"] == [40, 41]
    assert manifest["environment"]["packages"]["numpy"] and manifest["command"][1] == "run"
    assert manifest["kind"] == "study"
    assert manifest["code"]["commit"] or manifest["code"]["checkout"] is None
    assert any((out / "plots").iterdir())

    before = (out / "summary.csv").read_bytes()
    assert main(args) == 2
    assert "already holds results" in capsys.readouterr().err
    assert (out / "summary.csv").read_bytes() == before

    (out / "summary.csv").unlink()
    assert main(["report", str(out)]) == 0
    assert (out / "summary.csv").read_bytes() == before

    assert main([*args[:-2], "--set", "horizon.end=2022-12", "--force"]) == 0
    assert pd.read_parquet(out / "timeseries.parquet").month.max() == "2022-12"


@pytest.mark.slow
def test_compare_uses_common_seeds_and_jobs_do_not_change_results(tmp_path, capsys):
    files = [str(SCENARIOS / f) for f in ("sundsvall_2017.yaml", "big_bang__investment.yaml")]
    common = ["-n", "3", *SHORT]
    assert main(["compare", *files, *common, "--out", str(tmp_path / "j1")]) == 0
    assert main(["compare", *files, *common, "-j", "2", "--out", str(tmp_path / "j2")]) == 0
    out = capsys.readouterr().out
    assert "Question: Which " in out and "Verdict: " in out
    assert "Ranked on change capability index at the end of the run" in out  # a short run
    assert out.index("Verdict: ") < out.index("report: "), "the report's path comes last"
    for name in ("timeseries", "initiatives", "departments"):
        a = pd.read_parquet(tmp_path / "j1" / f"{name}.parquet")
        b = pd.read_parquet(tmp_path / "j2" / f"{name}.parquet")
        pd.testing.assert_frame_equal(a, b)
    ts = pd.read_parquet(tmp_path / "j1" / "timeseries.parquet")
    seeds = ts.groupby("scenario").seed.unique().map(sorted)
    assert seeds["sundsvall_2017"] == seeds["big_bang__investment"] == [2017, 2018, 2019]
    comparison = pd.read_csv(tmp_path / "j1" / "comparison.csv")
    assert list(comparison.columns) == [
        "outcome", "month", "scenario_a", "scenario_b", "mean_a", "mean_b",
        "mean_diff", "ci_low", "ci_high", "p_a_better", "n_pairs",
    ]  # fmt: skip
    assert set(comparison.n_pairs) == {3}
    assert (comparison.scenario_a == "sundsvall_2017").all()
    assert {"2022-12", "end"} == set(comparison.month)


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM, signal.SIGHUP])
def test_an_interrupted_run_keeps_earlier_results_and_leaves_no_debris(tmp_path, sig):
    out = tmp_path / "res"
    source = str(SCENARIOS / "sundsvall_2017.yaml")
    assert main(["run", source, "-n", "2", "--out", str(out), *SHORT]) == 0
    earlier = set((out / "runs").iterdir())
    command = [sys.executable, "-m", "digistrat", "run", source, "-n", "400", "-j", "2"]
    command += ["--out", str(out), "--resume", *SHORT]
    proc = popen_with_ctrl_c(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not set((out / "runs").iterdir()) - earlier and time.monotonic() < deadline:
        time.sleep(0.05)
    proc.send_signal(sig)
    _, err = proc.communicate(timeout=60)
    assert proc.returncode == 130, err
    assert "interrupted:" in err and "runs are stored" in err and "Traceback" not in err
    assert "were kept and continued" in err
    assert earlier <= set((out / "runs").iterdir())  # the earlier runs are still there
    debris = [p.name for p in out.rglob(".*") if p.name != ".lock"]
    assert debris == [] and sorted(p.name for p in tmp_path.iterdir()) == ["res"]


def test_report_options_that_are_wrong_are_clear_errors(tmp_path, capsys):
    from tests.views.conftest import make_results

    folder = make_results(tmp_path / "res", replications=2)
    assert main(["report", str(folder), "--headline", "capability@2026-12"]) == 2
    err = capsys.readouterr().err
    assert "unknown outcome 'capability'" in err and "Traceback" not in err
    assert main(["report", str(folder), "--robustness", str(tmp_path / "nowhere")]) == 2
    assert "manifest.json is missing" in capsys.readouterr().err
    assert main(["report", str(folder), "--headline", "trust@2026-12"]) == 0
    out = capsys.readouterr().out
    assert "Ranked on trust in the digitalisation unit in 2026" in out
    assert out.rstrip().endswith("report.html")


def test_app_port_must_be_a_user_port(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["app", "--port", "80"])
    assert exit_.value.code == 2
    assert "80 is not a port in 1024..65535" in capsys.readouterr().err


# --------------------------------------------------------------- results directories
def _files(folder):
    return sorted(
        (str(p.relative_to(folder)), p.read_bytes()) for p in folder.rglob("*") if p.is_file()
    )


def test_force_keeps_a_users_own_figure_in_plots_and_replaces_only_digistrats(tmp_path, capsys):
    out = tmp_path / "v1"
    args = ["run", str(SCENARIOS / "sundsvall_2017.yaml"), "-n", "1", "--out", str(out), *SHORT]
    assert main(args) == 0
    (out / "plots" / "my_figure.png").write_text("mine")
    before = _files(tmp_path)
    assert main([*args, "--force"]) == 2
    err = capsys.readouterr().err
    assert "plots/my_figure.png" in err and "nothing was changed" in err
    assert _files(tmp_path) == before
    (out / "plots" / "my_figure.png").unlink()
    assert main([*args, "--force"]) == 0  # its own plots alone are replaced
    assert (out / "plots" / "change_capability.png").is_file()


def test_force_refuses_the_plots_of_an_earlier_version_that_kept_no_list(tmp_path, capsys):
    out = tmp_path / "v1"
    args = ["run", str(SCENARIOS / "sundsvall_2017.yaml"), "-n", "1", "--out", str(out), *SHORT]
    assert main(args) == 0
    (out / "plots" / "digistrat_plots.txt").unlink()  # as an earlier digistrat left it
    before = _files(tmp_path)
    assert main([*args, "--force"]) == 2
    err = capsys.readouterr().err
    assert "earlier digistrat" in err and "nothing was changed" in err
    assert _files(tmp_path) == before


def test_report_removes_only_the_plots_it_drew_earlier_and_no_longer_draws(tmp_path, capsys):
    from tests.views.conftest import make_results

    folder = make_results(tmp_path / "res", replications=2)
    assert main(["report", str(folder), "--headline", "trust@2026-12"]) == 0
    assert (folder / "plots" / "trust.png").is_file()
    (folder / "plots" / "mine.png").write_text("mine")
    assert main(["report", str(folder)]) == 0
    out = capsys.readouterr().out
    figures = int(out.split("plots: ")[-1].split()[0])
    drawn = {p.name for p in (folder / "plots").iterdir()} - {"mine.png", "digistrat_plots.txt"}
    assert not (folder / "plots" / "trust.png").exists()
    assert len(drawn) == 2 * figures
    assert (folder / "plots" / "mine.png").read_text() == "mine"


@pytest.mark.parametrize(
    ("change", "words"),
    [
        (["--scenario", "big_bang__programme_2022.yaml"], "scenarios: stored small_steps"),
        (["--set", "strategy.kind=hybrid"], 'strategy.kind: stored "small_steps"; now "hybrid"'),
        (["--seed", "5"], "seeds: stored 2017..2018 (2 runs); now 5..6"),
        (["-n", "1"], "replications: 2 are stored, now 1"),
    ],
)
def test_resume_refuses_other_inputs_and_keeps_the_results(tmp_path, capsys, change, words):
    out = tmp_path / "v2"
    first = SCENARIOS / "small_steps__programme_2022.yaml"
    assert main(["run", str(first), "-n", "2", "--out", str(out), *SHORT]) == 0
    before = _files(out)
    scenario = first
    if change[0] == "--scenario":
        scenario, change = SCENARIOS / change[1], []
    args = ["run", str(scenario), "-n", "2", "--out", str(out), *SHORT, "--resume"]
    capsys.readouterr()
    assert main([*args, *change]) == 2
    err = capsys.readouterr().err
    assert words in err and "another --out" in err and "--force" in err, err
    assert "Traceback" not in err
    assert _files(out) == before


@pytest.mark.slow
def test_resume_with_more_replications_of_the_same_inputs_adds_them(tmp_path, capsys):
    out = tmp_path / "v2"
    args = ["run", str(SCENARIOS / "sundsvall_2017.yaml"), "--out", str(out), *SHORT]
    assert main([*args, "-n", "1"]) == 0
    assert main([*args, "-n", "2", "--resume"]) == 0
    assert "ran 1 runs (1 were stored already)" in capsys.readouterr().out
    assert len(pd.read_csv(out / "summary.csv")) == 2


@pytest.mark.parametrize("out", ["afile.txt/sub", "afile.txt", "/proc/digistrat_x"])
def test_an_out_that_cannot_be_a_folder_exits_2_before_any_run(tmp_path, monkeypatch, capsys, out):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "afile.txt").write_text("a file")
    source = str(SCENARIOS / "sundsvall_2017.yaml")
    assert main(["run", source, "-n", "1", "--out", out, *SHORT]) == 2
    err = capsys.readouterr().err
    assert "--out" in err or "not a directory" in err
    assert "Traceback" not in err and "Error" not in err and "ran " not in err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["afile.txt"]


@pytest.mark.parametrize("out", ["r1/.", "r1/./", "r1/.."])
def test_an_out_ending_in_a_dot_is_refused(tmp_path, capsys, out):
    (tmp_path / "r1").mkdir()
    source = str(SCENARIOS / "sundsvall_2017.yaml")
    try:
        code = main(["run", source, "-n", "1", "--out", f"{tmp_path}/{out}", "--force"])
    except SystemExit as exit_:
        code = exit_.code
    assert code == 2
    assert "a name of its own" in capsys.readouterr().err
    assert list((tmp_path / "r1").iterdir()) == []


def test_report_of_a_file_says_it_is_a_file(tmp_path, capsys):
    (tmp_path / "afile.txt").write_text("x")
    assert main(["report", str(tmp_path / "afile.txt")]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a results directory" in err and "does not exist" not in err


# --------------------------------------------------------------- the report and headline
def test_the_report_names_the_overrides_it_was_run_with(tmp_path):
    out = tmp_path / "r"
    source = str(SCENARIOS / "sundsvall_2017.yaml")
    assert main(["run", source, "-n", "1", "--set", "strategy.kind=hybrid", *SHORT]
                + ["--out", str(out)]) == 0  # fmt: skip
    for name in ("report.md", "report.html"):
        text = (out / name).read_text(encoding="utf-8")
        head = text[: text.index("Question")]
        assert "strategy.kind=hybrid" in head, name  # in the title
        assert "as run: hybrid strategy" in text and "--set strategy.kind=hybrid" in text


@pytest.mark.parametrize(
    ("headline", "words"),
    [
        ("change_capability@2026-13", "months 01 to 12"),
        ("change_capability@2026-00", "months 01 to 12"),
        ("spend_operating_msek@2026-12", "neither higher nor lower is better"),
        ("unit_utilisation@end", "neither higher nor lower is better"),
        ("nosuch@end", "unknown outcome 'nosuch'"),
        ("change_capability@2040-01", "outside the simulated months"),
    ],
)
def test_a_bad_headline_exits_2_and_report_writes_nothing_first(tmp_path, capsys, headline, words):
    from tests.views.conftest import make_results

    folder = make_results(tmp_path / "res", replications=2)
    before = _files(folder)
    assert main(["report", str(folder), "--headline", headline]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "drawing plots failed" not in err
    if "better" in words or "unknown" in words:
        assert "a headline may be one of: change_capability" in err
        assert "spend_operating_msek" not in err.split("one of:")[1]
    assert _files(folder) == before


def test_report_checks_robustness_before_it_writes(tmp_path, capsys):
    from tests.views.conftest import make_results

    folder = make_results(tmp_path / "res", replications=2)
    before = _files(folder)
    assert main(["report", str(folder), "--robustness", str(tmp_path / "nowhere")]) == 2
    assert _files(folder) == before


@pytest.mark.parametrize("headline", ["nosuch@end", "change_capability@2026-13", "trust@2031-01"])
def test_compare_checks_the_headline_before_anything_runs(tmp_path, capsys, headline):
    files = [str(SCENARIOS / f) for f in ("sundsvall_2017.yaml", "big_bang__investment.yaml")]
    out = tmp_path / "c"
    assert main(["compare", *files, "-n", "1", "--out", str(out), "--headline", headline]) == 2
    assert "headline" in capsys.readouterr().err
    assert not out.exists()


# --------------------------------------------------------------- options and messages
def test_set_extends_is_refused(capsys):
    source = str(SCENARIOS / "sundsvall_2017.yaml")
    for value in ("scenarios/big_bang__investment.yaml", "/etc/passwd"):
        assert main(["show", source, "--set", f"extends={value}"]) == 2
        err = capsys.readouterr().err
        assert "extends" in err and "cannot be set on the command line" in err


def test_replications_have_one_limit_on_the_command_line_and_in_a_file(capsys):
    from digistrat.scenario.schema import MAX_REPLICATIONS

    source = str(SCENARIOS / "sundsvall_2017.yaml")
    with pytest.raises(SystemExit):
        main(["run", source, "-n", str(MAX_REPLICATIONS + 1)])
    assert f"more than {MAX_REPLICATIONS}" in capsys.readouterr().err


def test_allow_dir_help_of_validate_and_show_names_only_extends(capsys):
    for command in ("validate", "show"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        out = capsys.readouterr().out
        assert "let extends: name files" in out and "scenario:" not in out


def test_the_report_says_when_its_big_bang_does_no_legacy_work_after_its_programme(tmp_path):
    files = [str(SCENARIOS / f"{k}__investment.yaml") for k in ("small_steps", "big_bang")]
    common = ["compare", *files, "-n", "1", "--set", "horizon.end=2018-06"]
    assert main([*common, "--out", str(tmp_path / "a")]) == 0
    text = (tmp_path / "a" / "report.md").read_text(encoding="utf-8")
    assert "as the textbook strategy" in text and "strategy.fixes_after_programme=1" in text
    fixing = [*common, "--set", "strategy.fixes_after_programme=1", "--out", str(tmp_path / "b")]
    assert main(fixing) == 0
    assert "as the textbook strategy" not in (tmp_path / "b" / "report.md").read_text("utf-8")


def test_jobs_with_dask_and_replot_with_other_inputs_are_refused(tmp_path, capsys):
    scenario = str(SCENARIOS / "sundsvall_2017.yaml")
    out = tmp_path / "r"
    assert main(["run", scenario, "--dask", "2", "--jobs", "2", "--out", str(out)]) == 2
    assert "give one of the two" in capsys.readouterr().err and not out.exists()
    grid = str(ROOT / "experiments" / "grid_pace_training.yaml")
    assert main(["sweep", grid, "--replot", str(tmp_path)]) == 2
    assert "give --replot DIR alone" in capsys.readouterr().err


def test_compare_checks_its_robustness_folders_before_anything_runs(tmp_path, capsys):
    files = [str(SCENARIOS / f"{k}__investment.yaml") for k in ("small_steps", "big_bang")]
    out = tmp_path / "r"
    code = main(["compare", *files, "-n", "1", "--robustness", str(tmp_path / "none"),
                 "--out", str(out)])  # fmt: skip
    assert code == 2 and not out.exists()
    assert "is not a results directory" in capsys.readouterr().err


def test_runs_that_repeat_another_exactly_are_said_to_share_its_result(tmp_path, capsys):
    twin = tmp_path / "twin.yaml"
    twin.write_text(f"name: twin\nextends: {SCENARIOS / 'sundsvall_2017.yaml'}\n", "utf-8")
    args = ["compare", str(SCENARIOS / "sundsvall_2017.yaml"), str(twin), "-n", "2", *SHORT]
    assert main([*args, "--allow-dir", str(SCENARIOS), "--out", str(tmp_path / "r")]) == 0
    out = capsys.readouterr().out
    assert "ran 2 runs; 4 runs in all" in out and "2 of the 4 runs repeat another run" in out


def test_a_command_started_with_its_output_closed_still_writes_everything(tmp_path):
    out = tmp_path / "res"
    source = str(SCENARIOS / "sundsvall_2017.yaml")
    command = [sys.executable, "-m", "digistrat", "run", source, "-n", "2", "--out", str(out)]
    done = subprocess.run(
        [*command, *SHORT],
        stdin=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        timeout=300,
        preexec_fn=lambda: os.close(1),  # as ``>&-``: Python starts with sys.stdout None
    )
    assert done.returncode == 0, done.stderr
    assert (out / "report.html").is_file() and (out / "plots").is_dir()
    closed_both = subprocess.run(
        [sys.executable, "-m", "digistrat", "validate", source],
        stdin=subprocess.DEVNULL,
        timeout=120,
        preexec_fn=lambda: (os.close(1), os.close(2)),
    )
    assert closed_both.returncode == 0


@pytest.mark.parametrize("folder", ["nowhere", "file.txt"])
def test_allow_dir_must_be_an_existing_folder(tmp_path, capsys, folder):
    (tmp_path / "file.txt").write_text("x")
    with pytest.raises(SystemExit) as exit_:
        main(
            [
                "validate",
                str(SCENARIOS / "sundsvall_2017.yaml"),
                "--allow-dir",
                str(tmp_path / folder),
            ]
        )
    assert exit_.value.code == 2
    assert "--allow-dir takes a folder" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("error", "words"),
    [
        (
            OSError(30, "Read-only file system", "/r/plots/.a.png.1234abcd"),
            "(Read-only file system)",
        ),
        (RuntimeError("a bug"), "drawing plots failed (RuntimeError: a bug)"),
    ],
)
def test_plots_that_cannot_be_drawn_keep_the_results_and_say_why(tmp_path, capsys, error, words):
    from tests.views.conftest import make_results

    folder = make_results(tmp_path / "res", replications=2)

    def fails():
        raise error

    from digistrat.cli_runs import guarded_drawing

    drawn, code = guarded_drawing(fails, folder, f"digistrat report {folder}", debug=False)
    err = capsys.readouterr().err
    assert (drawn, code) == (None, 1) and words in err and "Traceback" not in err
    assert f"the results are kept in {folder}; retry with: digistrat report {folder}" in err
    assert ".a.png.1234abcd" not in err  # not the name of a temporary file
