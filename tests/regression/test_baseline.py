"""The model's numbers match the regression baseline (tests/regression/baseline.json).

A change that moves them refreshes the file with ``.venv/bin/python scripts/baseline.py``
in the same commit, with a CHANGELOG line saying what moved and why.
"""

import json

from tests.scripts import load_script

baseline = load_script("baseline")


def test_fresh_runs_match_the_baseline():
    expected = json.loads(baseline.BASELINE.read_text(encoding="utf-8"))
    assert expected["seeds"] == list(baseline.SEEDS)
    assert expected["months"] == list(baseline.MONTHS)
    diff = baseline.differences(expected, baseline.compute())
    shown = "\n".join(diff[:20])
    assert not diff, (
        f"{len(diff)} number(s) moved from the baseline; if that is intended, run "
        f"`.venv/bin/python scripts/baseline.py`, commit the file and say why in "
        f"CHANGELOG.md:\n{shown}"
    )


def test_the_comparison_catches_a_moved_number():
    expected = json.loads(baseline.BASELINE.read_text(encoding="utf-8"))
    moved = json.loads(json.dumps(expected))
    run = moved["scenarios"]["default"]["0"]
    run["change_capability@2026-12"] *= 1 + 1e-9
    diff = baseline.differences(expected, moved)
    assert diff == [
        "default seed 0 change_capability@2026-12: "
        f"{expected['scenarios']['default']['0']['change_capability@2026-12']!r} -> "
        f"{run['change_capability@2026-12']!r}"
    ]
