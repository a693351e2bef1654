#!/usr/bin/env bash
# The README's install in a fresh virtualenv (packages from PyPI), then `batteryplan sweep` and
# `batteryplan report` on a small case: what a new user's first session does. Needs network to PyPI;
# takes a few minutes (mostly downloads). Usage: bash scripts/check_fresh_install.sh [WORK_DIR]
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
work="${1:-$(mktemp -d)}"
python="${PYTHON:-python3}"
echo "fresh virtualenv in $work/venv"
"$python" -m venv "$work/venv"
"$work/venv/bin/pip" install --quiet --upgrade pip
(cd "$repo" && "$work/venv/bin/pip" install --quiet .)          # the README's `pip install .`
# the small case is written by the test helpers with the interpreter that runs this script (not the venv's)
(cd "$repo" && "$python" -c "import sys; from pathlib import Path; from tests.sweep.cases import chain_case; \
chain_case(Path(sys.argv[1]), days=2)" "$work/case/inputs")
cd "$work"
"$work/venv/bin/batteryplan" sweep case/inputs --scenarios Grid-Low-B,RE-Low-B,Mixed-Low-R --out runs --workers 1
"$work/venv/bin/batteryplan" report runs --out report
test -s runs/catalog.parquet && test -s report/index.html
echo "fresh install OK: $work/runs, $work/report/index.html"
