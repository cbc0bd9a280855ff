"""Outcome measures: the change-capability index, the probe and the maturity plane.

change_capability = (w_c C + w_s S + w_l L + w_d D + w_t T) / (w_c + w_s + w_l + w_d + w_t)

where, with department sizes as weights,
  C = mean department capability (the DiMiOS capability axis),
  S = mean department self-sufficiency,
  L = mean legacy flexibility of the systems each department depends on
      (the DiMiOS legacy axis; flexibility = (1 - api_weight) health + api_weight API),
  D = probe_reference_months / max(probe_reference_months, probe months): delivery,
      how fast the standard change set could be delivered from this month's state
      (:mod:`.probe`); 1 when within the reference, 1/2 when it takes twice as long,
  T = mean trust in the unit.

Every part rewards what the organisation can do (know, carry itself, build on,
deliver, be trusted with), not staff bought: staff count only through the delivery
they make possible. The behavioural measure is the probe itself,
``change_lead_time_months`` and ``change_cost_msek``.

Every index and share is checked each month: a value outside [0, 1], or any value
that is not finite, stops the run with a :class:`~digistrat.core.errors.BoundsError`.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .calendar import month_text
from .columns import OUTCOMES
from .errors import BoundsError
from .probe import standard_set

if TYPE_CHECKING:
    from .model import DigitalisationModel

#: Columns that must lie in [0, 1].
BOUNDED = tuple(n for n, info in OUTCOMES.items() if info.unit in ("index 0-1", "share 0-1"))
#: Slack of the [0, 1] check, for rounding.
BOUNDS_SLACK = 1e-9


def measure(model: DigitalisationModel) -> dict[str, float]:
    """Measure the month: one value per column of :data:`~digistrat.core.columns.OUTCOMES`.

    Raises:
        BoundsError: if an index or share leaves [0, 1] or a value is not finite.
    """
    o = model.params.behaviour.outcome
    size = cap = selfs = legacy = trust = 0.0
    for d in model.departments:
        d.update_legacy()
        w = d.size
        size += w
        cap += w * d.capability
        selfs += w * d.self_sufficiency
        legacy += w * d.maturity_legacy
        trust += w * d.trust
    cap, selfs, legacy, trust = cap / size, selfs / size, legacy / size, trust / size
    months, money = standard_set(model)
    delivery = o.probe_reference_months / max(o.probe_reference_months, months)
    index = (
        o.w_capability * cap
        + o.w_self_sufficiency * selfs
        + o.w_legacy * legacy
        + o.w_delivery * delivery
        + o.w_trust * trust
    ) / (o.w_capability + o.w_self_sufficiency + o.w_legacy + o.w_delivery + o.w_trust)
    row = {
        "change_capability": index,
        "delivery": delivery,
        "change_lead_time_months": months,
        "change_cost_msek": money,
        "maturity_capability": cap,
        "maturity_legacy": legacy,
        "self_sufficiency": selfs,
        "trust": trust,
        "political_will": model.will,
    }
    _flows(model, row)
    _check(model, row)
    return row


def _flows(model: DigitalisationModel, row: dict[str, float]) -> None:
    """Money, staff, legacy and initiative counts for this month, added to ``row``."""
    t, p, unit, it = model.treasury, model.portfolio, model.unit, model.it
    for source in t.sources:
        row[f"spend_{source.name}_msek"] = source.spent_this_month
    for source in t.sources:
        row[f"remaining_{source.name}_msek"] = source.remaining
    row["depreciation_msek"] = t.depreciation
    row["depreciation_it_msek"] = it.capital_charge
    row["depreciation_services_msek"] = t.charge_on_services
    row["unit_staff_fte"] = unit.total_staff
    row["unit_strain"] = unit.strain
    row["unit_utilisation"] = unit.utilisation()
    row["it_dev_fte"] = it.dev_fte
    row["it_utilisation"] = it.utilisation()
    systems = model.systems
    n = len(systems)
    row["legacy_health"] = sum([s.health for s in systems]) / n if n else 1.0
    row["legacy_complexity"] = sum([s.complexity for s in systems]) / n if n else 1.0
    row["maintenance_share"] = it.maintenance_share
    developers = it.dev_fte + unit.total_staff
    lost = it.ops_debt_fte + p.drag_fte()
    row["debt_time_share"] = min(1.0, lost / developers) if developers > 0 else 0.0
    row["initiatives_active"] = len(p.active)
    row["initiatives_started"] = p.started
    row["initiatives_completed"] = p.completed
    row["initiatives_failed"] = p.failed
    row["overrun_msek"] = p.overrun_paid
    row["benefits_msek_year"] = sum([d.benefits_msek_year for d in model.departments])


def _check(model: DigitalisationModel, row: dict[str, float]) -> None:
    """Stop the run on an index or share outside [0, 1] or on any value that is not finite."""
    for name in BOUNDED:
        value = row[name]
        if not -BOUNDS_SLACK <= value <= 1.0 + BOUNDS_SLACK:
            raise BoundsError(
                name, value, "[0, 1]", month_text(model.month), model.seed, model.params
            )
    if not math.isfinite(sum(row.values())):  # a sum is finite only if every part is
        found = ((n, v) for n, v in row.items() if not math.isfinite(v))
        name, value = next(found, ("the sum of the month's outcomes", sum(row.values())))
        raise BoundsError(
            name, value, "the finite numbers", month_text(model.month), model.seed, model.params
        )
