"""digistrat: an agent-based simulation of how a municipality digitalises.

Public API::

    from digistrat import Parameters, build_model, run, replace_path
    result = run(Parameters(), seed=1)
    result.timeseries      # one row per month, one column per outcome
    result.initiatives     # one row per initiative
    result.departments     # one row per department and month
"""

from .core import (
    ParameterError,
    Parameters,
    RunResult,
    build_model,
    check,
    from_dict,
    replace_path,
    run,
    to_dict,
)

__all__ = [
    "Parameters",
    "ParameterError",
    "RunResult",
    "build_model",
    "check",
    "from_dict",
    "replace_path",
    "run",
    "to_dict",
]
__version__ = "0.1.0"
