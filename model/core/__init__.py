"""The model core: agents, mechanisms, strategies, funding, outcomes and parameters.

It takes parameter objects and knows nothing of files, processes, plots or the
terminal: nothing here imports the scenario, experiments or views layers.
"""

from .model import DigitalisationModel
from .parameters import ParameterError, Parameters, check, from_dict, replace_path, to_dict
from .result import RunResult
from .run import build_model, run

__all__ = [
    "DigitalisationModel",
    "ParameterError",
    "Parameters",
    "RunResult",
    "build_model",
    "check",
    "from_dict",
    "replace_path",
    "run",
    "to_dict",
]
