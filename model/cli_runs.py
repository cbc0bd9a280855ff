"""The commands that run the model (run, compare, sweep): their shared options and words.

Where the runs run (``--jobs``, ``--dask``, ``--scheduler``, ``--timeout``), what
becomes of earlier results (``--out``, ``--force``, ``--resume``), what a failed run
does (``--fail-fast``), drawing the plots afterwards, and the messages for a run
that failed or stopped part-way.
"""

from __future__ import annotations

import argparse
import errno
import os
import sys
from pathlib import Path

RUN_OPTIONS_HELP = """\
Finished runs are stored in --out as they finish. After Ctrl-C, a kill or a failed
run (with --fail-fast), the same command with --resume runs only what is missing;
the results are the same as an uninterrupted run's. A run that fails is recorded
(failures.csv) and the others go on; --fail-fast stops at the first."""


def most_workers() -> int:
    """The most local workers a command starts: 4 per CPU of this machine, at least 8."""
    return max(8, 4 * (os.cpu_count() or 1))


def workers(text: str) -> int:
    """A count of local worker processes: a whole number from 1 to :func:`most_workers`."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    most = most_workers()
    if not 1 <= value <= most:
        raise argparse.ArgumentTypeError(
            f"{value} is not between 1 and {most} (4 worker processes per CPU; this machine "
            f"has {os.cpu_count() or 1} CPUs; more only slow the runs down)"
        )
    return value


def out_folder(text: str) -> Path:
    """A results directory as given; ``DIR/.`` is refused (``.`` and ``..`` by the claim).

    ``Path("r1/.")`` is ``r1``, so this is checked on the text as typed.
    """
    parts = text.rstrip("/").rsplit("/", 1)
    if len(parts) == 2 and parts[1] == ".":
        raise argparse.ArgumentTypeError(
            f"{text!r}: a results directory needs a name of its own (not ending in '.' or '..')"
        )
    return Path(text)


def add_run_options(parser: argparse.ArgumentParser) -> None:
    """Add the options of every command that runs the model to ``parser``."""
    parser.add_argument(
        "-j",
        "--jobs",
        type=workers,
        default=1,
        help="local worker processes (default 1; no more are started than there are runs)",
    )
    where = parser.add_mutually_exclusive_group()
    where.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="run on the dask cluster at ADDRESS, or at the address in the scheduler "
        "file ADDRESS names (a path ending in .json, as dask scheduler --scheduler-file "
        "writes; waited for up to --timeout seconds)",
    )
    where.add_argument(
        "--dask", type=workers, metavar="W", help="run on a local dask cluster of W workers"
    )
    parser.add_argument(
        "--timeout",
        type=_seconds,
        default=None,
        metavar="S",
        help="seconds to connect to a dask scheduler and to wait for a worker; with "
        "--jobs, seconds a worker holding runs may use no CPU before it is replaced "
        "(default 30; not used with --jobs 1)",
    )
    parser.add_argument(
        "--run-timeout",
        type=_run_seconds,
        default=None,
        metavar="S",
        help="stop a run that takes longer than S seconds and record it as failed; the "
        "others go on (default: no limit; not on dask)",
    )
    parser.add_argument("-o", "--out", type=out_folder, help="results directory")
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
    """The executor the options ask for.

    Raises:
        ExecutorError: if ``--jobs`` is given with ``--dask`` or ``--scheduler`` (the
            dask workers run the runs, so the local worker count would be ignored).
    """
    from .experiments import ExecutorError, make_executor

    if args.jobs != 1 and (args.dask is not None or args.scheduler is not None):
        where = "--dask" if args.dask is not None else "--scheduler"
        raise ExecutorError(
            f"--jobs {args.jobs} and {where} both say where the runs run: {where}'s dask "
            "workers would run them and --jobs would be ignored; give one of the two"
        )
    return make_executor(args.jobs, args.dask, args.scheduler, args.timeout, args.run_timeout)


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
    from .experiments.layout import FAILURES

    if not count:
        return ""
    return (
        f"{count} run(s) failed; the errors, parameters and seeds are in "
        f"{folder / FAILURES}; rerun them with --resume"
    )


def _seconds(text: str) -> float:
    return _seconds_within(text, lambda v: 0 < v <= 3600, "(0, 3600] seconds")


def _run_seconds(text: str) -> float:
    return _seconds_within(text, lambda v: 0.01 <= v <= 86400, "[0.01, 86400] seconds (a day)")


def _seconds_within(text: str, ok, words: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not ok(value):
        raise argparse.ArgumentTypeError(f"{value:g} is not in {words}")
    return value


def cmd_run(args: argparse.Namespace, common_seeds: bool = False) -> int:
    """Run scenarios into a results directory and draw its plots."""
    from .experiments import default_folder, run_study
    from .scenario import load_scenario

    scenarios = [load_scenario(path, args.overrides, allow=args.allow) for path in args.scenarios]
    if args.headline is not None:  # before anything runs
        from .views import Measure

        for s in scenarios:
            Measure.within(args.headline, s.params.horizon.start, s.params.horizon.end)
    if getattr(args, "robustness", ()):
        from .views.robustness import check_robustness_folders

        check_robustness_folders(tuple(args.robustness))
    out = args.out or default_folder([s.name for s in scenarios])
    executor = executor_of(args)
    study = run_study(
        scenarios,
        out,
        replications=args.replications,
        seed=args.seed,
        common_seeds=common_seeds,
        executor=executor,
        **_store_options(args),
    )
    tally = study.tally
    done = f"ran {tally.ran} runs" + (
        f" ({tally.stored} were stored already)" if tally.stored else ""
    )
    print(
        f"{done}; {study.runs} runs in all ({len(scenarios)} scenario(s)) in "
        f"{study.wall_seconds:.1f} s {where_words(executor)}"
    )
    if tally.unique < tally.planned:
        print(
            f"  {tally.planned - tally.unique} of the {tally.planned} runs repeat another run "
            "exactly (the same parameters and seed, e.g. two scenarios that resolve alike) "
            "and share its result"
        )
    return _finish(out, len(study.failures), args)


def cmd_compare(args: argparse.Namespace) -> int:
    """Run scenarios with common seeds and print the paired comparison."""
    if len(args.scenarios) < 2:
        from .experiments import ResultsError

        raise ResultsError("compare needs at least two scenario files")
    return cmd_run(args, common_seeds=True)


def cmd_sweep(args: argparse.Namespace) -> int:
    """Run an experiment file into a results directory and print what it found."""
    from .experiments.sweep import check_size, load_experiment, run_experiment
    from .experiments.sweep.report import describe_plan, describe_result
    from .scenario.errors import Issue

    if args.replot is not None:
        from .experiments import ResultsError
        from .experiments.sweep.finished import finished_sweep

        if args.experiment is not None or args.out is not None:
            given = "an experiment file" if args.experiment is not None else "--out"
            raise ResultsError(
                f"--replot {args.replot} redraws the plots of that folder and runs nothing, "
                f"so {given} would be ignored; give --replot DIR alone"
            )

        finished_sweep(args.replot)  # not one stopped part-way, nor one being written
        return draw_plots(args.replot, args.debug)
    if args.experiment is None:
        from .experiments.sweep import ExperimentError

        raise ExperimentError(
            Issue("give an experiment file", file="digistrat sweep", hint="or --replot DIR")
        )
    experiment = load_experiment(args.experiment, allow=args.allow)
    out = args.out or Path("results") / experiment.name
    executor = executor_of(args)
    if args.dry_run:
        from .experiments.sweep.estimate import describe, estimate

        runs = check_size(experiment)
        points = runs // (len(experiment.seeds) * len(experiment.policies))
        cost = estimate(experiment, None if args.scheduler else executor.workers)
        print(describe_plan(experiment, points, runs))
        print("\n".join(describe(cost)))
        return 0
    result = run_experiment(
        experiment,
        out,
        executor=executor,
        **_store_options(args),
    )
    print(describe_result(result))
    print_discovery(out)
    return _finish(out, len(result.failures), args)


def print_discovery(folder: Path) -> None:
    """Print the discovery's sentences, when ``folder`` has a discovery."""
    from .experiments import layout
    from .views.discovery_text import discovery_sentences

    if not (Path(folder) / layout.DISCOVERY).is_file():
        return
    for sentence in discovery_sentences(folder):
        print(f"- {sentence}")


def _store_options(args: argparse.Namespace) -> dict:
    """The store options of ``run_study`` and ``run_experiment``, from the command line."""
    return {
        "force": args.force,
        "resume": args.resume,
        "fail_fast": args.fail_fast,
        "command": args.argv,
        "hint": f"continue with: {resume_command(args.argv)}",
    }


def _finish(out: Path, failed: int, args: argparse.Namespace) -> int:
    """Say where the results are (and how many runs failed), draw the plots; the exit code."""
    if line := failures_words(failed, out):
        print(f"warning: {line}")
    print(f"results: {out}")
    code = draw_plots(out, args.debug, args)
    return code or (1 if failed else 0)


def draw_plots(folder: Path, debug: bool = False, args: argparse.Namespace | None = None) -> int:
    """Draw the plots (and a study's report) of a results directory; on failure exit 1.

    A study's verdict is printed first, and the path of its report last. A results
    directory that cannot be read is an input problem (exit 2, via ResultsError); a
    drawing that fails keeps the results and says how to retry (:func:`guarded_drawing`).
    """
    from .experiments.layout import FAILURES, PLOTS, read_manifest
    from .views import draw, verdict_text

    headline = getattr(args, "headline", None)
    robustness = tuple(getattr(args, "robustness", ()))

    manifest = read_manifest(folder)  # ResultsError here: not a results directory
    kind = manifest.kind
    if _no_result(folder, kind, manifest):
        print(
            f"no run gave a result, so there is nothing to plot or report; the errors, "
            f"parameters and seeds are in {Path(folder) / FAILURES}"
        )
        return 1
    retry = (
        f"digistrat sweep --replot {folder}" if kind == "sweep" else f"digistrat report {folder}"
    )

    def drawing():
        if kind == "study":
            print()
            print(verdict_text(folder, headline, robustness))
            print()
        return draw(folder, headline, robustness)

    drawn, code = guarded_drawing(drawing, folder, retry, debug)
    if drawn is None:
        return code
    print(f"plots: {drawn.figures} figures in {folder / PLOTS}")
    if drawn.report is not None:
        print(f"report: {drawn.report}")
    return 0


def _no_result(folder: Path, kind: str, manifest) -> bool:
    """Every run failed: a study's tables have no rows, or no outcome of a sweep has a value."""
    import pyarrow.parquet as pq

    from .experiments.layout import TIMESERIES

    if kind == "study":
        path = Path(folder) / TIMESERIES
        return path.is_file() and pq.ParquetFile(path).metadata.num_rows == 0
    valid = (manifest.runs or {}).get("valid") or {}
    return bool(valid) and not any(valid.values())


#: Errors of a disk that is full or over quota.
_FULL = (errno.ENOSPC, errno.EDQUOT)
#: Errors of a disk that cannot be written: full, read-only, not allowed.
_UNWRITABLE = (*_FULL, errno.EROFS, errno.EACCES, errno.EPERM)


def disk_full(exc: BaseException) -> bool:
    """The error is a full disk or quota (pyarrow's may carry only the words)."""
    return isinstance(exc, OSError) and (
        exc.errno in _FULL or "No space left on device" in str(exc)
    )


def guarded_drawing(drawing, folder: Path, retry: str, debug: bool):
    """``(drawing(), 0)``; or, when drawing fails, ``(None, exit code)`` and a message.

    A results directory that cannot be read, or a measure that is not there, is an
    input problem and raised (exit 2). Any other failure keeps the results and says
    how to retry (exit 1); Ctrl-C says the results are complete (exit 130).
    """
    from .experiments.layout import ResultsError
    from .views import MeasureError

    try:
        return drawing(), 0
    except (ResultsError, MeasureError):
        raise
    except KeyboardInterrupt:
        print(
            f"digistrat: interrupted while drawing plots; the results in {folder} are "
            f"complete; draw them with: {retry}",
            file=sys.stderr,
        )
        return None, 130
    except Exception as exc:
        if debug:
            raise
        if isinstance(exc, OSError) and exc.errno in _UNWRITABLE:  # a full or read-only disk
            why = f"the plots cannot be written in {folder} ({exc.strerror})"
            retry += " once there is space, or write access"
        else:
            why = f"drawing plots failed ({type(exc).__name__}: {exc})"
        print(
            f"digistrat: {why}; the results are kept in {folder}; retry with: {retry}",
            file=sys.stderr,
        )
        return None, 1
