"""Behaviour of every submodel: learning, trust, legacy, strain, attitudes, politics, index."""

from __future__ import annotations

from dataclasses import dataclass

from .fields import ASSUMPTION, REPORT, group, par
from .initiatives import Initiatives
from .legacy import LegacyBehaviour, Needs


@dataclass(frozen=True)
class Learning:
    """Learning by doing, spill-over and self-sufficiency."""

    rate: float = par(
        0.05,
        "per initiative",
        0.0,
        0.3,
        "Cohen & Levinthal 1990 (assumption for size)",
        "capability gained from one co-created success",
    )
    absorptive_floor: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        "Cohen & Levinthal 1990",
        "learning efficiency of a department with no capability",
    )
    from_failure: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        REPORT + " ('we learn from mistakes')",
        "share of learning a failed co-created initiative still gives",
    )
    spillover: float = par(
        0.01,
        "per month",
        0.0,
        0.1,
        REPORT + " (stories spread)",
        "rate at which capability spreads from more capable departments",
    )
    erosion: float = par(
        0.003,
        "per month",
        0.0,
        0.02,
        "March 1991 (turnover)",
        "monthly loss of capability and self-sufficiency",
    )
    self_rate: float = par(
        0.08,
        "per initiative",
        0.0,
        0.3,
        REPORT + " (självgående)",
        "self-sufficiency gained per co-created success, at the reference training share",
    )
    reference_training_share: float = par(
        0.2,
        "share",
        0.05,
        0.6,
        REPORT + " ('it forces us to train others')",
        "training share at which a success adds self_rate (the gain scales with the share)",
    )
    self_reliance: float = par(
        0.7,
        "share",
        0.0,
        1.0,
        ASSUMPTION,
        "share of unit team effort a fully self-sufficient department replaces",
    )
    order_share: float = par(
        0.2,
        "share",
        0.0,
        1.0,
        REPORT + " (the ordering model keeps departments at a distance: 'en återvändsgränd')",
        "learning a delivered order gives a department, per learning from a co-created success",
    )


@dataclass(frozen=True)
class Trust:
    """Trust between departments and the unit."""

    gain: float = par(
        0.04, "per success", 0.0, 0.2, REPORT + " (tilltro)", "trust from a delivered initiative"
    )
    loss: float = par(0.06, "per failure", 0.0, 0.3, REPORT, "trust lost to a failed initiative")
    waiting_loss: float = par(
        0.004,
        "per month",
        0.0,
        0.05,
        ASSUMPTION,
        "trust lost each month a joined department gets nothing delivered",
    )
    order_gain_share: float = par(
        0.3,
        "share",
        0.0,
        1.0,
        REPORT + " (the ordering model keeps departments at a distance)",
        "trust a delivered order gives, per trust a co-created delivery gives",
    )
    benefit_effect: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        REPORT + " ('we focus on realising benefits')",
        "share of the trust gain that depends on the realise_benefits attitude",
    )
    experiment_cushion: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        REPORT + " ('we dare to experiment and learn from mistakes')",
        "share of the trust loss from a failure that a fully experimenting culture absorbs",
    )
    waiting_months: float = par(
        6.0,
        "months",
        1.0,
        24.0,
        ASSUMPTION,
        "months without a delivery after which a joined department starts losing trust",
    )
    cliff_loss: float = par(
        0.5,
        "per share of staff lost",
        0.0,
        2.0,
        "Trammell, Madnick & Moulton 2013 (gap tax)",
        "trust lost per share of unit staff that leaves",
    )


@dataclass(frozen=True)
class Strain:
    """Pace, strain and staff turnover in the unit."""

    pace: float = par(
        1.4,
        "ratio",
        0.5,
        2.0,
        REPORT + " ('Den takt man haft har vida överstigit en hållbar förmåga'; "
        "'Vi måste öka takten')",
        "work taken on per sustainable capacity (1.0 is sustainable; the report: far above)",
    )
    build: float = par(
        0.06,
        "per month per excess",
        0.0,
        1.0,
        "Homer 1985; Oliva & Sterman 2001",
        "strain added each month per unit of overload",
    )
    recovery: float = par(
        0.05, "per month", 0.0, 0.5, "Homer 1985", "share of strain that fades each month"
    )
    productivity_loss: float = par(
        0.7,
        "share",
        0.0,
        1.0,
        "Oliva & Sterman 2001 (fatigue); Homer 1985 (burnout)",
        "productivity lost at full strain",
    )
    quality_loss: float = par(
        0.25,
        "probability",
        0.0,
        1.0,
        "Oliva & Sterman 2001 (work pressure: cut corners, eroding quality)",
        "extra failure probability of an initiative started at full strain",
    )
    turnover_base: float = par(
        0.008,
        "per month",
        0.0,
        0.05,
        "SKR staff statistics (about 10% a year)",
        "monthly staff turnover without strain",
    )
    turnover_strain: float = par(
        0.05, "per month", 0.0, 0.2, "Homer 1985 (burnout)", "extra monthly turnover at full strain"
    )


@dataclass(frozen=True)
class Attitudes:
    """The six attitudes (förhållningssätt) of the report, each a lever."""

    lower_thresholds: float = par(0.8, "level", 0.0, 1.0, REPORT, "'we lower the thresholds'")
    work_together: float = par(
        0.9, "level", 0.0, 1.0, REPORT, "'we link arms and work together' (co-creation)"
    )
    experiment: float = par(
        0.8, "level", 0.0, 1.0, REPORT, "'we dare to experiment and learn from mistakes'"
    )
    strengthen_others: float = par(
        0.8, "level", 0.0, 1.0, REPORT, "'we strengthen others and each other'"
    )
    openness: float = par(0.8, "level", 0.0, 1.0, REPORT, "'we are open and transparent'")
    realise_benefits: float = par(
        0.8, "level", 0.0, 1.0, REPORT, "'we focus on realising benefits'"
    )
    training_share: float = par(
        0.2,
        "share",
        0.0,
        0.6,
        REPORT + " ('it forces us to train others')",
        "share of unit effort spent training departments",
    )


@dataclass(frozen=True)
class Politics:
    """Political will and elections."""

    will: float = par(
        0.8, "index", 0.0, 1.0, REPORT + " (2017 goal image)", "political will at the start"
    )
    first_election: str = par(
        "2018-09", "YYYY-MM", None, None, "Swedish election calendar", "first election month"
    )
    election_years: float = par(
        4.0, "years", 1.0, 8.0, "Swedish election calendar", "years between elections"
    )
    shift_sd: float = par(
        0.1,
        "index",
        0.0,
        0.5,
        ASSUMPTION,
        "standard deviation of the change in will at an election",
    )


@dataclass(frozen=True)
class Outcome:
    """Weights and references of the change-capability index."""

    w_capability: float = par(
        0.25, "weight", 0.0, 1.0, ASSUMPTION, "weight of department capability"
    )
    w_self_sufficiency: float = par(
        0.2, "weight", 0.0, 1.0, ASSUMPTION, "weight of self-sufficiency"
    )
    w_legacy: float = par(
        0.25, "weight", 0.0, 1.0, "DiMiOS (legacy axis)", "weight of legacy flexibility"
    )
    w_delivery: float = par(
        0.15,
        "weight",
        0.0,
        1.0,
        ASSUMPTION,
        "weight of delivery: how fast the standard change set (the probe) could be delivered",
    )
    w_trust: float = par(0.15, "weight", 0.0, 1.0, REPORT + " (tilltro)", "weight of trust")
    probe_reference_months: float = par(
        6.0,
        "months",
        1.0,
        24.0,
        REPORT + " (short sprints: small initiatives of a few months)",
        "months within which delivering the standard change set counts as full delivery",
    )
    startup_months: float = par(
        3.0,
        "months",
        0.0,
        12.0,
        ASSUMPTION,
        "probe: months to frame a need in a department with no capability",
    )
    startup_threshold_effect: float = par(
        0.5,
        "share",
        0.0,
        1.0,
        REPORT + " ('we lower the thresholds')",
        "probe: share of the start-up that fully lowered thresholds remove",
    )
    lead_time_cap_months: float = par(
        120.0, "months", 12.0, 600.0, ASSUMPTION, "probe months reported when nothing can deliver"
    )


@dataclass(frozen=True)
class Behaviour:
    """Behaviour parameters of every submodel."""

    initiatives: Initiatives = group(Initiatives, "initiatives")
    learning: Learning = group(Learning, "learning by doing")
    trust: Trust = group(Trust, "trust")
    legacy: LegacyBehaviour = group(LegacyBehaviour, "legacy")
    needs: Needs = group(Needs, "knowledge of needs and evidence about the legacy")
    strain: Strain = group(Strain, "pace and strain")
    attitudes: Attitudes = group(Attitudes, "attitudes")
    politics: Politics = group(Politics, "political will")
    outcome: Outcome = group(Outcome, "change capability")
