"""The agents: departments, the digitalisation unit, the IT unit and legacy systems."""

from .department import Department
from .it_unit import ITUnit
from .legacy import LegacySystem
from .unit import DigitalisationUnit

__all__ = ["Department", "DigitalisationUnit", "ITUnit", "LegacySystem"]
