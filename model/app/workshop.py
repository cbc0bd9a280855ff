"""The model a workshop steps: the public model, built from lever settings.

Mesa's SolaraViz rebuilds its model as ``type(model)(**settings)`` when Reset is
pressed, so the app steps a small :class:`mesa.Model` whose keyword arguments are
the levers. It builds the real model with :func:`digistrat.build_model` and steps
it with ``model.step()``; the model core knows nothing of the app.
"""

from __future__ import annotations

import mesa
import pandas as pd

from ..core import Parameters, build_model
from ..core.calendar import month_text
from .levers import Levers, apply

#: The parameters the levers start from: set by the app before it serves.
BASE: dict[str, Parameters] = {"params": Parameters()}


class Workshop(mesa.Model):
    """One run of the model, stepped month by month, with the levers it was built from."""

    def __init__(
        self,
        strategy: str = Levers.strategy,
        programme_end_year: int = Levers.programme_end_year,
        investment: bool = Levers.investment,
        pace: float = Levers.pace,
        training_share: float = Levers.training_share,
        it_moved_fte: float = Levers.it_moved_fte,
        it_move_year: int = Levers.it_move_year,
        releases: int = Levers.releases,
        side_by_side: float = Levers.side_by_side,
        fixes_after: float = Levers.fixes_after,
        seed: int = Levers.seed,
        rng=None,
    ):
        super().__init__(rng=rng)
        self.levers = Levers(
            strategy=strategy,
            programme_end_year=int(programme_end_year),
            investment=bool(investment),
            pace=float(pace),
            training_share=float(training_share),
            it_moved_fte=float(it_moved_fte),
            it_move_year=int(it_move_year),
            releases=int(releases),
            side_by_side=float(side_by_side),
            fixes_after=float(fixes_after),
            seed=int(seed),
        )
        self.params = apply(BASE["params"], self.levers)
        self.sim = build_model(self.params, seed=self.levers.seed)
        #: One record per month stepped: ``month`` (text) and every outcome. A record
        #: is appended whole, so a panel drawn while another thread steps the model
        #: (the page's controls, a test's ``advance_to``) never sees a half-kept month.
        self.rows: list[dict] = []

    def step(self) -> None:
        """Advance the model one month and keep its outcomes."""
        if not self.sim.running:  # the horizon's last month is done
            self.running = False
            return
        self.sim.step()
        self.rows.append({"month": month_text(self.sim.month), **self.sim.outcomes})
        self.running = self.sim.running

    def table(self) -> pd.DataFrame:
        """The months stepped so far: ``month``, ``year`` (decimal) and every outcome.

        It reads one copy of the records, taken at once, so it is whole even while
        another thread steps the model.
        """
        table = pd.DataFrame(list(self.rows))
        years = [int(m[:4]) + (int(m[5:]) - 1) / 12 for m in table["month"]]
        table.insert(1, "year", years)
        return table
