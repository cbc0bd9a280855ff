"""Legacy behaviour: decay, complexity, the brake and renewal; knowledge of needs."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ASSUMPTION, REPORT, par


@dataclass(frozen=True)
class LegacyBehaviour:
    """Legacy decay, maintenance, complexity, the legacy brake and renewal."""

    half_life_years: float = par(
        7.0,
        "years",
        3.0,
        15.0,
        "software half-life: about 7 years (mainframe), 4 (web)",
        "half-life of legacy health without upkeep",
    )
    upkeep_effect: float = par(
        0.6,
        "share",
        0.0,
        1.0,
        "Lehman 1980 (anti-regressive work)",
        "share of decay that funded maintenance prevents",
    )
    interest: float = par(
        1.5,
        "ratio",
        0.0,
        4.0,
        "Nugroho, Visser & Kuipers 2011 (technical-debt interest)",
        "extra maintenance cost at zero health, per healthy cost",
    )
    brake: float = par(
        0.7,
        "probability",
        0.0,
        1.0,
        REPORT + " ('our digital legacy stops development')",
        "chance an initiative is blocked by a fully rigid system",
    )
    brake_exponent: float = par(
        1.5, "exponent", 0.5, 4.0, ASSUMPTION, "how sharply blocking rises as flexibility falls"
    )
    block_delay_months: float = par(
        4.0, "months", 0.0, 18.0, ASSUMPTION, "delay of a blocked initiative that is not abandoned"
    )
    drag: float = par(
        1.0,
        "ratio",
        0.0,
        3.0,
        "Lehman 1980 (productivity falls as complexity rises)",
        "extra duration of an initiative per unit of rigidity (1 - flexibility) of its system",
    )
    block_fail: float = par(
        0.5, "probability", 0.0, 1.0, ASSUMPTION, "share of blocked initiatives that are abandoned"
    )
    abandon_share: float = par(
        0.5,
        "share",
        0.05,
        1.0,
        ASSUMPTION,
        "share of its planned duration an abandoned (blocked) initiative runs first",
    )
    api_weight: float = par(
        0.5,
        "weight",
        0.0,
        1.0,
        "DiMiOS (legacy axis: does the infrastructure help or hinder)",
        "weight of API readiness in flexibility = (1 - w) * health + w * API readiness",
    )
    new_health: float = par(
        0.9, "index", 0.5, 1.0, ASSUMPTION, "health of a system after modernisation"
    )
    new_api: float = par(
        0.85, "index", 0.3, 1.0, ASSUMPTION, "API readiness of a system after modernisation"
    )
    failed_share: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        ASSUMPTION + " (Standish CHAOS 2015 counts 'challenged' projects that deliver part of "
        "their scope, but gives no share)",
        "share of the scope a failed modernisation still renews",
    )
    age_effect: float = par(
        0.25,
        "per decade",
        0.0,
        1.0,
        "software half-lives (exponential survival fits suggest little ageing); assumption",
        "extra decay per decade of a system's age (a 20-year-old system decays 1 + 2 x this "
        "times as fast as a new one)",
    )
    complexity_effect: float = par(
        1.0,
        "ratio",
        0.0,
        2.0,
        "Lehman 1980; Lehman, Kahen & Ramil 2002 (complexity grows, structure degrades)",
        "extra decay, maintenance and operations work per unit of complexity above the start",
    )
    solution_complexity: float = par(
        0.005,
        "per solution",
        0.0,
        0.05,
        "Lehman 1980 ('increasing complexity'); " + REPORT + " ('tilltagande komplexitet')",
        "complexity a delivered solution adds to the system it touches "
        "(1 = the system at the start)",
    )
    solution_run_msek_year: float = par(
        0.02,
        "MSEK/year",
        0.0,
        0.2,
        "assumption (about 5% of a small initiative's cost a year)",
        "yearly maintenance a delivered solution adds to the system it touches",
    )
    api_shield: float = par(
        0.7,
        "share",
        0.0,
        1.0,
        REPORT + " (API strategy: 'en avgörande möjliggörare')",
        "share of the complexity and maintenance a solution adds that building on APIs avoids "
        "(times the system's API readiness)",
    )
    fix_complexity_cut: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        "Lehman 1980 (anti-regressive work)",
        "share of a system's complexity above 1 that a targeted fix removes",
    )
    new_complexity: float = par(
        1.0,
        "ratio",
        0.5,
        2.0,
        ASSUMPTION,
        "complexity of a system after modernisation (1 = as the old system at the start)",
    )
    side_by_side: float = par(
        0.0,
        "share",
        0.0,
        1.0,
        "Fowler (strangler fig: 'a cost of running old and new side by side'); its size an "
        "assumption",
        "extra maintenance and operations work of a system while its old and new parts run "
        "side by side (at the most: half renewed piece by piece, or both whole at a cut-over)",
    )
    cutover_months: float = par(
        3.0,
        "months",
        0.0,
        12.0,
        ASSUMPTION + " (parallel running at a cut-over)",
        "months a replaced system keeps running beside its replacement after a modernisation",
    )


@dataclass(frozen=True)
class Needs:
    """What the organisation knows about the needs a system must meet, and evidence of its flaws.

    Knowledge fits legacy work to real needs (a renewal or fix built on little
    knowledge fits little); evidence tells small steps which systems to fix.
    """

    known_at_start: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "share of the departments' needs on a system that is known at the start",
    )
    turbulence: float = par(
        0.01,
        "per month",
        0.0,
        0.05,
        "March 1991 (turbulence); " + REPORT + " ('tekniken utvecklas revolutionärt medan "
        "verksamheten utvecklas evolutionärt')",
        "share of what is known about needs that goes out of date each month",
    )
    per_contact: float = par(
        0.1,
        "per initiative",
        0.0,
        0.5,
        REPORT + " ('satsa på digital förmåga som en metod för att utforska nya krav på det "
        "digitala arvet')",
        "share of the unknown needs on a system that an initiative touching it reveals",
    )
    reveal_threshold: float = par(
        1.0,
        "evidence",
        0.2,
        5.0,
        ASSUMPTION,
        "evidence about a system (1 = one blocked initiative) after which it counts as revealed",
    )
    drag_evidence: float = par(
        1.0,
        "evidence per share",
        0.0,
        3.0,
        REPORT + " ('En satsning på digital förmåga synliggör brister i digitalt arv')",
        "evidence an initiative adds per share of its duration lost to the legacy's drag",
    )
    assessment_months: float = par(
        12.0,
        "months",
        3.0,
        36.0,
        "DiMiOS (yearly survey); " + REPORT + " (DiMiOS as a tool for directed dialogue)",
        "months between assessments of the legacy in the DiMiOS dialogue",
    )
    assessment_evidence: float = par(
        0.5,
        "evidence",
        0.0,
        2.0,
        ASSUMPTION,
        "evidence an assessment adds about a fully rigid system (times 1 - flexibility)",
    )
    assessment_knowledge: float = par(
        0.05,
        "share",
        0.0,
        0.3,
        ASSUMPTION,
        "share of the unknown needs on every system that an assessment reveals",
    )
