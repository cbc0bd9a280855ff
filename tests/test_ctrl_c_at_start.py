"""A Ctrl-C in the first seconds of a command, before its handlers run, ends without a traceback.

A Ctrl-C at a terminal reaches every process of the foreground group: the command
while it imports its modules, and the fork server of its workers while that imports
the model. The command prints one line and exits 130; the server prints nothing,
and no process is left behind.
"""

import importlib.abc
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from digistrat import console

from tests.signals import popen_with_ctrl_c

ROOT = Path(__file__).resolve().parents[1]


class _InterruptedImport(importlib.abc.MetaPathFinder):
    """Finds ``digistrat.cli`` by raising KeyboardInterrupt, as a Ctrl-C mid-import does."""

    def find_spec(self, name, path=None, target=None):
        if name == "digistrat.cli":
            raise KeyboardInterrupt
        return None


def test_a_ctrl_c_while_the_command_imports_exits_130_with_one_line(monkeypatch, capsys):
    monkeypatch.delitem(sys.modules, "digistrat.cli", raising=False)
    monkeypatch.setattr(sys, "meta_path", [_InterruptedImport(), *sys.meta_path])
    assert console.main(["validate", "scenarios/sundsvall_2017.yaml"]) == 130
    err = capsys.readouterr().err
    assert err == "digistrat: interrupted before the command started; nothing was done\n"


def test_importing_the_package_leaves_the_model_unimported():
    code = "import sys, digistrat.console; print('digistrat.core' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "False", done.stderr
    code = "import sys, digistrat; digistrat.Parameters; print('digistrat.core' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "True", done.stderr


def _children(pid: int) -> list[tuple[int, str]]:
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
            found.append((int(entry.name), command))
    return found


def _catches_sigint(pid: int) -> bool:
    """The process has a handler for SIGINT (bit 1 of SigCgt in /proc/PID/status)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    caught = next(line for line in status.splitlines() if line.startswith("SigCgt:"))
    return bool(int(caught.split()[1], 16) & (1 << (signal.SIGINT - 1)))


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def _sweep(tmp_path, *options) -> subprocess.Popen:
    experiment = {
        "scenario": str(ROOT / "scenarios" / "sundsvall_2017.yaml"),
        "set": ["horizon.end=2018-12"],
        "parameters": {"behaviour.learning.rate": {}},
        "design": {"kind": "grid", "levels": 40},
        "outcomes": ["change_capability@2018-12"],
    }
    path = tmp_path / "exp.yaml"
    path.write_text(yaml.safe_dump(experiment), encoding="utf-8")
    command = [sys.executable, "-m", "digistrat", "sweep", str(path), *options]
    command += ["--out", str(tmp_path / "out")]
    return popen_with_ctrl_c(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,  # its own group, as a terminal's foreground job
    )


def _wait_for_child(proc, parent: int, text: str, deadline: float) -> int:
    while time.monotonic() < deadline and proc.poll() is None:
        found = next((p for p, c in _children(parent) if text in c), None)
        if found is not None:
            return found
        time.sleep(0.005)
    proc.kill()
    pytest.fail(f"no process {text!r} started: {proc.communicate(timeout=60)}")


def _ctrl_c_and_check(proc, server: int) -> str:
    os.killpg(proc.pid, signal.SIGINT)  # what Ctrl-C at the terminal does
    _, err = proc.communicate(timeout=120)
    assert proc.returncode == 130, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    deadline = time.monotonic() + 30
    while _alive(server) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not _alive(server), "the fork server outlived the command"
    return err


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_ctrl_c_while_the_fork_server_imports_the_model_prints_no_traceback(tmp_path):
    proc = _sweep(tmp_path, "--jobs", "2")
    deadline = time.monotonic() + 60
    server = _wait_for_child(proc, proc.pid, "forkserver", deadline)
    # The command ignores SIGINT for the milliseconds it takes to start the server; the
    # server then begins to import the model, which takes about a second.
    while not _catches_sigint(proc.pid) and time.monotonic() < deadline:
        time.sleep(0.001)
    err = _ctrl_c_and_check(proc, server)
    assert err.count("\n") == 1 and "interrupted" in err, err


@pytest.mark.slow
@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc")
def test_a_ctrl_c_while_a_local_dask_cluster_starts_closes_it_without_a_traceback(tmp_path):
    proc = _sweep(tmp_path, "--dask", "2")
    deadline = time.monotonic() + 60
    server = _wait_for_child(proc, proc.pid, "forkserver", deadline)
    # a dask worker forked from the server: the cluster is being built
    _wait_for_child(proc, server, "python", deadline)
    err = _ctrl_c_and_check(proc, server)
    assert "interrupted" in err.splitlines()[-1], err
