"""Months as 'YYYY-MM' strings and as integer month numbers."""

from __future__ import annotations

import re
from functools import lru_cache

_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


def month_number(text: str) -> int:
    """Return the absolute month number (year * 12 + month - 1) of 'YYYY-MM'.

    Raises:
        ValueError: if ``text`` is not a month written as YYYY-MM.
    """
    match = _MONTH.match(str(text))
    if not match:
        raise ValueError(f"{text!r} is not a month; write it as YYYY-MM, e.g. 2017-01")
    year, month = int(match.group(1)), int(match.group(2))
    if not 1 <= month <= 12:
        raise ValueError(f"{text!r}: month {month} is not in 1..12")
    return year * 12 + month - 1


@lru_cache(maxsize=4096)
def month_text(number: int) -> str:
    """Return 'YYYY-MM' for an absolute month number."""
    return f"{number // 12:04d}-{number % 12 + 1:02d}"


def months_between(start: str, end: str) -> int:
    """Number of months from ``start`` to ``end``, both included."""
    return month_number(end) - month_number(start) + 1
