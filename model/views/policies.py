"""Policies and box limits in plain words.

A policy of a lever experiment is named by its lever values joined with ``__``
(``big_bang__funding.investment.enabled=false``); a reader sees "big bang,
investment funding off". A limit of a PRIM box reads "legacy brake is at most 0.12".
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd

from .labels import words
from .verdict import STRATEGY_WORDS


def matching(table: pd.DataFrame, row: Mapping, keys: Sequence[str]) -> pd.DataFrame:
    """The rows of ``table`` whose ``keys`` equal ``row``'s, compared as text.

    As text, because the tables are read from CSV: a context "" comes back as NaN, a
    month as a number.
    """
    if table.empty:
        return table
    mask = np.ones(len(table), dtype=bool)
    for k in keys:
        mask &= (table[k].astype(str) == str(row[k])).to_numpy()
    return table[mask]


def policy_words(name: str) -> str:
    """A policy's name in words: 'small steps (investment funding on)'.

    The first lever's value comes first, the other levers' values (the context) follow
    in brackets; strategies by their words, other levers by name and value.
    """
    parts = [_part(part) for part in str(name).split("__") if part]
    if len(parts) < 2:
        return "".join(parts)
    return f"{parts[0]} ({', '.join(parts[1:])})"


def context_words(context: str) -> str:
    """The other levers' values of a policy in words: 'investment funding on'."""
    return ", ".join(_part(part) for part in str(context).split("__") if part)


def in_study(policy: str, resolved: list[dict]) -> bool:
    """Whether some scenario of a study (its resolved settings) runs ``policy``.

    A part ``path=value`` must be the value of ``path`` in a scenario, and a bare name
    its strategy.
    """
    for part in str(policy).split("__"):
        path, _, value = part.rpartition("=") if "=" in part else ("strategy.kind", "", part)
        held = {_text(_get(r, path)) for r in resolved}
        if value not in held:
            return False
    return True


def _get(data: dict, path: str):
    for key in path.split("."):
        data = data.get(key) if isinstance(data, dict) else None
    return data


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return f"{value:g}" if isinstance(value, float) else str(value)


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
