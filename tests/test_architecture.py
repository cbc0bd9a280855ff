"""The package's imports form layers and no cycles (style.md: which way the imports point).

Every import in every module counts, also those inside functions; only imports under
``if TYPE_CHECKING:`` (type hints, never run) are left out.
"""

import ast
import graphlib
from pathlib import Path

import pytest

SOURCE = Path(__file__).resolve().parents[1] / "model"
PACKAGE = "digistrat"
#: Layers from the bottom up; a module may import its own layer or one below.
LAYERS = ("core", "scenario", "experiments", "views", "face")


def module_name(path: Path) -> str:
    parts = path.relative_to(SOURCE).with_suffix("").parts
    if parts[-1] == "__init__":
        parts = parts[:-1]
    return ".".join((PACKAGE, *parts))


MODULES = {module_name(p): p for p in sorted(SOURCE.rglob("*.py"))}


def layer(module: str) -> str:
    part = module.split(".")[1] if "." in module else ""
    return part if part in LAYERS[:-1] else "face"


def _type_checking_lines(tree: ast.AST) -> set[int]:
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            for child in node.body:
                lines.update(range(child.lineno, child.end_lineno + 1))
    return lines


def imports(module: str) -> set[str]:
    """Modules of the package that ``module`` imports, anywhere in its code."""
    path = MODULES[module]
    tree = ast.parse(path.read_text(encoding="utf-8"))
    skip = _type_checking_lines(tree)
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found = set()
    for node in ast.walk(tree):
        if getattr(node, "lineno", None) in skip:
            continue
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                parts = package.split(".")
                head = ".".join(parts[: len(parts) - node.level + 1])
                base = f"{head}.{base}" if base else head
            # `from pkg import sub` runs pkg (its __init__) and imports the submodule sub
            names = [base, *(f"{base}.{a.name}" for a in node.names)]
        else:
            continue
        found.update(n for n in names if n in MODULES and n != module)
    return found


GRAPH = {module: imports(module) for module in MODULES}


def test_the_graph_is_read():
    assert "digistrat.core.model" in GRAPH["digistrat.core.run"]
    assert "digistrat.core.columns" in GRAPH["digistrat.experiments.sweep.measures"]
    # a function-level import counts
    assert "digistrat.views" in GRAPH["digistrat.cli_runs"]
    # an import only for type hints does not
    assert "digistrat.core.model" not in GRAPH["digistrat.core.initiatives"]


def test_no_import_cycle():
    try:
        list(graphlib.TopologicalSorter(GRAPH).static_order())
    except graphlib.CycleError as exc:
        pytest.fail(f"import cycle: {' -> '.join(exc.args[1])}")


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_point_down_the_layers(module):
    rank = LAYERS.index(layer(module))
    upward = [m for m in GRAPH[module] if LAYERS.index(layer(m)) > rank]
    assert not upward, f"{module} ({layer(module)}) imports a higher layer: {upward}"


def test_the_core_knows_nothing_of_files_processes_or_plots():
    forbidden = ("multiprocessing", "matplotlib", "seaborn", "yaml", "argparse", "distributed")
    for module, path in MODULES.items():
        if layer(module) != "core":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level:
                names = [node.module or ""]
            bad = [n for n in names if n.split(".")[0] in forbidden]
            assert not bad, f"{module} imports {bad}"
