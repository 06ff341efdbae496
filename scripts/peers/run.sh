#!/usr/bin/env bash
# Scores the peers a user would pick instead of defuse (alt-profanity-check and VADER)
# on the same dev splits that `defuse eval` reports on.
#
# Usage: scripts/peers/run.sh [DATA_DIR] [--json OUT]
#   DATA_DIR defaults to ../shared/data next to the repository root.
#   PEERS_VENV picks the virtualenv directory (default: target/peers-venv in the repository).
#   PYTHON picks the interpreter that creates it (default: python3; tested with CPython 3.11).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
venv="${PEERS_VENV:-$root/target/peers-venv}"

# Pinned so that the figures can be reproduced; alt-profanity-check ships a pickled
# scikit-learn model, so scikit-learn and joblib are pinned alongside it.
pins=(
  alt-profanity-check==1.9.1
  scikit-learn==1.9.1
  joblib==1.6.0
  numpy==2.4.6
  scipy==1.17.1
  vaderSentiment==3.3.2
)

if [[ ! -x "$venv/bin/python" ]]; then
  "${PYTHON:-python3}" -m venv "$venv"
fi
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "${pins[@]}"

exec "$venv/bin/python" "$here/peers.py" "$@"
