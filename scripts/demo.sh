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
echo
echo "== journeyctl stats examples/: how healthy each journey is, per team and for the project"
.venv/bin/journeyctl stats examples/
echo
echo "== journeyctl plan examples/ --owner product: one team's plan, by priority and date"
.venv/bin/journeyctl plan examples/ --owner product
echo
echo "== journeyctl render examples/ -o build/render: flow, map and blueprint of each (SVG and Mermaid)"
.venv/bin/journeyctl render examples/ -o build/render
.venv/bin/journeyctl render examples/ -o build/render --format mmd
.venv/bin/journeyctl render examples/journeys/b2b-onboarding.current.yaml --lint \
  -o build/render/b2b-onboarding.current.flow.lint.svg
ls build/render
echo
echo "== slides: the current journey's deck and its map cut into 16:9 sheets (build/slides)"
.venv/bin/journeyctl render examples/journeys/b2b-onboarding.current.yaml --view deck \
  -o build/slides/b2b-onboarding.current.deck.pdf
.venv/bin/journeyctl render examples/journeys/b2b-onboarding.current.yaml --view map \
  --page 16:9 -o build/slides/b2b-onboarding.current.map.pdf
ls build/slides
