"""The Python examples in the README and docs: they run, or at least name what exists.

The README's API examples are run as a reader would paste them, into one script.
The docs' examples need a results folder, a cluster or minutes of runs, so for
those every import must resolve and every call to an imported function or class
must fit its signature (keyword names, number of positional arguments).
"""

from __future__ import annotations

import ast
import importlib
import inspect
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BLOCK = re.compile(r"^```python\n(.*?)^```$", re.MULTILINE | re.DOTALL)
TEXTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]


def blocks(path: Path) -> list[str]:
    return BLOCK.findall(path.read_text(encoding="utf-8"))


def test_the_readme_python_api_examples_run_as_written(tmp_path):
    code = "\n".join(blocks(ROOT / "README.md"))
    assert "run_replications" in code and "build_model" in code
    check = """
import pandas as pd
pd.testing.assert_frame_equal(model.result().timeseries, result.timeseries)
assert tables.timeseries.seed.nunique() == 30
print("examples ran")
"""
    guard = 'if __name__ == "__main__":'
    script = tmp_path / "example.py"
    indented = "\n".join("    " + line for line in check.splitlines())
    script.write_text(f"{code}\n{guard}\n{indented}\n")
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=300, cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr[-3000:]
    assert "examples ran" in done.stdout


def _imported(tree: ast.Module) -> dict[str, object]:
    names: dict[str, object] = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            module = importlib.import_module(node.module)
            for alias in node.names:
                assert hasattr(module, alias.name), f"{node.module} has no {alias.name}"
                names[alias.asname or alias.name] = getattr(module, alias.name)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                names[alias.asname or alias.name] = importlib.import_module(alias.name)
    return names


def _calls_fit(tree: ast.Module, names: dict[str, object]) -> list[str]:
    wrong = []
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
            continue
        target = names.get(node.func.id)
        if target is None or not callable(target) or not target.__module__.startswith("digistrat"):
            continue
        if any(isinstance(a, ast.Starred) for a in node.args) or any(
            k.arg is None for k in node.keywords
        ):
            continue
        try:
            inspect.signature(target).bind(*node.args, **{k.arg: None for k in node.keywords})
        except TypeError as e:
            wrong.append(f"{ast.unparse(node)[:80]}: {e}")
    return wrong


@pytest.mark.parametrize("path", TEXTS, ids=lambda p: p.name)
def test_every_python_example_names_what_exists_and_fits_its_signatures(path):
    for code in blocks(path):
        tree = ast.parse(code)  # a syntax error fails here
        names = _imported(tree)
        assert not _calls_fit(tree, names), (path.name, _calls_fit(tree, names))


def test_the_signature_check_catches_a_wrong_keyword():
    tree = ast.parse("from digistrat import run\nrun(p, seeds=3)\n")
    assert _calls_fit(tree, _imported(tree))
