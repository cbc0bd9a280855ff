"""The generated parameter documentation matches the code, and every parameter is documented."""

import dataclasses
import re
from pathlib import Path

import pytest
from digistrat import Parameters, check
from digistrat.core.parameters import iter_parameters

from tests.scripts import load_script

docs = load_script("docs")
ODD_MD, PARAMETERS_MD, ROOT = docs.ODD_MD, docs.PARAMETERS_MD, docs.ROOT
main, parameter_table = docs.main, docs.parameter_table
parameters_markdown, render_blocks = docs.parameters_markdown, docs.render_blocks

REGENERATE = "regenerate with `.venv/bin/python scripts/docs.py`"


def _default(f):
    if f.default is not dataclasses.MISSING:
        return f.default
    return f.default_factory()


def test_parameters_md_is_up_to_date():
    on_disk = (ROOT / PARAMETERS_MD).read_text(encoding="utf-8")
    assert on_disk == parameters_markdown(), f"{PARAMETERS_MD} is stale; {REGENERATE}"


def test_parameters_md_lists_every_parameter_exactly_once():
    text = parameters_markdown()
    rows = re.findall(r"^\| `([^`]+)` \|", text, flags=re.MULTILINE)
    paths = [path for path, _ in iter_parameters()]
    assert sorted(rows) == sorted(paths)


def test_odd_blocks_are_up_to_date():
    text = (ROOT / ODD_MD).read_text(encoding="utf-8")
    assert text.count("<!-- params:") >= 10, "the ODD submodels should carry parameter tables"
    assert render_blocks(text) == text, f"a table block in {ODD_MD} is stale; {REGENERATE}"


def test_check_mode_passes_on_the_repository():
    assert main(["--check"]) == 0, f"generated docs differ from the code; {REGENERATE}"


def test_check_mode_catches_drift(tmp_path: Path):
    (tmp_path / "docs").mkdir()
    (tmp_path / ODD_MD).write_text(
        "# ODD\n<!-- params:behaviour.trust -->\n| old table |\n<!-- /params -->\n",
        encoding="utf-8",
    )
    (tmp_path / PARAMETERS_MD).write_text(parameters_markdown(), encoding="utf-8")
    assert main(["--check", "--root", str(tmp_path)]) == 1
    assert main(["--root", str(tmp_path)]) == 0
    assert main(["--check", "--root", str(tmp_path)]) == 0
    assert "`behaviour.trust.gain`" in (tmp_path / ODD_MD).read_text(encoding="utf-8")


def test_unknown_block_key_is_an_error():
    with pytest.raises(KeyError, match="behaviour.nothing"):
        render_blocks("<!-- params:behaviour.nothing -->\n<!-- /params -->")


def test_every_parameter_appears_in_parameters_md():
    text = parameters_markdown()
    for path, _ in iter_parameters():
        assert f"`{path}`" in text, f"{path} is missing from {PARAMETERS_MD}"


def test_table_shows_default_unit_range_and_source():
    row = next(
        line
        for line in parameter_table(["funding.investment.useful_life_years"]).splitlines()
        if "useful_life_years" in line
    )
    assert re.search(r"\| years \| `5` \| \[3, 10\] \| .*RKR R3", row), row


@pytest.mark.parametrize("path, f", iter_parameters(), ids=[p for p, _ in iter_parameters()])
def test_parameter_is_documented(path, f):
    meta = f.metadata
    assert meta.get("unit", "").strip(), f"{path} has no unit"
    assert meta.get("source", "").strip(), f"{path} has no source (write 'assumption')"
    assert meta.get("doc", "").strip(), f"{path} has no meaning"


@pytest.mark.parametrize("path, f", iter_parameters(), ids=[p for p, _ in iter_parameters()])
def test_numeric_default_lies_in_its_range(path, f):
    value = _default(f)
    if isinstance(value, bool) or not isinstance(value, int | float):
        return
    low, high = f.metadata.get("low"), f.metadata.get("high")
    assert low is not None and high is not None, f"{path} is numeric but has no range"
    assert low <= value <= high, f"{path}: default {value} is outside [{low}, {high}]"


def test_default_lists_lie_in_their_ranges():
    check(Parameters())
