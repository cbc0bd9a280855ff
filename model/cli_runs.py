"""Options shared by the commands that run the model (run, compare, sweep), and their words.

Where the runs run (``--jobs``, ``--dask``, ``--scheduler``, ``--timeout``), what
becomes of earlier results (``--out``, ``--force``, ``--resume``), what a failed run
does (``--fail-fast``), and the messages for a run that stopped part-way.
"""

from __future__ import annotations

import argparse
from pathlib import Path

RUN_OPTIONS_HELP = """\
Finished runs are stored in --out as they finish. After Ctrl-C, a kill or a failed
run (with --fail-fast), the same command with --resume runs only what is missing;
the results are the same as an uninterrupted run's. A run that fails is recorded
(failures.csv) and the others go on; --fail-fast stops at the first."""


def add_run_options(parser: argparse.ArgumentParser, positive) -> None:
    """Add the options of every command that runs the model to ``parser``."""
    parser.add_argument(
        "-j", "--jobs", type=positive, default=1, help="local worker processes (default 1)"
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--scheduler", metavar="ADDRESS", help="run on the dask cluster at ADDRESS")
    where.add_argument(
        "--dask", type=positive, metavar="W", help="run on a local dask cluster of W workers"
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="S",
        help="seconds to connect to a dask scheduler and to wait for a worker (default 30)",
    )
    parser.add_argument("-o", "--out", type=Path, help="results directory")
    again = parser.add_mutually_exclusive_group()
    again.add_argument(
        "--force",
        action="store_true",
        help="replace earlier results in --out (only a results directory digistrat wrote)",
    )
    again.add_argument(
        "--resume",
        action="store_true",
        help="continue the results in --out: run only the runs not stored yet",
    )
    parser.add_argument(
        "--fail-fast", action="store_true", help="stop at the first failed run (default: go on)"
    )


def executor_of(args: argparse.Namespace):
    """The executor the options ask for."""
    from .experiments import make_executor

    return make_executor(args.jobs, args.dask, args.scheduler, args.timeout)


def resume_command(argv: list[str]) -> str:
    """The command that continues ``argv``: the same, without --force, with --resume."""
    words = [w for w in argv if w != "--force"]
    return " ".join(words if "--resume" in words else [*words, "--resume"])


def where_words(executor) -> str:
    """``with 2 process(es)`` or ``on dask (4 workers)``, for the summary line."""
    described = executor.describe()
    if described["kind"] == "dask":
        return f"on dask ({described['workers']} workers)"
    return f"with {described['workers']} process(es)"


def failures_words(count: int, folder: Path) -> str:
    """The line that says how many runs failed and where their errors are ('' if none)."""
    if not count:
        return ""
    return (
        f"{count} run(s) failed; the errors, parameters and seeds are in "
        f"{folder / 'failures.csv'}; rerun them with --resume"
    )


def _seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError(f"{value:g} is not in (0, 3600] seconds")
    return value
