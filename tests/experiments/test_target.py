"""Results directories: --force replaces only digistrat's own, a lock refuses a second writer."""

import os
import re
import stat

import pytest
from digistrat.cli import main
from digistrat.experiments.layout import STUDY, SWEEP, ResultsError
from digistrat.experiments.sweep import ExperimentError, load_experiment
from digistrat.experiments.target import REPLACED, RESUMED, claim

from .sweep_files import ROOT, experiment, write


def _snapshot(folder):
    return sorted(
        (str(p.relative_to(folder)), p.read_bytes()) for p in folder.rglob("*") if p.is_file()
    )


@pytest.fixture
def sweep_file(tmp_path):
    return write(tmp_path, experiment(design={"kind": "lhs", "n": 2, "seed": 5}))


@pytest.fixture
def written(tmp_path, sweep_file):
    """A sweep's results directory, written by digistrat."""
    out = tmp_path / "res"
    assert main(["sweep", str(sweep_file), "--out", str(out)]) == 0
    return out


def test_force_refuses_a_folder_holding_anything_else_and_deletes_nothing(
    tmp_path, sweep_file, written, capsys
):
    (written / "notes.txt").write_text("mine")
    (written / "plots").mkdir(exist_ok=True)
    (written / "plots" / "draft.pdf").write_text("mine too")
    before = _snapshot(tmp_path)
    assert main(["sweep", str(sweep_file), "--out", str(written), "--force"]) == 2
    err = capsys.readouterr().err
    assert "did not write" in err and "notes.txt" in err and "plots/draft.pdf" in err
    assert "nothing was changed" in err
    assert _snapshot(tmp_path) == before
    foreign = tmp_path / "folder"
    foreign.mkdir()
    (foreign / "summary.csv").write_text("someone else's, without a manifest")
    assert main(["sweep", str(sweep_file), "--out", str(foreign), "--force"]) == 2
    assert "nothing was changed" in capsys.readouterr().err
    assert (foreign / "summary.csv").read_text() == "someone else's, without a manifest"
    assert sorted(p.name for p in foreign.iterdir()) == ["summary.csv"]  # no lock file left


@pytest.mark.parametrize("out", [".", "..", "sub/..", "../.."])
def test_force_refuses_the_working_directory_and_folders_above_it(
    tmp_path, monkeypatch, sweep_file, out, capsys
):
    work = tmp_path / "work"
    (work / "sub").mkdir(parents=True)
    (work / "keep.txt").write_text("keep")
    monkeypatch.chdir(work)
    before = _snapshot(tmp_path)
    allow = ["--allow-dir", str(ROOT)]  # the experiment's scenario is in the repository
    assert main(["sweep", str(sweep_file), "--out", out, "--force", *allow]) == 2
    err = capsys.readouterr().err
    assert "working directory or a folder above it" in err or "a name of its own" in err
    assert _snapshot(tmp_path) == before


def test_force_refuses_a_folder_that_holds_an_input_file(tmp_path, capsys):
    folder = tmp_path / "inputs"
    folder.mkdir()
    data = experiment()
    data["scenario"] = "scenario.yaml"
    (folder / "scenario.yaml").write_text("seed: 3\nhorizon: {end: 2019-12}\n")
    path = write(folder, data)
    before = _snapshot(tmp_path)
    for command in (["sweep", str(path)], ["run", str(folder / "scenario.yaml"), "-n", "1"]):
        assert main([*command, "--out", str(folder), "--force"]) == 2
        assert "holds an input file" in capsys.readouterr().err
    assert _snapshot(tmp_path) == before


def test_names_like_dot_are_refused(tmp_path, capsys):
    for name in (".", "..", ".hidden"):
        path = write(tmp_path, experiment(name=name))
        with pytest.raises(ExperimentError, match="name"):
            load_experiment(path)
    with pytest.raises(ResultsError, match="a name of its own"):
        claim(tmp_path / "results" / "..", kind=SWEEP, force=True)


def test_force_replaces_digistrats_own_results_and_says_so(tmp_path, sweep_file, written):
    (written / "runs" / "part-0-ab.index.parquet").write_bytes(b"an old shard")
    with claim(written, kind=SWEEP, force=True) as target:
        assert target.state == REPLACED and target.removed > 5
        assert "were removed (--force)" in target.history()
        assert [p.name for p in written.iterdir()] == [".lock"]


def test_results_are_refused_without_force_or_resume_and_resume_needs_the_same_kind(
    written, capsys, sweep_file
):
    before = _snapshot(written)
    assert main(["sweep", str(sweep_file), "--out", str(written)]) == 2
    assert "already holds results" in capsys.readouterr().err
    with pytest.raises(ResultsError, match="a sweep's results, not a study's"):
        claim(written, kind=STUDY, resume=True)
    with claim(written, kind=SWEEP, resume=True) as target:
        assert target.state == RESUMED
    assert _snapshot(written) == before


def test_a_second_writer_to_the_same_folder_is_refused(tmp_path, sweep_file, capsys):
    out = tmp_path / "busy"
    with claim(out, kind=SWEEP):
        assert main(["sweep", str(sweep_file), "--out", str(out)]) == 2
        err = capsys.readouterr().err
        assert "being written by another digistrat process" in err and f"pid {os.getpid()}" in err
        assert main(["sweep", str(sweep_file), "--out", str(out), "--force"]) == 2
    assert main(["sweep", str(sweep_file), "--out", str(out)]) == 0  # the lock went with it


@pytest.mark.parametrize("mask", [0o022, 0o027])
def test_results_follow_the_umask(tmp_path, sweep_file, mask):
    old = os.umask(mask)
    try:
        out = tmp_path / "res"
        assert main(["sweep", str(sweep_file), "--out", str(out)]) == 0
    finally:
        os.umask(old)
    for path in [out, *out.rglob("*")]:
        mode = stat.S_IMODE(path.stat().st_mode)
        expected = (0o777 if path.is_dir() else 0o666) & ~mask
        assert mode == expected, f"{path}: {oct(mode)} != {oct(expected)}"


def test_ctrl_c_while_drawing_says_the_results_are_complete(
    tmp_path, sweep_file, monkeypatch, capsys
):
    import digistrat.views

    def interrupted(folder, *views):
        raise KeyboardInterrupt

    monkeypatch.setattr(digistrat.views, "draw", interrupted)
    out = tmp_path / "res"
    assert main(["sweep", str(sweep_file), "--out", str(out)]) == 130
    err = capsys.readouterr().err
    assert "interrupted while drawing plots" in err and "are complete" in err
    assert "--replot" in err and (out / "outcomes.parquet").is_file()


def test_force_that_cannot_remove_a_file_keeps_the_manifest_so_it_can_try_again(
    tmp_path, sweep_file, written, monkeypatch, capsys
):
    import shutil

    def refused(path, *args, **kwargs):
        raise PermissionError(1, "Operation not permitted", str(path))

    with monkeypatch.context() as patch:
        patch.setattr(shutil, "rmtree", refused)
        assert main(["sweep", str(sweep_file), "--out", str(written), "--force"]) == 2
    err = capsys.readouterr().err
    assert "--force could not remove" in err and "Operation not permitted" in err
    assert "Traceback" not in err and (written / "manifest.json").is_file()
    assert main(["sweep", str(sweep_file), "--out", str(written), "--force"]) == 0
    assert "were removed (--force)" not in capsys.readouterr().err


@pytest.mark.parametrize("kind", ["sweep", "study"])
def test_ctrl_c_after_the_runs_says_they_are_stored_and_resume_writes_the_tables(
    tmp_path, sweep_file, monkeypatch, capsys, kind
):
    from digistrat.experiments import study
    from digistrat.experiments.sweep import run as sweep_run

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    out = tmp_path / "res"
    if kind == "sweep":
        command = ["sweep", str(sweep_file), "--out", str(out)]
        table, module, name = "outcomes.parquet", sweep_run, "summary_table"
    else:
        source = str(ROOT / "scenarios" / "sundsvall_2017.yaml")
        command = ["run", source, "-n", "2", "--set", "horizon.end=2017-06", "--out", str(out)]
        table, module, name = "summary.csv", study, "write_tables"
    with monkeypatch.context() as patch:
        patch.setattr(module, name, interrupted)
        assert main(command) == 130
    err = capsys.readouterr().err
    assert "nothing was written" not in err
    assert re.search(r"interrupted while writing the tables: all \d+ runs are stored", err)
    assert "--resume" in err and not (out / table).exists()
    assert main([*command, "--resume"]) == 0
    assert (out / table).is_file()


def test_a_sweep_without_a_results_directory_does_not_name_the_deleted_folder(
    tmp_path, monkeypatch
):
    from digistrat.experiments import RunFailed
    from digistrat.experiments.sweep import run_experiment

    from .sweep_files import fail_at_seeds

    loaded = load_experiment(write(tmp_path, experiment()))
    fail_at_seeds(monkeypatch, set(loaded.seeds[:1]))
    with pytest.raises(RunFailed) as info:
        run_experiment(loaded, fail_fast=True)
    said = str(info.value)
    assert "digistrat-sweep-" not in said and "no runs are kept" in said
    assert "fail-fast" in said


@pytest.mark.parametrize("option", ["--resume", "--force"])
def test_results_on_a_read_only_disk_are_refused_and_left_as_they_were(
    tmp_path, sweep_file, written, monkeypatch, capsys, option
):
    import builtins
    import errno

    from digistrat.experiments import target

    before = _snapshot(written)

    def read_only(path, *args, **kwargs):
        if str(path).endswith(".lock"):
            raise OSError(errno.EROFS, "Read-only file system", str(path))
        return builtins.open(path, *args, **kwargs)

    monkeypatch.setattr(target, "open", read_only, raising=False)
    assert main(["sweep", str(sweep_file), "--out", str(written), option]) == 2
    err = capsys.readouterr().err
    assert "cannot write in the results directory (Read-only file system)" in err
    assert "nothing was run or changed" in err and "Traceback" not in err
    assert _snapshot(written) == before
