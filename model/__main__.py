"""``python -m digistrat``: the same as the ``digistrat`` command."""

from .cli import main

raise SystemExit(main())
