"""``digistrat discover RESULTS``: scenario discovery and robustness again, from disk.

Reads a lever sweep's results directory and analyses its runs again with other
pairs of choices, measures, satisficing thresholds or margin; no model runs.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

DISCOVER_EXAMPLES = """\
examples:
  digistrat discover results/discovery_small_vs_big
  digistrat discover results/discovery_small_vs_big --pair adaptive,big_bang
  digistrat discover results/discovery_small_vs_big --measure change_capability@2030-12 \\
      --threshold 'change_capability@2030-12 >= 0.5' --margin 0.01

Reads design.csv, policies.csv and outcomes.parquet of a sweep with levers and
writes discovery.csv, discovery_box.csv, discovery_peeling.csv, feature_scores.csv,
robustness.csv, robustness_box.csv, regret.csv, satisficing.csv, discovery.md and
the plots into the same directory, replacing the earlier ones. Runs no model: the
options change the questions, not the runs. Options left out keep the sweep's own
settings (from its experiment file). Reading the tables: docs/experiments.md."""


def add_discover(sub, command: Callable[..., argparse.ArgumentParser]) -> None:
    """Add the ``discover`` subcommand to ``sub`` (``command`` makes a subparser)."""
    discover = command(
        sub,
        "discover",
        "scenario discovery and robustness of a lever sweep, again from its results",
        DISCOVER_EXAMPLES,
    )
    discover.add_argument("folder", metavar="RESULTS", type=Path, help="a lever sweep's results")
    discover.add_argument(
        "--pair",
        action="append",
        default=[],
        type=_pair,
        metavar="A,B",
        help="two values of the first lever to compare, e.g. small_steps,big_bang (repeatable)",
    )
    discover.add_argument(
        "--measure",
        action="append",
        default=[],
        metavar="OUTCOME@MONTH",
        help="a measure of the sweep to discover on (repeatable)",
    )
    discover.add_argument(
        "--threshold",
        action="append",
        default=[],
        metavar="'MEASURE >= VALUE'",
        help="a satisficing threshold, MEASURE >= VALUE or MEASURE <= VALUE (repeatable)",
    )
    discover.add_argument(
        "--margin",
        type=_margin,
        default=None,
        metavar="X",
        help="a run counts for the challenger when it is better by more than -X (default 0)",
    )
    discover.set_defaults(handler=cmd_discover)


def cmd_discover(args: argparse.Namespace) -> int:
    """Analyse the lever sweep in ``args.folder`` again and print what it found."""
    from .cli_runs import print_discovery
    from .experiments.discovery import rediscover

    _, settings = rediscover(
        args.folder,
        pairs=args.pair,
        measures=args.measure,
        thresholds=args.threshold,
        margin=args.margin,
    )
    pairs = ", ".join(f"{a} vs {b}" for a, b in settings.pairs)
    print(f"discovery of {args.folder} (pairs: {pairs}; no model runs)")
    print_discovery(args.folder)
    return draw_findings(args.folder, args.debug)


def draw_findings(folder: Path, debug: bool) -> int:
    """Redraw the discovery figures and ``discovery.md``; on a drawing failure exit 1."""
    from .cli_runs import guarded_drawing
    from .experiments.layout import PLOTS
    from .views.discovery import draw_discovery

    retry = f"digistrat sweep --replot {folder}"
    drawn, code = guarded_drawing(lambda: draw_discovery(folder), folder, retry, debug)
    if drawn is None:
        return code
    plots, report = drawn
    print(f"plots: {len({p.stem for p in plots})} figures in {Path(folder) / PLOTS}")
    if report is not None:
        print(f"report: {report}")
    return 0


def _pair(text: str) -> tuple[str, str]:
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not all(parts):
        raise argparse.ArgumentTypeError(f"{text!r} is not a pair A,B (e.g. small_steps,big_bang)")
    return parts[0], parts[1]


def _margin(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{value} must be a finite number >= 0")
    return value
