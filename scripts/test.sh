#!/usr/bin/env bash
# Set up .venv (if needed) and run the whole test suite, slow tests included.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check model tests scripts benchmarks
.venv/bin/python -m pytest -n 2 "$@"
