"""Reading YAML safely: limits, refused constructs and line numbers."""

import pytest
from digistrat.scenario.document import MAX_BYTES, parse_bytes, parse_text, read_file
from digistrat.scenario.errors import ScenarioError


def test_line_numbers_of_keys_and_list_items():
    doc = parse_text("a: 1\nb:\n  - x\n  - name: y\n    v: 2\n", "f.yaml")
    assert doc.data == {"a": 1, "b": ["x", {"name": "y", "v": 2}]}
    assert doc.lines[("a",)] == 1
    assert doc.lines[("b",)] == 2
    assert doc.lines[("b", 0)] == 3
    assert doc.lines[("b", 1, "v")] == 5


def test_exponent_without_dot_is_a_number_and_months_stay_text():
    doc = parse_text("a: 1e3\nb: 2018-01\nc: 2018-01-01\n", "f")
    assert doc.data == {"a": 1000.0, "b": "2018-01", "c": "2018-01-01"}


def test_alias_bomb_is_refused_quickly():
    rows = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for name, prev in zip("bcdefgh", "abcdefg", strict=True):
        rows.append(f"{name}: &{name} [{', '.join(['*' + prev] * 9)}]")
    with pytest.raises(ScenarioError, match="alias"):
        parse_text("\n".join(rows), "bomb.yaml")


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("a: 1\na: 2\n", "appears twice"),
        ("a: !!python/name:os.system x\n", "tag"),
        ("a: !!binary aGVsbG8=\n", "tag"),
        ("<<: {a: 1}\n", "merge keys"),
        ("? [1, 2]\n: 3\n", "key must be a plain word"),
        ("a: [1\n", "invalid YAML"),
        ("[" * 5000, "too deep"),
        ("a: 1\n---\nb: 2\n", "invalid YAML"),
    ],
)
def test_refused_constructs(text, words):
    with pytest.raises(ScenarioError, match=words) as info:
        parse_text(text, "bad.yaml")
    assert info.value.file == "bad.yaml"


def test_binary_and_undecodable_and_huge_input():
    with pytest.raises(ScenarioError, match="binary"):
        parse_bytes(b"a: 1\x00\x01", "b.yaml")
    with pytest.raises(ScenarioError, match="UTF-8"):
        parse_bytes(b"a: \xff\xfe", "b.yaml")
    with pytest.raises(ScenarioError, match="limit"):
        parse_bytes(b"#" * (MAX_BYTES + 1), "b.yaml")


def test_missing_and_oversized_files(tmp_path):
    with pytest.raises(ScenarioError, match="cannot read"):
        read_file(tmp_path / "nope.yaml")
    big = tmp_path / "big.yaml"
    big.write_bytes(b"#" * (MAX_BYTES + 10))
    with pytest.raises(ScenarioError, match="limit"):
        read_file(big)
