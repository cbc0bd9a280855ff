"""Every parameter of the model, with unit, default, plausible range and source.

Parameters are frozen dataclasses. Each scalar field is declared with :func:`par`,
which records its unit, range, source and meaning in the field's metadata. The
scenario schema, the range checks and ``docs/parameters.md`` are all generated from
these declarations, so they cannot drift apart.

Money is in MSEK (millions of Swedish kronor), staff in FTE (full-time
equivalents), time in months unless a name says otherwise, and every share, index
and level is a fraction in [0, 1].
"""

from .behaviour import Attitudes, Behaviour, Learning, Outcome, Politics, Strain, Trust
from .checks import MAX_HORIZON_MONTHS, ParameterError, check, iter_parameters, parameter_fields
from .fields import ASSUMPTION, REPORT, choices_of, group, par
from .funding import Funding, InvestmentFunding, OperatingFunding, ProgrammeFunding
from .initiatives import Initiatives
from .legacy import LegacyBehaviour, Needs
from .organisation import DepartmentParams, ITParams, LegacySystemParams, Organisation, UnitParams
from .paths import from_dict, replace_path, to_dict
from .root import Event, Parameters
from .strategy import Horizon, StrategyParams

__all__ = [
    "ASSUMPTION",
    "MAX_HORIZON_MONTHS",
    "REPORT",
    "Attitudes",
    "Behaviour",
    "DepartmentParams",
    "Event",
    "Funding",
    "Horizon",
    "ITParams",
    "Initiatives",
    "InvestmentFunding",
    "LegacyBehaviour",
    "LegacySystemParams",
    "Learning",
    "Needs",
    "OperatingFunding",
    "Organisation",
    "Outcome",
    "ParameterError",
    "Parameters",
    "Politics",
    "ProgrammeFunding",
    "Strain",
    "StrategyParams",
    "Trust",
    "UnitParams",
    "check",
    "choices_of",
    "from_dict",
    "group",
    "iter_parameters",
    "parameter_fields",
    "par",
    "replace_path",
    "to_dict",
]
