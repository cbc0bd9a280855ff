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
    return RunResult(_timeseries(model), _initiatives(model), _departments(model), model.seed)


def _timeseries(model: DigitalisationModel) -> pd.DataFrame:
    records = model.records
    n = len(records)
    ts = {
        "month": [month_text(model.start + i) for i in range(n)],
        "step": np.arange(1, n + 1),
    }
    for name in OUTCOMES:
        ts[name] = np.array([row[name] for row in records], dtype=float)
    return pd.DataFrame(ts, copy=False)


def _initiatives(model: DigitalisationModel) -> pd.DataFrame:
    initiatives = model.portfolio.log + model.portfolio.active
    rows = [ini.row() for ini in initiatives]
    by_column = zip(*rows, strict=True) if rows else [()] * len(INITIATIVE_COLUMNS)
    log = {}
    for name, values in zip(INITIATIVE_COLUMNS, by_column, strict=True):
        if name in NUMERIC_INITIATIVE_COLUMNS:
            log[name] = np.array(values, dtype=np.int64 if name == "initiative" else float)
        else:
            log[name] = pd.array(values, dtype="str")
    return pd.DataFrame(log, copy=False)


def _departments(model: DigitalisationModel) -> pd.DataFrame:
    rows = model.department_records
    columns = list(zip(*rows, strict=True)) if rows else [()] * (len(DEPARTMENT_COLUMNS) + 1)
    data = {"month": list(columns[0])}
    for name, values in zip(DEPARTMENT_COLUMNS, columns[1:], strict=True):
        data[name] = list(values) if name == "department" else np.array(values, dtype=float)
    return pd.DataFrame(data, copy=False)
