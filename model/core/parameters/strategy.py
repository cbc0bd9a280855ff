"""The simulated period and the strategy with its levers."""

from __future__ import annotations

from dataclasses import dataclass

from ..registry import strategy_names
from .adaptive import AdaptiveParams
from .fields import ASSUMPTION, REPORT, group, par


@dataclass(frozen=True)
class Horizon:
    """Simulated period; one step is one month."""

    start: str = par("2017-01", "YYYY-MM", None, None, REPORT, "first simulated month")
    end: str = par("2030-12", "YYYY-MM", None, None, ASSUMPTION, "last simulated month")


# --------------------------------------------------------------------------- strategy
@dataclass(frozen=True)
class StrategyParams:
    """Which strategy runs, and its levers."""

    kind: str = par(
        "small_steps",
        "name",
        None,
        None,
        REPORT,
        "strategy for capability and legacy work",
        choices=strategy_names,
    )
    legacy_share_max: float = par(
        0.4,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "small_steps/hybrid: most of IT's development staff not running the systems that "
        "targeted legacy fixes may tie up",
    )
    hybrid_legacy_share: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "hybrid: fixed share of IT capacity spent on planned legacy renewal, revealed or not",
    )
    hybrid_flexibility_target: float = par(
        0.8,
        "index",
        0.3,
        1.0,
        ASSUMPTION,
        "hybrid: systems below this flexibility are renewed in planned fixes",
    )
    modernisation_start: str = par(
        "2018-01", "YYYY-MM", None, None, ASSUMPTION, "big_bang: month the programme starts"
    )
    modernisation_scope: float = par(
        1.0, "share", 0.1, 1.0, ASSUMPTION, "big_bang: share of legacy systems in the programme"
    )
    modernisation_months: float = par(
        36.0,
        "months",
        12.0,
        84.0,
        ASSUMPTION + " (Flyvbjerg & Budzier 2011 give large IT programmes' schedule overruns, "
        "not their planned length)",
        "big_bang: planned duration of the modernisation programme",
    )
    modernisation_cost_msek: float = par(
        60.0,
        "MSEK",
        20.0,
        300.0,
        ASSUMPTION,
        "big_bang: planned external cost (suppliers, licences) of the whole programme",
    )
    modernisation_it_fte: float = par(
        10.0, "FTE", 2.0, 40.0, ASSUMPTION, "big_bang: IT development staff tied up"
    )
    modernisation_unit_share: float = par(
        0.6,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "big_bang: share of digitalisation-unit staff tied up in the programme",
    )
    modernisation_capability_share: float = par(
        1.0,
        "share",
        0.0,
        1.0,
        ASSUMPTION + " (0: the textbook big bang, capability work only after the programme)",
        "big_bang: share of the unit capacity the programme leaves free that does capability "
        "work while the programme runs",
    )
    modernisation_discovery_months: float = par(
        6.0,
        "months",
        0.0,
        24.0,
        ASSUMPTION + "; Fowler (strangler fig) as the alternative",
        "big_bang: months of needs discovery with the departments before the design is frozen",
    )
    modernisation_discovery_rate: float = par(
        0.1,
        "per month",
        0.0,
        0.5,
        ASSUMPTION,
        "big_bang: share of the unknown needs on each system in scope that a month of discovery "
        "reveals, with the planned unit team",
    )
    modernisation_releases: float = par(
        1.0,
        "count",
        1.0,
        12.0,
        "Standish CHAOS 2015 (large agile projects succeed about 18% of the time, large "
        "waterfall about 3%); assumption: a release is a project of its share of the programme",
        "big_bang: releases that deliver the programme's scope one after another (1 = all at "
        "once); each is a project of its share of the systems, months, effort and cost, with "
        "its own discovery, failure and overrun, and renews its systems when it ends",
    )
    modernisation_overtime_max: float = par(
        2.5,
        "ratio",
        1.2,
        5.0,
        "Flyvbjerg & Budzier 2011 (black swans: about +70% schedule); assumption for the limit",
        "big_bang: a programme still building after this many times its planned months is "
        "called off (failed)",
    )
    modernisation_stall_months: float = par(
        24.0,
        "months",
        3.0,
        60.0,
        ASSUMPTION,
        "big_bang: months without money after which a stalled programme is abandoned",
    )
    fixes_after_programme: float = par(
        0.0,
        "share",
        0.0,
        1.0,
        ASSUMPTION + " (0: the textbook big bang leaves the legacy to its programme; the "
        "report's 'växelverkan' of capability and legacy work is small steps' own)",
        "big_bang: once its programme has ended, share of `legacy_share_max` that targeted "
        "fixes of revealed legacy may use, as in small steps (1: the same fixes)",
    )
    order_spec_months: float = par(
        4.0,
        "months",
        0.0,
        12.0,
        REPORT + " (the ordering model: 'define and document the assignment')",
        "order_from_it: months a department spends specifying an order before IT starts",
    )
    adaptive: AdaptiveParams = group(AdaptiveParams, "adaptive: indicators and rules")
