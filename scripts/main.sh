#!/usr/bin/env bash
# Quick start: set up, compare the four core scenarios, print the verdict, and end with
# the path of the report (whose first lines are the verdict).
#
# Usage: bash scripts/main.sh [REPLICATIONS]
#   REPLICATIONS  paired seeds per scenario (default 20; under a minute or two on 2 cores)
#   JOBS=N        worker processes (default 2)
#   OUT=DIR       results directory (default results/core; replaced if it exists)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh

reps="${1:-20}"
jobs="${JOBS:-2}"
out="${OUT:-results/core}"

.venv/bin/digistrat compare \
    scenarios/small_steps__programme_2022.yaml \
    scenarios/big_bang__programme_2022.yaml \
    scenarios/small_steps__investment.yaml \
    scenarios/big_bang__investment.yaml \
    --replications "$reps" --jobs "$jobs" --out "$out" --force

echo
echo "Where to look:"
echo "  plots:       $out/plots/ (change_capability, maturity_plane, comparison, ...)"
echo "  comparison:  $out/comparison.csv (paired differences, 95% CI, P(A better))"
echo "  per run:     $out/summary.csv; all months: $out/timeseries.parquet"
echo "  as text:     $out/report.md"
echo "The report, verdict first (open it in a browser):"
echo "$out/report.html"
