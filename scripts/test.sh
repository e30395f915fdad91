#!/usr/bin/env bash
# Set everything up, then run every check CI runs: ruff, mypy --strict, the import contracts,
# the installed wheel, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/bootstrap.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/mypy
.venv/bin/lint-imports
bash scripts/check-install.sh
.venv/bin/python -m pytest -W error "$@"
