"""Scenario discovery and robustness on the seed-paired runs of a sweep with levers.

For researchers::

    from digistrat.experiments.discovery import rediscover
    found, settings = rediscover("results/discovery_small_vs_big",
                                 pairs=[("small_steps", "big_bang")],
                                 thresholds=["change_capability@2026-12 >= 0.45"])
    found.summary      # who leads, in what share of the runs; the PRIM box's coverage, density
    found.boxes        # the box's limits in parameter units, with units and meaning
    found.regret       # regret of each choice in each context

The analysis uses EMA Workbench's PRIM and feature scoring (``ema_workbench``).
"""

from .analyse import Discovery, discover, in_box
from .folder import analyse_folder, read_discovery, rediscover

__all__ = ["Discovery", "analyse_folder", "discover", "in_box", "read_discovery", "rediscover"]
