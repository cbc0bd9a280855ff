"""The ``digistrat`` command: run, compare, validate and show scenarios, sweep, discover.

Exit codes: 0 success; 2 a problem with the input (a scenario, an option, an
existing results directory), explained in a few lines without a traceback;
1 an unexpected failure (``--debug`` shows its traceback); 130 interrupted.
"""

from __future__ import annotations

import argparse
import logging
import os
import signal
import sys
import threading
from collections.abc import Sequence
from pathlib import Path

from . import __version__
from .cli_runs import (
    RUN_OPTIONS_HELP,
    add_run_options,
    cmd_compare,
    cmd_run,
    cmd_sweep,
    disk_full,
    draw_plots,
    resume_command,
)

_RUN_EXAMPLES = """\
examples:
  digistrat run scenarios/sundsvall_2017.yaml
  digistrat run scenarios/big_bang__programme_2022.yaml --replications 20 --jobs 2
  digistrat run scenarios/sundsvall_2017.yaml --set strategy.kind=hybrid --out results/hybrid
  digistrat run scenarios/sundsvall_2017.yaml \\
      --set organisation.departments.education.willingness=0.3 --force
  digistrat run scenarios/sundsvall_2017.yaml -n 1000 --jobs 2 --resume

Replication r uses seed S + r (S from --seed, else the file's 'seed').
Writes timeseries/initiatives/departments.parquet, summary.csv, manifest.json and
plots/ to --out (default results/<name>, or results/<a>__vs__<b> for several).

"""

_COMPARE_EXAMPLES = """\
examples:
  digistrat compare scenarios/small_steps__programme_2022.yaml \\
      scenarios/big_bang__programme_2022.yaml --replications 20 --jobs 2
  digistrat compare scenarios/small_steps__*.yaml scenarios/big_bang__*.yaml -n 10

Every scenario gets the same seeds (common random numbers). Prints the verdict:
the question, the scenarios ranked on the headline measure (change capability in
2026-12 unless --headline says otherwise) and how often the best beats the
runner-up in the paired runs. Writes comparison.csv (each scenario against the
first, with the number of paired seeds each row used) besides all the files of
'digistrat run'; report.html compares each scenario with the best.

"""

_VALIDATE_EXAMPLES = """\
examples:
  digistrat validate scenarios/*.yaml
  digistrat validate my.yaml --set strategy.kind=big_bang"""

_SHOW_EXAMPLES = """\
examples:
  digistrat show scenarios/big_bang__investment.yaml
  digistrat show scenarios/sundsvall_2017.yaml --set funding.programme.end=2024-12 > mine.yaml"""

_REPORT_EXAMPLES = """\
examples:
  digistrat report results/sundsvall_2017
  digistrat report results/core --headline change_lead_time_months@2026-12
  digistrat report results/core --robustness results/discovery_small_vs_big"""

_APP_EXAMPLES = """\
examples:
  digistrat app                      # http://127.0.0.1:8765/, Ctrl-C stops it
  digistrat app --port 9000
  digistrat app --baseline scenarios/big_bang__programme_2022.yaml

Needs the app extra: pip install 'digistrat[app]'. Serves on loopback only."""


_SWEEP_EXAMPLES = """\
examples:
  digistrat sweep experiments/grid_pace_training.yaml --jobs 2
  digistrat sweep experiments/sobol_small_vs_big.yaml --out results/sobol --jobs 2
  digistrat sweep experiments/sobol_small_vs_big.yaml --dry-run
  digistrat sweep experiments/sobol_small_vs_big.yaml --resume      # after Ctrl-C or a kill
  digistrat sweep --replot results/sobol_small_vs_big
  digistrat sweep experiments/sobol_small_vs_big.yaml --dask 4
  digistrat sweep experiments/sobol_small_vs_big.yaml --scheduler tcp://10.0.0.5:8786

Runs every design point with the same seeds (common random numbers). Writes
design.csv, outcomes.parquet, summary.csv, sensitivity.csv (sobol, morris) and
manifest.json to --out (default results/<experiment name>). The numbers are the
same for any --jobs, and on dask. File format: docs/experiments.md.

"""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    args.argv = ["digistrat", *(sys.argv[1:] if argv is None else argv)]
    from .experiments import ExecutorError, Interrupted, ResultsError, RunFailed
    from .scenario import ScenarioError
    from .views import MeasureError

    in_main = threading.current_thread() is threading.main_thread()
    handled = (signal.SIGTERM, signal.SIGHUP) if hasattr(signal, "SIGHUP") else (signal.SIGTERM,)
    # SIGTERM and SIGHUP (the terminal closed) stop like Ctrl-C; under nohup, SIGHUP
    # stays ignored.
    previous = {
        sig: signal.signal(sig, _terminate)
        for sig in (handled if in_main else ())
        if signal.getsignal(sig) is not signal.SIG_IGN
    }
    stdout, stderr = sys.stdout, sys.stderr
    # Started with standard output or error closed (``>&-``): Python gives None, and
    # the work must still be done and written; what would be printed goes nowhere.
    sys.stdout = _ClosedReaderIgnored(stdout if stdout is not None else _nowhere())
    if stderr is None:
        sys.stderr = _nowhere()

    notes = _Notes(args.command)
    logging.getLogger("digistrat").addHandler(notes)
    try:
        return args.handler(args)
    except (ScenarioError, ResultsError, MeasureError, ExecutorError) as exc:
        if args.debug:
            raise
        print(f"digistrat {args.command}: error: {exc}", file=sys.stderr)
        return 2
    except RunFailed as exc:
        print(f"digistrat {args.command}: {exc}", file=sys.stderr)
        return 1
    except Interrupted as exc:
        print(f"digistrat {args.command}: {exc}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print(f"digistrat {args.command}: interrupted; nothing was written", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.debug:
            raise
        if disk_full(exc):
            print(
                f"digistrat {args.command}: failed: {_disk_full_message(exc, args)}",
                file=sys.stderr,
            )
            return 1
        print(
            f"digistrat {args.command}: failed: {type(exc).__name__}: {exc}\n"
            "(rerun with --debug to see the traceback)",
            file=sys.stderr,
        )
        return 1
    finally:
        logging.getLogger("digistrat").removeHandler(notes)
        sys.stdout, sys.stderr = stdout, stderr
        for sig, handler in previous.items():
            signal.signal(sig, handler)


def _disk_full_message(exc: BaseException, args: argparse.Namespace) -> str:
    where = f" while writing {exc.filename}" if getattr(exc, "filename", None) else ""
    text = (
        f"the disk is full{where} ({exc}). A file that was being "
        "written was removed and the one it would replace left as it was; results "
        "stored before are kept."
    )
    if getattr(args, "resume", None) is not None:
        text += f" Free some space, then continue with: {resume_command(args.argv)}"
    else:
        text += " Free some space, then run the command again."
    return text


class _Notes(logging.Handler):
    """Prints the notes of the layers below (a worker replaced, runs going slowly) on stderr.

    Each is a line of its own, ``digistrat sweep: note: ...``; on a terminal the
    progress line is cleared first and drawn again with the next finished run.
    """

    def __init__(self, command: str):
        super().__init__(logging.INFO)
        self.command = command

    def emit(self, record: logging.LogRecord) -> None:
        stream = sys.stderr
        try:
            clear = "\r\033[K" if getattr(stream, "isatty", lambda: False)() else ""
            stream.write(f"{clear}digistrat {self.command}: note: {record.getMessage()}\n")
            stream.flush()
        except (OSError, ValueError):  # stderr is gone: the note goes with it
            pass


def _nowhere():
    """A text stream to the null device, for a standard stream the command was started without."""
    return open(os.devnull, "w", encoding="utf-8")  # noqa: SIM115 - lives as long as the command


class _ClosedReaderIgnored:
    """Standard output that goes on quietly when its reader has gone (``| head``).

    The work is not stopped by a closed pipe: the runs, tables, plots and report are
    still written; only the rest of what would be printed is dropped.
    """

    def __init__(self, stream):
        self._stream, self._closed = stream, False

    def write(self, text: str) -> int:
        if not self._closed:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._drop()
        return len(text)

    def flush(self) -> None:
        if not self._closed:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._drop()

    def _drop(self) -> None:
        self._closed = True
        try:  # what is still buffered goes nowhere, also when Python flushes at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, self._stream.fileno())
            os.close(devnull)
        except (OSError, ValueError, AttributeError):
            pass

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


def _terminate(signum: int, frame: object) -> None:
    """Treat SIGTERM and SIGHUP like Ctrl-C, so that the finished runs are stored before the end."""
    raise KeyboardInterrupt


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with all subcommands."""
    parser = argparse.ArgumentParser(
        prog="digistrat",
        description="Simulate how a municipality digitalises: small steps vs big bang, "
        "programme vs investment funding, and the change capability that results.",
        epilog="examples:\n  digistrat validate scenarios/*.yaml\n"
        "  digistrat run scenarios/sundsvall_2017.yaml --jobs 2\n"
        "  digistrat compare scenarios/small_steps__programme_2022.yaml "
        "scenarios/big_bang__programme_2022.yaml -n 20\n"
        "Run 'digistrat COMMAND --help' for the options of a command.",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"digistrat {__version__}")
    parser.add_argument("--debug", action="store_true", help="show tracebacks of errors")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    run = _command(
        sub, "run", "run replications of one or more scenarios", _RUN_EXAMPLES + RUN_OPTIONS_HELP
    )
    run.add_argument("scenarios", nargs="+", metavar="SCENARIO", type=Path, help="YAML file")
    _run_options(run)
    run.set_defaults(handler=cmd_run)

    compare = _command(
        sub,
        "compare",
        "paired comparison of scenarios (same seeds)",
        _COMPARE_EXAMPLES + RUN_OPTIONS_HELP,
    )
    compare.add_argument("scenarios", nargs="+", metavar="SCENARIO", type=Path, help="YAML file")
    _run_options(compare)
    compare.set_defaults(handler=cmd_compare)

    validate = _command(sub, "validate", "check scenario files", _VALIDATE_EXAMPLES)
    validate.add_argument("files", nargs="+", metavar="FILE", type=Path)
    _set_option(validate)
    validate.set_defaults(handler=cmd_validate)

    show = _command(sub, "show", "print a scenario with extends and --set resolved", _SHOW_EXAMPLES)
    show.add_argument("file", metavar="FILE", type=Path)
    _set_option(show)
    show.set_defaults(handler=cmd_show)

    report = _command(
        sub, "report", "redraw plots and tables of a results directory", _REPORT_EXAMPLES
    )
    report.add_argument("folder", metavar="DIR", type=Path)
    _report_options(report)
    report.set_defaults(handler=cmd_report)

    app = _command(sub, "app", "start the interactive workshop app in a browser", _APP_EXAMPLES)
    app.add_argument("--port", type=_port, default=8765, help="port on 127.0.0.1 (default 8765)")
    app.add_argument(
        "--baseline",
        type=Path,
        metavar="SCENARIO",
        help="scenario the app compares against (default: its own default)",
    )
    app.set_defaults(handler=cmd_app)

    sweep = _command(
        sub,
        "sweep",
        "run a parameter sweep or sensitivity analysis",
        _SWEEP_EXAMPLES + RUN_OPTIONS_HELP,
    )
    sweep.add_argument("experiment", metavar="EXPERIMENT", type=Path, nargs="?", help="YAML file")
    sweep.add_argument(
        "--replot",
        metavar="DIR",
        type=Path,
        help="redraw the plots of a sweep's results; run nothing",
    )
    add_run_options(sweep)
    sweep.add_argument(
        "--dry-run",
        action="store_true",
        help="check the file, print the runs, their estimated time and disk; run nothing",
    )
    _allow_option(sweep)
    sweep.set_defaults(handler=cmd_sweep)

    from .cli_discover import add_discover

    add_discover(sub, _command)
    return parser


def _command(sub, name: str, text: str, epilog: str) -> argparse.ArgumentParser:
    command = sub.add_parser(
        name,
        help=text,
        description=text[0].upper() + text[1:] + ".",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    command.add_argument(
        "--debug", action="store_true", default=argparse.SUPPRESS, help="show tracebacks"
    )
    return command


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-n", "--replications", type=_positive, help="replications (default: from the file)"
    )
    parser.add_argument("--seed", type=_seed, help="seed of replication 0 (default: the file's)")
    add_run_options(parser)
    _set_option(parser)
    _report_options(parser)


def _report_options(parser: argparse.ArgumentParser) -> None:
    from .views import HEADLINE

    parser.add_argument(
        "--headline",
        default=None,
        metavar="OUTCOME@MONTH",
        help=f"the measure the verdict ranks on (default {HEADLINE}; MONTH may be 'end')",
    )
    parser.add_argument(
        "--robustness",
        action="append",
        default=[],
        type=Path,
        metavar="DIR",
        help="a sweep's or discovery's results directory for the report's robustness "
        "sentence (repeatable; see docs/plots.md)",
    )


def _set_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="PATH=VALUE",
        help="override a parameter, e.g. strategy.kind=big_bang (repeatable)",
    )
    _allow_option(parser, "extends:")


def _folder(text: str) -> Path:
    """An existing folder (for ``--allow-dir``)."""
    path = Path(text)
    try:
        is_dir = path.is_dir()
    except (OSError, ValueError):
        is_dir = False
    if not is_dir:
        what = "is a file" if path.is_file() else "does not exist"
        raise argparse.ArgumentTypeError(f"{text!r} {what}; --allow-dir takes a folder")
    return path


def _allow_option(parser: argparse.ArgumentParser, keys: str = "extends: and scenario:") -> None:
    parser.add_argument(
        "--allow-dir",
        dest="allow",
        action="append",
        default=[],
        type=_folder,
        metavar="DIR",
        help=f"let {keys} name files in DIR too (default: only the working "
        "directory and the folder of the file that names them; repeatable)",
    )


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{value} must be at least 1")
    from .scenario.schema import MAX_REPLICATIONS  # the cap of a file's 'replications'

    if value > MAX_REPLICATIONS:
        raise argparse.ArgumentTypeError(
            f"{value} is more than {MAX_REPLICATIONS} (the most replications, as in a file)"
        )
    return value


def _port(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 1024 <= value <= 65535:
        raise argparse.ArgumentTypeError(f"{value} is not a port in 1024..65535")
    return value


def _seed(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if not 0 <= value < 2**32:
        raise argparse.ArgumentTypeError(f"{value} is not in [0, 2**32 - 1]")
    return value


# ----------------------------------------------------------------------------- commands
def cmd_validate(args: argparse.Namespace) -> int:
    """Print OK for each good file and the problems of each bad one."""
    from .scenario import ScenarioError, load_scenario

    bad = 0
    for path in args.files:
        try:
            s = load_scenario(path, args.overrides, allow=args.allow)
        except ScenarioError as exc:
            bad += 1
            print(f"{exc}\n", file=sys.stderr)
            continue
        print(
            f"OK  {path}  ({s.name}: {s.params.strategy.kind}, seed {s.seed}, "
            f"{s.replications} replications)"
        )
    if bad:
        print(f"{bad} of {len(args.files)} file(s) have problems", file=sys.stderr)
    return 2 if bad else 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print the resolved scenario as YAML."""
    from .scenario import load_scenario

    scenario = load_scenario(args.file, args.overrides, allow=args.allow)
    print(f"# resolved from {scenario.source}; sha256 {scenario.sha256()}")
    print(scenario.to_yaml(), end="")
    return 0


def cmd_report(args: argparse.Namespace) -> int:
    """Recompute summary and comparison from the tables on disk and redraw plots."""
    from .experiments import layout, refresh
    from .views import check_options

    check_options(args.folder, args.headline, args.robustness)  # before anything is written
    study = refresh(args.folder)
    print(f"rewrote {args.folder / layout.SUMMARY}")
    if study.comparison is not None:
        print(f"rewrote {args.folder / layout.COMPARISON}")
    return draw_plots(args.folder, args.debug, args)


def cmd_app(args: argparse.Namespace) -> int:
    """Serve the workshop app on loopback until Ctrl-C."""
    from .app import AppError, serve

    try:
        return serve(port=args.port, baseline=args.baseline)
    except AppError as exc:
        from .experiments import ResultsError

        raise ResultsError(str(exc)) from None
