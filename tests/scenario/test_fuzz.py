"""Random and mutated scenario documents either load or raise ScenarioError, nothing else."""

import math
import tempfile
from pathlib import Path

import yaml
from digistrat.scenario import Scenario, ScenarioError, load_scenario
from digistrat.scenario.schema import scenario_model
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

SCENARIOS = Path(__file__).resolve().parents[2] / "scenarios"
BASELINE = load_scenario(SCENARIOS / "sundsvall_2017.yaml").resolved()
KNOWN_KEYS = sorted(
    set(scenario_model().model_fields)
    | {"kind", "start", "end", "departments", "systems", "name", "programme", "investment"}
)

scalars = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**12), max_value=10**12)
    | st.floats(allow_nan=True, allow_infinity=True)
    | st.text(max_size=20)
    | st.sampled_from(["2017-01", "2030-13", "big_bang", "small_steps", "erp", "1e3", ""])
)
keys = st.sampled_from(KNOWN_KEYS) | st.text(min_size=1, max_size=12)
structures = st.recursive(
    scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(keys, inner, max_size=5),
    max_leaves=25,
)


def _load_text(text: str) -> Scenario | None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_text(text, encoding="utf-8")
        try:
            return load_scenario(path)
        except ScenarioError as exc:
            assert str(exc), "a scenario error must have a message"
            assert len(str(exc).splitlines()) <= 40
            return None


def _dump(data) -> str:
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)
    return yaml.dump(data, Dumper=dumper, allow_unicode=True, sort_keys=False)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(structures)
def test_random_documents_load_or_raise_scenario_error(data):
    _load_text(_dump(data))


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_random_text_loads_or_raises_scenario_error(text):
    _load_text(text)


@settings(max_examples=50, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_load_or_raise_scenario_error(raw):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "fuzz.yaml"
        path.write_bytes(raw)
        try:
            load_scenario(path)
        except ScenarioError:
            pass


def _paths(node, prefix=()):
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from _paths(value, prefix + (key,))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from _paths(value, prefix + (i,))


PATHS = [p for p in _paths(BASELINE) if p]
SHIPPED = {p.name: yaml.safe_load(p.read_text(encoding="utf-8")) for p in SCENARIOS.glob("*.yaml")}
SHIPPED_PATHS = [(name, p) for name, data in SHIPPED.items() for p in _paths(data) if p]


def _mutate(data, path, how, new):
    *parents, last = path
    node = data
    for key in parents:
        node = node[key]
    if how == "delete":
        del node[last]
    elif how == "rename" and isinstance(node, dict):
        node[f"{last}{new if isinstance(new, str) else 'x'}"] = node.pop(last)
    else:
        node[last] = new


mutations = st.tuples(st.sampled_from(["delete", "rename", "replace"]), structures)


def _apply(data, steps):
    for path, (how, new) in steps:
        try:
            _mutate(data, path, how, new)
        except (KeyError, IndexError, TypeError):
            continue  # an earlier mutation removed or replaced this path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(SHIPPED_PATHS), mutations), min_size=1, max_size=4))
def test_mutated_shipped_files_load_or_raise_scenario_error(steps):
    name = steps[0][0][0]
    data = yaml.safe_load(_dump(SHIPPED[name]))
    _apply(data, [(path, m) for (file, path), m in steps if file == name])
    with tempfile.TemporaryDirectory() as folder:
        for other in SCENARIOS.glob("*.yaml"):  # so that extends still finds its base
            (Path(folder) / other.name).write_bytes(other.read_bytes())
        (Path(folder) / name).write_text(_dump(data), encoding="utf-8")
        try:
            load_scenario(Path(folder) / name)
        except ScenarioError:
            pass


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.tuples(st.sampled_from(PATHS), mutations), min_size=1, max_size=4))
def test_mutated_full_baseline_loads_or_raises_scenario_error(steps):
    data = yaml.safe_load(_dump(BASELINE))
    _apply(data, steps)
    scenario = _load_text(_dump(data))
    if scenario is not None:
        for value in _leaves(scenario.resolved()):
            assert not (isinstance(value, float) and not math.isfinite(value))


def _leaves(node):
    if isinstance(node, dict):
        for value in node.values():
            yield from _leaves(value)
    elif isinstance(node, list):
        for value in node:
            yield from _leaves(value)
    else:
        yield node


def test_unchanged_baseline_dump_loads_to_the_same_parameters():
    scenario = _load_text(_dump(BASELINE))
    assert scenario is not None
    assert scenario.resolved() == BASELINE | {"name": "sundsvall_2017"}
