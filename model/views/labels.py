"""Parameters in plain words, with their units, from the parameter metadata.

``behaviour.strain.pace`` reads "Pace" with the unit "ratio" and the meaning "work
taken on per sustainable capacity (1.0 is sustainable)", all taken from the field's
declaration (:func:`digistrat.core.parameters.iter_parameters`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..core.parameters import iter_parameters

#: Units that need no word after a number (fractions, indexes and levels).
UNITLESS = {"share", "index", "probability", "ratio", "level", "weight", "flag", "name", "exponent"}
#: Names that read better with their group's name: 'brake' alone says little.
WITH_GROUP = {"rate", "gain", "loss", "brake", "drag", "interest", "build", "recovery", "will"}
#: Names that the rules above would give badly.
NAMES = {
    "funding.programme.annual_msek": "Programme money",
    "funding.investment.annual_ceiling_msek": "Investment ceiling",
    "funding.operating.annual_msek": "Operating money",
    "organisation.it.move_fte": "IT staff moved",
    "organisation.it.move_month": "Month IT staff move",
    "strategy.modernisation_months": "Modernisation duration",
    "strategy.kind": "Strategy",
}
_STRATEGY_NOTE = re.compile(r"^[a-z_/]+: ")


@dataclass(frozen=True)
class ParameterWords:
    """How to name one parameter for a reader."""

    path: str
    name: str
    meaning: str
    unit: str
    low: float | None
    high: float | None

    def label(self) -> str:
        """'Pace (ratio)' or 'Programme annual (MSEK/year)': for an axis."""
        return self.name if self.unit in ("", "flag", "name") else f"{self.name} ({self.unit})"

    def value(self, number: float) -> str:
        """A value of the parameter with its unit: '0.12', '30 MSEK/year', '24 months'."""
        text = f"{number:.3g}"
        return text if self.unit in UNITLESS else f"{text} {self.unit}"


@functools.cache
def _table() -> dict[str, tuple[str, dict]]:
    return {path: (path, dict(f.metadata)) for path, f in iter_parameters()}


def generic_path(path: str) -> tuple[str, str]:
    """('organisation.departments[].willingness', 'education') for an element's path."""
    table = _table()
    if path in table:
        return path, ""
    parts = path.split(".")
    for i in range(1, len(parts) - 1):
        candidate = ".".join(parts[:i]) + "[]." + ".".join(parts[i + 1 :])
        if candidate in table:
            return candidate, parts[i]
    return path, ""


def words(path: str) -> ParameterWords:
    """Plain words for the parameter at dotted ``path`` (list elements by name or index).

    A path that is not a parameter keeps its last part as its name and has no unit.
    """
    generic, element = generic_path(path)
    found = _table().get(generic)
    parts = generic.replace("[]", "").split(".")
    last = parts[-1]
    name = re.sub(r"_(msek|fte|months|years)$", "", last).replace("_", " ")
    if last in WITH_GROUP and len(parts) > 1:
        name = f"{parts[-2].replace('_', ' ')} {name}"
    name = NAMES.get(generic, name)
    if element:
        name = f"{element.replace('_', ' ')}: {name}"
    name = name[:1].upper() + name[1:]
    if found is None:
        return ParameterWords(path, name, "", "", None, None)
    meta = found[1]
    meaning = _STRATEGY_NOTE.sub("", str(meta.get("doc", "")))
    return ParameterWords(
        path, name, meaning, str(meta.get("unit", "")), meta.get("low"), meta.get("high")
    )


def axis_label(path: str) -> str:
    """'Pace (ratio)': the parameter's plain name and unit, for an axis or a tick."""
    return words(path).label()
