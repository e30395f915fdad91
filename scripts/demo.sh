#!/usr/bin/env bash
# Set everything up, then run journeyctl on examples/ the way a team's CI would.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo "== journeyctl lint examples/ (the current journey shows what the optimized one fixes)"
.venv/bin/journeyctl lint examples/ --fail-on never
echo
echo "== journeyctl lint --fail-on info: the optimized journey, the workflow and personas are clean"
.venv/bin/journeyctl lint --fail-on info \
  examples/journeys/b2b-onboarding.optimized.yaml examples/workflows examples/personas
