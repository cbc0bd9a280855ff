"""The key measures of the verdict: one place for each, cheap to import (no pandas)."""

#: The headline measure, unless a report is asked for another: change capability in 2026-12.
HEADLINE = "change_capability@2026-12"
#: The month of the headline measure, and of the key outcomes compared with it.
KEY_MONTH = "2026-12"
#: Outcomes compared between scenarios besides the headline, in this order.
KEY_OUTCOMES = (
    "change_capability",
    "change_lead_time_months",
    "maturity_capability",
    "maturity_legacy",
    "trust",
    "unit_staff_fte",
    "overrun_msek",
    "benefits_msek_year",
)
#: Fewer paired runs than this, and the report says its figures are indicative only.
FEW_RUNS = 10
