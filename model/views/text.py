"""The verdict as plain text, for the command line: question, ranking, verdict, warning."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from pathlib import Path

from .data import load
from .robustness import robustness_sentences
from .runs import Measure, fmt
from .verdict import verdict

WIDTH = 88


def verdict_text(folder: Path, headline: str | None = None, robustness: Sequence[Path] = ()) -> str:
    """What a study found, in a few lines: the same words as the top of its report.

    Raises:
        ResultsError: if ``folder`` is not a readable study's results directory.
        MeasureError: if the headline cannot be measured in these results.
    """
    results = load(Path(folder))
    measure = Measure.for_results(headline, results)
    found = verdict(results, measure)
    unit = measure.unit
    lines = _wrap(f"Question: {found.question}")
    lines.append(
        f"Ranked on {measure.name()} {measure.when_words(results)}, "
        f"{measure.better} is better (median, and the range of the middle runs):"
    )
    width = max(len(results.label(r.scenario)) for r in found.ranking)
    for place, r in enumerate(found.ranking, 1):
        label = results.label(r.scenario).ljust(width)
        spread = (
            ""
            if r.runs.n == 1
            else f"  {r.runs.words()}: {fmt(r.runs.low, unit)} to {fmt(r.runs.high, unit)}"
        )
        lines.append(f"  {place}. {label}  {fmt(r.runs.median, unit)}{spread}")
    lines += _wrap(f"Verdict: {found.sentence}")
    for sentence in robustness_sentences(tuple(robustness), results, measure):
        lines += _wrap(f"How robust: {sentence}")
    if found.warning:
        lines += _wrap(f"Indicative only: {found.warning}")
    if failed := results.failed_sentence():
        lines += _wrap(f"Runs that failed: {failed}")
    return "\n".join(lines)


def check_options(folder: Path, headline: str | None, robustness: Sequence[Path] = ()) -> None:
    """Check a study's headline and robustness directories before anything is written.

    Raises:
        ResultsError: if ``folder`` or a robustness directory cannot be read.
        MeasureError: if the headline cannot be measured in these results.
    """
    results = load(Path(folder))
    robustness_sentences(tuple(robustness), results, Measure.for_results(headline, results))


def _wrap(text: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, subsequent_indent="  ")
