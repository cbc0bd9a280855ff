"""Levers: the policy choices of an experiment, crossed with every design point.

An experiment file may name levers besides its uncertain parameters (EMA
Workbench's split of uncertainties and levers)::

    levers:
      strategy.kind: {values: [small_steps, big_bang, adaptive]}
      funding.investment.enabled: {values: [true, false]}

Every combination of lever values is a **policy**, and every policy runs at every
design point of the uncertainties with the same seeds (common random numbers), so
two policies are compared under the same futures and the same luck.

The **first lever is the choice compared**; any other levers set the conditions
(the *context*) under which it is compared. A policy is named by its values joined
with ``__``: a name or month as it is (``big_bang``), any other value as
``path=value`` (``funding.investment.enabled=false``), e.g.
``big_bang__funding.investment.enabled=false``.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

from .factors import Factor, value_text

SEPARATOR = "__"
MAX_POLICIES = 1000


@dataclass(frozen=True)
class Policy:
    """One combination of lever values.

    Attributes:
        index: its position among the experiment's policies (0, 1, ...).
        values: one value per lever, in the order of the levers.
        choice: the label of the first lever's value (e.g. ``big_bang``).
        context: the labels of the other levers' values joined with ``__``, or "".
    """

    index: int
    values: tuple[Any, ...]
    choice: str
    context: str

    @property
    def name(self) -> str:
        """``choice`` and ``context`` joined with ``__`` (just ``choice`` without context)."""
        return SEPARATOR.join(filter(None, (self.choice, self.context)))


def label(lever: Factor, value: Any) -> str:
    """How a lever value appears in a policy's name: ``big_bang`` or ``path=value``."""
    if isinstance(value, str):
        return value
    return f"{lever.path}={value_text(value)}"


def policies(levers: tuple[Factor, ...]) -> tuple[Policy, ...]:
    """Every combination of the levers' values, the first lever varying slowest.

    No levers give one policy with no values and an empty name.
    """
    if not levers:
        return (Policy(0, (), "", ""),)
    out = []
    for index, values in enumerate(itertools.product(*(lever.values for lever in levers))):
        labels = [label(lever, v) for lever, v in zip(levers, values, strict=True)]
        out.append(Policy(index, tuple(values), labels[0], SEPARATOR.join(labels[1:])))
    return tuple(out)


def choices(levers: tuple[Factor, ...]) -> tuple[str, ...]:
    """The labels of the first lever's values: what a discovery pair names."""
    return tuple(label(levers[0], v) for v in levers[0].values) if levers else ()


def contexts(levers: tuple[Factor, ...]) -> tuple[str, ...]:
    """The contexts (combinations of the other levers' values), in order; ("",) if none."""
    seen = dict.fromkeys(p.context for p in policies(levers))
    return tuple(seen)


def policy_count(levers: tuple[Factor, ...]) -> int:
    """Number of policies, computed without listing them."""
    count = 1
    for lever in levers:
        count *= len(lever.values)
    return count
