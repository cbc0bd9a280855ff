"""Rules that a scenario's values must keep: events, months in the horizon, counts, pairs."""

import pytest
from digistrat.scenario import ScenarioError, load_scenario

EVENT = "events:\n  - {{month: {month}, kind: {kind}, value: {value}}}\n"


@pytest.mark.parametrize(
    ("kind", "value", "words"),
    [
        ("set_pace", 900, "900 is outside [0.5, 2] for a set_pace event"),
        ("set_pace", 0, "0 is outside [0.5, 2]"),
        ("move_staff", 1000, "1000 is outside [0, 50] for a move_staff event"),
        ("staff_target", 1000, "1000 is outside [0, 500] for a staff_target event"),
        ("election", 2, "2 is outside [0, 1] for a election event"),
        ("programme", 900, "900 is outside [0, 200] for a programme event"),
    ],
)
def test_an_event_value_is_checked_against_what_its_kind_sets(write, kind, value, words):
    path = write("e.yaml", "name: e\n" + EVENT.format(month="2022-01", kind=kind, value=value))
    with pytest.raises(ScenarioError, match=words.replace("[", r"\[")) as info:
        load_scenario(path)
    assert info.value.line == 3 and "events[0].value" in str(info.value)


@pytest.mark.parametrize("month", ["2040-01", "2010-01"])
def test_an_event_outside_the_horizon_is_refused(write, month):
    path = write("e.yaml", "name: e\n" + EVENT.format(month=month, kind="election", value=0.5))
    with pytest.raises(ScenarioError, match="outside the horizon 2017-01..2030-12") as info:
        load_scenario(path)
    assert info.value.line == 3 and "events[0].month" in str(info.value)


def test_good_events_still_load(write):
    text = "name: e\n" + EVENT.format(month="2022-01", kind="set_pace", value=1.2)
    assert load_scenario(write("e.yaml", text)).params.events[0].value == 1.2


def test_a_modernisation_start_after_the_horizon_is_refused(write):
    path = write("m.yaml", "name: m\nstrategy:\n  modernisation_start: 2035-01\n")
    with pytest.raises(ScenarioError, match="outside the horizon") as info:
        load_scenario(path)
    assert info.value.line == 3 and "strategy.modernisation_start" in str(info.value)
    assert "2017-01..2030-12" in str(info.value)
    with pytest.raises(ScenarioError, match="outside the horizon"):
        load_scenario(write("n.yaml", "name: n\n"), ["strategy.modernisation_start=2031-01"])


def test_a_short_horizon_with_the_default_modernisation_start_loads(write):
    path = write("s.yaml", "name: s\nhorizon: {end: 2017-06}\n")
    assert load_scenario(path).params.strategy.modernisation_start == "2018-01"


def test_a_count_must_be_whole(write):
    path = write("c.yaml", "name: c\nstrategy:\n  modernisation_releases: 2.5\n")
    with pytest.raises(ScenarioError, match="not a whole number") as info:
        load_scenario(path)
    assert info.value.line == 3
    assert load_scenario(write("d.yaml", "strategy: {modernisation_releases: 3}\n"))


@pytest.mark.parametrize(
    ("text", "high", "low"),
    [
        ("adaptive: {block_high: 0.01, block_low: 0.2}", "block_high", "block_low"),
        ("adaptive: {training_min: 0.5, training_max: 0.2}", "training_max", "training_min"),
    ],
)
def test_adaptive_thresholds_keep_their_order(write, text, high, low):
    path = write("a.yaml", f"name: a\nstrategy:\n  {text}\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert f"strategy.adaptive.{high}" in message and f"strategy.adaptive.{low}" in message


def test_no_systems_blames_the_systems_list(write):
    path = write("s.yaml", "name: s\norganisation:\n  systems: []\n")
    with pytest.raises(ScenarioError) as info:
        load_scenario(path)
    message = str(info.value)
    assert "organisation.systems" in message and "no legacy systems are given" in message
    assert "known systems: \n" not in message and "known systems: " not in message


@pytest.mark.parametrize(
    ("named", "words"),
    [("sub", "is a folder, not a scenario file"), ("notes.md", "not a scenario file")],
)
def test_extends_of_a_folder_or_another_file_says_so_without_the_allow_dir_hint(
    write, tmp_path, named, words
):
    (tmp_path / "sub").mkdir()
    (tmp_path / "notes.md").write_text("# notes\n")
    with pytest.raises(ScenarioError, match=words) as info:
        load_scenario(write("x.yaml", f"extends: {named}\n"))
    assert "--allow-dir" not in str(info.value)
