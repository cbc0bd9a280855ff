"""The tables of one run, built from what the model recorded month by month."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from .calendar import month_text
from .columns import DEPARTMENT_COLUMNS, INITIATIVE_COLUMNS, NUMERIC_INITIATIVE_COLUMNS, OUTCOMES

if TYPE_CHECKING:
    from .model import DigitalisationModel


@dataclass(frozen=True)
class RunResult:
    """Tables from one run.

    Attributes:
        timeseries: one row per month: ``month`` (YYYY-MM), ``step`` and one column per
            outcome in :data:`digistrat.core.columns.OUTCOMES`.
        initiatives: one row per initiative, columns
            :data:`digistrat.core.columns.INITIATIVE_COLUMNS`.
        departments: one row per department and month: ``month`` and
            :data:`digistrat.core.columns.DEPARTMENT_COLUMNS`.
        seed: the seed of the run.
    """

    timeseries: pd.DataFrame
    initiatives: pd.DataFrame
    departments: pd.DataFrame
    seed: int


def collect(model: DigitalisationModel) -> RunResult:
    """The monthly table, the initiative log and the department table of ``model``."""
    ts, log, departments = table_columns(model)
    log = {
        name: values if name in NUMERIC_INITIATIVE_COLUMNS else pd.array(values, dtype="str")
        for name, values in log.items()
    }
    return RunResult(
        pd.DataFrame(ts, copy=False),
        pd.DataFrame(log, copy=False),
        pd.DataFrame(departments, copy=False),
        model.seed,
    )


def table_columns(model: DigitalisationModel) -> tuple[dict, dict, dict]:
    """The three tables of ``model`` as columns: numpy arrays for numbers, lists of text.

    The one source of the tables' contents: :func:`collect` makes DataFrames of them,
    and a study stores them without a DataFrame in between.
    """
    return _timeseries(model), _initiatives(model), _departments(model)


def _timeseries(model: DigitalisationModel) -> dict:
    records = model.records
    n = len(records)
    ts = {
        "month": [month_text(model.start + i) for i in range(n)],
        "step": np.arange(1, n + 1),
    }
    for name in OUTCOMES:
        ts[name] = np.array([row[name] for row in records], dtype=float)
    return ts


def _initiatives(model: DigitalisationModel) -> dict:
    initiatives = model.portfolio.log + model.portfolio.active
    rows = [ini.row() for ini in initiatives]
    by_column = zip(*rows, strict=True) if rows else [()] * len(INITIATIVE_COLUMNS)
    log = {}
    for name, values in zip(INITIATIVE_COLUMNS, by_column, strict=True):
        if name in NUMERIC_INITIATIVE_COLUMNS:
            log[name] = np.array(values, dtype=np.int64 if name == "initiative" else float)
        else:
            log[name] = list(values)
    return log


def _departments(model: DigitalisationModel) -> dict:
    rows = model.department_records
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(DEPARTMENT_COLUMNS) + 1)
    data = {"month": list(columns[0])}
    for name, values in zip(DEPARTMENT_COLUMNS, columns[1:], strict=True):
        data[name] = list(values) if name == "department" else np.array(values, dtype=float)
    return data
