#!/usr/bin/env bash
# Regenerate docs/images/ (the pictures in README.md) from examples/ with journeyctl itself:
# every example journey and workflow in every view, as SVG. tests/test_render_docs.py fails
# when the committed pictures are not what this produces.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
rm -f docs/images/*.svg
.venv/bin/journeyctl render examples/ -o docs/images --format svg
