"""Executors: the same numbers everywhere, and no wait without a limit and a message."""

import os
import signal
import socket
import subprocess
import sys
import textwrap
import threading
import time

import pandas as pd
import pytest
from digistrat.cli import main
from digistrat.experiments import ExecutorError, Processes, Serial
from digistrat.experiments.cluster import Dask
from digistrat.experiments.executor import batches
from digistrat.experiments.processes import METHOD
from digistrat.experiments.sweep import load_experiment, run_experiment

from .sweep_files import SMALL_STEPS, experiment, write


class DiesOnce:
    """Kills its worker process the first time it meets ``item`` (a marker file remembers)."""

    def __init__(self, marker, item, always=False):
        self.marker, self.item, self.always = str(marker), item, always

    def __call__(self, item):
        if item == self.item and (self.always or not os.path.exists(self.marker)):
            open(self.marker, "w").close()
            os._exit(1)
        return item * item


class SpinsAt:
    """Loops for ever (using CPU, as a run stuck in a loop does) on ``item``; squares the rest."""

    def __init__(self, item):
        self.item = item

    def __call__(self, item):
        while item == self.item:
            pass
        return item * item


@pytest.mark.parametrize(
    "make", [lambda: Serial(run_timeout=0.5), lambda: Processes(2, run_timeout=0.5)]
)
def test_a_run_over_the_run_timeout_is_stopped_and_failed_and_the_others_go_on(make):
    start = time.monotonic()
    with make() as executor:
        done = sorted(executor.imap(SpinsAt(3), range(8), chunk=2), key=lambda d: d.item)
        again = sorted(executor.imap(SpinsAt(-1), range(4)), key=lambda d: d.item)
    assert time.monotonic() - start < 30
    assert [d.item for d in done] == list(range(8))
    assert [d.ok for d in done] == [True, True, True, False, True, True, True, True]
    assert done[3].failure.error == "RunTimedOut"
    assert "longer than 0.5 s" in done[3].failure.message
    assert 0.4 < done[3].seconds < 5
    assert all(d.value == d.item**2 for d in done if d.ok)
    assert [d.value for d in again] == [0, 1, 4, 9]  # the executor goes on working


def test_the_run_timeout_leaves_the_alarm_as_it_was():
    from digistrat.experiments.executor import time_limit

    before = signal.getsignal(signal.SIGALRM)
    with time_limit(5.0):
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
    assert signal.getsignal(signal.SIGALRM) is before


def test_the_run_timeout_is_refused_on_dask():
    from digistrat.experiments import make_executor

    with pytest.raises(ExecutorError, match="cannot stop a run on dask"):
        make_executor(dask_workers=2, run_timeout=5)


def _run_script(script, cwd):
    """Run ``script`` in a fresh Python; its completed process and the seconds it took."""
    start = time.monotonic()
    done = subprocess.run(
        [sys.executable, str(script)], capture_output=True, text=True, timeout=120, cwd=cwd
    )
    return done, time.monotonic() - start


@pytest.mark.slow
def test_a_script_without_a_main_guard_fails_within_seconds_naming_the_cause(tmp_path):
    script = tmp_path / "unguarded.py"
    script.write_text(
        textwrap.dedent(
            """
            from digistrat import Parameters, replace_path
            from digistrat.experiments import run_replications
            p = replace_path(Parameters(), "horizon.end", "2017-06")
            tables = run_replications(p, seeds=range(4), jobs=2)
            print("finished")
            """
        )
    )
    done, seconds = _run_script(script, tmp_path)
    assert done.returncode != 0 and "finished" not in done.stdout
    assert 'if __name__ == "__main__":' in done.stderr and "ExecutorError" in done.stderr
    assert seconds < 30, f"took {seconds:.0f} s"


@pytest.mark.slow
def test_a_script_without_a_main_guard_on_local_dask_fails_with_the_same_clear_message(tmp_path):
    path = write(tmp_path, experiment())
    script = tmp_path / "unguarded_dask.py"
    script.write_text(
        textwrap.dedent(
            f"""
            from digistrat.experiments.cluster import Dask
            from digistrat.experiments.sweep import load_experiment, run_experiment
            experiment = load_experiment({str(path)!r}, allow=[{str(SMALL_STEPS.parent)!r}])
            run_experiment(experiment, executor=Dask(workers=2))
            print("finished")
            """
        )
    )
    done, seconds = _run_script(script, tmp_path)
    assert done.returncode != 0 and "finished" not in done.stdout
    last = done.stderr.strip().splitlines()[-1]
    assert last.startswith("digistrat.experiments.executor.ExecutorError"), done.stderr[-3000:]
    assert 'if __name__ == "__main__":' in last
    assert "Nanny failed to start" not in done.stderr.replace(last, ""), done.stderr[-3000:]
    assert "An attempt has been made to start a new process" not in done.stderr
    assert seconds < 60, f"took {seconds:.0f} s"


@pytest.mark.slow
def test_a_worker_that_dies_is_replaced_and_its_run_tried_again(tmp_path):
    with Processes(2) as executor:
        done = list(executor.imap(DiesOnce(tmp_path / "m", 5), range(10), chunk=2))
    assert sorted(d.item for d in done) == list(range(10))
    assert all(d.ok and d.value == d.item**2 for d in done)


@pytest.mark.slow
def test_a_run_that_always_kills_its_worker_is_recorded_as_failed(tmp_path):
    with Processes(1) as executor:
        done = {d.item: d for d in executor.imap(DiesOnce(tmp_path / "m", 3, True), range(6))}
    assert sorted(done) == list(range(6))
    assert done[3].failure.error == "WorkerDied" and "died 3 times" in done[3].failure.message
    assert all(done[i].ok for i in (0, 1, 2, 4, 5))


@pytest.mark.slow
def test_chunks_waiting_behind_a_worker_that_dies_go_back_whole_and_blame_no_one(tmp_path):
    # One worker holds two chunks at once: [3, 4, 5] running, [6, 7, 8] in its pipe.
    with Processes(1) as executor:
        done = list(executor.imap(DiesOnce(tmp_path / "m", 4, True), range(12), chunk=3))
    assert sorted(d.item for d in done) == list(range(12))  # each exactly once
    failed = [d.item for d in done if not d.ok]
    assert failed == [4]
    assert all(d.value == d.item**2 for d in done if d.ok)


def _sizes(take) -> list[int]:
    sizes = []
    while batch := take():
        sizes.append(len(batch))
    return sizes


def test_chunks_shrink_to_single_items_near_the_end_and_keep_the_order():
    items = list(range(200))
    take = batches(items, 16, 2, 2)
    chunks = []
    while batch := take():
        chunks.append(batch)
    assert [i for c in chunks for i in c] == items
    sizes = [len(c) for c in chunks]
    assert sizes[:9] == [16] * 9  # 200 // 4 = 50 ... 72 // 4 = 18: the full size
    assert sizes[-4:] == [1, 1, 1, 1] and sizes == sorted(sizes, reverse=True)
    # every chunk holds at most a quarter of what was left before it
    left = 200
    for size in sizes:
        assert size <= max(1, left // 4)
        left -= size
    # items of unknown number: chunks of the full size
    assert _sizes(batches(iter(items), 16, 2, 2)) == [16] * 12 + [8]
    assert _sizes(batches([], 16, 2, 2)) == []


@pytest.mark.skipif(METHOD != "forkserver", reason="spawned workers have no fork server")
def test_warming_starts_the_fork_server_at_once_and_the_workers_use_it(tmp_path):
    script = tmp_path / "warm.py"
    script.write_text(
        textwrap.dedent(
            """
            import multiprocessing, time
            from multiprocessing import forkserver
            from digistrat.experiments import Processes

            if __name__ == "__main__":
                pool = Processes(2)
                start = time.perf_counter()
                pool.warm()
                took = time.perf_counter() - start
                server = forkserver._forkserver._forkserver_pid
                assert server is not None and took < 0.5, took
                assert multiprocessing.active_children() == []  # no worker yet
                with pool as executor:
                    done = list(executor.imap(abs, [-1, -2, -3]))
                assert sorted(d.value for d in done) == [1, 2, 3]
                assert forkserver._forkserver._forkserver_pid == server
                print("warm ok")
            """
        )
    )
    done, _ = _run_script(script, tmp_path)
    assert done.returncode == 0 and "warm ok" in done.stdout, done.stderr


ANALYSIS_ONLY = {"scipy.stats", "SALib", "matplotlib", "seaborn", "ema_workbench"}


def _worker_heap(_item):
    import gc

    return gc.get_freeze_count(), gc.isenabled(), sorted(set(sys.modules) & ANALYSIS_ONLY)


@pytest.mark.slow
@pytest.mark.skipif(METHOD != "forkserver", reason="spawned workers share no heap")
def test_workers_start_with_the_imported_heap_out_of_the_collectors_reach(tmp_path):
    # Frozen in the fork server, so a collection in a worker does not write to (and
    # so copy) the pages it shares with the server and the other workers.
    with Processes(1) as executor:
        (done,) = list(executor.imap(_worker_heap, [0]))
    frozen, collecting, analysis = done.value
    assert frozen > 100_000  # the model's imports: numpy, pandas, mesa, pydantic...
    assert collecting
    assert analysis == []  # the analysis libraries would only slow the start and fill memory


@pytest.fixture(scope="module")
def tiny(tmp_path_factory):
    folder = tmp_path_factory.mktemp("exp")
    return load_experiment(write(folder, experiment(design={"kind": "lhs", "n": 4, "seed": 2})))


@pytest.mark.slow
def test_a_dask_cluster_on_loopback_gives_the_serial_and_process_results(tiny):
    serial = run_experiment(tiny, executor=Serial()).outcomes
    processes = run_experiment(tiny, executor=Processes(2)).outcomes
    dask = run_experiment(tiny, executor=Dask(workers=2, timeout=60)).outcomes
    pd.testing.assert_frame_equal(serial, processes, check_exact=True)
    pd.testing.assert_frame_equal(serial, dask, check_exact=True)


@pytest.mark.slow
def test_a_local_cluster_takes_a_free_loopback_port_and_forks_its_workers(recwarn):
    dask = pytest.importorskip("dask")
    from digistrat.experiments.processes import METHOD

    key = "distributed.worker.multiprocessing-method"
    before = dask.config.get(key)
    taken = socket.socket()
    try:
        try:
            taken.bind(("127.0.0.1", 8787))  # dask's default port, as another cluster holds it
        except OSError:
            pass  # already held by something else: the same case
        with Dask(workers=1, timeout=60) as executor:
            http = executor._cluster.scheduler.services["dashboard"]
            assert http.address == "127.0.0.1" and http.port != 8787
            assert dask.config.get(key) == METHOD
    finally:
        taken.close()
    assert dask.config.get(key) == before
    assert not [w for w in recwarn if "already in use" in str(w.message)]


def test_a_scheduler_without_workers_fails_within_the_timeout(tiny, tmp_path, capsys):
    distributed = pytest.importorskip("distributed")
    with distributed.LocalCluster(n_workers=0, host="127.0.0.1", dashboard_address=None) as c:
        start = time.monotonic()
        with pytest.raises(ExecutorError, match="has no workers after 2 s"):
            run_experiment(tiny, executor=Dask(c.scheduler_address, timeout=2))
        assert time.monotonic() - start < 2 + 5
        args = ["sweep", tiny.source, "--scheduler", c.scheduler_address, "--timeout", "2"]
        assert main([*args, "--out", str(tmp_path / "o")]) == 2
        said = capsys.readouterr().err
        assert "no workers" in said and "--nthreads 1. 0 of " in said  # one sentence each


def test_a_listener_that_never_answers_fails_within_the_timeout():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    held = []
    threading.Thread(target=lambda: held.append(server.accept()), daemon=True).start()
    start = time.monotonic()
    with pytest.raises(ExecutorError, match="did not answer within 2 s"):
        with Dask(f"tcp://127.0.0.1:{server.getsockname()[1]}", timeout=2):
            pass
    assert time.monotonic() - start < 2 + 3
    server.close()


@pytest.mark.slow
def test_a_dask_worker_that_dies_mid_sweep_has_its_runs_rerun(tmp_path):
    with Dask(workers=2, timeout=60) as executor:
        done = list(executor.imap(DiesOnce(tmp_path / "m", 4), range(8), chunk=1))
    assert sorted(d.item for d in done) == list(range(8))
    assert all(d.ok and d.value == d.item**2 for d in done)


def test_a_fork_server_that_goes_away_while_workers_start_is_a_clear_error(monkeypatch):
    from digistrat.experiments import processes

    def gone(self, context):
        raise EOFError("unexpected EOF")

    monkeypatch.setattr(processes._Worker, "__init__", gone)
    with pytest.raises(ExecutorError, match="worker processes could not be started"):
        with Processes(2):
            pass


class StopsOnce:
    """Stops its worker process (SIGSTOP, as a hung worker) the first time it meets ``item``."""

    def __init__(self, marker, item):
        self.marker, self.item = str(marker), item

    def __call__(self, item):
        if item == self.item and not os.path.exists(self.marker):
            open(self.marker, "w").close()
            os.kill(os.getpid(), signal.SIGSTOP)
        return item * item


@pytest.mark.slow
def test_a_worker_that_stops_using_cpu_is_replaced_and_its_runs_run_again(
    tmp_path, monkeypatch, caplog
):
    from digistrat.experiments import processes

    if processes.cpu_seconds(os.getpid()) is None:
        pytest.skip("no /proc to read a worker's CPU time from")
    monkeypatch.setattr(processes, "_POLL", 0.2)
    start = time.monotonic()
    with caplog.at_level("WARNING", logger="digistrat.experiments"):
        with Processes(2, stall_timeout=2) as executor:
            done = list(executor.imap(StopsOnce(tmp_path / "m", 3), range(10)))
    assert sorted(d.item for d in done) == list(range(10))  # each exactly once
    assert all(d.ok and d.value == d.item**2 for d in done)
    assert time.monotonic() - start < 30
    assert "has used no CPU for 2 s" in caplog.text and "replaced" in caplog.text


@pytest.mark.slow
def test_a_worker_that_dies_is_said_on_the_log(tmp_path, caplog):
    with caplog.at_level("WARNING", logger="digistrat.experiments"):
        with Processes(1) as executor:
            list(executor.imap(DiesOnce(tmp_path / "m", 2), range(4)))
    assert "died (exit code 1) while running 1 run; a new one runs them again" in caplog.text


def test_the_command_line_prints_the_notes_of_the_runs_on_stderr(tmp_path, monkeypatch, capsys):
    import logging

    from digistrat import cli_runs

    def noted(args):
        logging.getLogger("digistrat.experiments").warning("a worker process was replaced")
        return 0

    monkeypatch.setattr(cli_runs, "cmd_run", noted)
    monkeypatch.setattr("digistrat.cli.cmd_run", noted)
    assert main(["run", str(SMALL_STEPS)]) == 0
    assert "digistrat run: note: a worker process was replaced" in capsys.readouterr().err


def _answers_with(reply: bytes):
    """A loopback listener that answers every connection with ``reply``; its address."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)

    def serve():
        while True:
            try:
                conn, _ = server.accept()
            except OSError:
                return
            conn.recv(65536)
            conn.sendall(reply)

    threading.Thread(target=serve, daemon=True).start()
    return server, f"tcp://127.0.0.1:{server.getsockname()[1]}"


def test_a_peer_that_is_not_a_dask_scheduler_is_a_clear_error(tmp_path, capsys):
    server, address = _answers_with(b"HTTP/1.1 400 Bad Request\r\n\r\n" + b"x" * 64)
    try:
        start = time.monotonic()
        with pytest.raises(ExecutorError, match="is not a dask scheduler"):
            with Dask(address, timeout=3):
                pass
        assert time.monotonic() - start < 3 + 3
    finally:
        server.close()


@pytest.mark.parametrize("scheme", ["tls", "ucx", "ws"])
def test_schemes_other_than_tcp_are_refused_before_connecting(scheme):
    with pytest.raises(ExecutorError, match=f"{scheme}:// is not supported here"):
        with Dask(f"{scheme}://127.0.0.1:8786", timeout=2):
            pass


def test_the_no_workers_hint_names_the_schedulers_address():
    executor = Dask("tcp://10.0.0.5:8786")
    assert "dask worker tcp://10.0.0.5:8786 --nthreads 1" in executor._start_hint()


def test_a_scheduler_file_is_read_and_waited_for_within_the_timeout(tmp_path):
    import json

    from digistrat.experiments.cluster import scheduler_address

    assert scheduler_address("tcp://10.0.0.5:8786", 1) == "tcp://10.0.0.5:8786"
    path = tmp_path / "scheduler.json"
    start = time.monotonic()
    with pytest.raises(ExecutorError, match="does not exist after 0.5 s") as info:
        scheduler_address(str(path), 0.5)
    assert time.monotonic() - start < 0.5 + 2
    assert f"dask scheduler --scheduler-file {path}" in str(info.value)
    path.write_text('{"address": "tcp://127.0.0', encoding="utf-8")  # still being written
    with pytest.raises(ExecutorError, match="cannot be read as JSON"):
        scheduler_address(str(path), 0.3)
    path.write_text('{"type": "Scheduler"}', encoding="utf-8")
    with pytest.raises(ExecutorError, match="holds no 'address'"):
        scheduler_address(str(path), 0.3)

    def later():
        time.sleep(0.4)
        path.write_text(json.dumps({"address": "tcp://127.0.0.1:8786"}), encoding="utf-8")

    path.unlink()
    writer = threading.Thread(target=later)
    writer.start()
    assert scheduler_address(str(path), 10) == "tcp://127.0.0.1:8786"
    writer.join()


@pytest.mark.slow
def test_a_sweep_through_a_scheduler_file_gives_the_serial_results(tiny, tmp_path):
    import json

    distributed = pytest.importorskip("distributed")
    serial = run_experiment(tiny, executor=Serial()).outcomes
    path = tmp_path / "scheduler.json"
    with distributed.LocalCluster(
        n_workers=1, threads_per_worker=1, host="127.0.0.1", dashboard_address=None
    ) as cluster:
        path.write_text(json.dumps({"address": cluster.scheduler_address}), encoding="utf-8")
        executor = Dask(str(path), timeout=60)
        dask = run_experiment(tiny, executor=executor).outcomes
        assert executor.describe()["scheduler"] == cluster.scheduler_address
        assert executor.describe()["scheduler_file"] == str(path)
    pd.testing.assert_frame_equal(serial, dask, check_exact=True)
    path.write_text(json.dumps({"address": cluster.scheduler_address}), encoding="utf-8")
    with pytest.raises(ExecutorError, match="left from a scheduler that has stopped"):
        with Dask(str(path), timeout=2):
            pass
