"""Names, plain-language labels, units and direction of every monthly outcome.

This table is the contract between the model (which writes the columns), the
results store and the plots (which label axes from it).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OutcomeInfo:
    """How to read one outcome column."""

    label: str
    unit: str
    better: str  # "higher", "lower" or "" when neither is better


SOURCES = ("programme", "investment", "operating")

OUTCOMES: dict[str, OutcomeInfo] = {
    "change_capability": OutcomeInfo("Change capability index", "index 0-1", "higher"),
    "delivery": OutcomeInfo(
        "Index part: delivery (how fast the standard change set could be delivered)",
        "index 0-1",
        "higher",
    ),
    "change_lead_time_months": OutcomeInfo(
        "Time to deliver a standard change set (one change in every department)", "months", "lower"
    ),
    "change_cost_msek": OutcomeInfo(
        "Cost of delivering the standard change set (money and staff time)", "MSEK", "lower"
    ),
    "maturity_capability": OutcomeInfo("Digital capability (DiMiOS axis)", "index 0-1", "higher"),
    "maturity_legacy": OutcomeInfo("Digital legacy fitness (DiMiOS axis)", "index 0-1", "higher"),
    "self_sufficiency": OutcomeInfo("Department self-sufficiency", "index 0-1", "higher"),
    "trust": OutcomeInfo("Trust in the digitalisation unit", "index 0-1", "higher"),
    "political_will": OutcomeInfo("Political will", "index 0-1", "higher"),
    **{
        f"spend_{s}_msek": OutcomeInfo(f"Spending from {s} funding", "MSEK per month", "")
        for s in SOURCES
    },
    **{f"remaining_{s}_msek": OutcomeInfo(f"Unspent {s} money", "MSEK", "") for s in SOURCES},
    "depreciation_msek": OutcomeInfo(
        "Depreciation of capitalised work, charged in full", "MSEK per month", ""
    ),
    "depreciation_it_msek": OutcomeInfo(
        "Depreciation of infrastructure borne by IT's budget", "MSEK per month", ""
    ),
    "depreciation_services_msek": OutcomeInfo(
        "Depreciation of solutions borne by departments' service budgets (beyond their "
        "digital operating money)",
        "MSEK per month",
        "",
    ),
    "unit_staff_fte": OutcomeInfo("Digitalisation unit staff", "FTE", "higher"),
    "unit_strain": OutcomeInfo("Strain in the digitalisation unit", "index 0-1", "lower"),
    "unit_utilisation": OutcomeInfo(
        "Digitalisation unit: committed work per sustainable capacity", "ratio", ""
    ),
    "it_dev_fte": OutcomeInfo("IT development staff the budget pays", "FTE", "higher"),
    "it_utilisation": OutcomeInfo(
        "IT development staff running systems or committed to work, per staff", "ratio", ""
    ),
    "legacy_health": OutcomeInfo("Legacy technical health", "index 0-1", "higher"),
    "legacy_complexity": OutcomeInfo(
        "Legacy complexity (1 = the systems at the start)", "ratio", "lower"
    ),
    "maintenance_share": OutcomeInfo(
        "Operations and maintenance share of the IT budget", "share 0-1", "lower"
    ),
    "debt_time_share": OutcomeInfo(
        "Developers' time lost to technical debt (IT incidents, drag on initiatives)",
        "share 0-1",
        "lower",
    ),
    "initiatives_active": OutcomeInfo("Initiatives under way", "count", ""),
    "initiatives_started": OutcomeInfo("Initiatives started (cumulative)", "count", "higher"),
    "initiatives_completed": OutcomeInfo("Initiatives completed (cumulative)", "count", "higher"),
    "initiatives_failed": OutcomeInfo("Initiatives failed (cumulative)", "count", "lower"),
    "overrun_msek": OutcomeInfo("Cost overruns paid (cumulative)", "MSEK", "lower"),
    "benefits_msek_year": OutcomeInfo("Benefits realised, yearly rate", "MSEK per year", "higher"),
}

#: The parts of the change-capability index, each an outcome column, with its weight.
INDEX_PARTS = {
    "maturity_capability": "w_capability",
    "self_sufficiency": "w_self_sufficiency",
    "maturity_legacy": "w_legacy",
    "delivery": "w_delivery",
    "trust": "w_trust",
}

#: The parts of the change-capability index, each an outcome column, with its weight.
INDEX_PARTS = {
    "maturity_capability": "w_capability",
    "self_sufficiency": "w_self_sufficiency",
    "maturity_legacy": "w_legacy",
    "delivery": "w_delivery",
    "trust": "w_trust",
}

INITIATIVE_COLUMNS = (
    "initiative",  # running number within the run
    "kind",  # capability, legacy_fix, modernisation, order
    "department",  # department name, or "" for organisation-wide work
    "system",  # legacy system touched or fixed, or ""
    "source",  # funding source that paid (a modernisation programme: the one that paid most)
    "start",  # YYYY-MM
    "end",  # YYYY-MM, "" while under way at the end of the run
    "effort_fte_months",
    "cost_msek",  # planned external cost
    "overrun",  # cost overrun as a share of planned cost (0.5 = +50%)
    "planned_months",  # the duration planned, knowing the legacy's drag
    "outcome",  # completed, failed, blocked, running
)

#: Numeric columns of the initiative log (the others are text).
NUMERIC_INITIATIVE_COLUMNS = (
    "initiative",
    "effort_fte_months",
    "cost_msek",
    "overrun",
    "planned_months",
)

DEPARTMENT_COLUMNS = (
    "department",
    "maturity_capability",
    "maturity_legacy",
    "self_sufficiency",
    "trust",
    "benefits_msek_year",
)
