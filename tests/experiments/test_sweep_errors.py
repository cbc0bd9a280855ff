import pytest
from digistrat.cli import main
from digistrat.experiments.sweep import ExperimentError, load_experiment

from .sweep_files import SHORT as SHORT_SET
from .sweep_files import experiment, write

PARAMS = {"behaviour.strain.pace": {}, "behaviour.learning.rate": {}}

CASES = {
    "misspelt parameter": (
        {"parameters": {"behaviour.strain.pase": {}}},
        [
            "parameters.behaviour.strain.pase",
            "not a parameter",
            "did you mean 'behaviour.strain.pace'",
        ],
    ),
    "not numeric": (
        {"parameters": {"strategy.kind": {}}},
        ["parameters.strategy.kind", "not a number", "values"],
    ),
    "outside documented range": (
        {"parameters": {"behaviour.strain.pace": {"high": 3.0}}},
        ["parameters.behaviour.strain.pace.high", "outside the documented range", "[0.5, 2]"],
    ),
    "low above high": (
        {"parameters": {"behaviour.strain.pace": {"low": 1.5, "high": 1.0}}},
        ["low (1.5) must be below high (1)"],
    ),
    "value outside range": (
        {"parameters": {"behaviour.learning.rate": {"values": [0.1, 0.9]}}},
        ["parameters.behaviour.learning.rate.values", "got:     0.9"],
    ),
    "unknown key": ({"desing": {}}, ["desing: unknown field", "did you mean 'design'"]),
    "unknown design": (
        {"design": {"kind": "sobal", "n": 8}},
        ["design.kind", "one of grid, lhs, sobol, morris", "did you mean 'sobol'"],
    ),
    "sobol n not a power of 2": (
        {"design": {"kind": "sobol", "n": 100}, "parameters": PARAMS},
        ["design.n", "power of 2", "n: 64"],
    ),
    "grid with n": ({"design": {"kind": "grid", "n": 5}}, ["design.n", "a grid has no n"]),
    "lhs without n": ({"design": {"kind": "lhs"}}, ["design: a lhs design needs n"]),
    "unknown outcome": (
        {"outcomes": ["change_capabilty@2019-12"]},
        ["outcomes[0]", "unknown outcome", "did you mean 'change_capability'"],
    ),
    "month outside horizon": (
        {"outcomes": ["trust@2026-12"]},
        ["outcomes[0]", "outside the simulated months 2017-01..2019-12"],
    ),
    "no month": ({"outcomes": ["trust"]}, ["outcomes[0]", "add the month: trust@2026-12"]),
    "missing base scenario": (
        {"scenario": "nowhere.yaml"},
        ["scenario: file", "does not exist", "relative to the experiment file"],
    ),
    "text for a number": (
        {"replications": {"count": "3"}},
        ["replications.count: must be a whole number"],
    ),
    "missing outcomes": ({"outcomes": None}, ["outcomes"]),
    "horizons that share no month": (
        {
            "set": [],
            "parameters": {
                "horizon.start": {"values": ["2017-01", "2024-01"]},
                "horizon.end": {"values": ["2019-12", "2030-12"]},
            },
            "design": {"kind": "grid"},
        },
        [
            "parameters.horizon.start: no month is simulated by every run",
            "the latest start, 2024-01, comes after the earliest end, 2019-12",
        ],
    ),
}


@pytest.mark.parametrize("case", CASES, ids=list(CASES))
def test_bad_experiment_files_name_file_line_field_and_rule(tmp_path, case):
    over, expected = CASES[case]
    path = write(tmp_path, experiment(**over))
    with pytest.raises(ExperimentError) as info:
        load_experiment(path)
    message = str(info.value)
    assert "exp.yaml:" in message.splitlines()[0]
    for text in expected:
        assert text in message, message
    assert len(message.splitlines()) <= 12


def test_not_a_mapping_and_bad_yaml(tmp_path):
    with pytest.raises(ExperimentError, match="must be a mapping"):
        load_experiment(write(tmp_path, "- a\n- b\n"))
    with pytest.raises(Exception, match=r"exp.yaml:2: invalid YAML"):
        load_experiment(write(tmp_path, "name: x\n  bad: [\n"))


@pytest.mark.parametrize("case", ["misspelt parameter", "unknown design", "unknown outcome"])
def test_cli_exits_2_with_the_message_and_no_traceback(tmp_path, capsys, case):
    path = write(tmp_path, experiment(**CASES[case][0]))
    assert main(["sweep", str(path), "--out", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert err.startswith("digistrat sweep: error: ")
    assert "Traceback" not in err
    assert CASES[case][1][-1] in err
    assert not (tmp_path / "out").exists()


def test_missing_file_exits_2(tmp_path, capsys):
    assert main(["sweep", str(tmp_path / "none.yaml")]) == 2
    assert "cannot read the file" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("entry", "expected"),
    [
        ("strategy.kind=bogus", ["strategy.kind: is not one of the choices", "big_bang"]),
        ("behaviour.learning.rate=7", ["behaviour.learning.rate: is above the allowed range"]),
        ("strategy.kind", ["must look like path.to.field=value", "set: [strategy.kind="]),
        ("organisation.departments.nobody.trust=0.5", ["no element named 'nobody'"]),
        ("extends=other.yaml", ["cannot be set in an experiment's set"]),
    ],
)
def test_a_bad_set_entry_is_located_at_its_line_in_the_experiment_file(tmp_path, entry, expected):
    path = write(tmp_path, experiment(set=[*SHORT_SET, entry]))
    line = path.read_text(encoding="utf-8").splitlines().index(f"- {entry}") + 1
    with pytest.raises(Exception) as info:
        load_experiment(path)
    message = str(info.value)
    assert f"exp.yaml:{line}: " in message.splitlines()[0], message
    assert "--set" not in message, message
    for text in expected:
        assert text in message, message
