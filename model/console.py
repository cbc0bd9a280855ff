"""The ``digistrat`` command's entry point: Ctrl-C is handled from the first moment.

Importing the command's modules takes about a second; a Ctrl-C in that second
would otherwise end in a traceback. This module imports nothing heavy, so the
interruption is caught here and reported in one line with exit code 130.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence


def main(argv: Sequence[str] | None = None) -> int:
    """Run :func:`digistrat.cli.main`; a Ctrl-C before it can handle one exits 130."""
    try:
        from .cli import main as command

        return command(argv)
    except KeyboardInterrupt:
        print(
            "digistrat: interrupted before the command started; nothing was done",
            file=sys.stderr,
        )
        return 130
