"""Declaring parameters: :func:`par` for a value, :func:`group` for a nested group."""

from __future__ import annotations

from dataclasses import field
from typing import Any

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
    choices: tuple[str, ...] | None = None,
) -> Any:
    """Declare a parameter field with its unit, plausible range and source."""
    meta = {"unit": unit, "low": low, "high": high, "source": source, "doc": doc}
    if choices is not None:
        meta["choices"] = choices
    return field(default=default, metadata=meta)


def group(factory: Any, doc: str, element: type | None = None) -> Any:
    """Declare a nested parameter group, or a list of ``element`` groups."""
    meta = {"doc": doc, "group": True, "element": element or factory}
    return field(default_factory=factory, metadata={**meta, "sequence": element is not None})
