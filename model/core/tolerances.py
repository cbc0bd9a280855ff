"""Tolerances of floating-point comparisons and floors of formulas, each named once."""

#: Two amounts of staff (FTE) closer than this are equal: a team fits if it needs at
#: most this much more than is free.
FTE_EPS = 1e-9
#: Two amounts of money (MSEK) closer than this are equal: a month that pays less
#: than this pays nothing.
MSEK_EPS = 1e-9
#: Rounding slack allowed when a payment takes a whole balance (MSEK).
PAYMENT_SLACK_MSEK = 1e-12
#: Hires smaller than this (FTE) are not made.
MIN_HIRE_FTE = 1e-6
#: Work left (months of progress) below which a programme counts as finished.
PROGRESS_EPS = 1e-9
#: Productivity floor of an initiative's duration: a unit at full strain with only
#: newcomers still gets work done, slowly.
MIN_PRODUCTIVITY = 0.1
#: Productivity floor of the lead-time measure (it divides by productivity).
MIN_LEAD_TIME_PRODUCTIVITY = 0.05
#: Most staff (FTE) a staffing plan may target.
MAX_STAFF_FTE = 500.0
