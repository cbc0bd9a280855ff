"""Levers in experiment files: crossed with every design point, paired by seed, checked strictly."""

import pandas as pd
import pytest
from digistrat.cli import main
from digistrat.experiments.sweep import ExperimentError, load_experiment, run_count
from digistrat.experiments.sweep.plan import plan

from .sweep_files import experiment, write

LEVERS = {"strategy.kind": {"values": ["small_steps", "big_bang"]}}


def levered(**over) -> dict:
    data = experiment(levers=LEVERS)
    data.update(over)
    return data


def test_levers_cross_every_point_and_every_policy_has_the_same_seeds(tmp_path):
    two = {**LEVERS, "funding.investment.enabled": {"values": [True, False]}}
    e = load_experiment(write(tmp_path, levered(levers=two)))
    names = [p.name for p in e.policies]
    assert names == [
        "small_steps__funding.investment.enabled=true",
        "small_steps__funding.investment.enabled=false",
        "big_bang__funding.investment.enabled=true",
        "big_bang__funding.investment.enabled=false",
    ]
    assert run_count(e) == 3 * 4 * 2
    design, runs = plan(e)
    assert len(runs) == 24 and len({r.key for r in runs}) == 24
    tags = pd.DataFrame([r.tags for r in runs])
    # every point and policy runs with the same seeds: common random numbers
    assert (tags.groupby(["point", "policy"])["seed"].apply(tuple) == (11, 12)).all()
    # the policies of a point and seed run next to each other
    ranks = sorted(runs, key=lambda r: r.rank)
    first = {(r.tags["point"], r.tags["replication"]) for r in ranks[:4]}
    assert len(first) == 1
    params = e.point_params(dict(zip(design.columns[1:], design.iloc[0, 1:], strict=True)),
                            e.policies[3])  # fmt: skip
    assert params.strategy.kind == "big_bang" and params.funding.investment.enabled is False


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"levers": {"strategy.kind": {}}}, "a lever is a list of the settings to compare"),
        ({"levers": {"behaviour.strain.pace": {"values": [0.8, 1.2]}}}, "both an uncertain"),
        ({"levers": {"strategy.kindd": {"values": ["big_bang", "small_steps"]}}}, "did you mean"),
        ({"levers": {"strategy.kind": {"values": ["big_bang", "tiny_steps"]}}}, "tiny_steps"),
        ({"discovery": {"pairs": [["small_steps", "bigbang"]]}}, "did you mean 'big_bang'"),
        ({"discovery": {"pairs": [["small_steps", "small_steps"]]}}, "two different"),
        ({"discovery": {"outcomes": ["trust@2019-03"]}}, "is not an outcome of the experiment"),
        ({"discovery": {"peel_alpha": 0.9}}, "peel_alpha"),
        ({"robustness": {"satisficing": ["trust@2019-12 > 1"]}}, "is not a threshold"),
        ({"robustness": {"satisficing": ["trust@2019-12 >= 0.5"]}}, "is not an outcome"),
    ],
)
def test_bad_levers_and_questions_name_the_field_and_what_is_allowed(tmp_path, over, message):
    data = levered(**over)
    with pytest.raises(ExperimentError, match=message) as err:
        load_experiment(write(tmp_path, data))
    assert "exp.yaml" in str(err.value)


def test_discovery_without_levers_is_refused(tmp_path):
    with pytest.raises(ExperimentError, match="discovery compares levers"):
        load_experiment(write(tmp_path, experiment(discovery={"resamples": 2})))


def test_a_lever_value_of_the_wrong_type_is_a_clear_cli_error(tmp_path, capsys):
    data = levered(levers={"funding.investment.enabled": {"values": ["yes", "no"]}})
    assert main(["sweep", str(write(tmp_path, data)), "--dry-run"]) == 2
    err = capsys.readouterr().err
    assert "levers.funding.investment.enabled" in err and "Traceback" not in err


def test_the_plan_names_the_policies(tmp_path, capsys):
    assert main(["sweep", str(write(tmp_path, levered())), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "3 points x 2 policies (strategy.kind) x 2 seeds (11..12) = 12 runs" in out
    assert "strategy.kind  {small_steps, big_bang} name" in out
