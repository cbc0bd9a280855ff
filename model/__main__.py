"""``python -m digistrat``: the same as the ``digistrat`` command."""

from .console import main

raise SystemExit(main())
