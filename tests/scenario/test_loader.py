"""Loading scenarios: shipped files, extends, overrides and located errors."""

import dataclasses
from pathlib import Path

import pytest
import yaml
from digistrat.core.parameters import Parameters, iter_parameters, to_dict
from digistrat.scenario import ScenarioError, load_scenario
from digistrat.scenario.schema import scenario_model

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
SHIPPED = sorted(SCENARIOS.glob("*.yaml"))
CORE = {
    "small_steps__programme_2022": ("small_steps", False),
    "big_bang__programme_2022": ("big_bang", False),
    "small_steps__investment": ("small_steps", True),
    "big_bang__investment": ("big_bang", True),
}


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_every_shipped_scenario_is_valid_and_says_what_it_answers(path):
    scenario = load_scenario(path)
    assert scenario.params.horizon.start == "2017-01"
    assert path.read_text(encoding="utf-8").startswith("#"), "header comment missing"


def test_core_scenarios_form_the_2x2_design():
    for name, (kind, investment) in CORE.items():
        s = load_scenario(SCENARIOS / f"{name}.yaml")
        assert s.name == name
        assert (s.params.strategy.kind, s.params.funding.investment.enabled) == (kind, investment)
        assert s.params.funding.programme.end == "2022-12"
        assert s.seed == load_scenario(SCENARIOS / "_core_base.yaml").seed


def test_baseline_is_what_the_report_describes():
    p = load_scenario(SCENARIOS / "sundsvall_2017.yaml").params
    assert p.strategy.kind == "small_steps"
    assert p.funding.programme.end == "2022-12"
    assert p.funding.investment.enabled and p.funding.investment.start == "2021-01"
    assert load_scenario(SCENARIOS / "capability_only.yaml").params.strategy.kind == (
        "capability_only"
    )
    assert load_scenario(SCENARIOS / "order_from_it.yaml").params.strategy.kind == "order_from_it"


def test_every_parameter_is_reachable_from_a_file_with_its_range():
    model = scenario_model()
    for path, f in iter_parameters():
        node = model
        for part in path.replace("[]", "").split("."):
            info = node.model_fields[part]
            inner = [a for a in _args(info.annotation) if hasattr(a, "model_fields")]
            node = inner[0] if inner else info
        schema = scenario_model().model_json_schema()
        assert schema  # the schema can be exported (editors validate with it)
        if f.metadata.get("low") is not None and isinstance(f.default, float):
            low = [m.ge for m in _metas(node) if getattr(m, "ge", None) is not None]
            assert low == [f.metadata["low"]], path


def _args(annotation):
    import typing

    stack, out = [annotation], []
    while stack:
        a = stack.pop()
        out.append(a)
        stack.extend(typing.get_args(a))
    return out


def _metas(info):
    out = list(info.metadata)
    for a in _args(info.annotation):
        out.extend(getattr(a, "__metadata__", ()))
    flat = []
    for m in out:
        flat.extend(m.metadata if hasattr(m, "metadata") else [m])
    return flat


@pytest.mark.parametrize("text", ["", "# only a comment\n", "---\n", "{}\n"])
def test_an_empty_file_is_refused(write, text):
    with pytest.raises(ScenarioError, match="is empty") as info:
        load_scenario(write("empty.yaml", text))
    assert info.value.file.endswith("empty.yaml")


def test_a_file_with_only_a_name_gives_the_defaults(write):
    s = load_scenario(write("named.yaml", "name: named\n"))
    assert s.params == Parameters()
    assert s.name == "named"


def test_extends_merges_dicts_and_replaces_lists(write):
    write(
        "base.yaml",
        "name: base\nseed: 5\nstrategy: {kind: big_bang, modernisation_months: 48}\n"
        "organisation:\n  departments:\n    - {name: a, systems: [erp]}\n    - {name: b}\n",
    )
    child = write(
        "child.yaml",
        "extends: base.yaml\nstrategy: {modernisation_months: 24}\n"
        "organisation:\n  departments:\n    - {name: c, willingness: 0.2}\n",
    )
    s = load_scenario(child)
    assert s.name == "child"  # name is not inherited
    assert s.seed == 5  # seed is
    assert s.params.strategy.kind == "big_bang"
    assert s.params.strategy.modernisation_months == 24
    assert [d.name for d in s.params.organisation.departments] == ["c"]
    assert s.params.organisation.departments[0].willingness == 0.2


def test_errors_in_a_base_name_the_base_file(write):
    write("base.yaml", "strategy:\n  kind: big_bagn\n")
    child = write("child.yaml", "extends: base.yaml\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(child)
    assert info.value.file.endswith("base.yaml") and info.value.line == 2


@pytest.mark.parametrize(
    ("text", "line", "path", "words"),
    [
        ("strategy:\n  kindd: big_bang\n", 2, "strategy.kindd", "did you mean 'kind'"),
        ("horizon:\n  start: 2017-01\n  end: 2016-01\n", 3, "horizon.end", "before start"),
        ("funding:\n  programme:\n    annual_msek: '30'\n", 3, "", "must be a number"),
        ("funding:\n  programme:\n    annual_msek: true\n", 3, "", "must be a number"),
        ("funding:\n  programme:\n    annual_msek: 900\n", 3, "", "above the allowed range"),
        ("funding:\n  programme:\n    annual_msek: .nan\n", 3, "", "finite"),
        ("funding:\n  programme:\n    annual_msek: .inf\n", 3, "", "finite"),
        ("strategy: {kind: big_bagn}\n", 1, "strategy.kind", "did you mean 'big_bang'"),
        ("horizon: {end: 2099-12}\n", 1, "horizon.end", "60 years"),
        ("horizon: {end: 2030-13}\n", 1, "horizon.end", "YYYY-MM"),
        ("seed: -1\n", 1, "seed", "below"),
        ("replications: 2.5\n", 1, "replications", "whole number"),
        ("horizon: 5\n", 1, "horizon", "mapping"),
        ("- a\n- b\n", 1, "", "must be a mapping"),
        (
            "organisation:\n  departments:\n    - {name: x, systems: [erpp]}\n",
            3,
            "organisation.departments[0].systems",
            "not a legacy system",
        ),
        ("organisation:\n  departments:\n    - {size: 2}\n", 3, "name", "required"),
        ("events:\n  - {month: 2020-01, kind: electoin}\n", 2, "kind", "did you mean 'election'"),
    ],
)
def test_errors_name_file_line_field_and_rule(write, text, line, path, words):
    with pytest.raises(ScenarioError) as info:
        load_scenario(write("bad.yaml", text))
    err = info.value
    message = str(err)
    assert err.file.endswith("bad.yaml")
    assert err.line == line, message
    assert path in err.path or path in message
    assert words in message
    assert len(message.splitlines()) <= 30


def test_several_problems_are_reported_together_in_line_order(write):
    text = "strategy:\n  kindd: x\nfunding:\n  programme: {annual_msek: -1}\n"
    with pytest.raises(ScenarioError) as info:
        load_scenario(write("bad.yaml", text))
    assert [i.line for i in info.value.issues] == [2, 4]


def test_missing_extends_and_cycles_are_named(write):
    with pytest.raises(ScenarioError, match="does not exist") as info:
        load_scenario(write("a.yaml", "# comment\nextends: nothere.yaml\n"))
    assert info.value.line == 2 and info.value.path == "extends"
    write("x.yaml", "extends: y.yaml\n")
    write("y.yaml", "extends: z.yaml\n")
    z = write("z.yaml", "extends: x.yaml\n")
    with pytest.raises(ScenarioError, match="cycle: .*x.yaml -> .*y.yaml -> .*z.yaml -> .*x.yaml"):
        load_scenario(z.with_name("x.yaml"))


def test_overrides_reach_list_elements_by_name_and_index(write):
    path = write("s.yaml", "strategy: {kind: small_steps}\n")
    s = load_scenario(
        path,
        [
            "organisation.departments.education.willingness=0.3",
            "organisation.systems.1.health=0.9",
            "strategy.kind=big_bang",
            "funding.investment.enabled=false",
            "organisation.unit.staffing_plan=[[2018-01, 8], [2021-01, 24]]",
        ],
    )
    org = s.params.organisation
    assert org.departments[0].name == "education" and org.departments[0].willingness == 0.3
    assert org.systems[1].health == 0.9
    assert len(org.departments) == len(Parameters().organisation.departments)
    assert s.params.strategy.kind == "big_bang"
    assert s.params.funding.investment.enabled is False
    assert org.unit.staffing_plan == (("2018-01", 8.0), ("2021-01", 24.0))


@pytest.mark.parametrize(
    ("override", "words"),
    [
        ("strategy.kind=big_bagn", "did you mean 'big_bang'"),
        ("strategy.kindd=big_bang", "did you mean 'kind'"),
        ("organisation.departments.educaton.trust=0.3", "did you mean 'education'"),
        ("organisation.departments.99.trust=0.3", "past the end"),
        ("horizon.start.x=1", "is a value, not a group"),
        ("strategy.kind", "path.to.field=value"),
        ("funding.programme.annual_msek=abc", "must be a number"),
    ],
)
def test_bad_overrides_are_scenario_errors(write, override, words):
    with pytest.raises(ScenarioError, match=words) as info:
        load_scenario(write("s.yaml", "name: s\n"), [override])
    assert info.value.file == "--set"


def test_resolved_yaml_loads_back_to_the_same_scenario(write):
    s = load_scenario(SCENARIOS / "big_bang__investment.yaml", ["seed=9"])
    again = load_scenario(write("again.yaml", s.to_yaml()))
    assert again.params == s.params
    assert again.sha256() == s.sha256()
    assert yaml.safe_load(s.to_yaml())["seed"] == 9


def test_hash_changes_with_any_parameter():
    a = load_scenario(SCENARIOS / "sundsvall_2017.yaml")
    b = load_scenario(SCENARIOS / "sundsvall_2017.yaml", ["behaviour.trust.gain=0.05"])
    assert a.sha256() != b.sha256()
    assert a.resolved()["strategy"] == to_dict(a.params)["strategy"]
    assert dataclasses.replace(a, name="x").sha256() == a.sha256()


@pytest.mark.parametrize("key", ["[", "str", "a[b]", "function-after[x]"])
def test_odd_unknown_keys_are_reported_as_written(write, key):
    with pytest.raises(ScenarioError, match="unknown field") as info:
        load_scenario(write("odd.yaml", f"strategy:\n  '{key}': 1\n"))
    assert info.value.path == f"strategy.{key}" and info.value.line == 2
