"""The one error an experiment file can raise, shared by its schema and its loader."""

from __future__ import annotations

from ...scenario.errors import ScenarioError


class ExperimentError(ScenarioError):
    """An experiment file cannot be used; every issue names file, line, field and rule."""
