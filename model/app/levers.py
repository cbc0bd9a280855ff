"""The workshop's levers: what each sets, in which range, and the parameters they give.

Every lever sets one or two parameters by dotted path with
:func:`digistrat.replace_path`, starting from a base scenario's parameters. Ranges
and defaults come from the parameter metadata and the base, so the sliders offer
only values a scenario file would accept.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

from ..core import Parameters, check, replace_path
from ..core.parameters import parameter_fields


@dataclass(frozen=True)
class Levers:
    """The settings a workshop moves; every other parameter is the base scenario's.

    Attributes:
        strategy: strategy kind (a registered strategy).
        programme_end_year: the last year of central programme money (ends in December).
        investment: whether long-term investment funding is available.
        pace: work taken on per sustainable capacity (1.0 is sustainable).
        training_share: share of the unit's effort spent training departments.
        it_moved_fte: IT development staff moved to the digitalisation unit.
        it_move_year: the year they move (in January).
        releases: releases a big-bang programme delivers its scope in (1: all at once).
        side_by_side: extra cost of running old and new side by side (0: left out).
        fixes_after: big bang's targeted legacy fixes once its programme has ended, as a
            share of small steps' (0: none, the textbook big bang).
        seed: the seed of the run shown live.
    """

    strategy: str = "small_steps"
    programme_end_year: int = 2022
    investment: bool = True
    pace: float = 1.0
    training_share: float = 0.2
    it_moved_fte: float = 0.0
    it_move_year: int = 2019
    releases: int = 1
    side_by_side: float = 0.0
    fixes_after: float = 0.0
    seed: int = 2017


#: Which parameter each lever sets (the year levers are turned into months).
PATHS = {
    "strategy": "strategy.kind",
    "programme_end_year": "funding.programme.end",
    "investment": "funding.investment.enabled",
    "pace": "behaviour.strain.pace",
    "training_share": "behaviour.attitudes.training_share",
    "it_moved_fte": "organisation.it.move_fte",
    "it_move_year": "organisation.it.move_month",
    "releases": "strategy.modernisation_releases",
    "side_by_side": "behaviour.legacy.side_by_side",
    "fixes_after": "strategy.fixes_after_programme",
}
FIRST_YEAR, LAST_YEAR = 2018, 2030


def strategies() -> list[str]:
    """The strategy kinds a scenario may name: the choices of ``strategy.kind``."""
    choices = parameter_fields()[PATHS["strategy"]].metadata["choices"]
    return list(choices() if callable(choices) else choices)


def from_parameters(params: Parameters, seed: int = 2017) -> Levers:
    """The lever settings that a set of parameters already has."""
    it = params.organisation.it
    return Levers(
        strategy=params.strategy.kind,
        programme_end_year=int(params.funding.programme.end[:4]),
        investment=bool(params.funding.investment.enabled),
        pace=float(params.behaviour.strain.pace),
        training_share=float(params.behaviour.attitudes.training_share),
        it_moved_fte=float(it.move_fte),
        it_move_year=int(it.move_month[:4]),
        releases=round(params.strategy.modernisation_releases),
        side_by_side=float(params.behaviour.legacy.side_by_side),
        fixes_after=float(params.strategy.fixes_after_programme),
        seed=seed,
    )


def apply(base: Parameters, levers: Levers) -> Parameters:
    """``base`` with every lever set, checked.

    Raises:
        ParameterError: if a lever's value breaks a parameter's rule.
    """
    values: dict[str, Any] = {
        "strategy": levers.strategy,
        "programme_end_year": f"{int(levers.programme_end_year)}-12",
        "investment": bool(levers.investment),
        "pace": float(levers.pace),
        "training_share": float(levers.training_share),
        "it_moved_fte": float(levers.it_moved_fte),
        "it_move_year": f"{int(levers.it_move_year)}-01",
        "releases": float(int(levers.releases)),
        "side_by_side": float(levers.side_by_side),
        "fixes_after": float(levers.fixes_after),
    }
    params = base
    for name, value in values.items():
        params = replace_path(params, PATHS[name], value)
    return check(params)


def bounds(name: str) -> tuple[float, float]:
    """The plausible range of the parameter a numeric lever sets."""
    if name in ("programme_end_year", "it_move_year"):
        return FIRST_YEAR, LAST_YEAR
    meta = parameter_fields()[PATHS[name]].metadata
    low, high = meta["low"], meta["high"]
    if name == "it_moved_fte":
        high = min(high, 20.0)  # a municipality's IT unit: a slider up to 20 FTE is plenty
    return float(low), float(high)


def replace(levers: Levers, **changes: Any) -> Levers:
    """``levers`` with some settings changed.

    Raises:
        TypeError: naming a setting that is not a lever.
    """
    known = {f.name for f in dataclasses.fields(Levers)}
    unknown = sorted(set(changes) - known)
    if unknown:
        raise TypeError(f"not a lever: {', '.join(unknown)}; levers: {', '.join(sorted(known))}")
    return dataclasses.replace(levers, **changes)
