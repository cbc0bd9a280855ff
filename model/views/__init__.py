"""Plots and the report: they read a results directory and never run the model."""

from .draw import Drawn, draw
from .plots import draw_comparison, draw_run
from .report import write_report

__all__ = ["Drawn", "draw", "draw_comparison", "draw_run", "write_report"]
