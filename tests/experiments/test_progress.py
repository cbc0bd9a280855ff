"""The progress line: runs done, failures, and a time left counted from the first result."""

import io
import time

from digistrat.experiments.progress import ProgressBar


def test_the_line_counts_failures_and_ignores_the_start_up_time_in_its_rate():
    stream = io.StringIO()
    with ProgressBar(100, "sweep", stream=stream, enabled=True) as bar:
        assert bar.line() == "sweep: 0/100 runs, starting"
        time.sleep(0.3)  # workers starting: no result yet
        bar(1)
        for _ in range(9):
            time.sleep(0.01)
            bar(1, failed=1 if bar.done == 4 else 0)
        line = bar.line()
    assert line.startswith("sweep: 10/100 runs, 1 failed, ")
    rate = float(line.split(", ")[2].split()[0])
    assert rate > 30, line  # 9 runs in about 0.1 s, not 10 in 0.4 s
    assert line.endswith(" s left")
    assert "sweep: 0/100 runs, starting" in stream.getvalue()


def test_it_is_silent_when_not_a_terminal():
    stream = io.StringIO()
    with ProgressBar(3, stream=stream) as bar:
        bar(3)
    assert stream.getvalue() == "" and bar.done == 3
