"""The root of the parameter tree, and dated events."""

from __future__ import annotations

from dataclasses import dataclass

from ..events import EVENTS
from .behaviour import Behaviour
from .fields import ASSUMPTION, group, par
from .funding import Funding
from .organisation import Organisation
from .strategy import Horizon, StrategyParams


@dataclass(frozen=True)
class Event:
    """A dated event.

    Kinds: ``election`` (sets political will to ``value``), ``demand_shock``
    (multiplies proposals by ``value`` for ``months``), ``move_staff`` (moves
    ``value`` FTE of IT development staff to the unit), ``set_pace`` (sets the
    pace lever to ``value``), ``staff_target`` (sets the unit's target staff to
    ``value`` FTE), ``programme`` (a new grant of programme money: ``value``
    MSEK/year for ``months`` months).
    """

    month: str = par("2022-09", "YYYY-MM", None, None, ASSUMPTION, "month the event happens")
    kind: str = par(
        "election",
        "name",
        None,
        None,
        ASSUMPTION,
        "what happens",
        choices=tuple(EVENTS),
    )
    value: float = par(0.0, "depends on kind", 0.0, 1000.0, ASSUMPTION, "size of the event")
    months: float = par(
        12.0, "months", 1.0, 600.0, ASSUMPTION, "duration (demand_shock and programme)"
    )


@dataclass(frozen=True)
class Parameters:
    """Everything one model run needs, apart from the seed."""

    horizon: Horizon = group(Horizon, "simulated period")
    strategy: StrategyParams = group(StrategyParams, "strategy")
    funding: Funding = group(Funding, "funding")
    organisation: Organisation = group(Organisation, "organisation")
    behaviour: Behaviour = group(Behaviour, "behaviour")
    events: tuple[Event, ...] = group(tuple, "dated events", Event)
