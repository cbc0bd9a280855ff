"""Reading an experiment file's ``levers:``, ``discovery:`` and ``robustness:`` sections.

Levers are read like factors given as lists of values (:mod:`.ranges`); the
discovery and robustness sections become one :class:`.DiscoverySettings`, checked
against the levers and the outcomes of the file.
"""

from __future__ import annotations

from ...core.columns import OUTCOMES
from ...core.parameters import Parameters
from .factors import Factor
from .levers import MAX_POLICIES, choices, policy_count
from .measures import Measure
from .ranges import Fail, read_factor
from .schema import ExperimentSpec
from .settings import (
    DiscoverySettings,
    SettingsError,
    check_pairs,
    default_pairs,
    parse_threshold,
)


def read_levers(
    spec: ExperimentSpec, factors: tuple[Factor, ...], params: Parameters, fail: Fail
) -> tuple[Factor, ...]:
    """The levers of the file, each a list of values; () when it names none.

    Raises:
        ExperimentError: a lever without a list of values, one that is also an
            uncertain parameter, or too many policies.
    """
    if not spec.levers:
        return ()
    paths = {f.path for f in factors}
    levers = []
    for path, entry in spec.levers.items():
        loc = ("levers", path)
        if entry.values is None or entry.low is not None or entry.high is not None:
            raise fail(
                loc,
                "a lever is a list of the settings to compare",
                allowed="values: [a, b, ...], e.g. "
                "strategy.kind: {values: [small_steps, big_bang]}",
            )
        if path in paths:
            raise fail(loc, "is both an uncertain parameter and a lever; name it once")
        levers.append(read_factor(path, entry, params, fail, section="levers"))
    levers = tuple(levers)
    if policy_count(levers) > MAX_POLICIES:
        raise fail(
            ("levers",),
            f"the levers make {policy_count(levers)} combinations; at most {MAX_POLICIES}",
        )
    return levers


def read_questions(
    spec: ExperimentSpec, levers: tuple[Factor, ...], measures: tuple[Measure, ...], fail: Fail
) -> DiscoverySettings | None:
    """The discovery and robustness settings of a lever experiment, else None.

    Raises:
        ExperimentError: a ``discovery:`` or ``robustness:`` section without levers,
            an unknown choice in a pair, or a measure that is not an outcome of the file.
    """
    if not levers:
        for key in ("discovery", "robustness"):
            if getattr(spec, key) is not None:
                raise fail((key,), f"{key} compares levers; name them under 'levers:'")
        return None
    d = spec.discovery
    names = [m.name for m in measures]
    try:
        pairs = check_pairs(d.pairs, choices(levers)) if d and d.pairs else None
    except SettingsError as exc:
        raise fail(("discovery", "pairs"), str(exc)) from None
    if pairs is None:
        pairs = default_pairs(choices(levers))
    chosen = tuple(d.outcomes) if d and d.outcomes else tuple(n for n in names if directed(n))
    for i, name in enumerate(chosen):
        if problem := measure_problem(name, names):
            raise fail(("discovery", "outcomes", i), problem, value=name)
    thresholds = []
    for i, text in enumerate(spec.robustness.satisficing if spec.robustness else ()):
        loc = ("robustness", "satisficing", i)
        try:
            threshold = parse_threshold(text)
        except SettingsError as exc:
            raise fail(loc, str(exc)) from None
        if threshold.measure not in names:
            raise fail(loc, f"{threshold.measure} is not an outcome of this file", value=text)
        thresholds.append(threshold)
    tuning = {"margin", "peel_alpha", "mass_min", "seed", "resamples"}
    extra = d.model_dump(include=tuning) if d else {}
    return DiscoverySettings(pairs, chosen, tuple(thresholds), **extra)


def directed(measure: str) -> bool:
    """The measure's outcome has a better direction (higher or lower)."""
    info = OUTCOMES.get(measure.partition("@")[0])
    return bool(info and info.better)


def measure_problem(name: str, names: list[str]) -> str:
    """Why ``name`` cannot be discovered on among the file's outcomes ``names``, or ''."""
    if name not in names:
        return f"is not an outcome of the experiment (its outcomes: {', '.join(names)})"
    if not directed(name):
        return "has no better direction (neither higher nor lower is better)"
    return ""
