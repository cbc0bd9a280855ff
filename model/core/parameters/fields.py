"""Declaring parameters: :func:`par` for a value, :func:`group` for a nested group."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import field
from typing import Any

Choices = tuple[str, ...] | Callable[[], tuple[str, ...]]

ASSUMPTION = "assumption"
REPORT = "Magnusson, Lindroth & Khisro 2021 (the Sundsvall report)"


def par(
    default: Any,
    unit: str,
    low: float | None,
    high: float | None,
    source: str,
    doc: str,
    *,
    choices: Choices | None = None,
) -> Any:
    """Declare a parameter field with its unit, plausible range and source.

    ``choices`` lists the allowed names, or is a function that returns them when
    asked (a registry that may grow, such as the strategies).
    """
    meta = {"unit": unit, "low": low, "high": high, "source": source, "doc": doc}
    if choices is not None:
        meta["choices"] = choices
    return field(default=default, metadata=meta)


def group(factory: Any, doc: str, element: type | None = None) -> Any:
    """Declare a nested parameter group, or a list of ``element`` groups."""
    meta = {"doc": doc, "group": True, "element": element or factory}
    return field(default_factory=factory, metadata={**meta, "sequence": element is not None})


def choices_of(meta: Mapping[str, Any]) -> tuple[str, ...] | None:
    """The allowed names of a parameter with choices, as they are now; None if it has none."""
    choices = meta.get("choices")
    return choices() if callable(choices) else choices
