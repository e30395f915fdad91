#!/usr/bin/env bash
# Regenerate docs/images/ (the pictures in README.md) from examples/ with journeyctl itself:
# every example journey and workflow in every view, as DOT (docs/images/dot/) and SVG, and
# docs/rules.md from the rules' docstrings.
# Every view names DejaVu Sans (installed by bootstrap.sh), so the Latin text of the examples is
# laid out the same whatever other fonts a machine has (fonts-liberation, fonts-noto-cjk);
# docs/fonts.conf lets Graphviz see only DejaVu, so characters it lacks (CJK, emoji) do not
# depend on the fallback fonts a machine happens to have either.
# tests/test_render_docs.py fails when the committed files are not what this produces.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
rm -f docs/images/*.svg docs/images/dot/*.dot
.venv/bin/python -m journeyctl.lint.catalog > docs/rules.md
.venv/bin/journeyctl render examples/ -o docs/images/dot --format dot
FONTCONFIG_FILE="$PWD/docs/fonts.conf" .venv/bin/journeyctl render examples/ -o docs/images --format svg
# Two pages of a deck (a PDF, which README.md cannot show) as pictures: cover and pain points.
mkdir -p docs/images/deck
rm -f docs/images/deck/*.dot docs/images/deck/*.svg
for page in cover pains; do
  name="docs/images/deck/b2b-onboarding.current.$page"
  .venv/bin/python -m journeyctl.render.deck_sample \
    examples/journeys/b2b-onboarding.current.yaml "$page" > "$name.dot"
  FONTCONFIG_FILE="$PWD/docs/fonts.conf" dot -Tsvg "$name.dot" > "$name.svg"
done
# The map cut into 16:9 slides (render --page): one DOT and one SVG per sheet.
rm -rf docs/images/pages
mkdir -p docs/images/pages/dot
paged=(examples/journeys/b2b-onboarding.current.yaml --view map --page 16:9)
.venv/bin/journeyctl render "${paged[@]}" -o docs/images/pages/dot/b2b-onboarding.current.map.dot
FONTCONFIG_FILE="$PWD/docs/fonts.conf" .venv/bin/journeyctl render "${paged[@]}" \
  -o docs/images/pages/b2b-onboarding.current.map.svg
