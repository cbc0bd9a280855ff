"""Dated events: what each kind does to the model, in one table.

An event of kind ``k`` in month ``m`` calls ``EVENTS[k](model, event)`` at the start of
month ``m``, before the month's staffing and work. The kinds a scenario may name are
the keys of :data:`EVENTS` (the parameter ``events[].kind`` takes its choices from here).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .model import DigitalisationModel


def election(model: DigitalisationModel, event: Any) -> None:
    """Political will becomes ``value`` (clipped to [0, 1])."""
    model.will = min(1.0, max(0.0, event.value))


def demand_shock(model: DigitalisationModel, event: Any) -> None:
    """Proposals are multiplied by ``value`` for ``months`` months."""
    model.demand_factor = event.value
    model.demand_until = model.month + round(event.months) - 1


def move_staff(model: DigitalisationModel, event: Any) -> None:
    """``value`` FTE of IT development staff move to the unit (IT keeps paying them)."""
    model.unit.moved += model.it.move_staff(event.value)


def set_pace(model: DigitalisationModel, event: Any) -> None:
    """The unit's pace lever becomes ``value``."""
    model.unit.pace = event.value


def programme(model: DigitalisationModel, event: Any) -> None:
    """A new grant of programme money: ``value`` MSEK/year for ``months`` months."""
    model.treasury.grant_programme(model.month, round(event.months), event.value)


def staff_target(model: DigitalisationModel, event: Any) -> None:
    """The unit's target staff becomes ``value`` FTE from this month on.

    It replaces the staffing plan's target from this month, also a plan entry of the
    same month.
    """
    model.unit.set_target_from(model.month, event.value)


#: Every event kind and what it does.
EVENTS: dict[str, Callable[[DigitalisationModel, Any], None]] = {
    "election": election,
    "demand_shock": demand_shock,
    "move_staff": move_staff,
    "set_pace": set_pace,
    "staff_target": staff_target,
    "programme": programme,
}
