"""Every parameter of the model, with unit, default, plausible range and source.

Parameters are frozen dataclasses. Each scalar field is declared with :func:`par`,
which records its unit, range, source and meaning in the field's metadata. The
scenario schema, the range checks and ``docs/parameters.md`` are all generated from
these declarations, so they cannot drift apart.

Money is in MSEK (millions of Swedish kronor), staff in FTE (full-time
equivalents), time in months unless a name says otherwise, and every share, index
and level is a fraction in [0, 1].
"""

from __future__ import annotations

import dataclasses
import functools
import math
from dataclasses import dataclass, field
from typing import Any

ASSUMPTION = "assumption"
REPORT = "Magnusson, Lindroth & Khisro 2021 (the Sundsvall report)"


def par(
    default: Any,
    unit: str,
    low: float | None,
    high: float | None,
    source: str,
    doc: str,
    *,
    choices: tuple[str, ...] | None = None,
) -> Any:
    """Declare a parameter field with its unit, plausible range and source."""
    meta = {"unit": unit, "low": low, "high": high, "source": source, "doc": doc}
    if choices is not None:
        meta["choices"] = choices
    return field(default=default, metadata=meta)


def group(factory: Any, doc: str, element: type | None = None) -> Any:
    """Declare a nested parameter group, or a list of ``element`` groups."""
    meta = {"doc": doc, "group": True, "element": element or factory}
    return field(default_factory=factory, metadata={**meta, "sequence": element is not None})


# --------------------------------------------------------------------------- horizon
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
        choices=("small_steps", "big_bang", "capability_only", "order_from_it", "hybrid"),
    )
    legacy_share_max: float = par(
        0.4,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "small_steps/hybrid: most of IT development capacity given to targeted legacy fixes",
    )
    hybrid_legacy_share: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "hybrid: fixed share of IT capacity spent on planned legacy renewal, revealed or not",
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
        "Flyvbjerg & Budzier 2011 (large IT programmes)",
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
    order_spec_months: float = par(
        4.0,
        "months",
        0.0,
        12.0,
        REPORT + " (the ordering model: 'define and document the assignment')",
        "order_from_it: months a department spends specifying an order before IT starts",
    )


# --------------------------------------------------------------------------- funding
@dataclass(frozen=True)
class ProgrammeFunding:
    """Central, time-limited programme money (the digitalisation programme)."""

    annual_msek: float = par(
        22.0, "MSEK/year", 0.0, 200.0, ASSUMPTION, "programme money added each year, paid monthly"
    )
    start: str = par("2018-01", "YYYY-MM", None, None, REPORT, "first month of programme money")
    end: str = par(
        "2022-12", "YYYY-MM", None, None, REPORT, "last month of programme money (report: 2022)"
    )


@dataclass(frozen=True)
class InvestmentFunding:
    """Capitalised investment money for long-lived digital infrastructure."""

    enabled: bool = par(True, "flag", None, None, REPORT, "investment funding is available")
    start: str = par(
        "2021-01",
        "YYYY-MM",
        None,
        None,
        REPORT + " (decided 2020)",
        "first month investment money may be used",
    )
    annual_ceiling_msek: float = par(
        25.0, "MSEK/year", 0.0, 200.0, ASSUMPTION, "most that may be capitalised in one year"
    )
    useful_life_years: float = par(
        5.0,
        "years",
        3.0,
        10.0,
        "Nacka and Värmdö annual reports; RKR R3 (3-10 years, most often 5)",
        "straight-line depreciation period of capitalised work",
    )
    capitalisable_share: float = par(
        0.6,
        "share",
        0.0,
        1.0,
        "SCDI 2020; RKR R3 capitalisation rules",
        "share of the unit's staff cost that is capitalisable infrastructure work",
    )


@dataclass(frozen=True)
class OperatingFunding:
    """Departments' own operating budgets for digital development."""

    annual_msek: float = par(
        8.0,
        "MSEK/year",
        0.0,
        100.0,
        "Radar 2013 (about 12% of municipal IT spend goes to development)",
        "operating money departments set aside for digital development",
    )
    unit_staff_share: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "most of each month's operating money departments put into unit staff",
    )
    depreciation_charged: bool = par(
        True,
        "flag",
        None,
        None,
        "RKR R3 / LKBR (2018:597)",
        "depreciation of investments is charged to the operating budget",
    )


@dataclass(frozen=True)
class Funding:
    """All funding sources."""

    programme: ProgrammeFunding = group(ProgrammeFunding, "central programme funding")
    investment: InvestmentFunding = group(InvestmentFunding, "investment funding")
    operating: OperatingFunding = group(OperatingFunding, "department operating budgets")


# --------------------------------------------------------------------------- organisation
@dataclass(frozen=True)
class DepartmentParams:
    """One department (förvaltning)."""

    name: str = par("department", "name", None, None, ASSUMPTION, "short identifier")
    size: float = par(1.0, "thousand employees", 0.05, 20.0, ASSUMPTION, "staff of the department")
    capability: float = par(
        0.2, "index", 0.0, 1.0, "DiMiOS 2017 (national mean about 0.48)", "starting capability"
    )
    self_sufficiency: float = par(
        0.05, "index", 0.0, 1.0, ASSUMPTION, "starting self-sufficiency in digital development"
    )
    trust: float = par(0.4, "index", 0.0, 1.0, ASSUMPTION, "starting trust in the unit")
    willingness: float = par(
        0.6, "index", 0.0, 1.0, REPORT, "willingness to engage in digital initiatives"
    )
    joins: str = par(
        "2018-01",
        "YYYY-MM",
        None,
        None,
        REPORT,
        "month the department starts working with the unit",
    )
    systems: tuple[str, ...] = par(
        (), "names", None, None, ASSUMPTION, "legacy systems the department depends on"
    )


@dataclass(frozen=True)
class LegacySystemParams:
    """One legacy system (part of the digital legacy, digitalt arv)."""

    name: str = par("system", "name", None, None, ASSUMPTION, "short identifier")
    age_years: float = par(12.0, "years", 0.0, 50.0, "GAO-16-468", "age at the start")
    health: float = par(
        0.5, "index", 0.0, 1.0, ASSUMPTION, "technical health at the start (1 = as new)"
    )
    api_readiness: float = par(
        0.15, "index", 0.0, 1.0, REPORT + " (API strategy)", "how open the system is to integration"
    )
    maintenance_msek: float = par(
        8.0, "MSEK/year", 0.1, 100.0, ASSUMPTION, "maintenance cost when healthy"
    )


def _default_departments() -> tuple[DepartmentParams, ...]:
    d = DepartmentParams
    return (
        d("education", 3.0, 0.25, 0.05, 0.45, 0.75, "2018-03", ("school_admin", "erp", "eservice")),
        d(
            "social_services",
            1.2,
            0.2,
            0.05,
            0.45,
            0.7,
            "2018-06",
            ("case_mgmt", "erp", "eservice"),
        ),
        d("elderly_care", 2.5, 0.15, 0.03, 0.35, 0.5, "2020-06", ("care_docs", "case_mgmt", "erp")),
        d("labour_market", 0.6, 0.15, 0.03, 0.35, 0.5, "2020-09", ("case_mgmt", "erp", "eservice")),
        d("culture_leisure", 0.4, 0.2, 0.04, 0.4, 0.45, "2021-06", ("booking", "erp", "eservice")),
        d("urban_planning", 0.5, 0.25, 0.05, 0.4, 0.45, "2022-03", ("gis", "erp", "eservice")),
    )


def _default_systems() -> tuple[LegacySystemParams, ...]:
    s = LegacySystemParams
    return (
        s("school_admin", 14.0, 0.45, 0.1, 4.0),
        s("case_mgmt", 18.0, 0.35, 0.05, 6.0),
        s("care_docs", 12.0, 0.45, 0.1, 5.0),
        s("erp", 20.0, 0.4, 0.15, 9.0),
        s("eservice", 6.0, 0.65, 0.35, 3.0),
        s("booking", 10.0, 0.5, 0.1, 1.5),
        s("gis", 9.0, 0.55, 0.2, 2.0),
    )


@dataclass(frozen=True)
class UnitParams:
    """The central digitalisation unit (digitaliserings- och innovationsavdelningen)."""

    formed: str = par("2018-01", "YYYY-MM", None, None, REPORT, "month the unit is formed")
    initial_staff_fte: float = par(8.0, "FTE", 0.0, 100.0, ASSUMPTION, "staff when formed")
    staffing_plan: tuple[tuple[str, float], ...] = par(
        (("2018-01", 8.0), ("2020-01", 16.0)),
        "(YYYY-MM, FTE) pairs",
        None,
        None,
        REPORT + " ('we have doubled our development capacity once')",
        "target staff from each month on; the unit hires towards it when money allows",
    )
    fte_cost_msek_year: float = par(
        0.85,
        "MSEK/FTE/year",
        0.5,
        1.5,
        "SKR salary statistics plus overhead (assumption)",
        "full cost of one FTE",
    )
    hires_per_month_max: float = par(
        1.5, "FTE/month", 0.1, 10.0, ASSUMPTION, "recruitment capacity"
    )
    recruitment_cost_msek: float = par(
        0.15,
        "MSEK/FTE",
        0.0,
        1.0,
        "Trammell, Madnick & Moulton 2013 (ramp-up tax)",
        "one-off cost of hiring one FTE",
    )
    assimilation_months: float = par(
        4.0,
        "months",
        0.5,
        12.0,
        "Brooks' law, Madachy's model",
        "months until a newcomer is fully productive",
    )
    newcomer_productivity: float = par(
        0.6,
        "share",
        0.2,
        1.0,
        "Madachy (newcomers cost about 25% of a mentor)",
        "productivity of a newcomer",
    )
    cliff_lag_months: float = par(
        6.0,
        "months",
        0.0,
        24.0,
        REPORT + " (programme limited to 2022)",
        "months unfunded staff stay before they leave",
    )
    team_fte: float = par(
        1.5, "FTE", 0.5, 6.0, ASSUMPTION, "unit staff in one co-created initiative team"
    )


@dataclass(frozen=True)
class ITParams:
    """The IT unit: runs the legacy and holds development staff."""

    budget_msek_year: float = par(
        75.0,
        "MSEK/year",
        10.0,
        500.0,
        "SKR/IFF: IT is 2-3% of municipal operating cost",
        "IT budget for operations, maintenance and development",
    )
    dev_staff_fte: float = par(
        18.0, "FTE", 0.0, 100.0, ASSUMPTION, "development staff in IT at the start"
    )
    move_fte: float = par(
        0.0,
        "FTE",
        0.0,
        50.0,
        REPORT + " (recommendation 3)",
        "development staff moved from IT to the unit (paid by IT)",
    )
    move_month: str = par(
        "2022-01", "YYYY-MM", None, None, REPORT + " (recommendation 3)", "month staff are moved"
    )
    fix_fte: float = par(2.0, "FTE", 0.5, 10.0, ASSUMPTION, "IT staff in one targeted legacy fix")
    fix_unit_fte: float = par(
        1.0,
        "FTE",
        0.0,
        5.0,
        REPORT + " ('resources are allocated to address the shortcomings')",
        "digitalisation-unit staff in one targeted legacy fix",
    )


@dataclass(frozen=True)
class Organisation:
    """Departments, the unit, IT and the legacy systems."""

    departments: tuple[DepartmentParams, ...] = group(
        _default_departments, "departments", DepartmentParams
    )
    unit: UnitParams = group(UnitParams, "digitalisation unit")
    it: ITParams = group(ITParams, "IT unit")
    systems: tuple[LegacySystemParams, ...] = group(
        _default_systems, "legacy systems", LegacySystemParams
    )


# --------------------------------------------------------------------------- behaviour
@dataclass(frozen=True)
class Initiatives:
    """Arrival, size, duration and risk of initiatives."""

    proposals_per_year: float = par(
        12.0,
        "initiatives/thousand employees/year",
        0.5,
        15.0,
        "Sundsvall programme blog 2020 (60+ started in a year, about 30 at once)",
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
        120.0,
        "FTE-months",
        20.0,
        1000.0,
        ASSUMPTION,
        "effort at which risk is 63% of the way to 'large'",
    )
    overrun_mean_body: float = par(
        0.27,
        "share",
        0.05,
        0.6,
        "Flyvbjerg & Budzier 2011 (mean overrun 27%)",
        "mean ordinary cost overrun of a large project",
    )
    overrun_tail_share: float = par(
        0.17,
        "probability",
        0.02,
        0.35,
        "Flyvbjerg & Budzier 2011 (1 in 6 a black swan)",
        "share of large projects in the tail",
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
        8.0, "share", 2.0, 20.0, ASSUMPTION, "largest overrun drawn (truncation of the power law)"
    )
    schedule_to_cost: float = par(
        0.35,
        "ratio",
        0.1,
        1.0,
        "Flyvbjerg & Budzier 2011 (70% schedule / 200% cost)",
        "schedule overrun per cost overrun",
    )
    benefit_msek_year: float = par(
        0.3, "MSEK/year", 0.0, 5.0, ASSUMPTION, "yearly benefit of one completed small initiative"
    )


@dataclass(frozen=True)
class Learning:
    """Learning by doing, spill-over and self-sufficiency."""

    rate: float = par(
        0.05,
        "per initiative",
        0.0,
        0.3,
        "Cohen & Levinthal 1990 (assumption for size)",
        "capability gained from one co-created success",
    )
    absorptive_floor: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        "Cohen & Levinthal 1990",
        "learning efficiency of a department with no capability",
    )
    from_failure: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        REPORT + " ('we learn from mistakes')",
        "share of learning a failed co-created initiative still gives",
    )
    spillover: float = par(
        0.01,
        "per month",
        0.0,
        0.1,
        REPORT + " (stories spread)",
        "rate at which capability spreads from more capable departments",
    )
    erosion: float = par(
        0.003,
        "per month",
        0.0,
        0.02,
        "March 1991 (turnover)",
        "monthly loss of capability and self-sufficiency",
    )
    self_rate: float = par(
        0.08,
        "per initiative",
        0.0,
        0.3,
        REPORT + " (självgående)",
        "self-sufficiency gained per co-created success, at full training share",
    )
    self_reliance: float = par(
        0.7,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "share of unit team effort a fully self-sufficient department replaces",
    )


@dataclass(frozen=True)
class Trust:
    """Trust between departments and the unit."""

    gain: float = par(
        0.04, "per success", 0.0, 0.2, REPORT + " (tilltro)", "trust from a delivered initiative"
    )
    loss: float = par(0.06, "per failure", 0.0, 0.3, REPORT, "trust lost to a failed initiative")
    waiting_loss: float = par(
        0.004,
        "per month",
        0.0,
        0.05,
        ASSUMPTION,
        "trust lost each month a joined department gets nothing delivered",
    )
    cliff_loss: float = par(
        0.5,
        "per share of staff lost",
        0.0,
        2.0,
        "Trammell, Madnick & Moulton 2013 (gap tax)",
        "trust lost per share of unit staff that leaves",
    )


@dataclass(frozen=True)
class LegacyBehaviour:
    """Legacy decay, maintenance and the legacy brake."""

    half_life_years: float = par(
        7.0,
        "years",
        3.0,
        15.0,
        "software half-life: about 7 years (mainframe), 4 (web)",
        "half-life of legacy health without upkeep",
    )
    upkeep_effect: float = par(
        0.6,
        "share",
        0.0,
        1.0,
        "Lehman 1980 (anti-regressive work)",
        "share of decay that funded maintenance prevents",
    )
    interest: float = par(
        1.5,
        "ratio",
        0.0,
        4.0,
        "Nugroho, Visser & Kuipers 2011 (technical-debt interest)",
        "extra maintenance cost at zero health, per healthy cost",
    )
    brake: float = par(
        0.7,
        "probability",
        0.0,
        1.0,
        REPORT + " ('our digital legacy stops development')",
        "chance an initiative is blocked by a fully rigid system",
    )
    brake_exponent: float = par(
        1.5, "exponent", 0.5, 4.0, ASSUMPTION, "how sharply blocking rises as flexibility falls"
    )
    block_delay_months: float = par(
        4.0, "months", 0.0, 18.0, ASSUMPTION, "delay of a blocked initiative that is not abandoned"
    )
    drag: float = par(
        1.0,
        "ratio",
        0.0,
        3.0,
        "Lehman 1980 (productivity falls as complexity rises)",
        "extra duration of an initiative per unit of rigidity (1 - flexibility) of its system",
    )
    block_fail: float = par(
        0.5, "probability", 0.0, 1.0, ASSUMPTION, "share of blocked initiatives that are abandoned"
    )
    new_health: float = par(
        0.9, "index", 0.5, 1.0, ASSUMPTION, "health of a system after modernisation"
    )
    new_api: float = par(
        0.85, "index", 0.3, 1.0, ASSUMPTION, "API readiness of a system after modernisation"
    )
    known_needs_floor: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        REPORT + " ('capability work as a method to explore new requirements on the legacy')",
        "fit of legacy renewal done before any capability work has shown what is needed",
    )
    failed_share: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        "Standish CHAOS 2015 (challenged)",
        "share of the scope a failed modernisation still renews",
    )


@dataclass(frozen=True)
class Strain:
    """Pace, strain and staff turnover in the unit."""

    pace: float = par(
        1.0,
        "ratio",
        0.5,
        2.0,
        REPORT + " ('we must raise the pace')",
        "work taken on per sustainable capacity (1.0 is sustainable)",
    )
    build: float = par(
        0.15,
        "per month per excess",
        0.0,
        1.0,
        "Homer 1985; Oliva & Sterman 2001",
        "strain added each month per unit of overload",
    )
    recovery: float = par(
        0.08, "per month", 0.0, 0.5, "Homer 1985", "share of strain that fades each month"
    )
    productivity_loss: float = par(
        0.5, "share", 0.0, 1.0, "Oliva & Sterman 2001", "productivity lost at full strain"
    )
    turnover_base: float = par(
        0.008,
        "per month",
        0.0,
        0.05,
        "SKR staff statistics (about 10% a year)",
        "monthly staff turnover without strain",
    )
    turnover_strain: float = par(
        0.03, "per month", 0.0, 0.2, "Homer 1985 (burnout)", "extra monthly turnover at full strain"
    )


@dataclass(frozen=True)
class Attitudes:
    """The six attitudes (förhållningssätt) of the report, each a lever."""

    lower_thresholds: float = par(0.8, "level", 0.0, 1.0, REPORT, "'we lower the thresholds'")
    work_together: float = par(
        0.9, "level", 0.0, 1.0, REPORT, "'we link arms and work together' (co-creation)"
    )
    experiment: float = par(
        0.8, "level", 0.0, 1.0, REPORT, "'we dare to experiment and learn from mistakes'"
    )
    strengthen_others: float = par(
        0.8, "level", 0.0, 1.0, REPORT, "'we strengthen others and each other'"
    )
    openness: float = par(0.8, "level", 0.0, 1.0, REPORT, "'we are open and transparent'")
    realise_benefits: float = par(
        0.8, "level", 0.0, 1.0, REPORT, "'we focus on realising benefits'"
    )
    training_share: float = par(
        0.2,
        "share",
        0.0,
        0.6,
        REPORT + " ('it forces us to train others')",
        "share of unit effort spent training departments",
    )


@dataclass(frozen=True)
class Politics:
    """Political will and elections."""

    will: float = par(
        0.8, "index", 0.0, 1.0, REPORT + " (2017 goal image)", "political will at the start"
    )
    first_election: str = par(
        "2018-09", "YYYY-MM", None, None, "Swedish election calendar", "first election month"
    )
    election_years: float = par(
        4.0, "years", 1.0, 8.0, "Swedish election calendar", "years between elections"
    )
    shift_sd: float = par(
        0.1,
        "index",
        0.0,
        0.5,
        ASSUMPTION,
        "standard deviation of the change in will at an election",
    )


@dataclass(frozen=True)
class Outcome:
    """Weights and references of the change-capability index."""

    w_capability: float = par(
        0.25, "weight", 0.0, 1.0, ASSUMPTION, "weight of department capability"
    )
    w_self_sufficiency: float = par(
        0.2, "weight", 0.0, 1.0, ASSUMPTION, "weight of self-sufficiency"
    )
    w_legacy: float = par(
        0.25, "weight", 0.0, 1.0, "DiMiOS (legacy axis)", "weight of legacy flexibility"
    )
    w_capacity: float = par(
        0.15, "weight", 0.0, 1.0, ASSUMPTION, "weight of unit capacity net of strain"
    )
    w_trust: float = par(0.15, "weight", 0.0, 1.0, REPORT + " (tilltro)", "weight of trust")
    reference_fte: float = par(
        32.0,
        "FTE",
        4.0,
        200.0,
        REPORT + " ('we need to double it once more')",
        "development capacity that counts as full",
    )
    lead_time_cap_months: float = par(
        120.0, "months", 12.0, 600.0, ASSUMPTION, "lead time reported when nothing can deliver"
    )


@dataclass(frozen=True)
class Behaviour:
    """Behaviour parameters of every submodel."""

    initiatives: Initiatives = group(Initiatives, "initiatives")
    learning: Learning = group(Learning, "learning by doing")
    trust: Trust = group(Trust, "trust")
    legacy: LegacyBehaviour = group(LegacyBehaviour, "legacy")
    strain: Strain = group(Strain, "pace and strain")
    attitudes: Attitudes = group(Attitudes, "attitudes")
    politics: Politics = group(Politics, "political will")
    outcome: Outcome = group(Outcome, "change capability")


# --------------------------------------------------------------------------- events
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
        choices=("election", "demand_shock", "move_staff", "set_pace", "staff_target", "programme"),
    )
    value: float = par(0.0, "depends on kind", 0.0, 1000.0, ASSUMPTION, "size of the event")
    months: float = par(
        12.0, "months", 1.0, 600.0, ASSUMPTION, "duration (demand_shock and programme)"
    )


# --------------------------------------------------------------------------- all
@dataclass(frozen=True)
class Parameters:
    """Everything one model run needs, apart from the seed."""

    horizon: Horizon = group(Horizon, "simulated period")
    strategy: StrategyParams = group(StrategyParams, "strategy")
    funding: Funding = group(Funding, "funding")
    organisation: Organisation = group(Organisation, "organisation")
    behaviour: Behaviour = group(Behaviour, "behaviour")
    events: tuple[Event, ...] = group(tuple, "dated events", Event)


def iter_parameters(
    cls: type = Parameters, prefix: str = ""
) -> list[tuple[str, dataclasses.Field]]:
    """List (dotted path, field) for every scalar parameter, depth first.

    List-valued groups (departments, systems, events) appear with ``[]`` in the
    path and list the fields of one element.
    """
    rows: list[tuple[str, dataclasses.Field]] = []
    for f in dataclasses.fields(cls):
        path = f"{prefix}{f.name}"
        if f.metadata.get("group"):
            sep = "[]." if f.metadata["sequence"] else "."
            rows.extend(iter_parameters(f.metadata["element"], path + sep))
        else:
            rows.append((path, f))
    return rows


class ParameterError(ValueError):
    """A parameter value breaks its rule; ``path`` names the parameter."""

    def __init__(self, path: str, message: str):
        super().__init__(f"{path}: {message}")
        self.path = path
        self.message = message


def check(params: Parameters) -> Parameters:
    """Check every value against its range and the cross-field rules.

    Returns the parameters unchanged so that calls can be chained.

    Raises:
        ParameterError: naming the first bad parameter, its value and the rule.
    """
    try:
        _check_once(params)
    except TypeError:  # not hashable (a list where a tuple belongs): check without the cache
        _check_group(params, "")
        _check_rules(params)
    return params


@functools.lru_cache(maxsize=64)
def _check_once(params: Parameters) -> bool:
    """Check ``params``; remembered, since replications check the same values again."""
    _check_group(params, "")
    _check_rules(params)
    return True


def _check_group(obj: Any, prefix: str) -> None:
    from .calendar import month_number

    for f in dataclasses.fields(obj):
        value = getattr(obj, f.name)
        path = f"{prefix}{f.name}"
        if f.metadata.get("group"):
            if isinstance(value, tuple):
                for i, item in enumerate(value):
                    _check_group(item, f"{path}[{i}].")
            else:
                _check_group(value, path + ".")
            continue
        meta = f.metadata
        if meta.get("unit") == "YYYY-MM":
            try:
                month_number(value)
            except ValueError as exc:
                raise ParameterError(path, str(exc)) from None
        if "choices" in meta and value not in meta["choices"]:
            raise ParameterError(path, f"{value!r} is not one of {', '.join(meta['choices'])}")
        if isinstance(value, bool) or not isinstance(value, int | float):
            continue
        if not math.isfinite(value):
            raise ParameterError(path, f"{value} is not a finite number")
        low, high = meta.get("low"), meta.get("high")
        if low is not None and value < low:
            raise ParameterError(path, f"{value} is below the allowed range [{low}, {high}]")
        if high is not None and value > high:
            raise ParameterError(path, f"{value} is above the allowed range [{low}, {high}]")


MAX_HORIZON_MONTHS = 12 * 60


def _check_rules(p: Parameters) -> None:
    from .calendar import month_number

    start, end = month_number(p.horizon.start), month_number(p.horizon.end)
    if end < start:
        raise ParameterError(
            "horizon.end", f"end ({p.horizon.end}) is before start ({p.horizon.start})"
        )
    if end - start + 1 > MAX_HORIZON_MONTHS:
        raise ParameterError(
            "horizon.end",
            f"{end - start + 1} months is longer than the "
            f"{MAX_HORIZON_MONTHS} months (60 years) allowed",
        )
    prog = p.funding.programme
    if month_number(prog.end) < month_number(prog.start):
        raise ParameterError(
            "funding.programme.end", f"end ({prog.end}) is before start ({prog.start})"
        )
    org = p.organisation
    if not org.departments:
        raise ParameterError("organisation.departments", "at least one department is needed")
    names = [s.name for s in org.systems]
    if len(set(names)) != len(names):
        raise ParameterError("organisation.systems", f"system names repeat: {names}")
    dnames = [d.name for d in org.departments]
    if len(set(dnames)) != len(dnames):
        raise ParameterError("organisation.departments", f"department names repeat: {dnames}")
    for i, dep in enumerate(org.departments):
        for sys_name in dep.systems:
            if sys_name not in names:
                raise ParameterError(
                    f"organisation.departments[{i}].systems",
                    f"{sys_name!r} is not a legacy system; known systems: {', '.join(names)}",
                )
    for i, (month, fte) in enumerate(org.unit.staffing_plan):
        try:
            month_number(month)
        except ValueError as exc:
            raise ParameterError(f"organisation.unit.staffing_plan[{i}]", str(exc)) from None
        if not (math.isfinite(fte) and 0 <= fte <= 500):
            raise ParameterError(
                f"organisation.unit.staffing_plan[{i}]", f"{fte} FTE is not in [0, 500]"
            )
    o = p.behaviour.outcome
    if o.w_capability + o.w_self_sufficiency + o.w_legacy + o.w_capacity + o.w_trust <= 0:
        raise ParameterError("behaviour.outcome", "the index weights must not all be zero")


# --------------------------------------------------------------------------- conversion
def to_dict(obj: Any) -> Any:
    """Plain dict/list/scalar form of a parameter object (YAML- and JSON-ready)."""
    if dataclasses.is_dataclass(obj):
        return {f.name: to_dict(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, tuple):
        return [to_dict(v) for v in obj]
    return obj


def from_dict(data: dict[str, Any], cls: type = Parameters) -> Any:
    """Build a parameter object from a plain dict, filling defaults for missing keys.

    Keys are assumed valid (the scenario layer validates them first); lists become
    tuples so that the result is hashable and frozen.
    """
    kwargs: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(cls)}
    for key, value in data.items():
        f = fields[key]
        if f.metadata.get("group"):
            element = f.metadata["element"]
            if f.metadata["sequence"]:
                kwargs[key] = tuple(from_dict(v, element) for v in value)
            else:
                kwargs[key] = from_dict(value, element)
        elif isinstance(value, list):
            kwargs[key] = tuple(tuple(v) if isinstance(v, list) else v for v in value)
        else:
            kwargs[key] = value
    return cls(**kwargs)


def replace_path(params: Any, path: str, value: Any) -> Any:
    """Return a copy with the parameter at dotted ``path`` set to ``value``.

    Elements of lists are addressed by index or by name:
    ``organisation.departments.education.willingness`` or
    ``organisation.departments.0.willingness``.

    Raises:
        ParameterError: if the path does not name a parameter.
    """
    head, _, rest = path.partition(".")
    names = [f.name for f in dataclasses.fields(params)]
    if head not in names:
        raise ParameterError(path, f"unknown parameter {head!r}; known: {', '.join(names)}")
    current = getattr(params, head)
    if not rest:
        return dataclasses.replace(params, **{head: value})
    if isinstance(current, tuple) and current and dataclasses.is_dataclass(current[0]):
        key, _, rest2 = rest.partition(".")
        index = _element_index(current, key, path)
        item = replace_path(current[index], rest2, value) if rest2 else value
        items = current[:index] + (item,) + current[index + 1 :]
        return dataclasses.replace(params, **{head: items})
    if not dataclasses.is_dataclass(current):
        raise ParameterError(path, f"{head!r} is a value, not a group")
    return dataclasses.replace(params, **{head: replace_path(current, rest, value)})


def _element_index(items: tuple, key: str, path: str) -> int:
    if key.isdigit() and int(key) < len(items):
        return int(key)
    for i, item in enumerate(items):
        if getattr(item, "name", None) == key:
            return i
    known = [getattr(item, "name", str(i)) for i, item in enumerate(items)]
    raise ParameterError(path, f"no element {key!r}; known: {', '.join(map(str, known))}")
