#!/usr/bin/env bash
# Create .venv with Python >= 3.12 and install digistrat with its test tools and the app.
# Usage: bash scripts/setup.sh   (idempotent; quiet when already set up)
set -euo pipefail
cd "$(dirname "$0")/.."
find_python() {
    for cand in "${DIGISTRAT_PYTHON:-}" python3.13 python3.12 python3; do
        [ -n "$cand" ] || continue
        if "$cand" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 12) else 1)' 2>/dev/null; then
            echo "$cand"; return 0
        fi
    done
    for dir in $(ls -d "$HOME"/.pyenv/versions/3.1[2-9]* 2>/dev/null | sort -rV); do
        [ -x "$dir/bin/python3" ] && { echo "$dir/bin/python3"; return 0; }
    done
    return 1
}
if [ ! -x .venv/bin/python ]; then
    py=$(find_python) || { echo "digistrat needs Python >= 3.12; none found (set DIGISTRAT_PYTHON)" >&2; exit 2; }
    "$py" -m venv .venv
fi
.venv/bin/python -c 'import sys; assert sys.version_info >= (3, 12), sys.version' || {
    echo ".venv has Python < 3.12; remove .venv and rerun" >&2; exit 2; }
stamp=.venv/.digistrat-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e ".[test,app]"
    touch "$stamp"
fi
