"""Input files: regular files of bounded size only; extends and scenario stay in the project."""

import os
import threading
import time
from pathlib import Path

import pytest
from digistrat.cli import main
from digistrat.experiments.sweep import ExperimentError, load_experiment
from digistrat.scenario import ScenarioError, load_scenario

SECRET = "root:x:0:0:secret-line-42"


@pytest.fixture
def project(tmp_path, monkeypatch):
    folder = tmp_path / "project"
    folder.mkdir()
    monkeypatch.chdir(folder)
    return folder


def test_a_fifo_is_refused_at_once_without_waiting_for_a_writer(project):
    fifo = project / "pipe.yaml"
    os.mkfifo(fifo)
    done = {}
    thread = threading.Thread(target=lambda: done.update(code=main(["validate", str(fifo)])))
    start = time.monotonic()
    thread.start()
    thread.join(10)
    assert not thread.is_alive(), "reading a FIFO blocked"
    assert done["code"] == 2 and time.monotonic() - start < 5


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/null"])
def test_a_device_is_refused(project, device, capsys):
    if not Path(device).exists():
        pytest.skip(f"{device} is missing")
    with pytest.raises(ScenarioError, match="is a device, not a regular file"):
        load_scenario(device)
    (project / "exp.yaml").write_text(f"scenario: {device}\n")
    with pytest.raises(ExperimentError):
        load_experiment(project / "exp.yaml")


def test_extends_outside_the_project_is_refused_without_reading_it(tmp_path, project):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "secret.yaml").write_text(f"{SECRET}\n")
    (project / "a.yaml").write_text(f"extends: {outside / 'secret.yaml'}\n")
    (project / "b.yaml").write_text("extends: ../elsewhere/secret.yaml\n")
    for name in ("a.yaml", "b.yaml"):
        with pytest.raises(ScenarioError, match="outside the project folder") as info:
            load_scenario(project / name)
        assert SECRET not in str(info.value) and "--allow-dir" in str(info.value)
    os.symlink(outside / "secret.yaml", project / "link.yaml")
    (project / "c.yaml").write_text("extends: link.yaml\n")
    with pytest.raises(ScenarioError, match="outside the project folder"):
        load_scenario(project / "c.yaml")
    # an explicit folder allows it (and the file is then read as a scenario)
    with pytest.raises(ScenarioError) as info:
        load_scenario(project / "b.yaml", allow=[outside])
    assert "not a scenario file" in str(info.value) and SECRET not in str(info.value)


def test_a_file_beside_the_scenario_may_be_extended_from_another_working_dir(tmp_path, project):
    other = tmp_path / "other"
    other.mkdir()
    (other / "base.yaml").write_text("seed: 5\n")
    (other / "child.yaml").write_text("extends: base.yaml\n")
    assert load_scenario(other / "child.yaml").seed == 5  # the folder of the naming file
    assert load_scenario(other / "child.yaml").files == (
        str((other / "child.yaml").resolve()),
        str((other / "base.yaml").resolve()),
    )


def test_extends_must_name_a_yaml_file(project):
    (project / "notes.txt").write_text(f"{SECRET}\n")
    (project / "a.yaml").write_text("extends: notes.txt\n")
    with pytest.raises(ScenarioError, match="must end in .yaml") as info:
        load_scenario(project / "a.yaml")
    assert SECRET not in str(info.value)


def test_contents_of_a_file_that_is_not_a_scenario_are_never_quoted(project, capsys):
    (project / "list.yaml").write_text(f"- {SECRET}\n- two\n")
    (project / "text.yaml").write_text(f"{SECRET}\n")
    (project / "other.yaml").write_text(f"{SECRET.replace(':', '_')}: 1\nservices: 2\n")
    for name in ("list.yaml", "text.yaml", "other.yaml"):
        assert main(["validate", name]) == 2
        err = capsys.readouterr().err
        assert "secret" not in err and "services" not in err, err
    (project / "exp.yaml").write_text(f"{SECRET}\n")
    with pytest.raises(ExperimentError, match="is not an experiment file") as info:
        load_experiment(project / "exp.yaml")
    assert SECRET not in str(info.value)


def test_an_experiments_scenario_outside_the_project_is_refused(tmp_path, project):
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    (outside / "s.yaml").write_text("seed: 1\n")
    (project / "exp.yaml").write_text(
        "scenario: ../elsewhere/s.yaml\nparameters: {behaviour.strain.pace: {}}\n"
        "design: {kind: lhs, n: 2}\noutcomes: [trust@2017-12]\n"
    )
    with pytest.raises(ExperimentError, match="outside the project folder"):
        load_experiment(project / "exp.yaml")
    assert load_experiment(project / "exp.yaml", allow=[outside]).scenario.seed == 1
    assert main(["sweep", "exp.yaml", "--dry-run"]) == 2
    assert main(["sweep", "exp.yaml", "--dry-run", "--allow-dir", str(outside)]) == 0


@pytest.mark.parametrize(
    ("named", "said"),
    [("a" * 300 + ".yaml", "is not a usable path"), ('"a\\0b.yaml"', "holds a NUL character")],
)
def test_a_name_no_file_can_have_is_an_input_error(project, named, said):
    (project / "s.yaml").write_text(f"extends: {named}\n")
    with pytest.raises(ScenarioError, match=said):
        load_scenario(project / "s.yaml")
    (project / "exp.yaml").write_text(
        f"scenario: {named}\nparameters: {{behaviour.strain.pace: {{}}}}\n"
        "design: {kind: lhs, n: 2}\noutcomes: [trust@2017-12]\n"
    )
    with pytest.raises(ExperimentError, match=said):
        load_experiment(project / "exp.yaml")
