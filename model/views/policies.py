"""Policies and box limits in plain words.

A policy of a lever experiment is named by its lever values joined with ``__``
(``big_bang__funding.investment.enabled=false``); a reader sees "big bang,
investment funding off". A limit of a PRIM box reads "legacy brake is at most 0.12".
"""

from __future__ import annotations

import pandas as pd

from .labels import words
from .verdict import STRATEGY_WORDS


def policy_words(name: str) -> str:
    """A policy's name in words: strategies by their words, other levers by name and value."""
    return ", ".join(_part(part) for part in str(name).split("__") if part)


def choice_words(choice: str) -> str:
    """One lever value: 'small steps', 'investment funding off'."""
    return _part(str(choice))


def _part(part: str) -> str:
    if "=" not in part:
        return STRATEGY_WORDS.get(part, part.replace("_", " "))
    path, value = part.split("=", 1)
    name = _lower(words(path).name)
    if value in ("true", "false"):
        return f"{name} {'on' if value == 'true' else 'off'}"
    try:
        return f"{name} {words(path).value(float(value))}"
    except ValueError:
        return f"{name} {value.replace('_', ' ')}"


def limit_words(parameter: str, low, high, categories: str = "") -> str:
    """'legacy brake is at most 0.12', '... between 0.1 and 0.3', '... is one of a, b'; or ''."""
    w = words(str(parameter))
    name = _lower(w.name)
    if isinstance(categories, str) and categories:
        kept = [STRATEGY_WORDS.get(c.strip(), c.strip()) for c in categories.split(",")]
        return f"{name} is {' or '.join(kept)}"
    if pd.notna(low) and pd.notna(high):
        return f"{name} is between {w.value(low)} and {w.value(high)}"
    if pd.notna(high):
        return f"{name} is at most {w.value(high)}"
    if pd.notna(low):
        return f"{name} is at least {w.value(low)}"
    return ""


def _lower(text: str) -> str:
    """Lower-case the first letter, unless the first word is an abbreviation (IT, MSEK)."""
    first = text.split(" ", 1)[0]
    return text if first.isupper() and len(first) > 1 else text[:1].lower() + text[1:]
