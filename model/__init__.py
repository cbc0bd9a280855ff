"""digistrat: an agent-based simulation of how a municipality digitalises.

Public API::

    from digistrat import Parameters, build_model, run, replace_path
    result = run(Parameters(), seed=1)
    result.timeseries      # one row per month, one column per outcome
    result.initiatives     # one row per initiative
    result.departments     # one row per department and month

The names are those of :mod:`digistrat.core`, imported on first use, so that
importing the package alone (as the ``digistrat`` command does before it can
handle Ctrl-C) costs nothing.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        from . import core

        value = getattr(core, name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'digistrat' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
