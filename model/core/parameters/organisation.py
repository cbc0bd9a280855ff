"""The organisation: departments, the digitalisation unit, IT and the legacy systems."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ASSUMPTION, REPORT, group, par


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
        "assumption (Madachy's Brooks' law model: about 20 working days, i.e. 1;"
        " a municipality's services and systems take longer to learn)",
        "months until a newcomer is fully productive",
    )
    newcomer_productivity: float = par(
        0.6,
        "share",
        0.2,
        1.0,
        "assumption (its own shortfall and its mentor's time together; Madachy:"
        " a newcomer costs about 25% of an experienced person's time)",
        "net productivity of a newcomer, its mentor's time included",
    )
    cliff_lag_months: float = par(
        6.0,
        "months",
        0.0,
        24.0,
        ASSUMPTION + " (the report: the programme is limited to 2022; it gives no lag)",
        "months unfunded staff stay before they leave",
    )
    hiring_runway_months: float = par(
        12.0,
        "months",
        1.0,
        36.0,
        ASSUMPTION,
        "months of pay the sources must be able to carry before the unit hires",
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
        "SKR/IFF: IT is 2-3% of municipal operating cost (0.4-4.6% across 48 municipalities); "
        "assumption: the IT unit's own budget, towards the low end, without the departments' "
        "own IT purchases",
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
    hard_boundary: float = par(
        0.0,
        "ratio",
        0.0,
        2.0,
        REPORT + " ('en alltför hård gränsdragning ... överlämningsproblematik där nya "
        "lösningar ej varit skalbara på den existerande infrastrukturen'); assumption for its "
        "size",
        "how hard the boundary between IT and the unit is: a solution the unit delivers leaves "
        "1 + this x the share of development staff moved out of IT times the usual complexity "
        "and maintenance on its system (0: no handover problems)",
    )
    fix_fte: float = par(2.0, "FTE", 0.5, 10.0, ASSUMPTION, "IT staff in one targeted legacy fix")
    fix_partial_share: float = par(
        1.0,
        "share",
        0.1,
        1.0,
        ASSUMPTION + " (1: a fix needs its whole team; Lehman: anti-regressive work competes "
        "for the same staff)",
        "smallest share of a fix's team (IT and unit staff) a fix may start with when a whole "
        "team does not fit; a smaller team takes proportionally longer",
    )
    ops_fte_per_system: float = par(
        0.8,
        "FTE",
        0.0,
        3.0,
        "GAO-16-468 (operations and maintenance dominate); assumption for the size",
        "IT development staff that running one healthy system of complexity 1 takes "
        "(operations, incidents, small changes)",
    )
    incident_interest: float = par(
        1.0,
        "ratio",
        0.0,
        4.0,
        "Besker, Martini & Bosch 2019 (about 23% of developers' time lost to technical debt)",
        "extra operations work on a system at zero health, per work at full health",
    )
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
