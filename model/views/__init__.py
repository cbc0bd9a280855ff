"""Plots and the report: they read a results directory and never run the model."""

from .draw import Drawn, draw
from .plots import draw_comparison, draw_run
from .report import write_report
from .runs import HEADLINE, KEY_MONTH, KEY_OUTCOMES, Measure, MeasureError
from .text import verdict_text

__all__ = [
    "HEADLINE",
    "KEY_MONTH",
    "KEY_OUTCOMES",
    "Drawn",
    "Measure",
    "MeasureError",
    "draw",
    "draw_comparison",
    "draw_run",
    "verdict_text",
    "write_report",
]
