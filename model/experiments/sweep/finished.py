"""A sweep's results directory that may be read again: every run stored, no one writing it.

``digistrat sweep --replot DIR`` and ``digistrat discover DIR`` read the tables a
finished sweep wrote. A sweep stopped part-way (Ctrl-C, a kill) has no such tables
yet, and one still running holds the directory's lock (:data:`..layout.LOCK`);
both are refused with what to do instead.
"""

from __future__ import annotations

from pathlib import Path

from ..layout import SWEEP, Manifest, ResultsError, read_manifest
from ..target import lock_holder


def finished_sweep(folder: Path) -> Manifest:
    """The manifest of the sweep in ``folder``, when its runs are all stored and no one writes it.

    Raises:
        ResultsError: if ``folder`` is not a sweep's results directory, another
            digistrat process is writing it, or its runs are not all stored.
    """
    folder = Path(folder)
    manifest = read_manifest(folder)
    if manifest.kind != SWEEP:
        raise ResultsError(f"{folder} is not a sweep's results directory")
    if holder := lock_holder(folder):
        raise ResultsError(
            f"{folder} is locked: another digistrat process ({holder}) is writing it; "
            "wait for it to finish (it draws the plots itself)"
        )
    status = (manifest.runs or {}).get("status")
    if status != "complete":
        source = (manifest.experiment or {}).get("source") or "EXPERIMENT"
        raise ResultsError(
            f"{folder} holds an incomplete sweep (status {status!r}: it stopped before "
            f"every run was stored); finish it with: digistrat sweep {source} --out "
            f"{folder} --resume"
        )
    return manifest
