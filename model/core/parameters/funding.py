"""Funding: the central programme, investment money and operating budgets."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ASSUMPTION, REPORT, group, par


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
        0.5,
        "share",
        0.0,
        1.0,
        "RKR R3 (only the development phase of an asset with a useful life above three years "
        "may be capitalised, not exploration or training); SCDI 2020; assumption: half",
        "share of a capability initiative's unit team effort that builds a lasting digital "
        "asset (legacy work counts in full; training and idle time never)",
    )


@dataclass(frozen=True)
class OperatingFunding:
    """Departments' own operating budgets for digital development."""

    annual_msek: float = par(
        8.0,
        "MSEK/year",
        0.0,
        100.0,
        ASSUMPTION + " (Radar 2013: about 12% of municipal IT spend goes to change and "
        "development, which IT's budget holds; this is the departments' own money besides it)",
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
    stack_share: float = par(
        0.0,
        "share",
        0.0,
        1.0,
        "SCDI 2020 (funded from operating budgets, each initiative pays for its whole "
        "technology stack); its size an assumption",
        "extra cost of an initiative that operating money pays, for the technology stack "
        "it must buy for itself, per its planned cost",
    )
    stack_fragmentation: float = par(
        0.0,
        "ratio",
        0.0,
        3.0,
        "SCDI 2020 (sub-optimisation and fragmentation); its size an assumption",
        "extra complexity and maintenance a solution that operating money paid leaves on "
        "its system (its own stack to run), per what a solution on shared infrastructure "
        "leaves",
    )
    depreciation_charged: bool = par(
        True,
        "flag",
        None,
        None,
        "RKR R3 / LKBR (2018:597)",
        "depreciation is charged to its asset's owner: the solutions' to the digital operating "
        "money first and the rest to the departments' service budgets, the infrastructure's to "
        "IT's budget; off: to neither (for comparison only)",
    )


@dataclass(frozen=True)
class Funding:
    """All funding sources."""

    programme: ProgrammeFunding = group(ProgrammeFunding, "central programme funding")
    investment: InvestmentFunding = group(InvestmentFunding, "investment funding")
    operating: OperatingFunding = group(OperatingFunding, "department operating budgets")
