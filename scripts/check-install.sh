#!/usr/bin/env bash
# Install journeyctl as a user outside this clone would: build the wheel, install it into a
# fresh virtual environment, then lint and render examples/ with that copy from another folder.
# Catches files missing from the package. Run by scripts/test.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
.venv/bin/python -m pip wheel --quiet --disable-pip-version-check --no-deps -w "$WORK/dist" .
python3 -m venv "$WORK/venv"
"$WORK/venv/bin/python" -m pip install --quiet --disable-pip-version-check "$WORK"/dist/journeyctl-*.whl
cd "$WORK"
"$WORK/venv/bin/journeyctl" --version
"$WORK/venv/bin/journeyctl" lint "$ROOT/examples" --fail-on never --quiet
"$WORK/venv/bin/journeyctl" render "$ROOT/examples" -o "$WORK/render" --format dot
"$WORK/venv/bin/journeyctl" init "$WORK/project"
"$WORK/venv/bin/journeyctl" lint "$WORK/project" --fail-on error --quiet
echo "check-install: the wheel installs and runs outside the clone"
