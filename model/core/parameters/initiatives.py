"""Initiatives: arrival, size, duration and risk."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ASSUMPTION, REPORT, par


@dataclass(frozen=True)
class Initiatives:
    """Arrival, size, duration and risk of initiatives."""

    proposals_per_year: float = par(
        12.0,
        "initiatives/thousand employees/year",
        0.5,
        15.0,
        "assumption; order of magnitude only: a 2020 programme blog, unverified (the report"
        " has no such figure), noted as saying 60+ started in a year, about 30 at once",
        "proposal rate of a fully willing department with full trust",
    )
    small_effort_fte_months: float = par(
        6.0,
        "FTE-months",
        1.0,
        24.0,
        REPORT + " (short sprints)",
        "median effort of a small initiative",
    )
    small_months: float = par(
        4.0, "months", 1.0, 12.0, REPORT, "median duration of a small initiative"
    )
    small_cost_msek: float = par(
        0.4, "MSEK", 0.05, 5.0, ASSUMPTION, "median external cost of a small initiative"
    )
    fix_months: float = par(
        5.0, "months", 1.0, 18.0, "Fowler (strangler fig)", "targeted legacy fix"
    )
    fix_cost_msek: float = par(1.5, "MSEK", 0.1, 10.0, ASSUMPTION, "external cost of one fix")
    fix_health_gain: float = par(
        0.3, "index", 0.05, 0.8, "Fowler (strangler fig)", "health gained by one fix"
    )
    fix_api_gain: float = par(
        0.25, "index", 0.05, 0.8, REPORT + " (API strategy)", "API readiness gained by one fix"
    )
    fail_small: float = par(
        0.08,
        "probability",
        0.02,
        0.3,
        "Standish CHAOS 2015 (small projects)",
        "failure probability, small",
    )
    fail_large: float = par(
        0.4,
        "probability",
        0.1,
        0.7,
        "Standish CHAOS 2015 (large projects)",
        "failure probability, large",
    )
    size_scale_fte_months: float = par(
        40.0,
        "FTE-months",
        20.0,
        1000.0,
        ASSUMPTION,
        "effort at which risk is 63% of the way to 'large'",
    )
    overrun_body_mean: float = par(
        -0.12,
        "share",
        -0.3,
        0.3,
        "Flyvbjerg & Budzier 2011 (mean overrun 27% including the black swans: the rest "
        "land near or under budget)",
        "mean cost overrun of a project outside the fat tail",
    )
    overrun_body_sd: float = par(
        0.3,
        "share",
        0.05,
        0.8,
        "Budzier & Flyvbjerg (8 in 10 miss their cost estimate by more than 10%)",
        "spread of the cost overrun of a project outside the fat tail",
    )
    overrun_floor: float = par(
        -0.4,
        "share",
        -0.9,
        0.0,
        ASSUMPTION,
        "largest underrun (a project never costs less than 1 + this of its plan)",
    )
    overrun_tail_share: float = par(
        0.17,
        "probability",
        0.02,
        0.35,
        "Flyvbjerg & Budzier 2011 (1 in 6 a black swan)",
        "share of large projects in the fat tail (a project of relative size s: s times this)",
    )
    overrun_tail_alpha: float = par(
        1.0,
        "exponent",
        0.6,
        2.5,
        "Flyvbjerg et al. 2025 (tail exponent <= 1)",
        "Pareto exponent of tail overruns",
    )
    overrun_tail_min: float = par(
        1.0,
        "share",
        0.5,
        2.0,
        "Flyvbjerg & Budzier 2011 (black swans about +200%)",
        "smallest tail overrun",
    )
    overrun_cap: float = par(
        5.0,
        "share",
        2.0,
        20.0,
        "Flyvbjerg & Budzier 2011 (black swans about +200% on average)",
        "largest overrun drawn (truncation of the power law; with tail_min 1 and alpha 1 the "
        "tail's mean is about +200%)",
    )
    schedule_to_cost: float = par(
        0.35,
        "ratio",
        0.1,
        1.0,
        "Flyvbjerg & Budzier 2011 (70% schedule / 200% cost)",
        "schedule overrun per cost overrun",
    )
    proposal_trust_floor: float = par(
        0.4,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "proposal rate of a department with no trust in the unit, per rate at full trust",
    )
    proposal_will_floor: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "proposal rate with no political will, per rate at full will",
    )
    proposal_threshold_floor: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        REPORT + " ('we lower the thresholds')",
        "proposal rate when thresholds are not lowered at all, per rate when fully lowered",
    )
    absorptive_offset: float = par(
        0.5,
        "index",
        0.05,
        2.0,
        "Cohen & Levinthal 1990 (absorptive capacity)",
        "proposal rate factor is (offset + capability): how readily a department with "
        "no capability begins",
    )
    max_proposals_per_month: int = par(
        4,
        "proposals",
        1,
        10,
        ASSUMPTION,
        "most proposals one department makes in one month (the Poisson draw is capped here)",
    )
    patience_months: float = par(
        18.0,
        "months",
        3.0,
        60.0,
        ASSUMPTION,
        "months a proposal waits to start before it is withdrawn",
    )
    effort_sigma: float = par(
        0.5,
        "log-sd",
        0.1,
        1.5,
        ASSUMPTION,
        "spread of small-initiative effort around its median (lognormal)",
    )
    duration_sigma: float = par(
        0.25,
        "log-sd",
        0.0,
        1.0,
        ASSUMPTION,
        "spread of small-initiative duration around its planned value (lognormal)",
    )
    fix_sigma: float = par(
        0.3, "log-sd", 0.0, 1.0, ASSUMPTION, "spread of a legacy fix's duration (lognormal)"
    )
    benefit_msek_year: float = par(
        0.3, "MSEK/year", 0.0, 5.0, ASSUMPTION, "yearly benefit of one completed small initiative"
    )
