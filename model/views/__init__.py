"""Plots and the report: they read a results directory and never run the model.

Names are imported on first use, so that ``digistrat --help`` does not load
matplotlib and pandas.
"""

from __future__ import annotations

import importlib
from typing import Any

from .keys import HEADLINE, KEY_MONTH, KEY_OUTCOMES

_LAZY = {
    "Drawn": ".drawing",
    "draw": ".drawing",
    "draw_comparison": ".plots",
    "draw_run": ".plots",
    "write_report": ".report",
    "Measure": ".runs",
    "MeasureError": ".runs",
    "verdict_text": ".text",
    "check_options": ".text",
}

__all__ = ["HEADLINE", "KEY_MONTH", "KEY_OUTCOMES", *_LAZY]


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(_LAZY[name], __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
