"""The findings of a scenario discovery in sentences, and ``discovery.md``.

Read from a lever sweep's results directory (:mod:`digistrat.experiments.discovery`):

- per measure, context and pair: who leads in what share of the paired runs and,
  where the challenger leads, the PRIM box in parameter units: "big bang leads where
  legacy brake is at most 0.12 and ...; that covers 62% of the cases where it
  leads, and within that box it leads in 71% of runs";
- per measure and context: in what share of the futures each choice is best, its
  regret, and the share of futures meeting each threshold the file names.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ..experiments import layout
from ..experiments.files import write_text
from ..experiments.layout import ResultsError, read_manifest
from .document import Bullets, Heading, Paragraph, Table, to_markdown
from .policies import choice_words, context_words, limit_words, matching
from .sweep_words import measure_words

#: A limit recurring in fewer half-sample reruns than this is called unstable.
STABLE = 0.7


def discovery_sentences(folder: Path) -> list[str]:
    """One sentence per measure, context and pair, then the robustness of each choice.

    Raises:
        ResultsError: if ``folder`` holds no discovery tables.
    """
    tables = _tables(folder)
    summary, boxes = tables[layout.DISCOVERY], tables[layout.DISCOVERY_BOX]
    out = [_pair_sentence(row, boxes) for row in summary.to_dict("records")]
    regret = tables[layout.REGRET]
    for (measure, context), rows in regret.groupby(["measure", "context"], sort=False):
        out.append(_best_sentence(measure, context, rows))
    return out


def _pair_sentence(row: dict, boxes: pd.DataFrame) -> str:
    where = _where(row["measure"], row["context"])
    leader, challenger = _choice(row["leader"]), _choice(row["challenger"])
    share = 1 - float(row["challenger_share"])
    runs, futures, seeds = int(row["runs"]), int(row["futures"]), int(row["seeds"])
    text = (
        f"{where}: {leader} leads {challenger} in {share:.0%} of {runs:,} paired runs "
        f"({futures:,} futures x {seeds} seeds)."
    )
    if int(row["challenger_runs"]) == 0:
        return text + f" {_upper(challenger)} leads in none of them."
    limits = _limits(boxes, row)
    if not limits or pd.isna(row.get("coverage")):
        return text + (
            f" Where {challenger} leads is spread over the space: PRIM finds no box that "
            "limits a parameter."
        )
    text += (
        f" {_upper(challenger)} leads where {' and '.join(text for text, _ in limits)}; that "
        f"covers {row['coverage']:.0%} of the cases where it leads, and within that box it "
        f"leads in {row['density']:.0%} of runs."
    )
    shaky = [text.split(" is ")[0] for text, reruns in limits if reruns < STABLE]
    if shaky:
        text += f" The limit on {' and '.join(shaky)} recurs in fewer than {STABLE:.0%} of "
        text += "half-sample reruns of PRIM: read it as a tendency."
    return text


def _limits(boxes: pd.DataFrame, row: dict) -> list[tuple[str, float]]:
    mine = matching(boxes, row, ("measure", "leader", "challenger", "context"))
    mine = mine[mine["in_box"].astype(str).str.lower() == "true"]
    out = []
    for r in mine.to_dict("records"):
        text = limit_words(r["parameter"], r["low"], r["high"], _text(r.get("categories")))
        reruns = r.get("reruns")
        out.append((text, 1.0 if pd.isna(reruns) else float(reruns)))
    return [(text, reruns) for text, reruns in out if text]


def _best_sentence(measure: str, context: str, rows: pd.DataFrame) -> str:
    rows = rows.sort_values("best_share", ascending=False)
    best = ", ".join(
        f"{_choice(r['policy'])} {r['best_share']:.0%}" for r in rows.to_dict("records")
    )
    safest = rows.sort_values("max_regret").iloc[0]
    futures = int(rows["futures"].iloc[0])
    return (
        f"{_where(measure, context)}: best in the share of {futures:,} futures: {best}. "
        f"The smallest worst-case regret: {_choice(safest['policy'])} "
        f"({safest['max_regret']:.3g}; mean {safest['mean_regret']:.3g})."
    )


def write_discovery(folder: Path) -> Path | None:
    """Write ``discovery.md`` into a lever sweep's folder; None when it has no discovery."""
    folder = Path(folder)
    if not (folder / layout.DISCOVERY).is_file():
        return None
    tables = _tables(folder)
    experiment = read_manifest(folder).experiment or {}
    blocks = [
        Heading(f"Scenario discovery: {experiment.get('name', folder.name)}", 1),
        Paragraph(experiment.get("description") or ""),
        Heading("Who leads, and where the conclusion flips"),
        Bullets(tuple(discovery_sentences(folder))),
        Heading("Regret of each choice"),
        _regret_table(tables[layout.REGRET]),
    ]
    satisficing = tables.get(layout.SATISFICING)
    if satisficing is not None and len(satisficing):
        blocks += [Heading("Satisficing"), _satisficing_table(satisficing)]
    blocks.append(
        Paragraph(
            "Tables: discovery.csv, discovery_box.csv (limits in parameter units, with "
            "their recurrence in half-sample reruns), discovery_peeling.csv, "
            "feature_scores.csv, regret.csv, satisficing.csv; docs/experiments.md says how "
            "to read them."
        )
    )
    path = folder / layout.DISCOVERY_MD
    write_text(path, to_markdown(blocks))
    return path


def _regret_table(regret: pd.DataFrame) -> Table:
    header = ("measure", "choice", "best in", "mean regret", "90% regret", "worst regret")
    rows = tuple(
        (
            _where(r["measure"], r["context"]),
            _choice(r["policy"]),
            f"{r['best_share']:.0%}",
            f"{r['mean_regret']:.3g}",
            f"{r['p90_regret']:.3g}",
            f"{r['max_regret']:.3g}",
        )
        for r in regret.to_dict("records")
    )
    return Table(header, rows)


def _satisficing_table(table: pd.DataFrame) -> Table:
    header = ("threshold", "context", "choice", "futures meeting it", "runs meeting it")
    rows = tuple(
        (
            r["threshold"],
            context_words(r["context"]) if isinstance(r["context"], str) else "",
            choice_words(r["choice"]),
            f"{r['share']:.0%}",
            f"{r['share_runs']:.0%}",
        )
        for r in table.to_dict("records")
    )
    return Table(header, rows)


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    from ..experiments.discovery import read_discovery

    tables = read_discovery(Path(folder))
    for name in (layout.DISCOVERY, layout.DISCOVERY_BOX, layout.REGRET):
        if name not in tables:
            raise ResultsError(f"{folder}: {name} is missing; run digistrat discover {folder}")
    return tables


def _where(measure: str, context: str) -> str:
    context = context_words(context) if context else ""
    return measure_words(measure) + (f", with {context}" if context else "")


def _choice(policy: str) -> str:
    """The first lever's value of a policy name, in words."""
    return choice_words(str(policy).split("__", 1)[0])


def _upper(text: str) -> str:
    return text[:1].upper() + text[1:]


def _text(value) -> str:
    return value if isinstance(value, str) else ""
