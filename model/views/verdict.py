"""The verdict: the question, the scenarios ranked on the headline measure, and how sure.

Every sentence is computed from the runs it describes: the ranking from the
medians of the runs, the ranges from the runs themselves (:func:`.runs.run_range`),
and how sure from the paired runs (runs with the same seed) of the best scenario
and the runner-up.
"""

from __future__ import annotations

from dataclasses import dataclass

from .data import Results, month_words
from .runs import (
    FEW_RUNS,
    Measure,
    RunRange,
    median_and_range,
    paired,
    run_range,
    value_and_range,
)


@dataclass(frozen=True)
class Ranked:
    """One scenario's place on the headline measure."""

    scenario: str
    runs: RunRange


@dataclass(frozen=True)
class Verdict:
    """What the report says first.

    Attributes:
        measure: the headline measure.
        question: the question, in one sentence.
        ranking: the scenarios, best first.
        sentence: the one-line verdict with how sure it is.
        wins: paired runs in which the best beat the runner-up (None: not paired).
        pairs: paired runs of the best and the runner-up (0 when not paired).
        warning: a sentence saying the figures are indicative only, or ''.
    """

    measure: Measure
    question: str
    ranking: tuple[Ranked, ...]
    sentence: str
    wins: int | None
    pairs: int
    warning: str

    @property
    def best(self) -> str:
        """The scenario that ranks first."""
        return self.ranking[0].scenario

    @property
    def runner_up(self) -> str | None:
        """The scenario that ranks second, or None for a single scenario."""
        return self.ranking[1].scenario if len(self.ranking) > 1 else None


def rank(results: Results, measure: Measure) -> tuple[Ranked, ...]:
    """Scenarios ordered by their median on ``measure``, best first (ties keep file order)."""
    values = measure.values(results)
    ranked = [
        Ranked(s, run_range(values.loc[values["scenario"] == s, "value"]))
        for s in results.scenarios
        if (values["scenario"] == s).any()
    ]
    sign = -1.0 if measure.better == "higher" else 1.0
    return tuple(sorted(ranked, key=lambda r: sign * r.runs.median))


def verdict(results: Results, measure: Measure) -> Verdict:
    """The question, the ranking, the verdict sentence and, with few runs, a warning."""
    ranking = rank(results, measure)
    question = question_sentence(results, measure)
    best = ranking[0]
    label = results.label(best.scenario)
    value = value_and_range(best.runs, measure.unit)
    if len(ranking) == 1:
        spread = median_and_range(best.runs, measure.unit)
        sentence = (
            f"{_capital(label)} {_has(measure, alone=True)} {spread} {measure.when_words(results)}."
        )
        return Verdict(measure, question, ranking, sentence, None, 0, _warning(best.runs.n, False))
    second = ranking[1]
    pairs = paired(results, measure, best.scenario, second.scenario)
    n = len(pairs)
    wins = _wins(pairs, measure.better) if n else None
    lead = f"{_capital(label)} {_has(measure)} {measure.when_words(results)} ({value})"
    other = results.label(second.scenario)
    if wins is None:
        sentence = (
            f"{lead}; the runs of the scenarios do not share seeds, so how often it beats "
            f"the runner-up, {other}, is not known."
        )
    elif wins * 10 >= 9 * n:
        times = f"all {n}" if wins == n else f"{wins} of {n}"
        sentence = f"{lead}; it beats the runner-up, {other}, in {times} paired runs."
    elif wins * 2 > n:
        sentence = (
            f"{lead}, but its lead is not sure: it beats the runner-up, {other}, in only "
            f"{wins} of {n} paired runs."
        )
    else:
        sentence = (
            f"No scenario clearly leads on {measure.name()} {measure.when_words(results)}: "
            f"{label} has the best median ({value}), but it beats {other} in only {wins} of "
            f"{n} paired runs."
        )
    warning = _warning(n if n else min(best.runs.n, second.runs.n), bool(n))
    return Verdict(measure, question, ranking, sentence, wins, n, warning)


def _wins(pairs, better: str) -> int:
    diff = pairs["a"] - pairs["b"]
    return int((diff > 0).sum() if better != "lower" else (diff < 0).sum())


def _has(measure: Measure, alone: bool = False) -> str:
    """'leaves the most change capability', 'has the shortest ...', or for one scenario."""
    if measure.outcome == "change_capability":
        return (
            "leaves a change capability index of" if alone else "leaves the most change capability"
        )
    if alone:
        return f"has a {measure.name()} of"
    if measure.better == "lower":
        word = "shortest" if measure.unit == "months" else "lowest"
    else:
        word = "highest"
    return f"has the {word} {measure.name()}"


def _warning(n: int, paired_runs: bool) -> str:
    if n >= FEW_RUNS:
        return ""
    what = "paired run" if paired_runs else "run per scenario"
    if n != 1:
        what = "paired runs" if paired_runs else "runs per scenario"
    count = "only one" if n == 1 else f"only {n}"
    return (
        f"These figures rest on {count} {what}, so they are indicative only: "
        f"rerun with at least {FEW_RUNS} (20 or more are advisable) before acting on them."
    )


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def question_sentence(results: Results, measure: Measure) -> str:
    """The question the scenarios answer, in one sentence, from what differs between them."""
    when = measure.when_words(results)
    if len(results.scenarios) == 1:
        label = results.label(results.scenarios[0])
        if measure.outcome == "change_capability":
            return f"How much change capability does {label} leave {when}?"
        return f"What {measure.name()} does {label} give {when}?"
    choices = [words for words in (_choice(results, path) for path in DIFFERS) if words]
    if not choices:
        count = len(results.scenarios)
        return f"Which of the {count} scenarios compared {_goal_verb(measure)} {when}?"
    return f"Which {' and which '.join(choices)} {_goal_verb(measure)} {when}?"


#: Settings whose difference between scenarios names the question, with their words.
DIFFERS = ("strategy.kind", "funding.investment.enabled", "funding.programme.end")
STRATEGY_WORDS = {
    "small_steps": "small steps",
    "big_bang": "big bang",
    "capability_only": "capability work only",
    "order_from_it": "ordering from IT",
    "hybrid": "a hybrid",
    "adaptive": "an adaptive strategy",
}


def _setting(results: Results, scenario: str, path: str):
    record = results.manifest.scenario(scenario)
    value = record.resolved if record else {}
    for key in path.split("."):
        value = value.get(key) if isinstance(value, dict) else None
    return value


def _choice(results: Results, path: str) -> str:
    values = list(dict.fromkeys(_setting(results, s, path) for s in results.scenarios))
    if len(values) < 2 or None in values:
        return ""
    if path == "strategy.kind":
        names = [STRATEGY_WORDS.get(str(v), str(v).replace("_", " ")) for v in values]
        return f"way of handling the digital legacy ({_or(names)})"
    if path == "funding.investment.enabled":
        return "funding (with or without long-term investment money)"
    ends = [month_words(str(v)) for v in values]
    return f"end of programme money ({_or(ends)})"


def _or(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _goal_verb(measure: Measure) -> str:
    if measure.outcome == "change_capability":
        return "leaves the municipality most able to change"
    word = "lowest" if measure.better == "lower" else "highest"
    return f"gives the {word} {measure.name()}"
