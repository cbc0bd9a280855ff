"""What the scenario discovery and robustness analysis of a lever experiment asks.

From the experiment file's ``discovery:`` and ``robustness:`` sections, or from the
options of ``digistrat discover``:

- **pairs** of choices (values of the first lever) to compare, e.g.
  ``[small_steps, big_bang]``; by default the first choice against each other one;
- the **measures** to discover on (default: every outcome with a better direction);
- a **margin** in the measure's unit: a run counts for the challenger when it is
  better by more than ``-margin`` (0: strictly better);
- PRIM's ``peel_alpha`` and ``mass_min``, and a seed for feature scoring and for
  the half-sample reruns of PRIM that test the box (``resamples`` of them);
- **thresholds** for satisficing, written ``MEASURE >= VALUE`` or ``MEASURE <= VALUE``.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, field
from typing import Any

_THRESHOLD = re.compile(r"^\s*(?P<measure>\S+?)\s*(?P<op>>=|<=)\s*(?P<value>\S+)\s*$")
THRESHOLD_FORM = "MEASURE >= VALUE or MEASURE <= VALUE, e.g. change_capability@2026-12 >= 0.45"


class SettingsError(ValueError):
    """A discovery or robustness setting is not usable; the message says why."""


@dataclass(frozen=True)
class Threshold:
    """A satisficing threshold: ``measure`` at least (``>=``) or at most (``<=``) ``value``."""

    measure: str
    op: str
    value: float

    @property
    def text(self) -> str:
        """As written: ``change_capability@2026-12 >= 0.45``."""
        return f"{self.measure} {self.op} {self.value:g}"

    def met(self, values):
        """Whether each of ``values`` meets the threshold (NaN never does)."""
        return values >= self.value if self.op == ">=" else values <= self.value


def parse_threshold(text: object) -> Threshold:
    """Read ``MEASURE >= VALUE`` or ``MEASURE <= VALUE``.

    Raises:
        SettingsError: if the text has another form or the value is not a finite number.
    """
    match = _THRESHOLD.match(text) if isinstance(text, str) else None
    if match is None:
        raise SettingsError(f"{text!r} is not a threshold; write {THRESHOLD_FORM}")
    try:
        value = float(match["value"])
    except ValueError:
        raise SettingsError(f"{text!r}: {match['value']!r} is not a number") from None
    if not math.isfinite(value):
        raise SettingsError(f"{text!r}: the value must be a finite number")
    return Threshold(match["measure"], match["op"], value)


@dataclass(frozen=True)
class DiscoverySettings:
    """The questions of a discovery and robustness analysis.

    Attributes:
        pairs: pairs of choices (labels of the first lever's values) to compare.
        measures: the measures to discover on.
        thresholds: satisficing thresholds.
        margin: a run counts for the challenger when it is better by more than
            ``-margin`` (in the measure's unit; 0: strictly better).
        peel_alpha: the share of points PRIM peels off in each step.
        mass_min: the smallest share of the points a PRIM box may hold.
        seed: seeds feature scoring and the half-sample reruns of PRIM.
        resamples: half-sample reruns of PRIM that test which limits recur.
    """

    pairs: tuple[tuple[str, str], ...] = ()
    measures: tuple[str, ...] = ()
    thresholds: tuple[Threshold, ...] = ()
    margin: float = 0.0
    peel_alpha: float = 0.05
    mass_min: float = 0.05
    seed: int = 1
    resamples: int = 10
    notes: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain data for the manifest."""
        data = asdict(self)
        data["pairs"] = [list(p) for p in self.pairs]
        data["thresholds"] = [t.text for t in self.thresholds]
        data.pop("notes")
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DiscoverySettings:
        """Read what :meth:`to_dict` wrote."""
        values = dict(data)
        values["pairs"] = tuple(tuple(p) for p in values.get("pairs", ()))
        values["measures"] = tuple(values.get("measures", ()))
        values["thresholds"] = tuple(parse_threshold(t) for t in values.get("thresholds", ()))
        known = {k: v for k, v in values.items() if k in cls.__dataclass_fields__}
        return cls(**known)


def default_pairs(choices: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The first choice against each other one."""
    return tuple((choices[0], other) for other in choices[1:])


def check_pairs(pairs, choices: tuple[str, ...]) -> tuple[tuple[str, str], ...]:
    """The pairs as tuples of two different known choices.

    Raises:
        SettingsError: naming the pair, the unknown choice and the known ones.
    """
    from ...scenario.errors import did_you_mean

    known = {c: c for c in choices} | {c.split("=", 1)[1]: c for c in choices if "=" in c}
    out = []
    for pair in pairs:
        words = [str(c).lower() if isinstance(c, bool) else _text(c) for c in pair]
        if len(words) != 2:
            raise SettingsError(f"pair {words}: give two choices")
        for c in words:
            if c not in known:
                hint = did_you_mean(c, choices)
                raise SettingsError(
                    f"pair {words}: {c!r} is not a value of the first lever "
                    f"(known: {', '.join(choices)})" + (f"; {hint}" if hint else "")
                )
        a, b = known[words[0]], known[words[1]]
        if a == b:
            raise SettingsError(f"pair {words}: give two different choices")
        out.append((a, b))
    return tuple(out)


def _text(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
