"""The robustness sentence: where the ranking changes, from sweep or discovery results.

The report reads the results directories it is given (``digistrat compare ...
--robustness DIR``, ``digistrat report DIR --robustness SWEEP``) and looks in each
for, in this order:

1. ``robustness.csv`` (scenario discovery, robustness): one row per measure and pair
   of alternatives, columns ``measure, leader, challenger, leader_share, futures,
   seeds`` and, optionally, ``box_coverage, box_density``. ``leader_share`` is the
   share of the sampled futures (design points) in which the leader does better than
   the challenger on the measure, over the paired seeds. With ``robustness_box.csv``
   (columns ``measure, leader, challenger, parameter, low, high``) it also names the
   box of the uncertainties where the challenger leads, ``box_coverage`` being the
   share of the futures where the challenger leads that fall in the box and
   ``box_density`` the share of the futures in the box where it leads.
2. ``sensitivity.csv`` (``digistrat sweep``): the parameters that drive the measure.

Only rows of the report's headline measure (``change_capability@2026-12`` by
default) are used; a directory with none is an error that says what it holds.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..experiments import layout
from ..experiments.layout import ResultsError, read_manifest
from .data import Results
from .labels import words
from .policies import in_study, limit_words, matching, policy_words
from .runs import Measure

REQUIRED = ("measure", "leader", "challenger", "leader_share", "futures", "seeds")
BOX_REQUIRED = ("measure", "leader", "challenger", "parameter", "low", "high")
#: The index that ranks parameters in each kind of sensitivity table, and its words.
RANKING = {
    "ST": "of its variation (Sobol' total index)",
    "mu_star": "(Morris mu*, in the measure's unit)",
    "PRCC": "(partial rank correlation)",
}


def check_robustness_folders(folders: tuple[Path, ...]) -> None:
    """Check that each folder is a sweep's or a discovery's results, before anything runs.

    Raises:
        ResultsError: if a folder is not a results directory or holds neither file.
    """
    for folder in folders:
        _tables_of(Path(folder))


def _tables_of(folder: Path) -> str:
    read_manifest(folder)  # ResultsError when not a results directory
    for name in (layout.ROBUSTNESS, layout.INDICES):
        if (folder / name).is_file():
            return name
    raise ResultsError(
        f"{folder}: no {layout.ROBUSTNESS} or {layout.INDICES} to read; give a "
        "sweep's or a discovery's results directory"
    )


def robustness_sentences(
    folders: tuple[Path, ...], results: Results, measure: Measure
) -> list[str]:
    """Plain sentences from the robustness or sensitivity results in ``folders``.

    Raises:
        ResultsError: if a folder is not a results directory, holds neither file, a
            file lacks a column, or no row is about ``measure``.
    """
    sentences: list[str] = []
    for folder in folders:
        folder = Path(folder)
        if _tables_of(folder) == layout.ROBUSTNESS:
            sentences += _discovery(folder, results, measure)
        else:
            sentences += _sensitivity(folder, results, measure)
    return sentences


def _read(path: Path, required: tuple[str, ...]) -> pd.DataFrame:
    try:
        table = pd.read_csv(path)
    except Exception as exc:  # pandas raises several kinds for a damaged file
        raise ResultsError(f"cannot read {path}: {exc}") from None
    missing = [c for c in required if c not in table.columns]
    if missing:
        raise ResultsError(
            f"{path}: missing column(s) {', '.join(missing)}; needed: {', '.join(required)}"
        )
    return table


def _rows_of(table: pd.DataFrame, column: str, measure: Measure, path: Path) -> pd.DataFrame:
    rows = table[table[column].astype(str) == str(measure)]
    if rows.empty:
        held = ", ".join(sorted(set(table[column].astype(str)))) or "nothing"
        raise ResultsError(
            f"{path}: no rows for the headline {measure} (it has: {held}); "
            "choose the headline with --headline"
        )
    return rows


def _name(results: Results, alternative: str) -> str:
    if alternative in results.scenarios:
        return results.label(alternative)
    return policy_words(alternative)


def _discovery(folder: Path, results: Results, measure: Measure) -> list[str]:
    path = folder / layout.ROBUSTNESS
    rows = _of_the_study(_rows_of(_read(path, REQUIRED), "measure", measure, path), results)
    box_path = folder / layout.ROBUSTNESS_BOX
    boxes = _read(box_path, BOX_REQUIRED) if box_path.is_file() else None
    when = measure.when_words(results)
    out = []
    for row in rows.to_dict("records"):
        leader, challenger = _name(results, row["leader"]), _name(results, row["challenger"])
        share = float(row["leader_share"])
        futures, seeds = int(row["futures"]), int(row["seeds"])
        text = (
            f"Over {futures} futures drawn from the plausible ranges of the uncertain "
            f"parameters ({seeds} paired seeds each), {leader} does better than {challenger} "
            f"on {measure.name()} {when} in {share:.0%} of them"
        )
        if share >= 1.0:
            out.append(text + ": the ranking did not change anywhere in that space.")
            continue
        limits = _limits(boxes, row) if boxes is not None else []
        if limits and not pd.isna(row.get("box_coverage", float("nan"))):
            text += (
                f"; {challenger} does better mainly where {' and '.join(limits)}: that holds "
                f"{float(row['box_coverage']):.0%} of the futures where {challenger} does "
                f"better, and there it does better in {float(row['box_density']):.0%}"
            )
        else:
            text += f", and {challenger} in the other {1 - share:.0%}"
        out.append(text + ".")
    return out


def _of_the_study(rows: pd.DataFrame, results: Results) -> pd.DataFrame:
    """The rows that compare policies the study's scenarios run; all rows if none do."""
    resolved = [s.resolved for s in results.manifest.scenarios]
    mine = rows[
        rows["leader"].map(lambda p: in_study(p, resolved))
        & rows["challenger"].map(lambda p: in_study(p, resolved))
    ]
    return mine if len(mine) else rows


def _limits(boxes: pd.DataFrame, row: dict) -> list[str]:
    mine = matching(boxes, row, ("measure", "leader", "challenger"))
    found = (limit_words(r["parameter"], r["low"], r["high"]) for r in mine.to_dict("records"))
    return [text for text in found if text]


def _sensitivity(folder: Path, results: Results, measure: Measure) -> list[str]:
    path = folder / layout.INDICES
    table = _read(path, ("outcome", "parameter"))
    rows = _rows_of(table, "outcome", measure, path)
    index = next((c for c in RANKING if c in rows.columns), None)
    if index is None:
        raise ResultsError(f"{path}: no index column ({', '.join(RANKING)}) to rank by")
    rows = rows.assign(size=rows[index].abs()).sort_values("size", ascending=False)
    experiment = (read_manifest(folder).experiment or {}).get("name", folder.name)
    top = [
        f"{words(r['parameter']).name.lower()} ({r[index]:.2f})"
        for r in rows.head(3).to_dict("records")
    ]
    return [
        f"The sensitivity analysis “{experiment}” ranks the uncertain parameters by how much "
        f"they move {measure.name()} {measure.when_words(results)} {RANKING[index]}: "
        f"{', '.join(top)} matter most. It "
        "varies one scenario's assumptions; it does not say whether the ranking of the "
        "scenarios changes."
    ]
