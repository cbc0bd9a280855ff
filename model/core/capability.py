"""Capability work: co-created initiatives (and orders), from start to what they leave.

A started initiative pays its planned cost (less any underrun its fate holds) at
once, holds its team, and runs as a SimPy process. The legacy system it touches
drags it (``1 + drag * (1 - flexibility)``) and may block it. When it ends it
leaves evidence and knowledge of needs on its system, a delivered solution that
the system must now run (Lehman's growing complexity; more of it when the solution
was paid from operating money and brought its own stack, or was handed over to IT
across a hard boundary), and learning, trust and benefits in its department.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from .tolerances import FTE_EPS, MIN_PRODUCTIVITY
from .work import Initiative, Proposal

if TYPE_CHECKING:
    from .initiatives import Portfolio


def start(portfolio: Portfolio, proposal: Proposal, cocreated: bool, team: float | None) -> bool:
    """Start a proposal as a co-created initiative, or as an order built to specification.

    Both are built by the unit's staff; an order (the ordering model) with a full team
    and no co-creation.

    ``team`` is the team it needs (:meth:`Portfolio.team_need`), if the caller
    knows it. Returns False, leaving the proposal queued, when team or money is
    lacking.
    """
    m, i = portfolio.model, portfolio.bp.initiatives
    dept = proposal.department
    if team is None:
        team = portfolio.team_need(dept, cocreated)
    if team > m.unit.free() + FTE_EPS:
        return False
    effort, cost, overrun, planned, margin, u_brake, u_sys = proposal.fate
    source = m.treasury.pay_project(cost * (1.0 + min(0.0, overrun)))
    if source is None:
        return False
    systems = dept.systems
    system = systems[int(u_sys * len(systems))] if systems else None
    ini = Initiative(
        number=portfolio.started + 1,
        kind="capability" if cocreated else "order",
        department=dept,
        system=system,
        source=source,
        start=m.month,
        effort=effort,
        cost=cost,
        overrun=overrun,
        team_unit=team,
        cocreated=cocreated,
    )
    productivity = max(m.unit.productivity(), MIN_PRODUCTIVITY)
    months = planned * (1.0 + i.schedule_to_cost * max(0.0, overrun)) / productivity
    # overload cuts corners: strain adds to the failure probability (Oliva & Sterman 2001)
    risk = portfolio.bp.strain.quality_loss * m.unit.strain
    outcome = "failed" if margin < risk else "completed"
    ini.planned_months = planned
    if system is not None:
        lb = portfolio.bp.legacy
        drag = lb.drag * (1.0 - system.flexibility)
        months *= 1.0 + drag
        ini.drag_share = drag / (1.0 + drag)
        ini.planned_months = planned * (1.0 + drag)
        p_block = system.block_probability
        if u_brake < p_block:
            system.evidence += 1.0
            if u_brake / p_block < lb.block_fail:
                outcome = "blocked"
                months = max(1.0, lb.abandon_share * planned)
            else:
                months += lb.block_delay_months
    portfolio.register(ini)
    duration = math.ceil(months)
    ini.due = portfolio.env.now + duration
    portfolio.env.process(_run(portfolio, ini, duration, outcome))
    return True


def _run(portfolio: Portfolio, ini: Initiative, months: int, outcome: str):
    yield portfolio.env.timeout(months)
    if outcome == "completed" and not portfolio.pay_overrun(ini):
        outcome = "failed"
    portfolio.finish(ini, outcome)
    _leave_on_system(portfolio, ini)
    _learn(portfolio, ini)


def _leave_on_system(portfolio: Portfolio, ini: Initiative) -> None:
    """Evidence and knowledge of needs on the system it touched; a solution it must run."""
    system = ini.system
    if system is None:
        return
    needs, lb = portfolio.bp.needs, portfolio.bp.legacy
    system.evidence += needs.drag_evidence * ini.drag_share
    system.learn_needs(needs.per_contact)
    if ini.outcome == "completed":
        m = portfolio.model
        spread = 1.0 + m.params.funding.operating.stack_fragmentation
        scale = spread if ini.source is m.treasury.operating else 1.0  # its own stack (SCDI)
        # handed over across a hard boundary, it fits the infrastructure less (the report)
        scale *= 1.0 + m.params.organisation.it.hard_boundary * m.it.moved_share
        system.add_solution(lb.solution_complexity * scale, lb.solution_run_msek_year * scale)


def _learn(portfolio: Portfolio, ini: Initiative) -> None:
    """Learning by doing, trust and benefits in the department when an initiative ends.

    An order teaches ``order_share`` of what co-created work teaches, and no
    self-sufficiency; self-sufficiency grows with the unit's current training
    share, as ``1 - exp(-self_rate * training / reference * strengthen_others)`` of
    the gap (about the product when small, never more than the whole gap).
    """
    dept, bp = ini.department, portfolio.bp
    att, learn, trust = bp.attitudes, bp.learning, bp.trust
    if ini.outcome == "completed":
        dept.benefits_msek_year += (
            bp.initiatives.benefit_msek_year * att.realise_benefits * ini.effort
        ) / bp.initiatives.small_effort_fte_months
        dept.last_delivery = portfolio.model.month
        share = 1.0 if ini.cocreated else trust.order_gain_share
        benefits = 1.0 - trust.benefit_effect * (1.0 - att.realise_benefits)
        dept.change_trust(trust.gain * share * benefits)
        if ini.cocreated:
            dept.learn(learn.rate * att.work_together, learn.absorptive_floor)
            training = portfolio.model.unit.training_share
            push = learn.self_rate * training * att.strengthen_others
            dept.learn_self_sufficiency(1.0 - math.exp(-push / learn.reference_training_share))
        else:
            dept.learn(learn.rate * learn.order_share, learn.absorptive_floor)
    else:
        dept.change_trust(-trust.loss * (1.0 - trust.experiment_cushion * att.experiment))
        if ini.cocreated and ini.outcome == "failed":
            # a failed experiment teaches; work stopped by the legacy only reveals it
            gain = learn.rate * att.work_together * learn.from_failure * att.experiment
            dept.learn(gain, learn.absorptive_floor)
