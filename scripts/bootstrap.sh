#!/usr/bin/env bash
# Create .venv and install journeyctl with its development tools. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
# An editable install leaves compiling to the first import, which writes no bytecode where
# PYTHONDONTWRITEBYTECODE is set (some CI images): every run would compile journeyctl again
# (~70 ms). Compile it once now; an edited module is compiled again in memory, as usual.
.venv/bin/python -m compileall -q src/journeyctl >/dev/null
# Graphviz's `dot` draws `journeyctl render`'s SVG, PNG and PDF: a system package, not a Python
# one (.dot and .mmd output need none). DejaVu Sans is the font every view names, so the same
# input draws the same SVG on every machine that ran this. Each installed only when missing;
# sudo only when not root.
PACKAGES=()
command -v dot >/dev/null 2>&1 || PACKAGES+=(graphviz)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || PACKAGES+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans-Oblique.ttf ] || PACKAGES+=(fonts-dejavu-extra)  # real italics
if [ "${#PACKAGES[@]}" -gt 0 ]; then
  if command -v apt-get >/dev/null 2>&1; then
    SUDO=""
    if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
    $SUDO apt-get update -qq
    $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}"
  else
    echo "bootstrap: install ${PACKAGES[*]} (e.g. brew install graphviz) for render's SVG, PNG and PDF" >&2
  fi
fi
