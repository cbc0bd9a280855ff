"""The distribution installs the import package digistrat and nothing called model."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    done = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q",
         "-w", str(out), str(ROOT)],
        timeout=300, capture_output=True, text=True,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-4000:]
    (found,) = out.glob("digistrat-*.whl")
    return found


@pytest.mark.slow
def test_the_wheel_holds_digistrat_and_no_top_level_model(wheel):
    names = zipfile.ZipFile(wheel).namelist()
    tops = {name.split("/")[0] for name in names}
    assert tops == {"digistrat", next(t for t in tops if t.endswith(".dist-info"))}
    assert "digistrat/core/model.py" in names and "digistrat/cli.py" in names
    packages = {Path(n).parent.as_posix() for n in names if n.endswith("__init__.py")}
    on_disk = {
        "digistrat/" + p.parent.relative_to(ROOT / "model").as_posix()
        for p in (ROOT / "model").rglob("__init__.py")
    }
    assert {p.removesuffix("/.") for p in on_disk} == packages  # every subpackage ships


@pytest.mark.slow
def test_an_installed_digistrat_imports_beside_a_users_model_py(wheel, tmp_path):
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site),
         str(wheel)],
        check=True, timeout=300, capture_output=True,
    )  # fmt: skip
    assert not (site / "model").exists()
    work = tmp_path / "notebooks"
    work.mkdir()
    (work / "model.py").write_text("raise ImportError('the user model.py was imported')\n")
    code = (
        "import digistrat, pathlib; from digistrat import run, Parameters; "
        "print(pathlib.Path(digistrat.__file__).parent)"
    )
    env = {**os.environ, "PYTHONPATH": str(site)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=work, env=env, capture_output=True, text=True,
        timeout=120,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert Path(done.stdout.strip()) == site / "digistrat"
    main = subprocess.run(
        [sys.executable, "-m", "digistrat", "--version"], cwd=work, env=env,
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert main.returncode == 0 and main.stdout.startswith("digistrat "), main.stderr
