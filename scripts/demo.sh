#!/usr/bin/env bash
# Set everything up, then run journeyctl on examples/ the way a team's CI would.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
echo "== journeyctl lint examples/ (the current journey shows what the optimized one fixes)"
.venv/bin/journeyctl lint examples/ --fail-on never
echo
echo "== the optimized journey, the workflow and the personas: no errors (exit 0)"
.venv/bin/journeyctl lint --fail-on error \
  examples/journeys/b2b-onboarding.optimized.yaml examples/workflows examples/personas
