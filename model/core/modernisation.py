"""The big-bang legacy modernisation programme as one long SimPy process.

The programme first spends ``modernisation_discovery_months`` finding out what the
departments need of the systems in scope (with its unit team), then freezes the
design and builds. Its money comes from its own budget line
(:class:`~digistrat.core.funding.Commitment`): each month, after the unit's payroll
and before any new work, the treasury pays the instalment from investment (when
open), programme and operating money together. A month with part of the money makes
that part of the progress, and progress is held back when IT has fewer development
staff free than the plan needs; ``modernisation_stall_months`` in a row without
progress (no money or no IT staff) abandon it, and so does running past
``modernisation_overtime_max`` times its planned build. Value (renewed systems) arrives only
at completion, and fits the needs only as far as they were known when the design
was frozen, aged by the turbulence over the build
(``fit = knowledge * (1 - turbulence) ** build months``). A failed programme renews
only ``failed_share`` of its scope.

With ``modernisation_releases`` R above 1 the programme delivers its scope in R
releases, one after another, least flexible systems first: each is a project of
1/R of the systems, months, effort and cost, discovers its own systems' needs (for
its whole-month share of the discovery months, which sum to the programme's, with
the whole team on 1/R of the scope), draws its own failure and overrun at its own
(smaller) size, and renews its systems when it ends. A programme is completed when
most of its releases were (more than half; with one release, that one) and none was
abandoned; an abandoned release ends the programme, and the releases not begun are
never built.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from .tolerances import MSEK_EPS, PROGRESS_EPS
from .work import Initiative

if TYPE_CHECKING:
    from .model import DigitalisationModel


def start_modernisation(model: DigitalisationModel, systems: list) -> Initiative:
    """Start a programme that replaces ``systems``, at once or in releases.

    Its size puts it in the fat tail: the overrun is drawn with relative size near
    1, and failure is drawn at the start (both from the ``modernisation`` stream),
    for each release at the release's size.
    """
    p, portfolio = model.params, model.portfolio
    s = p.strategy
    count = max(1, min(round(s.modernisation_releases), len(systems)))
    u = model.streams["modernisation"].random(2 * count)
    team_unit = s.modernisation_unit_share * model.unit.capacity()
    team_it = min(s.modernisation_it_fte, max(0.0, model.it.free()))
    effort = (s.modernisation_it_fte + team_unit) * s.modernisation_months
    size = float(portfolio.size_factor(effort / count))
    fails = u[0::2] < portfolio.fail_probability(size)
    overruns = [float(portfolio.overrun(v, size)) for v in u[1::2]]
    parts = split(systems, count)
    releases = [Release(p, bool(f), o) for p, f, o in zip(parts, fails, overruns, strict=True)]
    ini = Initiative(
        number=portfolio.started + 1,
        kind="modernisation",
        department=None,
        system=None,
        source=model.treasury.investment,
        start=model.month,
        effort=effort,
        cost=s.modernisation_cost_msek,
        overrun=sum(overruns) / count,
        team_unit=team_unit,
        team_it=team_it,
        cocreated=False,
        systems=tuple(systems),
        planned_months=s.modernisation_discovery_months + s.modernisation_months,
    )
    for system in systems:
        system.under_work = True
    portfolio.register(ini)
    ini.due = model.env.now + s.modernisation_discovery_months + s.modernisation_months
    model.env.process(_run(model, ini, releases))
    return ini


def split(systems: list, count: int) -> list[tuple]:
    """The scope in ``count`` consecutive releases of as equal a size as can be."""
    bounds = [round(len(systems) * k / count) for k in range(count + 1)]
    return [tuple(systems[a:b]) for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


@dataclass(frozen=True)
class Release:
    """One delivery of a programme: its systems, and its failure and overrun drawn at start."""

    systems: tuple
    fails: bool
    overrun: float


def discovery_months(total: float, count: int) -> list[int]:
    """Whole months of discovery for each of ``count`` releases, summing to ``round(total)``."""
    bounds = [round(total * k / count) for k in range(count + 1)]
    return [b - a for a, b in zip(bounds[:-1], bounds[1:], strict=True)]


def _discover(model: DigitalisationModel, systems: tuple, months: int, count: int):
    """Months of needs discovery with the departments, before the design is frozen.

    The programme's unit team (held from its start) works on 1/count of the scope,
    so each month reveals ``count`` times the rate on each of its systems.
    """
    rate = model.params.strategy.modernisation_discovery_rate * count
    for _ in range(months):
        yield model.env.timeout(1)
        for system in systems:
            system.learn_needs(rate)


def _run(model: DigitalisationModel, ini: Initiative, releases: list[Release]):
    count, t = len(releases), model.treasury
    lost, abandoned, fits, paid_total, paid_by = 0, False, [], 0.0, {}
    discovery = discovery_months(model.params.strategy.modernisation_discovery_months, count)
    for release, first in zip(releases, discovery, strict=True):
        done, months, paid, by, frozen = yield from _release(model, ini, release, first, count)
        paid_total += paid
        for name, value in by.items():
            paid_by[name] = paid_by.get(name, 0.0) + value
        missed = release.fails or not done
        fits.append(_deliver(model, release.systems, frozen, missed, months))
        lost += missed
        if not done:  # abandoned: the releases not yet begun are never built
            abandoned = True
            for system in (s for r in releases for s in r.systems):
                system.under_work = False
            break
    if paid_total > 0:  # the log names the source that paid most
        most = max(paid_by, key=paid_by.get)
        ini.source = next(source for source in t.sources if source.name == most)
    ini.overrun = paid_total / ini.cost - 1.0 if ini.cost > 0 else 0.0
    model.portfolio.overrun_paid += max(0.0, paid_total - ini.cost)
    ini.fit = sum(fits) / len(fits)
    failed = abandoned or lost >= count - count // 2  # completed: more than half were
    model.portfolio.finish(ini, "failed" if failed else "completed")


def _release(
    model: DigitalisationModel, ini: Initiative, release: Release, discover: int, count: int
):
    """Discover for ``discover`` months, then build one release on its budget line.

    Returns whether it was built in full, its build months, what it paid (in all and
    by source) and the knowledge of needs its design froze.
    """
    s, i = model.params.strategy, model.params.behaviour.initiatives
    yield from _discover(model, release.systems, discover, count)
    build_months = s.modernisation_months / count
    needed = build_months * (1.0 + i.schedule_to_cost * max(0.0, release.overrun))
    monthly = ini.cost / count * (1.0 + release.overrun) / needed
    t = model.treasury
    line = t.commit(monthly)
    frozen = {system: system.knowledge for system in release.systems}
    progress, stalled, paid_total, months = 0.0, 0, 0.0, 0
    planned_it = s.modernisation_it_fte
    stall_limit = s.modernisation_stall_months
    longest = build_months * s.modernisation_overtime_max  # then it is called off
    while progress < needed - PROGRESS_EPS and stalled < stall_limit and months < longest:
        yield model.env.timeout(1)
        months += 1
        paid = line.paid  # settled by the treasury this month, before any new work
        paid_total += paid
        # progress is held back when IT gives fewer development staff than the plan needs
        it_staff = min(ini.team_it, max(0.0, model.it.dev_fte - model.it.ops_fte))
        staffed = min(1.0, it_staff / planned_it) if planned_it > 0 else 1.0
        step = staffed * paid / monthly
        if step <= PROGRESS_EPS or paid <= MSEK_EPS:
            stalled += 1  # a month with no money or no staff makes no progress
            continue
        stalled = 0
        progress += step
    t.release(line)
    built = progress >= needed - PROGRESS_EPS
    return built, months, paid_total, dict(line.paid_by), frozen


def _deliver(
    model: DigitalisationModel, systems: tuple, frozen: dict, failed: bool, months: int
) -> float:
    """Renew a release's systems (a failed one only ``failed_share`` of them); its mean fit."""
    lb, drift = model.params.behaviour.legacy, 1.0 - model.params.behaviour.needs.turbulence
    renewed = systems[: round(len(systems) * lb.failed_share)] if failed else systems
    for system in systems:
        system.under_work = False
    for system in renewed:
        system.renew(frozen[system] * drift**months)
    return sum(frozen.values()) / len(frozen) * drift**months if frozen else 1.0
